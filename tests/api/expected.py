"""What the API should answer for a record, built from its database rows.

Written independently of the serializers (no DRF, no modeltranslation descriptors: each
language's column is read by name, each date is formatted here), so a test that compares a
response with these finds a serializer that drifts. test_read.py checks these builders
themselves against bodies written out in full from the data set.

Every builder takes the language of the request: a translated field comes in that language,
else in English (the fallback), else empty; `…_i18n` always carries the three languages.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.contenttypes.models import ContentType
from django.db import models

from coopr.models import Citation, Source
from people.models import Organization, Person, Position
from projects.models import (
    Document,
    Indicator,
    JointBody,
    Meeting,
    Plan,
    PlanItem,
    Project,
    Theme,
)

BASE = "http://testserver/api/v1"
LANGUAGES = ("en", "ru", "ja")

MONTHS = {
    "en": [
        "January", "February", "March", "April", "May", "June", "July", "August",
        "September", "October", "November", "December",
    ],
    # A day in English: Django's "N j, Y", with the Associated Press's month abbreviations.
    "en-day": [
        "Jan.", "Feb.", "March", "April", "May", "June", "July", "Aug.", "Sept.", "Oct.",
        "Nov.", "Dec.",
    ],
    # Russian: a day's month is in the genitive, a month alone in the nominative.
    "ru-day": [
        "января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа",
        "сентября", "октября", "ноября", "декабря",
    ],
    "ru-month": [
        "Январь", "Февраль", "Март", "Апрель", "Май", "Июнь", "Июль", "Август",
        "Сентябрь", "Октябрь", "Ноябрь", "Декабрь",
    ],
}  # fmt: skip


def link(resource: str, key) -> str:
    return f"{BASE}/{resource}/{key}/"


def i18n(obj, name: str) -> dict:
    return {lang: getattr(obj, f"{name}_{lang}") for lang in LANGUAGES}


def text(obj, name: str, lang: str = "en") -> str:
    """A translated field in `lang`, else in English, else empty."""
    return getattr(obj, f"{name}_{lang}") or getattr(obj, f"{name}_en") or ""


def translated(obj, name: str, lang: str) -> dict:
    """`name` in the request's language and `name_i18n`, as every translated field comes."""
    return {name: text(obj, name, lang), f"{name}_i18n": i18n(obj, name)}


def display(value: dt.date | None, precision: str, lang: str = "en") -> str:
    """A partial date as the source gives it: a day, a month or a year."""
    if value is None:
        return ""
    if precision == "year":
        return str(value.year)
    if lang == "ja":
        day = f"{value.day}日" if precision == "day" else ""
        return f"{value.year}年{value.month}月{day}"
    if lang == "ru":
        if precision == "month":
            return f"{MONTHS['ru-month'][value.month - 1]} {value.year} г."
        return f"{value.day} {MONTHS['ru-day'][value.month - 1]} {value.year} г."
    if precision == "month":
        return f"{MONTHS['en'][value.month - 1]} {value.year}"
    return f"{MONTHS['en-day'][value.month - 1]} {value.day}, {value.year}"


def partial(obj, name: str, lang: str) -> dict:
    value = getattr(obj, name)
    precision = getattr(obj, f"{name}_precision")
    return {
        name: value.isoformat() if value else None,
        f"{name}_precision": precision,
        f"{name}_display": display(value, precision, lang),
    }


def timestamp(value: dt.datetime) -> str:
    return value.isoformat().replace("+00:00", "Z")


def stamps(obj) -> dict:
    """The fields that change on every save: read from the row."""
    obj.refresh_from_db(fields=["version", "created", "updated"])
    return {
        "version": obj.version,
        "created": timestamp(obj.created),
        "updated": timestamp(obj.updated),
    }


def country(value) -> str:
    return value.code or ""


def slug_of(obj) -> str | None:
    return obj.slug if obj is not None else None


# Provenance -------------------------------------------------------------------------------


