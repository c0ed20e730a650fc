"""The API's projects and meetings lists read as rows (coopr.api.rows): the JSON of
ProjectSummarySerializer and of MeetingSummarySerializer."""

from __future__ import annotations

from django.utils import timezone

from coopr.api.rows import Row, Text, date, moment, partial_display, url_maker

COLUMNS = (
    "id",
    "slug",
    "plan_item_id",
    "plan_item__number",
    "plan_item__plan__slug",
    *(f"plan_item__title_{code}" for code in ("en", "ru", "ja")),
    *(f"{name}_{code}" for name in ("title", "summary") for code in ("en", "ru", "ja")),
    "status",
    "start",
    "start_precision",
    "end",
    "end_precision",
    "progress",
    "version",
    "created",
    "updated",
)


class ProjectRows:
    """Turns rows of `COLUMNS` into the summary of each project, for one request (its host
    and language)."""

    columns = COLUMNS

    def __init__(self, request):
        self.url = url_maker("api:project-detail", "slug", request)
        self.item_url = url_maker("api:plan-item-detail", "pk", request)
        self.title, self.summary = Text("title"), Text("summary")
        self.item_title = Text("title", prefix="plan_item__")
        self.zone = timezone.get_current_timezone()

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
            "title": self.title.shown(row),
            "title_i18n": self.title.every(row),
            "summary": self.summary.shown(row),
            "summary_i18n": self.summary.every(row),
            "status": row["status"],
            "start": date(row["start"]),
            "start_precision": row["start_precision"],
            "start_display": partial_display(row, "start"),
            "end": date(row["end"]),
            "end_precision": row["end_precision"],
            "end_display": partial_display(row, "end"),
            "progress": row["progress"],
            "version": row["version"],
            "created": moment(row["created"], self.zone),
            "updated": moment(row["updated"], self.zone),
        }


MEETING_COLUMNS = (
    "id",
    "slug",
    *(f"title_{code}" for code in ("en", "ru", "ja")),
    "kind",
    "start",
    "start_precision",
    "end",
    "end_precision",
    "body__slug",
    "session_number",
    *(
        f"{name}_{code}"
        for name in ("city", "description", "outcomes")
        for code in ("en", "ru", "ja")
    ),
    "country",
    "version",
    "created",
    "updated",
)


class MeetingRows:
    """Turns rows of `MEETING_COLUMNS` into the summary of each meeting, for one request."""

    columns = MEETING_COLUMNS

    def __init__(self, request):
        self.url = url_maker("api:meeting-detail", "slug", request)
        self.title, self.city = Text("title"), Text("city")
        self.description, self.outcomes = Text("description"), Text("outcomes")
        self.zone = timezone.get_current_timezone()

    def represent(self, row: Row) -> dict:
        return {
            "id": row["id"],
            "url": self.url(row["slug"]),
            "slug": row["slug"],
            "title": self.title.shown(row),
            "title_i18n": self.title.every(row),
            "kind": row["kind"],
            "start": date(row["start"]),
            "start_precision": row["start_precision"],
            "start_display": partial_display(row, "start"),
            "end": date(row["end"]),
            "end_precision": row["end_precision"],
            "end_display": partial_display(row, "end"),
            "body": row["body__slug"],
            "session_number": row["session_number"],
            "city": self.city.shown(row),
            "city_i18n": self.city.every(row),
            "country": row["country"],
            "description": self.description.shown(row),
            "description_i18n": self.description.every(row),
            "outcomes": self.outcomes.shown(row),
            "outcomes_i18n": self.outcomes.every(row),
            "version": row["version"],
            "created": moment(row["created"], self.zone),
            "updated": moment(row["updated"], self.zone),
        }
