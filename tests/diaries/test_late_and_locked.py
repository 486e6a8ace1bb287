"""Missed days filled in later (marked late), the end of the day as the end
of editing, and double submits."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from apps.clinics.models import Membership
from apps.diaries.models import CheckIn
from apps.diaries.services import CheckInRefused, checkin_submit

from .helpers import entry_written_on, post_checkin, today


@pytest.fixture
def patient_client(world, client):
    client.force_login(world.patient)
    return client


def joined_days_ago(world, days):
    Membership.objects.filter(user=world.patient).update(
        created_at=timezone.now() - timedelta(days=days)
    )


def test_a_missed_day_can_be_filled_in_and_is_marked_late(world, patient_client):
    joined_days_ago(world, 30)
    yesterday = today(world) - timedelta(days=1)
    page = patient_client.get(reverse("diaries:today")).text
    assert f"?date={yesterday.isoformat()}" in page  # offered under "Missed a day?"
    response = post_checkin(patient_client, mood="4", local_date=yesterday.isoformat())
    assert response.status_code == 302
    checkin = CheckIn.objects.get(patient=world.patient)
    assert (checkin.local_date, checkin.is_late) == (yesterday, True)
    assert "filled in late" in patient_client.get(response["Location"]).text


def test_todays_entry_is_not_late(world, patient_client):
    post_checkin(patient_client, local_date=today(world).isoformat())
    assert CheckIn.objects.get().is_late is False


def test_a_late_entry_can_be_corrected_the_same_day_without_a_second_row(world, patient_client):
    day = (today(world) - timedelta(days=3)).isoformat()
    post_checkin(patient_client, mood="4", local_date=day)
    post_checkin(patient_client, mood="5", local_date=day)
    [checkin] = CheckIn.objects.filter(patient=world.patient)
    assert checkin.mood == 5 and checkin.is_late


def test_a_double_submit_with_every_field_makes_one_entry(world, patient_client):
    fields = {"mood": "6", "effect_0": "mild", "practices": ["exercise"], "journal": "same"}
    post_checkin(patient_client, **fields)
    post_checkin(patient_client, **fields)
    [checkin] = CheckIn.objects.filter(patient=world.patient)
    assert checkin.side_effects.count() == 1


def test_a_second_tab_updates_the_entry_and_replaces_its_side_effects(world, patient_client):
    post_checkin(patient_client, mood="6", effect_0="mild", effect_1="moderate")
    post_checkin(patient_client, mood="3", effect_1="mild")
    [checkin] = CheckIn.objects.filter(patient=world.patient)
    assert checkin.mood == 3
    assert list(checkin.side_effects.values_list("severity", flat=True)) == ["mild"]


def test_an_entry_cannot_be_changed_after_its_day_has_ended(world, patient_client):
    yesterday = today(world) - timedelta(days=1)
    entry_written_on(world, local_date=yesterday, days_ago=1, mood=6, journal="as it was")
    response = post_checkin(
        patient_client, mood="1", journal="rewritten", local_date=yesterday.isoformat()
    )
    assert response.status_code == 200
    assert "That day has ended, so its entry can no longer be changed" in response.text
    assert "rewritten" in response.text  # what they typed is still in the box
    checkin = CheckIn.objects.get()
    assert (checkin.mood, checkin.journal) == (6, "as it was")


def test_an_ended_entry_is_shown_read_only(world, patient_client):
    yesterday = today(world) - timedelta(days=1)
    entry_written_on(world, local_date=yesterday, days_ago=1, journal="as it was")
    page = patient_client.get(reverse("diaries:today") + f"?date={yesterday.isoformat()}").text
    assert "can no longer be changed" in page
    assert "as it was" in page
    assert 'id="checkin-form"' not in page


def test_a_late_entry_written_on_an_earlier_day_is_locked_too(world):
    day = today(world) - timedelta(days=4)
    entry_written_on(world, local_date=day, days_ago=2, is_late=True)
    with pytest.raises(CheckInRefused):
        checkin_submit(
            patient=world.patient, clinic=world.clinic, mood=2, journal="", local_date=day
        )
    assert CheckIn.objects.get().mood == 5


def test_the_service_refuses_a_day_in_the_future(world):
    with pytest.raises(CheckInRefused):
        checkin_submit(
            patient=world.patient,
            clinic=world.clinic,
            mood=5,
            journal="",
            local_date=today(world) + timedelta(days=1),
        )
    assert not CheckIn.objects.exists()


@pytest.mark.parametrize("value", ["tomorrow", "2999-01-01", "<script>", "2026-02-30"])
def test_opening_a_day_that_cannot_be_filled_in_goes_back_to_today(world, patient_client, value):
    response = patient_client.get(reverse("diaries:today") + f"?date={value}")
    assert response.status_code == 302 and response["Location"] == reverse("diaries:today")


def test_opening_a_day_too_long_ago_says_why(world, patient_client):
    old = today(world) - timedelta(days=30)
    url = reverse("diaries:today") + f"?date={old.isoformat()}"
    response = patient_client.get(url, follow=True)
    assert "can no longer be filled in" in response.text


def test_only_days_since_joining_are_offered_to_fill_in(world, patient_client):
    joined_days_ago(world, 2)
    offered = patient_client.get(reverse("diaries:today")).context["missed_days"]
    assert offered == [today(world) - timedelta(days=d) for d in (1, 2)]


@pytest.mark.services
@pytest.mark.django_db(transaction=True)
def test_two_tabs_saving_at_the_same_moment_make_one_entry(world):
    import threading

    from django.db import connection

    barrier, errors = threading.Barrier(2), []

    def save(mood):
        barrier.wait()
        try:
            checkin_submit(
                patient=world.patient,
                clinic=world.clinic,
                mood=mood,
                journal=f"tab {mood}",
                side_effects=[("other", f"effect {mood}", "mild")],
            )
        except Exception as error:  # noqa: BLE001 - the test reports any failure
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=save, args=(mood,)) for mood in (6, 7)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    [checkin] = CheckIn.objects.filter(patient=world.patient)
    assert checkin.journal in {"tab 6", "tab 7"}
    assert checkin.side_effects.count() == 1
