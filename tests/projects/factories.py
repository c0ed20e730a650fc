"""Factories for the projects app: plans and items, projects, meetings, documents, figures."""

import datetime as dt
from decimal import Decimal

import factory
from factory.django import DjangoModelFactory

from projects.models import (
    BodyChair,
    Document,
    Indicator,
    JointBody,
    Meeting,
    MeetingParticipant,
    Observation,
    Plan,
    PlanItem,
    Project,
    ProjectOrganization,
    ProjectPerson,
    ProjectUpdate,
    Status,
    Theme,
)
from tests.people.factories import OrganizationFactory, PersonFactory


class PlanFactory(DjangoModelFactory):
    class Meta:
        model = Plan

    slug = factory.Sequence(lambda n: f"plan-{n}")
    title_en = factory.Sequence(lambda n: f"Cooperation Plan {n}")
    country_a = "JP"
    country_b = "RU"
    proposed_on = dt.date(2016, 5, 6)


class PlanItemFactory(DjangoModelFactory):
    class Meta:
        model = PlanItem

    plan = factory.SubFactory(PlanFactory)
    number = factory.Sequence(lambda n: n + 1)
    title_en = factory.LazyAttribute(lambda o: f"Item {o.number}")


class ProjectFactory(DjangoModelFactory):
    class Meta:
        model = Project

    slug = factory.Sequence(lambda n: f"project-{n}")
    plan_item = factory.SubFactory(PlanItemFactory)
    title_en = factory.Sequence(lambda n: f"Project {n}")
    status = Status.AGREED
    start = dt.date(2017, 1, 1)


class ProjectOrganizationFactory(DjangoModelFactory):
    class Meta:
        model = ProjectOrganization

    project = factory.SubFactory(ProjectFactory)
    organization = factory.SubFactory(OrganizationFactory)
    role = ProjectOrganization.Role.LEAD
    side = factory.LazyAttribute(lambda o: o.organization.country)


class ProjectPersonFactory(DjangoModelFactory):
    class Meta:
        model = ProjectPerson

    project = factory.SubFactory(ProjectFactory)
    person = factory.SubFactory(PersonFactory)
    role_en = "coordinator"


class ProjectUpdateFactory(DjangoModelFactory):
    class Meta:
        model = ProjectUpdate

    project = factory.SubFactory(ProjectFactory)
    date = dt.date(2018, 2, 1)
    status = Status.IN_PROGRESS
    note_en = "Work began."


class MeetingFactory(DjangoModelFactory):
    class Meta:
        model = Meeting

    slug = factory.Sequence(lambda n: f"meeting-{n}")
    title_en = factory.Sequence(lambda n: f"Meeting {n}")
    kind = Meeting.Kind.MINISTERIAL
    start = dt.date(2018, 5, 26)
    end = dt.date(2018, 5, 27)
    city_en = "Moscow"
    country = "RU"


class MeetingParticipantFactory(DjangoModelFactory):
    class Meta:
        model = MeetingParticipant

    meeting = factory.SubFactory(MeetingFactory)
    person = factory.SubFactory(PersonFactory)
    side = "RU"
    role_en = "head of delegation"


class DocumentFactory(DjangoModelFactory):
    class Meta:
        model = Document

    slug = factory.Sequence(lambda n: f"document-{n}")
    title_en = factory.Sequence(lambda n: f"Memorandum {n}")
    kind = Document.Kind.MEMORANDUM
    signed_on = dt.date(2016, 12, 16)


class IndicatorFactory(DjangoModelFactory):
    class Meta:
        model = Indicator

    slug = factory.Sequence(lambda n: f"indicator-{n}")
    name_en = factory.Sequence(lambda n: f"Indicator {n}")
    unit_en = "students"


class ObservationFactory(DjangoModelFactory):
    class Meta:
        model = Observation

    indicator = factory.SubFactory(IndicatorFactory)
    date = dt.date(2018, 1, 1)
    value = factory.Sequence(lambda n: Decimal(100 + n))
    qualifier = Observation.Qualifier.EXACT


class ThemeFactory(DjangoModelFactory):
    class Meta:
        model = Theme

    slug = factory.Sequence(lambda n: f"theme-{n}")
    name_en = factory.Sequence(lambda n: f"Theme {n}")


class JointBodyFactory(DjangoModelFactory):
    class Meta:
        model = JointBody

    slug = factory.Sequence(lambda n: f"body-{n}")
    name_en = factory.Sequence(lambda n: f"Joint commission {n}")
    kind = JointBody.Kind.COMMISSION


class BodyChairFactory(DjangoModelFactory):
    class Meta:
        model = BodyChair

    body = factory.SubFactory(JointBodyFactory)
    person = factory.SubFactory(PersonFactory)
    side = "JP"
    role = BodyChair.Role.CO_CHAIR
    as_of = dt.date(2019, 12, 18)
