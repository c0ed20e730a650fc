"""Brute-force lockout (django-axes) on the admin sign-in and on API tokens.

Axes counts failed sign-ins per address: the admin's through Django's `authenticate()`, API
tokens through `LockoutTokenAuthentication`, which DRF's own token class would not report.
After `AXES_FAILURE_LIMIT` failures the address is locked out for `AXES_COOLOFF_TIME`, and
`lockout_response` says so: a page in the admin, the API's error format under /api/.
"""

from __future__ import annotations

from axes.handlers.proxy import AxesProxyHandler
from django.conf import settings
from django.contrib.auth.signals import user_login_failed
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from rest_framework import exceptions
from rest_framework.authentication import TokenAuthentication

from coopr.api.responses import error_response

# Axes keys attempts on a "username"; a token has none, so failures are counted under this.
TOKEN_USERNAME = "(API token)"


def cooloff_minutes() -> int:
    return max(1, round(settings.AXES_COOLOFF_TIME.total_seconds() / 60))


def lockout_response(
    request: HttpRequest, original_response: HttpResponse | None = None, credentials=None
) -> HttpResponse:
    minutes = cooloff_minutes()
    if request.path.startswith("/api/"):
        message = (
            f"Too many failed sign-in attempts from your address: "
            f"try again in {minutes} minute{'s' if minutes != 1 else ''}."
        )
        response: HttpResponse = error_response(429, "locked_out", message)
    else:
        context = {"failure_limit": settings.AXES_FAILURE_LIMIT, "cooloff_minutes": minutes}
        response = render(request, "axes/lockout.html", context, status=429)
    response["Retry-After"] = str(minutes * 60)
    response["Cache-Control"] = "no-store"
    return response


class LockoutTokenAuthentication(TokenAuthentication):
    """DRF's token authentication, with failed tokens counted by axes like failed passwords."""

    def authenticate(self, request):
        django_request = request._request
        credentials = {"username": TOKEN_USERNAME}
        has_token = request.META.get("HTTP_AUTHORIZATION", "").split(" ", 1)[0].lower() == "token"
        if has_token and not AxesProxyHandler.is_allowed(django_request, credentials):
            # AxesMiddleware answers with lockout_response.
            django_request.axes_locked_out = True
            raise exceptions.AuthenticationFailed("Too many failed sign-in attempts.")
        try:
            return super().authenticate(request)
        except exceptions.AuthenticationFailed:
            user_login_failed.send(
                sender=type(self), credentials=credentials, request=django_request
            )
            raise
