"""Every database constraint of the projects app, enforced by the database and by validation."""

import datetime as dt
from decimal import Decimal

import pytest

from coopr.services import record_save
from projects.models import Indicator, PlanItem, Project
from tests.helpers import (
    WHOLE_RECORD,
    assert_database_rejects,
    assert_validation_rejects,
    case,
)
from tests.projects.factories import (
    DocumentFactory,
    IndicatorFactory,
    MeetingFactory,
    MeetingParticipantFactory,
    ObservationFactory,
    PlanFactory,
    PlanItemFactory,
    ProjectFactory,
    ProjectOrganizationFactory,
    ProjectPersonFactory,
    ProjectUpdateFactory,
)

pytestmark = pytest.mark.django_db

CHECKS = [
    case(
        "plan-proposed-on-precision",
        PlanFactory,
        {"proposed_on_precision": "week"},
        "proposed_on_precision",
        "plan_proposed_on_precision_valid",
    ),
    case(
        "plan-same-country-twice",
        PlanFactory,
        {"country_a": "JP", "country_b": "JP"},
        "country_b",
        "plan_two_different_countries",
    ),
    case(
        "plan-item-number-zero",
        PlanItemFactory,
        {"number": 0},
        "number",
        "plan_item_number_positive",
    ),
    case(
        "project-end-before-start",
        ProjectFactory,
        {"start": dt.date(2018, 1, 1), "end": dt.date(2017, 12, 31)},
        "end",
        "project_end_not_before_start",
    ),
    case(
        "project-start-precision",
        ProjectFactory,
        {"start_precision": "week"},
        "start_precision",
        "project_start_precision_valid",
    ),
    case(
        "project-end-precision",
        ProjectFactory,
        {"end_precision": "week"},
        "end_precision",
        "project_end_precision_valid",
    ),
    case(
        "project-progress-over-100",
        ProjectFactory,
        {"progress": 101},
        "progress",
        "project_progress_0_100",
    ),
    case(
        "project-unknown-status",
        ProjectFactory,
        {"status": "stalled"},
        "status",
        "project_status_valid",
    ),
    case(
        "project-update-date-precision",
        ProjectUpdateFactory,
        {"date_precision": "week"},
        "date_precision",
        "project_update_date_precision_valid",
    ),
    case(
        "project-update-unknown-status",
        ProjectUpdateFactory,
        {"status": "stalled"},
        "status",
        "project_update_status_valid",
    ),
    case(
        "meeting-end-before-start",
        MeetingFactory,
        {"start": dt.date(2018, 5, 27), "end": dt.date(2018, 5, 26)},
        "end",
        "meeting_end_not_before_start",
    ),
    case(
        "meeting-start-precision",
        MeetingFactory,
        {"start_precision": "week"},
        "start_precision",
        "meeting_start_precision_valid",
    ),
    case(
        "meeting-end-precision",
        MeetingFactory,
        {"end_precision": "week"},
        "end_precision",
        "meeting_end_precision_valid",
    ),
    case(
        "document-signed-on-precision",
        DocumentFactory,
        {"signed_on_precision": "week"},
        "signed_on_precision",
        "document_signed_on_precision_valid",
    ),
    case(
        "indicator-counts-projects-without-item",
        IndicatorFactory,
        {"measures": Indicator.Measures.PROJECTS_IN_ITEM, "plan_item": None},
        "plan_item",
        "indicator_project_count_needs_item",
    ),
    case(
        "observation-date-precision",
        ObservationFactory,
        {"date_precision": "week"},
        "date_precision",
        "observation_date_precision_valid",
    ),
]

