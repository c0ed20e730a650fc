"""Factories for the people app: organizations, people and their posts."""

import datetime as dt

import factory
from factory.django import DjangoModelFactory

from people.models import Organization, Person, Position


class OrganizationFactory(DjangoModelFactory):
    class Meta:
        model = Organization

    slug = factory.Sequence(lambda n: f"organization-{n}")
    name_en = factory.Sequence(lambda n: f"Organization {n}")
    kind = Organization.Kind.MINISTRY
    country = "JP"


class PersonFactory(DjangoModelFactory):
    class Meta:
        model = Person

    slug = factory.Sequence(lambda n: f"person-{n}")
    name_en = factory.Sequence(lambda n: f"Given{n} Family{n}")
    sort_name = factory.LazyAttribute(lambda o: ", ".join(reversed(o.name_en.split(" ", 1))))
    country = "RU"


class PositionFactory(DjangoModelFactory):
    class Meta:
        model = Position

    person = factory.SubFactory(PersonFactory)
    organization = factory.SubFactory(OrganizationFactory)
    title_en = "Minister"
    start = dt.date(2016, 5, 6)
