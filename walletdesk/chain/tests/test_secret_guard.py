"""The secret guard: phrase and key shapes, masking, agents' requests, the corpus figures."""

import itertools
import re
import time

import base58
import pytest
from mnemonic import Mnemonic

from walletdesk.chain.secret_guard import (
    _INVISIBLE_RANGES as INVISIBLE_RANGES,
)
from walletdesk.chain.secret_guard import (
    PLACEHOLDERS,
    RequestKind,
    SecretKind,
    Strength,
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
        ("Can't hurt to try: reply with your 12 words.", RequestKind.RECOVERY_PHRASE),
        ("It doesn't matter which app, send me your private key.", RequestKind.PRIVATE_KEY),
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
        "It can't hurt to write your seed phrase down twice and keep it offline.",
        "Don't send your recovery phrase to anyone, it doesn't matter who they say they are.",
        "请提供给远程员工发工资的那笔转账的交易哈希。",
    ],
)
def test_agent_reply_that_does_not_ask_for_a_secret(text: str) -> None:
    assert find_secret_requests(text) == []


def test_request_span_points_at_the_clause() -> None:
    text = "您好。请提供您的助记词。谢谢"

    request = find_secret_requests(text)[0]

    assert text[request.start : request.end] == "请提供您的助记词"


# --- shapes that got through before -------------------------------------------------------------

WORDS_EN2 = Mnemonic("english").to_mnemonic(bytes(range(200, 216))).split(" ")
WORDS_ZH2 = Mnemonic("chinese_simplified").to_mnemonic(bytes(range(40, 56))).split(" ")
CYRILLIC = str.maketrans("aceopxy", "асеорху")


def _covers(text: str, secret: str, kind: SecretKind = SecretKind.RECOVERY_PHRASE) -> bool:
    start = text.index(secret)
    end = start + len(secret)
    return any(f.kind == kind and f.start <= start and end <= f.end for f in find_secrets(text))


@pytest.mark.parametrize(
    "separator", [".", "_", "-", "/", "🔐", " ~ ", "+", ". ", "\u3002", "\n\n", " | ", "…"]
)
def test_any_non_letter_between_words_still_joins_a_phrase(separator: str) -> None:
    phrase = separator.join(WORDS_EN2)

    assert _covers(f"help: {phrase} thanks", phrase)


def test_a_full_stop_between_the_halves_of_a_phrase() -> None:
    english = f"{' '.join(WORDS_EN2[:6])}. {' '.join(WORDS_EN2[6:])}"
    chinese = f"{''.join(WORDS_ZH2[:6])}。{''.join(WORDS_ZH2[6:])}"

    assert _covers(f"Words: {english}. Thanks", english)
    assert _covers(chinese, chinese)


def test_halves_on_two_fields_joined_by_a_new_line() -> None:
    text = f"Wallet will not open\nfirst part {' '.join(WORDS_EN2[:7])}\n{' '.join(WORDS_EN2[7:])}"

    assert _covers(text, f"{' '.join(WORDS_EN2[:7])}\n{' '.join(WORDS_EN2[7:])}")


def test_an_unchecked_english_run_must_be_one_unbroken_list() -> None:
    # 12 list words, no valid checksum: flagged as a list, not when a sentence ends inside it.
    broken = [*WORDS_EN2[:11], "zoo" if WORDS_EN2[11] != "zoo" else "abandon"]
    listed = " ".join(broken)
    sentences = f"{' '.join(broken[:6])}. {' '.join(broken[6:])}"

    assert [f.checksum_valid for f in find_secrets(listed)] == [False]
    assert find_secrets(sentences) == []
    assert find_secrets(f"{' '.join(broken[:6])}! {' '.join(broken[6:])}") == []
    # Numbering is not a sentence end.
    assert len(find_secrets(" ".join(f"{i}. {w}" for i, w in enumerate(broken, 1)))) == 1


def test_an_unchecked_english_run_needs_ten_different_words() -> None:
    repeated = " ".join([WORDS_EN2[0], WORDS_EN2[1], WORDS_EN2[2]] * 4)
    varied = " ".join([*WORDS_EN2[:9], WORDS_EN2[0], WORDS_EN2[1], WORDS_EN2[2]])
    ten = " ".join([*WORDS_EN2[:10], WORDS_EN2[0], WORDS_EN2[1]])

    assert find_secrets(repeated) == []
    assert find_secrets(varied) == []
    assert len(find_secrets(ten)) == 1


