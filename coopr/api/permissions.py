"""Who may do what through the API: read for everyone, write with the model's permission."""

from __future__ import annotations

from rest_framework.permissions import SAFE_METHODS, DjangoModelPermissionsOrAnonReadOnly


class ModelPermissions(DjangoModelPermissionsOrAnonReadOnly):
    """DRF's `DjangoModelPermissionsOrAnonReadOnly`, without building the view's queryset to
    find its model when the method needs no permission (a read): the same answer, for less
    work on every read."""

    def has_permission(self, request, view) -> bool:
        if request.method in SAFE_METHODS and not self.perms_map.get(request.method):
            return True
        return super().has_permission(request, view)
