from django.apps import AppConfig


class DashboardsConfig(AppConfig):
    name = "apps.dashboards"
    label = "dashboards"

    def ready(self):
        from . import signals  # noqa: F401  (a deleted patient's mood summary)
