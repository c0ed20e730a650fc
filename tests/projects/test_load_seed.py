"""The Japan–Russia data set and its loader: facts checked against the sources, idempotency,
citations on every record, translations."""

import datetime as dt
from decimal import Decimal
from io import StringIO

import pytest
from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.core.management import CommandError, call_command
from django.utils import translation

from coopr.dates import normalise
from coopr.models import Citation, Source
from people.models import Organization, Person, Position
from projects.management.commands.load_seed import (
    DEFAULT_FILE,
    KINDS,
    SEED_DIR,
    collapse_whitespace,
    stored_text,
)
from projects.models import (
    BodyChair,
    Document,
    Indicator,
    JointBody,
    Meeting,
    MeetingParticipant,
    Observation,
    Plan,
    PlanItem,
    Project,
    ProjectOrganization,
    ProjectPerson,
    ProjectUpdate,
    Theme,
)

TASS = "tass-2018-03-24"
TASS_TEXT = (SEED_DIR / f"{TASS}.txt").read_text(encoding="utf-8")

EXPECTED_COUNTS = {
    Source: 60,
    Organization: 31,
    Person: 14,
    Position: 18,
    Theme: 1,
    JointBody: 3,
    BodyChair: 6,
    Meeting: 33,
    MeetingParticipant: 61,
    Plan: 2,
    PlanItem: 14,
    Project: 23,
    ProjectOrganization: 21,
    ProjectPerson: 0,
    ProjectUpdate: 14,
    Document: 5,
    Indicator: 11,
    Observation: 16,
    Citation: 489,
}
TOTAL = sum(EXPECTED_COUNTS.values())

# The eight items exactly as We Are Tomodachi 2018 lists them.
ITEM_TITLES = [
    "Extending healthy life expectancies",
    "Developing comfortable and clean cities easy to reside and live in",
    "Fundamental expansion of medium-sized and small companies’ exchange and cooperation",
    "Energy",
    "Promoting industrial diversification and enhancing productivity in Russia",
    "Developing industries and export bases in the Far East",
    "Cooperation on cutting-edge technologies",
    "Fundamental expansion of people-to-people interaction",
]
# Their Japanese titles as MOFA lists them (items 1–7 on one page, item 8 whole on another).
ITEM_TITLES_JA = [
    "健康寿命の伸長",
    "快適・清潔で住みやすく,活動しやすい都市作り",
    "中小企業交流・協力の抜本的拡大",
    "エネルギー",
    "ロシアの産業多様化・生産性向上",
    "極東の産業振興・輸出基地化",
    "先端技術協力",
    "人的交流の抜本的拡大",
]

pytestmark = pytest.mark.django_db


def load(path=DEFAULT_FILE) -> str:
    out = StringIO()
    call_command("load_seed", str(path), stdout=out)
    return out.getvalue()


@pytest.fixture
def seeded():
    """A load of its own into an empty database, for the loader's report of it; the other
    tests read the module's data set (`full_data`, tests/conftest.py), loaded once."""
    return load()


def with_stored_texts(directory):
    """A copy of the data set's stored texts in `directory`, beside a changed copy of it."""
    for path in SEED_DIR.glob("*.txt"):
        (directory / path.name).write_bytes(path.read_bytes())
    return directory


def citations_of(obj, **filters):
    return Citation.objects.for_object(obj).filter(**filters)


def quotes_of(obj, source=TASS, **filters):
    return set(citations_of(obj, source__slug=source, **filters).values_list("quote", flat=True))


def participants(meeting):
    return {
        (
            p.person.slug,
            p.side.code,
            p.position.title_en if p.position else None,
            p.position.organization.slug if p.position and p.position.organization else None,
            p.organization.slug if p.organization else None,
        )
        for p in meeting.participants.select_related("person", "position__organization")
    }


def seeded_app_models(include_auto_created=False):
    return [
        model
        for label in ("coopr", "people", "projects")
        for model in apps.get_app_config(label).get_models(include_auto_created)
    ]


