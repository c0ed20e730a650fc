"""How many of each record a synthetic data set of a given size holds."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, fields

BATCH_SIZE = 5000  # rows per INSERT
CHUNK = 5000  # projects generated (with their children) before the next bulk write

ITEMS_PER_PLAN = 8
PROJECTS_PER_PLAN = 10_000
PARTICIPANTS_PER_MEETING = 4
CITATIONS_PER_PROJECT = 5
SESSIONS_PER_BODY = 5
THEMES = 4  # themes in a synthetic data set, whatever its size
FIRST_DAY = dt.date(2016, 1, 1)
LAST_DAY = dt.date(2026, 12, 31)


def _share(projects: int, percent: int) -> int:
    return max(1, projects * percent // 100)


@dataclass(frozen=True)
class Counts:
    """How many records of each kind to generate; every count at least 1."""

    projects: int
    plans: int
    people: int
    organizations: int
    meetings: int
    documents: int
    sources: int
    indicators: int
    bodies: int = 1

    @classmethod
    def scaled(cls, projects: int, **given: int | None) -> Counts:
        """The counts for `projects` projects; any count given (not None) overrides its share."""
        defaults = {
            "plans": max(1, -(-projects // PROJECTS_PER_PLAN)),
            "people": _share(projects, 20),
            "organizations": _share(projects, 5),
            "meetings": _share(projects, 50),
            "documents": _share(projects, 10),
            "sources": _share(projects, 10),
            "indicators": _share(projects, 1),
            "bodies": max(1, projects // 1000),
        }
        values = {
            name: default if given.get(name) is None else given[name]
            for name, default in defaults.items()
        }
        counts = cls(projects=projects, **values)
        for field in fields(cls):
            if getattr(counts, field.name) < 1:
                raise ValueError(f"There must be at least one of {field.name}.")
        return counts

    def total(self) -> int:
        return sum(getattr(self, field.name) for field in fields(self))
