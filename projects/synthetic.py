"""A synthetic data set for load and search testing, in plans of its own (issue #6).

Everything generated here is told apart from the real data set by its slug: every record that
has one (plans, projects, people, organizations, meetings, documents, indicators, sources)
gets a slug starting with `SYNTHETIC_PREFIX`, and every record without one hangs off such a
record (a synthetic plan's items, a synthetic project's updates and links, a synthetic
person's posts, …). `synthetic_q()` says which rows those are, for every table, and
`remove_synthetic()` deletes exactly them, so the real data set is never touched.

Rows are written with `bulk_create` (no signals, no per-row `save()` or `full_clean()`),
projects in chunks with their children, so a hundred thousand projects load in minutes. The
values are built to pass every model check and constraint (partial dates on the first day of
their period, ends not before starts, unique links); the tests run `full_clean()` on a sample.
Text is generated in English, Russian and Japanese from small word lists, so a search has
words to find in every script. The same seed gives the same data set.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, fields
from decimal import Decimal
from functools import reduce
from operator import or_

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q

from coopr.dates import Precision, normalise
from coopr.models import Citation, Source
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
    Status,
)

SYNTHETIC_PREFIX = "synthetic-"
BATCH_SIZE = 5000  # rows per INSERT
CHUNK = 5000  # projects generated (with their children) before the next bulk write

ITEMS_PER_PLAN = 8
PROJECTS_PER_PLAN = 10_000
PARTICIPANTS_PER_MEETING = 4
CITATIONS_PER_PROJECT = 5
FIRST_DAY = dt.date(2016, 1, 1)
LAST_DAY = dt.date(2026, 12, 31)

# What identifies a synthetic row ------------------------------------------------------------

# Records with a slug: synthetic when the slug says so.
SLUGGED: tuple[type[models.Model], ...] = (
    Source,
    Organization,
    Person,
    Plan,
    Project,
    Meeting,
    Document,
    Indicator,
)
# Records without one: synthetic when the record they hang off (any of them, for a link) is.
OWNERS: dict[type[models.Model], tuple[str, ...]] = {
    PlanItem: ("plan",),
    Position: ("person",),
    ProjectUpdate: ("project",),
    ProjectOrganization: ("project", "organization"),
    ProjectPerson: ("project", "person"),
    MeetingParticipant: ("meeting", "person"),
    Observation: ("indicator",),
}
# Many-to-many relations without a model of their own: a row links two records.
M2M_FIELDS: tuple[tuple[type[models.Model], str], ...] = (
    (Meeting, "plan_items"),
    (Meeting, "projects"),
    (Meeting, "organizations"),
    (Document, "signatories"),
    (Document, "parties"),
    (Document, "plan_items"),
    (Document, "projects"),
)


def through(model: type[models.Model], name: str) -> type[models.Model]:
    return model._meta.get_field(name).remote_field.through


for _model, _name in M2M_FIELDS:
    _field = _model._meta.get_field(_name)
    OWNERS[through(_model, _name)] = (_field.m2m_field_name(), _field.m2m_reverse_field_name())

# Records a citation can point at (those with a `citations` GenericRelation).
CITABLE: tuple[type[models.Model], ...] = tuple(
    model for model in (*SLUGGED, *OWNERS) if model is not Source and hasattr(model, "citations")
)
# Deleting in this order leaves no row pointing at a deleted one, even for a moment.
DELETE_ORDER: tuple[type[models.Model], ...] = (
    Citation,
    *(through(model, name) for model, name in M2M_FIELDS),
    Observation,
    MeetingParticipant,
    ProjectUpdate,
    ProjectOrganization,
    ProjectPerson,
    Indicator,
    Document,
    Project,
    PlanItem,
    Plan,
    Meeting,
    Position,
    Person,
    Organization,
    Source,
)


def synthetic_q(model: type[models.Model], path: str = "") -> Q:
    """The rows of `model` (reached through the lookup `path`, if given) that are synthetic."""
    if model in SLUGGED:
        return Q(**{f"{path}slug__startswith": SYNTHETIC_PREFIX})
    if model is Citation:
        if path:
            raise ValueError("Citations are only looked up directly.")
        cited = (
            Q(
                content_type=ContentType.objects.get_for_model(target),
                object_id__in=target._default_manager.filter(synthetic_q(target)).values("pk"),
            )
            for target in CITABLE
        )
        return reduce(or_, cited, Q(source__slug__startswith=SYNTHETIC_PREFIX))
    owners = OWNERS[model]
    return reduce(
        or_,
        (
            synthetic_q(model._meta.get_field(name).related_model, f"{path}{name}__")
            for name in owners
        ),
    )


def synthetic(model: type[models.Model]) -> models.QuerySet:
    """The synthetic rows of `model`."""
    return model._default_manager.filter(synthetic_q(model))


def history_model(model: type[models.Model]) -> type[models.Model] | None:
    manager = getattr(model, "history", None)
    return manager.model if manager is not None else None


def label(model: type[models.Model]) -> str:
    """What a table holds, for the summaries: "projects", "meeting: plan items discussed"."""
    for owner, name in M2M_FIELDS:
        if model is through(owner, name):
            field = owner._meta.get_field(name)
            return f"{owner._meta.verbose_name}: {field.verbose_name}"
    return str(model._meta.verbose_name_plural)


class SyntheticDataError(Exception):
    """The synthetic data set cannot be written or removed as asked."""


def real_rows_pointing_at_synthetic():
    """For each foreign key between the tables involved: (model, field, the rows of `model`
    that are not synthetic but point at a synthetic record through `field`).

    The generator never makes such a row; only a hand edit can (a real project moved under a
    synthetic plan item, a real plan "proposed by" a synthetic person).
    """
    for model in DELETE_ORDER:
        for field in model._meta.concrete_fields:
            if field.many_to_one and field.related_model in DELETE_ORDER:
                rows = model._default_manager.exclude(synthetic_q(model)).filter(
                    synthetic_q(field.related_model, f"{field.name}__")
                )
                yield model, field, rows


def remove_synthetic(progress: Callable[[str], None] = lambda what: None) -> Counter:
    """Delete every synthetic row (and the change history of synthetic records), nothing else;
    the rows deleted per table.

    Run it inside a transaction. A real row that points at a synthetic record through a
    nullable link loses the link, as Django's own delete would do; where a real row cannot do
    without it, nothing is deleted. Deletes are single SQL statements: no rows are loaded and
    no signals are sent (the caller marks the change afterwards).
    """
    problems = []
    for model, field, rows in real_rows_pointing_at_synthetic():
        if field.remote_field.on_delete is not models.SET_NULL and rows.exists():
            ids = list(rows.values_list("pk", flat=True)[:10])
            problems.append(
                f"{label(model)} {ids} (not synthetic) point at synthetic "
                f"{label(field.related_model)} through “{field.name}”"
            )
    if problems:
        raise SyntheticDataError("Cannot remove the synthetic data set: " + "; ".join(problems))
    removed = Counter()
    # History first: the history rows of child records are found through their live parents.
    for model in DELETE_ORDER:
        historical = history_model(model)
        if historical is not None:
            progress(f"history of {label(model)}")
            removed[label(historical)] += _raw_delete(
                historical._default_manager.filter(synthetic_q(model))
            )
    for _model, field, rows in real_rows_pointing_at_synthetic():
        if field.remote_field.on_delete is models.SET_NULL:
            rows.update(**{field.name: None})
    for model in DELETE_ORDER:
        progress(label(model))
        removed[label(model)] += _raw_delete(synthetic(model))
    return removed


def _raw_delete(queryset: models.QuerySet) -> int:
    # One DELETE statement, without collecting the rows first (QuerySet.delete() would load
    # every row to send its signals, and simple_history would write a history row for each).
    return queryset._raw_delete(queryset.db)


# How many of each -----------------------------------------------------------------------------


def _share(projects: int, percent: int) -> int:
    return max(1, projects * percent // 100)


@dataclass(frozen=True)
class Counts:
    """How many records of each kind to generate; every count at least 1."""

    projects: int
    plans: int
    people: int
    organizations: int
    meetings: int
    documents: int
    sources: int
    indicators: int

    @classmethod
    def scaled(cls, projects: int, **given: int | None) -> Counts:
        """The counts for `projects` projects; any count given (not None) overrides its share."""
        defaults = {
            "plans": max(1, -(-projects // PROJECTS_PER_PLAN)),
            "people": _share(projects, 20),
            "organizations": _share(projects, 5),
            "meetings": _share(projects, 50),
            "documents": _share(projects, 10),
            "sources": _share(projects, 10),
            "indicators": _share(projects, 1),
        }
        values = {
            name: default if given.get(name) is None else given[name]
            for name, default in defaults.items()
        }
        counts = cls(projects=projects, **values)
        for field in fields(cls):
            if getattr(counts, field.name) < 1:
                raise ValueError(f"There must be at least one of {field.name}.")
        return counts

    def total(self) -> int:
        return sum(getattr(self, field.name) for field in fields(self))


# Words -------------------------------------------------------------------------------------------
# (English, Russian, Japanese.) Made up for the synthetic data set; none of it is a fact.

TOPICS = (
    ("hydrogen energy", "водородная энергетика", "水素エネルギー"),
    ("LNG supply", "поставки СПГ", "LNG供給"),
    ("wind power", "ветроэнергетика", "風力発電"),
    ("solar power", "солнечная энергетика", "太陽光発電"),
    ("port logistics", "портовая логистика", "港湾物流"),
    ("rail freight", "железнодорожные грузоперевозки", "鉄道貨物輸送"),
    ("fisheries", "рыболовство", "漁業"),
    ("aquaculture", "аквакультура", "養殖"),
    ("greenhouse farming", "тепличное хозяйство", "温室栽培"),
    ("timber processing", "деревообработка", "木材加工"),
    ("medical imaging", "медицинская визуализация", "医用画像診断"),
    ("rehabilitation medicine", "реабилитационная медицина", "リハビリテーション医療"),
    ("cancer screening", "онкологический скрининг", "がん検診"),
    ("urban transport", "городской транспорт", "都市交通"),
    ("waste recycling", "переработка отходов", "廃棄物リサイクル"),
    ("water supply", "водоснабжение", "上水道"),
    ("smart city", "умный город", "スマートシティ"),
    ("digital economy", "цифровая экономика", "デジタル経済"),
    ("industrial robotics", "промышленная робототехника", "産業用ロボット"),
    ("space research", "космические исследования", "宇宙研究"),
    ("nuclear safety", "ядерная безопасность", "原子力安全"),
    ("student exchange", "студенческий обмен", "学生交流"),
    ("tourism", "туризм", "観光"),
    ("sports exchange", "спортивный обмен", "スポーツ交流"),
    ("Japanese language teaching", "преподавание японского языка", "日本語教育"),
    ("small business support", "поддержка малого бизнеса", "中小企業支援"),
    ("lean production", "бережливое производство", "リーン生産方式"),
    ("pharmaceuticals", "фармацевтика", "医薬品"),
    ("petrochemicals", "нефтехимия", "石油化学"),
    ("snow removal technology", "технологии уборки снега", "除雪技術"),
)
ACTIONS = (
    ("pilot project", "пилотный проект", "パイロット事業"),
    ("joint venture", "совместное предприятие", "合弁事業"),
    ("feasibility study", "технико-экономическое обоснование", "事業化調査"),
    ("training programme", "программа обучения", "研修プログラム"),
    ("demonstration project", "демонстрационный проект", "実証事業"),
    ("research centre", "исследовательский центр", "研究センター"),
    ("exchange programme", "программа обмена", "交流プログラム"),
    ("plant construction", "строительство завода", "工場建設"),
    ("modernisation", "модернизация", "近代化事業"),
)
CITIES = (  # (English, Russian, Japanese, country)
    ("Vladivostok", "Владивосток", "ウラジオストク", "RU"),
    ("Khabarovsk", "Хабаровск", "ハバロフスク", "RU"),
    ("Moscow", "Москва", "モスクワ", "RU"),
    ("Saint Petersburg", "Санкт-Петербург", "サンクトペテルブルク", "RU"),
    ("Yekaterinburg", "Екатеринбург", "エカテリンブルク", "RU"),
    ("Kazan", "Казань", "カザン", "RU"),
    ("Novosibirsk", "Новосибирск", "ノボシビルスク", "RU"),
    ("Yuzhno-Sakhalinsk", "Южно-Сахалинск", "ユジノサハリンスク", "RU"),
    ("Tokyo", "Токио", "東京", "JP"),
    ("Osaka", "Осака", "大阪", "JP"),
    ("Sapporo", "Саппоро", "札幌", "JP"),
    ("Niigata", "Ниигата", "新潟", "JP"),
    ("Kobe", "Кобе", "神戸", "JP"),
    ("Fukuoka", "Фукуока", "福岡", "JP"),
    ("Sendai", "Сендай", "仙台", "JP"),
    ("Toyama", "Тояма", "富山", "JP"),
)
CITIES_IN = {code: [city for city in CITIES if city[3] == code] for code in ("JP", "RU")}
ITEM_THEMES = (
    ("Healthcare and medicine", "Здравоохранение и медицина", "医療・保健"),
    ("Comfortable cities", "Комфортная городская среда", "快適な都市づくり"),
    ("Small and medium-sized businesses", "Малый и средний бизнес", "中小企業交流"),
    ("Energy", "Энергетика", "エネルギー"),
    ("Industry and productivity", "Промышленность и производительность", "産業・生産性"),
    ("Regional development", "Региональное развитие", "地域開発"),
    ("Advanced technology", "Передовые технологии", "先端技術"),
    ("People-to-people exchange", "Гуманитарные обмены", "人的交流"),
)
JP_FAMILY = (
    ("Sato", "Сато", "佐藤"),
    ("Suzuki", "Судзуки", "鈴木"),
    ("Takahashi", "Такахаси", "高橋"),
    ("Tanaka", "Танака", "田中"),
    ("Watanabe", "Ватанабэ", "渡辺"),
    ("Ito", "Ито", "伊藤"),
    ("Yamamoto", "Ямамото", "山本"),
    ("Nakamura", "Накамура", "中村"),
    ("Kobayashi", "Кобаяси", "小林"),
    ("Kato", "Като", "加藤"),
    ("Yoshida", "Ёсида", "吉田"),
    ("Yamada", "Ямада", "山田"),
)
JP_GIVEN = (
    ("Hiroshi", "Хироси", "浩"),
    ("Takeshi", "Такэси", "武"),
    ("Yuki", "Юки", "由紀"),
    ("Akira", "Акира", "明"),
    ("Kenji", "Кэндзи", "健二"),
    ("Naoko", "Наоко", "直子"),
    ("Haruka", "Харука", "遥"),
    ("Daisuke", "Дайсукэ", "大輔"),
    ("Emi", "Эми", "恵美"),
    ("Satoshi", "Сатоси", "聡"),
)
RU_FAMILY = (  # (male en, ru, ja), (female en, ru, ja)
    (("Ivanov", "Иванов", "イワノフ"), ("Ivanova", "Иванова", "イワノワ")),
    (("Smirnov", "Смирнов", "スミルノフ"), ("Smirnova", "Смирнова", "スミルノワ")),
    (("Kuznetsov", "Кузнецов", "クズネツォフ"), ("Kuznetsova", "Кузнецова", "クズネツォワ")),
    (("Popov", "Попов", "ポポフ"), ("Popova", "Попова", "ポポワ")),
    (("Sokolov", "Соколов", "ソコロフ"), ("Sokolova", "Соколова", "ソコロワ")),
    (("Volkov", "Волков", "ヴォルコフ"), ("Volkova", "Волкова", "ヴォルコワ")),
    (("Morozov", "Морозов", "モロゾフ"), ("Morozova", "Морозова", "モロゾワ")),
    (("Lebedev", "Лебедев", "レベデフ"), ("Lebedeva", "Лебедева", "レベデワ")),
)
RU_GIVEN = (  # (en, ru, ja, female)
    ("Alexei", "Алексей", "アレクセイ", False),
    ("Dmitry", "Дмитрий", "ドミトリー", False),
    ("Sergei", "Сергей", "セルゲイ", False),
    ("Mikhail", "Михаил", "ミハイル", False),
    ("Andrei", "Андрей", "アンドレイ", False),
    ("Elena", "Елена", "エレーナ", True),
    ("Olga", "Ольга", "オリガ", True),
    ("Natalia", "Наталья", "ナタリア", True),
    ("Irina", "Ирина", "イリーナ", True),
    ("Tatiana", "Татьяна", "タチアナ", True),
)
POST_TITLES = (
    ("Minister", "Министр", "大臣"),
    ("Deputy Minister", "Заместитель министра", "副大臣"),
    ("Director-General", "Генеральный директор", "局長"),
    ("Head of Department", "Начальник отдела", "課長"),
    ("Ambassador", "Посол", "大使"),
    ("Governor", "Губернатор", "知事"),
    ("Rector", "Ректор", "学長"),
    ("Chairman", "Председатель", "会長"),
    ("Senior Researcher", "Старший научный сотрудник", "主任研究員"),
    ("Chief Executive", "Исполнительный директор", "最高経営責任者"),
)
ORG_KINDS = {  # kind -> its word in each language
    Organization.Kind.GOVERNMENT: ("Government", "правительство", "政府"),
    Organization.Kind.MINISTRY: ("Ministry", "министерство", "省"),
    Organization.Kind.AGENCY: ("Agency", "агентство", "庁"),
    Organization.Kind.LEGISLATURE: ("Assembly", "законодательное собрание", "議会"),
    Organization.Kind.BUSINESS_ASSOCIATION: ("Business Council", "деловой совет", "経済協議会"),
    Organization.Kind.COMPANY: ("Corporation", "корпорация", "株式会社"),
    Organization.Kind.UNIVERSITY: ("University", "университет", "大学"),
    Organization.Kind.ASSOCIATION: ("Society", "общество", "協会"),
    Organization.Kind.BILATERAL_BODY: ("Joint Commission", "совместная комиссия", "合同委員会"),
    Organization.Kind.OTHER: ("Foundation", "фонд", "財団"),
}
PARENT_KINDS = (Organization.Kind.GOVERNMENT, Organization.Kind.MINISTRY)
OTHER_KINDS = tuple(kind for kind in ORG_KINDS if kind not in PARENT_KINDS)
MEETING_KINDS = {
    Meeting.Kind.SUMMIT: ("summit", "саммит", "首脳会談"),
    Meeting.Kind.MINISTERIAL: ("ministerial meeting", "встреча министров", "閣僚会合"),
    Meeting.Kind.SYMPOSIUM: ("symposium", "симпозиум", "シンポジウム"),
    Meeting.Kind.WORKING_GROUP: ("working group", "рабочая группа", "作業部会"),
    Meeting.Kind.BUSINESS_MISSION: ("business mission", "деловая миссия", "経済ミッション"),
    Meeting.Kind.SIGNING: ("signing ceremony", "церемония подписания", "署名式"),
    Meeting.Kind.ASSEMBLY: ("general assembly", "общее собрание", "総会"),
    Meeting.Kind.CEREMONY: ("ceremony", "церемония", "式典"),
    Meeting.Kind.VISIT: ("visit", "визит", "訪問"),
    Meeting.Kind.OTHER: ("meeting", "встреча", "会合"),
}
PARTICIPANT_ROLES = (
    ("head of delegation", "глава делегации", "代表団長"),
    ("speaker", "докладчик", "講演者"),
    ("participant", "участник", "参加者"),
    ("observer", "наблюдатель", "オブザーバー"),
)
DOCUMENT_KINDS = {
    Document.Kind.MEMORANDUM: ("memorandum", "меморандум", "覚書"),
    Document.Kind.JOINT_STATEMENT: ("joint statement", "совместное заявление", "共同声明"),
    Document.Kind.AGREEMENT: ("agreement", "соглашение", "協定"),
    Document.Kind.PLAN: ("action plan", "план действий", "行動計画"),
    Document.Kind.DECLARATION: ("declaration", "декларация", "宣言"),
    Document.Kind.OTHER: ("protocol", "протокол", "議定書"),
}
PROJECT_ROLES = (
    ("coordinator", "координатор", "コーディネーター"),
    ("project lead", "руководитель проекта", "プロジェクトリーダー"),
    ("expert", "эксперт", "専門家"),
    ("adviser", "советник", "顧問"),
)
EVENTS = {  # status then -> what happened
    Status.PROPOSED: ("Proposal submitted", "Подано предложение", "提案提出"),
    Status.AGREED: ("Agreement signed", "Подписано соглашение", "協定締結"),
    Status.IN_PROGRESS: ("Work under way", "Ведутся работы", "事業実施中"),
    Status.COMPLETED: ("Project completed", "Проект завершён", "事業完了"),
    Status.SUSPENDED: ("Work suspended", "Работы приостановлены", "作業中断"),
    Status.CANCELLED: ("Project cancelled", "Проект отменён", "事業中止"),
    "": ("Progress reviewed", "Рассмотрен ход работ", "進捗確認"),
}
STATUS_WEIGHTS = {  # status -> weight; "" is "not reported"
    Status.PROPOSED: 10,
    Status.AGREED: 15,
    Status.IN_PROGRESS: 30,
    Status.COMPLETED: 25,
    Status.SUSPENDED: 5,
    Status.CANCELLED: 5,
    "": 10,
}
STATUS_PATHS = {  # the steps a project goes through to its status, last step last
    Status.PROPOSED: (Status.PROPOSED,),
    Status.AGREED: (Status.PROPOSED, Status.AGREED),
    Status.IN_PROGRESS: (Status.PROPOSED, Status.AGREED, Status.IN_PROGRESS),
    Status.COMPLETED: (Status.AGREED, Status.IN_PROGRESS, Status.COMPLETED),
    Status.SUSPENDED: (Status.AGREED, Status.IN_PROGRESS, Status.SUSPENDED),
    Status.CANCELLED: (Status.PROPOSED, Status.AGREED, Status.CANCELLED),
    "": ("",),
}
PROJECT_CITED_FIELDS = ("", "title", "status", "start", "end", "progress", "summary", "plan_item")
INDICATOR_UNITS = (
    ("students", "студентов", "人"),
    ("visitors", "посетителей", "人"),
    ("tonnes", "тонн", "トン"),
    ("million yen", "млн иен", "百万円"),
    ("agreements", "соглашений", "件"),
    ("%", "%", "％"),
)
QUALIFIER_WEIGHTS = {
    Observation.Qualifier.EXACT: 60,
    Observation.Qualifier.ABOUT: 15,
    Observation.Qualifier.MORE_THAN: 15,
    Observation.Qualifier.ALMOST: 5,
    Observation.Qualifier.AT_LEAST: 5,
}
PUBLISHERS = (  # (publisher, language, kind)
    ("Synthetic Times", "en", Source.Kind.NEWS),
    ("Synthetic Ministry Bulletin", "en", Source.Kind.GOVERNMENT),
    ("Синтетические известия", "ru", Source.Kind.NEWS),
    ("Синтетический правительственный вестник", "ru", Source.Kind.GOVERNMENT),
    ("合成新聞", "ja", Source.Kind.NEWS),
    ("合成大学紀要", "ja", Source.Kind.INSTITUTION),
    ("Synthetic Institute Review", "en", Source.Kind.OTHER),
)
SOURCE_TITLES = {
    "en": "Synthetic report {n}: {topic} {action} in {city}",
    "ru": "Синтетический репортаж {n}: {topic} — {action} ({city})",
    "ja": "合成記事{n}：{city}の{topic}{action}",
}
QUOTES = {
    "en": "The {topic} {action} in {city} is moving ahead",
    "ru": "{action} ({topic}) в городе {city} продвигается",
    "ja": "{city}の{topic}{action}が前進している",
}


def capitalised(words: str) -> str:
    """Each word with a capital initial, the rest as it is ("LNG supply" → "LNG Supply")."""
    return " ".join(word[:1].upper() + word[1:] for word in words.split())


def an(noun: str) -> str:
    """The noun with its indefinite article: "a pilot project", "an exchange programme"."""
    return f"{'an' if noun[:1].lower() in 'aeiou' else 'a'} {noun}"


def tr(name: str, en: str, ru: str, ja: str) -> dict[str, str]:
    """A translated field's three columns."""
    return {f"{name}_en": en, f"{name}_ru": ru, f"{name}_ja": ja}


