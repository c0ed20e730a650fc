from django.urls import path

from projects import feeds
from projects.views import documents, indicators, meetings, plans

urlpatterns = [
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
    path("documents/", documents.DocumentListView.as_view(), name="document-list"),
    path("documents/<slug:slug>/", documents.DocumentDetailView.as_view(), name="document-detail"),
    path("indicators/", indicators.IndicatorListView.as_view(), name="indicator-list"),
    path(
        "indicators/<slug:slug>/", indicators.IndicatorDetailView.as_view(), name="indicator-detail"
    ),
]
