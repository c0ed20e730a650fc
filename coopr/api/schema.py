"""OpenAPI: every operation documents its error responses, `lang` and its preconditions."""

from __future__ import annotations

from drf_spectacular.openapi import AutoSchema as BaseAutoSchema
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, inline_serializer
from rest_framework import permissions, serializers

ERROR = inline_serializer(
    "Error",
    {
        "error": inline_serializer(
            "ErrorBody",
            {
                "status": serializers.IntegerField(),
                "code": serializers.CharField(),
                "message": serializers.CharField(),
                "fields": serializers.DictField(
                    child=serializers.JSONField(), required=False, help_text="Field errors."
                ),
            },
        )
    },
)

ERRORS = {
    "400": "Invalid request: see `fields` for what is wrong with each field.",
    "401": "Authentication needed (a token or a session).",
    "403": "Authenticated, but without the permission for this.",
    "404": "No such record, or no such page.",
    "412": "The record changed since you read it (If-Match or `version` is stale).",
    "428": "A write without a precondition: send If-Match (or `version`).",
    "429": "Too many requests: wait the seconds Retry-After gives.",
}


class AutoSchema(BaseAutoSchema):
    def get_auth(self):
        """Reading needs no credentials: say so (`{}`), as drf-spectacular does only for
        AllowAny and IsAuthenticatedOrReadOnly, not for DjangoModelPermissionsOrAnonReadOnly."""
        auths = super().get_auth()
        anon_reads = any(
            isinstance(permission, permissions.DjangoModelPermissionsOrAnonReadOnly)
            for permission in self.view.get_permissions()
        )
        if anon_reads and self.method in permissions.SAFE_METHODS and {} not in auths:
            auths.append({})
        return auths

    def get_override_parameters(self):
        params = [
            OpenApiParameter(
                "lang",
                str,
                OpenApiParameter.QUERY,
                enum=["en", "ru", "ja"],
                description="Language of translated fields (else Accept-Language; English).",
            )
        ]
        if self.method in ("PUT", "PATCH", "DELETE"):
            params.append(
                OpenApiParameter(
                    "If-Match",
                    str,
                    OpenApiParameter.HEADER,
                    description="The ETag you read. Required unless the body carries `version`.",
                )
            )
        return [*super().get_override_parameters(), *params]

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        if self.method == "GET":
            codes = ["400", "404", "429"] if self._is_list_view() else ["404", "429"]
        elif self.method == "POST":
            codes = ["400", "401", "403", "429"]
        else:
            codes = list(ERRORS)
        for code in codes:
            if code not in responses:
                responses[code] = self._get_response_for_code(
                    OpenApiResponse(response=ERROR, description=ERRORS[code]), code
                )
        if self.method == "GET":
            responses.setdefault(
                "304", {"description": "Not modified (If-None-Match matched the ETag)."}
            )
        return responses
