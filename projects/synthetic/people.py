"""Synthetic sources, organizations, people and their posts"""

from __future__ import annotations

import datetime as dt

from coopr.dates import Precision
from coopr.models import Source
from people.models import Organization, Person, Position
from projects.synthetic.counts import LAST_DAY
from projects.synthetic.identity import SYNTHETIC_PREFIX
from projects.synthetic.words import (
    CITIES,
    CITIES_IN,
    JP_FAMILY,
    JP_GIVEN,
    ORG_KINDS,
    OTHER_KINDS,
    PARENT_KINDS,
    POST_TITLES,
    PUBLISHERS,
    RU_FAMILY,
    RU_GIVEN,
    SOURCE_TITLES,
    TOPICS,
    capitalised,
    tr,
)


class PeopleGenerator:
    """Synthetic sources, organizations, people and their posts (a part of `Generator`)."""

    def sources(self) -> None:
        rows, self.source_languages = [], []
        for n in range(1, self.counts.sources + 1):
            publisher, language, kind = self.rng.choice(PUBLISHERS)
            topic, action, city = self.words()
            index = ("en", "ru", "ja").index(language)
            title = SOURCE_TITLES[language].format(
                n=n, topic=topic[index], action=action[index], city=city[index]
            )
            published_on, precision = self.partial(self.day(), day=85, month=10, year=5)
            rows.append(
                Source(
                    slug=f"{SYNTHETIC_PREFIX}source-{n}",
                    title=title,
                    publisher=publisher,
                    url=f"https://example.org/synthetic/sources/{n}",
                    kind=kind,
                    language=language,
                    published_on=published_on,
                    published_on_precision=precision,
                    notes="Generated for load testing (seed_synthetic); not a real publication.",
                    version=1,
                )
            )
            self.source_languages.append(language)
        self.source_ids = [row.pk for row in self.write(Source, rows)]
        self.progress(len(rows))

    def organizations(self) -> None:
        """Governments and ministries first (the parents), then the rest, a third of them
        departments of a parent in their country."""
        count = self.counts.organizations
        top = max(1, count // 5)
        self.org_ids: dict[str, list[int]] = {"JP": [], "RU": [], "": []}
        parents: dict[str, list[int]] = {"JP": [], "RU": []}
        for first, last, is_top in ((1, top, True), (top + 1, count, False)):
            rows, countries = [], []
            for n in range(first, last + 1):
                kind = self.rng.choice(PARENT_KINDS if is_top else OTHER_KINDS)
                country = (
                    ""
                    if kind == Organization.Kind.BILATERAL_BODY
                    else self.rng.choice(("JP", "RU"))
                )
                countries.append(country)
                parent = None
                if country and not is_top and parents[country] and self.rng.random() < 0.35:
                    parent = self.rng.choice(parents[country])
                topic = self.rng.choice(TOPICS)
                word = ORG_KINDS[kind]
                city = self.rng.choice(CITIES_IN.get(country) or CITIES)
                rows.append(
                    Organization(
                        slug=f"{SYNTHETIC_PREFIX}organization-{n}",
                        **tr(
                            "name",
                            f"Synthetic {capitalised(topic[0])} {word[0]} {n}",
                            f"Синтетическая организация {n}: {word[1]} «{topic[1]}»",
                            f"合成{topic[2]}{word[2]}{n}",
                        ),
                        **tr("short_name", f"SYN-{n}", f"СИН-{n}", f"合成{n}"),
                        other_names=f"Synthetic organisation {n}",
                        kind=kind,
                        country=country,
                        parent_id=parent,
                        website=f"https://example.org/synthetic/organizations/{n}",
                        **tr(
                            "description",
                            f"A synthetic {word[0].lower()} in {city[0]} working on {topic[0]}.",
                            f"Синтетическая организация ({word[1]}) в городе {city[1]}: "
                            f"{topic[1]}.",
                            f"{city[2]}の合成{word[2]}（{topic[2]}）。",
                        ),
                        version=1,
                    )
                )
            for row, country in zip(self.write(Organization, rows), countries, strict=True):
                self.org_ids[country].append(row.pk)
                if is_top and country:
                    parents[country].append(row.pk)
        self.all_org_ids = [pk for ids in self.org_ids.values() for pk in ids]
        self.progress(count)

    def person_name(self, country: str) -> tuple[dict, str, str]:
        if country == "JP":
            family, given = self.rng.choice(JP_FAMILY), self.rng.choice(JP_GIVEN)
            names = tr(
                "name",
                f"{given[0]} {family[0]}",
                f"{given[1]} {family[1]}",
                f"{family[2]}{given[2]}",
            )
        else:
            given = self.rng.choice(RU_GIVEN)
            family = self.rng.choice(RU_FAMILY)[1 if given[3] else 0]
            names = tr(
                "name",
                f"{given[0]} {family[0]}",
                f"{given[1]} {family[1]}",
                f"{given[2]}・{family[2]}",
            )
        return names, f"{family[0]}, {given[0]}", f"{given[0]} {family[0]}"

    def people(self) -> None:
        rows = []
        self.person_country: dict[int, str] = {}  # pk -> country code
        for n in range(1, self.counts.people + 1):
            country = self.rng.choice(("JP", "RU"))
            names, sort_name, plain = self.person_name(country)
            topic = self.rng.choice(TOPICS)
            rows.append(
                Person(
                    slug=f"{SYNTHETIC_PREFIX}person-{n}",
                    **names,
                    sort_name=sort_name,
                    other_names=f"{plain} (synthetic {n})",
                    country=country,
                    **tr(
                        "biography",
                        f"A synthetic person generated for load testing; works on {topic[0]}.",
                        f"Синтетическая персона для нагрузочных тестов; занимается темой "
                        f"«{topic[1]}».",
                        f"負荷試験用の合成人物。{topic[2]}を担当。",
                    ),
                    version=1,
                )
            )
        self.write(Person, rows)
        self.person_ids = [row.pk for row in rows]
        self.people_in: dict[str, list[int]] = {"JP": [], "RU": []}
        for row in rows:
            self.person_country[row.pk] = row.country.code
            self.people_in[row.country.code].append(row.pk)
        self.positions(rows)
        self.progress(len(rows))

    def positions(self, people: list[Person]) -> None:
        """One to three posts each, one after the other (none starting after 2025); the last
        one may still be held."""
        rows = []
        for person in people:
            start = self.day(dt.date(2010, 1, 1), dt.date(2019, 12, 31))
            count = self.rng.randint(1, 3)
            for number in range(count):
                end = start + dt.timedelta(days=self.rng.randint(300, 1800))
                last = number == count - 1 or end.year >= 2025
                current = last and self.rng.random() < 0.6
                start_value, start_precision = self.partial(start, day=60, month=30, year=10)
                end_value, end_precision = (
                    (None, Precision.DAY)
                    if current
                    else self.later(start_value, min(end, LAST_DAY), day=60)
                )
                organizations = self.org_ids[self.person_country[person.pk]] or self.all_org_ids
                organization = self.rng.choice(organizations) if self.rng.random() < 0.85 else None
                title = self.rng.choice(POST_TITLES)
                as_of = None
                if self.rng.random() < 0.2:  # a source shows them in the post that day
                    as_of = self.day(start, LAST_DAY if current else min(end, LAST_DAY))
                rows.append(
                    Position(
                        person_id=person.pk,
                        organization_id=organization,
                        **tr("title", *title),
                        start=start_value,
                        start_precision=start_precision,
                        end=end_value,
                        end_precision=end_precision,
                        as_of=as_of,
                        version=1,
                    )
                )
                if last:
                    break
                start = end + dt.timedelta(days=self.rng.randint(1, 200))
        self.write(Position, rows)
        # For each person, their posts as (start, end, pk, organization): who held what when.
        self.posts: dict[int, list[tuple]] = {}
        for row in rows:
            self.posts.setdefault(row.person_id, []).append(
                (row.start, row.end, row.pk, row.organization_id)
            )

    def post_held(self, person: int, on: dt.date | None) -> tuple | None:
        if on is None:
            return None
        for start, end, pk, organization in self.posts.get(person, ()):
            if (start is None or start <= on) and (end is None or on <= end):
                return pk, organization
        return None