# Counts ---------------------------------------------------------------------------------------


def test_counts_per_model(full_data):
    assert {model: model.objects.count() for model in EXPECTED_COUNTS} == EXPECTED_COUNTS


def test_summary_reports_what_was_created(seeded):
    assert "meetings: 33 created, 0 updated, 0 unchanged" in seeded
    assert f"Total: {TOTAL} created, 0 updated, 0 unchanged" in seeded


# Facts, field by field ------------------------------------------------------------------------


def test_tass_source(full_data):
    source = Source.objects.get(slug=TASS)
    assert source.title == "First Russia-Japan symposium on staff training has been held in Osaka"
    assert (source.publisher, source.url, source.kind, source.language) == (
        "TASS",
        "https://tass.com/economy/995914",
        "news",
        "en",
    )
    assert (source.published_on, source.published_on_precision) == (dt.date(2018, 3, 24), "day")


def test_sources_with_unknown_dates_leave_them_empty(full_data):
    for slug in ("russkiy-mir-239350", "harp-platform-overview", "imidas-eight-point-plan"):
        assert Source.objects.get(slug=slug).published_on is None
    tufs = Source.objects.get(slug="tufs-2018-general-assembly")
    assert (tufs.published_on, tufs.published_on_precision) == (dt.date(2018, 5, 1), "month")
    assert tufs.notes == 'Dated "May 2018" on the page.'
    tomodachi = Source.objects.get(slug="tomodachi-2018-eight-point-plan")
    assert (tomodachi.published_on, tomodachi.published_on_precision) == (
        dt.date(2018, 1, 1),
        "year",
    )


def test_plan(full_data):
    plan = Plan.objects.get(slug="eight-point-cooperation-plan")
    assert plan.title_en == "Eight-point Cooperation Plan"
    assert (plan.country_a.code, plan.country_b.code) == ("JP", "RU")
    assert (plan.proposed_on, plan.proposed_on_precision) == (dt.date(2016, 5, 6), "day")
    assert plan.proposed_by.slug == "shinzo-abe"
    assert plan.proposed_at.slug == "sochi-summit-2016-05-06"
    assert plan.proposed_place_en == "Sochi"
    assert plan.description_en
    assert (
        "cooperation plan offered by Shinzo Abe at a meeting with Russian President "
        "Vladimir Putin in Sochi on May 6, 2016"
    ) in quotes_of(plan)
    assert "at the May 2016 Japan-Russia Summit Meeting" in quotes_of(
        plan, source="tomodachi-2018-eight-point-plan"
    )


def test_plan_items_titles_and_citations(full_data):
    items = list(PlanItem.objects.filter(plan__slug="eight-point-cooperation-plan"))
    assert [item.number for item in items] == list(range(1, 9))
    assert [item.title_en for item in items] == ITEM_TITLES
    assert [item.title_ja for item in items] == ITEM_TITLES_JA
    assert not any(item.title_ru for item in items)  # no source gives them: left empty
    mofa = "mofa-2018-02-20-exchange-council"
    for item in items:
        (english,) = quotes_of(item, source="tomodachi-2018-eight-point-plan")
        assert item.title_en.endswith(english.removeprefix("(4) "))
        if item.number < 8:
            (listing,) = quotes_of(item, source=mofa)
            assert f"({item.number}){item.title_ja}" in listing
    eighth = items[7]
    assert "(8)人的交流の抜本的拡大。" in quotes_of(eighth, source="mofa-2016-05-16-seko-trutnev")
    earlier = citations_of(eighth, source__slug="tomodachi-2016-eight-bullet-point").get()
    assert (earlier.field_name, earlier.quote) == (
        "title",
        "8. Radically expanding people-to-peopleinteraction",
    )
    assert earlier.note.startswith("Earlier wording (2016)")
    first = citations_of(items[0], source__slug="imidas-eight-point-plan").get()
    assert first.quote == "(1)健康長寿の伸長"  # imidas's wording; the title follows MOFA
    assert quotes_of(eighth) == {
        "We are expanding the eighth item of the cooperation plan related to humanitarian "
        "exchanges by developing student exchanges."
    }


