"""Every constraint of the provenance models, enforced by the database and by validation."""

import pytest
from django.core.exceptions import ValidationError

from coopr.models import Source
from tests.coopr.factories import CitationFactory, SourceFactory
from tests.helpers import (
    WHOLE_RECORD,
    assert_database_rejects,
    assert_validation_rejects,
    case,
)
from tests.people.factories import OrganizationFactory

pytestmark = pytest.mark.django_db

CASES = [
    case(
        "source-published-on-precision",
        SourceFactory,
        {"published_on_precision": "week"},
        "published_on_precision",
        "source_published_on_precision_valid",
    ),
    case(
        "citation-without-quote-or-note",
        CitationFactory,
        {"quote": "", "note": ""},
        "quote",
        "citation_has_quote_or_note",
    ),
    case("source-slug", SourceFactory, lambda o: {"slug": o.slug}, "slug"),
    # A conditional unique constraint is reported for the whole record, not for `url`.
    case("source-url", SourceFactory, lambda o: {"url": o.url}, WHOLE_RECORD),
    case(
        "citation-twice",
        CitationFactory,
        lambda o: {
            "content_type": o.content_type,
            "object_id": o.object_id,
            "field_name": o.field_name,
            "source": o.source,
            "quote": o.quote,
        },
        WHOLE_RECORD,
    ),
]


@pytest.mark.parametrize(("factory", "bad", "field", "constraint"), CASES)
def test_database_rejects(factory, bad, field, constraint):
    assert_database_rejects(factory, bad, constraint)


@pytest.mark.parametrize(("factory", "bad", "field", "constraint"), CASES)
def test_validation_rejects(factory, bad, field, constraint):
    assert_validation_rejects(factory, bad, field)


def test_sources_without_url_may_be_many():
    SourceFactory(url="")
    second = SourceFactory(url="")
    second.full_clean()
    assert Source.objects.filter(url="").count() == 2


@pytest.mark.parametrize(
    "values",
    [
        pytest.param({"quote": "", "note": "Summary of the article."}, id="note-only"),
        pytest.param({"quote": "Exact words.", "note": ""}, id="quote-only"),
        pytest.param({"field_name": "name"}, id="cites-a-field"),
    ],
)
def test_valid_citations_pass_both_checks(values):
    CitationFactory(**values).full_clean()


def test_validation_rejects_citation_of_a_field_the_model_lacks():
    citation = CitationFactory.build(
        target=OrganizationFactory(), source=SourceFactory(), field_name="budget"
    )
    with pytest.raises(ValidationError) as exc:
        citation.full_clean()
    assert "field_name" in exc.value.message_dict
