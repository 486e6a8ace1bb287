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
    path("clinician/patients/<int:patient_id>/timeline/", views.timeline, name="timeline"),
    path("clinician/patients/<int:patient_id>/sessions/", views.sessions, name="sessions"),
    path("clinician/patients/<int:patient_id>/brief/", views.brief, name="brief"),
    path("clinician/patients/<int:patient_id>/brief.pdf", views.brief_pdf, name="brief_pdf"),
    path("clinician/patients/<int:patient_id>/exports/", views.export_start, name="exports"),
    path("clinician/exports/<int:export_id>/", views.export_status, name="export_status"),
    path(
        "clinician/exports/<int:export_id>/download/",
        views.export_download,
        name="export_download",
    ),
]
