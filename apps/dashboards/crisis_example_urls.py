from django.urls import path

from . import crisis_example_views as views

app_name = "crisis_examples"
urlpatterns = [
    path("clinic/crisis-examples/", views.review, name="list"),
    # A POST: the download asks for the password again (settings.SENSITIVE_URL_NAMES).
    path("clinic/crisis-examples/export.tsv", views.export, name="export"),
    path(
        "clinician/patients/<int:patient_id>/should-have-alerted/",
        views.missed,
        name="missed",
    ),
]
