"""The registry of record types (coopr/registry.py) is the one list of what each kind of record
is: the search, the feed, the source pages, the API router, the roles, load_seed, the
synthetic data set and the backup all follow it, and none keeps a list of its own."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from coopr import registry
from coopr.backup import backed_up_models
from coopr.models import Citation, Source
from coopr.roles import EDITORS, role_permissions
from coopr.site.api_urls import router
from coopr.site.feeds import pages, tracked
from coopr.site.search import KINDS
from people.models import Organization, Person, Position
from projects.management.commands.load_seed import KINDS as SEED_KINDS
from projects.models import Plan, PlanItem
from projects.synthetic import DELETE_ORDER, OWNERS, SLUGGED

SITE_ORDER = [
    "projects.Plan",
    "projects.PlanItem",
    "projects.Project",
    "projects.Theme",
    "people.Person",
    "people.Organization",
    "projects.Meeting",
    "projects.JointBody",
    "projects.Document",
    "projects.Indicator",
    "coopr.Source",
]


def test_every_app_registers_its_record_types_in_load_order():
    labels = [t.model_label for t in registry.record_types()]
    assert labels[:2] == ["coopr.Source", "coopr.Citation"]
    assert labels[2:5] == ["people.Organization", "people.Person", "people.Position"]
    assert {label.partition(".")[0] for label in labels[5:]} == {"projects"}
    assert registry.record_apps() == ("coopr", "people", "projects")
    assert registry.record_type(Person).label_field == "name"
    assert registry.record_type("projects.plan").model is Plan


def test_the_kinds_the_site_lists_come_in_the_site_order():
    assert [t.model_label for t in registry.listed()] == SITE_ORDER
    assert [kind.model_label for kind in KINDS] == SITE_ORDER
    # Then the change feed of them all.
    assert [prefix for prefix, _viewset, _basename in router.registry] == [
        *(t.api.prefix for t in registry.in_api()),
        "changes",
    ]
    assert [t.model_label for t in registry.in_api()] == SITE_ORDER


def test_every_page_is_reachable_from_its_declaration(db):
    for t in registry.listed():
        assert reverse(t.page.list_name).startswith("/en/")


def test_the_feed_reads_every_record_type():
    assert set(pages()) == {t.model for t in registry.listed()}
    followed = dict(tracked())
    assert set(followed) == {t.model for t in registry.record_types()}
    assert followed[Position] == "person"
    assert followed[Citation] == "source"
    assert followed[Plan] == ""


def test_load_seed_loads_every_declared_section_in_registry_order():
    assert [kind.model for kind in SEED_KINDS.values()] == [t.model for t in registry.seeded()]
    assert list(SEED_KINDS)[:4] == ["sources", "organizations", "people", "positions"]
    assert SEED_KINDS["positions"].key(None, {"key": "abe-pm"}) == "abe-pm"


def test_the_synthetic_data_set_covers_every_record_type():
    records = {t.model for t in registry.record_types()} - {Citation}
    assert set(SLUGGED) | {m for m in OWNERS if m in records} == records
    assert set(SLUGGED) == {
        Source,
        Organization,
        Person,
        *(t.model for t in registry.listed() if t.model_label.startswith("projects.")),
    } - {PlanItem}
    assert DELETE_ORDER[0] is Citation
    # A record type is deleted before every type it refers to.
    order = {model: i for i, model in enumerate(DELETE_ORDER)}
    for model in records:
        for field in model._meta.concrete_fields:
            target = field.related_model
            if field.many_to_one and target in records and target is not model:
                assert order[model] < order[target], (model, field.name)


def test_every_record_type_is_backed_up():
    assert {t.model for t in registry.record_types()} <= set(backed_up_models())


@pytest.mark.django_db
def test_editors_may_delete_all_but_the_types_that_say_otherwise():
    perms = set(role_permissions(Permission, EDITORS).values_list("codename", flat=True))
    for t in registry.record_types():
        name = t.model._meta.model_name
        assert f"change_{name}" in perms
        assert (f"delete_{name}" in perms) is t.editors_may_delete, name
    assert {t.model_label for t in registry.record_types() if not t.editors_may_delete} == {
        "projects.Plan",
        "projects.PlanItem",
    }
