import pytest


@pytest.fixture
def mail_tasks_run(monkeypatch):
    """Account mails queued for the background worker run at once, in this process (the
    test broker has no worker); what the task does is the real thing."""
    from walletdesk.accounts.tasks import password_reset_mail_task

    def run_now(**kwargs: object) -> object:
        return password_reset_mail_task.apply(kwargs=kwargs)

    monkeypatch.setattr(password_reset_mail_task, "delay", run_now)
