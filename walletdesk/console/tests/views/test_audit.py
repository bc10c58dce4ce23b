"""The audit trail page: superusers only, filters, keyset pages, a fixed number of queries."""

from datetime import UTC, datetime

import pytest
from django.urls import reverse

from walletdesk.accounts.models import User
from walletdesk.accounts.tests.factories import AdminFactory
from walletdesk.audit import selectors
from walletdesk.audit.models import AuditEvent, Kind
from walletdesk.audit.tests.factories import AuditEventFactory

URL = "/console/audit/"


@pytest.fixture
def admin(dave: User) -> User:
    dave.language = User.Language.EN
    dave.save(update_fields=["language"])
    return dave


@pytest.fixture
def admin_client(client, admin):
    client.force_login(admin)
    return client


def _at(day: int, hour: int = 12) -> datetime:
    return datetime(2026, 11, day, hour, tzinfo=UTC)


def test_the_url_is_the_console_audit_page():
    assert reverse("console:audit") == URL


def test_anonymous_visitor_is_sent_to_sign_in(client):
    response = client.get(URL)

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))


def test_customer_gets_404_and_the_refusal_is_recorded(client, alice):
    client.force_login(alice)

    response = client.get(URL)

    assert response.status_code == 404
    assert AuditEvent.objects.filter(kind=Kind.ACCESS_REFUSED, actor_id=alice.pk).count() == 1


def test_agent_gets_403_and_the_refusal_is_recorded(client, carol):
    client.force_login(carol)

    response = client.get(URL)

    assert response.status_code == 403
    assert AuditEvent.objects.filter(kind=Kind.ACCESS_REFUSED, actor_id=carol.pk).count() == 1


def test_an_admin_role_without_superuser_is_refused_too(client, db):
    lead = AdminFactory(email="lead@walletdesk.example", is_superuser=False)
    client.force_login(lead)

    assert client.get(URL).status_code == 403


def test_admin_sees_events_newest_first_with_address_device_and_detail(admin_client):
    AuditEventFactory(created_at=_at(1), actor_label="old@example.com")
    AuditEventFactory(
        created_at=_at(2),
        kind=Kind.ROLE_CHANGED,
        actor_label="dave@walletdesk.example",
        target="carol@walletdesk.example",
        ip="198.51.100.4",
        user_agent="Firefox/130",
        detail={"changes": {"role": {"from": "customer", "to": "agent"}}},
    )

    response = admin_client.get(URL)

    html = response.content.decode()
    assert response.status_code == 200
    assert html.index("carol@walletdesk.example") < html.index("old@example.com")
    assert "Role changed" in html
    assert "198.51.100.4" in html
    assert "Firefox/130" in html
    assert "&quot;to&quot;: &quot;agent&quot;" in html


def test_the_navigation_links_the_page_for_admins_only(admin_client, client, carol):
    admin_page = admin_client.get(reverse("console:queue")).content.decode()
    client.force_login(carol)
    agent_page = client.get(reverse("console:queue")).content.decode()

    assert f'href="{URL}"' in admin_page
    assert f'href="{URL}"' not in agent_page


def test_filters_by_kind_account_ip_and_days(admin_client):
    AuditEventFactory(
        created_at=_at(3), kind=Kind.SIGN_IN_FAILED, target="bob@example.com", ip="192.0.2.9"
    )
    AuditEventFactory(
        created_at=_at(4), kind=Kind.SIGN_IN_FAILED, target="carl@example.com", ip="192.0.2.8"
    )
    AuditEventFactory(
        created_at=_at(5), kind=Kind.SIGN_OUT, actor_label="bob@example.com", ip="192.0.2.9"
    )
    AuditEventFactory(
        created_at=_at(9), kind=Kind.SIGN_IN_FAILED, target="bob@example.com", ip="192.0.2.9"
    )

    def shown(**params: str) -> list[str]:
        page = selectors.audit_event_page(
            filters=_form_filters(params), page_size=selectors.PAGE_SIZE
        )
        return [f"{e.kind}@{e.created_at.day}" for e in page.events]

    assert shown(kind="sign_in_failed") == [
        "sign_in_failed@9",
        "sign_in_failed@4",
        "sign_in_failed@3",
    ]
    assert shown(account="BOB@example.com") == [
        "sign_in_failed@9",
        "sign_out@5",
        "sign_in_failed@3",
    ]
    assert shown(ip="192.0.2.8") == ["sign_in_failed@4"]
    assert shown(since="2026-11-04", until="2026-11-05") == ["sign_out@5", "sign_in_failed@4"]
    response = admin_client.get(URL, {"kind": "sign_out", "account": "bob@example.com"})
    html = response.content.decode()
    assert "audit-kind-sign_out" in html
    assert "audit-kind-sign_in_failed" not in html