UNIQUES = [
    case("plan-slug", PlanFactory, lambda o: {"slug": o.slug}, "slug"),
    case("project-slug", ProjectFactory, lambda o: {"slug": o.slug}, "slug"),
    case("meeting-slug", MeetingFactory, lambda o: {"slug": o.slug}, "slug"),
    case("document-slug", DocumentFactory, lambda o: {"slug": o.slug}, "slug"),
    case("indicator-slug", IndicatorFactory, lambda o: {"slug": o.slug}, "slug"),
    case(
        "plan-item-number-twice-in-plan",
        PlanItemFactory,
        lambda o: {"plan": o.plan, "number": o.number},
        WHOLE_RECORD,
    ),
    case(
        "project-organization-same-role-twice",
        ProjectOrganizationFactory,
        lambda o: {"project": o.project, "organization": o.organization, "role": o.role},
        WHOLE_RECORD,
    ),
    case(
        "project-person-twice",
        ProjectPersonFactory,
        lambda o: {"project": o.project, "person": o.person},
        WHOLE_RECORD,
    ),
    case(
        "meeting-participant-twice",
        MeetingParticipantFactory,
        lambda o: {"meeting": o.meeting, "person": o.person},
        WHOLE_RECORD,
    ),
    case(
        "observation-same-value-twice",
        ObservationFactory,
        lambda o: {
            "indicator": o.indicator,
            "date": o.date,
            "qualifier": o.qualifier,
            "value": o.value,
        },
        WHOLE_RECORD,
    ),
]


@pytest.mark.parametrize(("factory", "bad", "field", "constraint"), CHECKS + UNIQUES)
def test_database_rejects(factory, bad, field, constraint):
    assert_database_rejects(factory, bad, constraint)


@pytest.mark.parametrize(("factory", "bad", "field", "constraint"), CHECKS + UNIQUES)
def test_validation_rejects(factory, bad, field, constraint):
    assert_validation_rejects(factory, bad, field)


def test_boundary_values_are_valid():
    item = PlanItemFactory(number=1)
    empty = ProjectFactory(plan_item=item, progress=0, status="")
    full = ProjectFactory(plan_item=item, progress=100, end=dt.date(2017, 1, 1))
    for obj in (item, empty, full):
        obj.full_clean()
    assert Project.objects.filter(plan_item=item).count() == 2
    assert PlanItem.objects.get(pk=item.pk).number == 1


def test_the_same_number_may_appear_in_two_plans():
    first = PlanItemFactory(number=8)
    second = PlanItemFactory(number=8)
    second.full_clean()
    assert first.plan_id != second.plan_id


def test_observations_with_different_qualifiers_may_share_date_and_value():
    first = ObservationFactory(value=Decimal("250"))
    other = ObservationFactory(
        indicator=first.indicator, date=first.date, value=first.value, qualifier="about"
    )
    other.full_clean()


def test_indicator_counting_projects_with_an_item_is_valid():
    IndicatorFactory(
        measures=Indicator.Measures.PROJECTS_IN_ITEM, plan_item=PlanItemFactory()
    ).full_clean()


# The item number kept on each project (its sort key) --------------------------------------


def test_a_project_keeps_its_items_number_through_every_change(db):
    item = PlanItemFactory(number=3)
    other = PlanItemFactory(plan=item.plan, number=5)
    project = ProjectFactory(plan_item=item)
    assert Project.objects.get(pk=project.pk).plan_item_number == 3
    project.plan_item = other
    project.save(update_fields=["plan_item"])
    assert Project.objects.get(pk=project.pk).plan_item_number == 5
    other.number = 7
    record_save(instance=other)
    assert Project.objects.get(pk=project.pk).plan_item_number == 7


def test_bulk_created_projects_get_their_numbers_in_one_update(db):
    item = PlanItemFactory(number=4)
    Project.objects.bulk_create(
        [Project(slug=f"bulk-{n}", plan_item=item, title_en=f"Bulk {n}") for n in range(3)]
    )
    assert set(Project.objects.values_list("plan_item_number", flat=True)) == {0}
    assert Project.objects.sync_item_numbers() == 3
    assert set(Project.objects.values_list("plan_item_number", flat=True)) == {4}
    assert Project.objects.sync_item_numbers() == 0
