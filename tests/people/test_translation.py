"""Translated fields fall back to English when a translation is missing."""

import pytest
from django.utils import translation

from people.models import Person
from tests.people.factories import PersonFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("language", ["ru", "ja"])
def test_missing_translation_falls_back_to_english(language):
    person = PersonFactory(name_en="Seko Hiroshige")
    person = Person.objects.get(pk=person.pk)
    with translation.override(language):
        assert person.name == "Seko Hiroshige"


def test_translation_is_used_when_present():
    person = PersonFactory(name_en="Maxim Oreshkin", name_ru="Максим Орешкин")
    person = Person.objects.get(pk=person.pk)
    with translation.override("ru"):
        assert person.name == "Максим Орешкин"
    with translation.override("ja"):
        assert person.name == "Maxim Oreshkin"
    with translation.override("en"):
        assert person.name == "Maxim Oreshkin"
