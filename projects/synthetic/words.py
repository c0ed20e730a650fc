"""Words for the synthetic data set, in English, Russian and Japanese."""

from __future__ import annotations

from coopr.models import Source
from people.models import Organization
from projects.models import (
    Document,
    Meeting,
    Observation,
    Status,
)

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
