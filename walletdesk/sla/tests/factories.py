import factory

from walletdesk.sla.models import Policy


class PolicyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Policy

    name_zh = "标准"
    name_en = "Standard"
    first_reply_for = 120
    next_reply_for = 60
    resolution_for = 960
    warn_before_for = 30
