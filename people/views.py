from django.views.generic import DetailView

from coopr.listing import ListPage
from people.models import Organization, Person


class PersonDetailView(DetailView):
    queryset = Person.objects.prefetch_related("positions__organization", "citations__source")
    template_name = "people/person_detail.html"
    context_object_name = "person"


class OrganizationDetailView(DetailView):
    queryset = Organization.objects.select_related("parent").prefetch_related(
        "children", "citations__source"
    )
    template_name = "people/organization_detail.html"
    context_object_name = "organization"


class PersonListView(ListPage):
    """Placeholder until the people list is built."""

    template_name = "coopr/placeholder_list.html"

    def get_base_queryset(self):
        return Person.objects.order_by("pk")


class OrganizationListView(ListPage):
    """Placeholder until the organizations list is built."""

    template_name = "coopr/placeholder_list.html"

    def get_base_queryset(self):
        return Organization.objects.order_by("pk")
