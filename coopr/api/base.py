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

from django.core.cache import cache
from django.db import models
from django.utils import timezone
from django.utils.http import http_date, parse_etags
from rest_framework import mixins, serializers, viewsets
from rest_framework.pagination import PageNumberPagination
from rest_framework.renderers import JSONRenderer
from rest_framework.response import Response

from coopr.api.errors import PreconditionFailed, PreconditionRequired
from coopr.services import record_delete, record_save

LAST_CHANGE_KEY = "coopr:last-change"


def mark_changed(**kwargs) -> None:
    """Remember when any record last changed (saves and deletes), for list Last-Modified."""
    cache.set(LAST_CHANGE_KEY, timezone.now().timestamp(), timeout=None)


def last_change() -> float:
    value = cache.get(LAST_CHANGE_KEY)
    if value is None:
        mark_changed()
        value = cache.get(LAST_CHANGE_KEY)
    return value


class Pagination(PageNumberPagination):
    """Pages of 50; the client may ask for up to 200 with `page_size`."""

    page_size = 50
    page_size_query_param = "page_size"
    max_page_size = 200


def body_etag(data) -> str:
    content = JSONRenderer().render(data)
    return f'"{hashlib.md5(content, usedforsecurity=False).hexdigest()}"'


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

    # Conditional requests ---------------------------------------------------------------

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        if request.method in ("GET", "HEAD") and response.status_code == 200:
            response["ETag"] = body_etag(response.data)
            obj = getattr(self, "_retrieved", None)
            stamp = obj.updated.timestamp() if obj is not None else last_change()
            response["Last-Modified"] = http_date(stamp)
        return response

    def retrieve(self, request, *args, **kwargs):
        self._retrieved = self.get_object()
        return Response(self.get_serializer(self._retrieved).data)

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
        version = self.request.data.get("version") if hasattr(self.request, "data") else None
        if version is None or self.request.method == "DELETE":
            raise PreconditionRequired()
        try:
            if int(version) != instance.version:
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


class RecordSerializerMixin(serializers.Serializer):
    """ModelSerializer mixin: create and update through `record_save` (validated, in history).

    `version` is read-only in effect: sent back on PUT/PATCH it is the precondition (see
    RecordViewSet), never written.
    """

    version = serializers.IntegerField(
        required=False, help_text="Goes up by one on every save; send it back as a precondition."
    )

    def create(self, validated_data):
        user = validated_data.pop("user", None)
        validated_data.pop("version", None)
        many = self._pop_many(validated_data)
        instance = self.Meta.model(**validated_data)
        record_save(instance=instance, user=user)
        self._set_many(instance, many)
        return instance

    def update(self, instance, validated_data):
        user = validated_data.pop("user", None)
        many = self._pop_many(validated_data)
        validated_data.pop("version", None)
        for name, value in validated_data.items():
            setattr(instance, name, value)
        record_save(instance=instance, user=user)
        self._set_many(instance, many)
        return instance

    def _pop_many(self, data):
        names = {f.name for f in self.Meta.model._meta.many_to_many}
        return {name: data.pop(name) for name in list(data) if name in names}

    def _set_many(self, instance, many):
        for name, targets in many.items():
            getattr(instance, name).set(targets)
