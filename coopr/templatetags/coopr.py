"""Template helpers shared by every page."""

from django import template

from coopr.dates import format_partial

register = template.Library()


@register.filter
def partial(obj, field: str) -> str:
    """`{{ meeting|partial:"start" }}`: a date shown as precisely as its source gives it."""
    return format_partial(getattr(obj, field), getattr(obj, f"{field}_precision"))