def test_osaka_symposium(full_data):
    meeting = Meeting.objects.get(slug="osaka-symposium-2018-03-24")
    assert meeting.title_en == "First Russia–Japan symposium on staff training"
    assert meeting.kind == "symposium"
    assert (meeting.start, meeting.start_precision, meeting.end) == (
        dt.date(2018, 3, 24),
        "day",
        None,
    )
    assert (meeting.city_en, meeting.country.code) == ("Osaka", "JP")
    assert "more than 10 higher education institutions" in meeting.description_en
    assert [item.number for item in meeting.plan_items.all()] == [8]
    assert participants(meeting) == {
        ("olga-golodets", "RU", "Deputy Prime Minister", "government-of-russia", None),
        (
            "maxim-oreshkin",
            "RU",
            "Minister of Economic Development",
            "ministry-of-economic-development-russia",
            None,
        ),
        ("alexei-repik", "RU", "President", "delovaya-rossiya", None),
        ("hiroshige-seko", "JP", "Minister of Economy, Trade and Industry", "meti", None),
        ("masayoshi-matsumoto", "JP", None, None, "kansai-economic-federation"),
    }
    matsumoto = meeting.participants.get(person__slug="masayoshi-matsumoto")
    assert citations_of(matsumoto).get().source.slug == "russkiy-mir-239350"


def test_osaka_trilateral_meeting(full_data):
    meeting = Meeting.objects.get(slug="osaka-trilateral-2018-03-24")
    assert (meeting.kind, meeting.start, meeting.city_en) == (
        "ministerial",
        dt.date(2018, 3, 24),
        "Osaka",
    )
    assert {p[0] for p in participants(meeting)} == {
        "olga-golodets",
        "maxim-oreshkin",
        "hiroshige-seko",
    }
    assert "green corridor" in meeting.outcomes_en
    assert any("green corridor" in quote for quote in quotes_of(meeting, field_name="outcomes"))


def test_vladivostok_meeting_and_its_documents(full_data):
    meeting = Meeting.objects.get(slug="vladivostok-oreshkin-seko-2017-09")
    assert meeting.title_en == "Oreshkin–Seko meeting in Vladivostok"
    assert meeting.kind == "ministerial"
    assert (meeting.start, meeting.start_precision) == (dt.date(2017, 9, 1), "month")
    assert (meeting.city_en, meeting.country.code) == ("Vladivostok", "RU")
    assert participants(meeting) == {
        (
            "maxim-oreshkin",
            "RU",
            "Minister of Economic Development",
            "ministry-of-economic-development-russia",
            None,
        ),
        ("hiroshige-seko", "JP", "Minister of Economy, Trade and Industry", "meti", None),
    }
    documents = {doc.slug: doc for doc in meeting.documents.all()}
    assert set(documents) == {
        "joint-announcement-digital-economy-2017",
        "memorandum-labour-efficiency-2017",
    }
    announcement = documents["joint-announcement-digital-economy-2017"]
    memorandum = documents["memorandum-labour-efficiency-2017"]
    assert announcement.title_en == "Joint announcement on partnership in digital economy"
    assert announcement.kind == "joint_statement"
    assert memorandum.title_en == (
        "Memorandum on experience exchange in the field of improving labor efficiency"
    )
    assert memorandum.kind == "memorandum"
    for doc in (announcement, memorandum):
        assert (doc.signed_on, doc.signed_on_precision) == (dt.date(2017, 9, 1), "month")
        assert doc.place_en == "Vladivostok"
        assert not doc.signatories.exists()
        assert not doc.parties.exists()
    assert [item.number for item in memorandum.plan_items.all()] == [5]
    assert not announcement.plan_items.exists()