# The generator -------------------------------------------------------------------------------


class Generator:
    """Writes one synthetic data set of the given size; `run()` returns the rows per model.

    Call it inside a transaction, with English active (the untranslated column of each
    translated field takes the English text, as the loader writes it).
    """

    def __init__(
        self,
        counts: Counts,
        *,
        seed: int = 0,
        progress: Callable[[int], None] = lambda done: None,
        batch_size: int = BATCH_SIZE,
    ) -> None:
        self.counts = counts
        self.rng = random.Random(seed)
        self.progress = progress
        self.batch_size = batch_size
        self.created: Counter = Counter()
        self.project_type = ContentType.objects.get_for_model(Project)

    # Helpers -----------------------------------------------------------------------------

    def write(self, model: type[models.Model], rows: list[models.Model]) -> list[models.Model]:
        if rows:
            model._default_manager.bulk_create(rows, batch_size=self.batch_size)
            self.created[model] += len(rows)
        return rows

    def day(self, first: dt.date = FIRST_DAY, last: dt.date = LAST_DAY) -> dt.date:
        return dt.date.fromordinal(self.rng.randint(first.toordinal(), last.toordinal()))

    def partial(self, value: dt.date, day: int = 70, month: int = 20, year: int = 10):
        """`value` as a source might give it: (first day of its period, precision)."""
        precision = self.rng.choices(
            (Precision.DAY, Precision.MONTH, Precision.YEAR), (day, month, year)
        )[0]
        return normalise(value, precision), precision

    def later(self, start: dt.date, end: dt.date, day: int = 70):
        """A partial end on or after `start` (a normalised end may not fall before it)."""
        value, precision = self.partial(end, day=day, month=100 - day, year=0)
        if value < start:
            value, precision = max(end, start), Precision.DAY
        return value, precision

    def words(self) -> tuple[tuple, tuple, tuple]:
        return self.rng.choice(TOPICS), self.rng.choice(ACTIONS), self.rng.choice(CITIES)

    def pick(self, population: list, k: int) -> list:
        return self.rng.sample(population, min(k, len(population)))

    # The data set ---------------------------------------------------------------------------

    def run(self) -> Counter:
        self.sources()
        self.organizations()
        self.people()
        self.meetings()  # before the plans, which were proposed at them
        self.plans()
        self.projects()
        self.meeting_topics()  # the items and projects discussed at each meeting
        self.documents()
        self.indicators()
        return self.created

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
        project = Project(
            slug=f"{SYNTHETIC_PREFIX}project-{n}",
            plan_item_id=self.rng.choice(self.item_ids),
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


def generate(
    counts: Counts,
    *,
    seed: int = 0,
    progress: Callable[[int], None] = lambda done: None,
) -> Counter:
    """Write a synthetic data set; the number of rows written per model.

    Refuses when one is already there: remove it first (`remove_synthetic`).
    """
    if any(synthetic(model).exists() for model in SLUGGED):
        raise SyntheticDataError(
            "A synthetic data set is already loaded; remove it first (--reset)."
        )
    return Generator(counts, seed=seed, progress=progress).run()
