"""The interface catalogues (ru, ja): complete, faithful to the source, and compiled.

Pure Python (polib and the standard library's gettext): no gettext tools are needed, so this
runs on a fresh machine. After changing a translatable string: run makemessages, translate the
new entries, run compilemessages and commit the .po and .mo files together (locale/README.md).
"""

from __future__ import annotations

import ast
import functools
import gettext
import os
import re
import struct
from collections import Counter
from http import HTTPStatus
from pathlib import Path

import polib
import pytest
from django.apps import apps
from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.text import capfirst
from django.utils.translation.template import templatize
from django_countries.fields import CountryField
from simple_history.models import HistoricalChanges

from projects.models import Project

LANGUAGES = ("ru", "ja")
LOCALE_DIR = Path(settings.LOCALE_PATHS[0])
BASE_DIR = Path(settings.BASE_DIR)

# What a translation must be written in: Cyrillic for Russian, kana or kanji for Japanese.
SCRIPT = {
    "ru": re.compile("[А-Яа-яЁё]"),
    "ja": re.compile("[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff]"),
}
NPLURALS = {"ru": {3, 4}, "ja": {1}}  # Django's own ru catalogue has 4 forms, GNU's 3

OUR_APPS = ("coopr", "people", "projects")
# simple_history names its models "historical <name>" in English, whatever the language.
MODELS = [
    model
    for app in OUR_APPS
    for model in apps.get_app_config(app).get_models()
    if not issubclass(model, HistoricalChanges)
]


@functools.cache
def catalogue(lang: str) -> polib.POFile:
    return polib.pofile(str(LOCALE_DIR / lang / "LC_MESSAGES" / "django.po"))


def entries(lang: str) -> list[polib.POEntry]:
    return [entry for entry in catalogue(lang) if not entry.obsolete]


def translations(entry: polib.POEntry) -> list[str]:
    if entry.msgid_plural:
        return [entry.msgstr_plural[i] for i in sorted(entry.msgstr_plural)]
    return [entry.msgstr]


def nplurals(lang: str) -> int:
    match = re.search(r"nplurals\s*=\s*(\d+)", catalogue(lang).metadata.get("Plural-Forms", ""))
    assert match, f"{lang}: no Plural-Forms header"
    return int(match.group(1))


# --- The header ------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGUAGES)
def test_header(lang):
    po = catalogue(lang)
    assert not po.metadata_is_fuzzy
    assert po.metadata["Language"] == lang
    assert po.metadata["Content-Type"] == "text/plain; charset=UTF-8"
    assert nplurals(lang) in NPLURALS[lang]


# --- (a) Every entry is translated, and none is fuzzy ----------------------------------------


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_entry_is_translated(lang):
    assert len(entries(lang)) > 100
    untranslated = [e.msgid for e in entries(lang) if not all(translations(e))]
    fuzzy = [e.msgid for e in entries(lang) if "fuzzy" in e.flags]
    wrong_plural_count = [
        e.msgid for e in entries(lang) if e.msgid_plural and len(e.msgstr_plural) != nplurals(lang)
    ]
    assert untranslated == []
    assert fuzzy == []
    assert wrong_plural_count == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_translations_are_in_the_language(lang):
    """No entry was left in English: each translation has a word in the language's script."""
    # Japanese keeps a few borrowings as they are, written in Latin letters.
    kept_as_is = {"ja": {"URL"}}.get(lang, set())
    english = [
        e.msgid
        for e in entries(lang)
        if e.msgid not in kept_as_is and not all(SCRIPT[lang].search(t) for t in translations(e))
    ]
    assert english == []


# --- (b) Placeholders and markup are kept ----------------------------------------------------

PERCENT = re.compile(r"%(?:\((?P<name>[^)]*)\))?[#0 +-]*(?:\*|\d+)?(?:\.\d+)?[diouxXeEfFgGcrsa%]")
BRACE = re.compile(r"(?<!\{)\{[^{}]*\}(?!\})")
HTML_TAG = re.compile(
    r"</?(?:a|abbr|b|br|code|em|i|kbd|p|q|small|span|strong|sub|sup|time)\b[^<>]*>", re.I
)


