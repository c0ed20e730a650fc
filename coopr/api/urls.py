"""The API's routes: /api/v1/<resource>/, the OpenAPI schema and its docs."""

from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularRedocView, SpectacularSwaggerView
from rest_framework.routers import DefaultRouter

from coopr.api.sources import SourceViewSet
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
    path("schema/", SpectacularAPIView.as_view(), name="schema"),
    path("docs/", SpectacularSwaggerView.as_view(url_name="schema"), name="swagger-ui"),
    path("redoc/", SpectacularRedocView.as_view(url_name="schema"), name="redoc"),
]
