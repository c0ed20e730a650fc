"""Spreadsheet rows for people and organizations (see coopr.resources for the rules)."""

from coopr.resources import RecordResource, record_fields
from people.models import Organization, Person


class PersonResource(RecordResource):
    class Meta(RecordResource.Meta):
        model = Person
        fields = record_fields(Person)


class OrganizationResource(RecordResource):
    """`parent` is the parent organization's slug; list parents before their departments."""

    class Meta(RecordResource.Meta):
        model = Organization
        fields = record_fields(Organization)
