"""Early unblinding: for safety, with a reason, on the trial and in the
trail; the alert page says the patient is in a blinded trial and offers it."""

from html import unescape

from django.urls import reverse

from apps.audit.models import AccessEvent, ChangeRecord
from apps.diaries.services import checkin_submit
from apps.trials.models import Trial, TrialState


def unblind(client, world, reason):
    client.force_login(world.alice)
    return client.post(
        reverse("trials:unblind", args=[world.patient.pk]), {"reason": reason}, follow=True
    )


def test_unblinding_without_a_reason_is_refused_with_a_clear_message(world, running, client):
    for reason in ("", "   "):
        page = unescape(unblind(client, world, reason).content.decode())
        assert "Not unblinded. Give a reason to unblind early" in page
    assert Trial.objects.get().state != TrialState.UNBLINDED
    assert not ChangeRecord.objects.filter(summary__contains="Unblinded").exists()


def test_unblinding_with_a_reason_unseals_and_records_who_when_and_why(world, running, client):
    response = unblind(client, world, "Severe low mood: need to know before changing the plan.")
    trial = Trial.objects.get()
    assert trial.state == TrialState.UNBLINDED and trial.unblinded_by == world.alice
    assert trial.unblind_reason.startswith("Severe low mood")
    record = ChangeRecord.objects.get(summary="Unblinded the blinded trial early")
    assert record.changes["reason"].startswith("Severe low mood")
    assert AccessEvent.objects.filter(action="trial_unblind", actor=world.alice).exists()
    assert response.redirect_chain[-1][0] == reverse("trials:result", args=[world.patient.pk])
    assert "Unblinded early" in unescape(response.content.decode())


def test_a_second_unblinding_is_refused(world, running, client):
    unblind(client, world, "Safety.")
    page = unescape(unblind(client, world, "Again.").content.decode())
    assert "already ended or been unblinded" in page
    assert ChangeRecord.objects.filter(summary__contains="Unblinded").count() == 1


def test_the_alert_page_says_the_patient_is_in_a_blinded_trial_and_offers_the_unblind(
    world, running, client
):
    alert = checkin_submit(
        patient=world.patient, clinic=world.clinic, mood=2, journal="I want to kill myself."
    ).alerts[0]
    client.force_login(world.alice)
    page = unescape(client.get(alert.detail_url).content.decode())
    assert "is in a blinded trial" in page
    assert reverse("trials:unblind", args=[world.patient.pk]) in page
    client.force_login(world.admin)
    page = unescape(client.get(alert.detail_url).content.decode())
    assert "is in a blinded trial" in page
    assert reverse("trials:unblind", args=[world.patient.pk]) not in page
    assert "Only the patient's care team can unblind it early" in page


def test_the_alert_page_says_nothing_of_trials_for_a_patient_without_one(world, client):
    alert = checkin_submit(
        patient=world.patient, clinic=world.clinic, mood=2, journal="I want to kill myself."
    ).alerts[0]
    client.force_login(world.alice)
    assert "blinded trial" not in unescape(client.get(alert.detail_url).content.decode())
