"""The projects app's record types: plans and their items, projects (with their organizations,
people and timelines), meetings and their participants, documents, figures and their values.

Declared in the order they load: a type after those it refers to.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from coopr.choices import choice_label
from coopr.dates import partial_text
from coopr.registry import Api, Page, RecordType, Search, Seed, register
from projects.templatetags.figures import reported

# What the site-wide search shows under each result's title.


def plan_meta(plan) -> list[str]:
    if not plan.proposed_on:
        return []
    return [str(_("proposed %(date)s")) % {"date": partial_text(plan, "proposed_on")}]


def plan_item_meta(item) -> list[str]:
    return [item.plan.title]


def project_meta(project) -> list[str]:
    out = [str(_("plan item %(number)s")) % {"number": project.plan_item.number}]
    if project.status:
        out.append(choice_label(project, "status"))
    return out


def meeting_meta(meeting) -> list[str]:
    out = [choice_label(meeting, "kind")]
    if meeting.start:
        out.append(partial_text(meeting, "start"))
    if meeting.city:
        out.append(meeting.city)
    return out


def document_meta(document) -> list[str]:
    out = [choice_label(document, "kind")]
    if document.signed_on:
        out.append(partial_text(document, "signed_on"))
    return out


def indicator_meta(indicator) -> list[str]:
    return [str(_("in %(unit)s")) % {"unit": indicator.unit}] if indicator.unit else []


def theme_meta(theme) -> list[str]:
    return [str(_("a theme of projects"))]


def body_meta(body) -> list[str]:
    return [choice_label(body, "kind")]


# How a record without a page of its own is named (on the pages of the sources citing it).


def describe_participant(p) -> str:
    return _("%(person)s at %(meeting)s") % {"person": p.person, "meeting": p.meeting}


def describe_project_organization(p) -> str:
    return _("%(organization)s in %(project)s") % {
        "organization": p.organization,
        "project": p.project,
    }


def describe_project_person(p) -> str:
    return _("%(person)s in %(project)s") % {"person": p.person, "project": p.project}


def describe_update(u) -> str:
    return _("%(project)s, %(date)s: %(note)s") % {
        "project": u.project,
        "date": u.display_date("date"),
        "note": u.note,
    }


def describe_observation(o) -> str:
    value = reported(o)
    return _("%(indicator)s: %(value)s (%(date)s)") % {
        "indicator": o.indicator,
        "value": value,
        "date": o.display_date("date"),
    }


def _api(prefix: str, viewset: str, basename: str) -> Api:
    return Api(prefix, f"projects.api.{viewset}", basename)


def describe_body_chair(chair) -> str:
    return _("%(person)s, %(role)s of %(body)s") % {
        "person": chair.person,
        "role": chair.get_role_display(),
        "body": chair.body,
    }


RECORD_TYPES = (
    RecordType(
        "projects.Theme",
        order=35,
        label_field="name",
        page=Page("theme-detail", "theme-list"),
        search=Search("themes", _("Themes"), ("name",), ("description",), theme_meta),
        api=_api("themes", "ThemeViewSet", "theme"),
        seed=Seed("themes"),
    ),
    RecordType(
        "projects.JointBody",
        order=65,
        label_field="name",
        page=Page("body-detail", "body-list"),
        search=Search("bodies", _("Joint bodies"), ("name",), ("description",), body_meta),
        api=_api("bodies", "JointBodyViewSet", "body"),
        seed=Seed(
            "bodies",
            refs={"plans": "plans"},
            children={"chairs": ("body_chairs", "body")},
        ),
    ),
    RecordType(
        "projects.BodyChair",
        shown_on="body",
        related=("body", "person"),
        describe=describe_body_chair,
        seed=Seed(
            "body_chairs",
            lookup=("body", "person", "start", "as_of"),
            refs={"person": "people", "position": "positions"},
            ref_key=None,
        ),
        owners=("body", "person"),
    ),
    RecordType(
        "projects.Meeting",
        order=60,
        page=Page("meeting-detail", "meeting-list"),
        search=Search(
            "meetings",
            _("Meetings"),
            ("title",),
            ("description", "outcomes", "city"),
            meeting_meta,
            blurbs=2,
        ),
        api=_api("meetings", "MeetingViewSet", "meeting"),
        seed=Seed(
            "meetings",
            refs={
                "body": "bodies",
                "plan_items": "plan_items",
                "projects": "projects",
                "organizations": "organizations",
            },
            children={"participants": ("participants", "meeting")},
        ),
    ),
    RecordType(
        "projects.MeetingParticipant",
        shown_on="meeting",
        related=("meeting", "person"),
        describe=describe_participant,
        seed=Seed(
            "participants",
            lookup=("meeting", "person"),
            refs={"person": "people", "position": "positions", "organization": "organizations"},
            ref_key=None,
        ),
        owners=("meeting", "person"),
    ),
    RecordType(
        "projects.Plan",
        order=10,
        page=Page("plan-detail", "plan-list"),
        search=Search(
            "plans", _("Plans"), ("title",), ("description", "proposed_place"), plan_meta
        ),
        api=_api("plans", "PlanViewSet", "plan"),
        seed=Seed(
            "plans",
            refs={"proposed_by": "people", "proposed_at": "meetings"},
            children={"items": ("plan_items", "plan")},
        ),
        editors_may_delete=False,
    ),
    RecordType(
        "projects.PlanItem",
        order=20,
        page=Page(
            "plan-item-detail",
            "plan-list",
            lookups=("plan__slug", "number"),
            kwargs=("plan_slug", "number"),
        ),
        related=("plan",),
        search=Search(
            "plan-items",
            _("Plan items"),
            ("title",),
            ("description",),
            plan_item_meta,
            related=("plan",),
            prefix=lambda item: f"{item.number}. ",
        ),
        api=_api("plan-items", "PlanItemViewSet", "plan-item"),
        seed=Seed(
            "plan_items",
            lookup=("plan", "number"),
            ref_key=lambda obj, data: f"{obj.plan.slug}/{obj.number}",
        ),
        owners=("plan",),
        editors_may_delete=False,
    ),
    RecordType(
        "projects.Project",
        order=30,
        page=Page("project-detail", "project-list"),
        search=Search(
            "projects",
            _("Projects"),
            ("title",),
            ("summary",),
            project_meta,
            related=("plan_item",),
        ),
        api=_api("projects", "ProjectViewSet", "project"),
        seed=Seed(
            "projects",
            refs={"plan_item": "plan_items", "themes": "themes"},
            children={
                "project_organizations": ("project_organizations", "project"),
                "project_people": ("project_people", "project"),
                "updates": ("project_updates", "project"),
            },
        ),
    ),
    RecordType(
        "projects.ProjectOrganization",
        shown_on="project",
        related=("project", "organization"),
        describe=describe_project_organization,
        seed=Seed(
            "project_organizations",
            lookup=("project", "organization", "role"),
            refs={"organization": "organizations"},
            ref_key=None,
        ),
        owners=("project", "organization"),
    ),
    RecordType(
        "projects.ProjectPerson",
        shown_on="project",
        related=("project", "person"),
        describe=describe_project_person,
        seed=Seed(
            "project_people", lookup=("project", "person"), refs={"person": "people"}, ref_key=None
        ),
        owners=("project", "person"),
    ),
    RecordType(
        "projects.ProjectUpdate",
        shown_on="project",
        related=("project",),
        describe=describe_update,
        seed=Seed("project_updates", lookup=("project", "date"), ref_key=None),
        owners=("project",),
    ),
    RecordType(
        "projects.Document",
        order=70,
        page=Page("document-detail", "document-list"),
        search=Search("documents", _("Documents"), ("title",), ("summary", "place"), document_meta),
        api=_api("documents", "DocumentViewSet", "document"),
        seed=Seed(
            "documents",
            refs={
                "meeting": "meetings",
                "signatories": "people",
                "parties": "organizations",
                "plan_items": "plan_items",
                "projects": "projects",
            },
        ),
    ),
    RecordType(
        "projects.Indicator",
        order=80,
        label_field="name",
        page=Page("indicator-detail", "indicator-list"),
        search=Search(
            "indicators", _("Figures"), ("name",), ("description", "unit"), indicator_meta
        ),
        api=_api("indicators", "IndicatorViewSet", "indicator"),
        seed=Seed(
            "indicators",
            refs={
                "plan": "plans",
                "plan_item": "plan_items",
                "project": "projects",
                "theme": "themes",
            },
            children={"observations": ("observations", "indicator")},
        ),
    ),
    RecordType(
        "projects.Observation",
        shown_on="indicator",
        related=("indicator",),
        describe=describe_observation,
        seed=Seed("observations", lookup=("indicator", "date"), ref_key=None),
        owners=("indicator",),
    ),
)


def register_record_types() -> None:
    register(*RECORD_TYPES)
