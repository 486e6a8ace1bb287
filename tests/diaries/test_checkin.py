import pytest
from django.urls import reverse

from apps.alerts.models import Alert, AlertState
from apps.diaries.models import JOURNAL_MAX_LENGTH, CheckIn
from apps.diaries.services import checkin_submit

CRISIS_TEXT = "Everything is grey. I want to kill myself."


@pytest.fixture
def patient_client(world, client):
    client.force_login(world.patient)
    return client


def submit(client, mood, journal=""):
    return client.post(reverse("diaries:today"), {"mood": mood, "journal": journal})


def test_an_ordinary_checkin_is_saved_and_says_so(world, patient_client):
    response = submit(patient_client, 6, "Walked by the river.")
    assert response.status_code == 302 and response["Location"] == reverse("diaries:today")
    assert "Saved." in patient_client.get(response["Location"]).text
    checkin = CheckIn.objects.get(patient=world.patient)
    assert (checkin.mood, checkin.journal) == (6, "Walked by the river.")
    assert not Alert.objects.exists()


def test_crisis_language_shows_the_crisis_page_and_writes_an_alert(world, patient_client):
    response = submit(patient_client, 5, CRISIS_TEXT)
    assert response["Location"].startswith(reverse("diaries:crisis"))
    alert = Alert.objects.get(patient=world.patient)
    assert (alert.rule, alert.severity, alert.state) == ("crisis_language", "critical", "pending")
    assert alert.recipient == world.alice
    page = patient_client.get(response["Location"]).text
    assert "988" in page
    assert "not watched around the clock" in page
    assert "Alice Clinician" in page


def test_a_mood_of_two_shows_the_crisis_page_and_writes_a_high_alert(world, patient_client):
    response = submit(patient_client, 2, "")
    assert response["Location"].startswith(reverse("diaries:crisis"))
    assert Alert.objects.get(patient=world.patient).severity == "high"


def test_the_alert_and_the_checkin_are_one_transaction(world, monkeypatch):
    def explode(**kwargs):
        raise RuntimeError("alert table unavailable")

    monkeypatch.setattr("apps.diaries.services.raise_for", explode)
    with pytest.raises(RuntimeError):
        checkin_submit(patient=world.patient, clinic=world.clinic, mood=1, journal=CRISIS_TEXT)
    assert not CheckIn.objects.exists()


def test_a_double_submit_makes_one_entry(world, patient_client):
    submit(patient_client, 6, "first")
    submit(patient_client, 7, "second")
    [checkin] = CheckIn.objects.filter(patient=world.patient)
    assert (checkin.mood, checkin.journal) == (7, "second")


def test_a_repeated_crisis_adds_to_the_open_alert_instead_of_paging_again(world, patient_client):
    submit(patient_client, 5, CRISIS_TEXT)
    submit(patient_client, 5, CRISIS_TEXT + " Still.")
    [alert] = Alert.objects.filter(patient=world.patient, rule="crisis_language")
    assert alert.occurrences == 2


def test_after_acknowledgement_a_new_crisis_raises_a_new_alert(world, patient_client):
    submit(patient_client, 5, CRISIS_TEXT)
    Alert.objects.update(state=AlertState.ACKNOWLEDGED)
    submit(patient_client, 5, CRISIS_TEXT)
    assert Alert.objects.filter(patient=world.patient).count() == 2


def test_a_journal_over_the_limit_gets_a_clear_message_and_nothing_is_saved(world, patient_client):
    response = submit(patient_client, 6, "x" * (JOURNAL_MAX_LENGTH + 1))
    assert response.status_code == 200
    assert "the limit is 20000" in response.text
    assert "Nothing has been saved yet" in response.text
    # What they typed is still in the box.
    assert "x" * 100 in response.text
    assert not CheckIn.objects.exists()


def test_a_journal_at_the_limit_is_fine(world, patient_client):
    submit(patient_client, 6, "y" * JOURNAL_MAX_LENGTH)
    assert len(CheckIn.objects.get().journal) == JOURNAL_MAX_LENGTH


@pytest.mark.parametrize("mood", ["", "11", "-1", "seven", "5.5"])
def test_a_missing_or_impossible_mood_gets_a_helpful_error(world, patient_client, mood):
    response = submit(patient_client, mood, "hello")
    assert response.status_code == 200
    assert (
        "Choose a number from 0 to 10" in response.text or "Select a valid choice" in response.text
    )
    assert not CheckIn.objects.exists()


def test_markup_and_odd_unicode_are_kept_as_text_and_shown_escaped(world, patient_client, client):
    text = "<script>alert('x')</script> =SUM(A1) café\u0301 🙂\x00\u202e"
    submit(patient_client, 6, text)
    saved = CheckIn.objects.get().journal
    assert "\x00" not in saved
    assert saved.startswith("<script>alert('x')</script> =SUM(A1) café")
    client.force_login(world.alice)
    page = client.get(reverse("dashboards:patient", args=[world.patient.pk])).text
    assert "<script>alert(" not in page
    assert "&lt;script&gt;" in page


def test_the_crisis_page_never_shows_another_patients_checkin(world, client):
    result = checkin_submit(patient=world.other_patient, clinic=world.clinic, mood=1, journal="")
    client.force_login(world.patient)
    page = client.get(reverse("diaries:crisis") + f"?checkin={result.checkin.pk}").text
    assert "Bob Colleague" not in page
    assert "Your entry has been saved" not in page


def test_the_crisis_page_is_open_to_someone_logged_out(db, client):
    page = client.get(reverse("diaries:crisis")).text
    assert "988" in page and "741741" in page
