"""Reading the API, on the real data set: whole bodies, languages and fallbacks.

For each resource, one detail (or two) is written out here in full from
projects/seed/japan_russia.yaml, and compared whole with the response; only the fields that
change on every save (version, created, updated) and the database ids are read from the
database. Each list is compared whole, in its documented order, with bodies the builders in
expected.py make from the rows, and those builders are checked against the bodies written
out here.
"""

from __future__ import annotations

import pytest
import yaml

from coopr.models import Source
from coopr.services import record_save
from people.models import Organization, Person, Position
from projects.models import Document, Indicator, Meeting, Plan, PlanItem, Project
from tests.api import expected
from tests.api.expected import BASE, LISTS, assert_body, list_keys, stamps
from tests.conftest import SMALL_DATA_SET

pytestmark = pytest.mark.usefixtures("seeded")

SEED = SMALL_DATA_SET
NOTHING = {"en": None, "ru": None, "ja": None}


def en(value: str) -> dict:
    """A translated field given in English only."""
    return {"en": value, "ru": None, "ja": None}


def cite(source: dict, quote: str = "", field: str = "", note: str = "", locator: str = ""):
    return {"source": source, "field": field, "quote": quote, "locator": locator, "note": note}


def pk(model, **lookup) -> int:
    return model.objects.get(**lookup).pk


def item_pk(number: int) -> int:
    return pk(PlanItem, plan__slug="eight-point-cooperation-plan", number=number)


# Sources as citations show them ------------------------------------------------------------

TASS = {
    "slug": "tass-2018-03-24",
    "title": "First Russia-Japan symposium on staff training has been held in Osaka",
    "publisher": "TASS",
    "link": "https://tass.com/economy/995914",
    "published_on": "2018-03-24",
    "published_on_precision": "day",
}
METI_2019 = {
    "slug": "meti-2019-01-23",
    "title": "METI Minister Seko Visits the Russian Federation",
    "publisher": "Ministry of Economy, Trade and Industry",
    "link": "https://www.meti.go.jp/english/press/2019/0123_003.html",
    "published_on": "2019-01-23",
    "published_on_precision": "day",
}
TOMODACHI_2018 = {
    "slug": "tomodachi-2018-eight-point-plan",
    "title": "The Eight-Point Cooperation Plan",
    "publisher": "Government of Japan",
    "link": "https://www.japan.go.jp/tomodachi/2018/japan_and_russia_edition_2018/"
    "improving_lives_in_russia.html",
    "published_on": "2018-01-01",
    "published_on_precision": "year",
}
TOMODACHI_2016 = {
    "slug": "tomodachi-2016-eight-bullet-point",
    "title": "Japan's Eight-Bullet-Point Proposal",
    "publisher": "Government of Japan",
    "link": "https://www.japan.go.jp/tomodachi/2016/japan_and_russia_edition_2016/"
    "japans_eight_bullet_point.html",
    "published_on": "2016-01-01",
    "published_on_precision": "year",
}
JAPAN_TIMES = {
    "slug": "japan-times-2016-11-19",
    "title": "Japan, Russia ease visa rules, push tourism under cooperation plan",
    "publisher": "The Japan Times",
    "link": "https://www.japantimes.co.jp/news/2016/11/19/national/politics-diplomacy/"
    "japan-russia-ease-visa-rules-push-tourism-cooperation-plan/",
    "published_on": "2016-11-19",
    "published_on_precision": "day",
}
TUFS = {
    "slug": "tufs-2018-general-assembly",
    "title": "Japan-Russia university association: first General Assembly",
    "publisher": "Tokyo University of Foreign Studies",
    "link": "https://wp.tufs.ac.jp/russia-en/news-2018-may-n1-soukai",
    "published_on": None,
    "published_on_precision": "day",
}
RUSSKIY_MIR = {
    "slug": "russkiy-mir-239350",
    "title": "Russia and Japan to extend cooperation in the field of education",
    "publisher": "Russkiy Mir",
    "link": "https://russkiymir.ru/en/news/239350/",
    "published_on": None,
    "published_on_precision": "day",
}

NO_DATE = {"start": None, "start_precision": "day", "start_display": ""}
NO_END = {"end": None, "end_precision": "day", "end_display": ""}


# References -------------------------------------------------------------------------------


def organization_ref(slug: str, name: str, country: str, short_name: str = "") -> dict:
    return {
        "id": pk(Organization, slug=slug),
        "url": f"{BASE}/organizations/{slug}/",
        "slug": slug,
        "name": name,
        "short_name": short_name,
        "country": country,
    }


