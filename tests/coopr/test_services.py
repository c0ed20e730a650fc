"""Shared writes: validated idempotent upserts, many-to-many sets and citations."""

import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test.utils import CaptureQueriesContext

from coopr.models import Citation
from coopr.services import citation_add, m2m_set, record_upsert
from people.models import Person
from tests.coopr.factories import SourceFactory
from tests.people.factories import OrganizationFactory, PersonFactory
from tests.projects.factories import MeetingFactory, PlanItemFactory

pytestmark = pytest.mark.django_db

WRITES = ("INSERT", "UPDATE", "DELETE")


def writes(queries: CaptureQueriesContext) -> list[str]:
    return [q["sql"] for q in queries.captured_queries if q["sql"].lstrip().startswith(WRITES)]


# record_upsert ------------------------------------------------------------------------------


def upsert_person(reason: str = "", **values):
    defaults = {"name_en": "Seko Hiroshige", "sort_name": "Seko, Hiroshige"}
    return record_upsert(
        model=Person, lookup={"slug": "seko-hiroshige"}, values=defaults | values, reason=reason
    )


def test_record_upsert_creates_then_updates_then_does_nothing():
    person, written = upsert_person()
    assert written
    assert Person.objects.get().name_en == "Seko Hiroshige"

    same, written = upsert_person(country="JP")
    assert written
    assert same.pk == person.pk
    assert Person.objects.get().country == "JP"

    updated_at = Person.objects.get().updated
    with CaptureQueriesContext(connection) as queries:
        _, written = upsert_person(country="JP")
    assert not written
    assert writes(queries) == []
    assert Person.objects.get().updated == updated_at


def test_record_upsert_validates_a_new_row_and_writes_nothing():
    with pytest.raises(ValidationError) as exc:
        upsert_person(sort_name="")
    assert "sort_name" in exc.value.message_dict
    assert not Person.objects.exists()
    assert not Person.history.exists()


def test_record_upsert_validates_a_change_and_writes_nothing():
    upsert_person()
    with pytest.raises(ValidationError) as exc:
        upsert_person(name_ru="Сэко Хиросигэ", sort_name="")
    assert "sort_name" in exc.value.message_dict
    stored = Person.objects.get()
    assert (stored.sort_name, stored.name_ru) == ("Seko, Hiroshige", None)
    assert stored.history.count() == 1


def test_record_upsert_compares_foreign_keys_by_id():
    parent = OrganizationFactory()
    lookup = {"slug": "department"}
    values = {"name_en": "Department", "kind": "agency", "parent": parent}
    record_upsert(model=type(parent), lookup=lookup, values=values)
    _, written = record_upsert(model=type(parent), lookup=lookup, values=values)
    assert not written


# history through the services -----------------------------------------------------------------


def test_record_upsert_records_its_reason_in_history_once():
    person, _ = upsert_person()
    upsert_person(country="JP", reason="Seed: TASS, 14 February 2018")
    assert person.history.count() == 2
    change = person.history.latest()
    assert change.history_type == "~"
    assert change.history_change_reason == "Seed: TASS, 14 February 2018"
    assert change.country == "JP"

    upsert_person(country="JP", reason="Seed: TASS, 14 February 2018")
    assert person.history.count() == 2


def test_record_upsert_without_reason_leaves_it_empty():
    person, _ = upsert_person()
    assert person.history.get().history_change_reason is None


# m2m_set -----------------------------------------------------------------------------------


def test_m2m_set_writes_only_when_the_set_differs():
    meeting = MeetingFactory()
    first, second, third = PlanItemFactory.create_batch(3)

    assert m2m_set(obj=meeting, name="plan_items", targets=[first, second])
    assert set(meeting.plan_items.all()) == {first, second}

    with CaptureQueriesContext(connection) as queries:
        assert not m2m_set(obj=meeting, name="plan_items", targets=[second, first])
    assert writes(queries) == []

    assert m2m_set(obj=meeting, name="plan_items", targets=[third])
    assert set(meeting.plan_items.all()) == {third}

    assert m2m_set(obj=meeting, name="plan_items", targets=[])
    assert not meeting.plan_items.exists()


# citation_add -------------------------------------------------------------------------------


def test_citation_add_is_idempotent():
    person = PersonFactory()
    source = SourceFactory()
    quote = "Minister of Economy, Trade and Industry Hiroshige Seko"

    citation, written = citation_add(target=person, source=source, quote=quote, field_name="name")
    assert written
    again, written = citation_add(target=person, source=source, quote=quote, field_name="name")
    assert not written
    assert again.pk == citation.pk
    assert Citation.objects.for_object(person).count() == 1
    assert citation.history.count() == 1

    # The same citation with a locator is the same row, brought up to date.
    located, written = citation_add(
        target=person, source=source, quote=quote, field_name="name", locator="paragraph 2"
    )
    assert written
    assert located.pk == citation.pk
    assert Citation.objects.get().locator == "paragraph 2"


def test_citation_add_accepts_a_note_instead_of_a_quote():
    citation, written = citation_add(
        target=PersonFactory(), source=SourceFactory(), note="Paraphrased from the article."
    )
    assert written
    assert citation.quote == ""


@pytest.mark.parametrize(
    ("values", "field"),
    [
        pytest.param({}, "quote", id="neither-quote-nor-note"),
        pytest.param({"quote": "Words.", "field_name": "salary"}, "field_name", id="no-such-field"),
    ],
)
def test_citation_add_rejects_and_writes_nothing(values, field):
    with pytest.raises(ValidationError) as exc:
        citation_add(target=PersonFactory(), source=SourceFactory(), **values)
    assert field in exc.value.message_dict
    assert not Citation.objects.exists()
