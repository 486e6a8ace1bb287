"""The timeline's default range and its alert marks (issue 18)."""

from datetime import timedelta

from django.urls import reverse

from apps.diaries.services import checkin_submit
from apps.protocols.selectors import clinic_today
from tests.protocols.conftest import assign


def timeline(client, world, **query):
    client.force_login(world.alice)
    response = client.get(reverse("dashboards:timeline", args=[world.patient.pk]), query)
    assert response.status_code == 200
    return response.text


def test_the_timeline_starts_on_the_plans_first_day_when_it_began_within_90_days(world, client):
    assign(world, started_days_ago=12)
    today = clinic_today(world.clinic)
    page = timeline(client, world)
    assert "(13 days)" in page
    assert f"{today - timedelta(days=12):%-d %b %Y} to" in page


def started(world, days_ago):
    # A plan may not be back-dated that far: move an assigned one instead.
    from apps.protocols.models import Plan

    plan = assign(world)
    Plan.objects.filter(pk=plan.pk).update(
        start_date=clinic_today(world.clinic) - timedelta(days=days_ago)
    )


def test_a_plan_from_90_days_ago_or_more_gives_the_last_30_days(world, client):
    started(world, 90)
    assert "(30 days)" in timeline(client, world)


def test_a_plan_from_89_days_ago_still_starts_the_range(world, client):
    started(world, 89)
    assert "(90 days)" in timeline(client, world)


def test_an_asked_for_range_wins_over_the_default(world, client):
    assign(world, started_days_ago=12)
    assert "(180 days)" in timeline(client, world, days="180")


def test_an_alerts_day_is_marked_in_the_series_and_said_in_the_tables(world, client):
    checkin_submit(
        patient=world.patient, clinic=world.clinic, mood=4, journal="I want to kill myself."
    )
    page = timeline(client, world)
    assert '"alert": "Critical alert: ' in page  # the charts' data (json_script)
    assert "<td>Critical alert: " in page  # the tables beside them
    assert "timeline-alert-marks.js" in page


def test_an_alerts_words_are_escaped_in_the_table(world, client):
    from apps.alerts.models import Alert

    checkin_submit(
        patient=world.patient, clinic=world.clinic, mood=4, journal="I want to kill myself."
    )
    Alert.objects.update(summary="<b>bold</b>")
    page = timeline(client, world)
    assert "<td>Critical alert: &lt;b&gt;bold&lt;/b&gt;</td>" in page
