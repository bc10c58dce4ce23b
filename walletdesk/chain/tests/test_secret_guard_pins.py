"""Exact findings for the paths where several candidates meet: how overlapping findings are
merged, which one names the result, and where spans land when the text is normalised."""

from mnemonic import Mnemonic

from walletdesk.chain.secret_guard import SecretFinding, SecretKind, find_secrets, mask_secrets

# Four 32-digit halves; any two neighbours join into a 64-digit key.
P1 = "1f" * 16
P2 = "2e" * 16
P3 = "3d" * 16
P4 = "4c" * 16
KEY_MASK = "[已隐藏的私钥 / hidden private key]"


def _key(start: int, end: int, head: str) -> SecretFinding:
    return SecretFinding(SecretKind.PRIVATE_KEY, start, end, f"{head}…")


def test_a_window_bridging_two_kept_keys_merges_all_three() -> None:
    # P1+P2 and P3+P4 are the longer windows (wider gaps) and are kept first; P2+P3 overlaps
    # both, so the first grows over it and then meets the second: one finding covers it all.
    text = f"private key: {P1}   {P2} {P3}   {P4} is my private key"
    start = text.index(P1)
    end = text.index(P4) + len(P4)

    assert find_secrets(text) == [_key(start, end, P1[:4])]
    assert mask_secrets(text) == f"private key: {KEY_MASK} is my private key"


def test_the_longer_overlapping_window_names_the_finding_and_grows_to_the_start() -> None:
    # P2+P3 (three spaces between) is longer than P1+P2: it is kept and grows back over P1.
    text = f"private key: {P1} {P2}   {P3}"
    start = text.index(P1)

    assert find_secrets(text) == [_key(start, len(text), P2[:4])]
    assert mask_secrets(text) == f"private key: {KEY_MASK}"


def test_extended_key_preview_is_its_four_letter_prefix() -> None:
    xprv = (
        "xprv9s21ZrQH143K3QTDL4LXw2F7HEK3wJUD2nW2nRk4stbPy6cq3jPPqjiChkVvvNKmPGJxWUtg6LnF5kejMRNNU3"
        "TGtRBeJgk33yuGBxrMPHi"
    )
    text = f"backup {xprv}"

    assert find_secrets(text) == [
        SecretFinding(SecretKind.EXTENDED_PRIVATE_KEY, 7, len(text), "xprv…")
    ]


def test_key_spans_index_the_original_text_around_invisible_characters() -> None:
    key = P1 + P2
    text = f"\u200bprivate\u200b key: {key} ok"
    start = text.index(key)

    assert find_secrets(text) == [_key(start, start + len(key), key[:4])]
    assert mask_secrets(text) == f"\u200bprivate\u200b key: {KEY_MASK} ok"


def test_spans_stay_on_the_original_when_one_character_expands_and_another_composes() -> None:
    # "ﬁ" becomes two letters and "e" + accent becomes one: the lengths match again after
    # normalising, but everything between the two is shifted by one.
    key = P1 + P2
    text = f"ﬁle: private key {key} cafe\u0301"
    start = text.index(key)

    assert find_secrets(text) == [_key(start, start + len(key), key[:4])]
    assert mask_secrets(text) == f"ﬁle: private key {KEY_MASK} cafe\u0301"


def test_two_phrases_side_by_side_preview_their_own_word_count() -> None:
    m = Mnemonic("english")
    first = m.to_mnemonic(bytes(16))
    second = m.to_mnemonic(bytes(range(16, 32)))
    text = f"{first} {second}"

    findings = find_secrets(text)

    assert [(f.start, f.end, f.preview, f.words) for f in findings] == [
        (0, len(first), f"{first[:2]}…×12", 12),
        (len(first) + 1, len(text), f"{second[:2]}…×12", 12),
    ]


def test_a_short_phrase_before_a_long_one_is_found_next_to_it() -> None:
    # The 24-word window is chosen first; the 12 words right before it still form their own.
    m = Mnemonic("english")
    first = m.to_mnemonic(bytes(16))
    second = m.to_mnemonic(bytes(range(32, 64)))
    text = f"{first} {second}"

    assert [(f.start, f.end, f.words, f.preview) for f in find_secrets(text)] == [
        (0, len(first), 12, "ab…×12"),
        (len(first) + 1, len(text), 24, f"{second[:2]}…×24"),
    ]


def test_separators_of_up_to_sixteen_characters_keep_a_phrase_together() -> None:
    words = Mnemonic("english").to_mnemonic(bytes(16)).split()
    joined = " ".join(words[:6]) + "," + " " * 15 + " ".join(words[6:])
    broken = " ".join(words[:6]) + "," + " " * 16 + " ".join(words[6:])

    assert [(f.start, f.end, f.words) for f in find_secrets(joined)] == [(0, len(joined), 12)]
    assert find_secrets(broken) == []


def test_a_key_word_on_a_later_line_does_not_label_a_value() -> None:
    value = "1f" * 32

    assert find_secrets(f"see {value}\nprivate key\nok") == []
    assert find_secrets(f"see {value} private key\nok") == [_key(4, 68, "1f1f")]


def test_a_sentence_end_splits_word_lists_at_the_right_word() -> None:
    # Two lists of 12 words without a valid checksum, one sentence each: two findings of 12.
    wordlist = Mnemonic("english").wordlist
    first = " ".join(wordlist[120:132])
    second = " ".join(wordlist[700:712])
    text = f"{first}. {second}"

    assert [(f.start, f.end, f.words, f.checksum_valid) for f in find_secrets(text)] == [
        (0, len(first), 12, False),
        (len(first) + 2, len(text), 12, False),
    ]


def test_two_chinese_phrases_written_back_to_back_stay_two_findings() -> None:
    m = Mnemonic("chinese_simplified")
    first = m.to_mnemonic(bytes(range(40, 60))).replace(" ", "")
    second = m.to_mnemonic(bytes(range(16, 32))).replace(" ", "")
    text = f"助记词：{first}{second}"

    assert [(f.start, f.end, f.words, f.preview) for f in find_secrets(text)] == [
        (4, 19, 15, f"{first[0]}…×15"),
        (19, 31, 12, f"{second[0]}…×12"),
    ]


def test_a_word_list_called_a_backup_is_flagged_without_a_valid_checksum() -> None:
    words = " ".join(Mnemonic("english").wordlist[120:131])
    text = f"backup words: {words}"

    assert [(f.start, f.end, f.words, f.checksum_valid) for f in find_secrets(text)] == [
        (14, len(text), 11, False)
    ]


def test_a_valid_phrase_outranks_an_unchecked_run_over_the_same_words() -> None:
    # Every word is in both the English and the French list; only the French checksum holds,
    # so the English run is also flagged without one. The checked phrase names the finding.
    text = "ozone phrase festival tunnel pizza fortune question effort noble crucial mobile correct"

    assert [(f.start, f.end, f.language, f.checksum_valid) for f in find_secrets(text)] == [
        (0, len(text), "french", True)
    ]