def person_ref(slug: str, name: str, country: str) -> dict:
    return {
        "id": pk(Person, slug=slug),
        "url": f"{BASE}/people/{slug}/",
        "slug": slug,
        "name": name,
        "country": country,
    }


def item_ref(number: int, title: str) -> dict:
    return {
        "id": item_pk(number),
        "url": f"{BASE}/plan-items/{item_pk(number)}/",
        "plan": "eight-point-cooperation-plan",
        "number": number,
        "title": title,
    }


ITEM_TITLES = {
    1: "Extending healthy life expectancies",
    2: "Developing comfortable and clean cities easy to reside and live in",
    3: "Fundamental expansion of medium-sized and small companies' exchange and cooperation",
    4: "Energy",
    5: "Promoting industrial diversification and enhancing productivity in Russia",
    6: "Developing industries and export bases in the Far East",
    7: "Cooperation on cutting-edge technologies",
    8: "Fundamental expansion of people-to-people interaction",
}


def meti() -> dict:
    return organization_ref("meti", "Ministry of Economy, Trade and Industry", "JP", "METI")


# Details written out from the data set ----------------------------------------------------

SEKO_SUMMARY = (
    "Summary in the project's FACTS.md: Hiroshige Seko: Minister of Economy, Trade and "
    "Industry and Minister for Economic Cooperation with Russia."
)


def seko() -> dict:
    def post(title: str) -> int:
        return pk(Position, person__slug="hiroshige-seko", title_en=title)

    return {
        "id": pk(Person, slug="hiroshige-seko"),
        "url": f"{BASE}/people/hiroshige-seko/",
        "slug": "hiroshige-seko",
        "name": "Hiroshige Seko",
        "name_i18n": {"en": "Hiroshige Seko", "ru": "Хиросигэ Сэко", "ja": "世耕弘成"},
        "sort_name": "Seko, Hiroshige",
        "other_names": "",
        "country": "JP",
        "biography": "",
        "biography_i18n": NOTHING,
        "positions": [
            {
                "id": post("Minister of Economy, Trade and Industry"),
                "title": "Minister of Economy, Trade and Industry",
                "title_i18n": en("Minister of Economy, Trade and Industry"),
                "organization": meti(),
                **NO_DATE,
                **NO_END,
                "as_of": "2018-03-24",
                "citations": [
                    cite(
                        TASS,
                        "Minister of Economy, Trade and Industry Hiroshige Seko, who is in "
                        "charge for economic ties with Moscow",
                    ),
                    cite(METI_2019, field="title", note=SEKO_SUMMARY),
                ],
            },
            {
                "id": post("Minister for Economic Cooperation with Russia"),
                "title": "Minister for Economic Cooperation with Russia",
                "title_i18n": en("Minister for Economic Cooperation with Russia"),
                "organization": None,
                **NO_DATE,
                **NO_END,
                "as_of": "2019-01-23",
                "citations": [
                    cite(METI_2019, note=SEKO_SUMMARY),
                    cite(
                        TASS,
                        "who is in charge for economic ties with Moscow",
                        note="The same responsibility as of 24 March 2018, without the title.",
                    ),
                ],
            },
        ],
        "citations": [cite(TASS, "Minister of Economy, Trade and Industry Hiroshige Seko")],
        **stamps(Person.objects.get(slug="hiroshige-seko")),
    }


SYMPOSIUM_RUSSIAN_SIDE = (
    "Deputy Prime Minister Olga Golodets, Economic Development Minster Maksim Oreshkin and "
    "President of All-Russia Business Association ‘Delovaya Rossiya’ (Business Russia) and "
    "chairman of the Russian-Japanese business council Alexei Repik participated from the "
    "Russian side"
)


