"""Partial dates: stored as the first day of their period, shown as precisely as the source."""

import datetime as dt

import pytest
from django.utils import translation

from coopr.dates import Precision, format_partial, normalise, period_end
from tests.coopr.factories import SourceFactory
from tests.people.factories import PositionFactory

FEB_14 = dt.date(2018, 2, 14)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("precision", "stored"),
    [
        (Precision.DAY, dt.date(2018, 2, 14)),
        (Precision.MONTH, dt.date(2018, 2, 1)),
        (Precision.YEAR, dt.date(2018, 1, 1)),
    ],
)
def test_clean_moves_a_partial_date_to_the_first_day_of_its_period(precision, stored):
    source = SourceFactory.build(published_on=FEB_14, published_on_precision=precision)
    source.full_clean()
    assert source.published_on == stored


@pytest.mark.django_db
def test_clean_normalises_each_partial_date_of_a_model_by_its_own_precision():
    position = PositionFactory.build(
        person=None,
        organization=None,
        start=dt.date(2016, 5, 6),
        start_precision=Precision.YEAR,
        end=dt.date(2018, 5, 18),
        end_precision=Precision.MONTH,
    )
    position.clean_partial_dates()
    assert (position.start, position.end) == (dt.date(2016, 1, 1), dt.date(2018, 5, 1))


def test_normalise_keeps_an_empty_date_empty():
    assert normalise(None, Precision.YEAR) is None


@pytest.mark.parametrize(
    ("precision", "english"),
    [
        (Precision.DAY, "Feb. 14, 2018"),
        (Precision.MONTH, "February 2018"),
        (Precision.YEAR, "2018"),
    ],
)
def test_format_partial_in_english(precision, english):
    with translation.override("en"):
        assert format_partial(normalise(FEB_14, precision), precision) == english


def test_format_partial_in_japanese_shows_year_and_month_only():
    with translation.override("ja"):
        shown = format_partial(dt.date(2018, 2, 1), Precision.MONTH)
    assert "2018" in shown
    month_part = shown.replace("2018", "", 1)
    assert "2" in month_part
    assert "1" not in month_part  # the stored first day is not shown as if the source gave it
    assert shown != "February 2018"


def test_format_partial_of_no_date_is_empty():
    assert format_partial(None, Precision.DAY) == ""


@pytest.mark.parametrize(
    ("value", "precision", "end"),
    [
        (dt.date(2018, 2, 14), Precision.DAY, dt.date(2018, 2, 14)),
        (dt.date(2018, 2, 1), Precision.MONTH, dt.date(2018, 2, 28)),
        (dt.date(2016, 2, 1), Precision.MONTH, dt.date(2016, 2, 29)),
        (dt.date(2018, 4, 1), Precision.MONTH, dt.date(2018, 4, 30)),
        (dt.date(2018, 12, 1), Precision.MONTH, dt.date(2018, 12, 31)),
        (dt.date(2018, 1, 1), Precision.YEAR, dt.date(2018, 12, 31)),
    ],
)
def test_period_end_is_the_last_day_of_the_period(value, precision, end):
    assert period_end(value, precision) == end
