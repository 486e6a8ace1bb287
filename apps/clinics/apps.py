from django.apps import AppConfig


class ClinicsConfig(AppConfig):
    name = "apps.clinics"
    label = "clinics"
