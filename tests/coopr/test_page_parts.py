"""One home per page part: citations (one presenter, coopr/citations.py, and one template,
templates/coopr/citations.html) and list pages (one base template, templates/coopr/list.html)."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.conf import settings
from django.template import Context, Template

from coopr.citations import citations_of
from tests.coopr.factories import CitationFactory
from tests.projects.factories import MeetingFactory

pytestmark = pytest.mark.django_db

TEMPLATES = Path(settings.BASE_DIR) / "templates"


def test_the_presenter_numbers_labels_and_groups_by_the_fields_a_page_places():
    meeting = MeetingFactory()
    whole = CitationFactory(target=meeting, field_name="", quote="whole")
    outcome = CitationFactory(target=meeting, field_name="outcomes", quote="outcome")
    place = CitationFactory(target=meeting, field_name="title", quote="place")

    every_field = citations_of(meeting)
    assert [c.quote for c in every_field.all] == ["whole", "outcome", "place"]
    assert [c.number for c in every_field.all] == [1, 2, 3]
    assert [c.field_label for c in every_field.all] == ["", "Outcomes", "Title"]
    assert every_field.by_field == {"outcomes": [every_field.all[1]], "title": [every_field.all[2]]}
    assert every_field.record == [every_field.all[0]]

    placed = citations_of(meeting, {"outcomes"})
    assert {k: [c.pk for c in v] for k, v in placed.by_field.items()} == {"outcomes": [outcome.pk]}
    assert [c.pk for c in placed.record] == [whole.pk, place.pk]


def render(form: str, **extra) -> str:
    meeting = MeetingFactory()
    CitationFactory(target=meeting, field_name="outcomes", quote="They agreed", locator="p. 2")
    template = Template(
        "{% load coopr %}{% citations cites " + repr(form) + " labelled=labelled %}"
    )
    return template.render(Context({"cites": citations_of(meeting), "labelled": False, **extra}))


def test_each_form_draws_the_words_and_links_to_the_source():
    listed, beside, numbered, inline = (render(f) for f in ("list", "beside", "numbered", "inline"))
    assert '<section class="citations" aria-labelledby="sources-heading">' in listed
    assert (
        '<li id="cite-1"><span class="field">Outcomes:</span> <q>They agreed</q> (p. 2)' in listed
    )
    assert '<ul class="fact-sources" aria-label="Sources">' in beside
    assert "Outcomes:" not in beside and "<q>They agreed</q> (p. 2)" in beside
    assert "Outcomes:" in render("beside", labelled=True)
    assert '<li id="cite-1" value="1">' in numbered
    assert inline.startswith('<span class="inline-cites">(<q>They agreed</q> — <a href="/')
    for html in (listed, beside, numbered, inline):
        assert 'href="/en/sources/' in html or 'href="/sources/' in html


def test_an_unknown_form_is_refused():
    with pytest.raises(ValueError, match="a citations form is one of"):
        render("footnotes")


def test_no_other_template_draws_a_citation_with_its_source():
    """Every page goes through the one template (the source's own page lists the facts it
    supports, with no link back to itself, and is the one other place quotes appear)."""
    drawing = {
        str(path.relative_to(TEMPLATES))
        for path in TEMPLATES.rglob("*.html")
        if "c.source.get_absolute_url" in path.read_text()
        or "<q>{{ c.quote }}</q>" in path.read_text()
    }
    assert drawing == {"coopr/citations.html"}


def test_every_list_page_extends_the_one_list_template():
    """One base for list pages (templates/coopr/list.html): heading, controls, rows, empty
    message and pages are drawn in one place."""
    lists = sorted(TEMPLATES.rglob("*_list.html"))
    assert len(lists) >= 8
    for path in lists:
        assert path.read_text().startswith('{% extends "coopr/list.html" %}'), path
        assert "coopr/pagination.html" not in path.read_text(), path


@pytest.mark.parametrize("value", [None, "", "b", "c&d"])
def test_a_quick_select_draws_what_djangos_select_draws(value):
    """`QuickSelect` (the list pages' filters) gives the markup of Django's `Select`, blank
    lines aside: the same attributes, the first option with the value selected, labels
    escaped."""
    from django import forms

    from coopr.listing import QuickSelect

    choices = [("", "Any"), ("b", "<b>bold</b>"), ("c&d", "C & D"), ("b", "again")]
    attrs = {"id": "id_x", "aria-describedby": "x-errors", "disabled": True}
    django_markup = forms.Select(choices=choices).render("x", value, attrs)
    quick = QuickSelect(choices=choices).render("x", value, attrs)
    assert quick == "\n".join(line for line in django_markup.splitlines() if line.strip())
