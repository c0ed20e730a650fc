"""One error format for every 4xx:

    {"error": {"status": 400, "code": "invalid", "message": "…", "fields": {"title": ["…"]}}}

`fields` is there for validation errors only, keyed by the request's field names.
"""

from __future__ import annotations

from concurrency.exceptions import RecordModifiedError
from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import connections, transaction
from django.db.models import ProtectedError, RestrictedError
from django.http import Http404
from rest_framework import exceptions, status
from rest_framework.views import exception_handler as drf_exception_handler
from rest_framework.views import set_rollback

from coopr.api.throttling import rate_limit_headers


class PreconditionFailed(exceptions.APIException):
    status_code = status.HTTP_412_PRECONDITION_FAILED
    default_detail = (
        "The record has changed since you read it: GET it again, then retry with its new ETag."
    )
    default_code = "precondition_failed"


class PreconditionRequired(exceptions.APIException):
    status_code = status.HTTP_428_PRECONDITION_REQUIRED
    default_detail = (
        "Send If-Match with the ETag you read (or the record's `version` in the body), so "
        "that you cannot overwrite someone else's change unseen."
    )
    default_code = "precondition_required"


class Protected(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = "Other records depend on this one: it cannot be deleted while they do."
    default_code = "protected"

    @classmethod
    def from_error(cls, error: ProtectedError | RestrictedError) -> Protected:
        kinds = sorted({str(obj._meta.verbose_name_plural) for obj in error.protected_objects})  # type: ignore[union-attr]
        detail = cls.default_detail
        if kinds:
            detail = f"{detail[:-1]} ({', '.join(kinds)} depend on it)."
        return cls(detail)


def _flatten(detail) -> str:
    if isinstance(detail, dict):
        return "; ".join(f"{key}: {_flatten(value)}" for key, value in detail.items())
    if isinstance(detail, list):
        return " ".join(_flatten(item) for item in detail)
    return str(detail)


def keep_transaction() -> None:
    """Undo DRF's `set_rollback()`: the request's transaction commits after all."""
    for connection in connections.all(initialized_only=True):
        if connection.settings_dict["ATOMIC_REQUESTS"] and connection.in_atomic_block:
            transaction.set_rollback(False, using=connection.alias)


def exception_handler(exc, context):
    if isinstance(exc, RecordModifiedError):
        exc = PreconditionFailed()
    elif isinstance(exc, ProtectedError | RestrictedError):
        exc = Protected.from_error(exc)
    elif isinstance(exc, Http404):
        # As DRF's own handler would, but before the code is read: "not_found", not "error".
        exc = exceptions.NotFound(*exc.args)
    elif isinstance(exc, DjangoPermissionDenied):
        exc = exceptions.PermissionDenied(*exc.args)
    elif isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(
            exc.message_dict if hasattr(exc, "error_dict") else {"non_field_errors": exc.messages}
        )
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    set_rollback()
    if isinstance(exc, exceptions.AuthenticationFailed):
        # A failed token is refused before the view writes anything; what must survive is
        # django-axes' record of the failure (coopr.lockout), written in this transaction.
        keep_transaction()
    body = {"status": response.status_code}
    if isinstance(exc, exceptions.ValidationError):
        detail = exc.detail if isinstance(exc.detail, dict) else {"non_field_errors": exc.detail}
        body.update(code="invalid", message="The request has invalid fields.", fields=detail)
    else:
        codes = exc.get_codes() if isinstance(exc, exceptions.APIException) else "error"
        body.update(
            code=codes if isinstance(codes, str) else "error",
            message=_flatten(response.data.get("detail", response.data)),
        )
    response.data = {"error": body}
    if isinstance(exc, exceptions.Throttled) and context.get("request") is not None:
        for name, value in rate_limit_headers(context["request"]).items():
            response[name] = value
    return response
