from django.urls import path

from . import views

app_name = "dashboards"
urlpatterns = [
    path("clinician/", views.caseload, name="caseload"),
    path("clinician/patients/<int:patient_id>/", views.patient, name="patient"),
]