def test_business_mission(full_data):
    meeting = Meeting.objects.get(slug="business-mission-labour-efficiency-2018-02")
    assert (meeting.kind, meeting.start, meeting.start_precision) == (
        "business_mission",
        dt.date(2018, 2, 1),
        "month",
    )
    assert (meeting.city_en, meeting.country.code) == ("Tokyo and Nagoya", "JP")
    assert set(meeting.organizations.values_list("slug", flat=True)) == {
        "toyota-motor",
        "mitsubishi-electric",
    }
    assert [item.number for item in meeting.plan_items.all()] == [5]
    assert "In February, the first business mission on this topic visited Tokyo and Nagoya." in (
        quotes_of(meeting)
    )


@pytest.mark.parametrize(
    ("slug", "value", "qualifier", "quote"),
    [
        (
            "japanese-students-tuition-free-in-russia",
            97,
            "exact",
            "Now 97 students from Japan are getting a tuition-free education in Russia.",
        ),
        (
            "projects-under-item-8-reported",
            13,
            "exact",
            "Currently we are implementing 13 relevant projects",
        ),
        (
            "agreements-between-educational-institutions",
            250,
            "about",
            "around 250 agreements reached by educational institutions of the two countries "
            "are in place",
        ),
    ],
)
def test_tass_figures(full_data, slug, value, qualifier, quote):
    observation = Observation.objects.get(indicator__slug=slug)
    assert (observation.value, observation.qualifier) == (Decimal(value), qualifier)
    assert (observation.date, observation.date_precision) == (dt.date(2018, 3, 24), "day")
    assert quotes_of(observation) == {quote}


def test_project_count_indicator_points_at_item_8(full_data):
    indicator = Indicator.objects.get(slug="projects-under-item-8-reported")
    assert indicator.measures == "projects_in_item"
    assert (indicator.plan_item.plan.slug, indicator.plan_item.number) == (
        "eight-point-cooperation-plan",
        8,
    )
    # The sources name fewer projects than the 13 reported: none is invented to fill the gap.
    assert indicator.plan_item.projects.count() == 9


def test_projects_report_no_status_or_progress_sources_do_not_give(full_data):
    assert not Project.objects.exclude(status="").exists()
    assert not Project.objects.filter(progress__isnull=False).exists()
    update = ProjectUpdate.objects.get(
        project__slug="japan-russia-university-association", date=dt.date(2016, 12, 1)
    )
    assert (update.date_precision, update.status) == ("month", "agreed")


def test_people_positions(full_data):
    abe = Position.objects.get(person__slug="shinzo-abe")
    assert (abe.title_en, abe.organization.slug, abe.as_of) == (
        "Prime Minister",
        "government-of-japan",
        dt.date(2016, 5, 6),
    )
    assert (abe.start, abe.end) == (None, None)
    seko = {p.title_en: p for p in Position.objects.filter(person__slug="hiroshige-seko")}
    assert seko["Minister for Economic Cooperation with Russia"].organization is None
    assert seko["Minister for Economic Cooperation with Russia"].as_of == dt.date(2019, 1, 23)
    assert Person.objects.get(slug="maxim-oreshkin").other_names == "Maksim Oreshkin"
    matsumoto = Position.objects.get(person__slug="masayoshi-matsumoto")
    assert (matsumoto.title_en, matsumoto.organization.slug) == (
        "Chairman & CEO",
        "kansai-economic-federation",
    )
    oreshkin_quotes = quotes_of(
        Position.objects.get(person__slug="maxim-oreshkin", title_en__startswith="Minister")
    )
    assert "Economic Development Minster Maksim Oreshkin" in oreshkin_quotes  # TASS's typo


