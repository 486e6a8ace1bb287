from django.urls import include, path

from . import language_views, push_views, views

app_name = "diaries"
urlpatterns = [
    path("diary/", views.today, name="today"),
    path("crisis/", views.crisis, name="crisis"),
    path("diary/health/", views.health_profile, name="health_profile"),
    path("diary/safety-plan/", views.safety_plan, name="safety_plan"),
    path("", include("apps.diaries.questionnaire_urls")),
    path("", include("apps.diaries.account_urls")),
    path("diary/history/", views.history, name="history"),
    path("diary/trends/", views.trends, name="trends"),
    path("diary/download/", views.download, name="download"),
    path("diary/download/trellis-diary.csv", views.export, {"fmt": "csv"}, name="export_csv"),
    path("diary/download/trellis-diary.json", views.export, {"fmt": "json"}, name="export_json"),
    path("diary/reminders/", views.reminders, name="reminders"),
    path("diary/reminders/push/", push_views.subscribe, name="push_subscribe"),
    path("diary/reminders/push/stop/", push_views.unsubscribe, name="push_unsubscribe"),
    path("diary/language/", language_views.language, name="language"),
    path(
        "diary/reminders/stop/<str:token>/",
        views.reminder_unsubscribe_view,
        name="reminder_unsubscribe",
    ),
]
