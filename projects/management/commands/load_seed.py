"""Load a data set (YAML) through the write services: idempotent, cited, in one transaction.

The file maps record kinds (see `kinds`: each record type's `seed` declaration) to lists of
records, in dependency order. A record names its fields; references are slugs (plan items:
"<plan slug>/<number>"; positions: the `key` their person's entry gives them). Nested lists
(a person's positions, a meeting's participants, …) are child kinds whose parent link is
filled in. Every record may carry `citations:` (source slug, optional `field`, `quote`
and/or `note`, `locator`).

Only the fields a record names are written, so edits made elsewhere to other fields survive.
A translated field is written in every language: give `{en: …, ru: …, ja: …}` or a plain
string (English only; the other languages are cleared). A partial date is written with its
precision (default day) and must already be the first day of its month or year. Every cited
source has the text that was read kept beside the data file (`<source slug>.txt`), and every
quote must occur in it word for word, whitespace aside (a quote may join lines the page breaks).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from django.core.management.base import BaseCommand, CommandError
from django.db import models, transaction
from django.utils import translation
from modeltranslation.settings import AVAILABLE_LANGUAGES

from coopr.dates import normalise
from coopr.models import Citation
from coopr.registry import seeded
from coopr.services import citation_add, m2m_set, record_upsert
from coopr.translated import translated_fields

REASON = "load_seed"
SEED_DIR = Path(__file__).resolve().parents[2] / "seed"
DEFAULT_FILE = SEED_DIR / "japan_russia.yaml"
# libyaml's parser when PyYAML has it: the data set parses in a tenth of the time.
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass
class Kind:
    model: type[models.Model]
    lookup: tuple[str, ...] = ("slug",)  # fields that find the existing row
    refs: dict[str, str] = field(default_factory=dict)  # field -> kind it references
    children: dict[str, tuple[str, str]] = field(default_factory=dict)  # key -> (kind, parent)
    key: Callable[[models.Model, dict], str | None] | None = None  # how others refer to it


def kinds() -> dict[str, Kind]:
    """The seed file's sections, in the order they load: every record type that declares
    one (`seed=` in its app's records.py; see coopr/registry.py)."""
    out = {}
    for record_type in seeded():
        seed = record_type.seed
        assert seed is not None
        out[seed.key] = Kind(record_type.model, seed.lookup, seed.refs, seed.children, seed.ref_key)
    return out


KINDS = kinds()


def collapse_whitespace(text: str) -> str:
    return " ".join(text.split())


def stored_text(slug: str, directory: Path = SEED_DIR) -> str:
    """The text read of source `slug`, kept beside the data set (in `directory`) as
    `<slug>.txt`."""
    path = directory / f"{slug}.txt"
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        raise CommandError(f"No stored text for source “{slug}” ({path.name}).") from None


class Command(BaseCommand):
    help = "Load a YAML data set (default: projects/seed/japan_russia.yaml), idempotently."

    def add_arguments(self, parser):
        parser.add_argument("path", nargs="?", default=str(DEFAULT_FILE))

    def handle(self, *args, path: str, **options):
        try:
            data = yaml.load(Path(path).read_text(encoding="utf-8"), Loader=SAFE_LOADER)
        except (OSError, yaml.YAMLError) as error:
            raise CommandError(f"Cannot read {path}: {error}") from error
        self.index: dict[str, dict[str, models.Model]] = {name: {} for name in KINDS}
        self.pending_m2m: list[tuple[Kind, models.Model, dict]] = []
        self.written: set[tuple[type, int]] = set()
        self.loaded: set[tuple[type, int]] = set()
        self.seen: set[tuple] = set()
        self.texts: dict[str, str] = {}
        self.texts_dir = Path(path).resolve().parent  # the stored texts sit beside the file
        all_models = [kind.model for kind in KINDS.values()] + [Citation]
        with transaction.atomic(), translation.override("en"):
            before = {model: model._default_manager.count() for model in all_models}
            for name, rows in data.items():
                if name not in KINDS:
                    raise CommandError(f"Unknown record kind “{name}”.")
                self.load(name, rows)
            for kind, obj, m2m in self.pending_m2m:
                for name, slugs in m2m.items():
                    targets = [self.resolve(kind.refs[name], slug) for slug in slugs]
                    if m2m_set(obj=obj, name=name, targets=targets):
                        self.track(obj, True)
            self.report(all_models, before)

    def load(self, kind_name: str, rows: list[dict], parent: tuple[str, Any] | None = None):
        kind = KINDS[kind_name]
        model = kind.model
        translated = set(translated_fields(model))
        for row in rows:
            data = dict(row)
            citations = data.pop("citations", [])
            children = {name: data.pop(name) for name in kind.children if name in data}
            values, m2m = {}, {}
            for name, value in data.items():
                if name == "key":
                    continue
                if name in translated:
                    given = value if isinstance(value, dict) else {"en": value}
                    if set(given) - set(AVAILABLE_LANGUAGES):
                        raise CommandError(f"{kind_name} {row}: unknown language in {name}.")
                    for lang in AVAILABLE_LANGUAGES:
                        values[f"{name}_{lang}"] = given.get(lang) or None
                    continue
                model_field = model._meta.get_field(name)
                if model_field.many_to_many:
                    m2m[name] = value
                elif name in kind.refs:
                    values[name] = None if value is None else self.resolve(kind.refs[name], value)
                else:
                    values[name] = model_field.to_python(value)
            if parent:
                values[parent[0]] = parent[1]
            for name in getattr(model, "partial_dates", ()):
                if name in values:
                    precision = values.setdefault(f"{name}_precision", "day")
                    if values[name] != normalise(values[name], precision):
                        raise CommandError(
                            f"{kind_name} {row}: {name} must be the first day of its {precision}."
                        )
            lookup = {
                name: values.pop(name, model._meta.get_field(name).get_default())
                for name in kind.lookup
            }
            self.check_unique(model, *(getattr(v, "pk", v) for v in lookup.values()))
            obj, written = record_upsert(model=model, lookup=lookup, values=values, reason=REASON)
            self.track(obj, written)
            if kind.key and kind.key(obj, data):
                self.index[kind_name][kind.key(obj, data)] = obj
            if m2m:
                self.pending_m2m.append((kind, obj, m2m))
            for citation in citations:
                self.cite(obj, citation)
            for name, child_rows in children.items():
                child_kind, parent_field = kind.children[name]
                self.load(child_kind, child_rows, parent=(parent_field, obj))

    def resolve(self, kind_name: str, ref: str) -> models.Model:
        try:
            return self.index[kind_name][ref]
        except KeyError:
            raise CommandError(f"Unknown {kind_name} “{ref}” (define it earlier).") from None

    def check_unique(self, model: type[models.Model], *lookup: Any) -> None:
        """Two records of the file with the same lookup would overwrite each other."""
        if (model, *lookup) in self.seen:
            raise CommandError(f"Duplicate {model._meta.verbose_name}: {lookup}")
        self.seen.add((model, *lookup))

    def track(self, obj: models.Model, written: bool) -> None:
        self.loaded.add((type(obj), obj.pk))
        if written:
            self.written.add((type(obj), obj.pk))

    def cite(self, obj: models.Model, citation: dict) -> None:
        unknown = set(citation) - {"source", "field", "quote", "note", "locator"}
        if unknown:
            raise CommandError(f"Unknown citation keys {unknown} on {obj!r}.")
        source = self.resolve("sources", citation["source"])
        quote = citation.get("quote", "")
        if quote and collapse_whitespace(quote) not in self.source_text(source.slug):
            raise CommandError(f"Not in {source.slug}.txt: “{quote}”")
        self.check_unique(Citation, type(obj), obj.pk, citation.get("field", ""), source.pk, quote)
        row, written = citation_add(
            target=obj,
            source=source,
            quote=quote,
            field_name=citation.get("field", ""),
            note=citation.get("note", ""),
            locator=citation.get("locator", ""),
            reason=REASON,
        )
        self.track(row, written)

    def source_text(self, slug: str) -> str:
        """The stored text of a cited source, whitespace collapsed; a source without one is
        refused (its quotes could not be checked)."""
        if slug not in self.texts:
            self.texts[slug] = collapse_whitespace(stored_text(slug, self.texts_dir))
        return self.texts[slug]

    def report(self, all_models: list[type[models.Model]], before: dict) -> None:
        totals = Counter()
        for model in all_models:
            created = model._default_manager.count() - before[model]
            updated = sum(1 for row_model, _ in self.written if row_model is model) - created
            loaded = sum(1 for row_model, _ in self.loaded if row_model is model)
            line = {"created": created, "updated": updated, "unchanged": loaded - created - updated}
            totals.update(line)
            self.stdout.write(
                f"{model._meta.verbose_name_plural}: "
                + ", ".join(f"{n} {label}" for label, n in line.items())
            )
        self.stdout.write(
            self.style.SUCCESS("Total: " + ", ".join(f"{n} {k}" for k, n in totals.items()))
        )
