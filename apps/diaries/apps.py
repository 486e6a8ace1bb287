from django.apps import AppConfig


class DiariesConfig(AppConfig):
    name = "apps.diaries"
    label = "diaries"

    def ready(self):
        from . import (
            locale_middleware,  # noqa: F401  (the patient's language, kept in the session at login)
            rescreen,  # noqa: F401  (re-gates a plan on a profile change; resolves its alert on review)
        )
