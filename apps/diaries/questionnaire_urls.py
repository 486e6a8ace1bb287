from django.urls import path

from . import questionnaire_views as views

# Included from urls.py under the "diaries" namespace.
urlpatterns = [
    path("diary/questionnaires/", views.questionnaires, name="questionnaires"),
    path(
        "diary/questionnaires/<str:instrument>/",
        views.questionnaire_fill,
        name="questionnaire_fill",
    ),
    path(
        "diary/questionnaires/<str:instrument>/result/",
        views.questionnaire_result,
        name="questionnaire_result",
    ),
]
