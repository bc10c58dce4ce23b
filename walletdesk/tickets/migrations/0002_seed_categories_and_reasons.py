"""The six ticket categories and four rejection reasons every WalletDesk starts with.

Admins edit them afterwards; re-running only fills in rows that are missing.
"""

from django.db import migrations

ALL_FIELDS = ["network", "asset", "tx_hash", "address", "amount", "occurred_at"]

CATEGORIES = [
    {
        "slug": "deposit",
        "name_zh": "充值",
        "name_en": "Deposit",
        "position": 1,
        "reply_days": 2,
        "fields": ALL_FIELDS,
        "required_fields": ["network", "asset"],
        "guidance_zh": "请写明充值所用的网络和币种、交易哈希（TxID）、收款地址、金额和发起时间。"
        "交易哈希可以在转出方（交易所或其他钱包）的提现记录中找到。",
        "guidance_en": "Tell us the network and asset of the deposit, the transaction hash (TxID), "
        "the receiving address, the amount and when it was sent. The hash is in the sender's "
        "(exchange or other wallet) withdrawal history.",
        "example_zh": "网络：TRON（TRC-20）\n币种：USDT\n交易哈希：3f1c…9ab2\n金额：250\n"
        "11 月 20 日 14:05 从交易所提到我的钱包，交易所显示已完成，钱包里看不到。",
        "example_en": "Network: TRON (TRC-20)\nAsset: USDT\nHash: 3f1c…9ab2\nAmount: 250\n"
        "Sent from my exchange on 20 Nov at 14:05; the exchange says completed, my wallet "
        "shows nothing.",
    },
    {
        "slug": "withdrawal",
        "name_zh": "提现",
        "name_en": "Withdrawal",
        "position": 2,
        "reply_days": 2,
        "fields": ALL_FIELDS,
        "required_fields": ["network", "asset", "amount"],
        "guidance_zh": "请写明提现的网络、币种、金额、目标地址和提现时间；如有交易哈希请一并填写。"
        "附上提现记录的截图会更快处理。",
        "guidance_en": "Tell us the network, asset, amount, destination address and when you "
        "withdrew; add the transaction hash if there is one. A screenshot of the withdrawal "
        "record speeds things up.",
        "example_zh": "网络：Ethereum\n币种：ETH\n金额：0.5\n目标地址：0x52908400098527886E0F7030069857D2E4169EE7\n"
        "提现已显示“处理中”超过 6 小时。",
        "example_en": "Network: Ethereum\nAsset: ETH\nAmount: 0.5\nTo: "
        "0x52908400098527886E0F7030069857D2E4169EE7\nThe withdrawal has said 'processing' "
        "for over 6 hours.",
    },
    {
        "slug": "transfer",
        "name_zh": "转账",
        "name_en": "Transfer",
        "position": 3,
        "reply_days": 2,
        "fields": ALL_FIELDS,
        "required_fields": ["network", "asset"],
        "guidance_zh": "请写明转账的网络、币种、交易哈希、对方地址和金额。如果选错了网络，"
        "请写明实际使用的网络和本应使用的网络。",
        "guidance_en": "Tell us the network, asset, transaction hash, the other address and the "
        "amount. If you sent on the wrong network, say which network you used and which one "
        "you meant.",
        "example_zh": "网络：BNB Smart Chain\n币种：USDT\n本应使用 TRON 网络，误选了 BSC。",
        "example_en": "Network: BNB Smart Chain\nAsset: USDT\nI meant to use TRON but picked "
        "BSC by mistake.",
    },
    {
        "slug": "assets",
        "name_zh": "资产管理",
        "name_en": "Asset management",
        "position": 4,
        "reply_days": 3,
        "fields": ["network", "asset", "address"],
        "required_fields": ["network"],
        "guidance_zh": "请写明哪个网络上的哪种资产显示不正确，以及您的钱包地址。",
        "guidance_en": "Tell us which asset on which network does not show correctly, and your "
        "wallet address.",
        "example_zh": "网络：Polygon\n币种：USDC\n区块浏览器上有余额，钱包里显示为 0。",
        "example_en": "Network: Polygon\nAsset: USDC\nThe explorer shows a balance; the wallet "
        "shows 0.",
    },
    {
        "slug": "account",
        "name_zh": "账户与安全",
        "name_en": "Account & security",
        "position": 5,
        "reply_days": 1,
        "fields": ["occurred_at"],
        "required_fields": [],
        "guidance_zh": "请描述发生了什么以及发生的时间。切勿填写助记词、私钥或验证码——"
        "客服永远不会索要这些信息。",
        "guidance_en": "Describe what happened and when. Never write your recovery phrase, "
        "private key or verification codes: support never asks for them.",
        "example_zh": "今天上午 10 点收到一封自称客服的邮件，要求我提供助记词，我没有回复。",
        "example_en": "This morning at 10 I received an e-mail claiming to be support that "
        "asked for my recovery phrase. I did not reply.",
    },
    {
        "slug": "other",
        "name_zh": "其他",
        "name_en": "Other",
        "position": 6,
        "reply_days": 3,
        "fields": ["network", "asset"],
        "required_fields": [],
        "guidance_zh": "请尽量详细地描述您的问题，并附上相关截图。",
        "guidance_en": "Describe your question in as much detail as you can and attach "
        "screenshots.",
        "example_zh": "",
        "example_en": "",
    },
]

REASONS = [
    {
        "code": "incomplete_information",
        "title_zh": "信息不完整",
        "title_en": "Incomplete information",
        "next_steps_zh": "请补充缺少的信息（例如网络、交易哈希、金额和截图）后重新提交，"
        "我们会在原工单的基础上继续处理。",
        "next_steps_en": "Add the missing details (for example the network, transaction hash, "
        "amount and a screenshot) and resubmit; we continue from the original ticket.",
        "allows_resubmission": True,
        "position": 1,
    },
    {
        "code": "out_of_scope",
        "title_zh": "不在支持范围内",
        "title_en": "Outside the support scope",
        "next_steps_zh": "该问题需要由相应的交易所、项目方或服务商处理，请直接联系对方。",
        "next_steps_en": "This needs the exchange, project or service involved; please contact "
        "them directly.",
        "allows_resubmission": False,
        "position": 2,
    },
    {
        "code": "process_not_followed",
        "title_zh": "未按流程操作",
        "title_en": "Process not followed",
        "next_steps_zh": "请按照帮助中心中对应文章的步骤操作，完成后如问题仍在，请补充信息并重新提交。",
        "next_steps_en": "Please follow the steps in the matching Help Center article; if the "
        "problem remains afterwards, supplement the details and resubmit.",
        "allows_resubmission": True,
        "position": 3,
    },
    {
        "code": "legal_matter",
        "title_zh": "涉及法律事务",
        "title_en": "Legal matter",
        "next_steps_zh": "涉及司法或执法的请求需要通过正式法律途径提交，客服无法在工单中处理。",
        "next_steps_en": "Requests from courts or law enforcement must come through the formal "
        "legal channel; support cannot handle them in a ticket.",
        "allows_resubmission": False,
        "position": 4,
    },
]


def seed(apps, schema_editor):
    Category = apps.get_model("tickets", "Category")
    RejectionReason = apps.get_model("tickets", "RejectionReason")
    for row in CATEGORIES:
        values = dict(row)
        Category.objects.get_or_create(slug=values.pop("slug"), defaults=values)
    for row in REASONS:
        values = dict(row)
        RejectionReason.objects.get_or_create(code=values.pop("code"), defaults=values)


class Migration(migrations.Migration):
    dependencies = [("tickets", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
