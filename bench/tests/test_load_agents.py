"""The load run's agents can open the console: staff need two-step verification first."""

import pytest
from django.test import Client
from django.urls import reverse

from bench.load import load_agents
from walletdesk.accounts.models import User

pytestmark = pytest.mark.django_db


def test_bench_agents_get_a_second_factor_once_and_the_console_opens() -> None:
    agent = User.objects.create_user(
        email="bench-agent-00@walletdesk.example", password=None, role=User.Role.AGENT
    )

    (loaded,) = load_agents()
    secret = loaded.totp_device.secret
    load_agents()

    agent.refresh_from_db()
    assert agent.has_second_factor
    assert agent.totp_device.secret == secret
    client = Client()
    client.force_login(agent)
    assert client.get(reverse("console:queue")).status_code == 200
