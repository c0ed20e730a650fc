"""Staff roles: what Editors and Viewers may do. Applied by a data migration and `sync_roles`.

- Editors add, change and view every record of the cooperation record and may delete all but
  plans and plan items (removing one would orphan a whole plan's projects); they cannot
  manage users, groups or API tokens of others.
- Viewers view everything and change nothing.
- Nobody but a superuser edits history by hand: it is the audit trail.
Superusers keep every right, as usual.
"""

from __future__ import annotations

from coopr.registry import record_apps, record_types

EDITORS = "Editors"
VIEWERS = "Viewers"


def protected_from_editors() -> set[tuple[str, str]]:
    """Models Editors may not delete, as (app label, model name): the record types that say so
    (coopr/registry.py)."""
    return {
        (t.app_label, t.model_label.partition(".")[2].lower())
        for t in record_types()
        if not t.editors_may_delete
    }


def role_permissions(Permission, role: str):
    """The permissions a role holds, as a queryset of Permission."""
    perms = Permission.objects.filter(content_type__app_label__in=record_apps()).select_related(
        "content_type"
    )
    protected = protected_from_editors()
    if role == VIEWERS:
        return perms.filter(codename__startswith="view_")
    allowed = []
    for perm in perms:
        action = perm.codename.split("_", 1)[0]
        key = (perm.content_type.app_label, perm.content_type.model)
        if perm.content_type.model.startswith("historical"):
            # History is the audit trail: it is read, never edited by hand.
            if action == "view":
                allowed.append(perm.pk)
            continue
        if action in {"view", "add", "change"} or (action == "delete" and key not in protected):
            allowed.append(perm.pk)
    return Permission.objects.filter(pk__in=allowed)


def sync_roles(apps=None, *, create_missing_permissions: bool = False) -> None:
    """Create the role groups and give them exactly their permissions.

    A data migration runs before Django creates permissions (that happens after migrating),
    so it passes its own app registry and `create_missing_permissions=True`.
    """
    if apps is None:
        from django.apps import apps as global_apps

        apps = global_apps
    if create_missing_permissions:
        from django.contrib.auth.management import create_permissions

        for config in apps.get_app_configs():
            config.models_module = True
            create_permissions(config, apps=apps, verbosity=0)
            config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for role in (EDITORS, VIEWERS):
        group, _ = Group.objects.get_or_create(name=role)
        group.permissions.set(role_permissions(Permission, role))


def sync_roles_after_migrate(sender, **kwargs) -> None:
    """post_migrate: keep roles whole after new models, and after a test flush.

    Each record app's permissions exist only once its own post_migrate has run, so this
    runs after each of them (auth's handler was connected first, so it has just run).
    """
    if sender.label in record_apps():
        sync_roles(kwargs.get("apps"))