def test_ministries_belong_to_their_governments(full_data):
    assert Organization.objects.get(slug="meti").parent.slug == "government-of-japan"
    ministry = Organization.objects.get(slug="ministry-of-economic-development-russia")
    assert ministry.parent.slug == "government-of-russia"
    assert Organization.objects.get(slug="russian-japanese-business-council").country == ""


# Translations ---------------------------------------------------------------------------------


def test_names_in_other_scripts(full_data):
    seko = Person.objects.get(slug="hiroshige-seko")
    assert (seko.name_en, seko.name_ru, seko.name_ja) == (
        "Hiroshige Seko",
        "Хиросигэ Сэко",
        "世耕弘成",
    )
    assert Person.objects.get(slug="olga-golodets").name_ru == "Ольга Голодец"
    assert Organization.objects.get(slug="delovaya-rossiya").name_ru == "Деловая Россия"
    matsumoto = Person.objects.get(slug="masayoshi-matsumoto")
    assert (matsumoto.name_ru, matsumoto.name_ja) == (
        None,
        None,
    )  # not given: empty (NULL), as the admin leaves it


def test_missing_translation_falls_back_to_english(full_data):
    with translation.override("ja"):
        assert Person.objects.get(slug="masayoshi-matsumoto").name == "Masayoshi Matsumoto"
        assert Person.objects.get(slug="olga-golodets").name == "Olga Golodets"
        assert Person.objects.get(slug="hiroshige-seko").name == "世耕弘成"
    with translation.override("ru"):
        assert Person.objects.get(slug="olga-golodets").name == "Ольга Голодец"


# Provenance -----------------------------------------------------------------------------------


def test_every_seeded_record_has_a_citation(full_data):
    """Every record of every model except Source and Citation, link rows included."""
    cited = set(Citation.objects.values_list("content_type", "object_id"))
    for kind in KINDS.values():
        if kind.model is Source:
            continue
        content_type = ContentType.objects.get_for_model(kind.model)
        for pk in kind.model.objects.values_list("pk", flat=True):
            assert (content_type.pk, pk) in cited, f"{kind.model.__name__} #{pk} has no citation"


def test_every_citation_is_valid(full_data):
    for citation in Citation.objects.all():
        citation.full_clean()  # quote or note; the field exists; the record exists


def test_every_source_has_its_stored_text(full_data):
    """The text read of every source is kept beside the data set, and nothing else is."""
    slugs = set(Source.objects.values_list("slug", flat=True))
    assert {path.stem for path in SEED_DIR.glob("*.txt")} == slugs
    for slug in slugs:
        assert stored_text(slug).strip(), slug


def test_every_quote_is_in_its_sources_stored_text(full_data):
    """Word for word, whitespace collapsed (a quote may join lines the page breaks)."""
    texts = {
        slug: collapse_whitespace(stored_text(slug))
        for slug in Source.objects.values_list("slug", flat=True)
    }
    quoted = Citation.objects.exclude(quote="").select_related("source")
    assert quoted.count() > 400
    for citation in quoted:
        assert collapse_whitespace(citation.quote) in texts[citation.source.slug], citation.quote
    assert Citation.objects.filter(source__slug=TASS).count() > 50
    assert not Citation.objects.filter(source__slug=TASS, quote="").exists()


def test_tass_quotes_are_the_articles_words(full_data):
    for quote in Citation.objects.filter(source__slug=TASS).values_list("quote", flat=True):
        assert quote in TASS_TEXT, quote  # the article is quoted exactly, line breaks and all


def test_partial_dates_are_first_days_of_their_period(full_data):
    for kind in KINDS.values():
        for name in getattr(kind.model, "partial_dates", ()):
            for value, precision in kind.model.objects.values_list(name, f"{name}_precision"):
                assert value == normalise(value, precision)


def test_history_records_the_reason(full_data):
    assert set(Person.history.values_list("history_change_reason", flat=True)) == {"load_seed"}


# Idempotency ----------------------------------------------------------------------------------


