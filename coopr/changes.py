"""The change feed: every create, update and delete of a public record, in commit order.

A public record is one of a record type with an API resource (coopr/registry.py). Each write
to any record type is written down as `Change` rows, in the same transaction as the write
(from the signals that also move the response cache on, `coopr.cache.watch_record_changes`):

- the record itself, when it is public: created (every field), updated (the fields whose
  values changed) or deleted (a tombstone: its id and last address, never its data);
- every public record whose API representation shows the written one, as "updated" with no
  field names: a participant added to a meeting updates the meeting, a citation the record it
  cites, a renamed organization the projects, meetings and people that show its name. They
  are found through the relations of the models, two steps out in one direction (an
  organization, through a post, in a meeting's participants; see `showing`), and a record
  that is not public stands for the public record whose page shows it (`shown_on`);
- many-to-many changes update both sides.

New record types are followed by themselves: nothing here names one.

Order: the rows' ids are the feed's order and its cursor. On PostgreSQL a transaction that
writes changes first takes a transaction-level advisory lock, held until it commits, so ids
are handed out in commit order and a reader paging with `?after=` never passes over a change
committed later with a smaller id. (SQLite has one writer at a time already.)

Bulk writes without signals (a restore, the synthetic data set) write one "reset" entry
(`mark_reset`): a mirror must be built again from the lists.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from django.db import connection, models
from django.utils import timezone

from coopr.links import Records, column_rows, neighbours
from coopr.models import Change
from coopr.registry import RecordType, is_record, record_type

# A lock number of our own for pg_advisory_xact_lock ("coopr" as a number).
FEED_LOCK = 0x636F6F7072
# How many relations out a change reaches records that show it.
DEPTH = 2
# Never written down as a change of their own: they move on with every save.
NOT_FIELDS = {"updated", "version"}
BEFORE = "_coopr_change_before"


def public(model: type[models.Model]) -> RecordType | None:
    if not is_record(model):
        return None
    kind = record_type(model)
    return kind if kind.api else None


def lookup_name(model: type[models.Model]) -> str:
    """The field whose value is in a record's API address: its slug, or its id."""
    return "slug" if any(f.name == "slug" for f in model._meta.concrete_fields) else "pk"


def field_names(model: type[models.Model]) -> list[str]:
    """The names of a model's own fields, a translated field once (`title`, not `title_ru`)."""
    translated = {
        f"{name}_{code}": name
        for name in _translated(model)
        for code in ("en", "ru", "ja")  # the site's languages (settings.LANGUAGES)
    }
    names = []
    for field in model._meta.concrete_fields:
        name = translated.get(field.name, field.name)
        if name not in NOT_FIELDS and name not in names:
            names.append(name)
    return names


def _translated(model: type[models.Model]) -> tuple[str, ...]:
    from coopr.translated import translated_fields

    return tuple(translated_fields(model))


def values(instance: models.Model) -> dict[str, object]:
    return {f.attname: getattr(instance, f.attname) for f in instance._meta.concrete_fields}


def changed_fields(instance: models.Model, before: dict[str, object]) -> list[str]:
    names = field_names(type(instance))
    after = values(instance)
    by_attname = {f.attname: f.name for f in instance._meta.concrete_fields}
    translated = {f"{n}_{c}": n for n in _translated(type(instance)) for c in ("en", "ru", "ja")}
    changed = set()
    for attname, value in after.items():
        if attname in before and before[attname] != value:
            name = by_attname[attname]
            changed.add(translated.get(name, name))
    return [name for name in names if name in changed]


# Who shows whom ----------------------------------------------------------------------------


def showing(
    model: type[models.Model],
    ids: set[int],
    depth: int = DEPTH,
    *,
    created=False,
    instance: models.Model | None = None,
) -> Records:
    """The records whose representation may show these ones, these included (`instance`:
    the one record of `ids`, just saved, whose own links need no query).

    Each walk keeps to one direction: the records these link to, and those they link to (a
    participant's meeting; an observation's indicator and its plan item), or the records
    linking to these, and those linking to them (an organization's posts, and the meeting
    participants holding those posts). A record reached one way and left the other does not
    show these: a project's plan item's other projects, an organization's other members."""
    seen: Records = defaultdict(set)
    seen[model].update(ids)
    # A new record is shown by nothing yet but the records it links to.
    for forward in (True,) if created else (True, False):
        walked: Records = defaultdict(set)
        walked[model].update(ids)
        frontier: Records = {model: set(ids)}
        for _ in range(1 if created else depth):
            step: Records = defaultdict(set)
            for kind, kind_ids in frontier.items():
                held = instance if kind is model else None
                for other, other_ids in neighbours(kind, kind_ids, forward, held).items():
                    new = other_ids - walked[other]
                    if new:
                        step[other].update(new)
                        walked[other].update(new)
            frontier = step
        for kind, kind_ids in walked.items():
            seen[kind].update(kind_ids)
    return seen


def public_records(records: Records) -> Records:
    """Each record as the public record that shows it: itself, or the one it is shown on."""
    found: Records = defaultdict(set)
    for model, ids in records.items():
        if not ids:
            continue
        if public(model):
            found[model].update(ids)
            continue
        kind = record_type(model)
        if kind.shown_on:
            parent: Any = model._meta.get_field(kind.shown_on)
            rows = column_rows(model, [parent.name], ids)
            sub: Records = {parent.related_model: {row for (row,) in rows if row is not None}}
            for other, other_ids in public_records(sub).items():
                found[other].update(other_ids)
    return found


# Writing entries --------------------------------------------------------------------------


def _lock() -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [FEED_LOCK])


def write(entries: list[Change]) -> None:
    if not entries:
        return
    _lock()
    now = timezone.now()
    for entry in entries:
        entry.time = now
    Change.objects.bulk_create(entries)
    from coopr.cache import note_last_modified

    note_last_modified(now)


