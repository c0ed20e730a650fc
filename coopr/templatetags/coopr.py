"""Template helpers shared by every page."""

from django import template
from django.core.exceptions import FieldDoesNotExist
from django.utils.text import capfirst

from coopr import __version__
from coopr.dates import format_partial

register = template.Library()


@register.simple_tag
def coopr_version() -> str:
    """`{% coopr_version %}`: the version that serves the page (the site footer shows it)."""
    return __version__


@register.filter
def partial(obj, field: str) -> str:
    """`{{ meeting|partial:"start" }}`: a date shown as precisely as its source gives it."""
    return format_partial(getattr(obj, field), getattr(obj, f"{field}_precision"))


@register.filter
def field_label(name: str, record) -> str:
    """`{{ citation.field_name|field_label:record }}`: "Proposed on", not "proposed_on"."""
    if not name:
        return ""
    try:
        return str(capfirst(record._meta.get_field(name).verbose_name))
    except (AttributeError, FieldDoesNotExist):
        return name
