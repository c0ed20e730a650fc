"""Pictures of the projects pages as inline SVG (no JavaScript, no images to fetch).

Each picture is an `<svg role="img">` with an accessible name that says the same numbers in
words, beside a text legend, so nothing is told by colour alone. The colours have a contrast of
at least 3:1 against the white page (WCAG 2.1, 1.4.11 non-text contrast).

- `{% status_bar item %}`: a stacked bar of an item's projects by status (the item read with
  `PlanItem.objects.with_project_counts()`), with "not reported" for projects no source gives
  a status for.
- `{% progress_bar project.progress %}`: how far a project has got, 0–100 %.
- `{% reported_vs_recorded count %}`: a count of projects a source reported beside the number
  on record (a `projects.selectors.ReportedCount`), as two bars.
"""

from __future__ import annotations

from dataclasses import dataclass

from django import template
from django.utils.formats import localize
from django.utils.html import conditional_escape, format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from coopr.dates import partial_text
from projects.models import Status

register = template.Library()

NOT_REPORTED = ""

# Colours of the statuses; every one has a contrast of at least 3:1 against white.
STATUS_COLOURS = {
    Status.PROPOSED: "#5e4fa2",
    Status.AGREED: "#1f78b4",
    Status.IN_PROGRESS: "#b35900",
    Status.COMPLETED: "#1a7f37",
    Status.SUSPENDED: "#b3287a",
    Status.CANCELLED: "#a4000f",
    NOT_REPORTED: "#6b6b6b",
}
PROGRESS_COLOUR = "#1f78b4"
TRACK_COLOUR = "#6b6b6b"
REPORTED_COLOUR = "#b35900"
RECORDED_COLOUR = "#1f78b4"


def status_label(status: str) -> str:
    if status == NOT_REPORTED:
        return str(_("not reported"))
    return str(Status(status).label)


@dataclass
class Segment:
    """One status's part of a stacked bar; `x` and `width` are percentages of the bar."""

    status: str
    label: str
    count: int
    colour: str
    x: float
    width: float


def status_counts(item) -> dict[str, int]:
    """An item's project counts per status, in the order of `Status`, "not reported" last."""
    counts = {status: getattr(item, f"projects_{status}", 0) or 0 for status in Status.values}
    counts[NOT_REPORTED] = getattr(item, "projects_not_reported", 0) or 0
    return counts


def segments(counts: dict[str, int]) -> list[Segment]:
    """The non-empty statuses, laid end to end over 100 units."""
    total = sum(counts.values())
    out: list[Segment] = []
    x = 0.0
    for status, count in counts.items():
        if not count:
            continue
        width = round(100 * count / total, 3)
        out.append(
            Segment(status, status_label(status), count, STATUS_COLOURS[status], round(x, 3), width)
        )
        x += width
    return out


# The bar's markup, built here rather than in a template: the home page draws one per item
# (forty or so), and a template costs a context, a loop and a lookup per segment.
SWATCH = (
    '<svg class="swatch" width="12" height="12" viewBox="0 0 12 12" aria-hidden="true">'
    '<rect width="12" height="12" fill="{}"/></svg>'
)
BAR = (
    '<div class="status-chart">\n<svg class="status-bar" role="img" width="240" height="16" '
    'viewBox="0 0 100 16" preserveAspectRatio="none" aria-label="{} — {}">{}</svg>\n'
    '<ul class="chart-legend">{}</ul>\n</div>'
)


@register.simple_tag
def status_bar(item) -> str:
    """`{% status_bar item %}`: the stacked bar of the item's projects by status, with a
    legend; "No projects on record" for an item without any."""
    counts = status_counts(item)
    total = sum(counts.values())
    if not total:
        return format_html('<span class="no-projects">{}</span>', _("No projects on record"))
    parts = segments(counts)
    heading = ngettext("%(counter)s project by status", "%(counter)s projects by status", total) % {
        "counter": total
    }
    return format_html(
        BAR,
        heading,
        "; ".join(f"{s.label}: {s.count}" for s in parts),
        format_html_join(
            "",
            '<rect x="{}" y="0" width="{}" height="16" fill="{}"/>',
            ((str(s.x), str(s.width), s.colour) for s in parts),
        ),
        format_html_join(
            "",
            "<li>" + SWATCH + "{}: {}</li>",
            ((s.colour, s.label, localize(s.count)) for s in parts),
        ),
    )


