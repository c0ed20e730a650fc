"""The change feed, /api/v1/changes/: every create, update and delete of a public record, in
order, and a mirror kept from it alone stays equal to the API."""

from __future__ import annotations

import datetime as dt
from http import HTTPStatus

import pytest
from django.db import connection, transaction
from django.db.models import ProtectedError
from django.test.utils import CaptureQueriesContext
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from coopr.cache import last_change
from coopr.models import Change, Citation
from coopr.registry import in_api
from coopr.services import record_delete, record_save
from people.models import Organization, Person, Position
from projects.models import Meeting, MeetingParticipant, Project
from tests.coopr.factories import CitationFactory, SourceFactory
from tests.examples import examples
from tests.people.factories import OrganizationFactory, PersonFactory, PositionFactory
from tests.projects import factories as p

pytestmark = pytest.mark.django_db
FEED = "/api/v1/changes/"


def feed(client, url: str = FEED) -> list[dict]:
    """Every entry from `url` on, following `next` while `more`."""
    entries = []
    while True:
        response = client.get(url)
        assert response.status_code == HTTPStatus.OK, response.content
        body = response.json()
        entries.extend(body["results"])
        if not body["more"]:
            return entries
        url = body["next"]


def after(client, cursor: int) -> list[dict]:
    return feed(client, f"{FEED}?after={cursor}")


def newest() -> int:
    return Change.objects.order_by("-id").values_list("id", flat=True).first() or 0


@pytest.fixture
def api():
    return APIClient()


@pytest.fixture
def editor(editor_user):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {Token.objects.create(user=editor_user).key}")
    return client


def test_a_create_an_update_and_a_delete_in_order(api):
    start = newest()
    organization = OrganizationFactory(slug="meti", name_en="METI")
    organization.name_ru = "Минэкономразвития"
    organization.short_name_en = "METI"
    record_save(instance=organization)
    pk = organization.pk
    record_delete(instance=organization)

    entries = after(api, start)
    own = [e for e in entries if e["resource"] == "organizations"]
    assert [e["action"] for e in own] == ["created", "updated", "deleted"]
    created, updated, deleted = own
    assert "name" in created["fields"] and "slug" in created["fields"]
    assert updated["fields"] == ["name", "short_name"]
    assert updated["version"] == created["version"] + 1
    assert deleted == {
        "id": deleted["id"],
        "time": deleted["time"],
        "action": "deleted",
        "resource": "organizations",
        "record_id": pk,
        "slug": "meti",
        "version": updated["version"],
        "fields": [],
        "url": "http://testserver/api/v1/organizations/meti/",
    }
    assert [e["id"] for e in entries] == sorted(e["id"] for e in entries)
    assert api.get(deleted["url"]).status_code == HTTPStatus.NOT_FOUND


def test_records_shown_in_a_record_update_it():
    """A participant, a citation, a renamed post or organization: the public record that
    shows it gets an entry."""
    meeting = p.MeetingFactory()
    person = PersonFactory()
    organization = OrganizationFactory()
    post = PositionFactory(person=person, organization=organization)
    start = newest()
    MeetingParticipant.objects.create(meeting=meeting, person=person, position=post)
    # (The person too: a link is shown from both ends where a representation shows it.)
    assert ("meetings", meeting.pk) in updated_since(start)

    start = newest()
    post.title_en = "Minister"
    record_save(instance=post)
    assert {("people", person.pk), ("meetings", meeting.pk)} <= updated_since(start)

    start = newest()
    organization.name_en = "Renamed"
    record_save(instance=organization)
    # The meeting shows the organization in its participant's post, two steps out.
    assert {("meetings", meeting.pk), ("people", person.pk)} <= updated_since(start)

    start = newest()
    CitationFactory(target=meeting)
    assert ("meetings", meeting.pk) in updated_since(start)


def test_many_to_many_changes_update_both_sides():
    meeting = p.MeetingFactory()
    organization = OrganizationFactory()
    start = newest()
    meeting.organizations.add(organization)
    entries = list(Change.objects.filter(id__gt=start))
    mine = next(e for e in entries if e.resource == "meetings")
    assert mine.fields == ["organizations"]
    assert {(e.resource, e.record_id) for e in entries} >= {
        ("meetings", meeting.pk),
        ("organizations", organization.pk),
    }
    start = newest()
    meeting.organizations.clear()
    assert ("organizations", organization.pk) in updated_since(start)


def updated_since(start: int) -> set[tuple[str, int]]:
    return {
        (e.resource, e.record_id)
        for e in Change.objects.filter(id__gt=start, action=Change.Action.UPDATED)
    }


