"""Translated fields (en, ru, ja) and change history for the people app.

History is registered here, after translation, so the historical models see the
`name_en`/`name_ru`/`name_ja` columns (registering it on the model breaks them).
"""

import simple_history
from modeltranslation.translator import TranslationOptions, register

from people.models import Organization, Person, Position


@register(Organization)
class OrganizationTranslation(TranslationOptions):
    empty_values = None  # an empty translation is NULL, from the admin and the loader alike
    fields = ("name", "short_name", "description")
    required_languages = ("en",)


@register(Person)
class PersonTranslation(TranslationOptions):
    empty_values = None  # an empty translation is NULL, from the admin and the loader alike
    fields = ("name", "biography")
    required_languages = ("en",)


@register(Position)
class PositionTranslation(TranslationOptions):
    empty_values = None  # an empty translation is NULL, from the admin and the loader alike
    fields = ("title",)


for model in (Organization, Person, Position):
    simple_history.register(model)