def source_ref(source: Source) -> dict:
    return {
        "slug": source.slug,
        "title": source.title,
        "publisher": source.publisher,
        "link": source.url,
        "published_on": source.published_on.isoformat() if source.published_on else None,
        "published_on_precision": source.published_on_precision,
    }


def citations(obj: models.Model) -> list[dict]:
    rows = Citation.objects.filter(
        content_type=ContentType.objects.get_for_model(obj), object_id=obj.pk
    ).select_related("source")
    rows = sorted(rows, key=lambda c: (c.field_name, c.pk))
    return [
        {
            "source": source_ref(c.source),
            "field": c.field_name,
            "quote": c.quote,
            "locator": c.locator,
            "note": c.note,
        }
        for c in rows
    ]


def source(obj: Source, lang: str = "en") -> dict:
    return {
        "id": obj.pk,
        "url": link("sources", obj.slug),
        "slug": obj.slug,
        "title": obj.title,
        "publisher": obj.publisher,
        "link": obj.url,
        "kind": obj.kind,
        "language": obj.language,
        **partial(obj, "published_on", lang),
        "notes": obj.notes,
        "citation_count": Citation.objects.filter(source=obj).count(),
        **stamps(obj),
    }


# People and organizations -----------------------------------------------------------------


def organization_ref(obj: Organization | None, lang: str = "en") -> dict | None:
    if obj is None:
        return None
    return {
        "id": obj.pk,
        "url": link("organizations", obj.slug),
        "slug": obj.slug,
        "name": text(obj, "name", lang),
        "short_name": text(obj, "short_name", lang),
        "country": country(obj.country),
    }


def person_ref(obj: Person, lang: str = "en") -> dict:
    return {
        "id": obj.pk,
        "url": link("people", obj.slug),
        "slug": obj.slug,
        "name": text(obj, "name", lang),
        "country": country(obj.country),
    }


def organization(obj: Organization, lang: str = "en") -> dict:
    return {
        "id": obj.pk,
        "url": link("organizations", obj.slug),
        "slug": obj.slug,
        **translated(obj, "name", lang),
        **translated(obj, "short_name", lang),
        "other_names": obj.other_names,
        "kind": obj.kind,
        "country": country(obj.country),
        "parent": slug_of(obj.parent),
        "website": obj.website,
        **translated(obj, "description", lang),
        "citations": citations(obj),
        **stamps(obj),
    }


def position(obj: Position, lang: str = "en") -> dict:
    return {
        "id": obj.pk,
        **translated(obj, "title", lang),
        "organization": organization_ref(obj.organization, lang),
        **partial(obj, "start", lang),
        **partial(obj, "end", lang),
        "as_of": obj.as_of.isoformat() if obj.as_of else None,
        "citations": citations(obj),
    }


def chronological(positions) -> list[Position]:
    """Earliest first (by start, else the date a source shows the post), undated last."""

    def key(p):
        when = p.start or p.as_of
        return (when is None, when or dt.date.min, p.pk)

    return sorted(positions, key=key)


def person(obj: Person, lang: str = "en") -> dict:
    return {
        "id": obj.pk,
        "url": link("people", obj.slug),
        "slug": obj.slug,
        **translated(obj, "name", lang),
        "sort_name": obj.sort_name,
        "other_names": obj.other_names,
        "country": country(obj.country),
        **translated(obj, "biography", lang),
        "positions": [position(p, lang) for p in chronological(obj.positions.all())],
        "citations": citations(obj),
        **stamps(obj),
    }


# Plans and items --------------------------------------------------------------------------


def plan_item_ref(obj: PlanItem, lang: str = "en") -> dict:
    return {
        "id": obj.pk,
        "url": link("plan-items", obj.pk),
        "plan": obj.plan.slug,
        "number": obj.number,
        "title": text(obj, "title", lang),
    }


