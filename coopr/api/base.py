"""The base every resource's viewset builds on: paging, languages, conditional requests.

Conditional requests:
- every GET answers with an `ETag` (a hash of the JSON body, so it changes whenever
  anything shown changes, nested data included) and `Last-Modified`; a matching
  `If-None-Match` gets 304 Not Modified (ConditionalGetMiddleware);
- PUT, PATCH and DELETE need a precondition: `If-Match` with the ETag the client read (412
  Precondition Failed when the record has changed since), or, for PUT and PATCH, the
  record's `version` in the body. Without either, 428 Precondition Required: two clients
  cannot overwrite each other silently. Under both, the save itself is guarded by the
  record's version (optimistic locking), so a race between check and save is a 412 too.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Mapping

from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import models
from django.utils.http import http_date, parse_etags
from drf_orjson_renderer.renderers import ORJSONRenderer
from rest_framework import mixins, serializers, viewsets
from rest_framework.exceptions import NotFound
from rest_framework.pagination import Cursor, CursorPagination, PageNumberPagination
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.utils.urls import remove_query_param, replace_query_param

from coopr.api.errors import PreconditionFailed, PreconditionRequired
from coopr.api.fields import (
    LANGUAGES,
    ChoiceFieldsMixin,
    TranslationsField,
    translated_names,
)
from coopr.api.lean import LeanListSerializer
from coopr.api.rows import Rows
from coopr.cache import last_change
from coopr.kept import MAX_NUMBERED_ROWS, KeptCountPaginator
from coopr.services import record_delete, record_save


class PageSizeMixin:
    """Pages of 50; the client may ask for up to 200 with `page_size`.

    A `page_size` that is not a whole number from 1 to 200 is a 400 (DRF would quietly use 50,
    or 200 for a larger one), as the schema's minimum and maximum say.
    """

    page_size: int | None = 50
    page_size_query_param: str | None = "page_size"
    max_page_size: int | None = 200

    def get_page_size(self, request):
        value = request.query_params.get(self.page_size_query_param)
        if value not in (None, ""):
            try:
                valid = 1 <= int(value) <= (self.max_page_size or 0)
            except ValueError:
                valid = False
            if not valid:
                raise serializers.ValidationError(
                    {
                        self.page_size_query_param: [
                            f"A whole number from 1 to {self.max_page_size}."
                        ]
                    }
                )
        return super().get_page_size(request)


def link_header(links: Mapping[str, str | None]) -> str:
    """An RFC 8288 `Link` header: `<url>; rel="next", …`, for the links that exist."""
    return ", ".join(f'<{url}>; rel="{rel}"' for rel, url in links.items() if url)


class KeysetPagination(PageSizeMixin, CursorPagination):
    """`?cursor=`: pages in the order records were added (by id), each found through the
    primary key's index, so the thousandth page costs what the first does."""

    ordering = ("id",)

    def get_ordering(self, request, queryset, view):
        return self.ordering

    def decode_cursor(self, request):
        try:
            cursor = super().decode_cursor(request)
        except NotFound:
            cursor = False
        sent = request.query_params.get(self.cursor_query_param)
        position = cursor.position if cursor else None
        empty = cursor == Cursor(offset=0, reverse=False, position=None)
        if (
            cursor is False
            or (sent and empty)  # the first page's cursor is the empty one
            or (position is not None and not re.fullmatch(r"[0-9]{1,18}", str(position)))
        ):
            raise serializers.ValidationError(
                {self.cursor_query_param: ["Not a cursor this API gave: follow `next`."]}
            )
        return cursor


