from django.urls import path

from projects import views

urlpatterns = [
    path("plans/<slug:slug>/", views.PlanDetailView.as_view(), name="plan-detail"),
    path(
        "plans/<slug:plan_slug>/items/<int:number>/",
        views.PlanItemDetailView.as_view(),
        name="plan-item-detail",
    ),
    path("projects/<slug:slug>/", views.ProjectDetailView.as_view(), name="project-detail"),
    path("meetings/<slug:slug>/", views.MeetingDetailView.as_view(), name="meeting-detail"),
    path("documents/<slug:slug>/", views.DocumentDetailView.as_view(), name="document-detail"),
    path("indicators/<slug:slug>/", views.IndicatorDetailView.as_view(), name="indicator-detail"),
]
