from django.apps import AppConfig


class ClinicsConfig(AppConfig):
    name = "apps.clinics"
    label = "clinics"

    def ready(self):
        from . import lookups

        lookups.register()
