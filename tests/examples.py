"""How many examples the property-based tests run (Hypothesis, schemathesis).

Chosen by the environment variable HYPOTHESIS_PROFILE:

- `ci` (what .ci/run sets): each test's full count, as written in the test;
- `dev` (the default, for local runs): a quarter of it, at least 2.

The profile is also loaded into Hypothesis itself, for tests that do not give a count.
"""

from __future__ import annotations

import os

from hypothesis import settings

SHARE = {"ci": 1.0, "dev": 0.25}
PROFILE = os.environ.get("HYPOTHESIS_PROFILE", "dev")
if PROFILE not in SHARE:
    raise RuntimeError(f"HYPOTHESIS_PROFILE={PROFILE!r}: expected one of {sorted(SHARE)}")

settings.register_profile("ci", max_examples=100)
settings.register_profile("dev", max_examples=25)
settings.load_profile(PROFILE)


def examples(ci_count: int) -> int:
    """The number of examples for a test that runs `ci_count` in CI."""
    if PROFILE == "ci":
        return ci_count
    return max(2, round(ci_count * SHARE[PROFILE]))


# The fixed-query tests read each list with one row and with MANY_ROWS rows, each with its
# related rows: a relation read once per row (N+1) already shows at two rows, and 60 is more
# than a default page (50) and the site's pages of 25, so paging is part of it. (It was 200:
# the same proof for three times the rows written, a third of the quick run.)
MANY_ROWS = 60
