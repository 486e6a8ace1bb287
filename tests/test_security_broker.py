"""What goes onto the broker carries ids only: never journal text, names or
email addresses (Redis is not encrypted at rest, and its contents show up in
monitoring tools)."""

import json
import re
from datetime import timedelta

import pytest
from celery.signals import before_task_publish
from django.utils import timezone

from apps.alerts.models import Alert
from apps.alerts.services import alerts_escalate, alerts_sweep
from apps.diaries.services import checkin_submit
from config.celery import app as celery_app

JOURNAL = "I want to kill myself tonight, nobody at Maple would miss me"
ID = re.compile(r"^[0-9a-f-]{1,64}$", re.IGNORECASE)


def id_like(value) -> bool:
    return (isinstance(value, int) and not isinstance(value, bool)) or (
        isinstance(value, str) and bool(ID.match(value))
    )


@pytest.fixture
def published():
    messages = []

    def record(sender=None, body=None, headers=None, **kwargs):
        args, kwargs_, _embed = body
        messages.append((sender, list(args), dict(kwargs_), headers or {}))

    before_task_publish.connect(record, weak=False)
    yield messages
    before_task_publish.disconnect(record)
    # Nothing left for a worker started by a later test.
    with celery_app.connection_for_write() as connection:
        connection.default_channel.queue_purge(celery_app.conf.task_default_queue)


def assert_ids_only(messages, world):
    assert messages, "nothing was published: the test would prove nothing"
    secrets = [JOURNAL, "kill myself", world.patient.full_name, world.patient.email]
    secrets += [world.alice.full_name, world.alice.email, world.clinic.name]
    for task, args, kwargs, headers in messages:
        values = args + list(kwargs.values())
        assert all(id_like(value) for value in values), (task, values)
        # Also the human-readable copies Celery puts in the headers.
        text = json.dumps([args, kwargs, headers.get("argsrepr"), headers.get("kwargsrepr")])
        leaked = [secret for secret in secrets if secret and secret in text]
        assert not leaked, (task, leaked)


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_every_publisher_puts_only_ids_on_the_broker(world, published):
    # A crisis check-in: the alert is enqueued on commit.
    result = checkin_submit(patient=world.patient, clinic=world.clinic, mood=2, journal=JOURNAL)
    assert result.alerts
    # The sweep re-enqueues what no worker took; escalation enqueues the next rung.
    Alert.objects.update(created_at=timezone.now() - timedelta(hours=1))
    assert alerts_sweep()
    Alert.objects.update(next_escalation_at=timezone.now() - timedelta(minutes=1))
    assert alerts_escalate()
    # Every beat job, published the way beat does.
    from django.conf import settings

    for job in settings.CELERY_BEAT_SCHEDULE.values():
        celery_app.send_task(job["task"], args=job.get("args", ()), kwargs=job.get("kwargs", {}))

    published_tasks = {task for task, *_ in published}
    assert "apps.alerts.tasks.deliver" in published_tasks
    assert {job["task"] for job in settings.CELERY_BEAT_SCHEDULE.values()} <= published_tasks
    assert_ids_only(published, world)


def test_the_check_itself_catches_text_and_names(world):
    with pytest.raises(AssertionError):
        assert_ids_only([("t", [JOURNAL], {}, {})], world)
    with pytest.raises(AssertionError):
        assert_ids_only([("t", [5], {}, {"argsrepr": world.patient.email})], world)
    assert_ids_only([("t", [5, "9f1c"], {"alert_id": 7}, {"argsrepr": "(5,)"})], world)
