"""A country field's choices (coopr.api.fields.CountryChoiceField) are made once per language,
and are what DRF's own choice field makes from the model's field, in every language."""

from __future__ import annotations

import pytest
from django.utils import translation
from rest_framework import serializers

from coopr.api.fields import ChoiceField, CountryChoiceField
from people.api import (
    OrganizationRefSerializer,
    OrganizationSerializer,
    PersonRefSerializer,
    PersonSerializer,
)
from people.models import Person


@pytest.mark.parametrize("language", ["en", "ru", "ja"])
def test_the_choices_are_drfs_in_each_language(language):
    model_field = Person._meta.get_field("country")
    with translation.override(language):
        ours = CountryChoiceField(countries=model_field.countries, allow_blank=True)
        theirs = serializers.ChoiceField(choices=model_field.choices, allow_blank=True)
        assert ours.choices == theirs.choices
        assert list(ours.grouped_choices.items()) == list(theirs.grouped_choices.items())
        assert ours.choice_strings_to_values == theirs.choice_strings_to_values
        assert ours.to_internal_value("JP") == "JP"
        with pytest.raises(serializers.ValidationError):
            ours.to_internal_value("XX")


def test_each_language_has_its_own_names():
    countries = Person._meta.get_field("country").countries
    names = {}
    for language in ("en", "ja"):
        with translation.override(language):
            names[language] = CountryChoiceField(countries=countries).choices["JP"]
    assert names == {"en": "Japan", "ja": "日本"}


@pytest.mark.parametrize(
    "serializer",
    [PersonRefSerializer, OrganizationRefSerializer, PersonSerializer, OrganizationSerializer],
)
def test_the_apis_country_fields_use_it(serializer):
    fields = serializer().fields
    assert type(fields["country"]) is CountryChoiceField
    assert not any(type(f) is ChoiceField and f.field_name == "country" for f in fields.values())
