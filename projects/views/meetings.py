"""Meetings, documents and indicators: their lists (with CSV) and their pages.

Each page reads what it shows through a QuerySet method (`for_page`, `for_list`, …) in a fixed
number of queries; the grouping (upcoming and past meetings by year, participants by side,
citations by the fact they support) happens here, in Python, on rows already fetched.
The iCalendar feed of meetings is in `projects.feeds`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from itertools import groupby

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models import Count, F
from django.db.models.functions import Coalesce, ExtractYear, Lower
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView
from modeltranslation.settings import AVAILABLE_LANGUAGES

from coopr.dates import format_partial, period_end
from coopr.listing import ListPage
from people.models import Position
from projects.models import Document, Indicator, Meeting, Observation
from projects.page_filters import DocumentPageFilter, IndicatorPageFilter, MeetingPageFilter
from projects.templatetags.figures import format_figure, iso_date, qualified

# Helpers -----------------------------------------------------------------------------------


def language() -> str:
    code = translation.get_language() or "en"
    return code if code in AVAILABLE_LANGUAGES else "en"


def translated(name: str) -> models.Expression:
    """A translated column in the active language, English when it has no translation (what
    `obj.<name>` shows), without regard to case: an expression to sort by."""
    lang = language()
    if lang == "en":
        return Lower(f"{name}_en")
    return Lower(Coalesce(f"{name}_{lang}", f"{name}_en"))


def translated_value(row: dict, name: str) -> str:
    """The same, for a `values()` row holding `<name>_en` and `<name>_<lang>`."""
    return row.get(f"{name}_{language()}") or row.get(f"{name}_en") or ""


def field_label(model, name: str) -> str:
    try:
        return str(capfirst(model._meta.get_field(name).verbose_name))
    except FieldDoesNotExist:  # a field since renamed: show the name the citation holds
        return name


def citations_by_fact(obj, placed: set[str]) -> dict[str, list]:
    """`obj`'s prefetched citations by the fact they support: each field in `placed` (shown
    beside that field) and "record" for the rest (the whole record, or a field shown in the
    page's summary line); each citation gets `field_label`."""
    groups: dict[str, list] = {"record": []}
    for citation in obj.citations.all():
        citation.field_label = field_label(type(obj), citation.field_name)
        key = citation.field_name if citation.field_name in placed else "record"
        groups.setdefault(key, []).append(citation)
    return groups


def absolute(request, obj) -> str:
    return request.build_absolute_uri(obj.get_absolute_url())


def partial_text(obj, name: str) -> str:
    return format_partial(getattr(obj, name), getattr(obj, f"{name}_precision"))


def partial_iso(obj, name: str) -> str:
    return iso_date(getattr(obj, name), getattr(obj, f"{name}_precision"))


# Meetings ----------------------------------------------------------------------------------


@dataclass
class Group:
    """Meetings under one heading (a year), or without one."""

    id: str
    heading: str
    rows: list


@dataclass
class Section:
    id: str
    heading: str
    groups: list[Group] = field(default_factory=list)
    empty_text: str = ""


def by_year(rows) -> list[Group]:
    """Consecutive meetings of the same year under that year; undated ones under "Date
    unknown". The rows come sorted by date, so each year is one group on a page."""
    groups = []
    for year, members in groupby(rows, key=lambda m: m.start.year if m.start else None):
        if year is None:
            groups.append(Group("date-unknown", str(_("Date unknown")), list(members)))
        else:
            groups.append(Group(f"year-{year}", str(year), list(members)))
    return groups


def meeting_sections(rows: list, sort: str, first_page: bool) -> list[Section]:
    """The page's meetings under headings: by default "Upcoming" then "Past" by year.

    A page may hold part of a group (pagination cuts anywhere); the headings are made from
    the rows of this page, so every row stands under its own section and year.
    """
    if not rows:
        return []
    if sort == "title":
        return [Section("all", str(_("All meetings, by title")), [Group("", "", rows)])]
    if sort == "oldest":
        return [Section("all", str(_("All meetings, oldest first")), by_year(rows))]
    upcoming = [m for m in rows if m.is_upcoming]
    past = [m for m in rows if not m.is_upcoming]
    sections = []
    if upcoming or first_page:
        sections.append(
            Section(
                "upcoming",
                str(_("Upcoming")),
                [Group("", "", upcoming)] if upcoming else [],
                empty_text=str(_("No upcoming meeting is on record.")),
            )
        )
    if past:
        sections.append(Section("past", str(_("Past")), by_year(past)))
    return sections


UPCOMING_THEN_PAST = (
    F("is_upcoming").desc(),
    models.Case(models.When(is_upcoming=True, then=F("start"))).asc(nulls_last=True),
    F("start").desc(nulls_last=True),
    "title_en",
    "pk",
)


TIMELINE_MARKS = 300  # meetings drawn one by one on the list's timeline; beyond, per year


class MeetingListView(ListPage):
    """Meetings: upcoming ones soonest first, then past ones by year, newest first.

    With a timeline of every meeting the filters keep (not only this page's), and a CSV.
    """

    template_name = "projects/meeting_list.html"
    filterset_class = MeetingPageFilter
    search_fields = ("title", "description", "outcomes", "city")
    csv_filename = "meetings.csv"

    @property
    def orderings(self):
        return {
            "date": (_("Upcoming, then most recent"), UPCOMING_THEN_PAST),
            "oldest": (_("Oldest first"), (F("start").asc(nulls_last=True), "title_en", "pk")),
            "title": (_("Title"), (translated("title"), "pk")),
        }

    def get_base_queryset(self):
        return Meeting.objects.with_timing(timezone.localdate())

    def get_csv_columns(self):
        request = self.request
        return [
            ("slug", lambda m: m.slug),
            (_("Title"), lambda m: m.title),
            (_("Kind"), lambda m: m.get_kind_display()),
            (_("Start"), lambda m: partial_text(m, "start")),
            (_("Start (ISO 8601)"), lambda m: partial_iso(m, "start")),
            (_("End"), lambda m: partial_text(m, "end")),
            (_("End (ISO 8601)"), lambda m: partial_iso(m, "end")),
            (_("City"), lambda m: m.city),
            (_("Country"), lambda m: m.country.name if m.country else ""),
            ("URL", lambda m: absolute(request, m)),
        ]

    def timeline(self, count: int) -> dict:
        """The timeline of every meeting the filters keep (not only this page's): each meeting
        (dates, title, upcoming or not) when there are at most TIMELINE_MARKS; beyond that,
        marks would be a blur and the page heavy, so only the counts per year, from the
        database. One query either way."""
        if count > TIMELINE_MARKS:
            # A fresh queryset (the listed meetings by id) grouped by year and timing alone: the
            # list's own annotations would join the GROUP BY.
            listed = self.object_list.order_by().values("pk")
            rows = (
                Meeting.objects.filter(pk__in=listed, start__isnull=False)
                .with_timing(timezone.localdate())
                .order_by()
                .values("is_upcoming", year=ExtractYear("start"))
                .annotate(n=Count("pk"))
            )
            years: dict[int, dict] = {}
            for row in rows:
                year = years.setdefault(
                    row["year"], {"year": row["year"], "past": 0, "upcoming": 0}
                )
                year["upcoming" if row["is_upcoming"] else "past"] += row["n"]
            per_year = [{"year": year, **years[year]} for year in sorted(years)]
            return {"meetings": [], "per_year": per_year, "total": count}
        lang = language()
        rows = self.object_list.order_by().values(
            "start",
            "start_precision",
            "end",
            "end_precision",
            "is_upcoming",
            "title_en",
            *([f"title_{lang}"] if lang != "en" else []),
        )
        meetings = [
            {**row, "upcoming": row["is_upcoming"], "title": translated_value(row, "title")}
            for row in rows
        ]
        return {"meetings": meetings, "per_year": None, "total": count}

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page = context["page_obj"]
        context["sections"] = meeting_sections(
            list(context["object_list"]), self.sort, page is None or page.number == 1
        )
        paginator = context["paginator"]
        count = paginator.count if paginator else len(context["object_list"])
        context["timeline"] = self.timeline(count)
        return context


@dataclass
class Side:
    """The participants who spoke for one country (or whose side is not known)."""

    id: str
    heading: str
    participants: list
    citations: list = field(default_factory=list)


def side_of(participant):
    """The country a participant spoke for: as recorded, else the person's country, else
    that of the organization they came from. A falsy Country when none is known."""
    if participant.side:
        return participant.side
    if participant.person.country:
        return participant.person.country
    organization = (
        participant.position.organization if participant.position else participant.organization
    )
    return organization.country if organization else participant.side


def participants_by_side(meeting) -> list[Side]:
    """The meeting's participants grouped by side: the host country first, then the others
    by name, unknown last. The citations of each side's participants are listed once per
    side, numbered across the page; each participant gets `refs` (numbers of its citations).
    """
    buckets: dict[str, list] = {}
    countries = {}
    for participant in meeting.participants.all():
        country = side_of(participant)
        buckets.setdefault(country.code if country else "", []).append(participant)
        countries[country.code if country else ""] = country
    host = meeting.country.code if meeting.country else None

    def order(code: str):
        return (code == "", code != host, str(countries[code].name) if code else "")

    sides, numbers = [], {}
    for code in sorted(buckets, key=order):
        side = Side(
            id=f"side-{code.lower() or 'unknown'}",
            heading=str(countries[code].name) if code else str(_("Side not recorded")),
            participants=buckets[code],
        )
        for participant in side.participants:
            participant.refs = []
            for citation in participant.citations.all():
                key = (citation.source_id, citation.quote, citation.note, citation.locator)
                if key not in numbers:
                    numbers[key] = len(numbers) + 1
                    citation.number = numbers[key]
                    side.citations.append(citation)
                if numbers[key] not in participant.refs:
                    participant.refs.append(numbers[key])
        sides.append(side)
    return sides


class MeetingDetailView(DetailView):
    """A meeting: when and where, who came for each side in what post, what was decided and
    signed, what was discussed; each fact beside its source."""

    queryset = Meeting.objects.for_page()
    template_name = "projects/meeting_detail.html"
    context_object_name = "meeting"

    def get_context_data(self, **kwargs):
        meeting = self.object
        return super().get_context_data(
            sides=participants_by_side(meeting),
            cites=citations_by_fact(
                meeting, {"description", "outcomes", "plan_items", "projects", "organizations"}
            ),
            calendar_url=reverse("meeting-calendar") + f"?meeting={meeting.slug}",
            **kwargs,
        )


# Documents ---------------------------------------------------------------------------------


def posts_during(positions, start: dt.date, end: dt.date) -> list[Position]:
    """The posts a source shows held at some time from `start` to `end`: a tenure that
    overlaps those days, or an undated post attested on one of them. None is guessed."""
    held = []
    for position in positions:
        if position.start or position.end:
            began = position.start or dt.date.min
            ended = dt.date.max
            if position.end:
                ended = period_end(position.end, position.end_precision)
            if began <= end and ended >= start:
                held.append(position)
        elif position.as_of and start <= position.as_of <= end:
            held.append(position)
    return held


class DocumentListView(ListPage):
    """Documents the sides signed or issued, newest first, with their parties; and a CSV."""

    template_name = "projects/document_list.html"
    filterset_class = DocumentPageFilter
    search_fields = ("title", "summary", "place")
    csv_filename = "documents.csv"

    @property
    def orderings(self):
        return {
            "date": (_("Newest first"), (F("signed_on").desc(nulls_last=True), "title_en", "pk")),
            "oldest": (_("Oldest first"), (F("signed_on").asc(nulls_last=True), "title_en", "pk")),
            "title": (_("Title"), (translated("title"), "pk")),
        }

    def get_base_queryset(self):
        return Document.objects.for_list()

    def get_csv_columns(self):
        request = self.request

        def names(rows):
            return "; ".join(str(row) for row in rows)

        return [
            ("slug", lambda d: d.slug),
            (_("Title"), lambda d: d.title),
            (_("Kind"), lambda d: d.get_kind_display()),
            (_("Signed on"), lambda d: partial_text(d, "signed_on")),
            (_("Signed on (ISO 8601)"), lambda d: partial_iso(d, "signed_on")),
            (_("Place"), lambda d: d.place),
            (_("Signed at meeting"), lambda d: d.meeting.title if d.meeting else ""),
            (_("Parties"), lambda d: names(d.parties.all())),
            (_("Signatories"), lambda d: names(d.signatories.all())),
            (_("Text"), lambda d: d.url),
            ("URL", lambda d: absolute(request, d)),
        ]


class DocumentDetailView(DetailView):
    """A document: what, when and where it was signed, by whom (in the posts they held then)
    and between which parties, what it concerns; each fact beside its source."""

    queryset = Document.objects.for_page()
    template_name = "projects/document_detail.html"
    context_object_name = "document"

    def get_context_data(self, **kwargs):
        document = self.object
        signatories = list(document.signatories.all())
        if document.signed_on:
            until = period_end(document.signed_on, document.signed_on_precision)
            for person in signatories:
                person.posts_then = posts_during(person.positions.all(), document.signed_on, until)
        return super().get_context_data(
            signatories=signatories,
            cites=citations_by_fact(
                document,
                {"summary", "meeting", "signatories", "parties", "plan_items", "projects", "url"},
            ),
            **kwargs,
        )


# Indicators --------------------------------------------------------------------------------


def latest_text(indicator) -> str:
    """The latest value as the list shows it: "about 250" (qualifier, number)."""
    if indicator.latest_value is None:
        return ""
    label = dict(Observation.Qualifier.choices).get(indicator.latest_qualifier, "")
    return qualified(indicator.latest_value, indicator.latest_qualifier, label)


class IndicatorListView(ListPage):
    """Figures someone reported: the latest value of each, its date and what it concerns."""

    template_name = "projects/indicator_list.html"
    filterset_class = IndicatorPageFilter
    search_fields = ("name", "unit", "description")
    csv_filename = "figures.csv"

    @property
    def orderings(self):
        return {
            "name": (_("Name"), (translated("name"), "pk")),
            "latest": (
                _("Latest value first"),
                (F("latest_date").desc(nulls_last=True), translated("name"), "pk"),
            ),
        }

    def get_base_queryset(self):
        return Indicator.objects.for_list()

    def get_csv_columns(self):
        request = self.request

        def recorded(i):
            return i.recorded_projects if i.measures == Indicator.Measures.PROJECTS_IN_ITEM else ""

        def latest_date(i):
            return format_partial(i.latest_date, i.latest_date_precision)

        return [
            ("slug", lambda i: i.slug),
            (_("Name"), lambda i: i.name),
            (_("Unit"), lambda i: i.unit),
            (_("Latest value"), lambda i: format_figure(i.latest_value)),
            (_("Qualifier"), lambda i: i.latest_qualifier or ""),
            (_("Date"), latest_date),
            (_("Date (ISO 8601)"), lambda i: iso_date(i.latest_date, i.latest_date_precision)),
            (_("Projects on record"), recorded),
            (_("Plan item"), lambda i: str(i.plan_item) if i.plan_item else ""),
            ("URL", lambda i: absolute(request, i)),
        ]

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        for indicator in context["object_list"]:
            indicator.latest_text = latest_text(indicator)
        return context


class IndicatorDetailView(DetailView):
    """A figure over time (a chart, and the same values in a table with their sources);
    for a count of projects, the reported count beside the projects on record."""

    queryset = Indicator.objects.for_page()
    template_name = "projects/indicator_detail.html"
    context_object_name = "indicator"

    def get_context_data(self, **kwargs):
        indicator = self.object
        observations = list(indicator.observations.all())
        latest = max(observations, key=lambda o: (o.date, o.pk)) if observations else None
        label = ""
        if latest is not None:
            label = qualified(latest.value, latest.qualifier, latest.get_qualifier_display())
        return super().get_context_data(
            observations=observations,
            latest=latest,
            latest_label=label,
            counts_projects=indicator.measures == Indicator.Measures.PROJECTS_IN_ITEM,
            cites=citations_by_fact(indicator, {"description"}),
            **kwargs,
        )
