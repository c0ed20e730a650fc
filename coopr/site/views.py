"""Site-wide pages: home, health, sources."""

import sys
from dataclasses import dataclass, field

from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.prefetch import GenericPrefetch
from django.core.exceptions import FieldDoesNotExist
from django.db.models import F
from django.http import (
    HttpRequest,
    HttpResponse,
    HttpResponsePermanentRedirect,
    HttpResponseRedirect,
)
from django.shortcuts import render
from django.template.defaultfilters import floatformat
from django.templatetags.static import static
from django.urls import translate_url
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from django.views.generic import DetailView

from coopr import exports, health
from coopr.api.responses import error_response
from coopr.listing import ListPage
from coopr.middleware import LANGUAGE_CODES
from coopr.models import Source
from coopr.site import search as site_search
from coopr.site.feeds import ChangesFeed
from coopr.source_filters import SourceFilter
from people.selectors import post_text
from projects import selectors


def home(request: HttpRequest) -> HttpResponse:
    """The plan at a glance; "latest" and "next" meetings are split at today's date."""
    return render(request, "home.html", selectors.home_context(today=timezone.localdate()))


def switch_language(request: HttpRequest) -> HttpResponseRedirect:
    """The header's language switcher: the same page in the chosen language.

    A GET form, unlike Django's `set_language` (a POST with a CSRF token): public pages carry
    no token or cookie, so one rendering serves every visitor from the cache. The choice is
    remembered in the language cookie for the addresses without a language prefix.
    """
    code = request.GET.get("language", "")
    target = request.GET.get("next", "")
    safe = url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    )
    if not safe or not target.startswith("/"):
        target = "/"
    if code not in LANGUAGE_CODES:
        return HttpResponseRedirect(target)
    response = HttpResponseRedirect(translate_url(target, code))
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        code,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        samesite="Lax",
        secure=request.is_secure(),
        httponly=True,
    )
    return response


class SourceListView(ListPage):
    """The publications the record cites, each with the number of facts it supports."""

    template_name = "coopr/source_list.html"
    filterset_class = SourceFilter
    search_fields = ("title", "publisher")
    orderings = {
        "newest": (_("Newest first"), (F("published_on").desc(nulls_last=True), "title", "pk")),
        "oldest": (_("Oldest first"), (F("published_on").asc(nulls_last=True), "title", "pk")),
        "cited": (_("Most facts supported"), ("-citation_count", "title", "pk")),
        "publisher": (_("Publisher"), ("publisher", "title", "pk")),
        "title": (_("Title"), ("title", "pk")),
    }
    csv_filename = "sources.csv"

    def get_base_queryset(self):
        return Source.objects.with_citation_counts()

    def get_csv_columns(self) -> list[exports.Column]:
        url = self.request.build_absolute_uri
        return [
            (_("Slug"), lambda s: s.slug),
            (_("Publisher"), lambda s: s.publisher),
            (_("Title"), lambda s: s.title),
            (_("Published"), lambda s: s.display_date("published_on")),
            (_("Published on (first day of the period)"), lambda s: s.published_on or ""),
            (_("Precision"), lambda s: s.published_on_precision if s.published_on else ""),
            (_("Language"), lambda s: s.language),
            (_("Kind"), lambda s: s.get_kind_display()),
            (_("Facts supported"), lambda s: s.citation_count),
            (_("Original URL"), lambda s: s.url),
            (_("URL"), lambda s: url(s.get_absolute_url())),
        ]


