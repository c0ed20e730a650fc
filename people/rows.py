"""The API's people list read as rows (coopr.api.rows): PersonSummarySerializer's JSON."""

from __future__ import annotations

from django.utils import timezone

from coopr.api.rows import Row, Text, moment, url_maker

COLUMNS = (
    "id",
    "slug",
    *(f"{name}_{code}" for name in ("name", "biography") for code in ("en", "ru", "ja")),
    "sort_name",
    "other_names",
    "country",
    "version",
    "created",
    "updated",
)


class PersonRows:
    """Turns rows of `COLUMNS` into the summary of each person, for one request."""

    columns = COLUMNS

    def __init__(self, request):
        self.url = url_maker("api:person-detail", "slug", request)
        self.name, self.biography = Text("name"), Text("biography")
        self.zone = timezone.get_current_timezone()

    def represent(self, row: Row) -> dict:
        return {
            "id": row["id"],
            "url": self.url(row["slug"]),
            "slug": row["slug"],
            "name": self.name.shown(row),
            "name_i18n": self.name.every(row),
            "sort_name": row["sort_name"],
            "other_names": row["other_names"],
            "country": row["country"],
            "biography": self.biography.shown(row),
            "biography_i18n": self.biography.every(row),
            "version": row["version"],
            "created": moment(row["created"], self.zone),
            "updated": moment(row["updated"], self.zone),
        }
