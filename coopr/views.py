"""Site-wide pages: home, health, sources."""

from django.http import HttpRequest, HttpResponse, HttpResponsePermanentRedirect, JsonResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.views.generic import DetailView

from coopr.listing import ListPage
from coopr.models import Source
from projects import selectors


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "home.html", selectors.home_context())


def healthz(request: HttpRequest) -> JsonResponse:
    """The process answers: no database, no cache."""
    return JsonResponse({"status": "ok"})


class SourceListView(ListPage):
    """Placeholder until the sources list is built."""

    template_name = "coopr/placeholder_list.html"

    def get_base_queryset(self):
        return Source.objects.order_by("pk")


class SourceDetailView(DetailView):
    model = Source
    template_name = "coopr/source_detail.html"
    context_object_name = "source"


def search(request: HttpRequest) -> HttpResponse:
    """Placeholder until the site-wide search is built."""
    return render(request, "coopr/placeholder_list.html", {"object_list": []})


def changes_feed(request: HttpRequest) -> HttpResponse:
    """Placeholder until the Atom feed of changes is built."""
    return HttpResponse("", content_type="application/atom+xml")


def favicon(request: HttpRequest) -> HttpResponsePermanentRedirect:
    """Browsers ask for /favicon.ico whatever the page says."""
    return HttpResponsePermanentRedirect(static("coopr/favicon.svg"))


def _api_error(status: int, code: str, message: str) -> JsonResponse:
    """The API's one error format, for errors raised outside DRF's views."""
    body = {"error": {"status": status, "code": code, "message": message}}
    return JsonResponse(body, status=status)


def not_found(request: HttpRequest, exception=None) -> HttpResponse:
    """404: the API's error format under /api/, a friendly page elsewhere."""
    if request.path.startswith("/api/"):
        return _api_error(404, "not_found", "There is nothing at this address.")
    return render(request, "404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    """500: never a traceback; the API's error format under /api/."""
    if request.path.startswith("/api/"):
        return _api_error(500, "server_error", "Something went wrong on our side.")
    return render(request, "500.html", status=500)
