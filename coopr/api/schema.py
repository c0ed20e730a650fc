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
    "409": "Other records depend on this one (e.g. a cited source): it cannot be deleted.",
    "412": "The record changed since you read it (If-Match or `version` is stale).",
    "415": "The body is not JSON (`Content-Type: application/json`).",
    "428": "A write without a precondition: send If-Match (or `version`).",
    "429": "Too many requests: wait the seconds Retry-After gives.",
}
GET_401 = "Credentials were sent but are not valid (reading needs none)."

# The error responses each method can give.
ERROR_CODES = {
    "GET": ["401", "404", "429"],
    "POST": ["400", "401", "403", "415", "429"],
    "PUT": ["400", "401", "403", "404", "412", "415", "428", "429"],
    "PATCH": ["400", "401", "403", "404", "412", "415", "428", "429"],
    "DELETE": ["401", "403", "404", "409", "412", "428", "429"],
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
                description=(
                    "Language of translated fields: en, ru or ja. Without it, or with any other "
                    "value, Accept-Language chooses; else English."
                ),
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

    def get_operation(self, *args, **kwargs):
        operation = super().get_operation(*args, **kwargs)
        # An empty query parameter (`?search=&plan=`, as a form sends it) is no filter; but
        # an empty item of a list (`?status=`) is a 400, as any other unknown item.
        for parameter in (operation or {}).get("parameters", []):
            if parameter.get("in") == "query" and parameter["schema"].get("type") != "array":
                parameter["allowEmptyValue"] = True
        return operation

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        codes = list(ERROR_CODES.get(self.method, ERRORS))
        if self.method == "GET" and self._is_list_view():
            codes.insert(0, "400")  # an invalid filter or ordering
        for code in codes:
            if code not in responses:
                description = GET_401 if (self.method, code) == ("GET", "401") else ERRORS[code]
                responses[code] = self._get_response_for_code(
                    OpenApiResponse(response=ERROR, description=description), code
                )
        if self.method == "GET":
            responses.setdefault(
                "304", {"description": "Not modified (If-None-Match matched the ETag)."}
            )
        return responses
