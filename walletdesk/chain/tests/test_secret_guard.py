"""The secret guard: phrase and key shapes, masking, agents' requests, the corpus figures."""

import re

import base58
import pytest
from mnemonic import Mnemonic

from walletdesk.chain.secret_guard import (
    PLACEHOLDERS,
    RequestKind,
    SecretKind,
    find_secret_requests,
    find_secrets,
    mask_secrets,
)
from walletdesk.chain.tests.corpus import NEGATIVE, UNLABELLED_HEX, positives

KEY = "1f" * 32
WORDS_EN = Mnemonic("english").to_mnemonic(bytes(range(16))).split(" ")
WORDS_ZH = Mnemonic("chinese_simplified").to_mnemonic(bytes(range(16, 32))).split(" ")


def _kinds(text: str) -> list[SecretKind]:
    return [finding.kind for finding in find_secrets(text)]


# --- the corpus -------------------------------------------------------------------------------


def test_corpus_precision_and_recall(capsys: pytest.CaptureFixture[str]) -> None:
    cases = positives()
    true_positives = false_positives = 0
    missed: list[str] = []
    for case in cases:
        findings = find_secrets(case.text)
        hit = [
            f for f in findings if f.kind == case.kind and f.start <= case.start < case.end <= f.end
        ]
        true_positives += bool(hit)
        false_positives += sum(1 for f in findings if f.end <= case.start or f.start >= case.end)
        if not hit:
            missed.append(case.label)
    for text in NEGATIVE + UNLABELLED_HEX:
        false_positives += len(find_secrets(text))

    recall = true_positives / len(cases)
    precision = true_positives / (true_positives + false_positives)
    with capsys.disabled():
        print(
            f"\nsecret guard corpus: {len(cases)} secrets, {len(NEGATIVE) + len(UNLABELLED_HEX)} "
            f"clean texts; recall {recall:.4f}, precision {precision:.4f}, "
            f"false positives {false_positives}"
        )

    assert missed == []
    assert recall == 1.0
    assert precision >= 0.99


def test_negative_corpus_is_large_and_varied() -> None:
    chinese = [t for t in NEGATIVE if re.search(r"[\u4e00-\u9fff]", t)]
    long_chinese = [t for t in chinese if len(t) >= 60]

    assert len(NEGATIVE) >= 40
    assert len(chinese) >= 20
    assert len(long_chinese) >= 8


@pytest.mark.parametrize("text", NEGATIVE)
def test_clean_support_text_is_not_flagged(text: str) -> None:
    assert find_secrets(text) == []
    assert mask_secrets(text) == text


def test_prose_clauses_on_their_own_lines_are_not_flagged() -> None:
    # The hardest case for the no-separator rule: short Chinese lines standing alone.
    han = re.sub(r"[^\u4e00-\u9fff]", "", "".join(NEGATIVE))
    lines = [han[i : i + n] for n in (12, 15, 18, 21, 24) for i in range(0, len(han) - n, 3)]

    flagged = [line for line in lines if find_secrets(f"\n{line}\n")]

    assert len(flagged) <= len(lines) // 100


@pytest.mark.parametrize("text", UNLABELLED_HEX)
def test_hex_without_key_wording_is_a_hash_not_a_key(text: str) -> None:
    assert find_secrets(text) == []


# --- phrases ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        " ".join(WORDS_EN),
        "\n".join(WORDS_EN),
        "，".join(WORDS_EN),
        " ".join(f"{i}. {w}" for i, w in enumerate(WORDS_EN, 1)),
        "".join(WORDS_ZH),
        " ".join(WORDS_ZH),
        "、".join(WORDS_ZH),
    ],
)
def test_phrase_shapes(text: str) -> None:
    findings = find_secrets(f"助记词：{text}")

    assert [f.kind for f in findings] == [SecretKind.RECOVERY_PHRASE]
    assert findings[0].checksum_valid
    assert findings[0].words == 12