class Pagination(PageSizeMixin, PageNumberPagination):
    """Numbered pages (`?page=`), or keyset pages (`?cursor=`) for walking a long list.

    Numbered pages skip the rows before them (OFFSET), so a deep page costs more the deeper it
    is: they stop at `MAX_NUMBERED_ROWS` rows into the list (a page starting past it is a 400
    that says to use `?cursor=`). `?cursor=` (empty to start) answers every page through the
    primary key's index, and its `next` and `previous` links carry the cursor on. Both give the
    same fields; with a cursor `count` is null, since counting every row (work that grows with
    the list) is what keyset pages avoid. With a cursor the order is the order of addition:
    `ordering` is not used.
    """

    cursor_query_param = "cursor"
    django_paginator_class = KeptCountPaginator

    def get_page_number(self, request, paginator):
        number = super().get_page_number(request, paginator)
        if number in self.last_page_strings:
            number = paginator.num_pages
        try:
            first_row = (int(number) - 1) * paginator.per_page
        except (TypeError, ValueError):
            return number  # not a number: Django's paginator answers it (404)
        if first_row >= MAX_NUMBERED_ROWS:
            raise serializers.ValidationError(
                {
                    self.page_query_param: [
                        f"Numbered pages reach the first {MAX_NUMBERED_ROWS:,} rows of a list; "
                        "this page starts past them. Walk further with keyset pages: send "
                        "`cursor=` (empty) for the first page, then follow `next`."
                    ]
                }
            )
        return number

    def paginate_queryset(self, queryset, request, view=None):
        self.keyset = None
        self.request = request
        if self.cursor_query_param not in request.query_params:
            return super().paginate_queryset(queryset, request, view)
        if self.page_query_param in request.query_params:
            # Keyset pages have no numbers: a `page` beside `cursor` is a mistake, not ignored.
            raise serializers.ValidationError(
                {self.cursor_query_param: ["Send `cursor` or `page`, not both."]}
            )
        self.keyset = KeysetPagination()
        return self.keyset.paginate_queryset(queryset, request, view)

    def get_paginated_response(self, data):
        """The page, with its links in the body and in a `Link` header (RFC 8288): `next`,
        `prev`, `first`, and `last` where the number of pages is known."""
        url = self.request.build_absolute_uri()
        if self.keyset is None:
            response = super().get_paginated_response(data)
            last = self.page.paginator.num_pages
            links = {
                "next": self.get_next_link(),
                "prev": self.get_previous_link(),
                "first": remove_query_param(url, self.page_query_param),
                "last": replace_query_param(url, self.page_query_param, last) if last > 1 else None,
            }
        else:
            response = Response(
                {
                    "count": None,  # counting every row is what keyset pages avoid
                    "next": self.keyset.get_next_link(),
                    "previous": self.keyset.get_previous_link(),
                    "results": data,
                }
            )
            links = {
                "next": response.data["next"],
                "prev": response.data["previous"],
                "first": replace_query_param(url, self.cursor_query_param, ""),
            }
        response["Link"] = link_header(links)
        return response

    def get_paginated_response_schema(self, schema):
        response = super().get_paginated_response_schema(schema)
        response["properties"]["count"].update(
            nullable=True, description="How many records match; null on `?cursor=` pages."
        )
        response["required"] = list(response["properties"])  # next/previous: null, not absent
        return response

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            parameter["schema"]["minimum"] = 1
            if parameter["name"] == self.page_size_query_param:
                parameter["schema"]["maximum"] = self.max_page_size
                parameter["description"] = (
                    f"How many records a page holds: {self.page_size} unless given, at most "
                    f"{self.max_page_size} (a larger number is a 400)."
                )
            if parameter["name"] == self.page_query_param:
                parameter["description"] = (
                    f"A page number within the paginated result set. Numbered pages reach "
                    f"the first {MAX_NUMBERED_ROWS:,} rows of a list (a page starting past "
                    "them is a 400): walk further with `cursor`."
                )
        parameters.append(
            {
                "name": self.cursor_query_param,
                "required": False,
                "in": "query",
                "description": (
                    "Keyset paging: send it empty for the first page, then follow `next`. "
                    "Every page is as fast as the first; the order is the order of addition "
                    "and `page` and `ordering` are not used."
                ),
                "schema": {"type": "string"},
            }
        )
        return parameters


def content_etag(content: bytes) -> str:
    return f'"{hashlib.md5(content, usedforsecurity=False).hexdigest()}"'


def body_etag(data) -> str:
    """The ETag of `data` as the API's JSON (what a GET answers with)."""
    return content_etag(ORJSONRenderer().render(data))


