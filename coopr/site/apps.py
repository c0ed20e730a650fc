from django.apps import AppConfig


class SiteConfig(AppConfig):
    """The top floor: an app of its own (no models) so that its commands are found."""

    name = "coopr.site"
    label = "coopr_site"
    # Shown nowhere (no models, so no admin section): not a message to translate.
    verbose_name = "The site"

    def ready(self) -> None:
        # Last in INSTALLED_APPS: every app has registered its record types by now.
        from coopr import downloads
        from coopr.cache import watch_record_changes

        watch_record_changes()
        downloads.watch_record_changes()
