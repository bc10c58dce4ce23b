import factory
from django.utils import timezone

from walletdesk.accounts.models import User


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


class AgentFactory(UserFactory):
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


class AdminFactory(UserFactory):
    role = User.Role.ADMIN
    is_staff = True
    is_superuser = True
    email = factory.Sequence(lambda n: f"admin{n}@walletdesk.example")
