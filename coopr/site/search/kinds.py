"""The kinds of record the site-wide search looks in, and how to show one."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from django.apps import apps
from django.db.models import (
    Model,
)
from django.utils.translation import gettext_lazy as _

from coopr.dates import format_partial

# Kinds of record ---------------------------------------------------------------------------


def _partial(obj, name: str) -> str:
    return format_partial(getattr(obj, name), getattr(obj, f"{name}_precision"))


def _plan_meta(plan) -> list[str]:
    if not plan.proposed_on:
        return []
    return [str(_("proposed %(date)s")) % {"date": _partial(plan, "proposed_on")}]


def _plan_item_meta(item) -> list[str]:
    return [item.plan.title]


def _project_meta(project) -> list[str]:
    out = [str(_("plan item %(number)s")) % {"number": project.plan_item.number}]
    if project.status:
        out.append(str(project.get_status_display()))
    return out


def _person_meta(person) -> list[str]:
    return [str(person.country.name)] if person.country else []


def _organization_meta(organization) -> list[str]:
    out = [str(organization.get_kind_display())]
    if organization.country:
        out.append(str(organization.country.name))
    return out


def _meeting_meta(meeting) -> list[str]:
    out = [str(meeting.get_kind_display())]
    if meeting.start:
        out.append(_partial(meeting, "start"))
    if meeting.city:
        out.append(meeting.city)
    return out


def _document_meta(document) -> list[str]:
    out = [str(document.get_kind_display())]
    if document.signed_on:
        out.append(_partial(document, "signed_on"))
    return out


def _indicator_meta(indicator) -> list[str]:
    return [str(_("in %(unit)s")) % {"unit": indicator.unit}] if indicator.unit else []


def _source_meta(source) -> list[str]:
    out = [source.publisher]
    if source.published_on:
        out.append(_partial(source, "published_on"))
    return out


@dataclass(frozen=True)
class Kind:
    """A kind of record the site-wide search looks in, and how to show one."""

    key: str  # the page's `?type=`
    model_label: str
    label: str
    list_url: str  # the route of its list page, for browsing
    # The field shown as the result's title; with `names`, what a query is ranked against
    # first and what a similar spelling may match.
    title_field: str
    names: tuple[str, ...]
    # Longer text: searched for substrings (and full text), shown as the snippet.
    texts: tuple[str, ...]
    meta: Callable[[Model], list[str]]
    related: tuple[str, ...] = ()
    # How many of `texts` (the first ones) may stand in as the snippet when no words match
    # in them: descriptions, not a city or a unit the result's details show anyway.
    blurbs: int = 1
    prefix: Callable[[Model], str] = field(default=lambda obj: "")

    @property
    def model(self) -> type[Model]:
        return apps.get_model(self.model_label)

    def title_of(self, obj) -> str:
        return f"{self.prefix(obj)}{getattr(obj, self.title_field)}"


KINDS: tuple[Kind, ...] = (
    Kind(
        "plans", "projects.Plan", _("Plans"), "plan-list", "title", ("title",),
        ("description", "proposed_place"), _plan_meta,
    ),
    Kind(
        "plan-items", "projects.PlanItem", _("Plan items"), "plan-list", "title", ("title",),
        ("description",), _plan_item_meta, related=("plan",),
        prefix=lambda item: f"{item.number}. ",
    ),
    Kind(
        "projects", "projects.Project", _("Projects"), "project-list", "title", ("title",),
        ("summary",), _project_meta, related=("plan_item",),
    ),
    Kind(
        "people", "people.Person", _("People"), "person-list", "name",
        ("name", "sort_name", "other_names"), ("biography",), _person_meta,
    ),
    Kind(
        "organizations", "people.Organization", _("Organizations"), "organization-list", "name",
        ("name", "short_name", "other_names"), ("description",), _organization_meta,
    ),
    Kind(
        "meetings", "projects.Meeting", _("Meetings"), "meeting-list", "title", ("title",),
        ("description", "outcomes", "city"), _meeting_meta, blurbs=2,
    ),
    Kind(
        "documents", "projects.Document", _("Documents"), "document-list", "title", ("title",),
        ("summary", "place"), _document_meta,
    ),
    Kind(
        "indicators", "projects.Indicator", _("Figures"), "indicator-list", "name", ("name",),
        ("description", "unit"), _indicator_meta,
    ),
    Kind(
        "sources", "coopr.Source", _("Sources"), "source-list", "title", ("title", "publisher"),
        ("notes",), _source_meta,
    ),
)  # fmt: skip
KINDS_BY_KEY = {kind.key: kind for kind in KINDS}