def osaka_symposium() -> dict:
    def attended(person: dict, side: str, post=None, post_organization=None, representing=None):
        return {
            "person": person,
            "side": side,
            "role": "",
            "post": post,
            "post_organization": post_organization,
            "representing": representing,
        }

    description = (
        "The first Russia–Japan symposium on student exchanges for training personnel for the "
        "two countries' industries. Delegations from more than 10 higher education "
        "institutions of both countries attended."
    )
    outcomes = (
        "It was decided to expand item 8 of the cooperation plan (humanitarian exchanges) by "
        "developing student exchanges; Seko said 13 related projects were under way."
    )
    return {
        "id": pk(Meeting, slug="osaka-symposium-2018-03-24"),
        "url": f"{BASE}/meetings/osaka-symposium-2018-03-24/",
        "slug": "osaka-symposium-2018-03-24",
        "title": "First Russia–Japan symposium on staff training",
        "title_i18n": en("First Russia–Japan symposium on staff training"),
        "kind": "symposium",
        "start": "2018-03-24",
        "start_precision": "day",
        "start_display": "March 24, 2018",
        **NO_END,
        "body": None,
        "session_number": None,
        "city": "Osaka",
        "city_i18n": en("Osaka"),
        "country": "JP",
        "description": description,
        "description_i18n": en(description),
        "outcomes": outcomes,
        "outcomes_i18n": en(outcomes),
        # The Japanese side first, then the Russian; each side in the order of the data set.
        "participants": [
            attended(
                person_ref("hiroshige-seko", "Hiroshige Seko", "JP"),
                "JP",
                "Minister of Economy, Trade and Industry",
                meti(),
            ),
            attended(
                person_ref("masayoshi-matsumoto", "Masayoshi Matsumoto", "JP"),
                "JP",
                representing=organization_ref(
                    "kansai-economic-federation", "Kansai Economic Federation", "JP"
                ),
            ),
            attended(
                person_ref("olga-golodets", "Olga Golodets", "RU"),
                "RU",
                "Deputy Prime Minister",
                organization_ref(
                    "government-of-russia", "Government of the Russian Federation", "RU"
                ),
            ),
            attended(
                person_ref("maxim-oreshkin", "Maxim Oreshkin", "RU"),
                "RU",
                "Minister of Economic Development",
                organization_ref(
                    "ministry-of-economic-development-russia",
                    "Ministry of Economic Development of the Russian Federation",
                    "RU",
                ),
            ),
            attended(
                person_ref("alexei-repik", "Alexei Repik", "RU"),
                "RU",
                "President",
                organization_ref("delovaya-rossiya", "Delovaya Rossiya (Business Russia)", "RU"),
            ),
        ],
        "documents": [],
        "plan_items": [item_ref(8, ITEM_TITLES[8])],
        "projects": [],
        "organizations": [],
        "citations": [
            cite(
                TASS,
                "OSAKA /Japan/, March 24. /TASS/. Japan and Russia held the first symposium "
                "focused on student exchanges for further training of personnel for industrial "
                "sectors of both countries on Saturday.",
            ),
            cite(
                TASS,
                "More than 10 higher education institutions from both countries send "
                "delegations of their representatives to Japan’s Osaka.",
                field="description",
            ),
            cite(
                TASS,
                "We are expanding the eighth item of the cooperation plan related to "
                "humanitarian exchanges by developing student exchanges. Currently we are "
                "implementing 13 relevant projects",
                field="outcomes",
            ),
        ],
        **stamps(Meeting.objects.get(slug="osaka-symposium-2018-03-24")),
    }


def thirteen_projects() -> dict:
    description = (
        "Projects reported under item 8 after its expansion to student exchanges. No public "
        "list of them was found."
    )
    return {
        "id": pk(Indicator, slug="projects-under-item-8-reported"),
        "url": f"{BASE}/indicators/projects-under-item-8-reported/",
        "slug": "projects-under-item-8-reported",
        "name": "Student-exchange projects under item 8",
        "name_i18n": en("Student-exchange projects under item 8"),
        "unit": "projects",
        "unit_i18n": en("projects"),
        "description": description,
        "description_i18n": en(description),
        "measures": "projects_in_item",
        "plan": None,
        "plan_item": item_pk(8),
        "project": None,
        # It counts student-exchange projects: the one the data set holds under item 8 with
        # that theme, against the 13 reported (not all six of item 8).
        "theme": "student-exchange",
        "recorded_projects": 1,
        "observations": [
            {
                "date": "2018-03-24",
                "date_precision": "day",
                "date_display": "March 24, 2018",
                "value": "13.00",
                "qualifier": "exact",
                "note": "",
                "citations": [cite(TASS, "Currently we are implementing 13 relevant projects")],
            }
        ],
        "citations": [
            cite(
                TASS,
                "We are expanding the eighth item of the cooperation plan related to "
                "humanitarian exchanges by developing student exchanges. Currently we are "
                "implementing 13 relevant projects",
            )
        ],
        **stamps(Indicator.objects.get(slug="projects-under-item-8-reported")),
    }