def entry(model: type[models.Model], action: str, pk: int, lookup, version, fields) -> Change:
    kind = record_type(model)
    assert kind.api is not None
    return Change(
        action=action,
        resource=kind.api.prefix,
        record_id=pk,
        lookup=str(lookup),
        version=version,
        fields=fields,
    )


def updates(records: Records, skip: set[tuple[type, int]]) -> list[Change]:
    """An "updated" entry (no field names) for each public record, as it is now."""
    out = []
    for model, ids in public_records(records).items():
        ids = {pk for pk in ids if (model, pk) not in skip}
        if not ids:
            continue
        name = lookup_name(model)
        for pk, version, *lookup in sorted(column_rows(model, ["pk", "version", name], ids)):
            lookup = lookup[0] if lookup else pk
            out.append(entry(model, Change.Action.UPDATED, pk, lookup, version, []))
    return out


# Signal handlers ----------------------------------------------------------------------------


def before_save(sender, instance, raw=False, **kwargs) -> None:
    """Keep a record's values as they are in the database, to tell what a save changes."""
    if raw or instance._state.adding or instance.pk is None or not is_record(sender):
        return
    fields = [f.attname for f in sender._meta.concrete_fields]
    found = sender._default_manager.filter(pk=instance.pk).values(*fields).first()
    setattr(instance, BEFORE, found or {})


def after_save(sender, instance, created=False, raw=False, **kwargs) -> None:
    if raw or not is_record(sender):
        return
    before = getattr(instance, BEFORE, None) or {}
    if BEFORE in instance.__dict__:
        delattr(instance, BEFORE)
    entries: list[Change] = []
    skip: set[tuple[type, int]] = set()
    if public(sender):
        if created:
            action, fields = Change.Action.CREATED, field_names(sender)
        else:
            action, fields = Change.Action.UPDATED, changed_fields(instance, before)
        lookup = getattr(instance, lookup_name(sender))
        entries.append(entry(sender, action, instance.pk, lookup, instance.version, fields))
        skip.add((sender, instance.pk))
    records = showing(sender, {instance.pk}, created=created, instance=instance)
    # A record moved from one to another (a participant to another meeting): the old one too.
    for field in sender._meta.concrete_fields:
        old: Any = before.get(field.attname)
        moved = field.is_relation and old is not None and old != getattr(instance, field.attname)
        if moved and is_record(field.related_model):
            records[field.related_model].add(old)
    records[sender].discard(instance.pk)
    entries.extend(updates(records, skip))
    write(entries)


def before_delete(sender, instance, **kwargs) -> None:
    """The records that show this one, found while its links are still there."""
    if not is_record(sender):
        return
    records = showing(sender, {instance.pk})
    records[sender].discard(instance.pk)
    write(updates(records, set()))


def after_delete(sender, instance, **kwargs) -> None:
    if not public(sender):
        return
    lookup = getattr(instance, lookup_name(sender))
    version = getattr(instance, "version", None)
    write([entry(sender, Change.Action.DELETED, instance.pk, lookup, version, [])])


def links_changed(sender, instance, action, reverse, model, pk_set, **kwargs) -> None:
    """A many-to-many change: both sides are updated."""
    if action == "pre_clear":
        # Who is linked before the links go (a clear's pk_set is empty).
        field = _m2m_field(sender, type(instance), model, reverse)
        if field is not None:
            related = field.related_model if not reverse else field.model
            accessor = str(field.name if not reverse else field.remote_field.get_accessor_name())
            ids = set(getattr(instance, accessor).values_list("pk", flat=True))
            instance.__dict__.setdefault("_coopr_cleared", {})[sender] = (related, ids)
        return
    if action not in ("post_add", "post_remove", "post_clear"):
        return
    if not is_record(type(instance)):
        return
    records: Records = defaultdict(set)
    if action == "post_clear":
        related, ids = instance.__dict__.get("_coopr_cleared", {}).pop(sender, (model, set()))
        records[related].update(ids)
    else:
        records[model].update(pk_set or ())
    field = _m2m_field(sender, type(instance), model, reverse)
    if not any(records.values()):
        return
    entries = []
    skip: set[tuple[type, int]] = set()
    if public(type(instance)):
        name = field.name if field is not None and not reverse else ""
        lookup = getattr(instance, lookup_name(type(instance)))
        fields = [name] if name else []
        entries.append(
            entry(
                type(instance), Change.Action.UPDATED, instance.pk, lookup, instance.version, fields
            )
        )
        skip.add((type(instance), instance.pk))
    else:
        records[type(instance)].add(instance.pk)
    entries.extend(updates(records, skip))
    write(entries)


def _m2m_field(through, instance_model, model, reverse) -> models.ManyToManyField | None:
    owner = model if reverse else instance_model
    for field in owner._meta.many_to_many:
        if field.remote_field.through is through:
            return field
    return None


def mark_reset() -> None:
    """Records were written without signals (a restore, synthetic data): one "reset" entry."""
    write([Change(action=Change.Action.RESET)])


def watch() -> None:
    """Write changes down on every save, delete and many-to-many change of a record type."""
    from django.db.models.signals import (
        m2m_changed,
        post_delete,
        post_save,
        pre_delete,
        pre_save,
    )

    pre_save.connect(before_save, dispatch_uid="coopr.changes.before_save")
    post_save.connect(after_save, dispatch_uid="coopr.changes.after_save")
    pre_delete.connect(before_delete, dispatch_uid="coopr.changes.before_delete")
    post_delete.connect(after_delete, dispatch_uid="coopr.changes.after_delete")
    m2m_changed.connect(links_changed, dispatch_uid="coopr.changes.links")
