from datetime import timedelta
from decimal import Decimal

import pytest

from apps.protocols.catalog import catalog_ensure
from apps.protocols.models import Component, ProtocolTemplate
from apps.protocols.schedule import Pattern, Phases
from apps.protocols.selectors import clinic_today
from apps.protocols.services import DoseRequest, plan_assign


def component(slug):
    catalog_ensure()
    return Component.objects.filter(clinic=None, slug=slug).first()


def reference():
    catalog_ensure()
    return ProtocolTemplate.objects.filter(clinic=None, slug="reference-stack").first()


def doses(**amounts):
    """doses(psilocybin="0.1", lions_mane="500") -> [DoseRequest], daily."""
    return [
        DoseRequest(
            component=component(slug.replace("_", "-")),
            amount=Decimal(amount),
            pattern=Pattern("daily"),
        )
        for slug, amount in amounts.items()
    ]


def assign(world, *, started_days_ago=0, by=None, **kwargs):
    defaults = {
        "patient": world.patient,
        "clinic": world.clinic,
        "template": reference(),
        "start_date": clinic_today(world.clinic) - timedelta(days=started_days_ago),
        "doses": doses(psilocybin="0.1", lions_mane="500"),
        "phases": Phases(3, 6),
        "by": by or world.alice,
    }
    return plan_assign(**(defaults | kwargs))


@pytest.fixture
def plan(world):
    return assign(world, started_days_ago=10)
