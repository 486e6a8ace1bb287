from django.urls import include, path

from . import views

app_name = "diaries"
urlpatterns = [
    path("diary/", views.today, name="today"),
    path("crisis/", views.crisis, name="crisis"),
    path("diary/health/", views.health_profile, name="health_profile"),
    path("diary/safety-plan/", views.safety_plan, name="safety_plan"),
    path("", include("apps.diaries.questionnaire_urls")),
]
