"""Pictures and small formatters of the meetings, documents and figures pages.

The pictures are inline SVG (no JavaScript, nothing fetched): `<svg role="img">` with an
accessible name, always beside a table of the same facts (the text alternative), so nothing is
said by the picture alone. Marks and text have a contrast of at least 4.5:1 on white.

- `{% meetings_timeline meetings %}`: each meeting on a time axis, years labelled; a meeting
  over several days, or known only by its month or year, is a bar over that period (the
  source does not say which day), upcoming ones are hollow.
- `{% indicator_chart indicator observations %}`: an indicator's values over time, each point
  labelled with its value (and qualifier: "about 250").
- `{{ obj|iso_partial:"start" }}`: a partial date in ISO 8601 as precise as its source
  ("2018-03", "2018"), for `<time datetime>`.
- `{{ value|figure }}`: a reported number as people write it ("1,000", "97", "2.5").
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from decimal import Decimal

from django import template
from django.utils import formats
from django.utils.translation import gettext as _

from coopr.dates import Precision, format_partial, partial_iso, period_end

register = template.Library()

ACCENT = "#0b57a4"
INK = "#1b1f24"
MUTED = "#4a5560"


# Formatters --------------------------------------------------------------------------------


@register.filter
def iso_partial(obj, field: str) -> str:
    """`{{ meeting|iso_partial:"start" }}`: "2018-03-24", "2018-03" or "2018"."""
    return partial_iso(obj, field)


def format_figure(value) -> str:
    """A reported number without trailing zeros, grouped in the active language's way."""
    if value is None:
        return ""
    value = Decimal(value)
    # 97.00 is "97", 2.50 is "2.5" (normalize() alone would write 1E+2 for 100).
    value = value.quantize(Decimal(1)) if value == value.to_integral_value() else value.normalize()
    return formats.number_format(value, use_l10n=True, force_grouping=True)


@register.filter
def figure(value) -> str:
    return format_figure(value)


@register.filter
def reported(observation) -> str:
    """`{{ observation|reported }}`: a reported value as the source qualifies it, "about 250",
    "97", "more than 1,500": the one way every page writes a figure's value."""
    return qualified(observation.value, observation.qualifier, observation.get_qualifier_display())


def qualified(value, qualifier: str, label: str) -> str:
    """ "about 250", "more than 100"; an exact figure is just the number."""
    number = format_figure(value)
    if not qualifier or qualifier == "exact":
        return number
    return f"{label} {number}"


# Time axis ---------------------------------------------------------------------------------


def last_day(start: dt.date, precision: str, end: dt.date | None, end_precision: str) -> dt.date:
    """The last day a partially dated event may take: the end of its end's (or start's) period."""
    if end is not None:
        return period_end(end, end_precision)
    return period_end(start, precision)


@dataclass
class Axis:
    """Maps dates to x coordinates between `left` and `right` (SVG units)."""

    first: dt.date
    last: dt.date  # exclusive
    left: float
    right: float

    def x(self, day: dt.date) -> float:
        span = (self.last - self.first).days or 1
        return round(self.left + (self.right - self.left) * (day - self.first).days / span, 1)

    def ticks(self) -> list[float]:
        """The x of each 1 January on the axis."""
        days = (dt.date(y, 1, 1) for y in range(self.first.year, self.last.year + 1))
        return [self.x(day) for day in days if self.first <= day <= self.last]

    def years(self) -> list[dict]:
        """Each year with at least four months on the axis, labelled in the middle of them."""
        out = []
        for year in range(self.first.year, self.last.year + 1):
            lo = max(self.first, dt.date(year, 1, 1))
            hi = min(self.last, dt.date(year + 1, 1, 1))
            if (hi - lo).days >= 120:
                out.append({"year": year, "x": self.x(lo + (hi - lo) / 2)})
        return out


# Meetings timeline ---------------------------------------------------------------------------

TIMELINE_WIDTH = 720
LANE = 16
MARK = 10
MAX_LANES = 6


@dataclass
class Mark:
    x: float
    width: float  # 0 for a dot
    lane: int
    y: float
    label: str
    upcoming: bool

    @property
    def cy(self) -> float:
        return round(self.y + MARK / 2, 1)


def lay_out(marks: list[Mark]) -> int:
    """Put each mark in the first lane where it does not overlap the one before; return the
    number of lanes. Marks beyond MAX_LANES share the last lane."""
    ends: list[float] = []
    for mark in sorted(marks, key=lambda m: (m.x, m.width)):
        left = mark.x - MARK / 2
        free = [lane for lane, end in enumerate(ends) if end + 2 <= left]
        if free:
            lane = free[0]
        elif len(ends) < MAX_LANES:
            lane = len(ends)
            ends.append(-math.inf)
        else:
            lane = MAX_LANES - 1
        mark.lane = lane
        ends[lane] = max(ends[lane], mark.x + max(mark.width, MARK / 2))
    return max(len(ends), 1)


