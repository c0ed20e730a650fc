"""The pages of a person and of an organization, with what the projects app's records say of
them: meetings attended (and in which post), documents signed or taken part in, projects.

The people app builds the page from what it holds (names, posts, departments, sources) and
knows nothing of projects; these views extend its views with projects' relations, and its
templates (their `record_sections` block).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import models

from coopr.models import citations_with_sources
from people import views as people_views
from people.models import Organization, Person
from projects.models import (
    BodyChair,
    Document,
    Meeting,
    MeetingParticipant,
    ProjectOrganization,
    ProjectPerson,
)


def person_page() -> models.QuerySet:
    """A person's page: people's own reads, and the meetings attended (with the post held
    there), documents signed, projects, each with its sources, and the joint bodies chaired."""
    participations = (
        MeetingParticipant.objects.select_related(
            "meeting", "position__organization", "organization"
        )
        .prefetch_related(citations_with_sources())
        .order_by(models.F("meeting__start").asc(nulls_last=True), "meeting__pk", "pk")
    )
    return Person.objects.for_page().prefetch_related(
        models.Prefetch("participations", queryset=participations),
        models.Prefetch(
            "documents_signed",
            queryset=Document.objects.order_by(
                models.F("signed_on").asc(nulls_last=True), "title_en", "pk"
            ),
        ),
        models.Prefetch(
            "project_links",
            queryset=ProjectPerson.objects.select_related("project").order_by(
                "project__title_en", "pk"
            ),
        ),
        models.Prefetch(
            "body_chairs",
            queryset=BodyChair.objects.select_related("body").order_by(*BodyChair.CHRONOLOGICAL),
        ),
    )


def organization_page() -> models.QuerySet:
    """An organization's page: people's own reads, and the meetings attended by the people
    with posts there (in those posts), the meetings, projects and documents it took part in."""
    return Organization.objects.for_page().prefetch_related(
        models.Prefetch(
            "positions__participations",
            queryset=MeetingParticipant.objects.select_related("meeting"),
        ),
        models.Prefetch(
            "participations",
            queryset=MeetingParticipant.objects.select_related("meeting", "person"),
        ),
        models.Prefetch("meetings", queryset=Meeting.objects.order_by("pk")),
        models.Prefetch(
            "project_links",
            queryset=ProjectOrganization.objects.select_related("project").order_by(
                "project__title_en", "role", "pk"
            ),
        ),
        models.Prefetch(
            "documents",
            queryset=Document.objects.order_by(
                models.F("signed_on").desc(nulls_last=True), "title_en", "pk"
            ),
        ),
    )


@dataclass
class MeetingTakenPart:
    """A meeting an organization took part in, and who was there for it (if anyone is named)."""

    meeting: Meeting
    people: list[Person] = field(default_factory=list)

    def add(self, person: Person) -> None:
        if all(p.pk != person.pk for p in self.people):
            self.people.append(person)


def meetings_of(organization: Organization) -> list[MeetingTakenPart]:
    """The meetings an organization took part in, in date order: those it is recorded as
    involved in, those where someone represented it, and those someone attended while holding
    a post in it. Reads what `organization_page()` prefetched."""
    found: dict[int, MeetingTakenPart] = {}

    def entry(meeting) -> MeetingTakenPart:
        return found.setdefault(meeting.pk, MeetingTakenPart(meeting))

    for meeting in organization.meetings.all():
        entry(meeting)
    for participation in organization.participations.all():
        entry(participation.meeting).add(participation.person)
    for position in organization.positions.all():
        for participation in position.participations.all():
            entry(participation.meeting).add(position.person)
    return sorted(
        found.values(),
        key=lambda e: (e.meeting.start is None, e.meeting.start or 0, e.meeting.pk),
    )


class PersonDetailView(people_views.PersonDetailView):
    queryset = person_page()
    template_name = "projects/person_detail.html"


class OrganizationDetailView(people_views.OrganizationDetailView):
    queryset = organization_page()
    template_name = "projects/organization_detail.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(meetings=meetings_of(self.object), **kwargs)