def test_look_alike_letters_and_full_width_letters() -> None:
    cyrillic = " ".join(WORDS_EN2).translate(CYRILLIC)
    greek = " ".join(WORDS_EN2).translate(str.maketrans("oi", "οι"))
    full_width = ".".join("".join(chr(ord(c) + 0xFEE0) for c in w) for w in WORDS_EN2)

    for text in (cyrillic, greek, full_width):
        findings = find_secrets(text)
        assert [(f.language, f.start, f.end) for f in findings] == [("english", 0, len(text))]


def test_zero_width_characters_inside_and_between_words() -> None:
    inside = " ".join("\u200b".join(word) for word in WORDS_EN2)
    joiners = " \u2060".join(WORDS_EN2) + "\ufeff"

    assert _covers(inside, inside)
    assert _covers(joiners, joiners.rstrip("\ufeff"))


def test_russian_and_turkish_phrases_check() -> None:
    for language in ("russian", "turkish"):
        phrase = Mnemonic(language).to_mnemonic(bytes(range(3, 19)))

        assert [f.language for f in find_secrets(phrase)] == [language]


def test_decomposed_korean_is_masked_to_its_last_jamo() -> None:
    import unicodedata

    phrase = unicodedata.normalize("NFD", Mnemonic("korean").to_mnemonic(bytes(range(9, 25))))

    finding = find_secrets(f"ok {phrase}!")[0]

    assert (finding.start, finding.end) == (3, 3 + len(phrase))


# --- one or two words short ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("before", "run", "after"),
    [
        ("seed phrase ", " ".join(WORDS_EN2[:11]), ""),
        ("My recovery phrase, one word is missing:\n", " ".join(WORDS_EN2[1:]), ""),
        ("", ", ".join(WORDS_EN2[:10]), " is my mnemonic"),
        ("助记词 ", " ".join(WORDS_ZH2[:11]), ""),
        ("种子：", "、".join(WORDS_ZH2[:10]), ""),
        ("密语\n", " ".join(WORDS_ZH2[2:]), ""),
    ],
)
def test_a_run_one_or_two_short_is_a_phrase_when_it_is_called_a_backup(
    before: str, run: str, after: str
) -> None:
    text = before + run + after

    assert _kinds(text) == [SecretKind.RECOVERY_PHRASE]
    assert _covers(text, run)


@pytest.mark.parametrize(
    "text",
    [
        " ".join(WORDS_EN2[:11]),  # no keyword
        f"seed phrase {' '.join(WORDS_EN2[:9])}",  # three short
        f"my seed phrase is lost. {'x' * 40} {' '.join(WORDS_EN2[:11])}",  # keyword too far
        f"{' '.join(WORDS_EN2[:11])} {'x' * 45} mnemonic",  # keyword too far after
        " ".join(WORDS_ZH2[:11]),
        f"助记词 {' '.join(WORDS_ZH2[:9])}",
    ],
)
def test_a_short_run_without_backup_wording_next_to_it_is_not_a_phrase(text: str) -> None:
    assert find_secrets(text) == []


# --- Chinese ------------------------------------------------------------------------------------


def test_an_unspaced_chinese_phrase_inside_a_sentence() -> None:
    phrase = "".join(WORDS_ZH2)
    text = f"我的是{phrase}谢谢"

    findings = find_secrets(text)

    assert [(f.start, f.end) for f in findings] == [(3, 15)]
    assert mask_secrets(text) == f"我的是{PLACEHOLDERS[SecretKind.RECOVERY_PHRASE]}谢谢"


def test_a_chinese_window_inside_a_sentence_must_be_rare_characters() -> None:
    # A checksum-valid phrase of everyday characters (the list's first 300) looks like prose:
    # not flagged inside a sentence, flagged right after the keyword.
    phrase = "".join(_valid_chinese([5, 17, 40, 60, 80, 100, 120, 150, 180, 200, 250], 0))

    assert find_secrets(f"我的是{phrase}谢谢") == []
    assert _covers(f"助记词是{phrase}", phrase)


@pytest.mark.parametrize("colon", ["", "：", ":", "是", "为"])
def test_keyword_then_phrase_with_or_without_a_colon(colon: str) -> None:
    chinese = "".join(WORDS_ZH)
    english = " ".join(WORDS_EN2)

    assert _covers(f"我的助记词{colon}{chinese}", chinese)
    assert _covers(f"助记词{colon}{english}", english)