def snapshot():
    models = seeded_app_models(include_auto_created=True)  # with history and m2m link tables
    counts = {model: model._default_manager.count() for model in models}
    updated = {
        model: dict(model._default_manager.values_list("pk", "updated"))
        for model in models
        if any(f.name == "updated" for f in model._meta.fields)
    }
    return counts, updated


def test_second_run_writes_nothing(full_data):
    before = snapshot()
    assert any("Historical" in model.__name__ for model in before[0])
    second = load()
    assert snapshot() == before
    assert f"Total: 0 created, 0 updated, {TOTAL} unchanged" in second


def test_changed_value_is_updated_in_place(full_data, tmp_path):
    changed = DEFAULT_FILE.read_text(encoding="utf-8").replace("value: 97", "value: 98")
    (with_stored_texts(tmp_path) / "changed.yaml").write_text(changed, encoding="utf-8")
    history = Observation.history.count()
    output = load(tmp_path / "changed.yaml")
    assert "observations: 0 created, 1 updated, 15 unchanged" in output
    assert Observation.history.count() == history + 1
    assert Observation.objects.filter(value=98).exists()
    assert not Observation.objects.filter(value=97).exists()


@pytest.mark.parametrize(
    ("old", "new", "error"),
    [
        ("start: 2017-09-01", "start: 2017-09-15", "first day of its month"),
        ("quote: Currently we", "quote: Currently they", "Not in tass-2018-03-24.txt"),
        ("proposed_by: shinzo-abe", "proposed_by: shinzo-abbe", "Unknown people"),
        (
            "quote: 河野太郎外相",
            "quote: 河野太郎外務大臣",
            "Not in kyodo-2019-09-05-kono-oreshkin.txt",
        ),
        ("- source: rg-2016-11-11", "- source: rg-2016-11-12", "Unknown sources"),
    ],
)
def test_bad_data_is_refused_and_nothing_is_written(tmp_path, old, new, error):
    text = DEFAULT_FILE.read_text(encoding="utf-8")
    assert old in text
    (with_stored_texts(tmp_path) / "bad.yaml").write_text(
        text.replace(old, new, 1), encoding="utf-8"
    )
    with pytest.raises(CommandError, match=error):
        load(tmp_path / "bad.yaml")
    assert not Source.objects.exists()


def test_a_cited_source_without_stored_text_is_refused(tmp_path):
    (tmp_path / "unread.yaml").write_text(
        "sources:\n"
        "  - {slug: never-read, title: Never read, publisher: Nobody, kind: other}\n"
        "organizations:\n"
        "  - slug: somebody\n"
        "    name: Somebody\n"
        "    kind: other\n"
        "    citations: [{source: never-read, quote: Somebody}]\n",
        encoding="utf-8",
    )
    with pytest.raises(CommandError, match="No stored text for source “never-read”"):
        load(tmp_path / "unread.yaml")
    assert not Source.objects.exists()


# The second plan, the bodies' sessions, figures over time --------------------------------------


def test_the_action_plan_of_2003(full_data):
    plan = Plan.objects.get(slug="japan-russia-action-plan-2003")
    assert (plan.title_en, plan.title_ja) == ("Japan-Russia Action Plan", "日露行動計画")
    assert (plan.proposed_on, plan.proposed_place_en) == (dt.date(2003, 1, 10), "Moscow")
    assert plan.proposed_at.slug == "moscow-summit-2003-01-10"
    items = list(plan.items.order_by("number"))
    assert [item.title_ja for item in items] == [
        "政治対話の深化",
        "平和条約交渉",
        "国際舞台における協力",
        "貿易経済分野における協力",
        "防衛・治安分野における関係の発展",
        "文化・国民間交流の進展",
    ]
    assert items[0].title_en == (
        "Deepening of Political Dialogue: Advancing Multi-tiered and Comprehensive Dialogue"
    )
    # No English heading was found for sections 2–6: the Japanese one stands, and says so.
    for item in items[1:]:
        assert item.title_en == item.title_ja
        assert "No English heading was found" in citations_of(item).get().note
    statement = Document.objects.get(slug="joint-statement-action-plan-2003")
    assert set(statement.signatories.values_list("slug", flat=True)) == {
        "junichiro-koizumi",
        "vladimir-putin",
    }
    assert statement.plan_items.count() == 6