@pytest.mark.parametrize("language", ["japanese", "korean", "spanish", "french", "italian",
                                      "czech", "portuguese"])  # fmt: skip
def test_other_wordlists(language: str) -> None:
    mnemo = Mnemonic(language)
    phrase = mnemo.to_mnemonic(bytes(range(100, 116)))

    findings = find_secrets(f"please help, my words: {phrase}")

    assert [f.language for f in findings] == [language]


def test_spanish_phrase_typed_without_accents() -> None:
    mnemo = Mnemonic("spanish")
    phrase = mnemo.to_mnemonic(bytes(range(50, 66)))
    plain = "".join(c for c in __import__("unicodedata").normalize("NFKD", phrase) if ord(c) < 128)

    assert _kinds(plain) == [SecretKind.RECOVERY_PHRASE]


def test_english_run_without_checksum_is_still_flagged_as_likely() -> None:
    broken = [*WORDS_EN[:11], "zoo" if WORDS_EN[11] != "zoo" else "abandon"]

    findings = find_secrets(" ".join(broken))

    assert len(findings) == 1
    assert findings[0].kind == SecretKind.RECOVERY_PHRASE


def test_chinese_run_without_checksum_and_without_separators_is_not_flagged() -> None:
    shuffled = WORDS_ZH[1:] + WORDS_ZH[:1]

    assert (
        find_secrets("".join(shuffled)) == [] or find_secrets("".join(shuffled))[0].checksum_valid
    )


def test_spans_point_into_the_original_text_with_full_width_characters() -> None:
    phrase = "，".join(WORDS_ZH)
    text = f"①　ＡＢＣ\u200b助记词：{phrase}。"

    finding = find_secrets(text)[0]

    assert text[finding.start : finding.end] == phrase


def test_preview_hides_the_phrase() -> None:
    finding = find_secrets(" ".join(WORDS_EN))[0]

    assert finding.preview == f"{WORDS_EN[0][:2]}…×12"
    assert WORDS_EN[1] not in finding.preview


# --- keys -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [f"私钥：{KEY}", f"my private key is 0x{KEY}", f"{KEY} 是我的私钥", f"Secret key:\n{KEY}",
     f"密钥 {KEY.upper()}"],
)  # fmt: skip
def test_hex_key_with_key_wording(text: str) -> None:
    assert _kinds(text) == [SecretKind.PRIVATE_KEY]


@pytest.mark.parametrize(
    "text",
    [f"txid {KEY}", f"私钥没丢，交易哈希 {KEY}", f"https://etherscan.io/tx/0x{KEY}", KEY,
     f"private key safe. tx hash: {KEY}"],
)  # fmt: skip
def test_hex_without_key_wording_or_with_a_closer_hash_word(text: str) -> None:
    assert find_secrets(text) == []


def test_wif_keys() -> None:
    raw = bytes.fromhex(KEY)
    uncompressed = base58.b58encode_check(b"\x80" + raw).decode()
    compressed = base58.b58encode_check(b"\x80" + raw + b"\x01").decode()
    broken = compressed[:-1] + ("1" if compressed[-1] != "1" else "2")

    assert uncompressed.startswith("5")
    assert compressed[0] in "KL"
    assert _kinds(f"导出的 {uncompressed}") == [SecretKind.WIF_KEY]
    assert _kinds(compressed) == [SecretKind.WIF_KEY]
    assert find_secrets(broken) == []


def test_extended_private_keys() -> None:
    # BIP-32 test vector 1, chain m.
    xprv = (
        "xprv9s21ZrQH143K3QTDL4LXw2F7HEK3wJUD2nW2nRk4stbPy6cq3jPPqjiChkVvvNKmPGJxWUtg6LnF5kejMRNNU3"
        "TGtRBeJgk33yuGBxrMPHi"
    )
    xpub = (
        "xpub661MyMwAqRbcFtXgS5sYJABqqG9YLmC4Q1Rdap9gSE8NqtwybGhePY2gZ29ESFjqJoCu1Rupje8YtGqsefD265"
        "TMg7usUDFdp6W1EGMcet8"
    )

    assert _kinds(f"backup {xprv}") == [SecretKind.EXTENDED_PRIVATE_KEY]
    assert find_secrets(xpub) == []  # a public key is not a secret
    assert find_secrets(xprv[:-1] + "j") == []