def item_8() -> dict:
    return {
        "id": item_pk(8),
        "url": f"{BASE}/plan-items/{item_pk(8)}/",
        "plan": "eight-point-cooperation-plan",
        "number": 8,
        "title": ITEM_TITLES[8],
        "title_i18n": en(ITEM_TITLES[8]),
        "description": "",
        "description_i18n": NOTHING,
        # University association, Kobe–Yekaterinburg, student exchanges, sports, JNTO office,
        # Cross Years.
        "project_count": 6,
        "citations": [
            cite(
                TASS,
                "We are expanding the eighth item of the cooperation plan related to "
                "humanitarian exchanges by developing student exchanges.",
            ),
            cite(TOMODACHI_2018, ITEM_TITLES[8], field="title"),
            cite(
                TOMODACHI_2016,
                "Radically expanding people-to-people interaction",
                field="title",
                note="Earlier wording (2016)",
            ),
        ],
        **stamps(PlanItem.objects.get(pk=item_pk(8))),
    }


def eight_point_plan() -> dict:
    description = (
        "Japan's plan for economic cooperation with Russia: energy, small and medium-sized "
        "businesses, industrialisation of the Far East, the export base, cutting-edge "
        "technologies including nuclear energy, and humanitarian exchanges."
    )
    return {
        "id": pk(Plan, slug="eight-point-cooperation-plan"),
        "url": f"{BASE}/plans/eight-point-cooperation-plan/",
        "slug": "eight-point-cooperation-plan",
        "title": "Eight-point Cooperation Plan",
        "title_i18n": en("Eight-point Cooperation Plan"),
        "long_title": "",
        "long_title_i18n": NOTHING,
        "subtitle": "",
        "subtitle_i18n": NOTHING,
        "country_a": "JP",
        "country_b": "RU",
        "proposed_on": "2016-05-06",
        "proposed_on_precision": "day",
        "proposed_on_display": "May 6, 2016",
        "proposed_by": "shinzo-abe",
        "proposed_at": "sochi-summit-2016-05-06",
        "proposed_place": "Sochi",
        "proposed_place_i18n": en("Sochi"),
        "description": description,
        "description_i18n": en(description),
        "items": [item_ref(number, title) for number, title in ITEM_TITLES.items()],
        "citations": [
            cite(
                TASS,
                "cooperation plan offered by Shinzo Abe at a meeting with Russian President "
                "Vladimir Putin in Sochi on May 6, 2016",
            ),
            cite(
                TASS,
                "The plan includes efforts to foster relations between Japan and Russia in the "
                "energy sector, small and medium-sized businesses, the promotion of "
                "industrialization of the Far East, expansion of the export base, as well as "
                "the proposal to strengthen cooperation in the cutting-edge technologies, "
                "including nuclear energy, and the sphere of humanitarian exchanges.",
                field="description",
            ),
            cite(
                TOMODACHI_2018,
                "at the May 2016 Japan-Russia Summit Meeting",
                field="proposed_on",
            ),
            cite(TOMODACHI_2018, "The Eight-Point Cooperation Plan", field="title"),
        ],
        **stamps(Plan.objects.get(slug="eight-point-cooperation-plan")),
    }


def jnto_office() -> dict:
    summary = "The Japan National Tourism Organization to open an office in Moscow."
    return {
        "id": pk(Project, slug="jnto-moscow-office"),
        "url": f"{BASE}/projects/jnto-moscow-office/",
        "slug": "jnto-moscow-office",
        "plan_item": item_pk(8),
        "plan_item_summary": item_ref(8, ITEM_TITLES[8]),
        "title": "JNTO office in Moscow",
        "title_i18n": en("JNTO office in Moscow"),
        "summary": summary,
        "summary_i18n": en(summary),
        "status": "",
        **NO_DATE,
        **NO_END,
        "progress": None,
        "themes": [],
        "organizations": [
            {
                "organization": organization_ref(
                    "japan-national-tourism-organization",
                    "Japan National Tourism Organization",
                    "JP",
                ),
                "role": "lead",
                "side": "JP",
            }
        ],
        "people": [],
        "updates": [],
        "citations": [
            cite(
                JAPAN_TIMES,
                note="Summary in the project's FACTS.md: the Japan National Tourism "
                "Organization to open a Moscow office. Listed under item 8 (people-to-people "
                "exchanges).",
            )
        ],
        **stamps(Project.objects.get(slug="jnto-moscow-office")),
    }


