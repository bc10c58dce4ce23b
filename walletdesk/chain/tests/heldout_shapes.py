# ruff: noqa: E501 -- shapes are written as an attacker or a user would type them: wide lines, look-alike letters
"""A held-out set of attacker shapes and look-alike clean texts for the secret guard.

Written before the rules were tuned and never used to tune them: the figures printed by
``test_heldout_shapes`` are a measurement, not a target the rules were fitted to. The phrases
and keys here come from their own entropy (different from the unit tests and the corpus).

Each ``Shape`` names the secrets in its text (empty for a clean text). A secret shape counts
as caught when every secret is wholly covered by findings and there are at least as many
findings as secrets (two secrets side by side must both be reported).
"""

from dataclasses import dataclass

import base58
from mnemonic import Mnemonic


@dataclass(frozen=True)
class Shape:
    label: str
    text: str
    secrets: tuple[str, ...] = ()


def _words(language: str, seed: int, strength: int = 16) -> list[str]:
    entropy = bytes((seed * 37 + i * 11) % 256 for i in range(strength))
    # split(), not split(" "): Japanese phrases are joined with an ideographic space.
    return Mnemonic(language).to_mnemonic(entropy).split()


EN = _words("english", 1)
EN2 = _words("english", 2)
EN3 = _words("english", 3)
EN24 = _words("english", 4, 32)
EN15 = _words("english", 5, 20)
ZH = _words("chinese_simplified", 6)
ZH2 = _words("chinese_simplified", 7)
ZHT = _words("chinese_traditional", 8)
ES = _words("spanish", 9)
IT = _words("italian", 10)
JA = _words("japanese", 11)
KO = _words("korean", 12)
RU = _words("russian", 13)

_RAW = bytes((i * 29 + 7) % 256 for i in range(32))
HEX = _RAW.hex()
HEX2 = bytes((i * 53 + 3) % 256 for i in range(32)).hex()
WIF = base58.b58encode_check(b"\x80" + _RAW + b"\x01").decode()
WIF_TESTNET = base58.b58encode_check(b"\xef" + _RAW + b"\x01").decode()
TX = bytes((i * 13 + 101) % 256 for i in range(32)).hex()
TRON = "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t"

_CYRILLIC = str.maketrans("aceopxy", "асеорху")
_GREEK = str.maketrans("oiv", "οιν")
_FULL_WIDTH = {c: chr(ord(c) + 0xFEE0) for c in "abcdefghijklmnopqrstuvwxyz"}


def _s(words: list[str], sep: str = " ") -> str:
    return sep.join(words)


def _full(text: str) -> str:
    return "".join(_FULL_WIDTH.get(c, c) for c in text)


_EN_DOT_HALVES = f"{_s(EN[:6])}. {_s(EN[6:])}"
_EN_CYR = _s(EN).translate(_CYRILLIC)
_EN_GREEK = _s(EN2).translate(_GREEK)
_EN_ZW = _s(["\u200d".join(w) for w in EN3])
_EN_ELEVEN = _s(EN[:11])
_EN_ELEVEN_B = _s(EN2[:5] + EN2[6:])
_EN_TWENTY_THREE = _s(EN24[:23])
_ZH_ELEVEN_SPACED = _s(ZH[:11])
_ZH_IN_SENTENCE = "".join(ZH2)
_ZHT_IN_SENTENCE = "".join(ZHT)
_SPLIT_HEX = f"{HEX[:32]}\n{HEX[32:]}"
_QUAD_HEX = " ".join(HEX[i : i + 16] for i in range(0, 64, 16))
_WIF_SPACE = f"{WIF[:20]} {WIF[20:]}"
_WIF_LINES = f"{WIF[:26]}\n{WIF[26:]}"
_HASH_NUMBERED = _s([f"#{i} {w}" for i, w in enumerate(EN2, 1)])
_DASH_NUMBERED = _s([f"{i}-{w}" for i, w in enumerate(EN3, 1)], "\n")

