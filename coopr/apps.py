from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CooprConfig(AppConfig):
    name = "coopr"
    verbose_name = _("Sources and citations")
