from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SiteConfig(AppConfig):
    """The top floor: an app of its own (no models) so that its commands are found."""

    name = "coopr.site"
    label = "coopr_site"
    verbose_name = _("The site")
