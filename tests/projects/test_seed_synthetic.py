"""The synthetic data set (issue #6): its proportions, its isolation from the real data set,
removal, determinism, validity, and the pages and API showing it."""

from __future__ import annotations

from io import StringIO

import pytest
from django.contrib.contenttypes.models import ContentType
from django.core.management import CommandError, call_command
from django.db.models import Count
from django.utils import translation
from django.utils.html import escape

from coopr.cache import last_change
from coopr.dates import normalise
from coopr.models import Citation, Source
from coopr.services import record_save
from people.models import Organization, Person, Position
from projects.models import (
    Document,
    Indicator,
    Meeting,
    MeetingParticipant,
    Observation,
    Plan,
    PlanItem,
    Project,
    ProjectOrganization,
    ProjectPerson,
    ProjectUpdate,
)
from projects.synthetic import (
    DELETE_ORDER,
    M2M_FIELDS,
    SLUGGED,
    SYNTHETIC_PREFIX,
    history_model,
    label,
    synthetic,
    synthetic_q,
    through,
)
from projects.synthetic.identity import RESET_REASON

pytestmark = pytest.mark.django_db

THROUGH_MODELS = [through(model, name) for model, name in M2M_FIELDS]


def seed(*args: str) -> str:
    out = StringIO()
    call_command("seed_synthetic", *args, "--no-progress", stdout=out, stderr=StringIO())
    return out.getvalue()


def tables():
    """Every table the generator writes to or the reset deletes from: (label, model, the model
    whose synthetic rows it holds, for history tables the recorded one)."""
    for model in DELETE_ORDER:
        yield label(model), model, model
        historical = history_model(model)
        if historical is not None:
            yield label(historical), historical, model


def snapshot(*, real_only: bool = False) -> dict[str, list[dict]]:
    """Every row of every table, whole (all columns, timestamps and versions included)."""
    rows = {}
    for name, model, recorded in tables():
        queryset = model._default_manager.order_by("pk")
        if real_only:
            queryset = queryset.exclude(synthetic_q(recorded))
        rows[name] = list(queryset.values())
    return rows


def row_counts() -> dict[str, int]:
    return {name: model._default_manager.count() for name, model, _ in tables()}


def project_citations():
    return Citation.objects.filter(
        content_type=ContentType.objects.get_for_model(Project),
        object_id__in=synthetic(Project).values("pk"),
    )


def fingerprint() -> dict[str, list[tuple]]:
    """What a generated data set says, without the database ids (they differ between runs)."""
    return {
        "projects": list(
            synthetic(Project)
            .order_by("slug")
            .values_list(
                "slug",
                "title_en",
                "title_ru",
                "title_ja",
                "status",
                "start",
                "start_precision",
                "end",
                "progress",
                "plan_item__number",
            )
        ),
        "participants": list(
            synthetic(MeetingParticipant)
            .order_by("meeting__slug", "person__slug")
            .values_list("meeting__slug", "person__slug", "side", "position__title_en")
        ),
        "citations": list(
            project_citations()
            .order_by("project__slug", "field_name")
            .values_list("project__slug", "field_name", "source__slug", "quote")
        ),
        "organizations": list(
            synthetic(ProjectOrganization)
            .order_by("project__slug", "organization__slug", "role")
            .values_list("project__slug", "organization__slug", "role", "side")
        ),
    }


# Proportions ----------------------------------------------------------------------------------