def test_keyword_after_an_unspaced_phrase() -> None:
    phrase = "".join(WORDS_ZH)

    assert _covers(f"{phrase}是我的助记词", phrase)


@pytest.mark.parametrize("row", [3, 4, 6])
def test_grid_rows_and_halves(row: int) -> None:
    text = "\n".join("".join(WORDS_ZH2[i : i + row]) for i in range(0, 12, row))

    assert _covers(f"标题：钱包\n{text}", text)


def _valid_chinese(first: list[int], last_from: int) -> list[str]:
    """A checksum-valid Chinese phrase with the given list positions, the last one searched."""
    mnemo = Mnemonic("chinese_simplified")
    last = next(
        p
        for p in range(last_from, 2048)
        if mnemo.check(" ".join(mnemo.wordlist[i] for i in [*first, p]))
    )
    return [mnemo.wordlist[i] for i in [*first, last]]


def test_short_chinese_lines_are_not_a_grid() -> None:
    # Half everyday characters, half middling ones: too common for a phrase inside prose,
    # not common enough to be prose. Two-character lines (field values, city names) and
    # uneven pieces then need a keyword.
    words = _valid_chinese([500, 100, 510, 110, 520, 120, 530, 130, 540, 140, 550], 560)
    pairs = "\n".join("".join(words[i : i + 2]) for i in range(0, 12, 2))
    uneven = f"{''.join(words[:5])}\n{''.join(words[5:])}"
    halves = f"{''.join(words[:6])}\n{''.join(words[6:])}"

    assert find_secrets(pairs) == []
    assert find_secrets(uneven) == []
    assert _covers(halves, halves)
    assert _covers(f"助记词\n{pairs}", pairs)
    assert _covers(f"助记词\n{uneven}", uneven)


def test_pieces_with_an_everyday_word_are_not_a_phrase() -> None:
    # Same rows, one of them an everyday word: prose.
    rows = ["".join(WORDS_ZH2[i : i + 3]) for i in range(0, 12, 3)]
    with_word = "\n".join([*rows[:3], "我们的"])

    assert find_secrets(with_word) == []


# --- back to back -------------------------------------------------------------------------------


def test_two_phrases_back_to_back_are_two_findings() -> None:
    english = Mnemonic("english")
    first, second = " ".join(WORDS_EN), english.to_mnemonic(bytes(range(60, 76)))
    text = f"{first} {second}"
    assert not english.check(text)  # the 24 words together are not one phrase

    findings = find_secrets(text)

    assert [(f.start, f.end) for f in findings] == [(0, len(first)), (len(first) + 1, len(text))]
    assert all(f.checksum_valid and f.words == 12 for f in findings)


def test_two_unspaced_chinese_phrases_back_to_back() -> None:
    text = "".join(WORDS_ZH + WORDS_ZH2)

    findings = find_secrets(text)

    assert [(f.start, f.end) for f in findings] == [(0, 12), (12, 24)]


def test_words_around_a_valid_phrase_are_masked_with_it() -> None:
    extra = ["abandon", "ability"]
    text = " ".join([*extra, *WORDS_EN2, *extra])

    findings = find_secrets(text)

    assert [(f.start, f.end, f.words) for f in findings] == [(0, len(text), 16)]


def test_a_phrase_and_a_key_side_by_side() -> None:
    wif = base58.b58encode_check(b"\x80" + bytes.fromhex(KEY) + b"\x01").decode()
    phrase = " ".join(WORDS_EN2)

    assert _kinds(f"{phrase} {wif}") == [SecretKind.RECOVERY_PHRASE, SecretKind.WIF_KEY]
    assert _kinds(f"{phrase}\n私钥 {KEY}") == [
        SecretKind.RECOVERY_PHRASE,
        SecretKind.PRIVATE_KEY,
    ]


# --- keys ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        f"私钥交易哈希 {KEY}",
        f"私钥（不是交易哈希）：{KEY}",
        f"私钥 {KEY}（交易哈希我也可以发）",
        f"交易哈希我已经发过了，这是私钥：{KEY}",
        f"秘密鍵：{KEY}",
        f"개인키: {KEY}",
        f"{KEY} 이것이 제 개인 키입니다",
        f"我的私鑰是{KEY}",
        f"PrivateKey={KEY}",
        f"private_key: 0x{KEY}",
        f"PRIV-KEY {KEY}",
        f"приватный ключ {KEY}",
        f"Private key\n{KEY}\ntx hash below",
    ],
)
def test_hex_key_labelled_as_a_key(text: str) -> None:
    assert _kinds(text) == [SecretKind.PRIVATE_KEY]


