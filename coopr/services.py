"""Writes shared by every app: validated, idempotent create-or-update, and citations."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, TypeVar

from django.contrib.contenttypes.models import ContentType
from django.db import models, transaction

from coopr.models import Citation, Source

M = TypeVar("M", bound=models.Model)


def _differs(obj: models.Model, name: str, value: Any) -> bool:
    field = obj._meta.get_field(name)
    if field.is_relation and field.many_to_one:
        current_id = getattr(obj, field.attname)  # type: ignore[union-attr]
        return current_id != (value.pk if value is not None else None)
    return getattr(obj, name) != value


@transaction.atomic
def record_upsert(
    *,
    model: type[M],
    lookup: Mapping[str, Any],
    values: Mapping[str, Any],
    reason: str = "",
) -> tuple[M, bool]:
    """Create the row `lookup` names, or bring it up to `values`; validate before writing.

    Saves only when something differs, so running it again with the same values writes
    nothing (no new history, no new `updated` time). Returns (row, whether it was written).
    """
    obj = model._default_manager.filter(**lookup).first()
    if obj is None:
        obj = model(**lookup, **values)
        changed = list(values)
    else:
        changed = [name for name, value in values.items() if _differs(obj, name, value)]
        for name in changed:
            setattr(obj, name, values[name])
    if obj.pk and not changed:
        return obj, False
    obj.full_clean()
    if reason:
        obj._change_reason = reason
    obj.save()
    return obj, True


@transaction.atomic
def record_save(*, instance: M, user=None, reason: str = "") -> M:
    """Validate and save one record, recording who saved it and why in its history.

    The admin and the API save through here. A save based on an out-of-date `version`
    raises concurrency's RecordModifiedError and writes nothing.
    """
    instance.full_clean()
    if user is not None and user.is_authenticated:
        instance._history_user = user
    if reason:
        instance._change_reason = reason
    instance.save()
    return instance


@transaction.atomic
def record_delete(*, instance: models.Model, user=None, reason: str = "") -> None:
    """Delete one record, recording who deleted it in its history."""
    if user is not None and user.is_authenticated:
        instance._history_user = user
    if reason:
        instance._change_reason = reason
    instance.delete()


@transaction.atomic
def record_unlink(*, instance: models.Model, field_name: str, user=None, reason: str = "") -> None:
    """Clear a nullable link of one record, as deleting the record it points at does
    (SET_NULL), but as a write of its own: a history row, a new version, the cache told.
    (Django's SET_NULL is one UPDATE with none of those.) Not validated: the record was valid
    with the link, and the link is going because its target is."""
    setattr(instance, field_name, None)
    if user is not None and user.is_authenticated:
        instance._history_user = user
    if reason:
        instance._change_reason = reason
    instance.save()


@transaction.atomic
def m2m_set(*, obj: models.Model, name: str, targets: Iterable[models.Model]) -> bool:
    """Make a many-to-many field hold exactly `targets`; write only when it differs."""
    manager = getattr(obj, name)
    wanted = {target.pk for target in targets}
    if set(manager.values_list("pk", flat=True)) == wanted:
        return False
    manager.set(wanted)
    return True


@transaction.atomic
def citation_add(
    *,
    target: models.Model,
    source: Source,
    quote: str = "",
    field_name: str = "",
    note: str = "",
    locator: str = "",
    reason: str = "",
) -> tuple[Citation, bool]:
    """Cite `source` for `target` (or one of its fields), with the quoted words or a note."""
    return record_upsert(
        model=Citation,
        lookup={
            "content_type": ContentType.objects.get_for_model(target),
            "object_id": target.pk,
            "field_name": field_name,
            "source": source,
            "quote": quote,
        },
        values={"note": note, "locator": locator},
        reason=reason,
    )
