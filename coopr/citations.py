"""Citations as the pages show them: one presenter (`citations_of`) and one template
(templates/coopr/citations.html, drawn by the `{% citations %}` tag in coopr's template
library) for every page.

A page shows a record's citations in one of three forms: the numbered list of sources at the
end of the page ("list"), a short list beside the fact they support ("beside", or
"numbered" across the page), or in brackets after a related row, such as a timeline step or
a value ("inline").
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db import models

from coopr.models import field_label


@dataclass
class Citations:
    """A record's citations, numbered in the order the page lists them.

    `all` holds every one; `by_field` those shown beside the field they support; `record`
    the rest (about the whole record, or about a field the page shows elsewhere). Every
    citation gets `number` and `field_label` (the field's name in the active language).
    """

    all: list = field(default_factory=list)
    by_field: dict[str, list] = field(default_factory=dict)
    record: list = field(default_factory=list)


def citations_of(obj: Any, placed: Iterable[str] | None = None) -> Citations:
    """`obj`'s citations (a record with a `citations` relation, prefetched with their
    sources), numbered, labelled and grouped.

    `placed`: the fields the page shows their citations beside; the others go with the
    whole record's. None: every field has a place (numbered references beside it).
    """
    shown = None if placed is None else set(placed)
    out = Citations()
    for number, citation in enumerate(obj.citations.all(), start=1):
        citation.number = number
        citation.field_label = field_label(type(obj), citation.field_name)
        out.all.append(citation)
        if citation.field_name and (shown is None or citation.field_name in shown):
            out.by_field.setdefault(citation.field_name, []).append(citation)
        else:
            out.record.append(citation)
    return out


FORMS = ("list", "beside", "numbered", "inline")


def drawn(citations, form: str, record: models.Model | None = None) -> list:
    """The citations one `{% citations %}` tag draws: a `Citations` (all of them) or any
    iterable of citations; labelled from `record`'s fields where the presenter did not."""
    if form not in FORMS:
        raise ValueError(f"{form!r}: a citations form is one of {FORMS}")
    rows = list(citations.all if isinstance(citations, Citations) else citations or ())
    if record is not None:
        for citation in rows:
            if not hasattr(citation, "field_label"):
                citation.field_label = field_label(type(record), citation.field_name)
    return rows
