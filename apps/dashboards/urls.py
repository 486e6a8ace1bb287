from django.urls import path

from . import questionnaire_views, views

app_name = "dashboards"
urlpatterns = [
    path("clinician/", views.caseload, name="caseload"),
    path("clinician/patients/<int:patient_id>/", views.patient, name="patient"),
    path(
        "clinician/patients/<int:patient_id>/health/", views.health_profile, name="health_profile"
    ),
    path("clinician/patients/<int:patient_id>/safety-plan/", views.safety_plan, name="safety_plan"),
    path(
        "clinician/patients/<int:patient_id>/thresholds/",
        views.risk_settings,
        name="risk_settings",
    ),
    path(
        "clinician/patients/<int:patient_id>/questionnaires/",
        questionnaire_views.patient_questionnaires,
        name="questionnaires",
    ),
]
