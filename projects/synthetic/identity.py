"""What identifies a synthetic row, for every table, and how to remove exactly those rows."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from functools import reduce
from operator import or_

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q

from coopr.models import Citation, Source
from people.models import Organization, Person, Position
from projects.models import (
    Document,
    Indicator,
    Meeting,
    MeetingParticipant,
    Observation,
    Plan,
    PlanItem,
    Project,
    ProjectOrganization,
    ProjectPerson,
    ProjectUpdate,
)

SYNTHETIC_PREFIX = "synthetic-"

# What identifies a synthetic row ------------------------------------------------------------

# Records with a slug: synthetic when the slug says so.
SLUGGED: tuple[type[models.Model], ...] = (
    Source,
    Organization,
    Person,
    Plan,
    Project,
    Meeting,
    Document,
    Indicator,
)
# Records without one: synthetic when the record they hang off (any of them, for a link) is.
OWNERS: dict[type[models.Model], tuple[str, ...]] = {
    PlanItem: ("plan",),
    Position: ("person",),
    ProjectUpdate: ("project",),
    ProjectOrganization: ("project", "organization"),
    ProjectPerson: ("project", "person"),
    MeetingParticipant: ("meeting", "person"),
    Observation: ("indicator",),
}
# Many-to-many relations without a model of their own: a row links two records.
M2M_FIELDS: tuple[tuple[type[models.Model], str], ...] = (
    (Meeting, "plan_items"),
    (Meeting, "projects"),
    (Meeting, "organizations"),
    (Document, "signatories"),
    (Document, "parties"),
    (Document, "plan_items"),
    (Document, "projects"),
)


def through(model: type[models.Model], name: str) -> type[models.Model]:
    return model._meta.get_field(name).remote_field.through


for _model, _name in M2M_FIELDS:
    _field = _model._meta.get_field(_name)
    OWNERS[through(_model, _name)] = (_field.m2m_field_name(), _field.m2m_reverse_field_name())

# Records a citation can point at (those with a `citations` GenericRelation).
CITABLE: tuple[type[models.Model], ...] = tuple(
    model for model in (*SLUGGED, *OWNERS) if model is not Source and hasattr(model, "citations")
)
# Deleting in this order leaves no row pointing at a deleted one, even for a moment.
DELETE_ORDER: tuple[type[models.Model], ...] = (
    Citation,
    *(through(model, name) for model, name in M2M_FIELDS),
    Observation,
    MeetingParticipant,
    ProjectUpdate,
    ProjectOrganization,
    ProjectPerson,
    Indicator,
    Document,
    Project,
    PlanItem,
    Plan,
    Meeting,
    Position,
    Person,
    Organization,
    Source,
)


def synthetic_q(model: type[models.Model], path: str = "") -> Q:
    """The rows of `model` (reached through the lookup `path`, if given) that are synthetic."""
    if model in SLUGGED:
        return Q(**{f"{path}slug__startswith": SYNTHETIC_PREFIX})
    if model is Citation:
        if path:
            raise ValueError("Citations are only looked up directly.")
        cited = (
            Q(
                content_type=ContentType.objects.get_for_model(target),
                object_id__in=target._default_manager.filter(synthetic_q(target)).values("pk"),
            )
            for target in CITABLE
        )
        return reduce(or_, cited, Q(source__slug__startswith=SYNTHETIC_PREFIX))
    owners = OWNERS[model]
    return reduce(
        or_,
        (
            synthetic_q(model._meta.get_field(name).related_model, f"{path}{name}__")
            for name in owners
        ),
    )


def synthetic(model: type[models.Model]) -> models.QuerySet:
    """The synthetic rows of `model`."""
    return model._default_manager.filter(synthetic_q(model))


def history_model(model: type[models.Model]) -> type[models.Model] | None:
    manager = getattr(model, "history", None)
    return manager.model if manager is not None else None


def label(model: type[models.Model]) -> str:
    """What a table holds, for the summaries: "projects", "meeting: plan items discussed"."""
    for owner, name in M2M_FIELDS:
        if model is through(owner, name):
            field = owner._meta.get_field(name)
            return f"{owner._meta.verbose_name}: {field.verbose_name}"
    return str(model._meta.verbose_name_plural)


class SyntheticDataError(Exception):
    """The synthetic data set cannot be written or removed as asked."""


def real_rows_pointing_at_synthetic():
    """For each foreign key between the tables involved: (model, field, the rows of `model`
    that are not synthetic but point at a synthetic record through `field`).

    The generator never makes such a row; only a hand edit can (a real project moved under a
    synthetic plan item, a real plan "proposed by" a synthetic person).
    """
    for model in DELETE_ORDER:
        for field in model._meta.concrete_fields:
            if field.many_to_one and field.related_model in DELETE_ORDER:
                rows = model._default_manager.exclude(synthetic_q(model)).filter(
                    synthetic_q(field.related_model, f"{field.name}__")
                )
                yield model, field, rows


def remove_synthetic(progress: Callable[[str], None] = lambda what: None) -> Counter:
    """Delete every synthetic row (and the change history of synthetic records), nothing else;
    the rows deleted per table.

    Run it inside a transaction. A real row that points at a synthetic record through a
    nullable link loses the link, as Django's own delete would do; where a real row cannot do
    without it, nothing is deleted. Deletes are single SQL statements: no rows are loaded and
    no signals are sent (the caller marks the change afterwards).
    """
    problems = []
    for model, field, rows in real_rows_pointing_at_synthetic():
        if field.remote_field.on_delete is not models.SET_NULL and rows.exists():
            ids = list(rows.values_list("pk", flat=True)[:10])
            problems.append(
                f"{label(model)} {ids} (not synthetic) point at synthetic "
                f"{label(field.related_model)} through “{field.name}”"
            )
    if problems:
        raise SyntheticDataError("Cannot remove the synthetic data set: " + "; ".join(problems))
    removed = Counter()
    # History first: the history rows of child records are found through their live parents.
    for model in DELETE_ORDER:
        historical = history_model(model)
        if historical is not None:
            progress(f"history of {label(model)}")
            removed[label(historical)] += _raw_delete(
                historical._default_manager.filter(synthetic_q(model))
            )
    for _model, field, rows in real_rows_pointing_at_synthetic():
        if field.remote_field.on_delete is models.SET_NULL:
            rows.update(**{field.name: None})
    for model in DELETE_ORDER:
        progress(label(model))
        removed[label(model)] += _raw_delete(synthetic(model))
    return removed


def _raw_delete(queryset: models.QuerySet) -> int:
    # One DELETE statement, without collecting the rows first (QuerySet.delete() would load
    # every row to send its signals, and simple_history would write a history row for each).
    return queryset._raw_delete(queryset.db)
