from django.urls import path

from . import views

app_name = "trials"
urlpatterns = [
    path("patients/<int:patient_id>/trial/", views.status, name="status"),
    path("patients/<int:patient_id>/trial/new/", views.set_up, name="set_up"),
    path("patients/<int:patient_id>/trial/sheet/", views.sheet, name="sheet"),
    path("patients/<int:patient_id>/trial/sheet.pdf", views.sheet_pdf, name="sheet_pdf"),
    path("patients/<int:patient_id>/trial/unblind/", views.unblind, name="unblind"),
    path("patients/<int:patient_id>/trial/result/", views.result, name="result"),
    path("patients/<int:patient_id>/trial/result.pdf", views.result_pdf, name="result_pdf"),
    path("diary/trial/", views.my_result, name="my_result"),
    path("diary/trial/log/", views.log, name="log"),
]
