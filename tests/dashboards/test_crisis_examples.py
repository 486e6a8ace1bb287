"""The timeline says why to the sentence and takes "this should have alerted"; the
clinic's examples are reviewed in a list and exported for `manage.py crisis_eval`."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.urls import reverse

from apps.audit.labels import action_label
from apps.audit.models import AccessEvent
from apps.diaries.models import CheckIn
from apps.diaries.services import checkin_submit, today_for
from apps.safety.categories import KINDS
from apps.safety.feedback import checkin_of_alert, crisis_example_record
from apps.safety.models import CrisisExample
from apps.safety.why import SENTENCE_CLASS
from tests.alerts.test_alert_why import sentence_marked
from tests.conftest import reauthenticate

LIST = reverse("crisis_examples:list")
EXPORT = reverse("crisis_examples:export")


def timeline(world):
    return reverse("dashboards:timeline", args=[world.patient.pk])


def missed_url(world, patient=None):
    return reverse("crisis_examples:missed", args=[(patient or world.patient).pk])


def entry(world, journal, days_ago=1, patient=None, private=False):
    return CheckIn.objects.create(
        patient=patient or world.patient,
        clinic=world.clinic,
        mood=5,
        journal=journal,
        is_private=private,
        local_date=today_for(clinic=world.clinic) - timedelta(days=days_ago),
    )


# ------------------------------------------------------------------ timeline


def test_the_timeline_highlights_the_sentence_and_says_why(world, client):
    checkin_submit(
        patient=world.patient,
        clinic=world.clinic,
        mood=3,
        journal="Groceries done. I have the pills ready to take them all tonight. Bed.",
    )
    client.force_login(world.alice)
    html = client.get(timeline(world)).text
    assert sentence_marked(html) == "I have the pills ready to take them all tonight."
    assert "Why:</span>" in html
    assert "Groceries done." in html and f'{SENTENCE_CLASS}">Groceries' not in html
    assert 'title="suicidal"' not in html


def test_a_private_flagged_entry_on_the_timeline_shows_only_its_words(world, client):
    checkin_submit(
        patient=world.patient,
        clinic=world.clinic,
        mood=2,
        journal="Secret garden words. I want to kill myself.",
        is_private=True,
    )
    client.force_login(world.alice)
    html = client.get(timeline(world)).text
    assert "Secret garden" not in html and "I want to" not in html
    assert "<mark>kill myself</mark> (" + KINDS["suicidal"] + ")" in html
    assert SENTENCE_CLASS not in html


def test_the_clinician_records_that_an_entry_should_have_alerted(world, client):
    checkin = entry(world, "Signed the car over to my brother. A tidy ending.")
    client.force_login(world.alice)
    assert "This should have alerted" in client.get(timeline(world)).text
    response = client.post(
        missed_url(world), {"checkin": checkin.pk, "kind": "suicidal", "note": "Preparation."}
    )
    assert response.status_code == 302 and response["Location"].endswith(f"#entry-{checkin.pk}")
    example = CrisisExample.objects.get()
    assert (example.label, example.kind, example.alert, example.checkin) == (
        "missed",
        "suicidal",
        None,
        checkin,
    )
    html = client.get(timeline(world)).text
    assert "should have alerted. It is kept" in html
    assert "You said: <strong>should have alerted</strong>" in html


@pytest.mark.parametrize(
    "data",
    [{}, {"checkin": "abc"}, {"checkin": "999999"}, {"checkin": "1", "kind": "made_up"}],
)
def test_a_bad_should_have_alerted_is_explained_and_changes_nothing(world, client, data):
    entry(world, "Fine day.")
    client.force_login(world.alice)
    response = client.post(missed_url(world), data)
    assert response.status_code == 302
    assert not CrisisExample.objects.exists()
    assert 'class="alert alert-danger"' in client.get(response["Location"]).text


def test_another_patients_entry_is_not_found_through_this_patient(world, client):
    other = entry(world, "Quinn's words.", patient=world.other_patient)
    client.force_login(world.alice)
    client.post(missed_url(world), {"checkin": other.pk})
    assert not CrisisExample.objects.exists()


def test_a_private_entry_cannot_be_judged_from_the_timeline(world, client):
    checkin = entry(world, "Only mine.", private=True)
    client.force_login(world.alice)
    html = client.get(timeline(world)).text
    assert f'name="checkin" value="{checkin.pk}"' not in html
    client.post(missed_url(world), {"checkin": checkin.pk})
    assert not CrisisExample.objects.exists()


@pytest.mark.parametrize("who", ["admin", "bob", "charlie", "patient"])
def test_only_the_patients_clinicians_may_say_it_should_have_alerted(world, client, who):
    checkin = entry(world, "Fine day.")
    client.force_login(getattr(world, who))
    assert client.post(missed_url(world), {"checkin": checkin.pk}).status_code == 404
    assert not CrisisExample.objects.exists()


# ------------------------------------------------------------------ review and export


@pytest.fixture
def examples(world, crisis_alert):
    crisis_example_record(
        by=world.alice,
        checkin=checkin_of_alert(alert=crisis_alert),
        label="real",
        alert=crisis_alert,
        note="Called her.",
    )
    crisis_example_record(
        by=world.alice,
        checkin=entry(world, '=HYPERLINK("x")\tI am done with it all', days_ago=2),
        label="missed",
    )
    crisis_example_record(
        by=world.bob, checkin=entry(world, "Quinn's day.", patient=world.other_patient), label="not"
    )


def test_the_review_list_shows_date_patient_answer_kind_and_who(world, client, examples):
    client.force_login(world.alice)
    html = client.get(LIST).text
    assert "Pat Patient" in html and "Quinn" not in html  # only patients Alice may see
    assert "A real concern" in html and "Should have alerted" in html
    assert KINDS["suicidal"].capitalize() in html or KINDS["suicidal"] in html
    assert "not said" in html and "Alice Clinician" in html and "Called her." in html
    assert "kill myself" not in html  # the entries' text is in the download only
    events = AccessEvent.objects.filter(action="view_crisis_examples")
    assert [(e.actor, e.patient) for e in events] == [(world.alice, world.patient)]


def test_the_admin_reviews_every_patient_of_the_clinic(world, client, examples):
    client.force_login(world.admin)
    html = client.get(LIST).text
    assert "Pat Patient" in html and "Quinn Other" in html


def test_the_export_asks_for_the_password_again(world, client, examples):
    client.force_login(world.alice)
    response = client.post(EXPORT)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_reauthenticate"))
    assert not AccessEvent.objects.filter(action="export_crisis_examples").exists()


def test_the_export_is_a_file_crisis_eval_reads_and_is_recorded(
    world, client, examples, tmp_path, capsys
):
    client.force_login(world.alice)
    reauthenticate(client)
    response = client.post(EXPORT)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/tab-separated-values")
    assert response["Content-Disposition"].startswith('attachment; filename="crisis-examples-')
    body = response.content.decode("utf-8")
    assert not body.startswith("\ufeff")
    lines = body.splitlines()
    assert lines[0] == "label\tkind\ttext"
    assert sorted(lines[1:]) == sorted(
        [
            "1\tsuicidal\tI want to kill myself.",
            # A formula is made text; the tab inside the entry became a space.
            '1\tunknown\t\'=HYPERLINK("x") I am done with it all',
        ]
    )
    path = tmp_path / "export.tsv"
    path.write_bytes(response.content)
    call_command("crisis_eval", str(path))
    assert "recall" in capsys.readouterr().out.lower()
    events = AccessEvent.objects.filter(action="export_crisis_examples")
    assert [(e.actor, e.patient) for e in events] == [(world.alice, world.patient)]


def test_after_the_password_a_patient_still_gets_404(world, client, examples):
    client.force_login(world.patient)
    reauthenticate(client)
    assert client.post(EXPORT).status_code == 404


def test_another_clinics_clinician_exports_nothing_of_ours(world, client, examples):
    client.force_login(world.charlie)
    reauthenticate(client)
    response = client.post(EXPORT)
    assert response.content.decode() == "label\tkind\ttext\n"
    assert not AccessEvent.objects.filter(action="export_crisis_examples").exists()


def test_the_access_trail_names_the_review_and_the_download_in_words():
    assert action_label("view_crisis_examples") == "Viewed the clinic's crisis-language examples"
    assert action_label("export_crisis_examples") == (
        "Downloaded the clinic's crisis-language examples"
    )


@pytest.mark.django_db
def test_the_scale_clinic_rebuilds_when_a_clinician_labelled_one_of_its_entries():
    """seed_scale --reset deletes check-ins straight in SQL: the labels pointing at
    them go first, and their key is set aside with the check-ins' own."""
    from apps.clinics.models import CareTeam

    quiet = {"stdout": open("/dev/null", "w")}  # noqa: SIM115
    call_command("seed_scale", patients=2, days=3, **quiet)
    link = CareTeam.objects.select_related("patient", "clinician").first()
    checkin = CheckIn.objects.filter(patient=link.patient).first()
    crisis_example_record(by=link.clinician, checkin=checkin, label="missed")
    call_command("seed_scale", patients=2, days=3, reset=True, **quiet)
    assert not CrisisExample.objects.exists()
    assert CheckIn.objects.count() == 2 * 3


