"""The shipped catalog: fixtures/components.yaml and protocol_templates.yaml
into the Component and ProtocolTemplate tables (rows without a clinic).

`catalog_sync` takes the model classes so that the data migration can hand it
the historical models; it is idempotent, updating rows by slug.
"""

from decimal import Decimal
from functools import cache
from pathlib import Path

import yaml
from django.conf import settings

FIXTURES = Path(settings.BASE_DIR) / "fixtures"


def _load(name: str):
    with open(FIXTURES / name, encoding="utf-8") as handle:
        return yaml.safe_load(handle)


@cache
def component_fixture() -> list[dict]:
    return _load("components.yaml")["components"]


@cache
def template_fixture() -> list[dict]:
    return _load("protocol_templates.yaml")["templates"]


def _decimal(value):
    return None if value in (None, "") else Decimal(str(value))


def catalog_sync(Component, ProtocolTemplate, TemplateItem) -> None:
    by_slug = {}
    for data in component_fixture():
        plan = data["plan"]
        component, _created = Component.objects.update_or_create(
            clinic=None,
            slug=data["slug"],
            defaults={
                "name": data["name"],
                "unit": plan["unit"],
                "range_low": _decimal(plan.get("low")),
                "range_high": _decimal(plan.get("high")),
                "source": plan["source"],
                "parts": [part["value"] for part in data.get("parts") or []],
            },
        )
        by_slug[component.slug] = component
    for data in template_fixture():
        template, _created = ProtocolTemplate.objects.update_or_create(
            clinic=None,
            slug=data["slug"],
            defaults={
                "name": data["name"],
                "source": data["source"],
                "phases": data["phases"],
                "breaks": data.get("breaks") or {},
                "observe_days": data.get("observe_days_before_change") or 7,
            },
        )
        TemplateItem.objects.filter(template=template).delete()
        for position, item in enumerate(data["components"]):
            TemplateItem.objects.create(
                template=template,
                component=by_slug[item["component"]],
                amount=Decimal(str(item["amount"])),
                unit=item["unit"],
                pattern=item["pattern"],
                source=item["source"],
                pattern_source=item.get("pattern_source", ""),
                position=position,
            )


def catalog_ensure() -> None:
    """Load the shipped catalog if its rows are missing. The data migration
    loads it; but a flush (Django's transactional tests, `manage.py flush`)
    empties the tables without running migrations again."""
    from .models import Component, ProtocolTemplate, TemplateItem

    if not ProtocolTemplate.objects.filter(clinic=None).exists():
        catalog_sync(Component, ProtocolTemplate, TemplateItem)
