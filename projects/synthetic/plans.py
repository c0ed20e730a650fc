"""Synthetic plans, items and projects, in chunks with everything that hangs off them"""

from __future__ import annotations

import datetime as dt

from coopr.dates import Precision
from coopr.models import Citation
from projects.models import (
    Plan,
    PlanItem,
    Project,
    ProjectOrganization,
    ProjectPerson,
    ProjectUpdate,
    Status,
)
from projects.synthetic.counts import (
    CHUNK,
    CITATIONS_PER_PROJECT,
    FIRST_DAY,
    ITEMS_PER_PLAN,
    LAST_DAY,
)
from projects.synthetic.identity import SYNTHETIC_PREFIX
from projects.synthetic.words import (
    EVENTS,
    ITEM_THEMES,
    PROJECT_CITED_FIELDS,
    PROJECT_ROLES,
    QUOTES,
    STATUS_PATHS,
    STATUS_WEIGHTS,
    an,
    tr,
)


class PlansGenerator:
    """Synthetic plans, items and projects, in chunks with everything that hangs off them
    (a part of `Generator`)."""

    def plans(self) -> None:
        """Each proposed by someone at a meeting (on its date, in its city), with its items."""
        plans, items = [], []
        early = [m for m in self.meeting_dates if m[1].year <= 2024] or self.meeting_dates
        for n in range(1, self.counts.plans + 1):
            meeting, proposed_on, precision, city = self.rng.choice(early)
            countries = ("JP", "RU") if self.rng.random() < 0.5 else ("RU", "JP")
            plans.append(
                Plan(
                    slug=f"{SYNTHETIC_PREFIX}plan-{n}",
                    **tr(
                        "title",
                        f"Synthetic cooperation plan {n}",
                        f"Синтетический план сотрудничества {n}",
                        f"合成協力プラン{n}",
                    ),
                    country_a=countries[0],
                    country_b=countries[1],
                    proposed_on=proposed_on,
                    proposed_on_precision=precision,
                    proposed_by_id=self.rng.choice(self.person_ids),
                    proposed_at_id=meeting,
                    **tr("proposed_place", *city),
                    **tr(
                        "description",
                        f"A synthetic plan of {ITEMS_PER_PLAN} items, generated for load testing.",
                        f"Синтетический план из {ITEMS_PER_PLAN} пунктов для нагрузочных тестов.",
                        f"負荷試験用に生成された{ITEMS_PER_PLAN}項目の合成プラン。",
                    ),
                    version=1,
                )
            )
        self.write(Plan, plans)
        for plan in plans:
            for number, theme in enumerate(ITEM_THEMES[:ITEMS_PER_PLAN], start=1):
                items.append(
                    PlanItem(
                        plan_id=plan.pk,
                        number=number,
                        **tr("title", *theme),
                        **tr(
                            "description",
                            f"Synthetic item {number} of {plan.title_en}.",
                            f"Синтетический пункт {number}: {plan.title_ru}.",
                            f"{plan.title_ja}の合成項目{number}。",
                        ),
                        version=1,
                    )
                )
        self.write(PlanItem, items)
        self.plan_ids = [plan.pk for plan in plans]
        self.item_ids = [item.pk for item in items]
        self.item_numbers = {item.pk: item.number for item in items}
        self.progress(len(plans))

    # Projects, in chunks with everything that hangs off them.

    def projects(self) -> None:
        self.project_ids: list[int] = []
        total = self.counts.projects
        for first in range(1, total + 1, CHUNK):
            numbers = range(first, min(first + CHUNK, total + 1))
            rows = [self.project(n) for n in numbers]
            self.write(Project, [row for row, _ in rows])
            updates, orgs, people, citations = [], [], [], []
            for project, words in rows:
                self.project_ids.append(project.pk)
                updates += self.updates(project, words)
                orgs += self.project_organizations(project)
                people += self.project_people(project)
                citations += self.citations(project, words)
            self.write(ProjectUpdate, updates)
            self.write(ProjectOrganization, orgs)
            self.write(ProjectPerson, people)
            self.write(Citation, citations)
            self.progress(len(rows))

    def project(self, n: int) -> tuple[Project, tuple]:
        topic, action, city = words = self.words()
        status = self.rng.choices(tuple(STATUS_WEIGHTS), tuple(STATUS_WEIGHTS.values()))[0]
        start = start_precision = end = None
        end_precision = Precision.DAY
        if status or self.rng.random() < 0.6:
            start, start_precision = self.partial(self.day(FIRST_DAY, dt.date(2025, 12, 31)))
            finished = status in (Status.COMPLETED, Status.CANCELLED)
            if finished or (status and self.rng.random() < 0.4):
                planned = start + dt.timedelta(days=self.rng.randint(60, 1800))
                end, end_precision = self.later(start, min(planned, LAST_DAY))
        progress = {
            Status.COMPLETED: 100,
            Status.IN_PROGRESS: self.rng.randint(5, 95),
            Status.SUSPENDED: self.rng.randint(10, 80),
            Status.AGREED: 0,
        }.get(status)
        if progress is not None and self.rng.random() < 0.2:
            progress = None  # no source reports it
        item_id = self.rng.choice(self.item_ids)
        project = Project(
            slug=f"{SYNTHETIC_PREFIX}project-{n}",
            plan_item_id=item_id,
            plan_item_number=self.item_numbers[item_id],  # bulk_create skips save(), which sets it
            **tr(
                "title",
                f"Synthetic project {n}: {topic[0]} {action[0]} in {city[0]}",
                f"Синтетический проект {n}: {action[1]} — {topic[1]} ({city[1]})",
                f"合成プロジェクト{n}：{city[2]}における{topic[2]}{action[2]}",
            ),
            **tr(
                "summary",
                f"{an(action[0]).capitalize()} on {topic[0]} based in {city[0]}, generated for "
                "load testing.",
                f"{action[1].capitalize()} в сфере «{topic[1]}» (г. {city[1]}), создан для "
                "нагрузочных тестов.",
                f"{city[2]}を拠点とする{topic[2]}の{action[2]}（負荷試験用の合成データ）。",
            ),
            status=status,
            start=start,
            start_precision=start_precision or Precision.DAY,
            end=end,
            end_precision=end_precision,
            progress=progress,
            version=1,
        )
        return project, words

    def updates(self, project: Project, words: tuple) -> list[ProjectUpdate]:
        topic, action, city = words
        count = self.rng.randint(2, 3)
        path = STATUS_PATHS[project.status]
        first = project.start or self.day(FIRST_DAY, dt.date(2025, 6, 30))
        last = max(first, project.end or min(first + dt.timedelta(days=900), LAST_DAY))
        dates = sorted(self.day(first, last) for _ in range(count))
        rows = []
        for step, date in enumerate(dates):
            # The steps leading to the status, the last update at the status itself.
            status = path[max(0, len(path) - count + step)]
            event = EVENTS[status]
            rows.append(
                ProjectUpdate(
                    project_id=project.pk,
                    date=date,
                    date_precision=Precision.DAY,
                    status=status,
                    **tr(
                        "note",
                        f"{event[0]}: {topic[0]} {action[0]} in {city[0]}.",
                        f"{event[1]}: {action[1]} — {topic[1]} ({city[1]}).",
                        f"{event[2]}：{city[2]}の{topic[2]}{action[2]}。",
                    ),
                    version=1,
                )
            )
        return rows

    def project_organizations(self, project: Project) -> list[ProjectOrganization]:
        """A lead for Japan and a lead or partner for Russia (two organizations where there
        are two), now and then a funder: (project, organization, role) stays unique."""
        jp = self.rng.choice(self.org_ids["JP"] or self.all_org_ids)
        ru = self.rng.choice(self.org_ids["RU"] or self.all_org_ids)
        while ru == jp and len(self.all_org_ids) > 1:
            ru = self.rng.choice(self.all_org_ids)
        ru_role = self.rng.choice((ProjectOrganization.Role.LEAD, ProjectOrganization.Role.PARTNER))
        links = [(jp, ProjectOrganization.Role.LEAD, "JP")]
        links.append((ru, ProjectOrganization.Role.PARTNER if ru == jp else ru_role, "RU"))
        if self.rng.random() < 0.15:
            funder = self.rng.choice(self.all_org_ids)
            links.append((funder, ProjectOrganization.Role.FUNDER, self.rng.choice(("JP", "RU"))))
        return [
            ProjectOrganization(
                project_id=project.pk, organization_id=org, role=role, side=side, version=1
            )
            for org, role, side in links
        ]

    def project_people(self, project: Project) -> list[ProjectPerson]:
        return [
            ProjectPerson(
                project_id=project.pk,
                person_id=person,
                **tr("role", *self.rng.choice(PROJECT_ROLES)),
                version=1,
            )
            for person in self.pick(self.person_ids, 2)
        ]

    def citations(self, project: Project, words: tuple) -> list[Citation]:
        """Five citations, each for a different field (so never two alike), each from a
        source drawn at random: every source is cited many times."""
        topic, action, city = words
        rows = []
        for field_name in self.rng.sample(PROJECT_CITED_FIELDS, CITATIONS_PER_PROJECT):
            index = self.rng.randrange(len(self.source_ids))
            language = self.source_languages[index]
            at = ("en", "ru", "ja").index(language)
            quoted = self.rng.random() < 0.7
            rows.append(
                Citation(
                    content_type=self.project_type,
                    object_id=project.pk,
                    field_name=field_name,
                    source_id=self.source_ids[index],
                    quote=QUOTES[language].format(topic=topic[at], action=action[at], city=city[at])
                    if quoted
                    else "",
                    locator=f"paragraph {self.rng.randint(1, 12)}",
                    note="" if quoted else f"Synthetic summary of the source on {topic[0]}.",
                    version=1,
                )
            )
        return rows
