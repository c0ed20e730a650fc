"""Synthetic meetings and their participants, documents and figures"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.db import models

from coopr.dates import Precision
from projects.models import (
    Document,
    Indicator,
    Meeting,
    MeetingParticipant,
    Observation,
)
from projects.synthetic.counts import CHUNK, LAST_DAY, PARTICIPANTS_PER_MEETING
from projects.synthetic.identity import SYNTHETIC_PREFIX, through
from projects.synthetic.words import (
    DOCUMENT_KINDS,
    INDICATOR_UNITS,
    MEETING_KINDS,
    PARTICIPANT_ROLES,
    QUALIFIER_WEIGHTS,
    TOPICS,
    tr,
)


class EventsGenerator:
    """Synthetic meetings and their participants, documents and figures (a part of `Generator`)."""

    # Meetings (their participants, and later the items and projects discussed), documents
    # and figures.

    def meetings(self) -> None:
        kinds, total = tuple(MEETING_KINDS), self.counts.meetings
        self.meeting_dates: list[tuple[int, dt.date, str, tuple]] = []
        for first in range(1, total + 1, CHUNK):
            rows = []
            for n in range(first, min(first + CHUNK, total + 1)):
                kind = self.rng.choice(kinds)
                topic, _, city = self.words()
                start, precision = self.partial(self.day(), day=85, month=15, year=0)
                end = None
                if precision == Precision.DAY and self.rng.random() < 0.5:
                    end = min(start + dt.timedelta(days=self.rng.randint(1, 3)), LAST_DAY)
                word = MEETING_KINDS[kind]
                rows.append(
                    Meeting(
                        slug=f"{SYNTHETIC_PREFIX}meeting-{n}",
                        **tr(
                            "title",
                            f"Synthetic {word[0]} {n} on {topic[0]} in {city[0]}",
                            f"Синтетическая встреча {n}: {word[1]}, {topic[1]} ({city[1]})",
                            f"合成会議{n}：{city[2]}での{topic[2]}{word[2]}",
                        ),
                        kind=kind,
                        start=start,
                        start_precision=precision,
                        end=end,
                        end_precision=Precision.DAY,
                        **tr("city", *city[:3]),
                        country=city[3],
                        **tr(
                            "description",
                            f"A synthetic {word[0]} on {topic[0]}.",
                            f"Синтетическое мероприятие ({word[1]}): {topic[1]}.",
                            f"{topic[2]}に関する合成{word[2]}。",
                        ),
                        **tr(
                            "outcomes",
                            f"The sides agreed to continue work on {topic[0]}.",
                            f"Стороны договорились продолжить работу: {topic[1]}.",
                            f"双方は{topic[2]}に関する作業の継続で合意した。",
                        ),
                        version=1,
                    )
                )
            self.write(Meeting, rows)
            self.participants(rows)
            for row in rows:
                city = (row.city_en, row.city_ru, row.city_ja)
                self.meeting_dates.append((row.pk, row.start, row.start_precision, city))
            self.progress(len(rows))

    def participants(self, meetings: list[Meeting]) -> None:
        """Four people each (in their post then, where they held one), and the organizations
        involved."""
        participants = []
        organizations = through(Meeting, "organizations")
        links = []
        for meeting in meetings:
            people = self.pick(self.person_ids, PARTICIPANTS_PER_MEETING)
            for number, person in enumerate(people):
                held = self.post_held(person, meeting.start)
                role = (
                    PARTICIPANT_ROLES[0] if number == 0 else self.rng.choice(PARTICIPANT_ROLES[1:])
                )
                organization = None
                if held is None and self.rng.random() < 0.5:
                    organization = self.rng.choice(
                        self.org_ids[self.person_country[person]] or self.all_org_ids
                    )
                participants.append(
                    MeetingParticipant(
                        meeting_id=meeting.pk,
                        person_id=person,
                        side=self.person_country[person],
                        **tr("role", *role),
                        position_id=held[0] if held else None,
                        organization_id=organization,
                        version=1,
                    )
                )
            for organization in self.pick(self.all_org_ids, self.rng.randint(1, 2)):
                links.append(organizations(meeting_id=meeting.pk, organization_id=organization))
        self.write(MeetingParticipant, participants)
        self.write(organizations, links)

    def meeting_topics(self) -> None:
        """The plan item and the one to three projects discussed at each meeting."""
        items = through(Meeting, "plan_items")
        projects = through(Meeting, "projects")
        for first in range(0, len(self.meeting_dates), CHUNK):
            item_links, project_links = [], []
            for meeting, *_ in self.meeting_dates[first : first + CHUNK]:
                for item in self.pick(self.item_ids, 1):
                    item_links.append(items(meeting_id=meeting, planitem_id=item))
                for project in self.pick(self.project_ids, self.rng.randint(1, 3)):
                    project_links.append(projects(meeting_id=meeting, project_id=project))
            self.write(items, item_links)
            self.write(projects, project_links)

    def documents(self) -> None:
        kinds = tuple(DOCUMENT_KINDS)
        total = self.counts.documents
        signatories = through(Document, "signatories")
        parties = through(Document, "parties")
        items = through(Document, "plan_items")
        projects = through(Document, "projects")
        for first in range(1, total + 1, CHUNK):
            rows = []
            for n in range(first, min(first + CHUNK, total + 1)):
                kind = self.rng.choice(kinds)
                topic, _, city = self.words()
                meeting = None
                signed_on, precision = self.partial(self.day(), day=80, month=15, year=5)
                place = city[:3]
                if self.rng.random() < 0.6:  # signed at a meeting, on its day, in its city
                    meeting, start, meeting_precision, place = self.rng.choice(self.meeting_dates)
                    signed_on, precision = start, meeting_precision
                word = DOCUMENT_KINDS[kind]
                rows.append(
                    Document(
                        slug=f"{SYNTHETIC_PREFIX}document-{n}",
                        **tr(
                            "title",
                            f"Synthetic {word[0]} {n} on {topic[0]}",
                            f"Синтетический документ {n}: {word[1]} — {topic[1]}",
                            f"合成文書{n}：{topic[2]}に関する{word[2]}",
                        ),
                        kind=kind,
                        signed_on=signed_on,
                        signed_on_precision=precision,
                        **tr("place", *place),
                        meeting_id=meeting,
                        **tr(
                            "summary",
                            f"A synthetic {word[0]} on cooperation in {topic[0]}.",
                            f"Синтетический документ ({word[1]}) о сотрудничестве: {topic[1]}.",
                            f"{topic[2]}分野の協力に関する合成{word[2]}。",
                        ),
                        url=f"https://example.org/synthetic/documents/{n}",
                        version=1,
                    )
                )
            self.write(Document, rows)
            links: dict[type[models.Model], list] = {
                signatories: [],
                parties: [],
                items: [],
                projects: [],
            }
            for document in rows:
                pk = document.pk
                for person in self.signatories():
                    links[signatories].append(signatories(document_id=pk, person_id=person))
                for organization in self.pick(self.all_org_ids, 2):
                    links[parties].append(parties(document_id=pk, organization_id=organization))
                for item in self.pick(self.item_ids, 1):
                    links[items].append(items(document_id=pk, planitem_id=item))
                for project in self.pick(self.project_ids, self.rng.randint(1, 3)):
                    links[projects].append(projects(document_id=pk, project_id=project))
            for model, link_rows in links.items():
                self.write(model, link_rows)
            self.progress(len(rows))

    def signatories(self) -> list[int]:
        """One signatory for each side where both sides have people, else any two."""
        if self.people_in["JP"] and self.people_in["RU"]:
            return [self.rng.choice(self.people_in["JP"]), self.rng.choice(self.people_in["RU"])]
        return self.pick(self.person_ids, 2)

    def indicators(self) -> None:
        """A third each for a plan, a plan item (counting its projects) and a project; each
        with three to five values over the years, rising."""
        rows = []
        for n in range(1, self.counts.indicators + 1):
            concerns = n % 3
            topic = self.rng.choice(TOPICS)
            unit = self.rng.choice(INDICATOR_UNITS)
            values = {"plan_id": None, "plan_item_id": None, "project_id": None}
            measures = Indicator.Measures.OTHER
            if concerns == 0:
                values["plan_id"] = self.rng.choice(self.plan_ids)
            elif concerns == 1:
                values["plan_item_id"] = self.rng.choice(self.item_ids)
                measures = Indicator.Measures.PROJECTS_IN_ITEM
                unit = ("projects", "проектов", "件")
            else:
                values["project_id"] = self.rng.choice(self.project_ids)
            rows.append(
                Indicator(
                    slug=f"{SYNTHETIC_PREFIX}indicator-{n}",
                    **tr(
                        "name",
                        f"Synthetic indicator {n}: {topic[0]} ({unit[0]})",
                        f"Синтетический показатель {n}: {topic[1]} ({unit[1]})",
                        f"合成指標{n}：{topic[2]}（{unit[2]}）",
                    ),
                    **tr("unit", *unit),
                    **tr(
                        "description",
                        f"A synthetic figure on {topic[0]}.",
                        f"Синтетический показатель: {topic[1]}.",
                        f"{topic[2]}に関する合成指標。",
                    ),
                    measures=measures,
                    version=1,
                    **values,
                )
            )
        self.write(Indicator, rows)
        observations = []
        for indicator in rows:
            years = sorted(self.rng.sample(range(2016, 2027), self.rng.randint(3, 5)))
            value = Decimal(self.rng.randint(1, 200))
            for year in years:
                date, precision = self.partial(
                    self.day(dt.date(year, 1, 1), dt.date(year, 12, 31)), day=30, month=30, year=40
                )
                qualifier = self.rng.choices(
                    tuple(QUALIFIER_WEIGHTS), tuple(QUALIFIER_WEIGHTS.values())
                )[0]
                observations.append(
                    Observation(
                        indicator_id=indicator.pk,
                        date=date,
                        date_precision=precision,
                        value=value,
                        qualifier=qualifier,
                        **tr(
                            "note",
                            f"Synthetic value for {year}.",
                            f"Синтетическое значение за {year} год.",
                            f"{year}年の合成値。",
                        ),
                        version=1,
                    )
                )
                value += Decimal(self.rng.randint(0, 150)) + Decimal(self.rng.randint(0, 99)) / 100
        self.write(Observation, observations)
        self.progress(len(rows))