SHAPES: tuple[Shape, ...] = (
    # --- phrases: separators that are not spaces
    Shape("en full stop between halves", f"my words: {_EN_DOT_HALVES} thanks", (_EN_DOT_HALVES,)),
    Shape("en dots", f"backup {_s(EN2, '.')}", (_s(EN2, "."),)),
    Shape("en underscores", _s(EN3, "_"), (_s(EN3, "_"),)),
    Shape("en hyphens, upper case", _s(EN, "-").upper(), (_s(EN, "-").upper(),)),
    Shape("en slashes", f"is this right? {_s(EN2, '/')}", (_s(EN2, "/"),)),
    Shape("en emoji", f"{_s(EN3, '🔑')} help", (_s(EN3, "🔑"),)),
    Shape("en emoji with spaces", _s(EN, " ✅ "), (_s(EN, " ✅ "),)),
    Shape("en plus signs", _s(EN2, "+"), (_s(EN2, "+"),)),
    Shape("en pipes", f"| {_s(EN3, ' | ')} |", (_s(EN3, " | "),)),
    Shape("en json array", "[" + ", ".join(f'"{w}"' for w in EN) + "]", (_s(EN, '", "'),)),
    Shape("en hash numbering", _HASH_NUMBERED, (_HASH_NUMBERED[3:],)),
    Shape("en dash numbering", _DASH_NUMBERED, (_DASH_NUMBERED[2:],)),
    Shape(
        "en full stop halves across fields",
        f"Wallet will not open\n{_s(EN2[:6])}.\n{_s(EN2[6:])}\nPlease help",
        (f"{_s(EN2[:6])}.\n{_s(EN2[6:])}",),
    ),
    Shape(
        "en halves in two fields",
        f"Subject: restore\nfirst part {_s(EN3[:6])}\n{_s(EN3[6:])} is the rest",
        (f"{_s(EN3[:6])}\n{_s(EN3[6:])}",),
    ),
    Shape("en 15 words, question marks", _s(EN15, "? "), (_s(EN15, "? "),)),
    Shape(
        "en mixed case",
        _s([w.capitalize() if i % 2 else w.upper() for i, w in enumerate(EN)]),
        (_s([w.capitalize() if i % 2 else w.upper() for i, w in enumerate(EN)]),),
    ),
    # --- phrases: look-alike letters and invisible characters
    Shape("en cyrillic look-alikes", f"seed: {_EN_CYR}", (_EN_CYR,)),
    Shape("en greek look-alikes", _EN_GREEK, (_EN_GREEK,)),
    Shape("en full-width with dots", _full(_s(EN3, ".")), (_full(_s(EN3, ".")),)),
    Shape("en zero-width joiners inside words", _EN_ZW, (_EN_ZW,)),
    Shape(
        "en cyrillic and underscores",
        _s(EN2, "_").translate(_CYRILLIC),
        (_s(EN2, "_").translate(_CYRILLIC),),
    ),
    # --- phrases: one or two words short, with backup wording
    Shape("en 11 words after seed phrase", f"seed phrase {_EN_ELEVEN}", (_EN_ELEVEN,)),
    Shape(
        "en 11 words, recovery phrase on the line above",
        f"My recovery phrase (one word is smudged):\n{_EN_ELEVEN_B}",
        (_EN_ELEVEN_B,),
    ),
    Shape(
        "en 23 words, mnemonic after",
        f"{_EN_TWENTY_THREE} - that is my mnemonic minus the last word",
        (_EN_TWENTY_THREE,),
    ),
    Shape(
        "en 10 words, secret phrase", f"secret phrase: {_s(EN[:10], ', ')}", (_s(EN[:10], ", "),)
    ),
    Shape(
        "zh 11 spaced characters, 助记词",
        f"助记词 {_ZH_ELEVEN_SPACED}，少了一个",
        (_ZH_ELEVEN_SPACED,),
    ),
    Shape("zh 11 characters with 、, 种子", f"种子：{'、'.join(ZH2[:11])}", ("、".join(ZH2[:11]),)),
    # --- phrases: Chinese
    Shape("zh unspaced inside a sentence", f"我的是{_ZH_IN_SENTENCE}谢谢", (_ZH_IN_SENTENCE,)),
    Shape(
        "zht unspaced inside a sentence",
        f"這是我的{_ZHT_IN_SENTENCE}請幫忙看看",
        (_ZHT_IN_SENTENCE,),
    ),
    Shape(
        "zh full stop between halves",
        f"{''.join(ZH[:6])}。{''.join(ZH[6:])}",
        (f"{''.join(ZH[:6])}。{''.join(ZH[6:])}",),
    ),
    Shape("zh emoji between characters", "🙂".join(ZH2), ("🙂".join(ZH2),)),
    Shape("zh 助记词是 without colon", f"我的助记词是{''.join(ZHT)}", ("".join(ZHT),)),
    Shape("en phrase after 助记词是 without colon", f"助记词是{_s(EN2)}", (_s(EN2),)),
    Shape(
        "zh halves on two lines",
        f"标题：钱包打不开\n{''.join(ZH2[:6])}\n{''.join(ZH2[6:])}",
        (f"{''.join(ZH2[:6])}\n{''.join(ZH2[6:])}",),
    ),
    # --- phrases: other wordlists
    Shape("spanish with dots", _s(ES, "."), (_s(ES, "."),)),
    Shape("italian with hyphens", _s(IT, "-"), (_s(IT, "-"),)),
    Shape(
        "japanese with a full stop between halves",
        f"{_s(JA[:6], chr(0x3000))}。{_s(JA[6:], chr(0x3000))}",
        (f"{_s(JA[:6], chr(0x3000))}。{_s(JA[6:], chr(0x3000))}",),
    ),
    Shape("korean with slashes", _s(KO, "/"), (_s(KO, "/"),)),
    Shape("russian with dots", _s(RU, "."), (_s(RU, "."),)),
    # --- back to back
    Shape("two en phrases back to back", f"{_s(EN)} {_s(EN3)}", (_s(EN), _s(EN3))),
    Shape("two zh phrases back to back", "".join(ZH + ZH2), ("".join(ZH), "".join(ZH2))),
    Shape("phrase then WIF", f"{_s(EN2)} {WIF}", (_s(EN2), WIF)),
    Shape("phrase then labelled key", f"{_s(EN3)}\nprivate key {HEX}", (_s(EN3), HEX)),
    # --- keys
    Shape("私钥 next to 交易哈希", f"私钥 {HEX}（交易哈希我也可以发）", (HEX,)),
    Shape("交易哈希 mentioned first, then 私钥", f"交易哈希我已经发过了，这是私钥：{HEX}", (HEX,)),
    Shape("japanese 秘密鍵", f"秘密鍵：{HEX}", (HEX,)),
    Shape("korean 개인키", f"개인키: {HEX}", (HEX,)),
    Shape("korean 개인 키 after", f"{HEX} 이것이 제 개인 키입니다", (HEX,)),
    Shape("PrivateKey=", f"PrivateKey={HEX}", (HEX,)),
    Shape("private_key:", f"private_key: 0x{HEX}", (HEX,)),
    Shape("Private-Key:", f"Private-Key: {HEX.upper()}", (HEX.upper(),)),
    Shape("traditional 私鑰", f"我的私鑰是{HEX}", (HEX,)),
    Shape("hex key 32+32 on two lines", f"私钥：\n{_SPLIT_HEX}", (_SPLIT_HEX,)),
    Shape("hex key in four groups", f"my private key is {_QUAD_HEX}", (_QUAD_HEX,)),
    Shape("WIF with one space", f"exported {_WIF_SPACE}", (_WIF_SPACE,)),
    Shape("WIF over two lines", _WIF_LINES, (_WIF_LINES,)),
    Shape("testnet WIF", f"testnet key {WIF_TESTNET}", (WIF_TESTNET,)),
    # --- clean texts that look like the shapes
    Shape(
        "prose with many wordlist words",
        "I sent the token to my wallet address but the balance did not update, the network fee was charged and the amount is still missing.",
    ),
    Shape("dotted host name", "The mail came from never.give.your.seed.example.com, is that you?"),
    Shape("file names", "Attached wallet_backup_final.png and seed-phrase-guide-v2.pdf as asked."),
    Shape("tx hash labelled", f"tx hash: {TX}"),
    Shape("交易哈希 labelled", f"交易哈希：{TX}"),
    Shape("key word in another sentence, hash labelled", f"私钥没有泄露。交易哈希：{TX}"),
    Shape("hash split over two lines, labelled", f"Transaction hash:\n{TX[:32]}\n{TX[32:]}"),
    Shape("two txids", f"txid {TX}\ntxid {HEX2}"),
    Shape(
        "seed phrase question",
        "I wrote my seed phrase on paper but lost it, can you help me recover the wallet?",
    ),
    Shape(
        "seed phrase with prose after",
        "Seed phrase: I never wrote it down because the app did not ask me to. Now I cannot access my account at all.",
    ),
    Shape("助记词 question", "助记词是什么？我不太明白，备份的时候应该写在哪里比较安全"),
    Shape("助记词 lost", "我的助记词丢了，还能找回资产吗？已经试过很多次了"),
    Shape("idiom greetings", "新年快乐，万事如意，身体健康，恭喜发财，心想事成，步步高升"),
    Shape(
        "version numbers and dots",
        "I tried v1.2.3 and v1.2.4, then android.then.ios builds, same error.",
    ),
    Shape("emoji prose", "thanks 🙏 for the help 👍 my wallet is fine now 😊 great team"),
    Shape(
        "hyphenated prose",
        "A state-of-the-art multi-chain wallet, easy-to-use, with one-tap swap and real-time prices.",
    ),
    Shape(
        "help URL",
        "See https://help.example.com/wallet/backup/seed-phrase/how-to-keep-it-safe for the steps.",
    ),
    Shape(
        "russian prose",
        "Привет, я не могу найти мой кошелек после обновления, помогите пожалуйста.",
    ),
    Shape(
        "japanese prose with 秘密鍵",
        "秘密鍵はどこにも保存していません。送金が届かないので調べてください。",
    ),
    Shape("korean prose with 개인키", "개인키는 안전하게 보관하고 있습니다. 입금이 안 들어왔어요."),
    Shape("address with one space", f"我的地址是 {TRON[:17]} {TRON[17:]} 请查一下"),
    Shape(
        "seed in farming sense",
        "我买的种子发芽了吗？这是去年秋天在老家种下的，今年春天应该可以收获了",
    ),
    Shape(
        "english with underscores markdown",
        "Please __double check__ the address, the _network_ and the amount before you confirm.",
    ),
    Shape("mixed zh en support", f"您好，我的 USDT 没到账，tx hash {TX}，地址 {TRON}，谢谢！"),
)

# Outgoing replies: True when the reply asks the user for a secret.
REQUESTS: tuple[tuple[str, bool], ...] = (
    ("请把你的私 钥发给我", True),
    ("Pls DM ur seed to verify", True),
    ("为了验证身份，请输入您的助记词", True),
    ("请提供一下远程连接码", True),
    ("Kindly type your 12 words here so we can validate the wallet", True),
    ("Paste your mnemonic in this chat", True),
    ("Enter your private key below to restore access", True),
    ("Tell me the 2FA code you just received", True),
    ("把验证码告诉我就可以了", True),
    ("您的助 记词发我一下，我帮您验证", True),
    ("please do not share your seed phrase with anyone", False),
    ("我们绝不会索要您的助记词", False),
    ("Please back up your seed phrase and keep it offline.", False),
    ("请妥善保管您的助记词，不要截图。", False),
    ("Please send the transaction hash and a screenshot of the transfer.", False),
    ("请提供转账时间和金额。", False),
)
