"""Demo data for `make run`: three people, the contact channels and a ticket in every state.

Idempotent: a second run changes nothing and prints the same logins (kept in var/).
"""

import secrets
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import timezone

from walletdesk.accounts.models import TotpDevice, User
from walletdesk.kb.models import ContactChannel
from walletdesk.macros.models import Macro
from walletdesk.macros.services import macro_check
from walletdesk.notifications.models import Channel as NotificationChannel
from walletdesk.notifications.models import Notification
from walletdesk.notifications.receipts import receipts_skip_written
from walletdesk.notifications.surveys import survey_reminders_skip_written
from walletdesk.reports.rollups import rollups_rebuild
from walletdesk.sla.models import Policy
from walletdesk.tickets import services
from walletdesk.tickets.drafts import TicketDraft
from walletdesk.tickets.models import Category, Priority, RejectionReason, Team, TeamMembership

PEOPLE = [
    ("demo@walletdesk.localhost", "小王 Wang", User.Role.CUSTOMER),
    ("agent@walletdesk.localhost", "客服 Lin", User.Role.AGENT),
    ("admin@walletdesk.localhost", "管理员 Admin", User.Role.ADMIN),
    ("security@walletdesk.localhost", "安全 Shen", User.Role.AGENT),
]

# The Help Center's own channels (hotline, e-mail, Weibo, X, community) come with its
# migrations; the demo adds only what those lack, keyed by address so a rerun adds nothing.
CHANNELS = [
    {
        "kind": "social",
        "label_zh": "Telegram 官方频道",
        "label_en": "Telegram channel",
        "value": "https://t.me/imwallet_official",
        "position": 5,
    },
]

_RETIRED_DEMO_CHANNELS = ("+864008200000",)

# The teams and the categories each works. The General team comes with the migrations.
TEAMS = [
    ("payments", "充值提现组", "Deposits & withdrawals", ("deposit", "withdrawal", "transfer")),
    ("security", "账户安全组", "Account security", ("account",)),
    ("general", "综合组", "General", ("assets", "other")),
    # The security-incident lane (its migration makes the team and the category): restricted,
    # so only Shen works it; the administrator sees how many tickets wait there, not what
    # they say, until joining the team.
    ("security-incidents", "安全事件组", "Security incidents", ("compromised",)),
]
# Teams whose new tickets find an agent by themselves (tickets/routing.py, every few seconds
# under `make run`); the others wait for an agent to take them.
AUTOMATIC_ASSIGNMENT = {"payments": Team.Assignment.ROUND_ROBIN}
RESTRICTED_TEAMS = frozenset({"security-incidents"})
# Who is in which team: the demo agent supervises payments and helps in General; account
# security is the administrator's alone, so the agent's console shows what least privilege
# hides (the administrator sees every team's tickets).
MEMBERSHIPS = [
    (1, "payments", TeamMembership.Role.SUPERVISOR),
    (1, "general", TeamMembership.Role.MEMBER),
    (2, "security", TeamMembership.Role.SUPERVISOR),
    (3, "security-incidents", TeamMembership.Role.SUPERVISOR),
]

# Shared saved replies for the console (docs/macros.md): (title zh, title en, reply zh, reply
# en, priority to set or None).
DEMO_MACROS = [
    (
        "链上拥堵，正在跟进",
        "Chain congested, following up",
        "{{ name }}您好，{{ network }} 目前较为拥堵，您的工单 {{ reference }} 我们正在跟进，"
        "到账后会通知您。交易可在此查看：{{ explorer_link }}",
        "Hi {{ name }}, {{ network }} is congested at the moment. We are following up your "
        "ticket {{ reference }} and will tell you once it arrives. The transaction: "
        "{{ explorer_link }}",
        Priority.HIGH,
    ),
    (
        "需要交易哈希",
        "Transaction hash needed",
        "{{ name }}您好，请在工单 {{ reference }} 中补充交易哈希（TxID），我们才能在链上查找。"
        "我们绝不会索要您的助记词或私钥。",
        "Hi {{ name }}, please add the transaction hash (TxID) to ticket {{ reference }} so we "
        "can look it up on chain. We never ask for your recovery phrase or private key.",
        None,
    ),
]