def plan(obj: Plan, lang: str = "en") -> dict:
    return {
        "id": obj.pk,
        "url": link("plans", obj.slug),
        "slug": obj.slug,
        **translated(obj, "title", lang),
        **translated(obj, "long_title", lang),
        **translated(obj, "subtitle", lang),
        "country_a": country(obj.country_a),
        "country_b": country(obj.country_b),
        **partial(obj, "proposed_on", lang),
        "proposed_by": slug_of(obj.proposed_by),
        "proposed_at": slug_of(obj.proposed_at),
        **translated(obj, "proposed_place", lang),
        **translated(obj, "description", lang),
        "items": [plan_item_ref(i, lang) for i in sorted(obj.items.all(), key=lambda i: i.number)],
        "citations": citations(obj),
        **stamps(obj),
    }


def plan_item(obj: PlanItem, lang: str = "en") -> dict:
    return {
        "id": obj.pk,
        "url": link("plan-items", obj.pk),
        "plan": obj.plan.slug,
        "number": obj.number,
        **translated(obj, "title", lang),
        **translated(obj, "description", lang),
        "project_count": Project.objects.filter(plan_item=obj).count(),
        "citations": citations(obj),
        **stamps(obj),
    }


# Projects ---------------------------------------------------------------------------------


def project_ref(obj: Project, lang: str = "en") -> dict:
    return {
        "id": obj.pk,
        "url": link("projects", obj.slug),
        "slug": obj.slug,
        "title": text(obj, "title", lang),
        "status": obj.status,
    }


def project(obj: Project, lang: str = "en") -> dict:
    links = sorted(obj.project_orgs.all(), key=lambda r: (r.role, country(r.side), r.pk))
    people = sorted(obj.project_people.all(), key=lambda r: r.pk)
    updates = sorted(obj.updates.all(), key=lambda u: (u.date, u.pk))
    return {
        "id": obj.pk,
        "url": link("projects", obj.slug),
        "slug": obj.slug,
        "plan_item": obj.plan_item_id,
        "plan_item_summary": plan_item_ref(obj.plan_item, lang),
        **translated(obj, "title", lang),
        **translated(obj, "summary", lang),
        "status": obj.status,
        **partial(obj, "start", lang),
        **partial(obj, "end", lang),
        "progress": obj.progress,
        "themes": [theme_ref(t) for t in sorted(obj.themes.all(), key=lambda t: (t.name_en, t.pk))],
        "organizations": [
            {
                "organization": organization_ref(r.organization, lang),
                "role": r.role,
                "side": country(r.side),
            }
            for r in links
        ],
        "people": [
            {"person": person_ref(r.person, lang), "role": text(r, "role", lang)} for r in people
        ],
        "updates": [
            {
                **partial(u, "date", lang),
                "status": u.status,
                "note": text(u, "note", lang),
            }
            for u in updates
        ],
        "citations": citations(obj),
        **stamps(obj),
    }


DETAIL_ONLY = ("organizations", "people", "updates", "themes", "citations")


def project_summary(obj: Project, lang: str = "en") -> dict:
    """A project as the list shows it: the detail without its nested records."""
    return {key: value for key, value in project(obj, lang).items() if key not in DETAIL_ONLY}


def person_summary(obj: Person, lang: str = "en") -> dict:
    """A person as the list shows them: the detail without their posts and citations."""
    return {k: v for k, v in person(obj, lang).items() if k not in ("positions", "citations")}


# Meetings and documents -------------------------------------------------------------------


def document_ref(obj: Document, lang: str = "en") -> dict:
    return {
        "id": obj.pk,
        "url": link("documents", obj.slug),
        "slug": obj.slug,
        "title": text(obj, "title", lang),
        "kind": obj.kind,
        "signed_on": obj.signed_on.isoformat() if obj.signed_on else None,
    }


def newest_first(documents) -> list[Document]:
    """Latest signed first (undated last), then by English title."""
    dated = sorted((d for d in documents if d.signed_on), key=lambda d: (d.title_en, d.pk))
    dated = sorted(dated, key=lambda d: d.signed_on, reverse=True)
    undated = sorted((d for d in documents if not d.signed_on), key=lambda d: (d.title_en, d.pk))
    return dated + undated


# How the records listed inside another record are ordered, whatever the language.
def by_item(items) -> list[PlanItem]:
    return sorted(items, key=lambda i: (i.plan_id, i.number))


