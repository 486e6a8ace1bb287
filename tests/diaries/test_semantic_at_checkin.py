"""The semantic layer read inside the check-in's request (services.checkin_semantic_read_now):
a crisis only it finds takes the patient to the crisis page at once, with the
clinician's same-day alert already raised; the entry is marked read so the sweep does
not read it again; and nothing about the reading can cost the patient the entry. The
model is the test double (fake), switched on at the check-in for these tests only."""

import uuid

import pytest
from django.urls import reverse

from apps.alerts.models import Alert
from apps.diaries.models import CheckIn, SemanticRead
from apps.diaries.services import checkins_semantic_sweep
from apps.safety import semantic_model
from apps.safety.semantic_reading import SEMANTIC_CRISIS

from ..safety.test_semantic_reading import MISSED_BY_RULES, ORDINARY

pytestmark = pytest.mark.django_db


@pytest.fixture
def read_at_checkin(monkeypatch):
    monkeypatch.setenv(semantic_model.ENV_AT_CHECKIN, "1")


@pytest.fixture
def patient_client(world, client):
    client.force_login(world.patient)
    return client


def submit(client, journal, *, key=None, mood="6"):
    form = {"mood": mood, "journal": journal, "submission_key": key or str(uuid.uuid4())}
    return client.post(reverse("diaries:today"), form)


def crisis_page_for(checkin) -> str:
    return reverse("diaries:crisis") + f"?checkin={checkin.pk}"


def semantic_alerts(world):
    return Alert.objects.filter(patient=world.patient, rule=SEMANTIC_CRISIS)


def test_a_crisis_only_the_semantic_layer_reads_shows_the_crisis_page_with_the_alert_raised(
    world, patient_client, read_at_checkin
):
    response = submit(patient_client, MISSED_BY_RULES)
    checkin = CheckIn.objects.get(patient=world.patient)
    assert response.status_code == 302 and response["Location"] == crisis_page_for(checkin)
    [alert] = semantic_alerts(world)
    assert alert.severity == "high" and alert.source_checkin_id == checkin.pk
    assert SemanticRead.objects.get(checkin=checkin).outcome == "raised"
    # The crisis page tells the patient the truth: their care team has been told.
    page = patient_client.get(response["Location"]).text
    assert "Saved. Thank you" not in page
    assert "an alert is on its way to your clinician" in page, page


def test_the_sweep_does_not_read_again_what_the_check_in_read(
    world, patient_client, read_at_checkin
):
    submit(patient_client, MISSED_BY_RULES)
    assert checkins_semantic_sweep() == 0
    assert semantic_alerts(world).count() == 1


def test_an_ordinary_entry_is_saved_as_usual_and_marked_read(
    world, patient_client, read_at_checkin
):
    response = submit(patient_client, ORDINARY)
    assert response.status_code == 302 and response["Location"] == reverse("diaries:today")
    checkin = CheckIn.objects.get(patient=world.patient)
    assert SemanticRead.objects.get(checkin=checkin).outcome == "ordinary"
    assert not semantic_alerts(world).exists()


def test_a_draft_sent_again_shows_the_crisis_page_again_and_raises_nothing_more(
    world, patient_client, read_at_checkin
):
    key = str(uuid.uuid4())
    first = submit(patient_client, MISSED_BY_RULES, key=key)
    again = submit(patient_client, MISSED_BY_RULES, key=key)
    assert again["Location"] == first["Location"]
    assert "crisis" in again["Location"]
    assert semantic_alerts(world).count() == 1


def test_a_new_save_of_the_same_words_shows_the_crisis_page_without_a_second_alert(
    world, patient_client, read_at_checkin
):
    submit(patient_client, MISSED_BY_RULES)
    again = submit(patient_client, MISSED_BY_RULES, mood="5")
    assert "crisis" in again["Location"]
    assert semantic_alerts(world).count() == 1
    checkin = CheckIn.objects.get(patient=world.patient)
    assert SemanticRead.objects.get(checkin=checkin).outcome == "seen"


def test_an_edit_into_a_crisis_is_read_at_its_save(world, patient_client, read_at_checkin):
    submit(patient_client, ORDINARY)
    response = submit(patient_client, MISSED_BY_RULES)
    assert "crisis" in response["Location"]
    assert semantic_alerts(world).count() == 1


def test_a_reading_that_fails_saves_the_entry_and_leaves_it_to_the_sweep(
    world, patient_client, read_at_checkin, monkeypatch
):
    def broken(text):
        raise RuntimeError("the model could not read")

    monkeypatch.setattr(semantic_model, "read", broken)
    response = submit(patient_client, MISSED_BY_RULES)
    checkin = CheckIn.objects.get(patient=world.patient)
    assert checkin.journal == MISSED_BY_RULES
    assert response["Location"] == reverse("diaries:today")
    assert not SemanticRead.objects.exists() and not semantic_alerts(world).exists()

    monkeypatch.undo()
    assert checkins_semantic_sweep() == 1
    assert semantic_alerts(world).get().source_checkin_id == checkin.pk


def test_an_entry_the_rules_find_a_crisis_in_is_left_to_them(
    world, patient_client, read_at_checkin
):
    response = submit(patient_client, "I want to kill myself.", mood="3")
    assert "crisis" in response["Location"]
    assert not SemanticRead.objects.exists()  # the request did not read it a second way
    assert not semantic_alerts(world).exists()


def test_switched_off_the_check_in_reads_nothing_and_the_sweep_still_does(
    world, patient_client, monkeypatch
):
    monkeypatch.setenv(semantic_model.ENV_AT_CHECKIN, "0")
    response = submit(patient_client, MISSED_BY_RULES)
    assert response["Location"] == reverse("diaries:today")
    assert not SemanticRead.objects.exists()
    assert checkins_semantic_sweep() == 1
    assert semantic_alerts(world).count() == 1


def test_with_the_layer_off_the_check_in_does_not_read(world, patient_client, monkeypatch):
    monkeypatch.setenv(semantic_model.ENV_AT_CHECKIN, "1")
    monkeypatch.setenv(semantic_model.ENV_MODE, "off")
    assert not semantic_model.at_checkin()
    response = submit(patient_client, MISSED_BY_RULES)
    assert response["Location"] == reverse("diaries:today")
    assert not SemanticRead.objects.exists()


@pytest.mark.parametrize(("value", "expected"), [("1", True), ("0", False), ("", False)])
def test_the_switch_reads_one_or_zero_and_is_off_under_pytest_when_unset(
    monkeypatch, value, expected
):
    monkeypatch.setenv(semantic_model.ENV_AT_CHECKIN, value)
    assert semantic_model.at_checkin() is expected


def test_an_unknown_switch_value_is_an_error_not_a_guess(monkeypatch):
    monkeypatch.setenv(semantic_model.ENV_AT_CHECKIN, "yes")
    with pytest.raises(ValueError, match="expected 1 or 0"):
        semantic_model.at_checkin()