def university_association() -> dict:
    summary = (
        "An association of Japanese and Russian universities. Its memorandum was signed at the "
        "December 2016 summit; its first General Assembly met in Sapporo in May 2018."
    )
    return {
        "id": pk(Project, slug="japan-russia-university-association"),
        "url": f"{BASE}/projects/japan-russia-university-association/",
        "slug": "japan-russia-university-association",
        "plan_item": item_pk(8),
        "plan_item_summary": item_ref(8, ITEM_TITLES[8]),
        "title": "Japan–Russia university association",
        "title_i18n": en("Japan–Russia university association"),
        "summary": summary,
        "summary_i18n": en(summary),
        "status": "",
        **NO_DATE,
        **NO_END,
        "progress": None,
        "themes": [],
        "organizations": [],
        "people": [],
        "updates": [
            {
                "date": "2016-12-01",
                "date_precision": "month",
                "date_display": "December 2016",
                "status": "agreed",
                "note": "Memorandum signed at the December 2016 summit",
            },
            {
                "date": "2018-05-18",
                "date_precision": "day",
                "date_display": "May 18, 2018",
                "status": "",
                "note": "First General Assembly in Sapporo",
            },
        ],
        "citations": [
            cite(
                TUFS,
                note="Summary in the project's FACTS.md: a memorandum on a Japan–Russia "
                "university association was signed at the December 2016 summit; its first "
                "General Assembly met in Sapporo, 18–20 May 2018. Listed under item 8 "
                "(people-to-people exchanges).",
            )
        ],
        **stamps(Project.objects.get(slug="japan-russia-university-association")),
    }


def meti_detail() -> dict:
    return {
        "id": pk(Organization, slug="meti"),
        "url": f"{BASE}/organizations/meti/",
        "slug": "meti",
        "name": "Ministry of Economy, Trade and Industry",
        "name_i18n": en("Ministry of Economy, Trade and Industry"),
        "short_name": "METI",
        "short_name_i18n": en("METI"),
        "other_names": "",
        "kind": "ministry",
        "country": "JP",
        "parent": "government-of-japan",
        "website": "",
        "description": "",
        "description_i18n": NOTHING,
        "citations": [
            cite(TASS, "Japan’s Minister of Economy, Trade and Industry Hiroshige Seko", "name"),
            cite(
                TASS,
                "Japan’s Minister of Economy, Trade and Industry",
                field="parent",
                note="Parent inferred from the name (a ministry is part of its government); "
                "no source states it.",
            ),
            cite(METI_2019, "METI Minister Seko Visits the Russian Federation", "short_name"),
        ],
        **stamps(Organization.objects.get(slug="meti")),
    }


def business_council() -> dict:
    """A bilateral body: no country."""
    return {
        "id": pk(Organization, slug="russian-japanese-business-council"),
        "url": f"{BASE}/organizations/russian-japanese-business-council/",
        "slug": "russian-japanese-business-council",
        "name": "Russian-Japanese business council",
        "name_i18n": en("Russian-Japanese business council"),
        "short_name": "",
        "short_name_i18n": NOTHING,
        "other_names": "",
        "kind": "bilateral_body",
        "country": "",
        "parent": None,
        "website": "",
        "description": "",
        "description_i18n": NOTHING,
        "citations": [
            cite(TASS, "chairman of the Russian-Japanese business council Alexei Repik"),
        ],
        **stamps(Organization.objects.get(slug="russian-japanese-business-council")),
    }


def university_memorandum() -> dict:
    return {
        "id": pk(Document, slug="memorandum-university-association-2016"),
        "url": f"{BASE}/documents/memorandum-university-association-2016/",
        "slug": "memorandum-university-association-2016",
        "title": "Memorandum on a Japan–Russia university association",
        "title_i18n": en("Memorandum on a Japan–Russia university association"),
        "kind": "memorandum",
        "signed_on": "2016-12-01",
        "signed_on_precision": "month",
        "signed_on_display": "December 2016",
        "place": "",
        "place_i18n": NOTHING,
        "meeting": "december-2016-summit",
        "summary": "",
        "summary_i18n": NOTHING,
        "link": "",
        "signatories": [],
        "parties": [],
        "plan_items": [item_ref(8, ITEM_TITLES[8])],
        "projects": [
            {
                "id": pk(Project, slug="japan-russia-university-association"),
                "url": f"{BASE}/projects/japan-russia-university-association/",
                "slug": "japan-russia-university-association",
                "title": "Japan–Russia university association",
                "status": "",
            }
        ],
        "citations": [
            cite(
                TUFS,
                note="Summary in the project's FACTS.md: a memorandum on a Japan–Russia "
                "university association was signed at the December 2016 summit. Listed under "
                "item 8 (people-to-people exchanges).",
            )
        ],
        **stamps(Document.objects.get(slug="memorandum-university-association-2016")),
    }


