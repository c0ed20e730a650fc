"""Public list pages: filters, search, sort and pagination, and a CSV of the same rows.

A list page is a `ListPage` subclass that says which rows it shows (`get_base_queryset`, with
the select_related/prefetch_related its template needs, so the page runs a fixed number of
queries), which filters it offers (a django-filter `FilterSet`), which fields its search box
looks in, how it can be sorted, and which columns its CSV has. `?format=csv` returns every row
that matches the current filters, search and sort (not only the current page).

Bad filter values do not raise: the page says what is wrong (status 400) and lists nothing.
So does a page number past the first MAX_NUMBERED_ROWS rows (coopr.cache): the page says to
narrow the list or download it.
"""

from __future__ import annotations

from http import HTTPStatus

from django import forms
from django.db.models import Exists, OuterRef, QuerySet
from django.forms.models import ModelChoiceIterator
from django.http.response import HttpResponseBase
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.views.generic import ListView

from coopr import exports, text_search
from coopr.kept import MAX_NUMBERED_ROWS, KeptCountPaginator


class ListPage(ListView):
    paginate_by = 25
    # The row count is kept until the next change: counting every matching row grows with N.
    paginator_class = KeptCountPaginator
    filterset_class = None
    # Fields the search box (`?q=`) looks in; translated fields in every language.
    search_fields: tuple[str, ...] = ()
    # `?sort=` key -> (label, order_by fields). The first is the default.
    orderings: dict[str, tuple[str, tuple[str, ...]]] = {}
    # CSV columns: (header, function of a row).
    csv_columns: list[exports.Column] = []
    csv_filename = "export.csv"

    def get_base_queryset(self) -> QuerySet:
        raise NotImplementedError

    def get_queryset(self) -> QuerySet:
        queryset = self.get_base_queryset()
        self.filterset = None
        if self.filterset_class is not None:
            self.filterset = self.filterset_class(
                self.request.GET or None, queryset=queryset, request=self.request
            )
            if self.filterset.is_bound and not self.filterset.is_valid():
                queryset = queryset.none()
            else:
                queryset = self.filterset.qs
        self.query = self.request.GET.get("q", "").strip()[: text_search.MAX_QUERY_LENGTH]
        queryset = text_search.filter_text(queryset, self.query, self.search_fields)
        self.sort = self.request.GET.get("sort", "")
        if self.sort not in self.orderings:
            self.sort = next(iter(self.orderings), "")
        if self.sort:
            queryset = queryset.order_by(*self.orderings[self.sort][1])
        return queryset

    @property
    def invalid_filters(self) -> bool:
        return (
            self.filterset is not None and self.filterset.is_bound and not self.filterset.is_valid()
        )

    too_deep = False

    def paginate_queryset(self, queryset, page_size):
        """Django's, but a page starting past MAX_NUMBERED_ROWS rows lists nothing and says so
        (`too_deep`): skipping that many rows is work that grows with the list."""
        paginator = self.get_paginator(queryset, page_size, allow_empty_first_page=True)
        number = self.request.GET.get(self.page_kwarg) or 1
        if number == "last":
            number = paginator.num_pages
        try:
            first_row = (int(number) - 1) * page_size
        except (TypeError, ValueError):
            first_row = 0  # not a number: Django's paginator answers it (404)
        if first_row >= MAX_NUMBERED_ROWS:
            self.too_deep = True
            return paginator, None, [], False
        return super().paginate_queryset(queryset, page_size)

    def get(self, request, *args, **kwargs) -> HttpResponseBase:  # type: ignore[override]
        if request.GET.get("format") == "csv":
            rows = self.get_queryset()
            return exports.csv_response(rows, self.get_csv_columns(), self.csv_filename)
        response = super().get(request, *args, **kwargs)
        if self.invalid_filters or self.too_deep:
            response.status_code = HTTPStatus.BAD_REQUEST
        return response

    def get_csv_columns(self) -> list[exports.Column]:
        return self.csv_columns

    def get_context_data(self, **kwargs):
        if self.filterset is not None:
            quick_selects(self.filterset.form)
        context = super().get_context_data(
            filter_form=self.filterset.form if self.filterset is not None else None,
            query=self.query,
            sort=self.sort,
            sort_choices=[(key, label) for key, (label, _fields) in self.orderings.items()],
            max_numbered_rows=MAX_NUMBERED_ROWS,
            deepest_page=MAX_NUMBERED_ROWS // self.paginate_by,
            **kwargs,
        )
        context["too_deep"] = self.too_deep  # found while paginating, in the call above
        return context