class RecordViewSet(
    mixins.ListModelMixin,
    mixins.RetrieveModelMixin,
    mixins.CreateModelMixin,
    mixins.UpdateModelMixin,
    mixins.DestroyModelMixin,
    viewsets.GenericViewSet,
):
    """Read for everyone; write with a token or session and the model permission."""

    pagination_class = Pagination
    lookup_field = "slug"
    lookup_value_regex = r"[-a-zA-Z0-9_]+"
    # A list that gives a summary of each record (its nested records left to the detail):
    # the summary's serializer, and the list's rows from the queryset's `for_api_list()`.
    summary_serializer_class: type[serializers.Serializer] | None = None

    # A list read as rows (`.values()`) by this class instead of through the serializer
    # (coopr.api.rows): `columns`, and `represent(row)` giving the summary's JSON.
    rows_class: type[Rows] | None = None

    def summarises(self) -> bool:
        return self.action == "list" and self.summary_serializer_class is not None

    def list(self, request, *args, **kwargs):
        if self.rows_class is None:
            return super().list(request, *args, **kwargs)
        rows = self.rows_class(request)
        # Each column by its own name: modeltranslation's rewriting (its values() reads every
        # row through the translated fields again) has nothing left to do.
        filtered = self.filter_queryset(self.get_queryset())
        page = self.paginate_queryset(filtered.rewrite(False).values(*rows.columns))
        return self.get_paginated_response([rows.represent(row) for row in page])

    def get_queryset(self):
        if self.summarises():
            return self.queryset.model.objects.for_api_list()
        return super().get_queryset()

    def get_serializer_class(self):
        if self.summarises():
            return self.summary_serializer_class
        return super().get_serializer_class()

    # Conditional requests ---------------------------------------------------------------

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if request.method in ("GET", "HEAD") and response.status_code == 200:
            plain = response.accepted_media_type == ORJSONRenderer.media_type  # no `indent`
            if type(response.accepted_renderer) is ORJSONRenderer and plain:
                # The JSON a client gets is what the ETag hashes: rendered once, here.
                response.render()
                response["ETag"] = content_etag(response.content)
            else:
                response["ETag"] = body_etag(response.data)
            # The last change to any record: a detail shows nested records too, so its own
            # `updated` would let If-Modified-Since hide a change to one of them.
            changed = last_change()
            if changed is not None:
                response["Last-Modified"] = http_date(changed)
        return response

    def check_precondition(self, instance: models.Model) -> None:
        sent = self.request.headers.get("If-Match")
        if sent:
            etags = parse_etags(sent)
            if "*" in etags:
                return
            current = body_etag(self.get_serializer(instance).data)
            # Weak comparison: a proxy may have marked the ETag weak (W/"…").
            if current not in {tag.removeprefix("W/") for tag in etags}:
                raise PreconditionFailed()
            return
        if self.request.method == "DELETE":
            raise PreconditionRequired()  # a DELETE's body is not read: If-Match only
        data = self.request.data
        version = data.get("version") if isinstance(data, dict) else None
        if version is None:
            raise PreconditionRequired()
        try:
            if int(version) != instance.version:  # type: ignore[attr-defined]
                raise PreconditionFailed()
        except (TypeError, ValueError):
            raise PreconditionFailed() from None

    # Writes go through the services -------------------------------------------------------

    def perform_create(self, serializer):
        serializer.save(user=self.request.user)
        self.reload(serializer)

    def perform_update(self, serializer):
        self.check_precondition(serializer.instance)
        serializer.save(user=self.request.user)
        self.reload(serializer)

    def reload(self, serializer) -> None:
        """Answer a write with the record as a GET shows it: read again through the
        viewset's queryset, with its annotations (counts) and its related rows as saved."""
        serializer.instance = self.get_queryset().get(pk=serializer.instance.pk)

    def perform_destroy(self, instance):
        self.check_precondition(instance)
        record_delete(instance=instance, user=self.request.user)


JSON_NAMES = {str: "a string", int: "a number", float: "a number", bool: "a boolean"}
JSON_NAMES.update({list: "an array", dict: "an object"})


def json_type(field: serializers.Field) -> str | None:
    """The JSON type a writable field takes: "string", "integer", or None (the field checks)."""
    if isinstance(field, serializers.PrimaryKeyRelatedField | serializers.IntegerField):
        return "integer"
    if isinstance(
        field, serializers.SlugRelatedField | serializers.CharField | serializers.ChoiceField
    ):
        return "string"
    return None


def is_json_type(value, kind: str) -> bool:
    if kind == "string":
        return isinstance(value, str)
    if isinstance(value, bool):
        return False
    return isinstance(value, int) or (isinstance(value, float) and value.is_integer())


