"""What and when: plans, their items, projects, meetings, documents and reported figures.

One module per concept; every model and queryset is importable from `projects.models`.
"""

from projects.models.bodies import BodyChair, BodyChairQuerySet, JointBody, JointBodyQuerySet
from projects.models.documents import Document, DocumentQuerySet
from projects.models.indicators import Indicator, IndicatorQuerySet, Observation
from projects.models.meetings import Meeting, MeetingParticipant, MeetingQuerySet, nested_orders
from projects.models.plans import Plan, PlanItem, PlanItemQuerySet, PlanQuerySet, Status
from projects.models.projects import (
    Project,
    ProjectOrganization,
    ProjectPerson,
    ProjectQuerySet,
    ProjectUpdate,
)
from projects.models.themes import Theme, ThemeQuerySet

__all__ = [
    "BodyChair",
    "BodyChairQuerySet",
    "Document",
    "DocumentQuerySet",
    "Indicator",
    "IndicatorQuerySet",
    "JointBody",
    "JointBodyQuerySet",
    "Meeting",
    "MeetingParticipant",
    "MeetingQuerySet",
    "Observation",
    "Plan",
    "PlanItem",
    "PlanItemQuerySet",
    "PlanQuerySet",
    "Project",
    "ProjectOrganization",
    "ProjectPerson",
    "ProjectQuerySet",
    "ProjectUpdate",
    "Status",
    "Theme",
    "ThemeQuerySet",
    "nested_orders",
]