def test_counts_scale_with_the_number_of_projects(real_data):
    before = {model: model._default_manager.count() for model in SLUGGED}
    seed("--projects", "200")

    # Every record with a slug that was added is synthetic.
    for model in SLUGGED:
        assert model._default_manager.count() - before[model] == synthetic(model).count()

    assert synthetic(Project).count() == 200
    assert synthetic(Person).count() == 40
    assert synthetic(Organization).count() == 10
    assert synthetic(Meeting).count() == 100
    assert synthetic(Document).count() == 20
    assert synthetic(Source).count() == 20
    assert synthetic(Indicator).count() == 2
    assert synthetic(Plan).count() == 1
    assert list(synthetic(PlanItem).values_list("number", flat=True)) == list(range(1, 9))

    participants = synthetic(Meeting).annotate(n=Count("participants"))
    assert {meeting.n for meeting in participants} == {4}
    # Four different people, all synthetic, each in a post held then where there is one.
    for participant in synthetic(MeetingParticipant).select_related("position", "meeting"):
        assert participant.person.slug.startswith(SYNTHETIC_PREFIX)
        if participant.position:
            assert participant.position.person_id == participant.person_id
            assert (
                Position.objects.held_on(participant.meeting.start)
                .filter(pk=participant.position_id)
                .exists()
            )
    assert synthetic(MeetingParticipant).exclude(position=None).exists()

    assert project_citations().count() == 1000
    per_project = project_citations().values("object_id").annotate(n=Count("pk"))
    assert {row["n"] for row in per_project} == {5}
    assert all(c.source.slug.startswith(SYNTHETIC_PREFIX) for c in project_citations())
    cited = synthetic(Source).annotate(n=Count("citations")).values_list("n", flat=True)
    assert min(cited) >= 10  # 20 sources for 1,000 citations: each cited many times

    for project in synthetic(Project).annotate(
        updates_n=Count("updates", distinct=True),
        orgs_n=Count("project_orgs", distinct=True),
        people_n=Count("project_people", distinct=True),
    ):
        assert 2 <= project.updates_n <= 3
        assert 2 <= project.orgs_n <= 3
        assert project.people_n == 2
    positions = synthetic(Person).annotate(n=Count("positions")).values_list("n", flat=True)
    assert set(positions) <= {1, 2, 3}
    assert synthetic(Observation).count() >= 2 * 3

    # Every synthetic project is in a synthetic plan.
    assert not synthetic(Project).exclude(plan_item__plan__slug__startswith=SYNTHETIC_PREFIX)


def test_every_count_can_be_given(real_data):
    seed(
        "--projects",
        "30",
        "--people",
        "7",
        "--organizations",
        "3",
        "--meetings",
        "5",
        "--documents",
        "2",
        "--sources",
        "6",
        "--indicators",
        "4",
        "--plans",
        "2",
    )

    assert synthetic(Project).count() == 30
    assert synthetic(Person).count() == 7
    assert synthetic(Organization).count() == 3
    assert synthetic(Meeting).count() == 5
    assert synthetic(Document).count() == 2
    assert synthetic(Source).count() == 6
    assert synthetic(Indicator).count() == 4
    assert synthetic(Plan).count() == 2
    assert synthetic(PlanItem).count() == 16
    assert synthetic(MeetingParticipant).count() == 5 * 4
    assert project_citations().count() == 30 * 5


def test_tiny_counts_still_satisfy_every_constraint(real_data):
    """One person, one organization, one source: links stay unique (no IntegrityError)."""
    seed("--projects", "12", "--people", "1", "--organizations", "1", "--sources", "1")

    assert synthetic(Person).count() == 1
    assert synthetic(MeetingParticipant).count() == synthetic(Meeting).count()
    assert project_citations().count() == 12 * 5


def test_prints_a_summary_and_moves_the_last_change_on(real_data):
    """bulk_create sends no signals: the command itself must invalidate cached responses."""
    before = last_change()
    output = seed("--projects", "5")
    assert last_change() > before
    assert "  projects: 5\n" in output
    assert "  citations: 25\n" in output
    assert "Done in" in output


def test_refuses_to_generate_over_a_loaded_data_set_or_without_a_size(real_data):
    seed("--projects", "10")
    with pytest.raises(CommandError, match="already loaded"):
        seed("--projects", "10")
    with pytest.raises(CommandError, match="--projects"):
        seed("--people", "3")
    assert synthetic(Project).count() == 10


# The real data set ----------------------------------------------------------------------------


