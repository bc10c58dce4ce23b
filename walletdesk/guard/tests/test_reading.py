"""What the guard reads together: a submission's fields as one text in the order given, after
the earlier text of the same writer; each finding mapped back to the fields it touches."""

from walletdesk.chain.secret_guard import PLACEHOLDERS, SecretKind
from walletdesk.guard.services import secret_scan

PHRASE = "abandon amount liar amount expire adjust cage candy arch gather drum buyer"
FIRST, SECOND = " ".join(PHRASE.split()[:6]), " ".join(PHRASE.split()[6:])
HEX_KEY = "4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318"
HIDDEN = PLACEHOLDERS[SecretKind.RECOVERY_PHRASE]


def test_each_half_alone_is_nothing_but_the_fields_together_are_a_phrase() -> None:
    assert not secret_scan({"subject": FIRST}).found
    assert not secret_scan({"description": SECOND}).found

    scan = secret_scan({"subject": f"请看 {FIRST}", "description": f"{SECOND} thanks"})

    assert scan.fields == ["subject", "description"]
    assert scan.kinds == ["recovery_phrase"]
    masked = scan.masked({"subject": f"请看 {FIRST}", "description": f"{SECOND} thanks"})
    assert masked == {"subject": f"请看 {HIDDEN}", "description": f"{HIDDEN} thanks"}


def test_spans_are_in_each_fields_own_text() -> None:
    scan = secret_scan({"memo": f"x {FIRST}", "amount": f"{SECOND} y"})

    (memo,) = scan.findings["memo"]
    (amount,) = scan.findings["amount"]
    assert (memo.start, memo.end) == (2, 2 + len(FIRST))
    assert (amount.start, amount.end) == (0, len(SECOND))


def test_empty_fields_between_do_not_separate_the_halves() -> None:
    scan = secret_scan({"asset": FIRST, "tx_hash": "", "address": "", "memo": SECOND})

    assert scan.fields == ["asset", "memo"]
    assert scan.findings["tx_hash"] == ()


def test_a_label_in_one_field_makes_the_next_fields_hex_a_key() -> None:
    assert not secret_scan({"description": HEX_KEY}).found

    scan = secret_scan({"subject": "我的私钥", "description": HEX_KEY})

    assert scan.kinds == ["private_key"]
    assert scan.fields == ["description"]
    assert HEX_KEY not in scan.masked({"description": HEX_KEY})["description"]


def test_earlier_text_is_read_along_but_only_the_new_text_is_reported_and_masked() -> None:
    scan = secret_scan({"body": f"{SECOND} 谢谢"}, context=["第一条", f"前半部分 {FIRST}"])

    assert scan.fields == ["body"]
    assert list(scan.findings) == ["body"]
    assert scan.masked({"body": f"{SECOND} 谢谢"}) == {"body": f"{HIDDEN} 谢谢"}


def test_a_secret_wholly_in_the_earlier_text_does_not_refuse_the_new_text() -> None:
    scan = secret_scan({"body": "到账了吗？"}, context=[f"助记词 {PHRASE}"])

    assert not scan.found


def test_refusal_names_the_fields_and_carries_only_their_masked_text() -> None:
    values = {"subject": FIRST, "description": SECOND, "asset": "USDT"}

    refusal = secret_scan(values).refusal(values)

    assert refusal == {
        "fields": ["subject", "description"],
        "masked": {"subject": HIDDEN, "description": HIDDEN},
    }
