"""Reads that pages and endpoints need, each fetching what it shows in a fixed number of queries."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from django.core.paginator import Paginator
from django.db.models import Count, Exists, F, OuterRef, Prefetch, Q, Subquery, Window
from django.db.models.functions import RowNumber

from coopr.citations import citations_of
from coopr.kept import MAX_NUMBERED_ROWS, kept
from coopr.models import citations_with_sources
from coopr.translated import in_language
from projects.models import Indicator, Meeting, Observation, Plan, PlanItem, Project, Status

# How many meetings the home page lists in each of "latest" and "next".
HOME_MEETINGS = 5
# How many plans (the latest), key figures and reported counts the home page shows. Three
# plans, each drawn item by item, are what a glance takes in (and what a record of 10,000
# projects holds: the page costs the same at 10,000 and at 100,000); all plans are a link away.
HOME_PLANS = 3
HOME_FIGURES = 10
# How many counts sources reported the home page shows beside each item (the first by name,
# of those with a value); the rest are on the item's page.
HOME_REPORTED_PER_ITEM = 2


@dataclass
class ReportedCount:
    """A count of projects a source reported for a plan item, beside the count on record.

    "13 reported (TASS, 24 March 2018) · 6 on record": the two differ when the record does
    not (yet) hold every project a source speaks of, and the page says so rather than hiding
    either number.
    """

    indicator: Indicator
    observation: Observation
    recorded: int
    # The citation backing the reported value (its source, and the quoted words), if any.
    citation: object | None

    @property
    def reported(self) -> int:
        return int(self.observation.value)

    @property
    def more_reported(self) -> int:
        """How many more projects the source reports than the record holds (else 0)."""
        return max(self.reported - self.recorded, 0)

    @property
    def more_recorded(self) -> int:
        """How many more projects the record holds than the source reports (else 0)."""
        return max(self.recorded - self.reported, 0)


def latest_observation(indicator: Indicator) -> Observation | None:
    """The newest of the indicator's prefetched values (whatever order they came in): the
    list `_indicators_with_values` leaves, else the prefetched relation."""
    observations = getattr(indicator, "newest_values", None)
    if observations is None:
        observations = list(indicator.observations.all())
    if not observations:
        return None
    return max(observations, key=lambda o: (o.date, o.pk))


def reported_count(indicator: Indicator, recorded: int) -> ReportedCount | None:
    """The latest reported value of a count of projects, with `recorded` projects on record;
    None for an indicator that counts something else or has no value yet."""
    if indicator.measures != Indicator.Measures.PROJECTS_IN_ITEM:
        return None
    observation = latest_observation(indicator)
    if observation is None:
        return None
    citations = getattr(observation, "cited", None)
    if citations is None:
        citations = list(observation.citations.all())
    return ReportedCount(
        indicator=indicator,
        observation=observation,
        recorded=recorded,
        citation=citations[0] if citations else None,
    )


def figures(indicators: Iterable[Indicator]) -> list[Indicator]:
    """The indicators with a value, each with `latest` (its newest observation)."""
    out = []
    for indicator in indicators:
        indicator.latest = latest_observation(indicator)
        if indicator.latest is not None:
            out.append(indicator)
    return out


def project_counts() -> dict[int, dict[str, int]]:
    """How many projects each plan item has on record, per status ("" for those no source gives
    a status): {item id: {status: count}}. Worked out from every project, so kept in the cache
    until the next change (`coopr.kept.kept`) rather than counted on every page."""

    def count() -> dict[int, dict[str, int]]:
        rows = (
            Project.objects.order_by()
            .values("plan_item_id", "status")
            .annotate(n=Count("pk"))
            .values_list("plan_item_id", "status", "n")
        )
        out: dict[int, dict[str, int]] = {}
        for item_id, status, n in rows:
            out.setdefault(item_id, {})[status] = n
        return out

    return kept("projects.selectors.project_counts", count)


def theme_counts() -> dict[tuple[int, int], int]:
    """How many projects each plan item has on record in each theme: {(item id, theme id): n}.
    Kept like `project_counts`; read only where a figure counts one theme's projects."""

    def count() -> dict[tuple[int, int], int]:
        rows = (
            Project.themes.through.objects.order_by()
            .values("project__plan_item_id", "theme_id")
            .annotate(n=Count("pk"))
            .values_list("project__plan_item_id", "theme_id", "n")
        )
        return {(item_id, theme_id): n for item_id, theme_id, n in rows}

    return kept("projects.selectors.theme_counts", count)


