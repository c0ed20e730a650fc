"""The site's URLs: public pages under a language prefix (/en/, /ru/, /ja/), the rest not."""

from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from coopr import health
from coopr.downloads import views as downloads
from coopr.site import views

urlpatterns = [
    path("admin/", admin.site.urls),
    # The admin's language form (a POST with CSRF); the public site's is `language/`.
    path("i18n/", include("django.conf.urls.i18n")),
    path("language/", views.switch_language, name="switch-language"),
    path("api/", include("coopr.site.api_urls")),
    # Answered by coopr.health.HealthMiddleware; routed too, so that they can be reversed.
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    # Browsers ask for /favicon.ico whatever the page says.
    path("favicon.ico", views.favicon),
    # A file of the current bulk download; the page that lists them is under a language.
    path("downloads/<str:version>/<str:name>", downloads.download, name="download-file"),
]

urlpatterns += i18n_patterns(
    path("", views.home, name="home"),
    path("search/", views.search, name="search"),
    path("changes.atom", views.changes_feed, name="changes-feed"),
    path("downloads/", downloads.page, name="downloads"),
    path("sources/", views.SourceListView.as_view(), name="source-list"),
    path("sources/<slug:slug>/", views.SourceDetailView.as_view(), name="source-detail"),
    path("", include("people.urls")),
    path("", include("projects.urls")),
)

handler404 = "coopr.site.views.not_found"
handler500 = "coopr.site.views.server_error"