ETH_ADDRESS = "0x52908400098527886E0F7030069857D2E4169EE7"
TRON_ADDRESS = "TJRabPrwbZy45sbavfcjinPJC18kjpRTv8"
TX = "0x" + "9f" * 32


WELCOME_FILE = "demo_welcome.txt"

# The demo's staff have two-step verification (staff must) with this fixed, public secret:
# `manage.py demo_otp` (or `make demo-otp`) prints their current code, and anyone may add it to
# an authenticator app. Never a secret of a real account.
DEMO_TOTP_SECRET = "DEMODEMODEMODEMOWALLETDESK234567"  # noqa: S105 - public demo key, above


def _welcome(logins: list[tuple[str, str, str]]) -> str:
    site = settings.SITE_URL
    lines = ["", f"WalletDesk demo is ready. Sign in at {site}/accounts/login/"]
    lines += [f"  {role:<9} {email:<30} password: {password}" for email, password, role in logins]
    lines += [
        f"  console: {site}/console/   admin: {site}/admin/",
        "  agent and admin sign in with a code too: `make demo-otp` prints the current one"
        f" (or add the key {DEMO_TOTP_SECRET} to an authenticator app)",
        f"  (the logins are kept in {Path(settings.VAR_DIR) / 'demo_logins.txt'};"
        " e-mails are printed here)",
        "",
    ]
    return "\n".join(lines)


def _demo_second_factor(user: User) -> None:
    """The demo secret as the staff member's authenticator app, unless they already have one
    (a rerun, or one they set up themselves, is left alone)."""
    if user.has_second_factor:
        return
    TotpDevice.objects.update_or_create(user=user, defaults={"secret": DEMO_TOTP_SECRET})
    now = timezone.now()
    user.second_factor_enabled_at = now
    user.second_factor_changed_at = now
    user.save(update_fields=["second_factor_enabled_at", "second_factor_changed_at"])


