"""Every admin changelist runs a fixed number of SQL queries, whatever the number of rows.

A column that follows a relation without `list_select_related` adds one query per row (N+1):
the counts below are pinned, and must be the same with 1 row and with 50.
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.coopr.factories import CitationFactory, SourceFactory
from tests.people.factories import OrganizationFactory, PersonFactory, PositionFactory
from tests.projects import factories as p

pytestmark = pytest.mark.django_db

FACTORIES = {
    "coopr.Source": SourceFactory,
    "coopr.Citation": CitationFactory,
    "people.Person": PersonFactory,
    "people.Organization": OrganizationFactory,
    "people.Position": PositionFactory,
    "projects.Plan": p.PlanFactory,
    "projects.PlanItem": p.PlanItemFactory,
    "projects.Project": p.ProjectFactory,
    "projects.ProjectUpdate": p.ProjectUpdateFactory,
    "projects.ProjectOrganization": p.ProjectOrganizationFactory,
    "projects.ProjectPerson": p.ProjectPersonFactory,
    "projects.Meeting": p.MeetingFactory,
    "projects.MeetingParticipant": p.MeetingParticipantFactory,
    "projects.Document": p.DocumentFactory,
    "projects.Indicator": p.IndicatorFactory,
    "projects.Observation": p.ObservationFactory,
}

# Savepoints, session, user, row count, the page of rows, each list filter's choices and
# the date hierarchy: never one per row.
PINNED = {
    "coopr.Source": 11,
    "coopr.Citation": 9,
    "people.Person": 8,
    "people.Organization": 8,
    "people.Position": 7,
    "projects.Plan": 7,
    "projects.PlanItem": 8,
    "projects.Project": 9,
    "projects.ProjectUpdate": 9,
    "projects.ProjectOrganization": 8,
    "projects.ProjectPerson": 7,
    "projects.Meeting": 11,  # with the joint bodies of the body filter
    "projects.Document": 9,
    "projects.MeetingParticipant": 8,
    "projects.Indicator": 7,
    "projects.Observation": 9,
}


def changelist_queries(client, factory, rows: int) -> int:
    model = factory._meta.model
    factory.create_batch(rows)
    assert model._default_manager.count() >= rows
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    assert response.context["cl"].result_count == model._default_manager.count()
    return len(queries)


@pytest.mark.parametrize("label", FACTORIES)
def test_changelist_query_count_is_fixed(client, superuser, label):
    """One row or two hundred: the same, pinned number of queries."""
    client.force_login(superuser)
    factory = FACTORIES[label]
    one = changelist_queries(client, factory, 1)
    many = changelist_queries(client, factory, 199)
    assert (one, many) == (PINNED[label], PINNED[label])
