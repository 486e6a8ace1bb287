from django.apps import AppConfig


class AlertsConfig(AppConfig):
    name = "apps.alerts"
    label = "alerts"

    def ready(self):
        # The semantic crisis layer (safety, below alerts) says what it read; the
        # alert is raised here.
        from apps.safety.semantic_reading import semantic_crisis_found

        from .semantic import semantic_crisis_raise

        semantic_crisis_found.connect(
            semantic_crisis_raise, weak=False, dispatch_uid="alerts-semantic-crisis"
        )
