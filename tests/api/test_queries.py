"""Every API endpoint runs a fixed number of SQL queries, whatever the number of rows.

Each list is read with 1 row and with MANY_ROWS (tests/examples.py) on one page, every row
with the related rows its representation shows (a project with 2 organizations, 2 people, 3
updates and 2 citations; a meeting with 3 participants, documents, items, projects,
organizations and citations; …): a relation the queryset does not prefetch adds queries per
row (N+1), and the two counts differ.
Every detail is read for a record with the same related rows.

The counts are pinned (see LIST_QUERIES and DETAIL_QUERIES). A request is counted after one
warm-up request, so caches filled once per process (content types) do not count.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from coopr.models import Source
from people.models import Organization, Person
from projects.models import (
    Document,
    Indicator,
    JointBody,
    Meeting,
    Plan,
    PlanItem,
    Project,
    Theme,
)
from tests.coopr.factories import CitationFactory, SourceFactory
from tests.examples import MANY_ROWS
from tests.people.factories import OrganizationFactory, PersonFactory, PositionFactory
from tests.projects import factories as p

pytestmark = pytest.mark.django_db


def cite(target, times: int = 2) -> None:
    for _ in range(times):
        CitationFactory(target=target)


def make_plan() -> Plan:
    plan = p.PlanFactory(proposed_by=PersonFactory(), proposed_at=p.MeetingFactory())
    for _ in range(2):
        p.PlanItemFactory(plan=plan)
    cite(plan)
    return plan


def make_plan_item() -> PlanItem:
    item = p.PlanItemFactory()
    p.ProjectFactory.create_batch(2, plan_item=item)
    cite(item)
    return item


def make_project() -> Project:
    project = p.ProjectFactory()
    for _ in range(2):
        p.ProjectOrganizationFactory(project=project)
        p.ProjectPersonFactory(project=project)
    for day in range(3):
        p.ProjectUpdateFactory(project=project, date=dt.date(2018, 2, 1 + day))
    cite(project)
    return project


def make_person() -> Person:
    person = PersonFactory()
    for year in (2016, 2018):
        position = PositionFactory(person=person, start=dt.date(year, 1, 1))
        cite(position)
    cite(person)
    return person


def make_organization() -> Organization:
    organization = OrganizationFactory(parent=OrganizationFactory())
    cite(organization)
    return organization


def make_meeting() -> Meeting:
    meeting = p.MeetingFactory()
    for _ in range(2):
        position = PositionFactory()
        p.MeetingParticipantFactory(meeting=meeting, person=position.person, position=position)
    p.MeetingParticipantFactory(meeting=meeting, organization=OrganizationFactory())
    p.DocumentFactory.create_batch(2, meeting=meeting)
    meeting.plan_items.set(p.PlanItemFactory.create_batch(2))
    meeting.projects.set(p.ProjectFactory.create_batch(2))
    meeting.organizations.set(OrganizationFactory.create_batch(2))
    cite(meeting)
    return meeting


def make_document() -> Document:
    document = p.DocumentFactory(meeting=p.MeetingFactory())
    document.signatories.set(PersonFactory.create_batch(2))
    document.parties.set(OrganizationFactory.create_batch(2))
    document.plan_items.set(p.PlanItemFactory.create_batch(2))
    document.projects.set(p.ProjectFactory.create_batch(2))
    cite(document)
    return document


def make_indicator() -> Indicator:
    item = p.PlanItemFactory()
    p.ProjectFactory.create_batch(2, plan_item=item)
    indicator = p.IndicatorFactory(
        measures=Indicator.Measures.PROJECTS_IN_ITEM,
        plan=item.plan,
        plan_item=item,
        project=p.ProjectFactory(),
    )
    for month in range(1, 4):
        observation = p.ObservationFactory(indicator=indicator, date=dt.date(2018, month, 1))
        cite(observation)
    cite(indicator)
    return indicator


def make_source() -> Source:
    source = SourceFactory()
    for _ in range(2):
        CitationFactory(source=source)
    return source


def make_theme():
    theme = p.ThemeFactory()
    for project in p.ProjectFactory.create_batch(2):
        project.themes.add(theme)
    cite(theme)
    return theme


def make_body():
    body = p.JointBodyFactory()
    body.plans.set(p.PlanFactory.create_batch(2))
    for side in ("JP", "RU"):
        cite(p.BodyChairFactory(body=body, side=side))
    p.MeetingFactory(body=body, session_number=1)
    cite(body)
    return body


MAKERS = {
    "plan": (make_plan, "slug"),
    "plan-item": (make_plan_item, "pk"),
    "project": (make_project, "slug"),
    "person": (make_person, "slug"),
    "organization": (make_organization, "slug"),
    "meeting": (make_meeting, "slug"),
    "document": (make_document, "slug"),
    "indicator": (make_indicator, "slug"),
    "source": (make_source, "slug"),
    "theme": (make_theme, "slug"),
    "body": (make_body, "slug"),
}

# A list: the savepoint and its release (ATOMIC_REQUESTS: 2), the page of rows with what it
# joins (select_related, annotations: 1), then one query per prefetched relation; citations
# come with their sources (a join: `citations_with_sources`). Never one per row. The row
# count for the pager is kept in the cache until the next change (`coopr.kept.kept_count`):
# one more query on the first request after a change, none after.
LIST_QUERIES = {
    # 2 + plans (with proposer and meeting) + items + citations.
    "plan": 5,
    # 2 + items (with plan, project count) + citations.
    "plan-item": 4,
    # 2 + projects (with item and plan): the list shows a summary of each project.
    "project": 3,
    # 2 + people: the list shows a summary of each person.
    "person": 3,
    # 2 + organizations (with parent) + citations.
    "organization": 4,
    # 2 + meetings (with body): the list shows a summary of each meeting.
    "meeting": 3,
    # 2 + documents (with meeting) + signatories + parties + items (with plan) + projects +
    # citations.
    "document": 8,
    # 2 + indicators (with plan, item and plan, project, recorded projects) + observations
    # + their citations + the indicators' citations.
    "indicator": 6,
    # 2 + sources (with citation count).
    "source": 3,
    # 2 + themes (with project count) + citations.
    "theme": 4,
    # 2 + bodies (with session count) + chairs (with person) + their citations + plans +
    # citations.
    "body": 7,
}

# A detail: the same queries as its list (which counts its rows once per change); a
# project's, person's and meeting's add the records listed inside them, which their lists
# leave out: a person's posts (with organizations) and their citations, and citations; a
# meeting's participants (with person, post and its organization, organization represented),
# documents, items (with plan), projects, organizations and citations.
DETAIL_QUERIES = {**LIST_QUERIES, "project": 8, "person": 6, "meeting": 9}


def count_queries(api, url: str, rows: int | None = None) -> int:
    api.get(url)  # warm-up
    with CaptureQueriesContext(connection) as queries:
        response = api.get(url)
    assert response.status_code == 200, response.content
    if rows is not None:
        assert response.json()["count"] == rows
        assert len(response.json()["results"]) == rows
    return len(queries)


def list_url(basename: str) -> str:
    return {"person": "/api/v1/people/", "body": "/api/v1/bodies/"}.get(
        basename, f"/api/v1/{basename}s/"
    )


def model_rows(basename: str) -> int:
    """How many rows of the resource exist (the makers create some as related rows)."""
    from django.apps import apps

    model = {
        "plan": Plan,
        "plan-item": PlanItem,
        "project": Project,
        "person": Person,
        "organization": Organization,
        "meeting": Meeting,
        "document": Document,
        "indicator": Indicator,
        "source": Source,
        "theme": Theme,
        "body": JointBody,
    }[basename]
    assert apps.is_installed(model._meta.app_config.name)
    return model.objects.count()


@pytest.mark.parametrize("basename", MAKERS)
def test_list_query_count_is_fixed(api, basename):
    """One row or MANY_ROWS, each with its related rows: the same, pinned number of queries."""
    make, _ = MAKERS[basename]
    make()
    one = count_queries(api, list_url(basename) + "?page_size=200", model_rows(basename))
    while model_rows(basename) < MANY_ROWS:
        make()
    many = count_queries(api, list_url(basename) + "?page_size=200", model_rows(basename))
    assert (one, many) == (LIST_QUERIES[basename], LIST_QUERIES[basename])


@pytest.mark.parametrize("basename", MAKERS)
def test_a_list_counts_its_rows_once_per_change(api, basename, django_capture_on_commit_callbacks):
    """The count once per change. Cold (an empty cache: a restart), the time of the last
    change (Last-Modified) is read from the database too; after a change it is set in the
    cache when the change commits (run here as in production)."""
    make, _ = MAKERS[basename]
    make()
    url = list_url(basename) + "?page_size=200"
    with CaptureQueriesContext(connection) as cold:
        api.get(url)
    assert len(cold) == LIST_QUERIES[basename] + 2
    assert any("COUNT(" in q["sql"] for q in cold.captured_queries)
    assert any('"coopr_change"' in q["sql"] for q in cold.captured_queries)
    with django_capture_on_commit_callbacks(execute=True):
        make()  # a change: counted again
    with CaptureQueriesContext(connection) as changed:
        response = api.get(url)
    assert response.json()["count"] == model_rows(basename)
    assert len(changed) == LIST_QUERIES[basename] + 1


@pytest.mark.parametrize("basename", MAKERS)
def test_detail_query_count_is_fixed(api, basename):
    make, lookup = MAKERS[basename]
    obj = make()
    url = f"{list_url(basename)}{getattr(obj, lookup)}/"
    assert count_queries(api, url) == DETAIL_QUERIES[basename]
