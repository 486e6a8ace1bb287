from django.urls import path

from . import views

app_name = "protocols"
urlpatterns = [
    path("diary/plan/", views.today, name="today"),
    path("diary/plan/log/", views.log, name="log"),
    path("patients/<int:patient_id>/plan/", views.plan, name="plan"),
    path("patients/<int:patient_id>/plan/assign/", views.assign, name="assign"),
    path("patients/<int:patient_id>/plan/change/", views.change, name="change"),
    path("patients/<int:patient_id>/plan/pause/", views.pause, name="pause"),
    path("patients/<int:patient_id>/plan/resume/", views.resume, name="resume"),
    path("patients/<int:patient_id>/plan/end/", views.end, name="end"),
    path("patients/<int:patient_id>/plan/review/", views.review, name="review"),
    path("clinic/protocols/", views.catalog, name="catalog"),
    path("clinic/protocols/components/new/", views.component_new, name="component_new"),
    path("clinic/protocols/templates/new/", views.template_new, name="template_new"),
]
