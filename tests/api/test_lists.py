"""Lists: filters, search, ordering and pages, on the real data set.

Every filter is checked against the exact records the data set says it should find, in the
list's order. Where the data set has nothing to filter on (no project has a status, no
document a signatory), a test adds it through the services first.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from coopr.services import record_save
from people.models import Organization, Person
from projects.models import Document, PlanItem, Project
from tests.api.conftest import generated_schema
from tests.api.expected import LISTS, RESOURCES, list_keys
from tests.coopr.factories import SourceFactory
from tests.projects.factories import ProjectPersonFactory

PLAN = "eight-point-cooperation-plan"
ITEM_8_PROJECTS = [
    "cross-years-2018",
    "student-exchange-expansion",
    "jnto-moscow-office",
    "japan-russia-university-association",
    "kobe-yekaterinburg-exchange",
    "sports-exchanges-world-cup-2018",
]


def slugs(api, url: str) -> list:
    response = api.get(url)
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["count"] == len(body["results"])
    key = "id" if "/plan-items/" in url else "slug"
    return [row[key] for row in body["results"]]


def item_pks(*numbers: int) -> list[int]:
    return [PlanItem.objects.get(plan__slug=PLAN, number=n).pk for n in numbers]


def iso(moment: dt.datetime) -> str:
    return moment.isoformat().replace("+00:00", "Z")


def set_fields(obj, **values) -> None:
    for name, value in values.items():
        setattr(obj, name, value)
    record_save(instance=obj)


# Filters, each with what it must find ---------------------------------------------------------

FILTERS = {
    "projects": {
        f"plan={PLAN}": LISTS["projects"],
        "plan=no-such-plan": [],
        "plan_item=5": ["labour-efficiency-business-missions"],
        "plan_item=8": ITEM_8_PROJECTS,
        "plan_item=1": [],
        "country=JP": ["jnto-moscow-office"],
        "country=RU": [],
        "organization=japan-national-tourism-organization": ["jnto-moscow-office"],
        "organization=meti": [],
        "start_after=2018-01-01": ["labour-efficiency-business-missions", "cross-years-2018"],
        "start_before=2017-12-31": ["student-exchange-expansion"],
        "start_after=2018-03-01&start_before=2018-12-31": ["cross-years-2018"],
        "start_after=2017-01-01&start_before=2017-01-01": ["student-exchange-expansion"],
        "theme=student-exchange": ["student-exchange-expansion"],
        "theme=no-such-theme": [],
        f"item={PLAN}/5": ["labour-efficiency-business-missions"],
        "item=no-such-plan/5": [],
    },
    "bodies": {
        "kind=commission": ["intergovernmental-commission-trade-economic"],
        "kind=council": [],
        f"plan={PLAN}": ["high-level-working-group-cooperation-plan"],
        "person=toshimitsu-motegi": ["intergovernmental-commission-trade-economic"],
        "person=hiroshige-seko": [],
    },
    "meetings": {
        "kind=summit": ["december-2016-summit", "sochi-summit-2016-05-06"],
        "kind=ministerial": ["osaka-trilateral-2018-03-24", "vladivostok-oreshkin-seko-2017-09"],
        "kind=symposium": ["osaka-symposium-2018-03-24"],
        "body=association-of-universities-russia-japan": [
            "sapporo-university-association-assembly-2018-05"
        ],
        "country=JP": [
            "sapporo-university-association-assembly-2018-05",
            "osaka-trilateral-2018-03-24",
            "osaka-symposium-2018-03-24",
            "business-mission-labour-efficiency-2018-02",
        ],
        "country=RU": [
            "cross-years-opening-2018-05-26",
            "abe-visit-russia-2018-05",
            "vladivostok-oreshkin-seko-2017-09",
            "sochi-summit-2016-05-06",
        ],
        "year=2016": ["december-2016-summit", "sochi-summit-2016-05-06"],
        "year=2017": ["vladivostok-oreshkin-seko-2017-09"],
        "year=2019": [],
        "person=hiroshige-seko": [
            "osaka-trilateral-2018-03-24",
            "osaka-symposium-2018-03-24",
            "vladivostok-oreshkin-seko-2017-09",
        ],
        "person=shinzo-abe": ["abe-visit-russia-2018-05", "sochi-summit-2016-05-06"],
        "person=masayoshi-matsumoto": ["osaka-symposium-2018-03-24"],
        "plan_item=8": [
            "cross-years-opening-2018-05-26",
            "sapporo-university-association-assembly-2018-05",
            "osaka-symposium-2018-03-24",
        ],
        "plan_item=5": ["business-mission-labour-efficiency-2018-02"],
        "project=cross-years-2018": ["cross-years-opening-2018-05-26"],
        "project=japan-russia-university-association": [
            "sapporo-university-association-assembly-2018-05"
        ],
        "organization=toyota-motor": ["business-mission-labour-efficiency-2018-02"],
        "kind=ministerial&person=olga-golodets": ["osaka-trilateral-2018-03-24"],
        "start_after=2018-05-01&start_before=2018-05-18": [
            "sapporo-university-association-assembly-2018-05",
            "abe-visit-russia-2018-05",
        ],
    },
    "documents": {
        "kind=memorandum": [
            "memorandum-labour-efficiency-2017",
            "memorandum-university-association-2016",
        ],
        "kind=joint_statement": ["joint-announcement-digital-economy-2017"],
        "kind=agreement": [],
        "meeting=vladivostok-oreshkin-seko-2017-09": [
            "joint-announcement-digital-economy-2017",
            "memorandum-labour-efficiency-2017",
        ],
        "meeting=december-2016-summit": ["memorandum-university-association-2016"],
        "meeting=sochi-summit-2016-05-06": [],
        "signed_after=2017-01-01": [
            "joint-announcement-digital-economy-2017",
            "memorandum-labour-efficiency-2017",
        ],
        "signed_before=2016-12-31": ["memorandum-university-association-2016"],
        "signed_after=2017-09-01&signed_before=2017-09-01": [
            "joint-announcement-digital-economy-2017",
            "memorandum-labour-efficiency-2017",
        ],
        "signed_after=2017-09-02": [],
    },
    "people": {
        "country=JP": [
            "shinzo-abe",
            "masayoshi-matsumoto",
            "toshimitsu-motegi",
            "hiroshige-seko",
        ],
        "country=RU": ["olga-golodets", "maxim-oreshkin", "vladimir-putin", "alexei-repik"],
        "organization=meti": ["hiroshige-seko"],
        "organization=delovaya-rossiya": ["alexei-repik"],
        "organization=ministry-of-economic-development-russia": ["maxim-oreshkin"],
        # Matsumoto came from the federation, but no post of his there is on record.
        "organization=kansai-economic-federation": [],
        "country=JP&organization=meti": ["hiroshige-seko"],
        "country=RU&organization=meti": [],
    },
    "organizations": {
        "kind=company": ["hitachi", "mitsubishi-electric", "toyota-motor"],
        "kind=ministry": ["ministry-of-economic-development-russia", "meti"],
        "kind=business_association": ["delovaya-rossiya", "kansai-economic-federation"],
        "kind=bilateral_body": ["russian-japanese-business-council"],
        "kind=university": [],
        "country=RU": [
            "delovaya-rossiya",
            "government-of-russia",
            "ministry-of-economic-development-russia",
        ],
        "country=JP": [
            "government-of-japan",
            "hitachi",
            "japan-national-tourism-organization",
            "kansai-economic-federation",
            "meti",
            "mitsubishi-electric",
            "toyota-motor",
        ],
        "parent=government-of-japan": ["meti"],
        "parent=government-of-russia": ["ministry-of-economic-development-russia"],
        "parent=meti": [],
        "kind=government&country=JP": ["government-of-japan"],
    },
    "indicators": {
        "measures=projects_in_item": ["projects-under-item-8-reported"],
        "measures=other": [
            slug for slug in LISTS["indicators"] if slug != "projects-under-item-8-reported"
        ],
        "plan_item=8": [
            "agreements-between-educational-institutions",
            "japanese-students-tuition-free-in-russia",
            "japanese-students-sent-to-russia",
            "russian-students-in-japan",
            "projects-under-item-8-reported",
            "university-exchange-agreements",
        ],
        "plan_item=5": [],
        f"plan={PLAN}": [
            "private-sector-agreements-under-plan",
            "private-sector-agreements-moving-to-realization",
        ],
        "measures=projects_in_item&plan_item=8": ["projects-under-item-8-reported"],
    },
    "sources": {
        "kind=government": [
            "meti-2019-01-23",
            "kremlin-2018-05-26",
            "tomodachi-2018-eight-point-plan",
            "tomodachi-2017-encouraging-exchange",
            "tomodachi-2016-eight-bullet-point",
            "mofa-2018-02-22-high-level-working-group",
        ],
        "kind=news": [
            "urdupoint-2019-12-18-oreshkin-motegi",
            "tass-2018-03-24",
            "japan-times-2016-11-19",
            "russkiy-mir-239350",
        ],
        "kind=institution": ["tufs-2018-general-assembly"],
        "publisher=TASS": ["tass-2018-03-24"],
        "publisher=Government of Japan": [
            "tomodachi-2018-eight-point-plan",
            "tomodachi-2017-encouraging-exchange",
            "tomodachi-2016-eight-bullet-point",
        ],
        "publisher=Nobody": [],
        "kind=news&publisher=TASS": ["tass-2018-03-24"],
        "language=en": [
            slug for slug in LISTS["sources"] if slug != "mofa-2018-02-22-high-level-working-group"
        ],
        "language=ja": ["mofa-2018-02-22-high-level-working-group"],
        "language=ru": [],
    },
    "plans": {
        "country_a=JP": [PLAN],
        "country_b=RU": [PLAN],
        "country_a=RU": [],
    },
}

PLAN_ITEM_FILTERS = {
    f"plan={PLAN}": [1, 2, 3, 4, 5, 6, 7, 8],
    "plan=no-such-plan": [],
    "number=8": [8],
    f"plan={PLAN}&number=5": [5],
    "number=9": [],
}


def filter_cases():
    for resource, cases in FILTERS.items():
        for query, found in cases.items():
            yield pytest.param(resource, query, found, id=f"{resource}?{query}")


@pytest.mark.usefixtures("seeded")
@pytest.mark.parametrize(("resource", "query", "found"), list(filter_cases()))
def test_filter_finds_exactly(api, resource, query, found):
    assert slugs(api, f"/api/v1/{resource}/?{query}") == found


@pytest.mark.usefixtures("seeded")
@pytest.mark.parametrize(("query", "numbers"), list(PLAN_ITEM_FILTERS.items()))
def test_plan_item_filter_finds_exactly(api, query, numbers):
    assert slugs(api, f"/api/v1/plan-items/?{query}") == item_pks(*numbers)


@pytest.mark.usefixtures("seeded")
def test_status_filter_takes_several_statuses(api):
    """No project of the data set has a status: give three of them one."""
    for slug, status in [
        ("cross-years-2018", "in_progress"),
        ("jnto-moscow-office", "agreed"),
        ("labour-efficiency-business-missions", "completed"),
    ]:
        set_fields(Project.objects.get(slug=slug), status=status)
    url = "/api/v1/projects/"
    assert slugs(api, f"{url}?status=agreed") == ["jnto-moscow-office"]
    assert slugs(api, f"{url}?status=agreed&status=in_progress") == [
        "cross-years-2018",
        "jnto-moscow-office",
    ]
    assert slugs(api, f"{url}?status=completed&status=agreed&plan_item=8") == ["jnto-moscow-office"]
    assert slugs(api, f"{url}?status=suspended") == []


@pytest.mark.usefixtures("seeded")
def test_person_filters_follow_the_links(api):
    """No project names a person, no document a signatory or a party: add some."""
    seko = Person.objects.get(slug="hiroshige-seko")
    ProjectPersonFactory(
        project=Project.objects.get(slug="labour-efficiency-business-missions"), person=seko
    )
    memorandum = Document.objects.get(slug="memorandum-labour-efficiency-2017")
    memorandum.signatories.add(seko, Person.objects.get(slug="maxim-oreshkin"))
    memorandum.parties.add(Organization.objects.get(slug="meti"))
    assert slugs(api, "/api/v1/projects/?person=hiroshige-seko") == [
        "labour-efficiency-business-missions"
    ]
    assert slugs(api, "/api/v1/projects/?person=shinzo-abe") == []
    assert slugs(api, "/api/v1/documents/?person=maxim-oreshkin") == [
        "memorandum-labour-efficiency-2017"
    ]
    assert slugs(api, "/api/v1/documents/?organization=meti") == [
        "memorandum-labour-efficiency-2017"
    ]


@pytest.mark.usefixtures("seeded")
@pytest.mark.parametrize("resource", LISTS)
def test_updated_since_finds_what_changed(api, resource):
    """Every list: `updated_since` finds the records saved at or after the time given."""
    model, lookup, _ = RESOURCES[resource]
    since = timezone.now()
    url = f"/api/v1/{resource}/?updated_since={iso(since)}"
    assert slugs(api, url) == []
    key = list_keys(resource)[-1]
    record_save(instance=model.objects.get(**{lookup: key}))
    assert slugs(api, url) == [key]
    earlier = iso(since - dt.timedelta(days=1))
    assert slugs(api, f"/api/v1/{resource}/?updated_since={earlier}") == list_keys(resource)


# Invalid filter values: 400, the field named --------------------------------------------------

INVALID = {
    "projects": ["status=bogus", "plan_item=abc", "start_after=2018-13-01", "country=XX"],
    "meetings": ["kind=bogus", "country=XX", "year=abc", "plan_item=abc", "start_before=x"],
    "documents": ["kind=bogus", "signed_after=yesterday", "signed_before=2017-02-30"],
    "people": ["country=XX"],
    "organizations": ["kind=bogus", "country=XX"],
    "indicators": ["measures=bogus", "plan_item=abc"],
    "plan-items": ["number=abc"],
    "sources": ["kind=bogus"],
    "plans": ["country_a=XX"],
}


def invalid_cases():
    for resource, queries in INVALID.items():
        for query in queries:
            yield pytest.param(resource, query, id=f"{resource}?{query}")
    for resource in LISTS:
        yield pytest.param(resource, "updated_since=last-tuesday", id=f"{resource}?updated_since")


@pytest.mark.usefixtures("seeded")
@pytest.mark.parametrize(("resource", "query"), list(invalid_cases()))
def test_invalid_filter_value_is_400_naming_the_field(api, resource, query):
    field = query.split("=")[0]
    response = api.get(f"/api/v1/{resource}/?{query}")
    assert response.status_code == 400
    error = response.json()["error"]
    assert {key: error[key] for key in ("status", "code", "message")} == {
        "status": 400,
        "code": "invalid",
        "message": "The request has invalid fields.",
    }
    assert set(error) == {"status", "code", "message", "fields"}
    assert list(error["fields"]) == [field]
    messages = error["fields"][field]
    assert messages and all(isinstance(m, str) and m for m in messages)


@pytest.mark.usefixtures("seeded")
def test_every_invalid_field_is_named(api):
    response = api.get("/api/v1/meetings/?kind=bogus&year=abc&country=JP")
    assert response.status_code == 400
    assert sorted(response.json()["error"]["fields"]) == ["kind", "year"]


# Search -------------------------------------------------------------------------------------

SEARCHES = {
    "people": {
        "Golodets": ["olga-golodets"],
        "Голодец": ["olga-golodets"],
        "世耕": ["hiroshige-seko"],
        "安倍": ["shinzo-abe"],
        "seko": ["hiroshige-seko"],
        # Other spellings are searched too.
        "Maksim": ["maxim-oreshkin"],
        "Oreshkin": ["maxim-oreshkin"],
        "Nobody": [],
    },
    "organizations": {
        "Деловая Россия": ["delovaya-rossiya"],
        # Every word must match, not the phrase: the council's name has "Russia(n)" and
        # "business" too.
        "Business Russia": ["delovaya-rossiya", "russian-japanese-business-council"],
        "All-Russia Business Association": ["delovaya-rossiya"],
        "METI": ["meti"],
        "government": ["government-of-japan", "government-of-russia"],
    },
    "projects": {
        "university": ["japan-russia-university-association"],
        "Kobe": ["kobe-yekaterinburg-exchange"],
    },
    "meetings": {
        "Osaka": ["osaka-trilateral-2018-03-24", "osaka-symposium-2018-03-24"],
        "Sapporo": ["sapporo-university-association-assembly-2018-05"],
    },
    "documents": {"memorandum": LISTS["documents"][1:]},
    "indicators": {"students": [*LISTS["indicators"][1:3], "russian-students-in-japan"]},
    "sources": {
        # Found by slug: the publisher is the Government of Japan.
        "Tomodachi": [
            "tomodachi-2018-eight-point-plan",
            "tomodachi-2017-encouraging-exchange",
            "tomodachi-2016-eight-bullet-point",
        ],
        "TASS": ["tass-2018-03-24"],
        "Kremlin": ["kremlin-2018-05-26"],
    },
    "plans": {"Eight-point": [PLAN], "Nine-point": []},
}


def search_cases():
    for resource, cases in SEARCHES.items():
        for term, found in cases.items():
            yield pytest.param(resource, term, found, id=f"{resource}?search={term}")


@pytest.mark.usefixtures("seeded")
@pytest.mark.parametrize(("resource", "term", "found"), list(search_cases()))
def test_search_finds_exactly(api, resource, term, found):
    assert slugs(api, f"/api/v1/{resource}/?search={term}") == found


@pytest.mark.usefixtures("seeded")
def test_search_finds_japanese_names_of_organizations(api):
    """The data set gives no organization a Japanese name: give METI its own."""
    set_fields(Organization.objects.get(slug="meti"), name_ja="経済産業省")
    assert slugs(api, "/api/v1/organizations/?search=経済産業") == ["meti"]
    assert slugs(api, "/api/v1/organizations/?search=経済産業&lang=ja") == ["meti"]


@pytest.mark.usefixtures("seeded")
def test_search_ignores_case_in_cyrillic(api):
    """A Russian reader types in lower case as well."""
    assert slugs(api, "/api/v1/people/?search=голодец") == ["olga-golodets"]
    assert slugs(api, "/api/v1/organizations/?search=деловая россия") == ["delovaya-rossiya"]


@pytest.mark.usefixtures("seeded")
def test_search_plan_items(api):
    assert slugs(api, "/api/v1/plan-items/?search=people-to-people") == item_pks(8)


# Ordering -----------------------------------------------------------------------------------

ORDERINGS = {
    "plan-items": "-number",
    "projects": "-title_en",
    "people": "-sort_name",
    "organizations": "-name_en",
    "meetings": "start,id",
    "documents": "title_en",
    "indicators": "-name_en",
    "sources": "title",
}


@pytest.mark.usefixtures("seeded")
@pytest.mark.parametrize("resource", ORDERINGS)
def test_ordering_on_an_allowed_field(api, resource):
    model, lookup, _ = RESOURCES[resource]
    ordering = ORDERINGS[resource]
    key = "pk" if lookup == "pk" else "slug"
    wanted = list(model.objects.order_by(*ordering.split(",")).values_list(key, flat=True))
    assert slugs(api, f"/api/v1/{resource}/?ordering={ordering}") == wanted
    assert wanted != list_keys(resource)  # the order asked for is not the default one


@pytest.mark.usefixtures("seeded")
def test_ordering_both_ways(api):
    ascending = slugs(api, "/api/v1/people/?ordering=sort_name")
    assert ascending == LISTS["people"]
    assert slugs(api, "/api/v1/people/?ordering=-sort_name") == ascending[::-1]


@pytest.mark.usefixtures("seeded")
@pytest.mark.parametrize("resource", LISTS)
@pytest.mark.parametrize(
    ("ordering", "unknown"),
    [
        ("no_such_field", "no_such_field"),
        ("-summary", "-summary"),
        ("id,-no_such_field", "-no_such_field"),
        ("--id", "--id"),
    ],
)
def test_unknown_ordering_is_a_400_naming_it(api, resource, ordering, unknown):
    """An ordering the list does not take is refused, on every list, not quietly dropped (a
    client would take the default order for the one it asked for)."""
    response = api.get(f"/api/v1/{resource}/", {"ordering": ordering})
    assert response.status_code == 400
    error = response.json()["error"]
    assert list(error["fields"]) == ["ordering"]
    [message] = error["fields"]["ordering"]
    assert message.startswith(f"Unknown ordering: {unknown}. Give one or more of ")
    assert "-id" in message


@pytest.mark.usefixtures("seeded")
@pytest.mark.parametrize("resource", LISTS)
def test_every_ordering_the_schema_lists_is_taken(api, resource):
    """The schema's enum for `ordering` is exactly what the list takes: each value alone, and
    all of them at once, comma-separated (`style: form, explode: false`)."""
    [parameter] = [
        p
        for p in generated_schema()["paths"][f"/api/v1/{resource}/"]["get"]["parameters"]
        if p["name"] == "ordering"
    ]
    assert (parameter["style"], parameter["explode"]) == ("form", False)
    values = parameter["schema"]["items"]["enum"]
    assert "id" in values and "-id" in values
    for value in values:
        assert api.get(f"/api/v1/{resource}/", {"ordering": value}).status_code == 200, value
    ascending = [value for value in values if not value.startswith("-")]
    assert api.get(f"/api/v1/{resource}/", {"ordering": ",".join(ascending)}).status_code == 200


@pytest.mark.usefixtures("seeded")
def test_undated_records_come_last_on_every_database(api):
    """Latest first, undated last (as the models order them): SQLite and PostgreSQL put NULL
    at different ends unless the ordering says where."""
    from tests.projects.factories import DocumentFactory, MeetingFactory, PlanFactory

    MeetingFactory(slug="undated-ceremony", kind="ceremony", start=None, end=None)
    assert slugs(api, "/api/v1/meetings/?kind=ceremony") == [
        "cross-years-opening-2018-05-26",
        "undated-ceremony",
    ]
    DocumentFactory(slug="undated-agreement", kind="agreement", signed_on=None)
    DocumentFactory(slug="dated-agreement", kind="agreement")
    assert slugs(api, "/api/v1/documents/?kind=agreement") == [
        "dated-agreement",
        "undated-agreement",
    ]
    PlanFactory(slug="undated-plan", proposed_on=None)
    assert slugs(api, "/api/v1/plans/") == [PLAN, "undated-plan"]
    # And the data set's own undated sources (see LISTS["sources"]).
    assert slugs(api, "/api/v1/sources/")[-3:] == [
        "russkiy-mir-239350",
        "tufs-2018-general-assembly",
        "mofa-2018-02-22-high-level-working-group",
    ]


# Pages --------------------------------------------------------------------------------------


@pytest.mark.usefixtures("seeded")
def test_page_size_is_honoured(api):
    url = "/api/v1/indicators/"
    first = api.get(f"{url}?page_size=3").json()
    assert first["count"] == 8
    assert [s["slug"] for s in first["results"]] == LISTS["indicators"][:3]
    assert first["previous"] is None
    assert first["next"] == f"http://testserver{url}?page=2&page_size=3"
    last = api.get(f"{url}?page_size=3&page=3").json()
    assert [s["slug"] for s in last["results"]] == LISTS["indicators"][6:]
    assert last["next"] is None
    assert last["previous"] == f"http://testserver{url}?page=2&page_size=3"


@pytest.mark.usefixtures("seeded")
def test_pages_hold_50_by_default_and_200_at_most(api):
    SourceFactory.create_batch(205)
    total = 205 + len(LISTS["sources"])
    default = api.get("/api/v1/sources/").json()
    assert (default["count"], len(default["results"])) == (total, 50)
    largest = api.get("/api/v1/sources/?page_size=200").json()
    assert (largest["count"], len(largest["results"])) == (total, 200)
    assert largest["next"] == "http://testserver/api/v1/sources/?page=2&page_size=200"
    rest = api.get("/api/v1/sources/?page_size=200&page=2").json()
    assert len(rest["results"]) == total - 200
    assert rest["next"] is None
    every = {s["slug"] for s in largest["results"]} | {s["slug"] for s in rest["results"]}
    assert len(every) == total
    assert api.get("/api/v1/sources/?page_size=200&page=3").status_code == 404
    # Past the schema's maximum: a 400 naming the field, not a quiet 200 rows.
    too_many = api.get("/api/v1/sources/?page_size=201")
    assert too_many.status_code == 400
    assert too_many.json()["error"]["fields"] == {"page_size": ["A whole number from 1 to 200."]}
    [parameter] = [
        p
        for p in generated_schema()["paths"]["/api/v1/sources/"]["get"]["parameters"]
        if p["name"] == "page_size"
    ]
    assert (parameter["schema"]["minimum"], parameter["schema"]["maximum"]) == (1, 200)


@pytest.mark.usefixtures("seeded")
def test_numbered_pages_stop_at_a_documented_depth_and_point_to_cursor_pages(api):
    # page_size 200: page 50 starts at row 9,800 (within reach: here past the end, a 404),
    # page 51 at row 10,000 (past the depth: 400 whatever the list holds), as does "last"
    # would in a list that long.
    assert api.get("/api/v1/projects/?page_size=200&page=50").status_code == 404
    deep = api.get("/api/v1/projects/?page_size=200&page=51")
    assert deep.status_code == 400
    error = deep.json()["error"]
    assert error["code"] == "invalid"
    assert "first 10,000 rows" in error["fields"]["page"][0]
    assert "`cursor=`" in error["fields"]["page"][0]
    assert api.get("/api/v1/projects/?page=last").status_code == 200


@pytest.mark.usefixtures("seeded")
def test_a_page_number_beside_a_cursor_is_refused(api):
    """Keyset pages have no numbers: `page` with `cursor` is a 400, never silently ignored
    (schemathesis found `?cursor=&page=<not a number>` answered 200)."""
    response = api.get("/api/v1/people/?cursor=&page=x")
    assert response.status_code == 400
    assert response.json()["error"]["fields"] == {"cursor": ["Send `cursor` or `page`, not both."]}
    assert api.get("/api/v1/people/?cursor=").status_code == 200


@pytest.mark.usefixtures("seeded")
def test_the_count_is_kept_until_a_change(api):
    first = api.get("/api/v1/sources/").json()["count"]
    SourceFactory()  # a change: the kept count is worked out again
    assert api.get("/api/v1/sources/").json()["count"] == first + 1


@pytest.mark.usefixtures("seeded")
@pytest.mark.parametrize("resource", LISTS)
def test_page_beyond_the_end_is_404(api, resource):
    response = api.get(f"/api/v1/{resource}/?page=2")
    assert response.status_code == 404
    assert response.json() == {
        "error": {"status": 404, "code": "not_found", "message": "Invalid page."}
    }


@pytest.mark.usefixtures("seeded")
@pytest.mark.parametrize("resource", LISTS)
def test_cursor_pages_walk_every_record_once_in_the_order_of_addition(api, resource):
    key = "id" if resource == "plan-items" else "slug"
    everything = api.get(f"/api/v1/{resource}/?page_size=200").json()
    url = f"/api/v1/{resource}/?cursor=&page_size=2&ordering=-id"
    walked, pages = [], []
    while url:
        response = api.get(url)
        assert response.status_code == 200, response.content
        body = response.json()
        assert body["count"] is None  # not counted: the cost would grow with the list
        walked += [row["id"] for row in body["results"]]
        pages.append([row[key] for row in body["results"]])
        url = body["next"]
    assert walked == sorted(row["id"] for row in everything["results"])  # by id; not `ordering`
    assert all(len(page) == 2 for page in pages[:-1])
    assert len(pages) == -(-everything["count"] // 2)


@pytest.mark.usefixtures("seeded")
def test_cursor_pages_go_back_with_previous(api):
    first = api.get("/api/v1/projects/?cursor=&page_size=2").json()
    assert first["previous"] is None
    second = api.get(first["next"]).json()
    back = api.get(second["previous"]).json()
    assert back["results"] == first["results"]


@pytest.mark.usefixtures("seeded")
@pytest.mark.parametrize(
    # nonsense, "p=" cut short, a NUL, "p=abc", "p=²" (a digit to Python, not to int()),
    # "p=" and 30 nines (past bigint)
    "cursor",
    [
        "nonsense",
        "cD0=x",
        "%00",
        "cD1hYmM=",
        "cD3Csg==",
        "cD05OTk5OTk5OTk5OTk5OTk5OTk5OTk5OTk5OTk5OTk=",
    ],
)
def test_a_cursor_the_api_did_not_give_is_400(api, cursor):
    response = api.get(f"/api/v1/projects/?cursor={cursor}")
    assert response.status_code == 400, response.content
    assert list(response.json()["error"]["fields"]) == ["cursor"]


@pytest.mark.usefixtures("seeded")
@pytest.mark.parametrize("value", ["0.0", "8.0", "1e1", "８"])
def test_a_whole_number_filter_takes_digits_only(api, value):
    """The schema says integer: `8.0` is refused as it says, not read as 8."""
    response = api.get(f"/api/v1/meetings/?plan_item={value}")
    assert response.status_code == 400, response.content
    assert list(response.json()["error"]["fields"]) == ["plan_item"]
    assert api.get("/api/v1/meetings/?plan_item=8").status_code == 200