def citations_in_seed(source_slug: str) -> int:
    """How many citations of the data set name the source (each use of a YAML alias too)."""

    def walk(node) -> int:
        if isinstance(node, list):
            return sum(walk(item) for item in node)
        if not isinstance(node, dict):
            return 0
        found = sum(
            1
            for citation in node.get("citations", [])
            if isinstance(citation, dict) and citation.get("source") == source_slug
        )
        return found + sum(walk(value) for value in node.values())

    return walk(yaml.safe_load(SEED.read_text(encoding="utf-8")))


def tass_source() -> dict:
    return {
        "id": pk(Source, slug="tass-2018-03-24"),
        "url": f"{BASE}/sources/tass-2018-03-24/",
        "slug": "tass-2018-03-24",
        "title": "First Russia-Japan symposium on staff training has been held in Osaka",
        "publisher": "TASS",
        "link": "https://tass.com/economy/995914",
        "kind": "news",
        "language": "en",
        "published_on": "2018-03-24",
        "published_on_precision": "day",
        "published_on_display": "March 24, 2018",
        "notes": 'Datelined "OSAKA /Japan/, March 24" without a year. The article says the '
        'symposium was held "on Saturday", and 24 March 2018 was a Saturday. A copy of the '
        "text is kept in projects/seed/tass-2018-03-24.txt.",
        "citation_count": citations_in_seed("tass-2018-03-24"),
        **stamps(Source.objects.get(slug="tass-2018-03-24")),
    }


DETAILS = {
    "person hiroshige-seko": ("people", "hiroshige-seko", seko),
    "meeting osaka-symposium": ("meetings", "osaka-symposium-2018-03-24", osaka_symposium),
    "indicator 13 projects": ("indicators", "projects-under-item-8-reported", thirteen_projects),
    "plan item 8": ("plan-items", None, item_8),
    "plan": ("plans", "eight-point-cooperation-plan", eight_point_plan),
    "project jnto-moscow-office": ("projects", "jnto-moscow-office", jnto_office),
    "project university association": (
        "projects",
        "japan-russia-university-association",
        university_association,
    ),
    "organization meti": ("organizations", "meti", meti_detail),
    "organization without a country": (
        "organizations",
        "russian-japanese-business-council",
        business_council,
    ),
    "document": ("documents", "memorandum-university-association-2016", university_memorandum),
    "source tass": ("sources", "tass-2018-03-24", tass_source),
}


def detail_key(resource: str, key):
    return item_pk(8) if resource == "plan-items" else key


@pytest.mark.parametrize("case", DETAILS)
def test_detail_body_is_the_data_set(api, case):
    resource, key, body = DETAILS[case]
    response = api.get(f"/api/v1/{resource}/{detail_key(resource, key)}/")
    assert response.status_code == 200
    assert_body(response, body())


@pytest.mark.parametrize("case", DETAILS)
def test_builders_agree_with_the_bodies_written_out(case):
    """The builders that make the expected lists give these same bodies."""
    resource, key, body = DETAILS[case]
    model, lookup, _ = expected.RESOURCES[resource]
    row = model.objects.get(**{lookup: detail_key(resource, key)})
    assert expected.build(resource, row) == body()


def test_the_data_set_cites_tass_75_times():
    """The count the source's body shows, counted in the YAML file by hand once."""
    assert citations_in_seed("tass-2018-03-24") == 75


# Lists --------------------------------------------------------------------------------------


@pytest.mark.parametrize("resource", LISTS)
def test_list_body_is_the_data_set(api, resource):
    response = api.get(f"/api/v1/{resource}/")
    assert response.status_code == 200
    assert_body(response, expected.page(resource, list_keys(resource)))


@pytest.mark.parametrize("resource", LISTS)
def test_list_holds_every_record(resource):
    """The lists above name every record the data set loads."""
    model = expected.RESOURCES[resource][0]
    assert len(LISTS[resource]) == model.objects.count()


# Languages ----------------------------------------------------------------------------------

ABE = {"en": "Shinzo Abe", "ru": "Синдзо Абэ", "ja": "安倍晋三"}


def abe(lang: str) -> dict:
    """Shinzo Abe's body in a language: his name is given in all three."""
    return expected.person(Person.objects.get(slug="shinzo-abe"), lang)


@pytest.mark.parametrize("lang", ["en", "ru", "ja"])
def test_lang_parameter_chooses_the_language(api, lang):
    response = api.get(f"/api/v1/people/shinzo-abe/?lang={lang}")
    assert response["Content-Language"] == lang
    body = response.json()
    assert body["name"] == ABE[lang]
    assert body["name_i18n"] == ABE
    # His post and its organization are recorded in English only: English it is.
    assert body["positions"][0]["title"] == "Prime Minister"
    assert body["positions"][0]["organization"]["name"] == "Government of Japan"
    assert_body(response, abe(lang))


