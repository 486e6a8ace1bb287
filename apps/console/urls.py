from django.urls import path

from . import views

app_name = "console"
urlpatterns = [
    path("clinic/care-teams/", views.care_teams, name="care_teams"),
    path("clinic/care-teams/<int:patient_id>/", views.care_team, name="care_team"),
    path(
        "clinic/care-links/<int:link_id>/remove/", views.care_link_remove, name="care_link_remove"
    ),
    path("clinic/alert-thresholds/", views.risk_defaults, name="risk_defaults"),
    path("clinic/alert-policy/", views.alert_policy, name="alert_policy"),
]
