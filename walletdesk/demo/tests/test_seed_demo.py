"""The demo data: people to sign in as, the Help Center's contact channels once each, and a
rerun that adds nothing."""

from collections import Counter
from io import StringIO

import pytest
from django.core.management import call_command

from walletdesk.accounts.models import User
from walletdesk.kb.models import ContactChannel
from walletdesk.tickets.models import Ticket

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _own_var_dir(settings, tmp_path):
    settings.VAR_DIR = tmp_path


def _seed() -> str:
    out = StringIO()
    call_command("seed_demo", stdout=out)
    return out.getvalue()


def test_every_contact_channel_is_listed_once_with_one_hotline() -> None:
    _seed()

    channels = list(ContactChannel.objects.all())
    assert Counter(c.value for c in channels).most_common(1)[0][1] == 1
    assert Counter(c.label_en for c in channels).most_common(1)[0][1] == 1
    assert sum(c.kind == "hotline" for c in channels) == 1
    assert sum("x.com" in c.value for c in channels) == 1
    assert any("t.me" in c.value for c in channels)


def test_a_rerun_adds_nothing_and_keeps_the_passwords() -> None:
    first = _seed()
    counts = (ContactChannel.objects.count(), User.objects.count(), Ticket.objects.count())

    second = _seed()

    assert (ContactChannel.objects.count(), User.objects.count()) == counts[:2]
    assert Ticket.objects.count() == counts[2]
    logins = [line for line in first.splitlines() if "password:" in line]
    assert len(logins) == 4  # customer, agent, administrator, security agent
    assert logins == [line for line in second.splitlines() if "password:" in line]


def test_a_database_seeded_by_an_earlier_demo_loses_its_duplicates() -> None:
    ContactChannel.objects.create(
        kind="hotline",
        label_zh="客服热线 400-820-0000",
        label_en="Hotline +86 400-820-0000",
        value="+864008200000",
        position=1,
    )
    ContactChannel.objects.create(
        kind="social",
        label_zh="X（Twitter）",
        label_en="X (Twitter)",
        value="https://x.com/imwallet",
        position=3,
    )

    _seed()

    assert ContactChannel.objects.filter(kind="hotline").count() == 1
    assert ContactChannel.objects.filter(value="https://x.com/imwallet").count() == 1


def test_the_demos_past_mails_nobody_and_keeps_the_bell(settings) -> None:
    from walletdesk.notifications.models import Channel, Notification

    _seed()

    assert Notification.objects.exists()
    assert not Notification.objects.exclude(channel=Channel.INAPP).exists()
    assert (settings.VAR_DIR / "demo_welcome.txt").read_text(encoding="utf-8").count(
        "password:"
    ) == 4


def test_teams_route_the_categories_and_the_agent_sees_only_their_teams() -> None:
    from walletdesk.tickets.models import Category, Team
    from walletdesk.tickets.selectors import tickets_visible_to

    _seed()

    routes = {c.slug: c.team.slug for c in Category.objects.select_related("team")}
    assert routes == {
        "deposit": "payments",
        "withdrawal": "payments",
        "transfer": "payments",
        "account": "security",
        "assets": "general",
        "other": "general",
        "compromised": "security-incidents",
    }
    assert {t.name_zh for t in Team.objects.all()} == {
        "充值提现组",
        "账户安全组",
        "综合组",
        "安全事件组",
    }
    agent = User.objects.get(email="agent@walletdesk.localhost")
    admin = User.objects.get(email="admin@walletdesk.localhost")
    assert {t.slug for t in agent.teams.all()} == {"payments", "general"}
    seen = set(tickets_visible_to(agent).values_list("category__slug", flat=True))
    assert "account" not in seen
    assert {"deposit", "withdrawal", "assets", "other"} <= seen
    # The security lane's tickets are its team's alone: the administrator is not in it.
    lane = Ticket.objects.filter(category__slug="compromised")
    assert lane.exists()
    assert tickets_visible_to(admin).count() == Ticket.objects.count() - lane.count()
    shen = User.objects.get(email="security@walletdesk.localhost")
    assert set(tickets_visible_to(shen)) == set(lane)
    assert "compromised" not in seen
    assert all(t.team_id == t.category.team_id for t in Ticket.objects.select_related("category"))


def test_the_demos_tickets_get_no_receipt_but_the_next_new_one_does() -> None:
    from datetime import timedelta

    from django.utils import timezone

    from walletdesk.notifications.models import Kind, Notification
    from walletdesk.notifications.receipts import receipts_write
    from walletdesk.tickets.drafts import TicketDraft
    from walletdesk.tickets.services import ticket_open
    from walletdesk.tickets.tests.factories import category

    _seed()
    later = timezone.now() + timedelta(hours=1)

    assert receipts_write(now=later) == 0
    customer = Ticket.objects.first().requester
    draft = TicketDraft(category=category("other"), subject="新问题", description="余额没有变化。")
    ticket = ticket_open(requester=customer, draft=draft)
    assert receipts_write(now=later) == 1
    assert Notification.objects.filter(kind=Kind.RECEIVED).get(channel="inapp").ticket == ticket


def test_demo_staff_have_the_demo_second_factor_and_demo_otp_prints_their_codes() -> None:
    from walletdesk.accounts import totp
    from walletdesk.demo.management.commands.seed_demo import DEMO_TOTP_SECRET

    welcome = _seed()
    out = StringIO()
    call_command("demo_otp", stdout=out)

    agent = User.objects.get(email="agent@walletdesk.localhost")
    admin = User.objects.get(email="admin@walletdesk.localhost")
    customer = User.objects.get(email="demo@walletdesk.localhost")
    assert agent.has_second_factor
    assert admin.has_second_factor
    assert not customer.has_second_factor
    assert agent.totp_device.secret == DEMO_TOTP_SECRET
    assert "make demo-otp" in welcome
    printed = out.getvalue()
    codes = {totp.code_for(DEMO_TOTP_SECRET, totp.counter_now() + step) for step in (-1, 0, 1)}
    agent_line = next(line for line in printed.splitlines() if line.startswith(agent.email))
    assert any(f"code: {code}" in agent_line for code in codes)
    assert "demo@walletdesk.localhost" not in printed


def test_a_rerun_keeps_a_second_factor_staff_set_up_themselves() -> None:
    from walletdesk.accounts.models import TotpDevice

    _seed()
    TotpDevice.objects.filter(user__email="agent@walletdesk.localhost").update(secret="A" * 32)

    _seed()

    assert TotpDevice.objects.get(user__email="agent@walletdesk.localhost").secret == "A" * 32