class RecordSerializerMixin(ChoiceFieldsMixin, serializers.Serializer):
    """ModelSerializer mixin: create and update through `record_save` (validated, in history).

    `version` is read-only in effect: sent back on PUT/PATCH it is the precondition (see
    RecordViewSet), never written.
    """

    version = serializers.IntegerField(
        required=False, help_text="Goes up by one on every save; send it back as a precondition."
    )

    @classmethod
    def many_init(cls, *args, **kwargs):
        """`many=True` (the lists): the same JSON, made by steps compiled once per response
        instead of DRF's per-field machinery (coopr.api.lean)."""
        list_kwargs = {
            key: kwargs.pop(key)
            for key in serializers.LIST_SERIALIZER_KWARGS_REMOVE
            if kwargs.get(key) is not None
        }
        list_kwargs["child"] = cls(*args, **kwargs)
        shared = serializers.LIST_SERIALIZER_KWARGS
        list_kwargs.update({key: value for key, value in kwargs.items() if key in shared})
        return LeanListSerializer(*args, **list_kwargs)

    def build_field(self, field_name, info, model_class, nested_depth):
        """Each translated field `x` listed in Meta.fields reads in the request's language
        (read-only); `x_i18n` carries every language and is how `x` is written."""
        translated = translated_names(model_class)
        if field_name in translated:
            return serializers.CharField, {"read_only": True}
        base = field_name.removesuffix("_i18n")
        if base != field_name and base in translated:
            return TranslationsField, {"name": base}
        return super().build_field(field_name, info, model_class, nested_depth)

    def to_internal_value(self, data):
        """Values of the JSON type the schema gives, or 400: DRF alone would take `5` for a
        string ("5") and `"5"` for a number (5)."""
        if isinstance(data, Mapping):
            errors = {}
            for name, field in self.fields.items():
                value = data.get(name)
                kind = json_type(field)
                if field.read_only or value is None or kind is None:
                    continue
                if not is_json_type(value, kind):
                    given = JSON_NAMES.get(type(value), "something else")
                    errors[name] = [
                        f"Give a{'n' if kind == 'integer' else ''} {kind}, not {given}."
                    ]
                elif len(str(value)) > (getattr(field, "max_length", None) or len(str(value))):
                    # As sent: DRF trims spaces before it checks the length, so a string the
                    # schema's maxLength refuses would otherwise be taken.
                    limit = field.max_length
                    errors[name] = [field.error_messages["max_length"].format(max_length=limit)]
            if errors:
                raise serializers.ValidationError(errors)
        return super().to_internal_value(data)

    def create(self, validated_data):
        user = validated_data.pop("user", None)
        validated_data.pop("version", None)
        instance = self.Meta.model(**validated_data)
        self._save(instance, user)
        return instance

    def update(self, instance, validated_data):
        user = validated_data.pop("user", None)
        validated_data.pop("version", None)
        for name, value in validated_data.items():
            setattr(instance, name, value)
        self._save(instance, user)
        return instance

    def _save(self, instance, user) -> None:
        try:
            record_save(instance=instance, user=user)
        except DjangoValidationError as error:
            raise serializers.ValidationError(self._request_errors(error)) from None

    def _request_errors(self, error: DjangoValidationError) -> dict[str, list[str]]:
        """The model's validation errors, keyed by the request's field names.

        The model names its columns (`title`, `title_en`, `url`); the request names the
        fields it sent (`title_i18n`, `link`). A language's column says which language.
        """
        if not hasattr(error, "error_dict"):
            return {api_settings.NON_FIELD_ERRORS_KEY: list(error.messages)}
        names: dict[str, tuple[str, str]] = {
            NON_FIELD_ERRORS: (api_settings.NON_FIELD_ERRORS_KEY, "")
        }
        for name, field in self.fields.items():
            if field.read_only:
                continue
            if isinstance(field, TranslationsField):
                names.setdefault(field.translated, (name, ""))
                names.update({f"{field.translated}_{code}": (name, code) for code in LANGUAGES})
            elif field.source != "*":
                names.setdefault(str(field.source).split(".")[0], (name, ""))
        found: dict[str, list[tuple[str, str]]] = {}  # request field: [(language, message)]
        for column, messages in error.message_dict.items():
            name, code = names.get(column, (column, ""))
            found.setdefault(name, []).extend((code, message) for message in messages)
        fields = {}
        for name, errors in found.items():
            # The untranslated column only repeats what its language's column says.
            if any(code for code, _ in errors):
                errors = [(code, message) for code, message in errors if code]
            shown = (f"{code}: {message}" if code else message for code, message in errors)
            fields[name] = list(dict.fromkeys(shown))
        return fields
