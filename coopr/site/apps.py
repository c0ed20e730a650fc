from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SiteConfig(AppConfig):
    """The top floor: an app of its own (no models) so that its commands are found."""

    name = "coopr.site"
    label = "coopr_site"
    verbose_name = _("The site")

    def ready(self) -> None:
        # Last in INSTALLED_APPS: every app has registered its record types by now.
        from coopr.cache import watch_record_changes

        watch_record_changes()
