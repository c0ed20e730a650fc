"""The people app's record types: organizations, people and the posts they held."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from coopr.choices import choice_label
from coopr.registry import Api, Page, RecordType, Search, Seed, register
from people.selectors import post_text


def person_meta(person) -> list[str]:
    return [str(person.country.name)] if person.country else []


def organization_meta(organization) -> list[str]:
    out = [choice_label(organization, "kind")]
    if organization.country:
        out.append(str(organization.country.name))
    return out


def describe_position(position) -> str:
    return _("%(person)s: %(post)s") % {"person": position.person, "post": post_text(position)}


RECORD_TYPES = (
    RecordType(
        "people.Organization",
        order=50,
        label_field="name",
        page=Page("organization-detail", "organization-list"),
        search=Search(
            "organizations",
            _("Organizations"),
            ("name", "short_name", "other_names"),
            ("description",),
            organization_meta,
        ),
        api=Api("organizations", "people.api.OrganizationViewSet", "organization"),
        seed=Seed("organizations", refs={"parent": "organizations"}),
    ),
    RecordType(
        "people.Person",
        order=40,
        label_field="name",
        page=Page("person-detail", "person-list"),
        search=Search(
            "people", _("People"), ("name", "sort_name", "other_names"), ("biography",), person_meta
        ),
        api=Api("people", "people.api.PersonViewSet", "person"),
        seed=Seed("people", children={"positions": ("positions", "person")}),
    ),
    RecordType(
        "people.Position",
        shown_on="person",
        related=("person", "organization"),
        describe=describe_position,
        seed=Seed(
            "positions",
            lookup=("person", "organization", "title_en"),
            refs={"organization": "organizations"},
            ref_key=lambda obj, data: data.get("key"),
        ),
        owners=("person",),
    ),
)


def register_record_types() -> None:
    register(*RECORD_TYPES)
