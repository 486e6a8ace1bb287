from django.apps import AppConfig


class DiariesConfig(AppConfig):
    name = "apps.diaries"
    label = "diaries"

    def ready(self):
        from . import rescreen  # noqa: F401  (re-gates an open plan after a profile change)