def placeholders(text: str) -> tuple[frozenset[str], int, frozenset[str], Counter[str]]:
    """Named %(x)s, the number of positional %s, the {x} fields, and the HTML tags of a text."""
    named, positional = set(), 0
    for match in PERCENT.finditer(text):
        if match.group(0) == "%%":
            continue
        if match.group("name") is not None:
            named.add(match.group(0))
        else:
            positional += 1
    return (
        frozenset(named),
        positional,
        frozenset(BRACE.findall(text)),
        Counter(HTML_TAG.findall(text)),
    )


def test_placeholders_are_found():
    """The helper itself: what it finds and what it leaves (a bare % in "progress (%)")."""
    named, positional, braces, tags = placeholders(
        "%(who)s at %s, {when}: 100%% <a href='#'>x</a> (%)"
    )
    assert named == {"%(who)s"}
    assert positional == 1
    assert braces == {"{when}"}
    assert tags == Counter({"<a href='#'>": 1, "</a>": 1})


@pytest.mark.parametrize("lang", LANGUAGES)
def test_placeholders_are_kept(lang):
    wrong = []
    for entry in entries(lang):
        expected = placeholders(entry.msgid_plural or entry.msgid)
        wrong += [(entry.msgid, t) for t in translations(entry) if placeholders(t) != expected]
    assert wrong == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_python_format_entries_format(lang):
    """Each translation flagged python-format takes the same arguments as its English."""
    failures = []
    for entry in entries(lang):
        if "python-format" not in entry.flags:
            continue
        named, positional, _braces, _tags = placeholders(entry.msgid_plural or entry.msgid)
        args = {name[2:-2]: 1 for name in named} if named else (1,) * positional
        for text in translations(entry):
            try:
                text % args
            except (TypeError, ValueError, KeyError) as error:
                failures.append((entry.msgid, text, str(error)))
    assert failures == []


# --- (c) The committed .mo is up to date --------------------------------------------------------

MISSING = "\0 missing from the .mo \0"


class _Missing(gettext.NullTranslations):
    """A fallback that marks what the .mo lacks (a .mo returns the msgid for those)."""

    def gettext(self, message):
        return MISSING

    def ngettext(self, msgid1, msgid2, n):
        return MISSING

    def pgettext(self, context, message):
        return MISSING

    def npgettext(self, context, msgid1, msgid2, n):
        return MISSING


def compiled(lang: str) -> gettext.GNUTranslations:
    with open(LOCALE_DIR / lang / "LC_MESSAGES" / "django.mo", "rb") as mo:
        catalogue_mo = gettext.GNUTranslations(mo)
    catalogue_mo.add_fallback(_Missing())
    return catalogue_mo


def read_from_mo(mo: gettext.GNUTranslations, entry: polib.POEntry) -> list[str]:
    """What the .mo gives for an entry: its translation, or each plural form it can reach."""
    if not entry.msgid_plural:
        if entry.msgctxt is not None:
            return [mo.pgettext(entry.msgctxt, entry.msgid)]
        return [mo.gettext(entry.msgid)]
    forms = []
    for index in sorted(entry.msgstr_plural):
        # Django's four-form Russian rule keeps its last form for fractions: no count reaches it.
        n = next((n for n in range(1000) if mo.plural(n) == index), None)
        if n is None:
            forms.append(entry.msgstr_plural[index])
        elif entry.msgctxt is not None:
            forms.append(mo.npgettext(entry.msgctxt, entry.msgid, entry.msgid_plural, n))
        else:
            forms.append(mo.ngettext(entry.msgid, entry.msgid_plural, n))
    return forms


def mo_string_count(lang: str) -> int:
    """The number of strings in the .mo, from its header (the .mo format, not gettext's API)."""
    data = (LOCALE_DIR / lang / "LC_MESSAGES" / "django.mo").read_bytes()
    order = "<" if data[:4] == struct.pack("<I", 0x950412DE) else ">"
    _magic, _revision, count = struct.unpack(f"{order}3I", data[:12])
    return count


