from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProjectsConfig(AppConfig):
    name = "projects"
    verbose_name = _("Plans, projects and meetings")

    def ready(self) -> None:
        from projects.records import register_record_types

        register_record_types()
