"""Helpers for the constraint tests: one bad row, rejected by the database and by validation.

Each case is a factory, the bad values, the field whose validation error `full_clean()` must
report, and the database constraint that must reject the row (for a check constraint, its
name; for a uniqueness rule, None: SQLite does not name those in its error).

The bad values are a dict for a rule about one row, or a callable that takes an existing
row and returns values duplicating it, for a uniqueness rule.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import pytest
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import IntegrityError, models, transaction

Bad = Mapping[str, Any] | Callable[[models.Model], Mapping[str, Any]]

# Django reports a uniqueness rule over several fields as an error of the whole form.
WHOLE_RECORD = NON_FIELD_ERRORS


def case(case_id: str, factory, bad: Bad, field: str, constraint: str | None = None):
    return pytest.param(factory, bad, field, constraint, id=case_id)


def _bad_values(factory, bad: Bad) -> Mapping[str, Any]:
    return bad(factory()) if callable(bad) else bad


def assert_database_rejects(factory, bad: Bad, constraint: str | None) -> None:
    """Writing the bad row with `objects.create()` (no validation) raises IntegrityError."""
    values = _bad_values(factory, bad)
    with pytest.raises(IntegrityError) as exc, transaction.atomic():
        factory(**values)
    message = str(exc.value)
    if constraint is None:
        assert "unique" in message.lower(), message
    else:
        assert constraint in message, message


def assert_validation_rejects(factory, bad: Bad, field: str) -> None:
    """The same values on a valid row make `full_clean()` report an error for `field`."""
    values = _bad_values(factory, bad)
    obj = factory()
    obj.full_clean()  # valid before the change
    for name, value in values.items():
        setattr(obj, name, value)
    with pytest.raises(ValidationError) as exc:
        obj.full_clean()
    assert field in exc.value.message_dict, exc.value.message_dict