def by_title(projects) -> list[Project]:
    return sorted(projects, key=lambda p: (p.plan_item.number, p.title_en, p.pk))


def by_name(organizations) -> list[Organization]:
    return sorted(organizations, key=lambda o: (o.name_en, o.pk))


def by_sort_name(people) -> list[Person]:
    return sorted(people, key=lambda p: (p.sort_name, p.pk))


def participant(row, lang: str = "en") -> dict:
    post = row.position
    return {
        "person": person_ref(row.person, lang),
        "side": country(row.side),
        "role": text(row, "role", lang),
        "post": text(post, "title", lang) if post else None,
        "post_organization": organization_ref(post.organization, lang) if post else None,
        "representing": organization_ref(row.organization, lang),
    }


def meeting(obj: Meeting, lang: str = "en") -> dict:
    participants = sorted(obj.participants.all(), key=lambda r: (country(r.side), r.pk))
    return {
        "id": obj.pk,
        "url": link("meetings", obj.slug),
        "slug": obj.slug,
        **translated(obj, "title", lang),
        "kind": obj.kind,
        **partial(obj, "start", lang),
        **partial(obj, "end", lang),
        "body": slug_of(obj.body),
        "session_number": obj.session_number,
        **translated(obj, "city", lang),
        "country": country(obj.country),
        **translated(obj, "description", lang),
        **translated(obj, "outcomes", lang),
        "participants": [participant(r, lang) for r in participants],
        "documents": [document_ref(d, lang) for d in newest_first(obj.documents.all())],
        "plan_items": [plan_item_ref(i, lang) for i in by_item(obj.plan_items.all())],
        "projects": [project_ref(p, lang) for p in by_title(obj.projects.all())],
        "organizations": [organization_ref(o, lang) for o in by_name(obj.organizations.all())],
        "citations": citations(obj),
        **stamps(obj),
    }


MEETING_DETAIL_ONLY = (
    "participants",
    "documents",
    "plan_items",
    "projects",
    "organizations",
    "citations",
)


def meeting_summary(obj: Meeting, lang: str = "en") -> dict:
    """A meeting as the list shows it: the detail without the records listed inside it."""
    return {k: v for k, v in meeting(obj, lang).items() if k not in MEETING_DETAIL_ONLY}


def document(obj: Document, lang: str = "en") -> dict:
    return {
        "id": obj.pk,
        "url": link("documents", obj.slug),
        "slug": obj.slug,
        **translated(obj, "title", lang),
        "kind": obj.kind,
        **partial(obj, "signed_on", lang),
        **translated(obj, "place", lang),
        "meeting": slug_of(obj.meeting),
        **translated(obj, "summary", lang),
        "link": obj.url,
        "signatories": [person_ref(p, lang) for p in by_sort_name(obj.signatories.all())],
        "parties": [organization_ref(o, lang) for o in by_name(obj.parties.all())],
        "plan_items": [plan_item_ref(i, lang) for i in by_item(obj.plan_items.all())],
        "projects": [project_ref(p, lang) for p in by_title(obj.projects.all())],
        "citations": citations(obj),
        **stamps(obj),
    }


# Indicators -------------------------------------------------------------------------------


def indicator(obj: Indicator, lang: str = "en") -> dict:
    counts_projects = obj.measures == Indicator.Measures.PROJECTS_IN_ITEM
    observations = sorted(obj.observations.all(), key=lambda o: (o.date, o.pk))
    return {
        "id": obj.pk,
        "url": link("indicators", obj.slug),
        "slug": obj.slug,
        **translated(obj, "name", lang),
        **translated(obj, "unit", lang),
        **translated(obj, "description", lang),
        "measures": obj.measures,
        "plan": slug_of(obj.plan),
        "plan_item": obj.plan_item_id,
        "project": slug_of(obj.project),
        "theme": slug_of(obj.theme),
        "recorded_projects": (
            Project.objects.filter(
                plan_item=obj.plan_item_id, **({"themes": obj.theme} if obj.theme else {})
            ).count()
            if counts_projects
            else None
        ),
        "observations": [
            {
                **partial(o, "date", lang),
                "value": f"{o.value:.2f}",
                "qualifier": o.qualifier,
                "note": text(o, "note", lang),
                "citations": citations(o),
            }
            for o in observations
        ],
        "citations": citations(obj),
        **stamps(obj),
    }


