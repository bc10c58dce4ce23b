# ruff: noqa: E501, S311 -- Chinese corpus lines are wide by nature; seeded PRNG makes the figures reproducible, these are test fixtures, not real keys
"""Texts for measuring the secret guard: realistic support messages with and without secrets.

NEGATIVE texts must never be flagged. POSITIVE texts are built from generated phrases and keys
in many shapes, embedded in support messages. Generation is seeded, so figures are reproducible.
"""

import random
import re
from dataclasses import dataclass

import base58
from mnemonic import Mnemonic

from walletdesk.chain.secret_guard import SecretKind

TX = "0x9f2c4d6e8a1b3c5d7e9f0a2b4c6d8e0f1a3b5c7d9e1f2a4b6c8d0e2f4a6b8c0d"
TX_BARE = "4a7d1ed414474e4033ac29ccb8653d9b8b1c2a3d4e5f60718293a4b5c6d7e8f9"
EVM = "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"
TRON = "TR7NHqjeKQxGTCi8q8ZY4pL8otSzgjLj6t"
BTC = "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4"
SOL = "7xKXtg2CW87d97TXJSDpbD5jBkheTqA83TZRuJosgAsU"

NEGATIVE: tuple[str, ...] = (
    # --- short support messages, Chinese
    f"您好，我在12月3日从交易所提现了 500 USDT 到我的钱包，交易哈希是 {TX}，但是钱包里一直没有显示。",
    f"充值地址：{TRON}\n金额：1,250.00 USDT\n时间：2024-05-06 14:32\n请帮忙查一下为什么还没到账。",
    f"我转账的时候选错了网络，用 BSC 发到了以太坊地址 {EVM}，还能找回来吗？",
    f"链接在这里 https://tronscan.org/#/transaction/{TX_BARE} 显示成功，可钱包余额没变。",
    "提现一直显示处理中怎么办\n已经等了三个小时了，客服能帮我看看吗？",
    "我没有泄露过助记词，也没有点过任何奇怪的链接，但是今天早上发现资产全部被转走了，请帮我看看。",
    f"我的私钥一直保存得很好，交易哈希：{TX_BARE}，这笔是我自己转的吗？",
    "客服您好：请问怎么备份助记词？我刚创建了钱包，提示我抄写十二个单词，但我不知道应该怎么保存比较安全。",
    "为什么我的 USDT 转账手续费要 1 TRX？之前都是免费的，现在突然要扣能量和带宽。",
    f"比特币提现到 {BTC} 已经 6 个确认了，交易所说已经发出，txid {TX_BARE}",
    "NFT 不显示，我在市场上买的头像在钱包里看不到，合约地址我也添加了。",
    "我想把钱包导入到新手机上，旧手机已经坏了，请问应该怎么操作？",
    "账户被锁定了，提示验证码错误次数过多，请问多久能解锁？",
    "你好，我在 DApp 里授权了一个合约，现在想取消授权，在哪里操作？",
    "为什么我的资产价格显示和交易所不一样？差了大概百分之二。",
    "一、二、三、四、五，这是我测试转账的五个步骤，每一步都截图了。",
    "请问 Solana 上的 USDC 转到 Ethereum 需要跨链桥吗？手续费大概多少？",
    # --- short support messages, English
    f"Hi, I withdrew 2,000 USDT from Binance to {TRON} two hours ago. TxID: {TX_BARE}. Not received.",
    f"The explorer link https://etherscan.io/tx/{TX} says success but my balance is still zero.",
    "I never shared my recovery phrase or private key with anyone, but my ETH is gone. Please help.",
    f"My private key is safe, I only want to know about this transaction hash: {TX}",
    "How do I back up my seed phrase safely? The app asks me to write down 12 words.",
    "Sent 0.5 BTC on the wrong network, can you recover it? I used BEP20 instead of ERC20.",
    "Please check the network fee, the amount and the address again before you submit the order.",
    f"Deposit to {SOL} on Solana is pending for 30 minutes, signature shown as confirmed.",
    "The swap failed but the gas fee was charged. Is there any way to get a refund for the fee?",
    "My 2FA device was lost and I cannot log in. What documents do you need to reset it?",
    "Where can I find the contract address of USDT on TRON? I want to add it as a custom token.",
    "Token approval: I approved a suspicious contract yesterday, how can I revoke the approval?",
    f"Address {EVM} on Arbitrum, amount 120.5 USDC, time 09:14 UTC, block 182736455.",
    "I bought a ticket for the online event, then the wallet asked me to sign a message. Is it safe?",
    "Can you explain the difference between a seed phrase, a private key and a keystore file?",
    "wallet balance wrong after update, assets missing, please help urgently, thank you team",
    # --- agents' replies
    "温馨提示：客服绝不会向您索要助记词、私钥或验证码，请勿泄露给任何人。",
    "Reminder: support will never ask for your recovery phrase, private key or 2FA code.",
    "您好，请提供转账截图和交易哈希，我们会在 1-3 个工作日内回复。",
    # --- long Chinese paragraphs
    (
        "您好，这是我第二次提交工单了。上周五晚上我在交易所把一笔 USDT 提到了钱包，当时选择的是波场网络，"
        "交易所的记录显示已经完成，区块浏览器上也能查到这笔交易，状态是成功，确认数也足够。但是我打开钱包以后，"
        "资产列表里面的余额还是原来的数字，刷新了很多次也没有变化。我尝试过退出重新登录、清除缓存、切换网络节点，"
        "都没有用。我的朋友说可能是钱包没有添加对应的代币，但是我之前一直用这个地址收款，从来没有出现过这种情况。"
        "麻烦你们帮我查一下具体是什么原因，如果需要我提供什么材料，我都可以配合。"
    ),
    (
        "关于跨链转账的问题，我想详细说明一下经过。三天前我通过钱包里的跨链功能，把以太坊上的资产转到另一条链上，"
        "页面提示预计十分钟到账，但是到现在目标链上还没有收到。源链上的交易已经被打包，手续费也扣除了。"
        "我联系了跨链桥的官方社区，他们让我来找钱包客服。请问这种情况一般需要多长时间处理？资金会不会丢失？"
        "我比较着急，因为这笔钱是准备用来还款的。"
    ),
    (
        "今天天气很好，我们一家人去公园散步，孩子们在草地上放风筝，老人坐在长椅上聊天。"
        "中午我们在湖边吃了自己带的饭菜，下午又去看了花展。回家的路上，大家都说下次还要再来。"
        "生活中的快乐往往就在这些平常的小事里，只要用心去感受，每一天都可以过得很有意义。"
    ),
    (
        "区块链是一种分布式账本技术，每个区块记录一段时间内发生的交易，并通过密码学方法与前一个区块相连。"
        "由于每个节点都保存完整的数据副本，想要篡改历史记录几乎是不可能的。"
        "不过，用户自己保管钥匙也意味着一旦丢失就无法找回，所以备份非常重要。"
    ),
    (
        "我是做外贸生意的，平时经常需要收付美元稳定币。最近一次收款的时候，对方说已经转出，"
        "可是我这边迟迟没有收到。对方发来的截图上显示的地址和我的地址只有最后几位不一样，"
        "我怀疑是不是剪贴板被恶意软件替换了。现在我很担心电脑是不是中了病毒，也不知道还能不能追回这笔款项。"
    ),
    (
        "春节期间平台的处理时间会有所延长，工单的回复时间可能需要三到五个工作日，敬请谅解。"
        "如遇紧急情况，请在工单中注明，我们会优先安排处理。同时提醒各位用户，节日期间诈骗活动高发，"
        "请认准官方渠道，不要相信任何自称客服的私信。"
    ),
    (
        "他说明天早上八点在学校门口见面，然后一起坐车去火车站。我担心路上会堵车，"
        "所以建议大家提前半个小时出发。如果有人迟到了，可以先打电话联系，不要在原地一直等。"
    ),
    (
        "这个月的账单出来了，水电费比上个月多了不少，主要是因为天气变热开了空调。"
        "我打算下个月调整一下使用习惯，白天尽量少开，晚上把温度设高一点，看看能不能省下一些。"
    ),
    (
        "为了保护您的资产安全，请定期检查授权记录，及时取消不再使用的合约授权。"
        "如果发现陌生的授权或者不明来源的转账，请第一时间将剩余资产转移到新的钱包，并联系我们的客服团队。"
    ),
    (
        "我们公司的年会定在下个月中旬举行，地点在市中心的酒店。各部门需要准备一个节目，"
        "时间控制在五分钟以内。报名截止到本周五，请各位同事积极参加。"
    ),
    (
        "学习一门新的语言需要坚持，每天花半个小时读书、听力和口语练习，效果会比突击学习好很多。"
        "不要害怕犯错，多和别人交流，慢慢就会有进步。"
    ),
    (
        "小明的爸爸是一名医生，妈妈是一名老师。他从小就喜欢读书，长大以后想成为一名科学家，"
        "为国家和人民做出自己的贡献。"
    ),
    # --- mixed texts with numbers and lists
    "1. 打开钱包\n2. 点击资产\n3. 选择 USDT\n4. 点击收款\n5. 复制地址\n6. 在交易所粘贴地址并提现",
    "Steps: 1) open the app 2) tap assets 3) choose USDT 4) tap receive 5) copy the address",
    f"金额 88.8 USDT，手续费 1 TRX，区块高度 61234567，哈希 {TX_BARE}，状态 SUCCESS。",
)


