"""The API's projects and meetings lists read as rows (coopr.api.rows): the JSON of
ProjectSummarySerializer and of MeetingSummarySerializer."""

from __future__ import annotations

from coopr.api.rows import STAMPS, Row, Rows, Text, translated_columns, url_maker

PARTIAL_DATES = ("start", "start_precision", "end", "end_precision")


class ProjectRows(Rows):
    columns = (
        "id",
        "slug",
        "plan_item_id",
        "plan_item__number",
        "plan_item__plan__slug",
        *translated_columns("title", prefix="plan_item__"),
        *translated_columns("title", "summary"),
        "status",
        *PARTIAL_DATES,
        "progress",
        *STAMPS,
    )
    view_name = "api:project-detail"
    translated = ("title", "summary")

    def __init__(self, request):
        super().__init__(request)
        self.item_url = url_maker("api:plan-item-detail", "pk", request)
        self.item_title = Text("title", prefix="plan_item__")

    def represent(self, row: Row) -> dict:
        item = row["plan_item_id"]
        return {
            "id": row["id"],
            "url": self.url(row["slug"]),
            "slug": row["slug"],
            "plan_item": item,
            "plan_item_summary": {
                "id": item,
                "url": self.item_url(item),
                "plan": row["plan_item__plan__slug"],
                "number": row["plan_item__number"],
                "title": self.item_title.shown(row),
            },
            **self.text(row, "title"),
            **self.text(row, "summary"),
            "status": row["status"],
            **self.partial_date(row, "start"),
            **self.partial_date(row, "end"),
            "progress": row["progress"],
            **self.stamps(row),
        }


class MeetingRows(Rows):
    columns = (
        "id",
        "slug",
        *translated_columns("title", "city", "description", "outcomes"),
        "kind",
        *PARTIAL_DATES,
        "body__slug",
        "session_number",
        "country",
        *STAMPS,
    )
    view_name = "api:meeting-detail"
    translated = ("title", "city", "description", "outcomes")

    def represent(self, row: Row) -> dict:
        return {
            "id": row["id"],
            "url": self.url(row["slug"]),
            "slug": row["slug"],
            **self.text(row, "title"),
            "kind": row["kind"],
            **self.partial_date(row, "start"),
            **self.partial_date(row, "end"),
            "body": row["body__slug"],
            "session_number": row["session_number"],
            **self.text(row, "city"),
            "country": row["country"],
            **self.text(row, "description"),
            **self.text(row, "outcomes"),
            **self.stamps(row),
        }