# Themes and joint bodies -------------------------------------------------------------------


def theme_ref(obj: Theme) -> dict:
    return {"id": obj.pk, "url": link("themes", obj.slug), "slug": obj.slug, "name": obj.name_en}


def theme(obj: Theme, lang: str = "en") -> dict:
    return {
        "id": obj.pk,
        "url": link("themes", obj.slug),
        "slug": obj.slug,
        **translated(obj, "name", lang),
        **translated(obj, "description", lang),
        "project_count": obj.projects.count(),
        "citations": citations(obj),
        **stamps(obj),
    }


def body(obj: JointBody, lang: str = "en") -> dict:
    def when(c):
        return (c.start or c.as_of or dt.date.max, country(c.side), c.pk)

    return {
        "id": obj.pk,
        "url": link("bodies", obj.slug),
        "slug": obj.slug,
        **translated(obj, "name", lang),
        "kind": obj.kind,
        **translated(obj, "description", lang),
        "plans": [
            {
                "id": p.pk,
                "url": link("plans", p.slug),
                "slug": p.slug,
                "title": text(p, "title", lang),
            }
            for p in sorted(obj.plans.all(), key=lambda p: (p.title_en, p.pk))
        ],
        "chairs": [
            {
                "person": person_ref(c.person, lang),
                "side": country(c.side),
                "role": c.role,
                **partial(c, "start", lang),
                **partial(c, "end", lang),
                "as_of": c.as_of.isoformat() if c.as_of else None,
                "citations": citations(c),
            }
            for c in sorted(obj.chairs.all(), key=when)
        ],
        "session_count": obj.sessions.count(),
        "citations": citations(obj),
        **stamps(obj),
    }


# The real data set -----------------------------------------------------------------------

# Each list in its default order, written out from the data set.
LISTS = {
    "plans": ["eight-point-cooperation-plan"],
    # By plan, then number.
    "plan-items": [1, 2, 3, 4, 5, 6, 7, 8],
    # By item number, then English title.
    "projects": [
        "labour-efficiency-business-missions",
        "cross-years-2018",
        "student-exchange-expansion",
        "jnto-moscow-office",
        "japan-russia-university-association",
        "kobe-yekaterinburg-exchange",
        "sports-exchanges-world-cup-2018",
    ],
    # By sort name (family name first).
    "people": [
        "shinzo-abe",
        "olga-golodets",
        "masayoshi-matsumoto",
        "toshimitsu-motegi",
        "maxim-oreshkin",
        "vladimir-putin",
        "alexei-repik",
        "hiroshige-seko",
    ],
    # By English name.
    "organizations": [
        "delovaya-rossiya",
        "government-of-japan",
        "government-of-russia",
        "hitachi",
        "japan-national-tourism-organization",
        "kansai-economic-federation",
        "ministry-of-economic-development-russia",
        "meti",
        "mitsubishi-electric",
        "russian-japanese-business-council",
        "toyota-motor",
    ],
    # Latest first; on the same day, first recorded first.
    "meetings": [
        "cross-years-opening-2018-05-26",
        "sapporo-university-association-assembly-2018-05",
        "abe-visit-russia-2018-05",
        "osaka-trilateral-2018-03-24",
        "osaka-symposium-2018-03-24",
        "business-mission-labour-efficiency-2018-02",
        "vladivostok-oreshkin-seko-2017-09",
        "december-2016-summit",
        "sochi-summit-2016-05-06",
    ],
    # Latest signed first.
    "documents": [
        "joint-announcement-digital-economy-2017",
        "memorandum-labour-efficiency-2017",
        "memorandum-university-association-2016",
    ],
    # By English name.
    "indicators": [
        "agreements-between-educational-institutions",
        "japanese-students-tuition-free-in-russia",
        "japanese-students-sent-to-russia",
        "private-sector-agreements-under-plan",
        "russian-students-in-japan",
        "private-sector-agreements-moving-to-realization",
        "projects-under-item-8-reported",
        "university-exchange-agreements",
    ],
    # Latest published first; sources with no date last (as meetings and documents put
    # theirs), on every database.
    "sources": [
        "urdupoint-2019-12-18-oreshkin-motegi",
        "meti-2019-01-23",
        "kremlin-2018-05-26",
        "tass-2018-03-24",
        "tomodachi-2018-eight-point-plan",
        "tomodachi-2017-encouraging-exchange",
        "japan-times-2016-11-19",
        "tomodachi-2016-eight-bullet-point",
        "russkiy-mir-239350",
        "tufs-2018-general-assembly",
        "mofa-2018-02-22-high-level-working-group",
    ],
    "themes": ["student-exchange"],
    # By English name.
    "bodies": [
        "association-of-universities-russia-japan",
        "high-level-working-group-cooperation-plan",
        "intergovernmental-commission-trade-economic",
    ],
}


