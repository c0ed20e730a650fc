"""The API's people list read as rows (coopr.api.rows): PersonSummarySerializer's JSON."""

from __future__ import annotations

from coopr.api.rows import STAMPS, Row, Rows, translated_columns


class PersonRows(Rows):
    columns = (
        "id",
        "slug",
        *translated_columns("name", "biography"),
        "sort_name",
        "other_names",
        "country",
        *STAMPS,
    )
    view_name = "api:person-detail"
    translated = ("name", "biography")

    def represent(self, row: Row) -> dict:
        return {
            "id": row["id"],
            "url": self.url(row["slug"]),
            "slug": row["slug"],
            **self.text(row, "name"),
            "sort_name": row["sort_name"],
            "other_names": row["other_names"],
            "country": row["country"],
            **self.text(row, "biography"),
            **self.stamps(row),
        }
