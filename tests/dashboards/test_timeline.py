"""The clinician's patient timeline: every strand of the record over a range."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from apps.audit.models import AccessEvent
from apps.diaries.models import CheckIn, QuestionnaireResponse, SideEffect
from apps.diaries.services import checkin_submit
from apps.protocols.selectors import clinic_today
from tests.protocols.conftest import assign


def url(world, **query):
    path = reverse("dashboards:timeline", args=[world.patient.pk])
    return path + ("?" + "&".join(f"{k}={v}" for k, v in query.items()) if query else "")


def history(world, days, patient=None):
    today = clinic_today(world.clinic)
    for offset in range(days):
        checkin = CheckIn.objects.create(
            patient=patient or world.patient,
            clinic=world.clinic,
            local_date=today - timedelta(days=offset + 1),
            mood=offset % 11,
            anxiety=3,
            journal=f"Day {offset}",
        )
        SideEffect.objects.create(
            checkin=checkin, key="other", description=f"Effect {offset}", severity="mild"
        )
    for offset in range(0, days, 14):
        QuestionnaireResponse.objects.create(
            patient=patient or world.patient,
            clinic=world.clinic,
            instrument="phq9",
            local_date=today - timedelta(days=offset + 1),
            answers={},
            total=offset % 27,
            band="mild",
        )


def timeline_queries(client, world):
    client.force_login(world.alice)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url(world, days=365))
    assert response.status_code == 200
    return len(captured)


def test_the_timeline_takes_the_same_number_of_queries_for_5_and_50_days_of_history(world, client):
    assign(world, started_days_ago=30)
    history(world, 5)
    small = timeline_queries(client, world)
    CheckIn.objects.all().delete()
    QuestionnaireResponse.objects.all().delete()
    history(world, 50)
    large = timeline_queries(client, world)
    assert small == large


def test_the_timeline_query_count_does_not_grow_with_the_caseload(world, client):
    from tests.dashboards.test_caseload import add_patients

    history(world, 5)
    add_patients(world, 5)
    small = timeline_queries(client, world)
    add_patients(world, 45)
    assert timeline_queries(client, world) == small


def test_the_timeline_shows_measures_dose_days_questionnaires_and_side_effects(world, client):
    assign(world, started_days_ago=20)
    history(world, 15)
    client.force_login(world.alice)
    page = client.get(url(world, days=30)).text
    assert 'id="trend-data"' in page and 'data-trend="mood"' in page
    assert "Dose day" in page and "initial" in page
    assert "Mood on dose days" in page
    assert "PHQ-9" in page and 'id="questionnaire-data"' in page
    assert "Effect 3" in page
    assert "Adherence per component" in page and "Psilocybin" in page
    assert "Plan history" in page


def test_a_reliable_change_is_marked_on_the_questionnaire_table(world, client):
    today = clinic_today(world.clinic)
    for days_ago, total in [(20, 18), (5, 8)]:
        QuestionnaireResponse.objects.create(
            patient=world.patient,
            clinic=world.clinic,
            instrument="phq9",
            local_date=today - timedelta(days=days_ago),
            answers={},
            total=total,
            band="x",
        )
    client.force_login(world.alice)
    page = client.get(url(world, days=30)).text
    assert "★ reliable: improved" in page
    assert '"reliable": true' in page


def test_a_private_entry_shows_only_its_findings_on_the_timeline(world, client):
    result = checkin_submit(
        patient=world.patient,
        clinic=world.clinic,
        mood=2,
        journal="Secret garden words. I want to kill myself.",
    )
    CheckIn.objects.filter(pk=result.checkin.pk).update(is_private=True)
    SideEffect.objects.create(
        checkin=result.checkin, key="other", description="Hidden tummy ache", severity="mild"
    )
    SideEffect.objects.create(
        checkin=result.checkin, key="other", description="Fainting", severity="severe"
    )
    client.force_login(world.alice)
    page = client.get(url(world)).text
    assert "Secret garden" not in page
    assert "Hidden tummy ache" not in page
    assert "Fainting" in page
    assert "<mark>kill myself</mark> (thoughts or intent of ending their life)" in page


def test_viewing_the_timeline_records_an_access_event(world, client):
    client.force_login(world.alice)
    client.get(url(world))
    assert AccessEvent.objects.get().action == "view_timeline"


@pytest.mark.parametrize("role", ["bob", "charlie", "patient"])
def test_an_outsider_gets_404_and_leaves_no_access_event(world, client, role):
    client.force_login(world.by_role(role))
    assert client.get(url(world)).status_code == 404
    assert not AccessEvent.objects.exists()


def test_an_unknown_range_falls_back_to_the_default_30_days_without_a_plan(world, client):
    client.force_login(world.alice)
    assert "(30 days)" in client.get(url(world, days="lots")).text


def test_the_timeline_series_matches_the_diarys_own_trend_rows(world):
    from apps.dashboards.selectors import daily_series
    from apps.diaries.selectors import trend_series

    assign(world, started_days_ago=12)
    history(world, 10)
    today = clinic_today(world.clinic)
    assert daily_series(
        patient=world.patient, first=today - timedelta(days=29), last=today
    ) == trend_series(patient=world.patient, today=today, days=30)


def test_a_long_journal_shows_the_latest_entries_and_every_flagged_older_one(world, client):
    from apps.dashboards.selectors import JOURNAL_LIMIT

    result = checkin_submit(
        patient=world.patient, clinic=world.clinic, mood=2, journal="I want to kill myself."
    )
    CheckIn.objects.filter(pk=result.checkin.pk).update(
        local_date=clinic_today(world.clinic) - timedelta(days=300)
    )
    history(world, JOURNAL_LIMIT + 20)
    client.force_login(world.alice)
    page = client.get(url(world, days=365)).text
    assert f"The latest {JOURNAL_LIMIT} of {JOURNAL_LIMIT + 21} entries" in page
    assert "Day 0<" in page and f"Day {JOURNAL_LIMIT + 19}<" not in page
    assert 'title="thoughts or intent of ending their life">kill myself</mark>' in page
