"""The people lists. The page of a person and of an organization is routed by projects, which
extends people's views with what its records say of them (people knows nothing of those)."""

from django.urls import path

from people import views

urlpatterns = [
    path("people/", views.PersonListView.as_view(), name="person-list"),
    path("organizations/", views.OrganizationListView.as_view(), name="organization-list"),
]