def _form_filters(params: dict[str, str]):
    from walletdesk.console.forms import AuditFilterForm

    return AuditFilterForm(params).to_filters()


def test_bad_filters_are_told_and_kept_and_the_rest_still_applies(admin_client):
    AuditEventFactory(kind=Kind.SIGN_OUT, actor_label="bob@example.com")
    AuditEventFactory(kind=Kind.EXPORT, actor_label="bob@example.com")

    response = admin_client.get(
        URL,
        {"kind": "export", "ip": "999.1.1.1", "account": "not an address", "since": "2026-13-40"},
    )

    html = response.content.decode()
    assert response.status_code == 200
    assert "Enter a valid IPv4 or IPv6 address." in html
    assert "Enter a valid email address." in html
    assert 'value="999.1.1.1"' in html
    assert 'value="not an address"' in html
    assert "audit-kind-export" in html
    assert "audit-kind-sign_out" not in html


def test_an_end_before_the_start_is_refused_on_the_field(admin_client):
    response = admin_client.get(URL, {"since": "2026-11-05", "until": "2026-11-01"})

    assert "The end date is before the start date." in response.content.decode()


def test_pages_follow_each_other_without_gaps_or_repeats(admin_client, monkeypatch):
    monkeypatch.setattr(selectors, "PAGE_SIZE", 2)
    same_moment = _at(6)
    for n in range(3):
        AuditEventFactory(created_at=same_moment, kind=Kind.REVEAL, target=f"t{n}@example.com")
    AuditEventFactory(created_at=_at(7), kind=Kind.REVEAL, target="t3@example.com")
    AuditEventFactory(created_at=_at(1), kind=Kind.EXPORT, target="other@example.com")

    seen: list[str] = []
    url = URL + "?kind=reveal"
    while url:
        response = admin_client.get(url)
        page = response.context["rows"]
        seen += [event.target for event, _detail in page]
        url = response.context["next_url"] and URL + response.context["next_url"]

    assert seen == ["t3@example.com", "t2@example.com", "t1@example.com", "t0@example.com"]


def test_a_tampered_cursor_starts_at_the_first_page(admin_client):
    AuditEventFactory(target="first@example.com")

    response = admin_client.get(URL, {"cursor": "12-x"})

    assert response.status_code == 200
    assert "first@example.com" in response.content.decode()


def test_the_page_costs_the_same_queries_for_few_and_many_rows(
    admin_client, django_assert_max_num_queries
):
    AuditEventFactory.create_batch(3)
    with django_assert_max_num_queries(6) as few:
        admin_client.get(URL, {"kind": "sign_in_succeeded"})
    AuditEventFactory.create_batch(60)

    with django_assert_max_num_queries(len(few.captured_queries)) as many:
        response = admin_client.get(URL, {"kind": "sign_in_succeeded"})

    assert len(response.context["rows"]) == selectors.PAGE_SIZE
    audit_queries = [q["sql"] for q in many.captured_queries if "audit_auditevent" in q["sql"]]
    assert len(audit_queries) == 1
    assert "COUNT(" not in audit_queries[0].upper()


def test_the_page_reads_in_chinese_first(client, dave):
    AuditEventFactory(kind=Kind.SIGN_IN_FAILED, target="x@example.com")
    client.force_login(dave)  # dave reads in zh-hans

    html = client.get(URL).content.decode()

    assert "审计日志" in html
    assert "登录失败" in html
