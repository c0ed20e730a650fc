"""Dates as precise as their source: a day, a month or a year.

A source may give only "February 2018" or "2016". We store the first day of that period in a
DateField (so rows sort and filter as dates) beside its precision, show the date as the source
gives it, and never invent the missing day.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models
from django.utils import formats
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class Precision(models.TextChoices):
    DAY = "day", _("day")
    MONTH = "month", _("month")
    YEAR = "year", _("year")


PRECISION_FORMATS = {
    Precision.DAY: "DATE_FORMAT",
    Precision.MONTH: "YEAR_MONTH_FORMAT",
    Precision.YEAR: "Y",
}


def precision_field(date_field: str) -> models.CharField:
    """The precision column that goes with the partial date field `date_field`."""
    return models.CharField(
        _("precision"),
        max_length=5,
        choices=Precision.choices,
        default=Precision.DAY,
        help_text=_("How precise the source is about the date before: day, month or year."),
    )


def normalise(value: dt.date | None, precision: str) -> dt.date | None:
    """The first day of the period a partial date stands for."""
    if value is None:
        return None
    if precision == Precision.YEAR:
        return value.replace(month=1, day=1)
    if precision == Precision.MONTH:
        return value.replace(day=1)
    return value


def format_partial(value: dt.date | None, precision: str) -> str:
    """Show a partial date as its source gives it, in the active language."""
    if value is None:
        return ""
    return _formatted(value, precision, get_language())


@lru_cache(maxsize=4096)
def _formatted(value: dt.date, precision: str, language: str | None) -> str:
    # Formatting a date is slow (Django's dateformat) and a list shows many alike: each date,
    # precision and language is formatted once per process.
    return formats.date_format(value, PRECISION_FORMATS.get(precision, "DATE_FORMAT"))  # type: ignore[call-overload]


def iso_partial(value: dt.date | None, precision: str) -> str:
    """A partial date in ISO 8601 as precise as its source: "2018", "2018-02", "2018-05-26"."""
    if value is None:
        return ""
    if precision == Precision.YEAR:
        return f"{value.year:04d}"
    if precision == Precision.MONTH:
        return f"{value.year:04d}-{value.month:02d}"
    return value.isoformat()


def partial_text(obj: Any, name: str) -> str:
    """The partial date `obj.<name>` (with `<name>_precision`) as its source gives it."""
    return format_partial(getattr(obj, name), getattr(obj, f"{name}_precision"))


def partial_iso(obj: Any, name: str) -> str:
    """The partial date `obj.<name>` in ISO 8601, as precise as its source."""
    return iso_partial(getattr(obj, name), getattr(obj, f"{name}_precision"))


def period_end(value: dt.date, precision: str) -> dt.date:
    """The last day of the period a partial date stands for."""
    if precision == Precision.YEAR:
        return value.replace(month=12, day=31)
    if precision == Precision.MONTH:
        following = (value.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
        return following - dt.timedelta(days=1)
    return value


class PartialDatesMixin:
    """Model mixin for partial dates: each name in `partial_dates` has a `<name>_precision`.

    `clean()` moves a month- or year-precise date to the first day of its period, so the stored
    value never claims a day the source did not give; `display_date(name)` formats it.
    """

    partial_dates: tuple[str, ...] = ()

    def clean_partial_dates(self) -> None:
        for name in self.partial_dates:
            precision = getattr(self, f"{name}_precision")
            if precision not in Precision.values:
                raise ValidationError({f"{name}_precision": _("Choose day, month or year.")})
            setattr(self, name, normalise(getattr(self, name), precision))

    def display_date(self, name: str) -> str:
        return partial_text(self, name)


def precision_constraint(model_name: str, date_field: str) -> models.CheckConstraint:
    """A database check that the precision column holds one of the known values."""
    return models.CheckConstraint(
        condition=models.Q(**{f"{date_field}_precision__in": Precision.values}),
        name=f"{model_name}_{date_field}_precision_valid",
    )


def order_constraint(model_name: str, start: str = "start", end: str = "end"):
    """A database check that an end date, when given, is not before its start."""
    return models.CheckConstraint(
        condition=models.Q(**{f"{end}__isnull": True})
        | models.Q(**{f"{start}__isnull": True})
        | models.Q(**{f"{end}__gte": models.F(start)}),
        name=f"{model_name}_{end}_not_before_{start}",
    )
