"""The view that serves the OpenAPI schema (the schema itself is made in coopr.api.schema)."""

from __future__ import annotations

from drf_spectacular.utils import extend_schema
from drf_spectacular.views import SCHEMA_KWARGS, SpectacularAPIView


class SchemaView(SpectacularAPIView):
    """/api/schema/: one schema, in the request's language.

    drf-spectacular's own view copies `?version=` into the schema's `info.version` and into
    its Content-Disposition header, whatever it holds (a line break there was a server
    error), and activates any `?lang=` string as a language (keeping a translation object
    for each one sent). The API's version is in its paths (/api/v1/), so `?version=` is not
    read; `?lang=` is, by ApiLanguageMiddleware, which takes the site's languages only.
    """

    @extend_schema(**SCHEMA_KWARGS)
    def get(self, request, *args, **kwargs):
        return self._get_schema_response(request)

    def _get_version_parameter(self, request):
        return None
