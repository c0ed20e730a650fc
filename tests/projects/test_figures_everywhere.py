"""A reported value reads the same on every page that shows it (the `reported` filter): the
figure's page, its project's and its plan item's, and the pages of the sources citing it."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.utils import translation

from tests.projects.factories import IndicatorFactory, ObservationFactory, ProjectFactory

pytestmark = pytest.mark.django_db


def test_a_value_over_a_thousand_is_grouped_and_qualified_alike_on_every_page(client):
    project = ProjectFactory()
    indicator = IndicatorFactory(project=project, plan_item=project.plan_item, unit="students")
    ObservationFactory(indicator=indicator, value=Decimal("1500.00"), qualifier="about")
    with translation.override("en"):  # the pages in English, whatever an earlier test left on
        urls = [
            indicator.get_absolute_url(),
            project.get_absolute_url(),
            project.plan_item.get_absolute_url(),
        ]
    for url in urls:
        html = client.get(url).content.decode()
        assert "about 1,500 students" in html, url
        assert "1500.00" not in html and "about 1500 " not in html, url
