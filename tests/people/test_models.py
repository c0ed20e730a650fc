"""Every database constraint of the people app, enforced by the database and by validation."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import translation

from people.models import Organization, Position
from tests.helpers import assert_database_rejects, assert_validation_rejects, case
from tests.people.factories import OrganizationFactory, PersonFactory, PositionFactory

pytestmark = pytest.mark.django_db

CASES = [
    case(
        "position-end-before-start",
        PositionFactory,
        {"start": dt.date(2018, 5, 1), "end": dt.date(2018, 4, 30)},
        "end",
        "position_end_not_before_start",
    ),
    case(
        "position-start-precision",
        PositionFactory,
        {"start_precision": "week"},
        "start_precision",
        "position_start_precision_valid",
    ),
    case(
        "position-end-precision",
        PositionFactory,
        {"end": dt.date(2019, 1, 1), "end_precision": "week"},
        "end_precision",
        "position_end_precision_valid",
    ),
    case(
        "position-no-title-no-organization",
        PositionFactory,
        {"title_en": "", "organization": None},
        "title",
        "position_has_title_or_organization",
    ),
    case(
        "position-undated",
        PositionFactory,
        {"start": None, "end": None, "as_of": None},
        "as_of",
        "position_is_dated",
    ),
    case(
        "person-empty-sort-name",
        PersonFactory,
        {"sort_name": ""},
        "sort_name",
        "person_sort_name_not_empty",
    ),
    case("organization-slug", OrganizationFactory, lambda o: {"slug": o.slug}, "slug"),
    case("person-slug", PersonFactory, lambda p: {"slug": p.slug}, "slug"),
]


@pytest.mark.parametrize(("factory", "bad", "field", "constraint"), CASES)
def test_database_rejects(factory, bad, field, constraint):
    assert_database_rejects(factory, bad, constraint)


@pytest.mark.parametrize(("factory", "bad", "field", "constraint"), CASES)
def test_validation_rejects(factory, bad, field, constraint):
    assert_validation_rejects(factory, bad, field)


def test_database_rejects_organization_as_its_own_parent():
    organization = OrganizationFactory()
    with pytest.raises(IntegrityError, match="organization_not_own_parent"), transaction.atomic():
        Organization.objects.filter(pk=organization.pk).update(parent=organization)


def test_validation_rejects_organization_as_its_own_parent():
    organization = OrganizationFactory()
    organization.parent = organization
    with pytest.raises(ValidationError) as exc:
        organization.full_clean()
    assert "parent" in exc.value.message_dict


def test_validation_rejects_a_cycle_of_parents():
    ministry = OrganizationFactory()
    department = OrganizationFactory(parent=ministry)
    ministry.parent = department
    with pytest.raises(ValidationError) as exc:
        ministry.full_clean()
    assert "parent" in exc.value.message_dict


@pytest.mark.parametrize(
    "values",
    [
        pytest.param({"title_en": "", "start": dt.date(2018, 1, 1)}, id="organization-only"),
        pytest.param({"organization": None, "as_of": dt.date(2018, 1, 1)}, id="title-only"),
        pytest.param({"start": None, "end": dt.date(2019, 1, 1)}, id="end-only"),
        pytest.param({"end": dt.date(2016, 5, 6)}, id="ends-the-day-it-starts"),
    ],
)
def test_valid_positions_pass_both_checks(values):
    position = PositionFactory(**values)
    position.full_clean()
    assert Position.objects.filter(pk=position.pk).exists()


@pytest.mark.parametrize("language", ["en", "ru", "ja"])
def test_a_title_in_any_language_makes_a_valid_position_whatever_the_active_language(language):
    """The rule must not depend on the language active when the row is saved."""
    person = PersonFactory()
    with translation.override(language):
        position = Position(person=person, title_ru="Министр", as_of=dt.date(2018, 1, 1))
        position.full_clean()
        position.save()
    assert Position.objects.get(pk=position.pk).title_ru == "Министр"
