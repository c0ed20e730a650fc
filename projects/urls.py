from django.urls import path

from projects import feeds
from projects.views import bodies, documents, indicators, meetings, people, plans

urlpatterns = [
    # The pages of a person and of an organization: people's, with what projects says of them.
    path("people/<slug:slug>/", people.PersonDetailView.as_view(), name="person-detail"),
    path(
        "organizations/<slug:slug>/",
        people.OrganizationDetailView.as_view(),
        name="organization-detail",
    ),
    path("plans/", plans.PlanListView.as_view(), name="plan-list"),
    path("plans/<slug:slug>/", plans.PlanDetailView.as_view(), name="plan-detail"),
    path(
        "plans/<slug:plan_slug>/items/<int:number>/",
        plans.PlanItemDetailView.as_view(),
        name="plan-item-detail",
    ),
    path("projects/", plans.ProjectListView.as_view(), name="project-list"),
    path("projects/<slug:slug>/", plans.ProjectDetailView.as_view(), name="project-detail"),
    path("meetings/", meetings.MeetingListView.as_view(), name="meeting-list"),
    path("meetings.ics", feeds.meeting_calendar, name="meeting-calendar"),
    path("meetings/<slug:slug>/", meetings.MeetingDetailView.as_view(), name="meeting-detail"),
    path("bodies/", bodies.JointBodyListView.as_view(), name="body-list"),
    path("bodies/<slug:slug>/", bodies.JointBodyDetailView.as_view(), name="body-detail"),
    path("themes/", bodies.ThemeListView.as_view(), name="theme-list"),
    path("themes/<slug:slug>/", bodies.ThemeDetailView.as_view(), name="theme-detail"),
    path("documents/", documents.DocumentListView.as_view(), name="document-list"),
    path("documents/<slug:slug>/", documents.DocumentDetailView.as_view(), name="document-detail"),
    path("indicators/", indicators.IndicatorListView.as_view(), name="indicator-list"),
    path(
        "indicators/<slug:slug>/", indicators.IndicatorDetailView.as_view(), name="indicator-detail"
    ),
]