@pytest.mark.parametrize("lang", LANGUAGES)
def test_mo_is_compiled_from_the_po(lang):
    mo = compiled(lang)
    stale = [
        (e.msgid, translations(e), read_from_mo(mo, e))
        for e in entries(lang)
        if read_from_mo(mo, e) != translations(e)
    ]
    assert stale == [], "run: python manage.py compilemessages"
    # Nothing more in the .mo than the .po's entries and its header.
    assert mo_string_count(lang) == len(entries(lang)) + 1
    assert mo.info()["plural-forms"] == catalogue(lang).metadata["Plural-Forms"]


@pytest.mark.parametrize("lang", LANGUAGES)
def test_django_uses_the_catalogue(lang):
    """The project's catalogue wins over Django's own (e.g. for "Go") in the running site."""
    with translation.override(lang):
        wrong = [
            e.msgid
            for e in entries(lang)
            if not e.msgid_plural and e.msgctxt is None and translation.gettext(e.msgid) != e.msgstr
        ]
    assert wrong == []


# --- (d) The catalogue covers the source ----------------------------------------------------------


def in_language(lang: str, text) -> bool:
    with translation.override("en"):
        english = str(text)
    with translation.override(lang):
        translated = str(text)
    return translated != english and bool(SCRIPT[lang].search(translated))


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("app", OUR_APPS)
def test_app_names_are_translated(lang, app):
    assert in_language(lang, apps.get_app_config(app).verbose_name)


@pytest.mark.parametrize("lang", LANGUAGES)
@pytest.mark.parametrize("model", MODELS, ids=lambda m: m._meta.label)
def test_model_names_and_choices_are_translated(lang, model):
    opts = model._meta
    assert in_language(lang, opts.verbose_name)
    assert in_language(lang, opts.verbose_name_plural)
    for field in opts.concrete_fields:
        # Country names come from django-countries' own catalogues.
        if field.choices and not isinstance(field, CountryField):
            untranslated = [
                label for _value, label in field.flatchoices if not in_language(lang, label)
            ]
            assert untranslated == [], f"{opts.label}.{field.name}"


# Extraction as makemessages does it (xgettext's Python keywords and Django's), in pure Python.
SINGULAR = {"gettext", "gettext_lazy", "gettext_noop", "_"}
PLURAL = {"ngettext", "ngettext_lazy"}
CONTEXT = {"pgettext", "pgettext_lazy"}
CONTEXT_PLURAL = {"npgettext", "npgettext_lazy"}
KEYWORDS = SINGULAR | PLURAL | CONTEXT | CONTEXT_PLURAL
# What makemessages was told to skip (see locale/README.md), and what it always skips.
SKIPPED_DIRS = {".venv", "tests", "staticfiles"}

Key = tuple[str | None, str, str | None]  # (msgctxt, msgid, msgid_plural)


def message_key(function: str, args: list[str]) -> Key | None:
    if function in SINGULAR and len(args) >= 1:
        return (None, args[0], None)
    if function in PLURAL and len(args) >= 2:
        return (None, args[0], args[1])
    if function in CONTEXT and len(args) >= 2:
        return (args[0], args[1], None)
    if function in CONTEXT_PLURAL and len(args) >= 3:
        return (args[0], args[1], args[2])
    return None


def translation_calls(source: str):
    """Each call of a translation function: (call, function name, whether inside an f-string)."""
    tree = ast.parse(source)
    in_f_strings = {
        id(node)
        for joined in ast.walk(tree)
        if isinstance(joined, ast.JoinedStr)
        for node in ast.walk(joined)
    }
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            func = node.func
            name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", None)
            if name in KEYWORDS:
                yield node, name, id(node) in in_f_strings


def python_messages(source: str) -> set[Key]:
    found = set()
    for node, name, in_f_string in translation_calls(source):
        if in_f_string:  # xgettext does not look inside f-strings
            continue
        args = []
        for arg in node.args:
            if not (isinstance(arg, ast.Constant) and isinstance(arg.value, str)):
                break
            args.append(arg.value)
        key = message_key(name, args)
        if key is not None:
            found.add(key)
    return found


STRING = r"""[uU]?(?:'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*")"""
TEMPLATE_CALL = re.compile(rf"\b({'|'.join(sorted(KEYWORDS))})\(\s*({STRING}(?:\s*,\s*{STRING})*)")


