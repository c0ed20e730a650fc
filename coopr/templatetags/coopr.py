"""Template helpers shared by every page."""

from django import template
from django.utils.html import format_html
from django.utils.translation import gettext as _

from coopr import __version__
from coopr.dates import partial_text
from coopr.models import field_label as label_of_field
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


@register.filter
def field_label(name: str, record) -> str:
    """`{{ citation.field_name|field_label:record }}`: "Proposed on", not "proposed_on"."""
    return label_of_field(type(record) if record is not None else None, name)


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