def test_pages_follow_after_and_since(api):
    for _ in range(5):
        SourceFactory()
    ids = list(Change.objects.values_list("id", flat=True))
    response = api.get(f"{FEED}?page_size=2")
    body = response.json()
    assert [e["id"] for e in body["results"]] == ids[:2]
    assert body["more"] is True
    assert body["next"] == f"http://testserver{FEED}?after={ids[1]}&page_size=2"
    assert response["Link"] == (
        f'<{body["next"]}>; rel="next", <http://testserver{FEED}?page_size=2>; rel="first"'
    )
    assert [e["id"] for e in feed(api, f"{FEED}?page_size=2")] == ids
    # At the end: `next` is where to ask again later.
    last = api.get(f"{FEED}?after={ids[-1]}").json()
    assert last == {
        "next": f"http://testserver{FEED}?after={ids[-1]}",
        "more": False,
        "results": [],
    }

    Change.objects.filter(id__in=ids[:3]).update(time=dt.datetime(2018, 1, 1, tzinfo=dt.UTC))
    since = api.get(f"{FEED}?since=2019-01-01").json()
    assert [e["id"] for e in since["results"]] == ids[3:]
    assert [e["id"] for e in api.get(f"{FEED}?since=2017-12-31T23:00:00Z").json()["results"]] == ids


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("after=x", "after"),
        ("after=-1", "after"),
        ("since=soon", "since"),
        ("page_size=0", "page_size"),
    ],
)
def test_bad_cursors_and_times_are_a_400(api, query, field):
    response = api.get(f"{FEED}?{query}")
    assert response.status_code == HTTPStatus.BAD_REQUEST
    assert list(response.json()["error"]["fields"]) == [field]


@pytest.mark.parametrize("rows", [1, 60])
def test_a_page_of_the_feed_is_one_query(api, rows):
    """A page is read through the primary key's index in one query, however long the feed
    (with the request's savepoint and its release, ATOMIC_REQUESTS: 3)."""
    for _ in range(rows):
        SourceFactory()
    api.get(FEED)
    with CaptureQueriesContext(connection) as queries:
        response = api.get(f"{FEED}?after=0")
    assert response.status_code == HTTPStatus.OK
    assert len(response.json()["results"]) == min(rows, 50)
    assert len(queries) == 3, [q["sql"] for q in queries]


def test_last_modified_is_the_newest_entry(api):
    SourceFactory()
    newest_time = Change.objects.order_by("-id").first().time
    assert last_change() == newest_time.timestamp()
    response = api.get("/api/v1/sources/")
    assert response["Last-Modified"] == newest_time.strftime("%a, %d %b %Y %H:%M:%S GMT")
    same = api.get("/api/v1/sources/", HTTP_IF_MODIFIED_SINCE=response["Last-Modified"])
    assert same.status_code == HTTPStatus.NOT_MODIFIED


@pytest.mark.no_schema_validation  # the API root is not an operation of the schema
def test_the_feed_is_in_the_api_root(api):
    assert api.get("/api/v1/").json()["changes"] == f"http://testserver{FEED}"


# A mirror kept from the feed alone ---------------------------------------------------------


class Mirror:
    """What an API client keeps: each record as its `url` gave it, read again on each entry."""

    def __init__(self, client):
        self.client = client
        self.cursor = 0
        self.records: dict[tuple[str, int], dict] = {}

    def sync(self) -> None:
        entries = after(self.client, self.cursor)
        if not entries:
            return
        self.cursor = entries[-1]["id"]
        newest_entry = {}
        for entry in entries:
            assert entry["action"] != "reset"
            newest_entry[(entry["resource"], entry["record_id"])] = entry
        for key, entry in newest_entry.items():
            if entry["action"] == "deleted":
                self.records.pop(key, None)
                continue
            response = self.client.get(entry["url"])
            assert response.status_code == HTTPStatus.OK, (entry, response.content)
            self.records[key] = response.json()


def api_state(client) -> dict[tuple[str, int], dict]:
    """Every public record as the API shows it now: each list walked, each detail read."""
    state = {}
    for kind in in_api():
        url = f"/api/v1/{kind.api.prefix}/?cursor=&page_size=200"
        while url:
            body = client.get(url).json()
            for row in body["results"]:
                state[(kind.api.prefix, row["id"])] = client.get(row["url"]).json()
            url = body["next"]
    return state


