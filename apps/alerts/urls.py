from django.urls import path

from . import health, views

app_name = "alerts"
urlpatterns = [
    path("alerts/", views.inbox, name="inbox"),
    path("alerts/<int:alert_id>/", views.detail, name="detail"),
    path("alerts/<int:alert_id>/acknowledge/", views.acknowledge, name="acknowledge"),
    path("alerts/<int:alert_id>/resolve/", views.resolve, name="resolve"),
    path("alerts/<int:alert_id>/judge/", views.label, name="label"),
    path("alerts/<int:alert_id>/done/", views.record_action, name="record_action"),
    path("health/", health.health, name="health"),
]
