"""Meetings: their list (upcoming and past by year, with CSV) and their pages."""

from __future__ import annotations

from dataclasses import dataclass, field
from itertools import groupby

from django.db import models
from django.db.models import Count, F
from django.db.models.functions import ExtractYear
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView

from coopr.citations import citations_of
from coopr.dates import partial_iso, partial_text
from coopr.kept import kept_count, kept_rows
from coopr.listing import ListPage
from coopr.translated import in_language
from projects.models import Meeting
from projects.models.meetings import not_over
from projects.page_filters import MeetingPageFilter
from projects.views.common import (
    absolute,
    language,
    translated_value,
)

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


class UpcomingThenPast:
    """The meetings of the list's default order as the paginator reads them: the upcoming ones,
    soonest first, then the past ones, newest first (`UPCOMING_THEN_PAST`), each part read
    through an index on the start (a single ORDER BY on whether a meeting is upcoming would
    sort every meeting). A page reads the upcoming meetings before its end (few, and read from
    the indexes on their dates: `not_over`) and the past ones it shows: two queries, always;
    the count is kept until the next change (`kept_count`)."""

    ordered = True

    def __init__(self, queryset, today):
        self.queryset = queryset
        self.upcoming = queryset.filter(not_over(today)).order_by(
            F("start").asc(nulls_last=True), "title_en", "pk"
        )
        self.past = queryset.filter(is_upcoming=False).order_by(
            F("start").desc(nulls_last=True), "title_en", "pk"
        )

    def count(self) -> int:
        return kept_count(self.queryset)

    def __getitem__(self, rows: slice) -> list:
        start, stop = rows.start or 0, rows.stop
        upcoming = list(self.upcoming[:stop])
        # At least one past row is read, so that every page runs the same queries.
        skip = max(start - len(upcoming), 0)
        past = list(self.past[skip : skip + max(stop - start - len(upcoming[start:]), 1)])
        return (upcoming[start:] + past)[: stop - start]


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
            "title": (_("Title"), (in_language("title"), "pk")),
        }

    def get_base_queryset(self):
        return Meeting.objects.with_timing(timezone.localdate())

    def paginate_queryset(self, queryset, page_size):
        if self.sort == "date":
            queryset = UpcomingThenPast(queryset, timezone.localdate())
        return super().paginate_queryset(queryset, page_size)

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
        database. One query either way, kept until the next change (`kept`): it reads every
        meeting the filters keep."""
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
            # Every listed meeting is read: kept until the next change.
            years: dict[int, dict] = {}
            for row in kept_rows(rows):
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
            for row in kept_rows(rows)
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
            cites=citations_of(
                meeting,
                {"description", "outcomes", "body", "plan_items", "projects", "organizations"},
            ),
            calendar_url=reverse("meeting-calendar") + f"?meeting={meeting.slug}",
            **kwargs,
        )
