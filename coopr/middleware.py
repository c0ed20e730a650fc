"""Request middleware of our own."""

from __future__ import annotations

from django.conf import settings
from django.utils import translation

LANGUAGE_CODES = {code for code, _ in settings.LANGUAGES}


class ApiLanguageMiddleware:
    """`?lang=ru` chooses the API's language, over Accept-Language (LocaleMiddleware)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        lang = request.GET.get("lang") if request.path.startswith("/api/") else None
        if lang in LANGUAGE_CODES:
            translation.activate(lang)
            request.LANGUAGE_CODE = lang
        response = self.get_response(request)
        if request.path.startswith("/api/"):
            response["Content-Language"] = translation.get_language()
            response.setdefault("Vary", "Accept-Language")
        return response