def test_commission_sessions_and_working_group_meetings(full_data):
    session = Meeting.objects.get(slug="moscow-commission-2017-11-24")
    assert (session.start, session.city_en) == (dt.date(2017, 11, 24), "Moscow")
    assert {p[0] for p in participants(session)} == {"taro-kono", "igor-shuvalov"}
    assert any(
        "第13回会合" in quote for quote in quotes_of(session, "mofa-2017-11-25-commission-13")
    )
    assert (session.body.slug, session.session_number) == (
        "intergovernmental-commission-trade-economic",
        13,
    )
    fifteenth = Meeting.objects.get(slug="moscow-commission-2019-12")
    assert (fifteenth.start, fifteenth.start_precision) == (dt.date(2019, 12, 18), "day")
    assert (fifteenth.body, fifteenth.session_number) == (session.body, 15)
    assert {p[0] for p in participants(fifteenth)} == {"toshimitsu-motegi", "maxim-oreshkin"}
    group = Meeting.objects.get(slug="tokyo-working-group-2018-02-22")
    assert group.kind == "working_group"
    assert (group.body.slug, group.session_number) == (
        "high-level-working-group-cooperation-plan",
        2,
    )
    first = Meeting.objects.get(slug="moscow-working-group-2016-11-03")
    assert (first.body, first.session_number) == (group.body, 1)
    assert {p[0] for p in participants(group)} == {
        "hiroshige-seko",
        "maxim-oreshkin",
        "alexander-novak",
    }
    assert group.plan_items.count() == 8


def test_meetings_of_2016_to_2019(full_data):
    dated = Meeting.objects.filter(start__year__gte=2016, start__year__lte=2019)
    assert dated.count() == 32
    assert dated.filter(kind="summit").count() == 9
    assert set(dated.values_list("start__year", flat=True)) == {2016, 2017, 2018, 2019}


def test_projects_under_every_item_the_sources_name(full_data):
    by_item = {
        number: set(
            Project.objects.filter(
                plan_item__plan__slug="eight-point-cooperation-plan", plan_item__number=number
            ).values_list("slug", flat=True)
        )
        for number in range(1, 9)
    }
    assert {n for n, slugs in by_item.items() if slugs} == {1, 2, 4, 5, 6, 8}
    assert "endoscopy-cooperation" in by_item[1]
    assert "voronezh-smart-traffic-signals" in by_item[2]
    assert "yamal-lng-financing" in by_item[4]
    endoscopy = Project.objects.get(slug="endoscopy-cooperation")
    assert {(po.organization.slug, po.side.code) for po in endoscopy.project_orgs.all()} == {
        ("oita-university-consortium", ""),
        ("pirogov-university", "RU"),
        ("olympus", ""),
    }


def test_figures_over_time(full_data):
    def values(slug):
        return [
            (o.date, int(o.value), o.qualifier)
            for o in Observation.objects.filter(indicator__slug=slug).order_by("date")
        ]

    assert values("projects-under-plan") == [
        (dt.date(2018, 9, 12), 150, "more_than"),
        (dt.date(2019, 6, 29), 200, "more_than"),
        (dt.date(2021, 1, 1), 200, "more_than"),
    ]
    assert values("private-sector-agreements-under-plan") == [
        (dt.date(2016, 12, 1), 68, "exact"),
        (dt.date(2018, 1, 1), 100, "more_than"),
    ]
    assert values("russian-visitors-to-japan") == [
        (dt.date(2015, 1, 1), 54000, "about"),
        (dt.date(2016, 1, 1), 54000, "about"),
        (dt.date(2017, 1, 1), 77000, "more_than"),
    ]


