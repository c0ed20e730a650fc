from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CooprConfig(AppConfig):
    name = "coopr"
    verbose_name = _("Sources and citations")

    def ready(self) -> None:
        from django.core import checks
        from django.db.models.signals import post_migrate

        import coopr.lookups  # noqa: F401  (registers the `uicontains` lookup)
        from coopr.cache import check_shared_cache
        from coopr.records import register_record_types
        from coopr.roles import sync_roles_after_migrate

        register_record_types()
        post_migrate.connect(sync_roles_after_migrate, dispatch_uid="coopr.sync_roles")
        checks.register(check_shared_cache, checks.Tags.caches)