class QuickSelect(forms.Select):
    """A select drawn in Python, with the markup of Django's own. Django draws a select
    through a template per option: on a list page's filters (a hundred plan items, the
    years, the countries) that cost more than the rows listed."""

    def render(self, name, value, attrs=None, renderer=None):
        wanted = self.format_value(value)
        chosen = False  # the first option with the value is selected, as in Django's
        options = []
        for option_value, label in self.choices:
            if isinstance(label, (list, tuple)):  # groups of options: Django draws those
                return super().render(name, value, attrs, renderer)
            text = "" if option_value is None else str(option_value)
            selected = not chosen and text in wanted
            chosen = chosen or selected
            options.append(
                format_html(
                    '\n  <option value="{}"{}>{}</option>',
                    text,
                    mark_safe(" selected") if selected else "",
                    label,
                )
            )
        # The attributes in their order, True ones bare and False ones left out (as Django's
        # attrs.html has them; `flatatt` would sort them).
        drawn = format_html_join(
            "",
            "{}",
            (
                (format_html(" {}", key) if value is True else format_html(' {}="{}"', key, value),)
                for key, value in self.build_attrs(self.attrs, attrs).items()
                if value is not False and value is not None
            ),
        )
        return format_html(
            '<select name="{}"{}>{}\n</select>',
            name,
            drawn,
            mark_safe("".join(options)),  # each option escaped above
        )


def quick_selects(form) -> None:
    """Draw the form's plain selects with `QuickSelect` (the same choices and attributes)."""
    for field in form.fields.values():
        if type(field.widget) is forms.Select:
            widget = QuickSelect(attrs=field.widget.attrs)
            widget.choices = field.widget.choices
            field.widget = widget


CHOICES_LIMIT = 300


def having(model, relation: str) -> QuerySet:
    """The rows of `model` with at least one `relation` (a reverse foreign key or a
    many-to-many), as a semi-join (EXISTS, through the relation's index on its key): what a
    filter offers. `filter(relation__isnull=False).distinct()` reads every link instead."""
    rel = model._meta.get_field(relation)
    if rel.many_to_many:
        field = rel if rel.concrete else rel.field
        through = field.remote_field.through
        key = field.m2m_field_name() if rel.concrete else field.m2m_reverse_field_name()
        links = through.objects.filter(**{key: OuterRef("pk")})
    else:
        links = rel.related_model._default_manager.filter(**{rel.field.name: OuterRef("pk")})
    return model._default_manager.filter(Exists(links))


class ListedChoices(ModelChoiceIterator):
    """A model choice field's options from rows already read (`field.listed`), not a query."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        for obj in self.field.listed:
            yield self.choice(obj)

    def __len__(self):
        return len(self.field.listed) + (self.field.empty_label is not None)


def bound_choices(filterset, *names: str) -> None:
    """Filters choosing one record of a kind that can run to thousands (people,
    organizations): up to CHOICES_LIMIT they are a select; beyond, a select would weigh
    megabytes and help nobody, so the filter takes the record's slug in a text box (links to
    the filtered list carry it). One query per filter either way: the options are read once,
    at most CHOICES_LIMIT + 1 of them, and the select is drawn from those rows."""
    for name in names:
        chooser = filterset.filters[name]
        options = list(chooser.queryset[: CHOICES_LIMIT + 1])
        if len(options) > CHOICES_LIMIT:
            chooser.extra["widget"] = forms.TextInput(attrs={"spellcheck": "false"})
            continue
        field = chooser.field
        field.listed = options
        field.iterator = ListedChoices
        field.widget.choices = field.choices