class Command(BaseCommand):
    help = "Create the demo users, contact channels and tickets in every state."

    def handle(self, *args: Any, **options: Any) -> None:
        logins = self._people()
        self._channels()
        self._teams()
        self._macros()
        self._service_policy()
        customer = User.objects.get(email=PEOPLE[0][0])
        agent = User.objects.get(email=PEOPLE[1][0])
        admin = User.objects.get(email=PEOPLE[2][0])
        if not customer.tickets.exists():
            self._tickets(customer, agent, admin)
            # The demo's tickets have a past, not a present: nobody is mailed about it (the
            # in-app notifications stay, for the bell to show).
            Notification.objects.filter(ticket__requester=customer).exclude(
                channel=NotificationChannel.INAPP
            ).delete()
            receipts_skip_written()
            survey_reminders_skip_written()
            # The demo's history shows on the dashboards at once.
            rollups_rebuild(quiet=True)
        welcome = _welcome(logins)
        self.stdout.write(welcome)
        # `manage.py serve --welcome` shows it again once the site answers, after the
        # worker's start-up lines, so the logins are the last thing on the screen.
        (Path(settings.VAR_DIR) / WELCOME_FILE).write_text(welcome, encoding="utf-8")

    def _service_policy(self) -> None:
        # One policy for every category and priority, so the demo's tickets get their clocks
        # (sla/, opened by beat a few seconds after `make run` starts) and "Due next" has work.
        Policy.objects.get_or_create(
            category=None,
            priority=None,
            defaults={
                "name_zh": "标准服务目标",
                "name_en": "Standard targets",
                "first_reply_for": 16 * 60,  # two working days of eight hours
                "next_reply_for": 8 * 60,
                "resolution_for": 40 * 60,
                "warn_before_for": 60,
            },
        )

    def _macros(self) -> None:
        for title_zh, title_en, body_zh, body_en, priority in DEMO_MACROS:
            macro = Macro.objects.filter(owner=None, title_en=title_en).first() or Macro(
                title_en=title_en
            )
            macro.title_zh, macro.body_zh, macro.body_en = title_zh, body_zh, body_en
            macro.set_priority = priority
            macro_check(macro=macro, author=None)
            macro.save()

    def _people(self) -> list[tuple[str, str, str]]:
        store = Path(settings.VAR_DIR) / "demo_logins.txt"
        saved: dict[str, str] = {}
        if store.exists():
            for line in store.read_text(encoding="utf-8").splitlines():
                email, _, password = line.partition(" ")
                saved[email] = password
        logins = []
        for email, name, role in PEOPLE:
            password = saved.get(email) or secrets.token_urlsafe(9)
            user = User.objects.filter(email=email).first()
            if user is None:
                user = User.objects.create_user(
                    email=email,
                    password=password,
                    display_name=name,
                    role=role,
                    email_verified_at=timezone.now(),
                    is_staff=role == User.Role.ADMIN,
                    is_superuser=role == User.Role.ADMIN,
                )
            elif email not in saved:
                user.set_password(password)
                user.save(update_fields=["password"])
            saved[email] = password
            logins.append((email, password, str(role)))
            if user.needs_second_factor:
                _demo_second_factor(user)
        store.parent.mkdir(parents=True, exist_ok=True)
        store.write_text("".join(f"{e} {p}\n" for e, p in saved.items()), encoding="utf-8")
        store.chmod(0o600)
        return logins

    def _channels(self) -> None:
        # Earlier demos added a second hotline and a second X account beside the Help
        # Center's: those go, so a demo database made before reads like a new one.
        ContactChannel.objects.filter(value__in=_RETIRED_DEMO_CHANNELS).delete()
        for row in CHANNELS:
            ContactChannel.objects.get_or_create(value=row["value"], defaults=row)
        seen: set[str] = set()
        for channel in ContactChannel.objects.order_by("position", "pk"):
            if channel.value in seen:
                channel.delete()
            seen.add(channel.value)

    @transaction.atomic
    def _teams(self) -> None:
        teams = {}
        for slug, name_zh, name_en, categories in TEAMS:
            assignment = AUTOMATIC_ASSIGNMENT.get(slug, Team.Assignment.MANUAL)
            team, _ = Team.objects.update_or_create(
                slug=slug,
                defaults={
                    "name_zh": name_zh,
                    "name_en": name_en,
                    "assignment": assignment,
                    "is_restricted": slug in RESTRICTED_TEAMS,
                },
            )
            teams[slug] = team
            # save() per category, not update(): the category catalogue is forgotten on save.
            for category in Category.objects.filter(slug__in=categories).exclude(team=team):
                category.team = team
                category.save(update_fields=["team", "updated_at"])
        for person, slug, role in MEMBERSHIPS:
            user = User.objects.get(email=PEOPLE[person][0])
            TeamMembership.objects.update_or_create(
                user=user, team=teams[slug], defaults={"role": role}
            )
        # Anyone else the migration put in General (the demo people, made before) stays only
        # where the list above puts them.
        listed = {(PEOPLE[person][0], slug) for person, slug, _role in MEMBERSHIPS}
        for membership in TeamMembership.objects.filter(
            user__email__in=[email for email, _name, _role in PEOPLE]
        ).select_related("user", "team"):
            if (membership.user.email, membership.team.slug) not in listed:
                membership.delete()

    @transaction.atomic
    def _tickets(self, customer: User, agent: User, admin: User) -> None:
        cat = {c.slug: c for c in Category.objects.all()}
        reasons = {r.code: r for r in RejectionReason.objects.all()}

        def open_ticket(slug: str, subject: str, description: str, **fields: Any) -> Any:
            draft = TicketDraft(
                category=cat[slug], subject=subject, description=description, **fields
            )
            return services.ticket_open(requester=customer, draft=draft)

        open_ticket(
            "deposit",
            "USDT 充值未到账",
            "我从交易所提了 250 USDT 到钱包，交易所显示已完成，但钱包里一直看不到。",
            network="tron",
            asset="USDT",
            address=TRON_ADDRESS,
            amount=Decimal("250"),
        )

        working = open_ticket(
            "withdrawal",
            "提现一直显示处理中",
            "昨天晚上提现 0.5 ETH，到现在还显示处理中。",
            network="ethereum",
            asset="ETH",
            address=ETH_ADDRESS,
            amount=Decimal("0.5"),
            tx_hash=TX,
        )
        services.ticket_start(ticket=working, agent=agent)
        services.ticket_reply_add(
            ticket=working,
            author=agent,
            internal=True,
            body="链上已确认，检查一下出金队列。",
        )
        services.ticket_reply_add(
            ticket=working,
            author=agent,
            body="您好，我们已经查到这笔交易，正在处理中，请稍候。",
        )

        waiting = open_ticket(
            "transfer",
            "Sent USDT on the wrong network",
            "I sent 100 USDT on BNB Smart Chain but the receiving exchange only supports TRON.",
            network="bsc",
            asset="USDT",
            amount=Decimal("100"),
        )
        services.ticket_request_info(
            ticket=waiting,
            agent=agent,
            body="Please send the transaction hash and the exchange's deposit address.",
        )
        services.ticket_priority_change(ticket=waiting, priority=Priority.HIGH, agent=agent)

        solved = open_ticket(
            "assets",
            "代币不显示",
            "Polygon 上的 USDC 在浏览器有余额，但钱包显示 0。",
            network="polygon",
            asset="USDC",
            address=ETH_ADDRESS,
        )
        services.ticket_reply_add(
            ticket=solved,
            author=agent,
            body="请在资产页点击“添加代币”，搜索 USDC（Polygon）后即可显示。",
        )
        services.ticket_resolve(ticket=solved, actor=agent)

        closed = open_ticket(
            "account",
            "How do I turn on two-factor sign-in?",
            "Where is the 2FA setting?",
        )
        # Account security is not the demo agent's team: its administrator answers.
        services.ticket_resolve(
            ticket=closed,
            actor=admin,
            body="Settings → Security → Two-factor authentication. Thanks for asking!",
        )
        services.ticket_rate(ticket=closed, customer=customer, score=5, comment="Quick and clear.")
        services.ticket_close(ticket=closed, actor=admin)

        rejected = open_ticket(
            "withdrawal",
            "提现失败",
            "提现失败了，请帮忙看看。",
            network="tron",
            asset="USDT",
            amount=Decimal("80"),
        )
        services.ticket_reject(
            ticket=rejected,
            agent=agent,
            reason=reasons["incomplete_information"],
            message="请补充交易哈希（TxID）和提现时间，并附上提现记录截图。",
        )

        # The security-incident lane: urgent, seen by the security team alone; the checklist on
        # its page shows the hash and the time missing, which Shen can ask for in one step.
        open_ticket(
            "compromised",
            "点了空投链接后 USDT 被转走",
            "我在 Telegram 群里点了一个“领取空投”的链接，连接钱包并签名后，几分钟内钱包里的 "
            "USDT 全部被转走了。",
            network="tron",
            address=TRON_ADDRESS,
            phishing_contact="claim-airdrop.example / Telegram @airdrop_helper_bot",
        )

        out_of_scope = open_ticket(
            "other",
            "交易所账户被冻结",
            "我在某交易所的账户被冻结了。",
        )
        services.ticket_reject(
            ticket=out_of_scope,
            agent=agent,
            reason=reasons["out_of_scope"],
            message="交易所账户的问题需要联系该交易所的客服处理。",
        )