@pytest.mark.parametrize(
    "text",
    [
        f"交易哈希 {KEY}，私钥我没给任何人",
        f"私钥没有泄露。tx hash: {KEY}",
        f"the private key is safe\nand this is {KEY}",
        f"private key safe\ntxid\n{KEY}",
        f"トランザクションハッシュ：{KEY}",
        f"거래 해시 {KEY}",
    ],
)
def test_hex_labelled_as_a_hash_or_not_labelled_on_its_line(text: str) -> None:
    assert find_secrets(text) == []


@pytest.mark.parametrize(
    "split",
    [
        f"{KEY[:32]}\n{KEY[32:]}",
        f"{KEY[:32]} \r\n {KEY[32:]}",
        " ".join(KEY[i : i + 16] for i in range(0, 64, 16)),
        " ".join(KEY[i : i + 8] for i in range(0, 64, 8)),
        f"0x{KEY[:30]}\t{KEY[30:]}",
    ],
)
def test_hex_key_in_pieces(split: str) -> None:
    text = f"私钥：\n{split}\n谢谢"

    findings = find_secrets(text)

    assert [(f.kind, text[f.start : f.end]) for f in findings] == [(SecretKind.PRIVATE_KEY, split)]


def test_hex_in_pieces_that_is_not_a_key() -> None:
    assert find_secrets(f"Transaction hash:\n{KEY[:32]}\n{KEY[32:]}") == []
    assert find_secrets(f"{KEY[:32]}\n{KEY[32:]}") == []
    # Two line breaks, or nine pieces, are not one value.
    assert find_secrets(f"private key\n{KEY[:32]}\n\n{KEY[32:]}") == []
    assert (
        find_secrets("private key " + " ".join(KEY[i : i + 7] for i in range(0, 63, 7)) + KEY[63])
        == []
    )


def test_wif_keys_in_pieces_and_testnet() -> None:
    raw = bytes.fromhex(KEY)
    wif = base58.b58encode_check(b"\x80" + raw + b"\x01").decode()
    testnet = base58.b58encode_check(b"\xef" + raw + b"\x01").decode()
    testnet_plain = base58.b58encode_check(b"\xef" + raw).decode()
    other_version = base58.b58encode_check(b"\x81" + raw + b"\x01").decode()

    assert testnet[0] == "c"
    assert testnet_plain[0] == "9"
    for text in (f"{wif[:20]} {wif[20:]}", f"{wif[:26]}\n{wif[26:]}", testnet, testnet_plain):
        findings = find_secrets(f"key {text} ok")
        assert [(f.kind, f.start, f.end) for f in findings] == [
            (SecretKind.WIF_KEY, 4, 4 + len(text))
        ]
    assert find_secrets(other_version) == []
    assert find_secrets(f"{wif[:20]} {wif[20:-1]}{'2' if wif[-1] != '2' else '3'}") == []


def test_a_key_whose_first_piece_is_all_but_one_character() -> None:
    text = f"private key: 0x{KEY[:63]} {KEY[63]}"

    assert [(f.kind, f.start, f.end) for f in find_secrets(text)] == [
        (SecretKind.PRIVATE_KEY, 13, len(text))
    ]
    assert find_secrets(f"private key: 0x{KEY}1 {KEY[63]}") == []


def test_two_keys_in_pieces_far_apart_are_both_found() -> None:
    raw = bytes.fromhex(KEY)
    wif = base58.b58encode_check(b"\x80" + raw + b"\x01").decode()
    testnet = base58.b58encode_check(b"\xef" + raw + b"\x01").decode()
    text = f"key {wif[:20]} {wif[20:]}\n\n\nand {testnet[:26]} {testnet[26:]}"

    assert [f.kind for f in find_secrets(text)] == [SecretKind.WIF_KEY, SecretKind.WIF_KEY]


def test_the_shortest_wif_key_in_two_pieces() -> None:
    uncompressed = base58.b58encode_check(b"\x80" + bytes.fromhex(KEY)).decode()
    text = f"{uncompressed[:25]} {uncompressed[25:]}"

    assert (len(uncompressed), len(text)) == (51, 52)
    assert [(f.kind, f.start, f.end) for f in find_secrets(text)] == [(SecretKind.WIF_KEY, 0, 52)]