def recorded_for(indicator: Indicator, item_total: int) -> int:
    """The projects on record that `indicator` (a count of projects) is compared with: those of
    its theme under its item when it counts one theme, else all `item_total` of its item."""
    if indicator.theme_id is None:
        return item_total
    return theme_counts().get((indicator.plan_item_id or 0, indicator.theme_id), 0)


def attach_project_counts(items: Iterable[PlanItem]) -> None:
    """Give each item what `PlanItem.objects.with_project_counts()` annotates (`project_count`,
    `projects_<status>`, `projects_not_reported`), from the kept counts: no query per page."""
    counts = project_counts()
    for item in items:
        mine = counts.get(item.pk, {})
        item.project_count = sum(mine.values())
        item.projects_not_reported = mine.get("", 0)
        for status in Status.values:
            setattr(item, f"projects_{status}", mine.get(status, 0))


def _indicators_with_values():
    """Indicators with their latest value (with its citations and sources): all the pages
    that use this show. For counts of projects, `with_recorded()` adds the number on record
    under their item.

    Prefetched into lists (`newest_values`, and each value's `cited`) rather than into the
    relations: Django builds a filtered queryset per record to hold a prefetched relation,
    which cost more than the queries on the home page."""
    newest = Observation.objects.filter(indicator=OuterRef("indicator")).order_by("-date", "-pk")
    observations = (
        Observation.objects.filter(pk=Subquery(newest.values("pk")[:1]))
        .order_by("date", "pk")
        .prefetch_related(
            Prefetch("citations", queryset=citations_with_sources().queryset, to_attr="cited")
        )
    )
    return (
        Indicator.objects.order_by("name_en", "pk")
        .select_related("plan_item__plan", "theme")
        .prefetch_related(Prefetch("observations", queryset=observations, to_attr="newest_values"))
    )


def with_recorded(indicators: Iterable[Indicator]) -> list[Indicator]:
    """The indicators, each with `recorded_projects`: the projects on record under its item
    (from the kept counts)."""
    counts = project_counts()
    out = list(indicators)
    for indicator in out:
        per_status = counts.get(indicator.plan_item_id or 0, {})
        indicator.recorded_projects = recorded_for(indicator, sum(per_status.values()))
    return out


def attach_reported_counts(items: Iterable[PlanItem], indicators: Iterable[Indicator]) -> None:
    """Give each item `reported`: the reported counts of its projects (usually none or one)."""
    by_item: dict[int, list[ReportedCount]] = {}
    for indicator in indicators:
        if indicator.plan_item_id is None:
            continue
        reported = reported_count(indicator, indicator.recorded_projects)
        if reported is not None:
            by_item.setdefault(indicator.plan_item_id, []).append(reported)
    for item in items:
        item.reported = by_item.get(item.pk, [])


def home_context(today: dt.date) -> dict:
    """The plan at a glance: the latest plans (`HOME_PLANS`) with their items (project counts
    per status, and the counts sources reported), the latest and next meetings, and the first
    key figures (`HOME_FIGURES`); the rest are a link away. As much at any size of the record."""
    plans = list(
        Plan.objects.order_by(F("proposed_on").desc(nulls_last=True), "pk")[:HOME_PLANS]
        .prefetch_related(
            Prefetch("items", queryset=PlanItem.objects.order_by("number"), to_attr="item_list")
        )
    )  # fmt: skip
    items = [item for plan in plans for item in plan.item_list]
    attach_project_counts(items)
    # One query: the counts reported for the items shown, and the first figures with a value.
    first_figures = (
        Indicator.objects.filter(Exists(Observation.objects.filter(indicator=OuterRef("pk"))))
        .order_by("name_en", "pk")
        .values("pk")[:HOME_FIGURES]
    )
    # Per item, one more count than is shown: it tells whether there are more.
    first_counts = (
        Indicator.objects.filter(
            Exists(Observation.objects.filter(indicator=OuterRef("pk"))),
            plan_item__in=[item.pk for item in items],
            measures=Indicator.Measures.PROJECTS_IN_ITEM,
        )
        .annotate(
            rank=Window(RowNumber(), partition_by=F("plan_item_id"), order_by=("name_en", "pk"))
        )
        .filter(rank__lte=HOME_REPORTED_PER_ITEM + 1)
        .values("pk")
    )
    indicators = with_recorded(
        _indicators_with_values().filter(Q(pk__in=first_counts) | Q(pk__in=first_figures))
    )
    attach_reported_counts(items, indicators)
    for item in items:
        item.more_reported = len(item.reported) > HOME_REPORTED_PER_ITEM
        item.reported = item.reported[:HOME_REPORTED_PER_ITEM]
    reported = [
        count
        for count in (reported_count(i, i.recorded_projects) for i in indicators if i.plan_item_id)
        if count is not None
    ][:HOME_FIGURES]
    # Past and upcoming as the meetings page has them: a meeting over several days, or known
    # only by its month, is upcoming until it is over.
    # The past ones read through an index on the start, newest first, and stop at five (a
    # past meeting started by today); the upcoming ones from the indexes on their dates
    # (`MeetingQuerySet.upcoming`), never the past ones.
    past = (
        Meeting.objects.with_timing(today)
        .filter(is_upcoming=False, start__lte=today)
        .order_by(F("start").desc(nulls_last=True), "pk")
    )
    upcoming = Meeting.objects.upcoming(today).order_by("start", "pk")
    return {
        "plans": plans,
        "latest_meetings": list(past[:HOME_MEETINGS]),
        "next_meetings": list(upcoming[:HOME_MEETINGS]),
        "figures": figures(indicators)[:HOME_FIGURES],
        "reported_counts": reported,
    }


