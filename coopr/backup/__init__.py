"""Backups: the whole record in one versioned JSON file, and back (`backup`, `restore`).

The file (gzip-compressed when its name ends in `.gz`) is one JSON object:

    {"format": "coopr-backup", "version": 1, "created": "<ISO time>", "django": "5.2.…",
     "migrations": {"<app>": "<latest migration applied>", …},
     "counts": {"<app>.<Model>": <rows>, …},
     "objects": [{"model": "<app>.<model>", "pk": …, "fields": {…}}, …]}

written header first and one object per line, so that neither side holds the whole record
in memory. Objects are Django's serialization (`django.core.serializers`), models in
dependency order, rows in primary-key order, with three differences that make a restore
exact: times keep their microseconds (Django's JSON encoder keeps milliseconds), a translated
field's own column is written as stored (modeltranslation would give the active language's
value), and the link tables of many-to-many fields between records are rows of their own,
with their ids.

What is in it: every model of every installed app, found in the app registry (a new model is
backed up without anyone listing it), history included: records, their history, users,
groups, API tokens and the admin's log. What is left out: content types and permissions,
which `migrate` creates (they are referred to by natural key, since their ids differ from one
database to another), sessions, and the lockout's sign-in attempts (`axes`). Primary keys of
everything but groups are kept, since the API shows ids; groups are matched by name, since
`migrate` creates the roles (Editors, Viewers) in every database.

A restore goes into an empty, migrated database, in one transaction, after checking the
file's format and version and that every migration it names is applied. Saves are raw, as
`loaddata`'s are: simple_history adds no rows, timestamps and versions stay as they were.
Foreign keys are checked at the end (so the order of rows does not matter), the rows must
add up to the header's counts (a file cut short is refused), sequences move past the ids
restored, and the response cache is dropped.

Modules: `tables` (what a backup holds), `writing`, `reading`, `restoring`; every name is
importable from `coopr.backup`.
"""

from coopr.backup.reading import (
    check_header,
    open_file,
    read,
)
from coopr.backup.restoring import (
    check_empty,
    check_migrations,
    load,
)
from coopr.backup.tables import (
    CHUNK,
    FORMAT,
    GZIP_MAGIC,
    LEFT_OUT_APPS,
    LEFT_OUT_MODELS,
    MATCHED_BY_NATURAL_KEY,
    READABLE_VERSIONS,
    VERSION,
    BackupError,
    backed_up_models,
    label,
)
from coopr.backup.writing import (
    dump,
    latest_migrations,
    write_file,
)

__all__ = [
    "CHUNK",
    "FORMAT",
    "GZIP_MAGIC",
    "LEFT_OUT_APPS",
    "LEFT_OUT_MODELS",
    "MATCHED_BY_NATURAL_KEY",
    "READABLE_VERSIONS",
    "VERSION",
    "BackupError",
    "backed_up_models",
    "check_empty",
    "check_header",
    "check_migrations",
    "dump",
    "label",
    "latest_migrations",
    "load",
    "open_file",
    "read",
    "write_file",
]
