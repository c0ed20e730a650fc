"""The API's routes: /api/v1/<resource>/, the OpenAPI schema and its docs."""

from django.urls import include, path
from django.utils.module_loading import import_string
from django.views.generic import RedirectView
from drf_spectacular.views import SpectacularSwaggerSplitView
from rest_framework.reverse import reverse
from rest_framework.routers import DefaultRouter

from coopr import __version__
from coopr.api.changes import ChangeViewSet
from coopr.api.downloads import DownloadsView
from coopr.api.views import SchemaView
from coopr.registry import in_api


class ApiRootView(DefaultRouter.APIRootView):
    """/api/v1/: the version of coopr that answers (as the site footer shows it), then a link
    to each resource, and to the bulk downloads of the whole record."""

    def get(self, request, *args, **kwargs):
        response = super().get(request, *args, **kwargs)
        downloads = reverse("api-downloads", request=request)
        response.data = {"version": __version__, **response.data, "downloads": downloads}
        return response


# One resource per record type that declares one (coopr/registry.py), in the site's order.
router = DefaultRouter()
router.APIRootView = ApiRootView
for record_type in in_api():
    api = record_type.api
    assert api is not None
    router.register(api.prefix, import_string(api.viewset), basename=api.basename)
# Every create, update and delete of the records above, in order (coopr.changes).
router.register("changes", ChangeViewSet, basename="change")

urlpatterns = [
    path("v1/downloads/", DownloadsView.as_view(), name="api-downloads"),
    path("v1/", include((router.urls, "api"), namespace="api")),
    path("schema/", SchemaView.as_view(), name="schema"),
    # The split view serves Swagger UI's set-up script from an address of its own, so the
    # Content-Security-Policy needs no inline script.
    path("docs/", SpectacularSwaggerSplitView.as_view(url_name="schema"), name="swagger-ui"),
    # Redoc was dropped: it injects inline styles, which the Content-Security-Policy forbids.
    path("redoc/", RedirectView.as_view(pattern_name="swagger-ui", permanent=True)),
]
