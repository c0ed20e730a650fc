"""Factories for provenance: sources and the citations that tie them to records."""

import datetime as dt

import factory
from django.contrib.contenttypes.models import ContentType
from factory.django import DjangoModelFactory

from coopr.models import Citation, Source
from tests.people.factories import OrganizationFactory


class SourceFactory(DjangoModelFactory):
    class Meta:
        model = Source

    slug = factory.Sequence(lambda n: f"source-{n}")
    title = factory.Sequence(lambda n: f"Report number {n}")
    publisher = "TASS"
    url = factory.Sequence(lambda n: f"https://example.org/news/{n}")
    published_on = dt.date(2018, 2, 14)


class CitationFactory(DjangoModelFactory):
    """A citation of a source for a record (an organization unless `target` is given)."""

    class Meta:
        model = Citation
        exclude = ("target",)

    target = factory.SubFactory(OrganizationFactory)
    content_type = factory.LazyAttribute(lambda o: ContentType.objects.get_for_model(o.target))
    object_id = factory.LazyAttribute(lambda o: o.target.pk)
    source = factory.SubFactory(SourceFactory)
    quote = factory.Sequence(lambda n: f"The words of the source, number {n}.")
