import factory

from walletdesk.audit.models import AuditEvent, Kind


class AuditEventFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = AuditEvent

    kind = Kind.SIGN_IN_SUCCEEDED
    actor_label = factory.Sequence(lambda n: f"user{n}@example.com")
    ip = "203.0.113.7"
    user_agent = "Mozilla/5.0 (iPhone)"
