from walletdesk.accounts.models import User
from walletdesk.incidents.models import Incident, IncidentLink
from walletdesk.tickets.models import Category, Ticket


def incident_make(
    *,
    author: User | None = None,
    network: str = "tron",
    category: Category | None = None,
    window_hours: int = 24,
    **values: object,
) -> Incident:
    """An open incident, written directly (services.incident_open is tested on its own)."""
    texts = {
        "title_zh": "TRON 上的 USDT 提现延迟",
        "title_en": "USDT withdrawals on TRON delayed",
        "description_zh": "TRON 网络拥堵，提现会晚到，资金安全。",
        "description_en": "The TRON network is congested: withdrawals arrive late, funds are safe.",
    }
    texts.update({k: str(v) for k, v in values.items()})
    incident = Incident(
        network=network,
        category=category,
        window_hours=window_hours,
        opened_by=author,
        **texts,
    )
    incident.save()
    return incident


def link_make(incident: Incident, ticket: Ticket, by: User | None = None) -> IncidentLink:
    return IncidentLink.objects.create(incident=incident, ticket=ticket, linked_by=by)


def lead_make(email: str = "lena@walletdesk.example") -> User:
    """An agent who supervises the General team: may open, answer and resolve incidents."""
    from walletdesk.accounts.tests.factories import AgentFactory
    from walletdesk.tickets.models import TeamMembership
    from walletdesk.tickets.tests.factories import general_team, team_join

    user: User = AgentFactory(email=email, display_name="Lena", teams=[])
    team_join(user, general_team(), role=TeamMembership.Role.SUPERVISOR)
    return user