@dataclass(frozen=True)
class Positive:
    text: str
    kind: SecretKind
    start: int
    end: int
    label: str


_LEADING_NUMBER = re.compile(r"[\d.)\s\u2460-\u2473\u3251-\u325f]*")
_CIRCLED = [chr(0x2460 + i) for i in range(20)] + [chr(0x3251 + i) for i in range(15)]


def _shapes(words: list[str], chinese: bool) -> dict[str, str]:
    shapes = {
        "spaces": " ".join(words),
        "commas": ", ".join(words),
        "full-width commas": "，".join(words),
        "ideographic commas": "、".join(words),
        "new lines": "\n".join(words),
        "numbered": " ".join(f"{i}. {w}" for i, w in enumerate(words, 1)),
        "numbered lines": "\n".join(f"{i}) {w}" for i, w in enumerate(words, 1)),
        "circled": " ".join(f"{_CIRCLED[i]}{w}" for i, w in enumerate(words)),
    }
    if chinese:
        shapes["no separator"] = "".join(words)
        shapes["grid rows"] = "\n".join("".join(words[i : i + 3]) for i in range(0, len(words), 3))
    else:
        shapes["upper case"] = " ".join(words).upper()
        shapes["full-width letters"] = " ".join(
            "".join(chr(ord(c) + 0xFEE0) for c in w) for w in words
        )
    return shapes