def list_keys(resource: str) -> list:
    """The keys of LISTS[resource] as the API shows them (a plan item: its id)."""
    keys = LISTS[resource]
    if resource != "plan-items":
        return keys
    items = PlanItem.objects.filter(plan__slug="eight-point-cooperation-plan")
    ids = dict(items.values_list("number", "pk"))
    return [ids[number] for number in keys]


# Per resource -----------------------------------------------------------------------------

# resource (its URL segment) -> (model, how a record is looked up, builder)
RESOURCES = {
    "plans": (Plan, "slug", plan),
    "plan-items": (PlanItem, "pk", plan_item),
    "projects": (Project, "slug", project),
    "people": (Person, "slug", person),
    "organizations": (Organization, "slug", organization),
    "meetings": (Meeting, "slug", meeting),
    "documents": (Document, "slug", document),
    "indicators": (Indicator, "slug", indicator),
    "sources": (Source, "slug", source),
    "themes": (Theme, "slug", theme),
    "bodies": (JointBody, "slug", body),
}


def build(resource: str, obj, lang: str = "en") -> dict:
    return RESOURCES[resource][2](obj, lang)


# How a list shows its records, where it is not as their detail does.
LIST_BUILDERS = {
    "projects": project_summary,
    "people": person_summary,
    "meetings": meeting_summary,
}


def page(resource: str, keys: list, lang: str = "en", count: int | None = None) -> dict:
    """A list's body: the records `keys` name, in that order, on one page."""
    model, lookup, builder = RESOURCES[resource]
    builder = LIST_BUILDERS.get(resource, builder)
    rows = [model.objects.get(**{lookup: key}) for key in keys]
    return {
        "count": len(keys) if count is None else count,
        "next": None,
        "previous": None,
        "results": [builder(row, lang) for row in rows],
    }


def differences(actual, wanted, path: str = "") -> list[str]:
    """Where two bodies differ, path by path (for readable failures on long bodies)."""
    if isinstance(actual, dict) and isinstance(wanted, dict):
        found = []
        for key in sorted(set(actual) | set(wanted), key=str):
            if key not in wanted:
                found.append(f"{path}/{key}: not expected, got {actual[key]!r}")
            elif key not in actual:
                found.append(f"{path}/{key}: missing, expected {wanted[key]!r}")
            else:
                found += differences(actual[key], wanted[key], f"{path}/{key}")
        return found
    if isinstance(actual, list) and isinstance(wanted, list) and len(actual) == len(wanted):
        found = []
        for index, (a, w) in enumerate(zip(actual, wanted, strict=True)):
            found += differences(a, w, f"{path}/{index}")
        return found
    if actual != wanted or type(actual) is not type(wanted):
        return [f"{path or '/'}: got {actual!r}, expected {wanted!r}"]
    return []


def assert_body(response, wanted) -> None:
    """The response's JSON body is exactly `wanted`; else say where it differs."""
    body = response.json()
    found = differences(body, wanted)
    assert not found, "\n".join(found[:40])
    assert body == wanted
