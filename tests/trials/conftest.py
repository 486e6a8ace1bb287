import random
from datetime import timedelta

import pytest

from apps.protocols.selectors import clinic_today
from apps.trials.fast_forward import finished_trial_create
from apps.trials.services import trial_set_up
from tests.protocols.conftest import assign


@pytest.fixture
def plan(world):
    # Started 90 days back through the rows' own date (plan_assign allows 30):
    # a finished trial of up to 12 weeks then fits inside the plan.
    plan = assign(world, started_days_ago=10)
    plan.start_date -= timedelta(days=80)
    plan.save(update_fields=["start_date"])
    return plan


def today(world):
    return clinic_today(world.clinic)


def set_up(world, plan, *, weeks=4, start=None, seed=1, **kwargs):
    return trial_set_up(
        patient=world.patient,
        clinic=world.clinic,
        plan=plan,
        weeks=weeks,
        start_date=start or today(world),
        outcomes=kwargs.pop("outcomes", ["mood", "anxiety", "energy", "sleep_quality"]),
        preparer_name=kwargs.pop("preparer_name", "Sam Okafor"),
        by=world.alice,
        today=today(world),
        rng=random.Random(seed),
        **kwargs,
    )


@pytest.fixture
def running(world, plan):
    """A 4-week trial that started 3 days ago."""
    return set_up(world, plan, start=today(world) - timedelta(days=3))


def finished(world, plan, *, weeks=8, effect=1.5, seed=3, **kwargs):
    return finished_trial_create(
        patient=world.patient,
        clinic=world.clinic,
        by=world.alice,
        weeks=weeks,
        end=today(world) - timedelta(days=1),
        rng=random.Random(seed),
        effect=effect,
        **kwargs,
    )
