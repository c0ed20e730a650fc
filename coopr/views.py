"""Site-wide pages: home, health, sources."""

from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.views.generic import DetailView

from coopr.models import Source
from projects import selectors


def home(request: HttpRequest) -> HttpResponse:
    return render(request, "home.html", selectors.home_context())


def healthz(request: HttpRequest) -> JsonResponse:
    """The process answers: no database, no cache."""
    return JsonResponse({"status": "ok"})


class SourceDetailView(DetailView):
    model = Source
    template_name = "coopr/source_detail.html"
    context_object_name = "source"