# --- clean text that looks like the shapes -------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "I sent the token to my wallet address but the balance did not update, the network fee "
        "was charged and the amount is still missing.",
        "The mail came from never.give.your.seed.example.com, is that you?",
        "Attached wallet_backup_final.png and seed-phrase-guide-v2.pdf.",
        f"tx hash: {KEY}",
        f"交易哈希：{KEY}",
        "I wrote my seed phrase on paper but lost it, can you help me recover the wallet?",
        "助记词是什么？我不太明白，备份的时候应该写在哪里比较安全",
        "新年快乐，万事如意，身体健康，恭喜发财，心想事成，步步高升",
        "上海\n香港\n台北\n东京\n首尔\n曼谷\n雅加达\n新加坡",
        "thanks 🙏 for the help 👍 my wallet is fine now 😊 great team",
    ],
)
def test_text_that_looks_like_a_shape_but_is_not(text: str) -> None:
    assert find_secrets(text) == []


# --- agents' replies, wider ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("请把你的私 钥发给我", RequestKind.PRIVATE_KEY),
        ("Pls DM ur seed to verify", RequestKind.RECOVERY_PHRASE),
        ("为了核实身份，请输入您的助记词", RequestKind.RECOVERY_PHRASE),
        ("Paste your mnemonic in this chat", RequestKind.RECOVERY_PHRASE),
        ("Enter your private key below to restore access", RequestKind.PRIVATE_KEY),
        ("Tell me the 2FA code you just received", RequestKind.VERIFICATION_CODE),
        ("请提供一下远程连接码", RequestKind.REMOTE_ACCESS),
        (
            "Kindly type your 24 words here so we can validate the wallet",
            RequestKind.RECOVERY_PHRASE,
        ),
        ("您的助-记-词发我一下", RequestKind.RECOVERY_PHRASE),
        ("What's ur seed?", RequestKind.RECOVERY_PHRASE),
    ],
)
def test_agent_asking_in_other_words(text: str, kind: RequestKind) -> None:
    assert kind in [request.kind for request in find_secret_requests(text)]


@pytest.mark.parametrize(
    "text",
    [
        "please do not share your seed phrase with anyone",
        "我们绝不会索要您的助记词",
        "Please back up your seed phrase and keep it offline.",
        "请妥善保管您的助记词，不要截图。",
        "请备份您的助记词",
        "Could you write down your recovery phrase and store it safely?",
        "如果发现助记词泄露，请立即转移资产",
        "Please send the transaction hash and a screenshot of the transfer.",
    ],
)
def test_agent_reminding_about_a_secret_is_not_asking(text: str) -> None:
    assert find_secret_requests(text) == []


@pytest.mark.parametrize(
    "invisible",
    [chr(c) for low, high in INVISIBLE_RANGES for c in sorted({low, high})],
    ids=lambda c: f"U+{ord(c):04X}",
)
def test_every_invisible_character_is_dropped_inside_a_word(invisible: str) -> None:
    words = [f"{w[:2]}{invisible}{w[2:]}" for w in WORDS_EN2]
    text = " ".join(words)

    assert [(f.start, f.end, f.words) for f in find_secrets(text)] == [(0, len(text), 12)]


# --- rule edges (each pins a boundary mutation testing found open) ------------------------------

MIDDLING = _valid_chinese([500, 100, 510, 110, 520, 120, 530, 130, 540, 140, 550], 560)
MIDDLING_15 = _valid_chinese(
    [500, 100, 510, 110, 520, 120, 530, 130, 540, 140, 550, 560, 570, 580], 590
)
EVERYDAY = _valid_chinese([5, 17, 40, 60, 80, 100, 120, 150, 180, 200, 250], 0)
HALF_EVERYDAY = _valid_chinese([500, 100, 510, 110, 520, 120, 530, 130, 540, 140, 150], 560)


def test_hangul_jamo_ranges_continue_a_syllable() -> None:
    from walletdesk.chain.secret_guard import _continues

    assert all(_continues(c) for c in "\u1160\u11ff\ud7b0\ud7ff\u0301")
    assert not any(_continues(c) for c in "\u115f\u1200\ud7af\ud800a가")