def test_the_review_list_takes_the_same_queries_for_one_example_or_many(world, client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(LIST).status_code == 200
        return len(captured)

    client.force_login(world.alice)
    crisis_example_record(by=world.alice, checkin=entry(world, "Day one."), label="missed")
    one = queries()
    for day in range(2, 7):
        crisis_example_record(
            by=world.alice, checkin=entry(world, f"Day {day}.", days_ago=day), label="missed"
        )
    assert queries() == one


def test_the_timeline_says_when_an_entry_was_read_as_ordinary(world, client, monkeypatch):
    from apps.safety import services

    monkeypatch.setattr(services, "readers_score", lambda _text: 0.0)
    checkin_submit(
        patient=world.patient,
        clinic=world.clinic,
        mood=7,
        journal="Tried the ghost pepper wings. Couldn't breathe for the first minute, "
        "then it was amazing.",
    )
    client.force_login(world.alice)
    html = client.get(timeline(world)).text
    assert "read as ordinary</span>" in html
    assert "went to the daily digest, not a same-day alert" in html
    assert "safety finding</span>" not in html
    # A finding the second reading did not lower keeps its red badge.
    monkeypatch.setattr(services, "readers_score", lambda _text: 0.9)
    checkin_submit(
        patient=world.patient,
        clinic=world.clinic,
        mood=7,
        journal="Crushing chest pain since lunch and it goes into my jaw.",
    )
    html = client.get(timeline(world)).text
    assert "safety finding</span>" in html
