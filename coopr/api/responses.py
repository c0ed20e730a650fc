"""The API's one error format for answers made outside DRF's views (the 404 and 500 handlers,
the database outage, the lockout). Django imports only: DRF's settings import the lockout's
authentication class, which uses this."""

from __future__ import annotations

from django.http import JsonResponse


def error_response(status: int, code: str, message: str) -> JsonResponse:
    return JsonResponse(
        {"error": {"status": status, "code": code, "message": message}}, status=status
    )