@pytest.mark.parametrize("lang", ["en", "ru", "ja"])
def test_accept_language_chooses_the_language(api, lang):
    response = api.get("/api/v1/people/shinzo-abe/", HTTP_ACCEPT_LANGUAGE=f"{lang},en;q=0.5")
    assert response["Content-Language"] == lang
    assert response.json()["name"] == ABE[lang]
    assert_body(response, abe(lang))


def test_lang_parameter_wins_over_accept_language(api):
    response = api.get("/api/v1/people/shinzo-abe/?lang=ja", HTTP_ACCEPT_LANGUAGE="ru")
    assert response["Content-Language"] == "ja"
    assert response.json()["name"] == "安倍晋三"


def test_english_by_default_and_for_an_unknown_language(api):
    for headers in ({}, {"HTTP_ACCEPT_LANGUAGE": "de"}, {"HTTP_ACCEPT_LANGUAGE": "de,fr;q=0.8"}):
        response = api.get("/api/v1/people/shinzo-abe/", **headers)
        assert response["Content-Language"] == "en"
        assert response.json()["name"] == "Shinzo Abe"


def test_unknown_lang_parameter_is_ignored(api):
    response = api.get("/api/v1/people/shinzo-abe/?lang=de", HTTP_ACCEPT_LANGUAGE="ja")
    assert response["Content-Language"] == "ja"
    assert response.json()["name"] == "安倍晋三"


def test_missing_translation_falls_back_to_english(api):
    """Golodets has a Russian name but no Japanese one; a meeting recorded in English only."""
    golodets = api.get("/api/v1/people/olga-golodets/?lang=ja").json()
    assert golodets["name"] == "Olga Golodets"
    assert golodets["name_i18n"] == {"en": "Olga Golodets", "ru": "Ольга Голодец", "ja": None}
    assert api.get("/api/v1/people/olga-golodets/?lang=ru").json()["name"] == "Ольга Голодец"
    meeting = api.get("/api/v1/meetings/cross-years-opening-2018-05-26/?lang=ru").json()
    assert meeting["title"] == "Opening of Cross Years of Russia and Japan"
    assert meeting["title_i18n"] == en("Opening of Cross Years of Russia and Japan")
    assert meeting["city"] == "Moscow"
    assert meeting["projects"][0]["title"] == "Cross Years of Russia and Japan"


def test_dates_read_in_the_language(api):
    url = "/api/v1/meetings/cross-years-opening-2018-05-26/"
    assert api.get(url).json()["start_display"] == "May 26, 2018"
    assert api.get(f"{url}?lang=ru").json()["start_display"] == "26 мая 2018 г."
    assert api.get(f"{url}?lang=ja").json()["start_display"] == "2018年5月26日"
    url = "/api/v1/documents/memorandum-university-association-2016/"
    assert api.get(url).json()["signed_on_display"] == "December 2016"
    assert api.get(f"{url}?lang=ru").json()["signed_on_display"] == "Декабрь 2016 г."
    assert api.get(f"{url}?lang=ja").json()["signed_on_display"] == "2016年12月"


@pytest.mark.parametrize("lang", ["ru", "ja"])
@pytest.mark.parametrize("resource", LISTS)
def test_list_body_in_each_language(api, resource, lang):
    """Whole lists in Russian and Japanese: names and dates translated, English elsewhere."""
    response = api.get(f"/api/v1/{resource}/?lang={lang}")
    assert response.status_code == 200
    assert response["Content-Language"] == lang
    assert_body(response, expected.page(resource, list_keys(resource), lang=lang))