def test_solana_keypair_file_and_base58_secret() -> None:
    keypair = "[" + ",".join(str(i) for i in range(64)) + "]"
    secret = base58.b58encode(bytes(range(64))).decode()

    assert _kinds(keypair) == [SecretKind.PRIVATE_KEY]
    assert _kinds(f"solana private key {secret}") == [SecretKind.PRIVATE_KEY]
    assert find_secrets(f"signature {secret}") == []


# --- masking ----------------------------------------------------------------------------------


def test_mask_replaces_every_secret_and_keeps_the_rest() -> None:
    text = f"助记词：{' '.join(WORDS_EN)}\n私钥：{KEY}\n交易哈希 0x{KEY[::-1]}"

    masked = mask_secrets(text)

    assert PLACEHOLDERS[SecretKind.RECOVERY_PHRASE] in masked
    assert PLACEHOLDERS[SecretKind.PRIVATE_KEY] in masked
    assert WORDS_EN[3] not in masked
    assert KEY not in masked
    assert f"交易哈希 0x{KEY[::-1]}" in masked
    assert find_secrets(masked) == []


def test_empty_text() -> None:
    assert find_secrets("") == []
    assert mask_secrets("") == ""
    assert find_secret_requests("") == []


# --- agents' replies --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("您好，请提供您的助记词以便我们核实身份。", RequestKind.RECOVERY_PHRASE),
        (
            "Please send me your 12-word recovery phrase so I can restore it.",
            RequestKind.RECOVERY_PHRASE,
        ),
        ("麻烦把私钥发给我，我帮您导入。", RequestKind.PRIVATE_KEY),
        ("Could you share your private key?", RequestKind.PRIVATE_KEY),
        ("请告诉我您手机收到的验证码。", RequestKind.VERIFICATION_CODE),
        ("What is your Google Authenticator code?", RequestKind.VERIFICATION_CODE),
        ("Please reply with the 6-digit code we just sent.", RequestKind.VERIFICATION_CODE),
        ("请下载 AnyDesk 并把连接码发给我。", RequestKind.REMOTE_ACCESS),
        ("Please install TeamViewer so I can fix it.", RequestKind.REMOTE_ACCESS),
        ("需要远程协助您操作一下，请打开向日葵。", RequestKind.REMOTE_ACCESS),
        ("Don't worry, please send your seed phrase here.", RequestKind.RECOVERY_PHRASE),
    ],
)
def test_agent_asking_for_a_secret(text: str, kind: RequestKind) -> None:
    kinds = [request.kind for request in find_secret_requests(text)]

    assert kind in kinds


@pytest.mark.parametrize(
    "text",
    [
        "温馨提示：客服绝不会向您索要助记词、私钥或验证码。",
        "请勿向任何人提供您的助记词或私钥。",
        "We will never ask for your recovery phrase or private key.",
        "Do not share your 2FA code with anyone, including us.",
        "请提供转账截图和交易哈希，我们会尽快处理。",
        "Please enable 2FA in Settings to protect your account.",
        "Please send a screenshot of the transaction details.",
        "谨防诈骗：任何要求远程协助的人都是骗子。",
    ],
)
def test_agent_reply_that_does_not_ask_for_a_secret(text: str) -> None:
    assert find_secret_requests(text) == []


def test_request_span_points_at_the_clause() -> None:
    text = "您好。请提供您的助记词。谢谢"

    request = find_secret_requests(text)[0]

    assert text[request.start : request.end] == "请提供您的助记词"
