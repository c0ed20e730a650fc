"""Translated fields (en, ru, ja) and change history for the projects app.

History is registered here, after translation, so the historical models see the
translated columns (registering it on the model breaks them).
"""

import simple_history
from modeltranslation.translator import TranslationOptions, register

from projects.models import (
    BodyChair,
    Document,
    Indicator,
    JointBody,
    Meeting,
    MeetingParticipant,
    Observation,
    Plan,
    PlanItem,
    Project,
    ProjectOrganization,
    ProjectPerson,
    ProjectUpdate,
    Theme,
)


@register(Plan)
class PlanTranslation(TranslationOptions):
    empty_values = None  # an empty translation is NULL, from the admin and the loader alike
    fields = ("title", "long_title", "subtitle", "proposed_place", "description")
    required_languages = ("en",)


@register(PlanItem)
class PlanItemTranslation(TranslationOptions):
    empty_values = None  # an empty translation is NULL, from the admin and the loader alike
    fields = ("title", "description")
    required_languages = ("en",)


@register(Project)
class ProjectTranslation(TranslationOptions):
    empty_values = None  # an empty translation is NULL, from the admin and the loader alike
    fields = ("title", "summary")
    required_languages = ("en",)


@register(ProjectUpdate)
class ProjectUpdateTranslation(TranslationOptions):
    empty_values = None  # an empty translation is NULL, from the admin and the loader alike
    fields = ("note",)
    required_languages = ("en",)


@register(ProjectPerson)
class ProjectPersonTranslation(TranslationOptions):
    empty_values = None  # an empty translation is NULL, from the admin and the loader alike
    fields = ("role",)


@register(Theme)
class ThemeTranslation(TranslationOptions):
    empty_values = None  # an empty translation is NULL, from the admin and the loader alike
    fields = ("name", "description")
    required_languages = ("en",)


@register(JointBody)
class JointBodyTranslation(TranslationOptions):
    empty_values = None  # an empty translation is NULL, from the admin and the loader alike
    fields = ("name", "description")
    required_languages = ("en",)


@register(Meeting)
class MeetingTranslation(TranslationOptions):
    empty_values = None  # an empty translation is NULL, from the admin and the loader alike
    fields = ("title", "city", "description", "outcomes")
    required_languages = ("en",)


@register(MeetingParticipant)
class MeetingParticipantTranslation(TranslationOptions):
    empty_values = None  # an empty translation is NULL, from the admin and the loader alike
    fields = ("role",)


@register(Document)
class DocumentTranslation(TranslationOptions):
    empty_values = None  # an empty translation is NULL, from the admin and the loader alike
    fields = ("title", "place", "summary")
    required_languages = ("en",)


@register(Indicator)
class IndicatorTranslation(TranslationOptions):
    empty_values = None  # an empty translation is NULL, from the admin and the loader alike
    fields = ("name", "unit", "description")
    required_languages = ("en",)


@register(Observation)
class ObservationTranslation(TranslationOptions):
    empty_values = None  # an empty translation is NULL, from the admin and the loader alike
    fields = ("note",)


for model in (
    Plan,
    PlanItem,
    Theme,
    Project,
    ProjectOrganization,
    ProjectPerson,
    ProjectUpdate,
    JointBody,
    BodyChair,
    Meeting,
    MeetingParticipant,
    Document,
    Indicator,
    Observation,
):
    # app= keeps each historical model in `projects.models` (HistoricalPlan, …), as when the
    # models were one module: its import path, and the shell's automatic imports, stay.
    simple_history.register(model, app="projects")
