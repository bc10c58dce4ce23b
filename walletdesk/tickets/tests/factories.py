import factory
from django.utils import timezone

from walletdesk.accounts.tests.factories import UserFactory
from walletdesk.tickets.models import (
    Category,
    Message,
    RejectionReason,
    Status,
    Team,
    TeamMembership,
    Ticket,
)
from walletdesk.tickets.references import reference_generate


def category(slug: str = "withdrawal") -> Category:
    """One of the six categories the data migration creates."""
    return Category.objects.get(slug=slug)


def general_team() -> Team:
    """The team the data migration routes every category to."""
    return Team.objects.get(slug="general")


def team_join(user, team: Team, role: str = TeamMembership.Role.MEMBER) -> TeamMembership:
    membership, _ = TeamMembership.objects.get_or_create(
        user=user, team=team, defaults={"role": role}
    )
    return membership


class TeamFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Team
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"team-{n}")
    name_zh = factory.Sequence(lambda n: f"第{n}组")
    name_en = factory.Sequence(lambda n: f"Team {n}")


def reason(code: str = "incomplete_information") -> RejectionReason:
    return RejectionReason.objects.get(code=code)


class TicketFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Ticket

    reference = factory.LazyFunction(reference_generate)
    requester = factory.SubFactory(UserFactory)
    category = factory.LazyFunction(lambda: category("withdrawal"))
    # Routed like a submission: the ticket goes to its category's team.
    team = factory.LazyAttribute(lambda o: o.category.team)
    # Written like the users write, and never a run of recovery-phrase words: English lorem
    # text is mostly BIP-39 words, and a reply after it could complete a valid phrase that
    # the secret guard (rightly) refuses, failing a test now and then.
    subject = factory.Faker("sentence", nb_words=6)
    description = factory.Sequence(
        lambda n: f"第 {n} 笔 USDT 提现已经等了三个小时，交易所显示已完成，但钱包里还看不到。"
    )
    network = "ethereum"
    asset = "USDT"
    amount = factory.Faker("pydecimal", left_digits=4, right_digits=2, positive=True)
    status = Status.NEW
    first_response_due_at = factory.LazyFunction(
        lambda: timezone.now() + timezone.timedelta(days=2)
    )
    last_customer_message_at = factory.LazyFunction(timezone.now)
    customer_seen_at = factory.LazyFunction(timezone.now)


class MessageFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Message

    ticket = factory.SubFactory(TicketFactory)
    author = factory.SelfAttribute("ticket.requester")
    author_role = Message.AuthorRole.CUSTOMER
    body = factory.Faker("paragraph")
