from walletdesk.kb.models import ContactChannel


def contact_channel_list() -> list[ContactChannel]:
    return list(ContactChannel.objects.filter(is_active=True))
