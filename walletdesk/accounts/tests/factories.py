import factory
from django.utils import timezone

from walletdesk.accounts.models import TotpDevice, User

# The authenticator secret every staff member made by these factories is enrolled with:
# tests compute its codes with walletdesk.testing.second_factor (pyotp, as the app does).
STAFF_TOTP_SECRET = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"


def second_factor_enrol(user: User, secret: str = STAFF_TOTP_SECRET) -> User:
    """Give ``user`` a confirmed authenticator app with ``secret`` (no mail, no recovery
    codes): the state second_factor_enable leaves, without its code check."""
    TotpDevice.objects.get_or_create(user=user, defaults={"secret": secret})
    if user.second_factor_enabled_at is None:
        now = timezone.now()
        user.second_factor_enabled_at = now
        user.second_factor_changed_at = now
        user.save(update_fields=["second_factor_enabled_at", "second_factor_changed_at"])
    return user


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        django_get_or_create = ("email",)
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.com")
    display_name = factory.Faker("first_name")
    role = User.Role.CUSTOMER
    language = User.Language.ZH_HANS
    email_verified_at = factory.LazyFunction(timezone.now)
    password = factory.PostGenerationMethodCall("set_password", "correct horse battery")

    @factory.post_generation
    def _save_password(obj, create, extracted, **kwargs):
        if create:
            obj.save()


class _StaffFactory(UserFactory):
    """Staff must have a second factor (the console and admin refuse them otherwise), so
    they are made with one; ``second_factor=False`` makes one who has not set it up yet."""

    @factory.post_generation
    def second_factor(obj, create, extracted, **kwargs):
        if create and extracted is not False:
            second_factor_enrol(obj)


class AgentFactory(_StaffFactory):
    """An agent in the General team (which every category starts in), so they see every
    ticket as before teams existed. ``teams=[...]`` puts them in those teams instead;
    ``teams=[]`` in none."""

    role = User.Role.AGENT
    email = factory.Sequence(lambda n: f"agent{n}@walletdesk.example")

    @factory.post_generation
    def teams(obj, create, extracted, **kwargs):
        if not create:
            return
        from walletdesk.tickets.models import Team, TeamMembership

        chosen = Team.objects.filter(slug="general") if extracted is None else extracted
        for team in chosen:
            TeamMembership.objects.get_or_create(user=obj, team=team)


class AdminFactory(_StaffFactory):
    role = User.Role.ADMIN
    is_staff = True
    is_superuser = True
    email = factory.Sequence(lambda n: f"admin{n}@walletdesk.example")