@register.inclusion_tag("projects/figures/meetings_timeline.html")
def meetings_timeline(timeline: dict, id_prefix: str = "timeline") -> dict:
    """`timeline`: `meetings`, dicts with start, start_precision, end, end_precision, title,
    upcoming, each drawn; or, for too many to draw, `per_year` (year, past, upcoming) for the
    table alone. `total`: the meetings listed, dated or not."""
    meetings = timeline["meetings"]
    dated = [m for m in meetings if m["start"] is not None]
    if timeline["per_year"] is not None:
        per_year = timeline["per_year"]
        shown = sum(row["past"] + row["upcoming"] for row in per_year)
    else:
        years: dict[int, dict] = {}
        for m in dated:
            year = m["start"].year
            row = years.setdefault(year, {"year": year, "past": 0, "upcoming": 0})
            row["upcoming" if m["upcoming"] else "past"] += 1
        per_year = [years[y] for y in sorted(years)]
        shown = len(dated)
    context = {
        "id": id_prefix,
        "count": shown,
        "undated": timeline["total"] - shown,
        "per_year": per_year,
        "capped": timeline["per_year"] is not None,
        "accent": ACCENT,
        "ink": INK,
        "muted": MUTED,
        "width": TIMELINE_WIDTH,
    }
    if not dated:
        return context
    first_year = min(m["start"].year for m in dated)
    last_year = max(
        last_day(m["start"], m["start_precision"], m["end"], m["end_precision"]).year for m in dated
    )
    axis = Axis(dt.date(first_year, 1, 1), dt.date(last_year + 1, 1, 1), 12, TIMELINE_WIDTH - 12)
    marks = []
    for m in dated:
        until = last_day(m["start"], m["start_precision"], m["end"], m["end_precision"])
        x1, x2 = axis.x(m["start"]), axis.x(until + dt.timedelta(days=1))
        single_day = m["end"] is None and m["start_precision"] == Precision.DAY
        when = format_partial(m["start"], m["start_precision"])
        if m["end"] is not None:
            when += " – " + format_partial(m["end"], m["end_precision"])
        marks.append(
            Mark(
                x=x1,
                width=0 if single_day else max(round(x2 - x1, 1), MARK / 2),
                lane=0,
                y=0,
                label=f"{m['title']} ({when})",
                upcoming=m["upcoming"],
            )
        )
    lanes = lay_out(marks)
    top = 8
    for mark in marks:
        mark.y = top + mark.lane * LANE
    axis_y = top + lanes * LANE
    context.update(
        marks=marks,
        axis_y=axis_y,
        tick_y=axis_y + 6,
        label_y=axis_y + 22,
        height=axis_y + 30,
        ticks=axis.ticks(),
        years=axis.years(),
        first_year=first_year,
        last_year=last_year,
        half=MARK / 2,
    )
    return context


# Indicator chart ---------------------------------------------------------------------------

CHART_WIDTH = 640
CHART_HEIGHT = 280
LEFT, RIGHT, TOP, BOTTOM = 72, 24, 32, 48


def nice_ceiling(value: float) -> tuple[float, float]:
    """A round maximum for the y axis at or above `value`, and the step between 4–5 ticks."""
    if value <= 0:
        return 1.0, 0.25
    raw = value / 4
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)
    return step * math.ceil(value / step), step


@register.inclusion_tag("projects/figures/indicator_chart.html")
def indicator_chart(indicator, observations, id_prefix: str = "chart") -> dict:
    """`observations`: the indicator's values, any order; each point labelled."""
    points = sorted(observations, key=lambda o: (o.date, o.pk))
    context = {
        "id": id_prefix,
        "indicator": indicator,
        "points": [],
        "width": CHART_WIDTH,
        "height": CHART_HEIGHT,
        "accent": ACCENT,
        "ink": INK,
        "muted": MUTED,
    }
    if not points:
        return context
    starts = [o.date for o in points]
    ends = [period_end(o.date, o.date_precision) + dt.timedelta(days=1) for o in points]
    # Whole years, so that each year is labelled and no point sits on an edge.
    first = dt.date(min(starts).year, 1, 1)
    last = dt.date((max(ends) - dt.timedelta(days=1)).year + 1, 1, 1)
    axis = Axis(first, last, LEFT, CHART_WIDTH - RIGHT)
    top_value, step = nice_ceiling(float(max(o.value for o in points)) * 1.1)
    plot_bottom = CHART_HEIGHT - BOTTOM

    def y(value) -> float:
        return round(plot_bottom - (plot_bottom - TOP) * float(value) / top_value, 1)

    laid = []
    for o, start, end in zip(points, starts, ends, strict=True):
        x = round((axis.x(start) + axis.x(end)) / 2, 1)  # the middle of the period it covers
        laid.append(
            {
                "x": x,
                "y": y(o.value),
                "label_y": round(y(o.value) - 10, 1),
                "label": qualified(o.value, o.qualifier, o.get_qualifier_display()),
                "date": format_partial(o.date, o.date_precision),
            }
        )
    ticks = []
    value = 0.0
    while value <= top_value + step / 2:
        ticks.append({"y": y(value), "label": format_figure(Decimal(str(round(value, 6))))})
        value += step
    years = axis.years()
    context.update(
        points=laid,
        x_ticks=axis.ticks(),
        line=" ".join(f"{p['x']},{p['y']}" for p in laid) if len(laid) > 1 else "",
        ticks=ticks,
        years=years,
        # Without a whole year on the axis, the points' own dates label it.
        date_labels=len(years) < 2,
        left=LEFT,
        right=CHART_WIDTH - RIGHT,
        plot_top=TOP,
        plot_bottom=plot_bottom,
        year_y=plot_bottom + 18,
        date_y=plot_bottom + 34,
        unit=indicator.unit,
        summary=_("%(name)s: %(values)s")
        % {
            "name": indicator.name,
            "values": "; ".join(f"{p['date']}: {p['label']}" for p in laid),
        },
    )
    return context