def test_the_real_data_set_is_never_touched(real_data):
    before = snapshot()
    assert before["projects"] and before["citations"] and before["historical projects"]
    assert not any(synthetic(model).exists() for model in DELETE_ORDER)

    seed("--projects", "200")

    assert snapshot(real_only=True) == before
    # No real plan, item or record gained a synthetic project, link, participant or citation.
    assert not Project.objects.exclude(synthetic_q(Project)).filter(
        plan_item__plan__slug__startswith=SYNTHETIC_PREFIX
    )
    assert not synthetic(Project).exclude(plan_item__plan__slug__startswith=SYNTHETIC_PREFIX)
    assert not synthetic(MeetingParticipant).exclude(
        meeting__slug__startswith=SYNTHETIC_PREFIX, person__slug__startswith=SYNTHETIC_PREFIX
    )
    assert not synthetic(ProjectOrganization).exclude(
        project__slug__startswith=SYNTHETIC_PREFIX,
        organization__slug__startswith=SYNTHETIC_PREFIX,
    )
    assert not synthetic(ProjectPerson).exclude(
        project__slug__startswith=SYNTHETIC_PREFIX, person__slug__startswith=SYNTHETIC_PREFIX
    )
    assert synthetic(Citation).count() == project_citations().count()
    for model in THROUGH_MODELS:
        owner, target = (field for field in model._meta.concrete_fields if field.many_to_one)
        one_side = synthetic_q(owner.related_model, f"{owner.name}__") ^ synthetic_q(
            target.related_model, f"{target.name}__"
        )
        assert not model.objects.filter(one_side), label(model)

    seed("--reset")

    assert snapshot() == before


def test_reset_removes_every_synthetic_row(real_data):
    before = row_counts()
    seed("--projects", "200")
    after = row_counts()
    for name in ("projects", "citations", "participants", "meeting: plan items discussed"):
        assert after[name] > before[name], name
    # A synthetic record edited by hand has history; the reset removes that too.
    project = synthetic(Project).first()
    project.title_en = "Synthetic project, edited"
    record_save(instance=project)
    assert row_counts()["historical projects"] == before["historical projects"] + 1

    output = seed("--reset")

    assert row_counts() == before
    assert "Removed" in output
    assert not any(synthetic(model).exists() for model in DELETE_ORDER)
    assert seed("--reset").startswith("Removed 0 synthetic rows")


def test_reset_unlinks_real_records_from_synthetic_ones(real_data):
    """A hand edit may link a real record to a synthetic one: the reset drops the link, as
    deleting the synthetic record in the admin would, and deletes nothing real."""
    seed("--projects", "20")
    real_meeting = Meeting.objects.exclude(synthetic_q(Meeting)).first()
    real_plan = Plan.objects.exclude(synthetic_q(Plan)).get()
    real_meeting.projects.add(synthetic(Project).first())
    Plan.objects.filter(pk=real_plan.pk).update(proposed_by=synthetic(Person).first())
    real_projects = real_meeting.projects.count() - 1
    version = Plan.objects.get(pk=real_plan.pk).version

    seed("--reset")

    assert real_meeting.projects.count() == real_projects
    real_plan.refresh_from_db()
    assert real_plan.proposed_by is None
    # A write of its own: a new version (an editor's open form is now out of date) and a
    # history row (the Atom feed lists it).
    assert real_plan.version != version
    latest = real_plan.history.latest()
    assert latest.proposed_by_id is None
    assert latest.history_change_reason == RESET_REASON


def test_reset_refuses_when_a_real_record_depends_on_a_synthetic_one(real_data):
    seed("--projects", "20")
    real = Project.objects.exclude(synthetic_q(Project)).first()
    Project.objects.filter(pk=real.pk).update(plan_item=synthetic(PlanItem).first())
    counts = row_counts()

    with pytest.raises(CommandError, match="projects"):
        seed("--reset")

    assert row_counts() == counts


