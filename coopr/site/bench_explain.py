"""`make bench`'s query plans: EXPLAIN (ANALYZE) of the main query of each request measured.

The main query of a request is its slowest one (transaction control left out), as Django's
test client ran it against the benchmark's database. Its plan is printed, and the report says
whether it reads a whole large table: a sequential scan of projects, meetings, people,
organizations or citations (a sort over one of them needs such a scan below it).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.db import connection

# The tables that grow with the data set: no request may read one of them whole.
LARGE_TABLES = (
    "projects_project",
    "projects_meeting",
    "people_person",
    "people_organization",
    "coopr_citation",
)
TRANSACTION = re.compile(r"^\s*(BEGIN|COMMIT|ROLLBACK|SAVEPOINT|RELEASE SAVEPOINT|SET)\b", re.I)


@dataclass
class Plan:
    sql: str
    milliseconds: float
    text: str

    @property
    def whole_table_reads(self) -> list[str]:
        return whole_table_reads(self.text)


def main_query(captured: list[dict]) -> dict | None:
    """The slowest query of a request (as CaptureQueriesContext recorded it), if any."""
    queries = [q for q in captured if not TRANSACTION.match(q["sql"])]
    return max(queries, key=lambda q: float(q["time"]), default=None)


def whole_table_reads(plan: str) -> list[str]:
    """The large tables a plan scans sequentially (each once)."""
    found = re.findall(r"Seq Scan on (\w+)", plan)
    return sorted({table for table in found if table in LARGE_TABLES})


def explain(sql: str) -> Plan:
    """Run the query under EXPLAIN (ANALYZE) and keep its plan and its execution time."""
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (ANALYZE) {sql}")
        text = "\n".join(row[0] for row in cursor.fetchall())
    timing = re.search(r"Execution Time: ([\d.]+) ms", text)
    return Plan(sql=sql, milliseconds=float(timing.group(1)) if timing else 0.0, text=text)