def i18n_fields(node, path="") -> list[tuple[str, object]]:
    """Every `…_i18n` value in a body, nested ones included, with where it is."""
    found = []
    if isinstance(node, dict):
        for key, value in node.items():
            if key.endswith("_i18n"):
                found.append((f"{path}/{key}", value))
            found += i18n_fields(value, f"{path}/{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += i18n_fields(value, f"{path}/{index}")
    return found


# Sources keep their titles as published, in one language: nothing of theirs is translated.
TRANSLATED = [resource for resource in LISTS if resource != "sources"]


@pytest.mark.parametrize("resource", TRANSLATED)
def test_i18n_fields_carry_all_three_languages(api, resource):
    for lang in ("en", "ru", "ja"):
        body = api.get(f"/api/v1/{resource}/?lang={lang}").json()
        found = i18n_fields(body)
        assert found
        for where, value in found:
            assert isinstance(value, dict), where
            assert set(value) == {"en", "ru", "ja"}, where


def test_the_data_set_has_translations_to_show(api):
    """Names given in Russian and Japanese reach the lists (not only English)."""
    people = api.get("/api/v1/people/?lang=ru").json()["results"]
    assert {p["slug"]: p["name"] for p in people} == {
        "shinzo-abe": "Синдзо Абэ",
        "olga-golodets": "Ольга Голодец",
        "masayoshi-matsumoto": "Masayoshi Matsumoto",
        "toshimitsu-motegi": "Toshimitsu Motegi",
        "maxim-oreshkin": "Максим Орешкин",
        "vladimir-putin": "Владимир Путин",
        "alexei-repik": "Алексей Репик",
        "hiroshige-seko": "Хиросигэ Сэко",
    }
    organizations = api.get("/api/v1/organizations/?lang=ru").json()["results"]
    assert organizations[0]["name"] == "Деловая Россия"


# Records that are not there -------------------------------------------------------------------


@pytest.mark.parametrize("resource", LISTS)
def test_unknown_record_is_404_in_the_error_format(api, resource):
    key = 999999 if resource == "plan-items" else "no-such-record"
    response = api.get(f"/api/v1/{resource}/{key}/")
    assert response.status_code == 404
    error = response.json()["error"]
    assert set(error) == {"status", "code", "message"}
    # The same code as every other 404 of the API (no such page, no such address).
    assert (error["status"], error["code"]) == (404, "not_found")
    assert isinstance(error["message"], str) and error["message"]


def test_malformed_key_is_404_in_the_error_format(api):
    response = api.get("/api/v1/plan-items/not-a-number/")
    assert response.status_code == 404
    assert response.json() == {
        "error": {
            "status": 404,
            "code": "not_found",
            "message": "There is nothing at this address.",
        }
    }


# Nested lists ---------------------------------------------------------------------------------


def test_nested_lists_keep_their_order_in_every_language(api):
    """Organizations, people and documents inside a record come in one order (by English
    name), not in the order of a translation most of them lack."""
    memorandum = Document.objects.get(slug="memorandum-labour-efficiency-2017")
    memorandum.parties.add(
        *Organization.objects.filter(slug__in=["toyota-motor", "meti", "hitachi"])
    )
    memorandum.signatories.add(
        *Person.objects.filter(slug__in=["maxim-oreshkin", "hiroshige-seko", "olga-golodets"])
    )
    for lang in ("en", "ru", "ja"):
        mission = api.get(
            f"/api/v1/meetings/business-mission-labour-efficiency-2018-02/?lang={lang}"
        ).json()
        assert [o["slug"] for o in mission["organizations"]] == [
            "mitsubishi-electric",
            "toyota-motor",
        ]
        document = api.get(f"/api/v1/documents/{memorandum.slug}/?lang={lang}").json()
        assert [o["slug"] for o in document["parties"]] == ["hitachi", "meti", "toyota-motor"]
        assert [p["slug"] for p in document["signatories"]] == [
            "olga-golodets",
            "maxim-oreshkin",
            "hiroshige-seko",
        ]


def test_titles_follow_the_language_too(api):
    """The data set translates names only: give a project its title in Russian and Japanese."""
    project = Project.objects.get(slug="jnto-moscow-office")
    project.title_ru = "Офис JNTO в Москве"
    project.title_ja = "JNTO モスクワ事務所"
    record_save(instance=project)
    titles = {
        "en": "JNTO office in Moscow",
        "ru": "Офис JNTO в Москве",
        "ja": "JNTO モスクワ事務所",
    }
    url = "/api/v1/projects/jnto-moscow-office/"
    japanese = api.get(f"{url}?lang=ja")
    assert (japanese["Content-Language"], japanese.json()["title"]) == ("ja", titles["ja"])
    russian = api.get(url, HTTP_ACCEPT_LANGUAGE="ru")
    assert (russian["Content-Language"], russian.json()["title"]) == ("ru", titles["ru"])
    for response in (japanese, russian, api.get(url)):
        assert response.json()["title_i18n"] == titles
    assert api.get(url).json()["title"] == titles["en"]
    # In the list too; the other projects, in English only, fall back to English.
    rows = api.get("/api/v1/projects/?plan_item=8&lang=ja").json()["results"]
    assert {row["slug"]: row["title"] for row in rows}["jnto-moscow-office"] == titles["ja"]
    assert {row["slug"]: row["title"] for row in rows}["cross-years-2018"] == (
        "Cross Years of Russia and Japan"
    )
