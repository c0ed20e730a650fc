"""Spreadsheet rows for projects, meetings and documents (see coopr.resources for the rules).

A plan item has no slug of its own: a file names it "<plan slug>/<number>", e.g.
eight-point-cooperation-plan/8. A project's organizations and people, and a meeting's
participants, carry a role and a side each: they are edited on the record's page, not in
these files.
"""

from django.utils.translation import gettext as _

from coopr.resources import RecordResource, SlugForeignKeyWidget, record_fields
from projects.models import Document, JointBody, Meeting, PlanItem, Project


class PlanItemWidget(SlugForeignKeyWidget):
    """A plan item, named as "<plan slug>/<number>"."""

    def lookup(self, key: str):
        plan, _slash, number = key.rpartition("/")
        if not plan.strip() or not number.strip().isdigit():
            raise ValueError(
                _("Write a plan item as <plan slug>/<number>, e.g. %(example)s, not “%(key)s”.")
                % {"example": "eight-point-cooperation-plan/8", "key": key}
            )
        try:
            return self.model._default_manager.select_related("plan").get(
                plan__slug=plan.strip(), number=int(number)
            )
        except self.model.DoesNotExist:
            raise ValueError(_("There is no plan item “%s”.") % key) from None

    def key(self, obj) -> str:
        return f"{obj.plan.slug}/{obj.number}"

    def related_path(self, name: str) -> str:
        return f"{name}__plan"


class ProjectsResource(RecordResource):
    """Base for this app's resources: links to plan items by plan slug and number."""

    link_widgets = {PlanItem: PlanItemWidget}


class ProjectResource(ProjectsResource):
    class Meta(RecordResource.Meta):
        model = Project
        fields = record_fields(Project)


class MeetingResource(ProjectsResource):
    class Meta(RecordResource.Meta):
        model = Meeting
        fields = record_fields(Meeting)


class DocumentResource(ProjectsResource):
    class Meta(RecordResource.Meta):
        model = Document
        fields = record_fields(Document)


class JointBodyResource(ProjectsResource):
    class Meta(RecordResource.Meta):
        model = JointBody
        fields = record_fields(JointBody)
