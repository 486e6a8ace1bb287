"""The semantic reader's sweep (apps/diaries/services.py checkins_semantic_sweep):
every entry written or changed lately is read once as it is, the check-in's
request pays nothing, and a reading missed while the broker or the worker was
down is picked up by the next sweep. The model is the test double (fake)."""

from datetime import timedelta

from django.utils import timezone

from apps.alerts.models import Alert
from apps.diaries.models import CheckIn, SemanticRead
from apps.diaries.services import checkin_submit, checkins_semantic_sweep, today_for
from apps.safety.semantic_reading import SEMANTIC_CRISIS

from ..safety.test_semantic_reading import MISSED_BY_RULES, ORDINARY


def semantic_alerts(world):
    return Alert.objects.filter(patient=world.patient, rule=SEMANTIC_CRISIS)


def test_a_crisis_the_rules_missed_is_found_by_the_next_sweep_and_only_once(world):
    checkin = checkin_submit(
        patient=world.patient, clinic=world.clinic, mood=5, journal=MISSED_BY_RULES
    ).checkin
    assert not semantic_alerts(world).exists()  # the request itself read nothing
    assert checkins_semantic_sweep() == 1
    [alert] = semantic_alerts(world)
    assert alert.source_checkin_id == checkin.pk and alert.severity == "high"
    assert SemanticRead.objects.get(checkin=checkin).outcome == "raised"
    assert checkins_semantic_sweep() == 0  # read as it is: not again
    assert semantic_alerts(world).count() == 1


def test_an_entry_changed_after_it_was_read_is_read_again(world):
    checkin_submit(patient=world.patient, clinic=world.clinic, mood=5, journal=ORDINARY)
    assert checkins_semantic_sweep() == 1
    assert not semantic_alerts(world).exists()
    checkin_submit(patient=world.patient, clinic=world.clinic, mood=5, journal=MISSED_BY_RULES)
    assert checkins_semantic_sweep() == 1
    assert semantic_alerts(world).count() == 1


def test_a_sweep_that_never_ran_loses_nothing_but_old_entries_are_left_alone(world):
    recent = checkin_submit(
        patient=world.patient, clinic=world.clinic, mood=5, journal=MISSED_BY_RULES
    ).checkin
    old = CheckIn.objects.create(
        patient=world.other_patient,
        clinic=world.clinic,
        mood=5,
        journal=MISSED_BY_RULES,
        local_date=today_for(clinic=world.clinic) - timedelta(days=5),
    )
    CheckIn.objects.filter(pk=old.pk).update(updated_at=timezone.now() - timedelta(days=5))
    # The broker was down for an hour: no sweep ran. The next one reads the entry.
    assert checkins_semantic_sweep() == 1
    assert semantic_alerts(world).get().source_checkin_id == recent.pk
    assert not Alert.objects.filter(patient=world.other_patient).exists()


def test_with_the_reader_off_nothing_is_read_or_marked(world, monkeypatch):
    monkeypatch.setenv("TRELLIS_SEMANTIC_MODEL", "off")
    checkin_submit(patient=world.patient, clinic=world.clinic, mood=5, journal=MISSED_BY_RULES)
    assert checkins_semantic_sweep() == 0
    assert not SemanticRead.objects.exists()
