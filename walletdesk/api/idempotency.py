"""Idempotency-Key for POSTs that create something.

The wallet app retries on flaky networks. A retry with the same key and the same body gets
the first answer back (header ``Idempotent-Replayed: true``) and creates nothing; the same
key with another body is refused with 422; a retry while the first is still running gets 409.
Keys are per account. Only successful answers are kept: after a refusal the client may fix
the input and send it again under the same key.

The key, what the request creates and the kept answer commit in one transaction, so a crash
anywhere leaves either all three or none: a key is never left unfinished.
"""

import hashlib
import json
from collections.abc import Callable
from datetime import timedelta
from functools import wraps
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response

from walletdesk.api.base import signed_in_user
from walletdesk.devices.models import IdempotencyRecord

HEADER = "Idempotency-Key"
MAX_KEY_LENGTH = 255

Handler = Callable[..., Response]


def _error(code: str, message: str, status_code: int) -> Response:
    return Response({"code": code, "message": message}, status=status_code)


def body_hash(request: Request) -> str:
    """A digest of what was sent: fields in a stable order, files by name and content."""
    digest = hashlib.sha256()
    data = request.data
    if hasattr(data, "lists"):
        fields: Any = sorted((k, v) for k, v in data.lists() if k not in request.FILES)
    else:
        fields = data
    digest.update(json.dumps(fields, sort_keys=True, default=str).encode())
    for name in sorted(request.FILES):
        for upload in request.FILES.getlist(name):
            digest.update(f"\0{name}\0{upload.name}\0{upload.size}\0".encode())
            for chunk in upload.chunks():
                digest.update(chunk)
            upload.seek(0)
    return digest.hexdigest()


def idempotent(endpoint: str) -> Callable[[Handler], Handler]:
    """Decorate an APIView's ``post``; its caller must be signed in."""

    def decorate(handler: Handler) -> Handler:
        @wraps(handler)
        def wrapper(view: Any, request: Request, *args: Any, **kwargs: Any) -> Response:
            key = request.headers.get(HEADER, "")
            if not key:
                return handler(view, request, *args, **kwargs)
            if len(key) > MAX_KEY_LENGTH or not key.isprintable():
                return _error(
                    "idempotency_key_invalid",
                    _("The Idempotency-Key header must be at most 255 printable characters."),
                    status.HTTP_400_BAD_REQUEST,
                )
            scope = f"{endpoint}:{'/'.join(str(v) for v in kwargs.values())}"
            fingerprint = body_hash(request)
            # The key, what the request creates and the stored answer commit together: a
            # crash or a lost database in between leaves neither the key nor the ticket, so
            # the retry creates it (never an unfinished key that answers 409 for a day). A
            # second request with the key waits on the first one's row and replays its answer.
            with transaction.atomic():
                record = _claim(request, key=key, scope=scope, fingerprint=fingerprint)
                if isinstance(record, Response):
                    return record
                try:
                    response = handler(view, request, *args, **kwargs)
                except Exception as refusal:
                    # A refusal becomes its answer here (the API's own handler), so what it
                    # recorded commits; anything unexpected is raised again and undoes it all.
                    response = view.handle_exception(refusal)
                if 200 <= response.status_code < 300:
                    IdempotencyRecord.objects.filter(pk=record.pk).update(
                        status_code=response.status_code, response_body=response.data
                    )
                else:
                    # Only successes are kept; what the refusal itself recorded (a caught
                    # secret, an audit entry) stays.
                    IdempotencyRecord.objects.filter(pk=record.pk).delete()
            return response

        return wrapper

    return decorate


def _claim(
    request: Request, *, key: str, scope: str, fingerprint: str
) -> IdempotencyRecord | Response:
    user = signed_in_user(request)
    now = timezone.now()
    # An expired record is forgotten: the key may be used afresh.
    IdempotencyRecord.objects.filter(user=user, key=key, expires_at__lte=now).delete()
    try:
        with transaction.atomic():
            return IdempotencyRecord.objects.create(
                user=user,
                key=key,
                endpoint=scope,
                body_hash=fingerprint,
                expires_at=now + timedelta(seconds=settings.API_IDEMPOTENCY_KEEP_FOR),
            )
    except IntegrityError:
        pass
    existing = IdempotencyRecord.objects.filter(user=user, key=key).first()
    if existing is None:  # finished with an error and removed meanwhile: ask for a retry
        return _in_progress()
    if existing.endpoint != scope or existing.body_hash != fingerprint:
        return _error(
            "idempotency_key_reused",
            _("This Idempotency-Key was already used for a different request."),
            status.HTTP_422_UNPROCESSABLE_ENTITY,
        )
    if existing.status_code is None:
        return _in_progress()
    return Response(
        existing.response_body,
        status=existing.status_code,
        headers={"Idempotent-Replayed": "true"},
    )


def _in_progress() -> Response:
    return _error(
        "idempotency_in_progress",
        _("The first request with this Idempotency-Key is still being processed. Retry soon."),
        status.HTTP_409_CONFLICT,
    )