def world():
    plan = p.PlanFactory()
    item = p.PlanItemFactory(plan=plan)
    people = PersonFactory.create_batch(2)
    organizations = OrganizationFactory.create_batch(2)
    posts = [
        PositionFactory(person=pe, organization=o)
        for pe, o in zip(people, organizations, strict=True)
    ]
    meeting = p.MeetingFactory()
    MeetingParticipant.objects.create(meeting=meeting, person=people[0], position=posts[0])
    project = p.ProjectFactory(plan_item=item)
    p.ProjectOrganizationFactory(project=project, organization=organizations[1])
    SourceFactory()
    return item


def pick(data, model):
    rows = list(model.objects.order_by("pk"))
    return data.draw(st.sampled_from(rows)) if rows else None


def step(data, editor, item, n: int) -> None:
    """One write, through the services (as the admin makes them) or through the API."""
    kind = data.draw(st.sampled_from(OPERATIONS))
    if kind == "create project":
        record_save(instance=Project(plan_item=item, slug=f"mirror-project-{n}", title_en=f"P{n}"))
    elif kind == "rename organization" and (org := pick(data, Organization)):
        org.name_en = f"Organization renamed {n}"
        record_save(instance=org)
    elif kind == "retitle post" and (post := pick(data, Position)):
        post.title_en = f"Post {n}"
        record_save(instance=post)
    elif kind == "add participant":
        meeting, person = pick(data, Meeting), pick(data, Person)
        if meeting and person and not meeting.participants.filter(person=person).exists():
            record_save(instance=MeetingParticipant(meeting=meeting, person=person))
    elif kind == "link organization" and (meeting := pick(data, Meeting)):
        if org := pick(data, Organization):
            meeting.organizations.add(org)
    elif kind == "unlink organizations" and (meeting := pick(data, Meeting)):
        meeting.organizations.clear()
    elif kind == "cite" and (project := pick(data, Project)):
        CitationFactory(target=project, quote=f"Words {n}.")
    elif kind == "delete project" and (project := pick(data, Project)):
        record_delete(instance=project)
    elif kind == "delete organization" and (org := pick(data, Organization)):
        try:
            with transaction.atomic():
                record_delete(instance=org)
        except ProtectedError:
            pass
    elif kind == "api: create person":
        response = editor.post(
            "/api/v1/people/",
            {
                "slug": f"mirror-person-{n}",
                "name_i18n": {"en": f"Person {n}"},
                "sort_name": f"Person {n}",
                "country": "JP",
            },
            format="json",
        )
        assert response.status_code == HTTPStatus.CREATED, response.content
    elif kind == "api: update person" and (person := pick(data, Person)):
        url = f"/api/v1/people/{person.slug}/"
        etag = editor.get(url)["ETag"]
        body = {"biography_i18n": {"en": f"Biography {n}."}}
        response = editor.patch(url, body, format="json", HTTP_IF_MATCH=etag)
        assert response.status_code == HTTPStatus.OK, response.content
    elif kind == "api: delete meeting" and (meeting := pick(data, Meeting)):
        url = f"/api/v1/meetings/{meeting.slug}/"
        etag = editor.get(url)["ETag"]
        response = editor.delete(url, HTTP_IF_MATCH=etag)
        assert response.status_code == HTTPStatus.NO_CONTENT, response.content


OPERATIONS = [
    "create project",
    "rename organization",
    "retitle post",
    "add participant",
    "link organization",
    "unlink organizations",
    "cite",
    "delete project",
    "delete organization",
    "api: create person",
    "api: update person",
    "api: delete meeting",
]


@hypothesis_settings(
    max_examples=examples(12),
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(data=st.data())
def test_a_mirror_kept_from_the_feed_alone_equals_the_api(editor, data):
    """Random writes through the services and the API, the mirror syncing after each; then
    it holds exactly what the API shows, record for record, byte for byte."""
    with transaction.atomic():
        item = world()
        mirror = Mirror(editor)
        mirror.sync()
        for n in range(data.draw(st.integers(min_value=3, max_value=8))):
            step(data, editor, item, n)
            mirror.sync()
            # After every step: a later write that happens to touch a stale record again
            # must not hide that the mirror was wrong in between.
            assert mirror.records == api_state(editor)
        transaction.set_rollback(True)
    assert not Citation.objects.exists()


def test_a_record_shown_by_few_updates_only_those():
    """A project's plan item shows it; the item's other projects do not (reached through the
    item, one way and back): editing one project writes no entry for its siblings."""
    item = p.PlanItemFactory()
    project, sibling = p.ProjectFactory.create_batch(2, plan_item=item)
    start = newest()
    project.title_en = "Renamed"
    record_save(instance=project)
    touched = {(e.resource, e.record_id) for e in Change.objects.filter(id__gt=start)}
    assert ("projects", project.pk) in touched and ("plan-items", item.pk) in touched
    assert ("projects", sibling.pk) not in touched
