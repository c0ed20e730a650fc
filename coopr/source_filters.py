"""Filters of the sources list: kind of publication and language of its text."""

from __future__ import annotations

import django_filters
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from coopr.models import Source


class SourcePageFilter(django_filters.FilterSet):
    kind = django_filters.ChoiceFilter(
        label=_("Kind"), empty_label=_("Any kind"), choices=Source.Kind.choices
    )
    language = django_filters.ChoiceFilter(label=_("Language"), empty_label=_("Any language"))

    class Meta:
        model = Source
        fields = ["kind", "language"]

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        # The languages sources are written in (one query), named where the site knows them.
        known = dict(settings.LANGUAGES)
        codes = Source.objects.values_list("language", flat=True).distinct().order_by("language")
        self.filters["language"].extra["choices"] = [
            (code, known.get(code, code)) for code in codes if code
        ]
