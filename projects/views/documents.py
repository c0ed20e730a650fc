"""Documents: their list (with CSV) and their pages."""

from __future__ import annotations

import datetime as dt

from django.db.models import F
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView

from coopr.citations import citations_of
from coopr.dates import partial_iso, partial_text, period_end
from coopr.listing import ListPage
from coopr.translated import in_language
from people.models import Position
from projects.models import Document
from projects.page_filters import DocumentPageFilter
from projects.views.common import absolute


def posts_during(positions, start: dt.date, end: dt.date) -> list[Position]:
    """The posts a source shows held at some time from `start` to `end`: a tenure that
    overlaps those days, or an undated post attested on one of them. None is guessed."""
    held = []
    for position in positions:
        if position.start or position.end:
            began = position.start or dt.date.min
            ended = dt.date.max
            if position.end:
                ended = period_end(position.end, position.end_precision)
            if began <= end and ended >= start:
                held.append(position)
        elif position.as_of and start <= position.as_of <= end:
            held.append(position)
    return held


class DocumentListView(ListPage):
    """Documents the sides signed or issued, newest first, with their parties; and a CSV."""

    template_name = "projects/document_list.html"
    filterset_class = DocumentPageFilter
    search_fields = ("title", "summary", "place")
    csv_filename = "documents.csv"

    @property
    def orderings(self):
        return {
            "date": (_("Newest first"), (F("signed_on").desc(nulls_last=True), "title_en", "pk")),
            "oldest": (_("Oldest first"), (F("signed_on").asc(nulls_last=True), "title_en", "pk")),
            "title": (_("Title"), (in_language("title"), "pk")),
        }

    def get_base_queryset(self):
        return Document.objects.for_list()

    def get_csv_columns(self):
        request = self.request

        def names(rows):
            return "; ".join(str(row) for row in rows)

        return [
            ("slug", lambda d: d.slug),
            (_("Title"), lambda d: d.title),
            (_("Kind"), lambda d: d.get_kind_display()),
            (_("Signed on"), lambda d: partial_text(d, "signed_on")),
            (_("Signed on (ISO 8601)"), lambda d: partial_iso(d, "signed_on")),
            (_("Place"), lambda d: d.place),
            (_("Signed at meeting"), lambda d: d.meeting.title if d.meeting else ""),
            (_("Parties"), lambda d: names(d.parties.all())),
            (_("Signatories"), lambda d: names(d.signatories.all())),
            (_("Text"), lambda d: d.url),
            ("URL", lambda d: absolute(request, d)),
        ]


class DocumentDetailView(DetailView):
    """A document: what, when and where it was signed, by whom (in the posts they held then)
    and between which parties, what it concerns; each fact beside its source."""

    queryset = Document.objects.for_page()
    template_name = "projects/document_detail.html"
    context_object_name = "document"

    def get_context_data(self, **kwargs):
        document = self.object
        signatories = list(document.signatories.all())
        if document.signed_on:
            until = period_end(document.signed_on, document.signed_on_precision)
            for person in signatories:
                person.posts_then = posts_during(person.positions.all(), document.signed_on, until)
        return super().get_context_data(
            signatories=signatories,
            cites=citations_of(
                document,
                {"summary", "meeting", "signatories", "parties", "plan_items", "projects", "url"},
            ),
            **kwargs,
        )
