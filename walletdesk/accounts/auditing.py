"""What happens to accounts that the audit trail records, by listening to Django's signals:
sign-in, failed sign-in and sign-out, password changes by any path (the administration site,
``manage.py changepassword``, a reset link), changes of role, staff and superuser flags,
groups and permissions, and of the second factor (signals.second_factor_changed). Connected
once, from AccountsConfig.ready; each event is one INSERT.
"""

from typing import Any

from django.contrib.auth.models import Group
from django.http import HttpRequest

from walletdesk.accounts.models import User
from walletdesk.accounts.signals import SecondFactorChange
from walletdesk.accounts.signals import second_factor_changed as second_factor_changed_signal
from walletdesk.audit.models import Kind
from walletdesk.audit.services import record


def signed_in(sender: object, request: HttpRequest | None, user: User, **kwargs: Any) -> None:
    record(Kind.SIGN_IN_SUCCEEDED, actor=user, request=request)


def sign_in_failed(
    sender: object, credentials: dict[str, Any], request: HttpRequest | None = None, **kwargs: Any
) -> None:
    # Django hides the password in ``credentials``; the address is what was typed (normalised
    # by the caller), recorded so repeated attempts on one account can be found.
    address = credentials.get("email") or credentials.get("username") or ""
    record(Kind.SIGN_IN_FAILED, request=request, target=str(address))


def signed_out(
    sender: object, request: HttpRequest | None, user: User | None, **kwargs: Any
) -> None:
    if user is not None:
        record(Kind.SIGN_OUT, actor=user, request=request)


def user_saved(
    sender: type[User],
    instance: User,
    created: bool,
    update_fields: frozenset[str] | None = None,
    **kwargs: Any,
) -> None:
    _role_change_record(instance, created=created, update_fields=update_fields)
    # AbstractBaseUser.set_password keeps the new password until the save that stores it; a
    # hash upgraded on sign-in is saved without it, and is no change.
    if not created and getattr(instance, "_password", None) is not None:
        if instance.password_set_by_reset:
            instance.password_set_by_reset = False
            record(Kind.PASSWORD_RESET_DONE, actor=instance, target=instance.email)
        else:
            record(Kind.PASSWORD_CHANGED, target=instance.email)


def _role_change_record(user: User, *, created: bool, update_fields: frozenset[str] | None) -> None:
    now = {name: getattr(user, name) for name in User.AUDITED_FIELDS}
    if created:
        elevated = now["role"] != User.Role.CUSTOMER or now["is_staff"] or now["is_superuser"]
        if elevated:
            record(Kind.ROLE_CHANGED, target=user.email, created=True, to=now)
        user.audited_values_keep()
        return
    before = user.audited_values_before()
    if before is None:
        return  # never loaded: nothing known to compare with
    changed = {
        name: {"from": before[name], "to": now[name]}
        for name in before
        if (update_fields is None or name in update_fields) and before[name] != now[name]
    }
    if changed:
        record(Kind.ROLE_CHANGED, target=user.email, changes=changed)
        user.audited_values_keep()


def second_factor_changed(
    sender: object,
    user: User,
    kind: SecondFactorChange,
    request: HttpRequest | None = None,
    **kwargs: Any,
) -> None:
    # Sent once the change has committed. The actor is whoever is signed in on the request
    # (the owner, or an administrator resetting it); a recovery code used to sign in has none
    # yet.
    detail: dict[str, Any] = {"change": str(kind)}
    if "passkey" in kwargs:
        detail["passkey"] = str(kwargs["passkey"])
    record(Kind.SECOND_FACTOR_CHANGED, request=request, target=user.email, **detail)


_M2M_ACTIONS = {"post_add": "added", "post_remove": "removed", "post_clear": "cleared"}


def memberships_changed(
    sender: type[Any],
    instance: User | Group | Any,
    action: str,
    reverse: bool,
    model: type[Any],
    pk_set: set[Any] | None,
    **kwargs: Any,
) -> None:
    """Groups or permissions of a user changed, from either side of the relation. Ids are
    recorded as they are: looking names up would cost a query per change."""
    if action not in _M2M_ACTIONS:
        return
    relation = "groups" if sender is User.groups.through else "user_permissions"
    ids = sorted(str(pk) for pk in pk_set or ())
    if isinstance(instance, User):
        target = instance.email
        detail: dict[str, Any] = {relation: {_M2M_ACTIONS[action]: ids}}
    else:
        target = f"{instance._meta.model_name}:{instance.pk} {instance}"[:254]
        detail = {relation: {_M2M_ACTIONS[action]: {"users": ids}}}
    if action != "post_clear" and not ids:
        return
    record(Kind.ROLE_CHANGED, target=target, **detail)


def connect() -> None:
    from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
    from django.db.models.signals import m2m_changed, post_save

    user_logged_in.connect(signed_in, dispatch_uid="audit-signed-in")
    user_login_failed.connect(sign_in_failed, dispatch_uid="audit-sign-in-failed")
    user_logged_out.connect(signed_out, dispatch_uid="audit-signed-out")
    second_factor_changed_signal.connect(
        second_factor_changed, dispatch_uid="audit-second-factor-changed"
    )
    post_save.connect(user_saved, sender=User, dispatch_uid="audit-user-saved")
    for through in (User.groups.through, User.user_permissions.through):
        m2m_changed.connect(memberships_changed, sender=through, dispatch_uid=f"audit-{through}")