# Determinism and validity ---------------------------------------------------------------------


def test_the_same_seed_gives_the_same_data_set(real_data):
    seed("--projects", "60")
    counts, first = row_counts(), fingerprint()

    seed("--reset", "--projects", "60")
    assert row_counts() == counts
    assert fingerprint() == first

    seed("--reset", "--projects", "60", "--seed", "1")
    assert fingerprint()["projects"] != first["projects"]


def test_generated_rows_pass_full_clean(real_data):
    seed("--projects", "200")
    for model in DELETE_ORDER:
        if model in THROUGH_MODELS:
            continue
        rows = list(synthetic(model).order_by("pk"))
        assert rows, label(model)
        for row in rows:
            assert row.version == 1 and row.created and row.updated, label(model)
            for name in getattr(model, "partial_dates", ()):
                value, precision = getattr(row, name), getattr(row, f"{name}_precision")
                assert value == normalise(value, precision), (row, name)
        step = max(1, len(rows) // 40)
        with translation.override("en"):
            for row in rows[::step]:
                row.full_clean()


def test_every_translated_field_is_filled_in_three_languages(real_data):
    seed("--projects", "20")
    project = synthetic(Project).first()
    assert project.title_en.startswith("Synthetic project")
    assert project.title_ru.startswith("Синтетический проект")
    assert project.title_ja.startswith("合成プロジェクト")
    for model, names in (
        (Project, ("title", "summary")),
        (Plan, ("title", "proposed_place", "description")),
        (PlanItem, ("title", "description")),
        (ProjectUpdate, ("note",)),
        (Meeting, ("title", "city", "description", "outcomes")),
        (MeetingParticipant, ("role",)),
        (Document, ("title", "place", "summary")),
        (Indicator, ("name", "unit", "description")),
        (Observation, ("note",)),
        (Organization, ("name", "short_name", "description")),
        (Person, ("name", "biography")),
        (Position, ("title",)),
        (ProjectPerson, ("role",)),
    ):
        for name in names:
            for language in ("en", "ru", "ja"):
                column = f"{name}_{language}"
                assert not synthetic(model).filter(**{f"{column}__isnull": True}), column
                assert not synthetic(model).filter(**{column: ""}), column


# Pages and API --------------------------------------------------------------------------------


def test_api_lists_synthetic_projects(real_data, client):
    seed("--projects", "200")

    response = client.get("/api/v1/projects/?page_size=5")
    assert response.status_code == 200
    assert response.json()["count"] == Project.objects.count()

    response = client.get(f"/api/v1/projects/?page_size=5&plan={SYNTHETIC_PREFIX}plan-1")
    assert response.status_code == 200
    body = response.json()
    assert body["count"] == 200
    assert len(body["results"]) == 5
    for row in body["results"]:
        project = Project.objects.get(slug=row["slug"])
        assert row["title"] == project.title_en
        assert row["title"].startswith("Synthetic project")
        assert row["title_i18n"]["ja"] == project.title_ja
        assert row["plan_item_summary"]["number"] == project.plan_item.number
        # Organizations are in the detail (the list gives a summary of each project).
        detail = client.get(row["url"]).json()
        assert len(detail["organizations"]) >= 2


@pytest.mark.parametrize(
    ("model", "field"),
    [
        (Project, "title"),
        (Plan, "title"),
        (Meeting, "title"),
        (Document, "title"),
        (Indicator, "name"),
        (Person, "name"),
        (Organization, "name"),
        (Source, "title"),
    ],
)
def test_synthetic_record_pages_render(real_data, client, model, field):
    seed("--projects", "50")
    record = synthetic(model).order_by("pk").last()
    for language in ("en", "ru", "ja"):
        with translation.override(language):
            url = record.get_absolute_url()
        response = client.get(url)
        assert response.status_code == 200, url
        text = getattr(record, f"{field}_{language}", None) or getattr(record, field)
        assert escape(text) in response.content.decode(), (url, text)
