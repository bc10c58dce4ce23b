"""OpenAPI: the one error shape, and the error answers every operation may give."""

from typing import Any

_ERROR_REF = {"$ref": "#/components/schemas/Error"}
_ERRORS = {
    "400": "Bad input (see errors).",
    "401": "Not signed in, or the device token expired or was revoked.",
    "403": "Not allowed.",
    "404": "Not found, or not yours (never told apart).",
    "405": "Method not allowed.",
    "406": "Not acceptable.",
    "409": "Refused state change, or the same Idempotency-Key is still being processed.",
    "413": "Too large.",
    "415": "Unsupported media type.",
    "422": "Refused content (a wallet secret) or an Idempotency-Key reused with another body.",
    "429": "Rate limited; see Retry-After.",
}


def error_responses_add(result: dict[str, Any], **kwargs: Any) -> dict[str, Any]:
    """drf-spectacular hook: document the error shape on every operation once."""
    schemas = result.setdefault("components", {}).setdefault("schemas", {})
    schemas["Error"] = {
        "type": "object",
        "properties": {
            "code": {"type": "string"},
            "message": {"type": "string"},
            "errors": {"type": "object", "additionalProperties": True},
            # A refused wallet secret: the fields it was in, and (the forum) their text with
            # the secret masked, to put back in the box.
            "fields": {"type": "array", "items": {"type": "string"}},
            "masked": {"type": "object", "additionalProperties": {"type": "string"}},
        },
        "required": ["code", "message"],
    }
    for path_item in result.get("paths", {}).values():
        for operation in path_item.values():
            responses = operation.setdefault("responses", {})
            for code, description in _ERRORS.items():
                responses.setdefault(
                    code,
                    {
                        "description": description,
                        "content": {"application/json": {"schema": _ERROR_REF}},
                    },
                )
    return result
