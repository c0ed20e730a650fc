"""OpenAPI: every operation documents its error responses, `lang` and its preconditions.

The schema tells the truth in OpenAPI 3.0's own terms, so that validators, linters (Redocly's
recommended rules, Spectral's `spectral:oas`) and client generators read it as the API
behaves. All of it is said here, once, for every resource (a new one gets it for free):
- each operation has a summary and the one tag of its resource (`projects`);
- a field every response carries is `required` (a model serializer writes all its fields);
- a nullable reference has a `type` beside `nullable` (without one, OAS 3.0 ignores
  `nullable`), and a URL that may be empty is "a URI of one character or more, or empty",
  not two branches that both match "" (`postprocess`).
Parameters say the rest where they are made: `page_size` its maximum (coopr.api.base),
`ordering` its values (coopr.api.filters).
"""

from __future__ import annotations

from typing import Any

from django.utils import translation
from drf_spectacular.openapi import AutoSchema as BaseAutoSchema
from drf_spectacular.plumbing import force_instance
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


# Each action's summary; {one} and {many} are the record type's names (its model's).
SUMMARIES = {
    "list": "List {many}",
    "retrieve": "Read one {one}",
    "create": "Add a {one}",
    "update": "Replace a {one}",
    "partial_update": "Change some fields of a {one}",
    "destroy": "Delete a {one}",
}


class AutoSchema(BaseAutoSchema):
    def get_summary(self):
        """The action, with the model's names: "List projects", "Read one project"… (in
        English, as the rest of the schema's own text). Other actions: their docstring's
        first line."""
        action = getattr(self.view, "action", None)
        model = getattr(getattr(self._get_serializer(), "Meta", None), "model", None)
        if action in SUMMARIES and model is not None:
            with translation.override("en"):
                names = {
                    "one": str(model._meta.verbose_name),
                    "many": str(model._meta.verbose_name_plural),
                }
            return SUMMARIES[action].format(**names)
        first_line = (self.get_description() or "").strip().split("\n")[0].rstrip(".")
        return first_line or f"{self.method.title()} {self.get_tags()[0]}"

    def _map_basic_serializer(self, serializer, direction):
        """In a response, every field of a model serializer is `required`: DRF writes each
        readable field of the instance (null when empty), so none is ever absent."""
        schema = super()._map_basic_serializer(serializer, direction)
        if direction == "response" and isinstance(
            force_instance(serializer), serializers.ModelSerializer
        ):
            schema["required"] = list(schema.get("properties", {}))
        return schema

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


# Null, in OAS 3.0's terms: `nullable` adds null to a `type`, `enum` allows nothing else.
NULL = {"type": "object", "nullable": True, "enum": [None]}


def _fix(node: Any) -> None:
    """Every schema object below `node`, fixed in place (see the module's docstring)."""
    if isinstance(node, list):
        for item in node:
            _fix(item)
        return
    if not isinstance(node, dict):
        return
    for value in node.values():
        _fix(value)
    if node.get("nullable") and "type" not in node and len(node.get("allOf", ())) == 1:
        # drf-spectacular's `{allOf: [{$ref}], nullable: true}`: OAS 3.0 adds null to the
        # `type` beside `nullable` only, and the reference itself never allows null (3.0.3,
        # "nullable"). So: the reference, or an object that can only be null.
        del node["nullable"]
        node["oneOf"] = [node.pop("allOf")[0], NULL]
    branches = node.get("oneOf")
    if isinstance(branches, list) and {"type": "string", "maxLength": 0} in branches:
        # drf-spectacular's "a URI (or an e-mail…), or empty": the empty string must not match
        # both branches of a oneOf.
        for branch in branches:
            if branch.get("type") == "string" and "maxLength" not in branch:
                branch.setdefault("minLength", 1)


def postprocess(result, generator, request, public):
    """drf-spectacular's last hook: the fixes of the whole document, and the list of tags."""
    _fix(result)
    tags = []
    for operations in result.get("paths", {}).values():
        for operation in operations.values():
            for tag in operation.get("tags", []):
                if tag not in tags:
                    tags.append(tag)
    result["tags"] = [{"name": tag, "description": f"The {tag} resource."} for tag in tags]
    _drop_unused(result)
    return result


def _refs(node: Any) -> set[str]:
    if isinstance(node, dict):
        found = {node["$ref"].rsplit("/", 1)[-1]} if isinstance(node.get("$ref"), str) else set()
        return found.union(*(_refs(value) for value in node.values()))
    if isinstance(node, list):
        return set().union(*(_refs(item) for item in node))
    return set()


def _drop_unused(result: dict) -> None:
    """Components no operation reaches: the request twins of read-only nested serializers
    (`ParticipantRequest`), which COMPONENT_SPLIT_REQUEST makes and nothing uses."""
    schemas = result.get("components", {}).get("schemas", {})
    used: set[str] = set()
    todo = _refs(result.get("paths", {}))
    while todo:
        name = todo.pop()
        if name not in used and name in schemas:
            used.add(name)
            todo |= _refs(schemas[name]) - used
    for name in set(schemas) - used:
        del schemas[name]
