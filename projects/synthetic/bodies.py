"""Synthetic joint bodies (their chairs and sessions) and themes (and the projects in them)."""

from __future__ import annotations

from projects.models import BodyChair, JointBody, Meeting, Project, Theme
from projects.synthetic.counts import SESSIONS_PER_BODY, THEMES
from projects.synthetic.identity import SYNTHETIC_PREFIX, through
from projects.synthetic.words import TOPICS, tr

BODY_KINDS = {
    JointBody.Kind.COMMISSION: ("commission", "комиссия", "委員会"),
    JointBody.Kind.WORKING_GROUP: ("working group", "рабочая группа", "作業部会"),
    JointBody.Kind.ASSOCIATION: ("association", "ассоциация", "協会"),
}


class BodiesGenerator:
    """Synthetic joint bodies and themes (a part of `Generator`)."""

    def bodies(self) -> None:
        """Joint bodies, a co-chair for each side, and some meetings as their sessions."""
        kinds = tuple(BODY_KINDS)
        bodies = []
        for n in range(1, self.counts.bodies + 1):
            kind = self.rng.choice(kinds)
            topic = self.rng.choice(TOPICS)
            word = BODY_KINDS[kind]
            bodies.append(
                JointBody(
                    slug=f"{SYNTHETIC_PREFIX}body-{n}",
                    **tr(
                        "name",
                        f"Synthetic {word[0]} {n} on {topic[0]}",
                        f"Синтетическая {word[1]} {n}: {topic[1]}",
                        f"合成{word[2]}{n}：{topic[2]}",
                    ),
                    kind=kind,
                    **tr(
                        "description",
                        f"A synthetic {word[0]} on {topic[0]}.",
                        f"Синтетическая {word[1]}: {topic[1]}.",
                        f"{topic[2]}に関する合成{word[2]}。",
                    ),
                    version=1,
                )
            )
        self.write(JointBody, bodies)
        self.body_ids = [body.pk for body in bodies]
        chairs = []
        for body in bodies:
            for side in ("JP", "RU"):
                for person in self.pick(self.people_in[side] or self.person_ids, 1):
                    chairs.append(
                        BodyChair(
                            body_id=body.pk,
                            person_id=person,
                            side=side,
                            role=BodyChair.Role.CO_CHAIR,
                            as_of=self.day(),
                            version=1,
                        )
                    )
        self.write(BodyChair, chairs)
        # Some meetings were sessions of a body, numbered in order of time.
        sessions = sorted(self.meeting_dates, key=lambda row: (row[1], row[0]))
        updated = []
        for index, body in enumerate(self.body_ids):
            chosen = sessions[index * SESSIONS_PER_BODY : (index + 1) * SESSIONS_PER_BODY]
            for number, (meeting, *_rest) in enumerate(chosen, start=1):
                updated.append(Meeting(pk=meeting, body_id=body, session_number=number))
        Meeting.objects.bulk_update(updated, ["body", "session_number"], batch_size=self.batch_size)

    def themes(self) -> None:
        """A few themes, each with a share of the projects."""
        rows = []
        for n, topic in enumerate(TOPICS[:THEMES], start=1):
            rows.append(
                Theme(
                    slug=f"{SYNTHETIC_PREFIX}theme-{n}",
                    **tr(
                        "name", f"Synthetic {topic[0]}", f"Синтетика: {topic[1]}", f"合成{topic[2]}"
                    ),
                    version=1,
                )
            )
        self.write(Theme, rows)
        links = through(Project, "themes")
        self.write(
            links,
            [
                links(project_id=project, theme_id=self.rng.choice(rows).pk)
                for project in self.pick(self.project_ids, max(1, len(self.project_ids) // 10))
            ],
        )
