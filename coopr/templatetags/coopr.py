"""Template helpers shared by every page."""

from django import template
from django.core.exceptions import FieldDoesNotExist
from django.utils.text import capfirst

from coopr.dates import partial_text

register = template.Library()


@register.filter
def partial(obj, field: str) -> str:
    """`{{ meeting|partial:"start" }}`: a date shown as precisely as its source gives it."""
    return partial_text(obj, field)


@register.filter
def field_label(name: str, record) -> str:
    """`{{ citation.field_name|field_label:record }}`: "Proposed on", not "proposed_on"."""
    if not name:
        return ""
    try:
        return str(capfirst(record._meta.get_field(name).verbose_name))
    except (AttributeError, FieldDoesNotExist):
        return name