def template_messages(source: str, origin: str) -> set[Key]:
    """Messages of a template: templatize() writes them as gettext() calls, as for xgettext."""
    found = set()
    for match in TEMPLATE_CALL.finditer(templatize(source, origin=origin)):
        args = list(ast.literal_eval(f"({match.group(2)},)"))
        key = message_key(match.group(1), args)
        if key is not None:
            found.add(key)
    return found


def source_files(*suffixes: str):
    """The files makemessages reads, with the same directories skipped."""
    for root, dirs, files in os.walk(BASE_DIR):
        dirs[:] = [d for d in dirs if d not in SKIPPED_DIRS and not d.startswith(".")]
        for name in sorted(files):
            if name.endswith(suffixes):
                yield Path(root) / name


def source_messages() -> set[Key]:
    found: set[Key] = set()
    for path in source_files(".py", ".html", ".txt"):
        text = path.read_text(encoding="utf-8")
        if path.suffix == ".py":
            found |= python_messages(text)
        else:
            found |= template_messages(text, str(path.relative_to(BASE_DIR)))
    return found


@functools.cache
def cached_source_messages() -> frozenset[Key]:
    return frozenset(source_messages())


@pytest.mark.parametrize("lang", LANGUAGES)
def test_catalogue_covers_the_source(lang):
    """Every string marked for translation is in the catalogue, and nothing else is."""
    in_source = cached_source_messages()
    in_catalogue = {(e.msgctxt, e.msgid, e.msgid_plural or None) for e in entries(lang)}
    assert sorted(in_source - in_catalogue, key=str) == [], "run makemessages (locale/README.md)"
    assert sorted(in_catalogue - in_source, key=str) == [], "run makemessages --no-obsolete"


def first_argument(call: ast.Call) -> str:
    first = call.args[0] if call.args else None
    return first.value if isinstance(first, ast.Constant) else ""


def test_no_translation_inside_f_strings():
    """makemessages does not read a gettext call inside an f-string: it would stay English."""
    found = {
        (str(path.relative_to(BASE_DIR)), first_argument(node))
        for path in source_files(".py")
        for node, _name, in_f_string in translation_calls(path.read_text(encoding="utf-8"))
        if in_f_string
    }
    assert sorted(found) == [], "move the call out of the f-string"


def test_extraction_finds_what_makemessages_finds():
    """The extractor itself, on the kinds of call makemessages reads."""
    python = python_messages(
        "from django.utils import translation\n"
        '_("a" " b")\n'
        'translation.pgettext("month", "May")\n'
        'ngettext_lazy("%(n)s item", "%(n)s items", n)\n'
        "gettext(name)\n"
        "f\"{_('inside an f-string: skipped, as xgettext does')}\"\n"
    )
    assert python == {
        (None, "a b", None),
        ("month", "May", None),
        (None, "%(n)s item", "%(n)s items"),
    }
    template = template_messages(
        '{% load i18n %}{% translate "Go" %}{% translate "May" context "month" %}'
        '{{ x|default:_("none") }}'
        "{% blocktranslate count n=items|length %}{{ n }} item{% plural %}{{ n }} items"
        "{% endblocktranslate %}"
        "{% blocktranslate with date=d %}from {{ date }}{% endblocktranslate %}",
        "example.html",
    )
    assert template == {
        (None, "Go", None),
        ("month", "May", None),
        (None, "none", None),
        (None, "%(n)s item", "%(n)s items"),
        (None, "from %(date)s", None),
    }


# --- (e) End to end: the admin in Russian and in Japanese ---------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("lang", LANGUAGES)
def test_admin_index_speaks_the_chosen_language(client, superuser, lang):
    client.force_login(superuser)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = lang
    response = client.get("/admin/")
    assert response.status_code == HTTPStatus.OK
    html = response.content.decode()
    with translation.override(lang):
        projects = capfirst(str(Project._meta.verbose_name_plural))
        changelist = reverse("admin:projects_project_changelist")
    assert projects != "Projects"
    assert f'<html lang="{lang}"' in html
    link = re.search(rf'<a href="{re.escape(changelist)}"[^>]*>([^<]*)</a>', html)
    assert link is not None
    assert link.group(1) == projects
