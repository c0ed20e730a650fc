"""The API's routes: /api/v1/<resource>/, the OpenAPI schema and its docs."""

from django.urls import include, path
from django.views.generic import RedirectView
from drf_spectacular.views import SpectacularSwaggerSplitView
from rest_framework.routers import DefaultRouter

from coopr.api.sources import SourceViewSet
from coopr.api.views import SchemaView
from people.api import OrganizationViewSet, PersonViewSet
from projects.api import (
    DocumentViewSet,
    IndicatorViewSet,
    MeetingViewSet,
    PlanItemViewSet,
    PlanViewSet,
    ProjectViewSet,
)

router = DefaultRouter()
router.register("plans", PlanViewSet, basename="plan")
router.register("plan-items", PlanItemViewSet, basename="plan-item")
router.register("projects", ProjectViewSet, basename="project")
router.register("people", PersonViewSet, basename="person")
router.register("organizations", OrganizationViewSet, basename="organization")
router.register("meetings", MeetingViewSet, basename="meeting")
router.register("documents", DocumentViewSet, basename="document")
router.register("indicators", IndicatorViewSet, basename="indicator")
router.register("sources", SourceViewSet, basename="source")

urlpatterns = [
    path("v1/", include((router.urls, "api"), namespace="api")),
    path("schema/", SchemaView.as_view(), name="schema"),
    # The split view serves Swagger UI's set-up script from an address of its own, so the
    # Content-Security-Policy needs no inline script.
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="schema"), name="swagger-ui"),
    # Redoc was dropped: it injects inline styles, which the Content-Security-Policy forbids.
    path("redoc/", RedirectView.as_view(pattern_name="swagger-ui", permanent=True)),
]
