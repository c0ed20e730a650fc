from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CooprConfig(AppConfig):
    name = "coopr"
    verbose_name = _("Sources and citations")

    def ready(self) -> None:
        from django.apps import apps
        from django.db.models.signals import m2m_changed, post_delete, post_migrate, post_save

        import coopr.lookups  # noqa: F401  (registers the `uicontains` lookup)
        from coopr.cache import mark_changed
        from coopr.roles import RECORD_APPS, sync_roles_after_migrate

        post_migrate.connect(sync_roles_after_migrate, dispatch_uid="coopr.sync_roles")
        # Any write to the record moves the lists' Last-Modified on.
        for label in RECORD_APPS:
            for model in apps.get_app_config(label).get_models():
                for signal in (post_save, post_delete):
                    signal.connect(
                        mark_changed,
                        sender=model,
                        dispatch_uid=f"coopr.changed.{model._meta.label}",
                    )
        m2m_changed.connect(mark_changed, dispatch_uid="coopr.changed.m2m")
