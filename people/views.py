from django.views.generic import DetailView

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