@register.inclusion_tag("projects/charts/progress_bar.html")
def progress_bar(progress: int | None) -> dict:
    return {
        "progress": progress,
        "colour": PROGRESS_COLOUR,
        "track": TRACK_COLOUR,
        # The bar is 100 units wide inside a 1-unit border on each side.
        "width": None if progress is None else round(progress * 0.98, 2),
    }


def _counted(msgid: str, **values) -> str:
    """A translated sentence with numbers (and names) in it, as `{% blocktranslate %}` gives
    it: the values localized and escaped, the sentence's own markup kept."""
    return mark_safe(
        gettext(msgid) % {key: conditional_escape(localize(v)) for key, v in values.items()}
    )


@register.simple_tag
def reported_vs_recorded(count, chart: bool = True, quote: bool = False) -> str:
    """`count` is a `ReportedCount`; `chart` adds the two bars, `quote` the source's words.

    Built here rather than in a template, as `status_bar` is: the home page and a plan's
    page draw one per item."""
    reported = count.reported
    largest = max(reported, count.recorded, 1)
    observation, citation, theme = count.observation, count.citation, count.indicator.theme
    source = citation.source if citation else None
    qualifier = (
        format_html("{} ", observation.get_qualifier_display())
        if observation.qualifier != "exact"
        else ""
    )
    cited = (
        format_html('<a href="{}">{}</a>, ', source.get_absolute_url(), source.publisher)
        if citation
        else ""
    )
    if theme:
        recorded = _counted(
            "<strong>%(number)s</strong> on record as %(theme)s",
            number=count.recorded,
            theme=theme.name,
        )
    else:
        recorded = _counted("<strong>%(number)s</strong> on record", number=count.recorded)
    bars = ""
    if chart:
        bars = format_html(
            '<svg class="reported-chart" role="img" width="220" height="30" viewBox="0 0 220 30"'
            ' aria-label="{}"><rect x="0" y="2" width="{}" height="11" fill="{}"/>'
            '<rect x="0" y="17" width="{}" height="11" fill="{}"/></svg>',
            _counted(
                "Projects: %(reported)s reported, %(recorded)s on record",
                reported=str(reported),  # not localized, as the chart's numbers
                recorded=str(count.recorded),
            ),
            str(round(200 * reported / largest, 2)),
            REPORTED_COLOUR,
            str(round(200 * count.recorded / largest, 2)),
            RECORDED_COLOUR,
        )
    quoted = ""
    if quote and citation and citation.quote:
        quoted = format_html(
            '<blockquote class="source-quote"><p><q>{}</q> — <a href="{}">{}, {}</a></p>'
            "</blockquote>",
            citation.quote,
            source.get_absolute_url(),
            source.publisher,
            source.title,
        )
    return format_html(
        '<div class="reported-count">\n<p>'
        + SWATCH
        + "\n{}{}\n({}{})\n· "
        + SWATCH
        + "\n{}</p>\n{}\n{}\n</div>\n",
        REPORTED_COLOUR,
        qualifier,
        _counted("<strong>%(number)s</strong> reported", number=reported),
        cited,
        partial_text(observation, "date"),
        RECORDED_COLOUR,
        recorded,
        bars,
        quoted,
    )


# Citations on the projects pages -----------------------------------------------------------
# (Not pictures, but the same pages need them: numbered references beside the field a source
# supports, linking to the numbered list of sources; see `coopr.citations.citations_of`.)


@register.inclusion_tag("projects/charts/cite_refs.html")
def cite_refs(cites, field_name: str) -> dict:
    """`{% cite_refs cites "start" %}`: "[2]" links to the sources that support `start`;
    `{% cite_refs cites "" %}` to those about the whole record."""
    if not cites:
        return {"refs": []}
    return {"refs": cites.by_field.get(field_name, []) if field_name else cites.record}