def plan_context(plan: Plan) -> dict:
    """A plan's page (the plan read with `Plan.objects.for_page()`): its items with the
    counts sources reported, and its citations."""
    attach_project_counts(plan.item_list)
    indicators = with_recorded(_indicators_with_values().filter(plan_item__plan=plan))
    attach_reported_counts(plan.item_list, indicators)
    return {"items": plan.item_list, "cites": citations_of(plan)}


# An item's page lists its projects a page at a time, and its latest meetings and documents:
# an item can hold thousands of each.
ITEM_PROJECTS_PER_PAGE = 25
ITEM_LISTED = 20  # meetings and documents shown on an item's page: the most recent


def plan_item_context(item: PlanItem, page: str | None = None) -> dict:
    """An item's page (the item read with `PlanItem.objects.for_page()`): a page of its
    projects (by title as the reader sees it, through an index: the item's project count is
    kept, so paging costs no count), its figures with their latest values, the
    counts of its projects sources reported, its latest meetings and documents, and its
    citations."""
    attach_project_counts([item])
    indicators = list(item.indicators.all())
    reported = [
        count
        for count in (reported_count(i, recorded_for(i, item.project_count)) for i in indicators)
        if count is not None
    ]
    projects = item.projects.order_by(in_language("title"), "pk")
    paginator = Paginator(projects, ITEM_PROJECTS_PER_PAGE)
    paginator.__dict__["count"] = item.project_count  # the cached_property, known already
    # As past the last page, a page past the deepest one (MAX_NUMBERED_ROWS rows in) is the
    # deepest: skipping more rows would cost more the deeper the page.
    deepest = MAX_NUMBERED_ROWS // ITEM_PROJECTS_PER_PAGE
    try:
        number: int | str | None = min(int(page or 1), deepest)
    except ValueError:
        number = page
    page_obj = paginator.get_page(number)
    # One more than shown: whether there are more.
    meetings = list(
        item.meetings.order_by(F("start").desc(nulls_last=True), "pk")[: ITEM_LISTED + 1]
    )
    documents = list(
        item.documents.order_by(F("signed_on").desc(nulls_last=True), "title_en", "pk")[
            : ITEM_LISTED + 1
        ]
    )
    return {
        "projects": page_obj.object_list,
        "page_obj": page_obj,
        "paginator": paginator,
        "is_paginated": page_obj.has_other_pages(),
        "deepest_page": deepest,
        "meetings": meetings[:ITEM_LISTED],
        "more_meetings": len(meetings) > ITEM_LISTED,
        "documents": documents[:ITEM_LISTED],
        "more_documents": len(documents) > ITEM_LISTED,
        "figures": figures(indicators),
        "reported": reported,
        "cites": citations_of(item),
    }


def project_context(project) -> dict:
    """A project's page (read with `Project.objects.for_page()`): its figures with their
    latest values, and its citations numbered and grouped by field."""
    return {
        "figures": figures(project.indicators.all()),
        "cites": citations_of(project),
    }