def test_the_arithmetic_that_could_explain_13_stays_out(full_data):
    """5 (FY2014) + 7 + 1 (FY2017) MEXT selections = 13 is an inference, not a source's words."""
    assert not Source.objects.filter(url__contains="myedu").exists()
    assert not Citation.objects.filter(note__contains="5 + 7 + 1").exists()
    assert Indicator.objects.get(slug="projects-under-item-8-reported").observations.count() == 1


# Joint bodies and themes -----------------------------------------------------------------------


def test_bodies_have_their_chairs_only_as_the_sources_state_them(full_data):
    commission = JointBody.objects.get(slug="intergovernmental-commission-trade-economic")
    chairs = {
        (c.person.slug, c.side.code, c.role, c.as_of.isoformat())
        for c in commission.chairs.select_related("person")
    }
    assert chairs == {
        ("taro-kono", "JP", "co_chair", "2017-11-24"),
        ("taro-kono", "JP", "co_chair", "2019-09-05"),
        ("maxim-oreshkin", "RU", "co_chair", "2019-09-05"),
        ("maxim-oreshkin", "RU", "co_chair", "2019-12-18"),
        ("toshimitsu-motegi", "JP", "co_chair", "2019-12-18"),
    }
    motegi = commission.chairs.get(person__slug="toshimitsu-motegi")
    assert [c.quote for c in citations_of(motegi)] == [
        "the 15th session of the Russia-Japan Intergovernmental Committee on Trade and "
        "Economic Issues, co-chaired by Oreshkin and Japanese Foreign Minister Toshimitsu "
        "Motegi"
    ]
    numbers = commission.sessions.exclude(session_number=None).values_list(
        "session_number", flat=True
    )
    assert sorted(numbers) == [13, 15]
    assert commission.sessions.count() == 4
    # Ulyukayev, the other co-chair, has no record: the sources give his name in Japanese only.
    group = JointBody.objects.get(slug="high-level-working-group-cooperation-plan")
    assert [(c.person.slug, c.as_of) for c in group.chairs.all()] == [
        ("hiroshige-seko", dt.date(2016, 11, 1))
    ]
    assert [p.slug for p in group.plans.all()] == ["eight-point-cooperation-plan"]
    assert group.name_ja == "「協力プラン」の具体化に関する日露ハイレベル作業部会"
    sapporo = Meeting.objects.get(slug="sapporo-university-association-assembly-2018-05")
    assert (sapporo.body.slug, sapporo.session_number) == (
        "association-of-universities-russia-japan",
        1,
    )
    assert BodyChair.objects.count() == 6


def test_the_student_exchange_theme_is_on_the_projects_sources_call_student_exchanges(full_data):
    theme = Theme.objects.get(slug="student-exchange")
    assert (theme.name_en, theme.name_ru, theme.name_ja) == (
        "student exchange",
        "студенческий обмен",
        "学生交流",
    )
    assert sorted(p.slug for p in theme.projects.all()) == [
        "kobe-yekaterinburg-exchange",
        "student-exchange-expansion",
    ]
    assert Indicator.objects.get(slug="projects-under-item-8-reported").theme == theme


def test_the_plans_long_title_and_subtitle(full_data):
    plan = Plan.objects.get(slug="eight-point-cooperation-plan")
    assert plan.long_title_en == (
        "Collaborative Plan for Industrial and Economic Innovation for an Environmentally "
        "Friendly Russia with a Higher Quality of Life"
    )
    assert plan.long_title_ja == "ロシアの生活環境大国,産業・経済の革新のための協力プラン"
    assert plan.subtitle_ja == "(ロシアの生活環境大国,産業・経済の革新のための協力プラン)"
    assert plan.title_ja == "8項目の「協力プラン」"
    assert not plan.long_title_ru and not plan.subtitle_ru  # no source gives them
