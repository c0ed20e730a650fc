"""Template helpers shared by every page."""

from django import template
from django.utils.html import format_html
from django.utils.translation import gettext as _

from coopr import __version__
from coopr.citations import drawn
from coopr.dates import partial_text
from coopr.translated import fallback_language

register = template.Library()


@register.simple_tag
def coopr_version() -> str:
    """`{% coopr_version %}`: the version that serves the page (the site footer shows it)."""
    return __version__


@register.filter
def partial(obj, field: str) -> str:
    """`{{ meeting|partial:"start" }}`: a date shown as precisely as its source gives it."""
    return partial_text(obj, field)


@register.inclusion_tag("coopr/citations.html")
def citations(items, form: str = "beside", labelled: bool = False, record=None, prefix="heading"):
    """Every page's citations, in one of three forms (coopr/citations.py):

    `{% citations cites "list" %}` the numbered sources at the end of a page;
    `{% citations cites.by_field.outcomes %}` beside the fact they support (`labelled=True`
    names the field each one supports); `{% citations value.citations.all "inline" %}` in
    brackets after a related row. `record`: label the fields from its model."""
    return {"citations": drawn(items, form, record), "form": form, "labelled": labelled,
            "prefix": prefix}  # fmt: skip


@register.simple_tag
def shown(obj, field: str) -> str:
    """`{% shown plan "title" %}`: a translated field in the visitor's language; where it has
    none, the English text (marked `lang="en"`) with a visible note that it is in English."""
    value = getattr(obj, field, "") or ""
    if fallback_language(obj, field) is None:
        return format_html("{}", value)
    return format_html(
        '<span lang="en">{}</span> <small class="in-english">({})</small>',
        value,
        _("shown in English"),
    )
