"""A synthetic data set for load and search testing, in plans of its own (issue #6).

Everything generated here is told apart from the real data set by its slug: every record that
has one (plans, projects, people, organizations, meetings, documents, indicators, sources)
gets a slug starting with `SYNTHETIC_PREFIX`, and every record without one hangs off such a
record (a synthetic plan's items, a synthetic project's updates and links, a synthetic
person's posts, …). `synthetic_q()` says which rows those are, for every table, and
`remove_synthetic()` deletes exactly them, so the real data set is never touched.

Rows are written with `bulk_create` (no signals, no per-row `save()` or `full_clean()`),
projects in chunks with their children, so a hundred thousand projects load in minutes. The
values are built to pass every model check and constraint (partial dates on the first day of
their period, ends not before starts, unique links); the tests run `full_clean()` on a sample.
Text is generated in English, Russian and Japanese from small word lists, so a search has
words to find in every script. The same seed gives the same data set.

Modules: `identity` (which rows are synthetic; removing them), `counts` (how many of each),
`words` (the word lists), `generator` (the generator, built from `people`, `plans` and
`events`). Every name is importable from `projects.synthetic`.
"""

from projects.synthetic.counts import Counts
from projects.synthetic.generator import Generator, generate
from projects.synthetic.identity import (
    CITABLE,
    DELETE_ORDER,
    M2M_FIELDS,
    OWNERS,
    SLUGGED,
    SYNTHETIC_PREFIX,
    SyntheticDataError,
    history_model,
    label,
    real_rows_pointing_at_synthetic,
    remove_synthetic,
    synthetic,
    synthetic_q,
    through,
)

__all__ = [
    "CITABLE",
    "DELETE_ORDER",
    "M2M_FIELDS",
    "OWNERS",
    "SLUGGED",
    "SYNTHETIC_PREFIX",
    "Counts",
    "Generator",
    "SyntheticDataError",
    "generate",
    "history_model",
    "label",
    "real_rows_pointing_at_synthetic",
    "remove_synthetic",
    "synthetic",
    "synthetic_q",
    "through",
]
