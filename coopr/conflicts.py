"""Telling an editor what happened when someone else saved a record first."""

from __future__ import annotations

from django.db import models
from django.utils import formats
from django.utils.translation import gettext as _


def describe_conflict(instance: models.Model, seen_version: int) -> str:
    """Who changed `instance` since `seen_version`, when, and which fields."""
    model = type(instance)
    current = model._base_manager.filter(pk=instance.pk).values_list("version", flat=True).first()
    if current is None:
        return _("Someone else deleted this record while you were editing it. Nothing was saved.")
    history = getattr(model, "history", None)
    who, when, fields = "", "", []
    if history is not None:
        records = list(
            history.filter(**{model._meta.pk.attname: instance.pk})
            .select_related("history_user")
            .order_by("-history_date")
        )
        newer = [r for r in records if r.version > seen_version]
        older = [r for r in records if r.version <= seen_version]
        if newer:
            latest = newer[0]
            who = latest.history_user.get_username() if latest.history_user else _("someone")
            when = formats.date_format(latest.history_date, "DATETIME_FORMAT")
            if older:
                delta = latest.diff_against(older[0], excluded_fields=["version", "updated"])
                fields = [
                    str(model._meta.get_field(change.field).verbose_name)  # type: ignore[union-attr]
                    for change in delta.changes
                ]
    message = _(
        "This record was changed by %(who)s at %(when)s while you were editing it "
        "(you started from version %(seen)s; it is now at version %(current)s). "
        "Your changes were not saved, and theirs are kept."
    ) % {
        "who": who or _("someone else"),
        "when": when or _("an unknown time"),
        "seen": seen_version,
        "current": current,
    }
    if fields:
        message += " " + _("They changed: %(fields)s.") % {"fields": ", ".join(fields)}
    return message + " " + _("Reload the page to see the current version, then redo your edit.")
