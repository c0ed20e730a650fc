"""The generator: writes one synthetic data set of a given size."""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter
from collections.abc import Callable

from django.contrib.contenttypes.models import ContentType
from django.db import models

from coopr.dates import Precision, normalise
from projects.models import (
    Project,
)
from projects.synthetic.bodies import BodiesGenerator
from projects.synthetic.counts import BATCH_SIZE, FIRST_DAY, LAST_DAY, Counts
from projects.synthetic.events import EventsGenerator
from projects.synthetic.identity import SLUGGED, SyntheticDataError, synthetic
from projects.synthetic.people import PeopleGenerator
from projects.synthetic.plans import PlansGenerator
from projects.synthetic.words import ACTIONS, CITIES, TOPICS

# The generator -------------------------------------------------------------------------------


class Generator(PeopleGenerator, PlansGenerator, EventsGenerator, BodiesGenerator):
    """Writes one synthetic data set of the given size; `run()` returns the rows per model.

    Call it inside a transaction, with English active (the untranslated column of each
    translated field takes the English text, as the loader writes it).
    """

    def __init__(
        self,
        counts: Counts,
        *,
        seed: int = 0,
        progress: Callable[[int], None] = lambda done: None,
        batch_size: int = BATCH_SIZE,
    ) -> None:
        self.counts = counts
        self.rng = random.Random(seed)
        self.progress = progress
        self.batch_size = batch_size
        self.created: Counter = Counter()
        self.project_type = ContentType.objects.get_for_model(Project)

    # Helpers -----------------------------------------------------------------------------

    def write(self, model: type[models.Model], rows: list[models.Model]) -> list[models.Model]:
        if rows:
            model._default_manager.bulk_create(rows, batch_size=self.batch_size)
            self.created[model] += len(rows)
        return rows

    def day(self, first: dt.date = FIRST_DAY, last: dt.date = LAST_DAY) -> dt.date:
        return dt.date.fromordinal(self.rng.randint(first.toordinal(), last.toordinal()))

    def partial(self, value: dt.date, day: int = 70, month: int = 20, year: int = 10):
        """`value` as a source might give it: (first day of its period, precision)."""
        precision = self.rng.choices(
            (Precision.DAY, Precision.MONTH, Precision.YEAR), (day, month, year)
        )[0]
        return normalise(value, precision), precision

    def later(self, start: dt.date, end: dt.date, day: int = 70):
        """A partial end on or after `start` (a normalised end may not fall before it)."""
        value, precision = self.partial(end, day=day, month=100 - day, year=0)
        if value < start:
            value, precision = max(end, start), Precision.DAY
        return value, precision

    def words(self) -> tuple[tuple, tuple, tuple]:
        return self.rng.choice(TOPICS), self.rng.choice(ACTIONS), self.rng.choice(CITIES)

    def pick(self, population: list, k: int) -> list:
        return self.rng.sample(population, min(k, len(population)))

    # The data set ---------------------------------------------------------------------------

    def run(self) -> Counter:
        self.sources()
        self.organizations()
        self.people()
        self.meetings()  # before the plans, which were proposed at them
        self.bodies()  # some meetings were their sessions
        self.plans()
        self.projects()
        self.themes()
        self.meeting_topics()  # the items and projects discussed at each meeting
        self.documents()
        self.indicators()
        return self.created


def generate(
    counts: Counts,
    *,
    seed: int = 0,
    progress: Callable[[int], None] = lambda done: None,
) -> Counter:
    """Write a synthetic data set; the number of rows written per model.

    Refuses when one is already there: remove it first (`remove_synthetic`).
    """
    if any(synthetic(model).exists() for model in SLUGGED):
        raise SyntheticDataError(
            "A synthetic data set is already loaded; remove it first (--reset)."
        )
    return Generator(counts, seed=seed, progress=progress).run()
