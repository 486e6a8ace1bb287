from django.apps import AppConfig


class DiariesConfig(AppConfig):
    name = "apps.diaries"
    label = "diaries"
