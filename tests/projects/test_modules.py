"""projects/models/ is a package of one module per concept; every name the single module held
is still importable from `projects.models`, the historical models included."""

from __future__ import annotations

from django.apps import apps

import projects.models


def test_every_model_and_its_history_are_importable_from_projects_models():
    for model in apps.get_app_config("projects").get_models():
        assert getattr(projects.models, model.__name__) is model
        assert model.__module__.startswith("projects.models")


def test_the_historical_models_keep_their_module():
    history = projects.models.Plan.history.model
    assert history.__module__ == "projects.models"
    assert projects.models.HistoricalPlan is history
