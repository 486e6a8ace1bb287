from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The synthetic demo clinic (`manage.py seed_demo`): on top of every other app, since
    it builds a little of everything (people, check-ins, plans, alerts, blinded trials)
    through each app's own services. No models."""

    name = "apps.demo"
    label = "demo"