class SourceDetailView(DetailView):
    """A source: its bibliographic data and every fact it supports, grouped by record.

    Citations point at any record (a generic foreign key). They are read in one query and
    their records in one query per record type (GenericPrefetch), each with what its name
    and link need, so the page's queries do not grow with the number of citations.
    """

    queryset = Source.objects.with_citation_counts()
    template_name = "coopr/source_detail.html"
    context_object_name = "source"

    # Records without a page of their own link to the page that shows them.
    shown_on = {
        "people.position": "person",
        "projects.meetingparticipant": "meeting",
        "projects.projectorganization": "project",
        "projects.projectperson": "project",
        "projects.projectupdate": "project",
        "projects.observation": "indicator",
    }
    # What each record type's name and link read, fetched with the record.
    related = {
        "projects.planitem": ("plan",),
        "people.position": ("person", "organization"),
        "projects.meetingparticipant": ("meeting", "person"),
        "projects.projectorganization": ("project", "organization"),
        "projects.projectperson": ("project", "person"),
        "projects.projectupdate": ("project",),
        "projects.observation": ("indicator",),
    }

    # How records without a page of their own are named, in the active language.
    labels = {
        "people.position": lambda p: (
            _("%(person)s: %(post)s") % {"person": p.person, "post": post_text(p)}
        ),
        "projects.meetingparticipant": lambda p: (
            _("%(person)s at %(meeting)s") % {"person": p.person, "meeting": p.meeting}
        ),
        "projects.projectorganization": lambda p: (
            _("%(organization)s in %(project)s")
            % {"organization": p.organization, "project": p.project}
        ),
        "projects.projectperson": lambda p: (
            _("%(person)s in %(project)s") % {"person": p.person, "project": p.project}
        ),
        "projects.projectupdate": lambda u: (
            _("%(project)s, %(date)s: %(note)s")
            % {"project": u.project, "date": u.display_date("date"), "note": u.note}
        ),
        "projects.observation": lambda o: (
            _("%(indicator)s: %(value)s (%(date)s)")
            % {
                "indicator": o.indicator,
                "value": floatformat(o.value, -2)
                if o.qualifier == o.Qualifier.EXACT
                else f"{o.get_qualifier_display()} {floatformat(o.value, -2)}",
                "date": o.display_date("date"),
            }
        ),
    }

    def get_context_data(self, **kwargs):
        return super().get_context_data(supported=self.supported_records(), **kwargs)

    def supported_records(self) -> list["SupportedType"]:
        """Every citation of the source, grouped by record type, then by record."""
        targets = GenericPrefetch(
            "target",
            [
                apps.get_model(label)._default_manager.select_related(*fields)
                for label, fields in self.related.items()
            ],
        )
        citations = (
            self.object.citations.select_related("content_type")
            .prefetch_related(targets)
            .order_by("content_type", "object_id", "field_name", "pk")
        )
        types: dict[int, SupportedType] = {}
        for citation in citations:
            model = citation.content_type.model_class()
            group = types.get(citation.content_type_id)
            if group is None:
                group = types[citation.content_type_id] = SupportedType(model)
            group.add(
                citation,
                self.label_of(citation.target, model),
                self.page_of(citation.target, model),
            )
        return sorted(types.values(), key=lambda t: str(t.name))

    def label_of(self, record, model) -> str:
        if record is None:
            return str(_("a record no longer on file"))
        label = self.labels.get(model._meta.label_lower, str)
        return str(label(record))

    def page_of(self, record, model) -> str:
        """The public page that shows `record`: its own or its owner's."""
        if record is None:
            return ""
        owner = self.shown_on.get(model._meta.label_lower)
        if owner:
            record = getattr(record, owner)
        return record.get_absolute_url() if hasattr(record, "get_absolute_url") else ""


@dataclass
class SupportedRecord:
    """One record a source supports, with the citations that support it."""

    label: str
    url: str
    citations: list = field(default_factory=list)


class SupportedType:
    """The records of one type a source supports (people, meetings, …)."""

    def __init__(self, model) -> None:
        self.model = model
        self.name = capfirst(model._meta.verbose_name_plural)
        self.anchor = f"supports-{model._meta.model_name}"
        self.records: dict[int, SupportedRecord] = {}

    def add(self, citation, label: str, url: str) -> None:
        record = self.records.get(citation.object_id)
        if record is None:
            record = self.records[citation.object_id] = SupportedRecord(label, url)
        citation.field_label = self.field_label(citation.field_name)
        record.citations.append(citation)

    def field_label(self, name: str) -> str:
        """The field's name as the admin shows it ("title", "start"), in the active language."""
        if not name:
            return ""
        try:
            return capfirst(getattr(self.model._meta.get_field(name), "verbose_name", name))
        except FieldDoesNotExist:
            return name

    @property
    def record_list(self) -> list[SupportedRecord]:
        return sorted(self.records.values(), key=lambda r: str(r.label))

    @property
    def record_count(self) -> int:
        return len(self.records)


def search(request: HttpRequest) -> HttpResponse:
    """One search across every kind of record (coopr/site/search/); `?type=` shows one kind,
    page by page. An unknown type is a bad request, explained on the page."""
    context = site_search.page_context(request.GET)
    status = 400 if context["type_error"] else 200
    return render(request, "coopr/search.html", context, status=status)


# The Atom feed of recent changes (see coopr.site.feeds).
changes_feed = ChangesFeed()


def favicon(request: HttpRequest) -> HttpResponsePermanentRedirect:
    """Browsers ask for /favicon.ico whatever the page says."""
    return HttpResponsePermanentRedirect(static("coopr/favicon.svg"))


def not_found(request: HttpRequest, exception=None) -> HttpResponse:
    """404: the API's error format under /api/, a friendly page elsewhere."""
    if request.path.startswith("/api/"):
        return error_response(404, "not_found", "There is nothing at this address.")
    return render(request, "404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    """500: never a traceback; the API's error format under /api/.

    Django calls this while handling the uncaught exception: when that is the database not
    answering, the answer is 503 "temporarily unavailable" instead (coopr.health).
    """
    if health.is_unavailable(sys.exc_info()[1]):
        return health.unavailable(request)
    if request.path.startswith("/api/"):
        return error_response(500, "server_error", "Something went wrong on our side.")
    return render(request, "500.html", status=500)
