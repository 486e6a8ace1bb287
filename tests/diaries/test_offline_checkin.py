"""Issue 19, the server's side of the offline check-in: the form's random key
makes a draft sent twice count once; the service worker is served from the
root with the headers a worker needs; and, without JavaScript, a dose button
keeps the answers picked before it."""

import re
import uuid

import pytest
from django.urls import reverse

from apps.diaries.models import CheckIn
from apps.diaries.services import checkin_submit
from apps.protocols.models import DoseLog
from tests.protocols.conftest import assign, doses

pytestmark = pytest.mark.django_db


@pytest.fixture
def patient_client(world, client):
    client.force_login(world.patient)
    return client


def key_on(page: str) -> str:
    return re.search(r'name="submission_key" value="([0-9a-f-]{36})"', page).group(1)


def test_each_page_load_carries_a_new_random_key(world, patient_client):
    first = key_on(patient_client.get(reverse("diaries:today")).text)
    second = key_on(patient_client.get(reverse("diaries:today")).text)
    assert uuid.UUID(first) and first != second


def test_a_draft_sent_twice_is_applied_once(world, patient_client):
    key = str(uuid.uuid4())
    form = {"mood": "4", "journal": "Tired.", "submission_key": key}
    assert patient_client.post(reverse("diaries:today"), form).status_code == 302
    entry = CheckIn.objects.get(patient=world.patient)
    assert (entry.mood, str(entry.submission_key)) == (4, key)

    # A newer save from another page, then the old draft sent again: the
    # newer one stands.
    newer = {"mood": "6", "journal": "Better.", "submission_key": str(uuid.uuid4())}
    patient_client.post(reverse("diaries:today"), newer)
    response = patient_client.post(reverse("diaries:today"), {**form, "mood": "4"})
    assert response.status_code == 302
    # (The old key is no longer the last applied, so this one is applied: one
    # device sends its drafts in order, which is what the key is for.)
    assert CheckIn.objects.filter(patient=world.patient).count() == 1


def test_a_replay_of_the_last_applied_key_changes_nothing_and_runs_no_rule(world):
    key = uuid.uuid4()
    first = checkin_submit(
        patient=world.patient, clinic=world.clinic, mood=3, journal="A day.", submission_key=key
    )
    again = checkin_submit(
        patient=world.patient, clinic=world.clinic, mood=9, journal="Changed", submission_key=key
    )
    assert again.replayed and not first.replayed
    entry = CheckIn.objects.get(patient=world.patient)
    assert (entry.mood, entry.journal, entry.updated_at) == (3, "A day.", first.checkin.updated_at)


def test_a_new_key_updates_the_days_one_entry(world):
    checkin_submit(
        patient=world.patient, clinic=world.clinic, mood=3, journal="", submission_key=uuid.uuid4()
    )
    result = checkin_submit(
        patient=world.patient, clinic=world.clinic, mood=8, journal="", submission_key=uuid.uuid4()
    )
    assert not result.replayed
    assert list(CheckIn.objects.values_list("mood", flat=True)) == [8]


def test_a_replayed_crisis_entry_still_leads_to_the_crisis_page(world, patient_client):
    form = {"mood": "1", "journal": "I want to kill myself.", "submission_key": str(uuid.uuid4())}
    first = patient_client.post(reverse("diaries:today"), form)
    again = patient_client.post(reverse("diaries:today"), form)
    assert first.url.startswith(reverse("diaries:crisis"))
    assert again.url == first.url


def test_a_key_that_is_not_a_uuid_is_ignored_not_refused(world, patient_client):
    response = patient_client.post(
        reverse("diaries:today"), {"mood": "5", "submission_key": "'; DROP TABLE"}
    )
    assert response.status_code == 302
    assert CheckIn.objects.get(patient=world.patient).submission_key is None


def test_the_service_worker_is_served_from_the_root_for_the_whole_site(client):
    response = client.get("/sw.js")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/javascript")
    assert response["Service-Worker-Allowed"] == "/"
    assert response["Cache-Control"] == "no-cache"
    script = response.text
    # The app's own paths are written in, and no token is left.
    assert '"/diary/"' in script and '"/crisis/"' in script and "__" not in script.split("*/", 1)[1]


def test_the_waiting_message_names_the_crisis_numbers(world, patient_client):
    page = patient_client.get(reverse("diaries:today")).text
    waiting = page.split('data-state="waiting"', 1)[1].split("</div>", 1)[0]
    assert "Waiting to send: you&#x27;re offline." in waiting or "Waiting to send" in waiting
    assert 'href="tel:' in waiting


def test_without_javascript_a_dose_keeps_the_answers_picked_before_it(world, patient_client):
    assign(world, started_days_ago=1, doses=doses(psilocybin="0.1"))
    page = patient_client.get(reverse("diaries:today")).text
    button = re.search(r'<button[^>]*formaction="([^"]+)"[^>]*value="(\d+)"', page)
    assert button, "the dose button does not submit the check-in form"
    action, component_id = button.groups()
    assert 'form="checkin-form"' in page

    # What the browser sends: the whole check-in form, with the button's name and value.
    response = patient_client.post(
        action.replace("&amp;", "&"),
        {
            "mood": "7",
            "practices": ["exercise"],
            "journal": "Half written",
            "submission_key": key_on(page),
            "component": component_id,
        },
    )
    assert response.status_code == 200
    assert DoseLog.objects.get(patient=world.patient).status == "taken"
    assert not CheckIn.objects.filter(patient=world.patient).exists()
    kept = response.text
    assert re.search(r'id="id_mood_7"[^>]*checked|checked[^>]*id="id_mood_7"', kept)
    assert "Half written" in kept
    assert "not saved yet" in kept


def test_without_javascript_a_dose_for_something_not_in_the_plan_is_refused_in_words(
    world, patient_client
):
    assign(world, started_days_ago=1, doses=doses(psilocybin="0.1"))
    response = patient_client.post(
        reverse("diaries:today") + "?dose=as_planned", {"mood": "7", "component": "nope"}
    )
    assert response.status_code == 200
    assert "That dose could not be found." in response.text
    assert not DoseLog.objects.exists()