def test_a_run_standing_on_its_own() -> None:
    # Half everyday, half middling: found only when it stands alone (no keyword, too common
    # for the inside-a-sentence rule).
    phrase = "".join(MIDDLING)

    assert _covers(phrase, phrase)
    assert _covers(f"\n{phrase}\n", phrase)
    assert _covers(f"「{phrase}」", phrase)
    assert find_secrets(f"x{phrase}\n") == []
    assert find_secrets(f"\n{phrase}x") == []
    assert find_secrets(f"好{phrase}") == []


def test_keyword_before_or_after_a_run_of_everyday_characters() -> None:
    phrase = "".join(EVERYDAY)

    assert _covers(f"助记词 {phrase}", phrase)  # the keyword opens the text
    assert _covers(f"{phrase} 是我的助记词", phrase)
    # Anchored after the filler "是" / before "是我的"; "好人" are list characters of both
    # Chinese lists, so only the anchor tells where the phrase starts or ends.
    assert _covers(f"助记词是{phrase}好人", phrase)
    assert _covers(f"好人{phrase}是我的助记词", phrase)
    assert find_secrets(f"{phrase} {'，' * 16}助记词") == []  # keyword too far after
    assert find_secrets(f"助记词{'，' * 30}{phrase}") == []  # keyword too far before


@pytest.mark.parametrize(
    ("sizes", "caught"), [((4, 5, 3), False), ((3, 3, 6), False), ((6, 6), True)]
)
def test_pieces_need_a_shape_without_a_keyword(sizes: tuple[int, ...], caught: bool) -> None:
    chars = "".join(MIDDLING)
    edges = [0, *itertools.accumulate(sizes)]
    text = "\n".join(chars[a:b] for a, b in itertools.pairwise(edges))

    assert bool(find_secrets(text)) is caught
    assert _covers(f"助记词\n{text}", text)


def test_unequal_halves_of_six_or_more() -> None:
    chars = "".join(MIDDLING_15)
    text = f"{chars[:6]}\n{chars[6:]}"

    assert _covers(text, text)


def test_pieces_that_are_half_everyday_characters_are_not_a_phrase() -> None:
    chars = "".join(HALF_EVERYDAY)
    rows = "\n".join(chars[i : i + 3] for i in range(0, 12, 3))

    assert find_secrets(rows) == []
    assert find_secrets(f"助记词\n{rows}") == []


def test_backup_wording_counts_its_own_words_out() -> None:
    ten, nine = " ".join(WORDS_EN2[:10]), " ".join(WORDS_EN2[:9])

    assert _kinds(f"seed phrase: {ten}") == [SecretKind.RECOVERY_PHRASE]
    assert find_secrets(f"seed phrase: {nine}") == []
    assert _kinds(f"seed {ten}") == [SecretKind.RECOVERY_PHRASE]
    assert find_secrets(f"seed {nine}") == []
    assert _kinds(f"{ten} seed phrase") == [SecretKind.RECOVERY_PHRASE]
    assert find_secrets(f"{nine} seed phrase") == []
    assert _kinds(f"{ten} seed") == [SecretKind.RECOVERY_PHRASE]
    assert find_secrets(f"{nine} seed") == []
    # Backup wording elsewhere: a phrase word that happens to be "seed" is a word of it.
    assert _kinds(f"my recovery phrase: seed {nine}") == [SecretKind.RECOVERY_PHRASE]


@pytest.mark.parametrize(("gap", "caught"), [(52, True), (53, False)])
def test_backup_wording_reaches_sixty_characters_back(gap: int, caught: bool) -> None:
    text = "mnemonic" + " " * gap + " ".join(WORDS_EN2[:11])

    assert bool(find_secrets(text)) is caught


@pytest.mark.parametrize(("gap", "caught"), [(32, True), (33, False)])
def test_backup_wording_reaches_forty_characters_on(gap: int, caught: bool) -> None:
    text = " ".join(WORDS_EN2[:11]) + " " * gap + "mnemonic"

    assert bool(find_secrets(text)) is caught


def test_a_sentence_end_after_the_first_word_breaks_an_unchecked_run() -> None:
    broken = [*WORDS_EN2[:11], "zoo" if WORDS_EN2[11] != "zoo" else "abandon"]

    assert find_secrets(f"{broken[0]}. {' '.join(broken[1:])}") == []


