"""The security-incident lane: a restricted Security incidents team and the category users
choose when funds were stolen, they met a phishing site or their account was taken over.

Its tickets open as urgent, the secret guard reads them at full strength, and only the team's
members see them. The team starts with no members: an administrator adds the security staff
in the admin site. Re-running only fills in what is missing; an administrator's later edits
of the team or the category are kept.
"""

from django.db import migrations

TEAM = {
    "slug": "security-incidents",
    "name_zh": "安全事件组",
    "name_en": "Security incidents",
    "is_restricted": True,
}

URGENT = 4

CATEGORY = {
    "slug": "compromised",
    "name_zh": "被盗 / 钓鱼 / 账户被盗用",
    "name_en": "Stolen funds / phishing / account compromised",
    "position": 0,
    "reply_days": 1,
    "priority_on_open": URGENT,
    "guard_strict": True,
    "fields": ["network", "tx_hash", "address", "occurred_at", "phishing_contact"],
    "required_fields": [],
    "completeness": [
        {"item": "tx_hash", "weight": 20},
        {"item": "address", "weight": 20},
        {"item": "occurred_at", "weight": 20},
        {"item": "description", "weight": 20},
        {"item": "phishing_contact", "weight": 20},
        {"item": "screenshot", "weight": 0, "recommended": True},
    ],
    "guidance_zh": "我们绝不会向您索要助记词、私钥或验证码。请立即：把剩余资产转到一个新的钱包"
    "（新的助记词）；撤销可疑的代币授权；不要再与骗子联系。然后告诉我们：被转走资产的交易哈希、"
    "资产被转去的地址、发生的时间、事情经过，以及钓鱼网站或骗子的联系方式。",
    "guidance_en": "We will never ask for your recovery phrase, private key or a verification "
    "code. Right now: move the funds you still have to a new wallet (a new recovery phrase); "
    "revoke token approvals you do not recognise; stop talking to the scammer. Then tell us: "
    "the transaction hashes of the transfers out, the addresses the funds went to, when it "
    "happened, how it happened, and the phishing site or the scammer's contact.",
    "example_zh": "11 月 20 日 21:30 左右，我在 Telegram 群里点了一个“空投领取”链接并签名，"
    "几分钟后 USDT 被转走。\n钓鱼网站：claim-airdrop.example\n收款地址：TJRab…RTv8",
    "example_en": "Around 21:30 on 20 Nov I opened an 'airdrop claim' link from a Telegram "
    "group and signed; minutes later my USDT was sent away.\nPhishing site: "
    "claim-airdrop.example\nFunds went to: TJRab…RTv8",
}


def seed(apps, schema_editor):
    Team = apps.get_model("tickets", "Team")
    Category = apps.get_model("tickets", "Category")
    values = dict(TEAM)
    team, _ = Team.objects.get_or_create(slug=values.pop("slug"), defaults=values)
    values = dict(CATEGORY)
    Category.objects.get_or_create(slug=values.pop("slug"), defaults={**values, "team": team})


class Migration(migrations.Migration):
    dependencies = [("tickets", "0020_ticket_phishing_contact")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