_PHRASE_TEMPLATES = (
    "您好，我的钱包打不开了，助记词是：{secret}，请帮我恢复一下资产，谢谢！",
    "Hi support, I cannot open my wallet. Here are my words:\n{secret}\nPlease help me.",
    "我把助记词抄在纸上了：\n{secret}\n是不是哪里抄错了，导入一直失败",
    "{secret}",
    "请帮我看看\n{secret}\n谢谢",
    "My seed phrase is {secret}. Why does the import fail?",
)


def _phrases(rng: random.Random) -> list[Positive]:
    found = []
    for language in ("english", "chinese_simplified", "chinese_traditional"):
        mnemo = Mnemonic(language)
        for strength in (16, 20, 24, 28, 32):
            words = mnemo.to_mnemonic(rng.randbytes(strength)).split(" ")
            for shape, secret in _shapes(words, language != "english").items():
                for template in _PHRASE_TEMPLATES:
                    head, tail = template.split("{secret}")
                    text = head + secret + tail
                    label = f"{language}/{len(words)}/{shape}"
                    # The secret is the words; a leading "1." or "①" is not part of it.
                    match = _LEADING_NUMBER.match(secret)
                    lead = len(match.group()) if match else 0
                    found.append(
                        Positive(
                            text,
                            SecretKind.RECOVERY_PHRASE,
                            len(head) + lead,
                            len(head) + len(secret),
                            label,
                        )
                    )
    return found


_KEY_TEMPLATES = (
    "我的私钥是 {secret}，能帮我导入吗？",
    "private key: {secret}",
    "Here is my priv key {secret} please check the balance",
    "{secret} 这是我的私钥",
    "钱包密钥：\n{secret}",
    "secret key={secret}",
)


def _keys(rng: random.Random) -> list[Positive]:
    found = []
    for index in range(10):
        raw = rng.randbytes(32)
        for secret in (raw.hex(), "0x" + raw.hex(), raw.hex().upper()):
            template = _KEY_TEMPLATES[index % len(_KEY_TEMPLATES)]
            head, tail = template.split("{secret}")
            found.append(
                Positive(
                    head + secret + tail,
                    SecretKind.PRIVATE_KEY,
                    len(head),
                    len(head) + len(secret),
                    "hex key",
                )
            )
        wif_plain = base58.b58encode_check(b"\x80" + raw).decode()
        wif_compressed = base58.b58encode_check(b"\x80" + raw + b"\x01").decode()
        for secret in (wif_plain, wif_compressed):
            head = "导出的比特币密钥如下 " if index % 2 else "exported: "
            found.append(
                Positive(
                    head + secret + " 谢谢",
                    SecretKind.WIF_KEY,
                    len(head),
                    len(head) + len(secret),
                    "wif",
                )
            )
        for version in ("0488ade4", "04358394", "049d7878", "04b2430c"):  # xprv tprv yprv zprv
            body = bytes.fromhex(version) + bytes([0]) + bytes(8) + rng.randbytes(32) + b"\0"
            secret = base58.b58encode_check(body + raw).decode()
            head = "Backup from my old wallet: "
            found.append(
                Positive(
                    head + secret,
                    SecretKind.EXTENDED_PRIVATE_KEY,
                    len(head),
                    len(head) + len(secret),
                    "xprv",
                )
            )
        keypair = "[" + ",".join(str(b) for b in rng.randbytes(64)) + "]"
        found.append(
            Positive(
                f"id.json 文件内容 {keypair}",
                SecretKind.PRIVATE_KEY,
                13,
                13 + len(keypair),
                "solana keypair",
            )
        )
    return found


def positives(seed: int = 20240601) -> list[Positive]:
    rng = random.Random(seed)
    return _phrases(rng) + _keys(rng)


# Hex keys without any "key" wording: a transaction hash looks exactly like this.
UNLABELLED_HEX = tuple(
    template.format(random.Random(i).randbytes(32).hex())
    for i, template in enumerate(
        (
            "txid {}",
            "交易哈希：{}",
            "我没有泄露私钥，交易哈希是 0x{}",
            "I never gave anyone my private key. The transaction is 0x{}",
            "https://etherscan.io/tx/0x{}",
            "{}",
            "哈希值 {} 请查询",
            "block hash {} confirmed",
        )
    )
)