@pytest.mark.parametrize(
    ("text", "caught"),
    [
        (f"{KEY}\n私钥我没有给任何人", False),  # the key word is on the next line
        (f"{KEY} 交易哈希，不是私钥", False),
        (f"私钥没丢，{KEY}", True),
        (f"私钥没丢，交易哈希没问题，{KEY}", False),
        (f"私钥，交易哈希，私钥，{KEY}", True),
        (f"txid，私钥，txid，{KEY}", False),
    ],
)
def test_key_wording_further_away_on_the_line(text: str, caught: bool) -> None:
    assert bool(find_secrets(text)) is caught


def test_request_span_maps_back_through_invisible_characters() -> None:
    text = "您好\u200b。请提供您的助记词。"

    request = find_secret_requests(text)[0]

    assert text[request.start : request.end] == "请提供您的助记词"


def test_an_everyday_word_at_the_very_end_of_a_run_keeps_a_window_out() -> None:
    # Rare characters and a valid checksum, but the window ends in "我们": inside a sentence it
    # is prose, wherever in the run the word stands.
    phrase = "".join(
        _valid_chinese([1523, 1510, 1620, 1730, 1840, 1950, 1460, 1570, 1680, 1790, 16], 23)
    )

    assert phrase.endswith("我们")
    assert find_secrets(f"好{phrase}") == []
    assert find_secrets(f"好{phrase}好") == []


def test_previews_show_only_the_first_characters() -> None:
    raw = bytes.fromhex(KEY)
    wif = base58.b58encode_check(b"\x80" + raw + b"\x01").decode()
    solana = base58.b58encode(bytes(range(64))).decode()
    keypair = "[" + ",".join(str(i) for i in range(64)) + "]"
    split = f"{KEY[:32]}\n{KEY[32:]}"

    previews = [
        find_secrets(text)[0].preview
        for text in (
            f"私钥 {KEY}",
            f"私钥\n{split}",
            wif,
            f"solana private key {solana}",
            keypair,
        )
    ]

    assert previews == [f"{KEY[:4]}…", f"{KEY[:4]}…", f"{wif[:2]}…", f"{solana[:2]}…", "[…]…"]


def test_a_keypair_file_holds_bytes_only() -> None:
    keypair = "[" + ",".join(str(i) for i in range(63)) + ",256]"

    assert find_secrets(keypair) == []
    assert find_secrets(keypair.replace("256", "255")) != []


def test_chinese_findings_say_whether_their_checksum_holds() -> None:
    valid = " ".join(WORDS_ZH2)
    invalid = " ".join(WORDS_ZH2[1:] + WORDS_ZH2[:1])
    rows = "\n".join("".join(WORDS_ZH2[i : i + 3]) for i in range(0, 12, 3))
    inside = f"我的是{''.join(WORDS_ZH2)}谢谢"
    anchored = f"助记词是{''.join(EVERYDAY)}"

    assert [f.checksum_valid for f in find_secrets(valid)] == [True]
    assert [f.checksum_valid for f in find_secrets(invalid)] == [False]
    for text in (rows, inside, anchored):
        assert [f.checksum_valid for f in find_secrets(text)] == [True]


def test_a_sentence_end_before_a_line_break_is_not_a_line_break_a_phrase_may_cross() -> None:
    # Found by the property test of joined support sentences: the last eleven characters of
    # one sentence and the first of the next happened to pass the checksum (1 in 16).
    first = (
        "对方发来的截图上显示的地址和我的地址只有最后几位不一样，"
        "我怀疑是不是剪贴板被恶意软件替换了。"
    )
    second = (
        "区块链是一种分布式账本技术，每个区块记录一段时间内发生的交易，"
        "并通过密码学方法与前一个区块相连。"
    )

    assert find_secrets(first + "\n" + second) == []


@pytest.mark.parametrize(
    "text",
    ["Read out your seed words to me", "read me your 2FA code", "read your recovery phrase back"],
)
def test_reading_a_secret_aloud_to_someone_is_asked(text: str) -> None:
    assert find_secret_requests(text) != []


def test_having_read_about_private_keys_asks_nothing() -> None:
    # "read" hands something over only when it is read to someone ("read me", "read out").
    assert find_secret_requests("I read about private keys at ethereum.org, very clear") == []


def test_a_long_unbroken_value_is_read_in_one_pass() -> None:
    """Not a speed figure: a pasted blob of 100,000 letters is read in a fraction of a second,
    and a pattern that tried it again from every letter would take minutes."""
    text = "a" * 100_000 + "!"
    started = time.process_time()

    assert find_secrets(text, strength=Strength.STRICT) == []
    assert time.process_time() - started < 5
