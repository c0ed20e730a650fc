"""Bulk downloads of the whole public record: a Frictionless Data Package (CSV) and JSON Lines.

Never built on the request path, never stale:
- `manage.py build_downloads` builds them into `DOWNLOADS_ROOT/<version>/` (the version is a
  fingerprint of the data), and makes that build current; `--every SECONDS` keeps doing so
  (docker-compose's `downloads` service), and rebuilds only when the data has changed;
- any write to the record (a save, a delete or a many-to-many change of a model of an app
  holding record types, once its transaction commits) invalidates the current build at once
  (the download page then says a new one is on its way, and no stale file is served), and,
  when `DOWNLOADS_DEBOUNCE` is set, schedules a rebuild in a background thread of the process
  that wrote, after that many seconds without a further change, under a file lock shared by
  every process using the same `DOWNLOADS_ROOT`.
"""

from __future__ import annotations

import logging
import threading
import time

from django.conf import settings
from django.db import close_old_connections, connection, transaction

from coopr.downloads.building import FILES, JSON_LINES, PACKAGE, build, current, file_path
from coopr.downloads.building import invalidate as _invalidate

__all__ = ["FILES", "JSON_LINES", "PACKAGE", "build", "current", "file_path", "record_changed"]

logger = logging.getLogger(__name__)

_due: float | None = None  # when the scheduled rebuild starts (monotonic), or None
_lock = threading.Lock()


def record_changed(**kwargs) -> None:
    """A record changed: once the transaction commits, the current build is stale (and a
    rebuild is scheduled). Raw saves (a restore, loaddata) are left out: those commands call
    it once at the end."""
    if kwargs.get("raw"):
        return
    transaction.on_commit(_changed)


def _changed() -> None:
    try:
        _invalidate()
    except OSError:
        logger.exception("The downloads could not be invalidated (DOWNLOADS_ROOT)")
        return
    schedule()


def schedule() -> None:
    """Rebuild after DOWNLOADS_DEBOUNCE seconds without a further change (a thread of this
    process), unless the setting is off (0 or unset: `build_downloads --every` rebuilds)."""
    global _due
    delay = settings.DOWNLOADS_DEBOUNCE
    if not delay:
        return
    with _lock:
        start = _due is None
        _due = time.monotonic() + delay
    if start:
        threading.Thread(target=_rebuild_when_quiet, name="coopr-downloads", daemon=True).start()


def _rebuild_when_quiet() -> None:
    global _due
    while True:
        with _lock:
            assert _due is not None
            wait = _due - time.monotonic()
            if wait <= 0:
                _due = None
                break
        time.sleep(wait)
    try:
        close_old_connections()
        built = build()
        logger.info("Downloads rebuilt", extra={"version": built and built["version"]})
    except Exception:
        logger.exception("The downloads could not be rebuilt")
    finally:
        connection.close()


def watch_record_changes() -> None:
    """Invalidate the downloads on every write to the record (see `record_changed`). Called
    once every app has registered its record types (the top floor's ready())."""
    from django.apps import apps
    from django.db.models.signals import m2m_changed, post_delete, post_save

    from coopr.registry import record_apps

    for label in record_apps():
        for model in apps.get_app_config(label).get_models():
            for signal in (post_save, post_delete):
                signal.connect(
                    record_changed,
                    sender=model,
                    dispatch_uid=f"coopr.downloads.{model._meta.label}",
                )
    m2m_changed.connect(record_changed, dispatch_uid="coopr.downloads.m2m")
