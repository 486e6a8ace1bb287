import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from apps.audit.models import AccessEvent
from apps.clinics.models import CareTeam, Role
from apps.diaries.models import CheckIn
from apps.diaries.services import checkin_submit
from tests.conftest import make_member


def add_patients(world, count):
    for number in range(count):
        patient = make_member(
            world.clinic, f"p{number}-{count}@maple.test", Role.PATIENT, f"Patient {number}"
        )
        CareTeam.objects.create(
            clinic=world.clinic, patient=patient, clinician=world.alice, is_primary=True
        )
        CheckIn.objects.create(
            patient=patient, clinic=world.clinic, local_date="2026-11-01", mood=number % 11
        )
        if number % 3 == 0:
            checkin_submit(patient=patient, clinic=world.clinic, mood=1, journal="")


def caseload_queries(client, world):
    client.force_login(world.alice)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(reverse("dashboards:caseload"))
    assert response.status_code == 200
    return len(captured)


def test_the_caseload_takes_the_same_number_of_queries_for_5_and_50_patients(world, client):
    add_patients(world, 5)
    small = caseload_queries(client, world)
    add_patients(world, 45)
    large = caseload_queries(client, world)
    assert small == large


def test_the_caseload_query_count_is_pinned(world, client, django_assert_num_queries):
    add_patients(world, 12)
    client.force_login(world.alice)
    client.get(reverse("dashboards:caseload"))  # adds up every mood summary
    # session, user, clinician check, the ids of the patients Alice may see
    # (once per request, shared with the navigation), staff clinic (for its
    # today), caseload, 30 days of moods, open plans, the rows' access events
    # (one INSERT), open alerts, whom those alerts reached (one, for all of
    # them); then for the navigation: roles, alerts to act on,
    # undeliverable alerts. (With plans, their items, components and pauses
    # come in three more, however many plans.)
    with django_assert_num_queries(14):
        client.get(reverse("dashboards:caseload"))
    # A new check-in makes one patient's mood summary stale: the view finds
    # which (one), adds them up and stores them (one) and ranks again (one).
    CheckIn.objects.create(
        patient=world.patient, clinic=world.clinic, local_date="2026-11-02", mood=3
    )
    with django_assert_num_queries(17):
        client.get(reverse("dashboards:caseload"))


def test_the_caseload_lists_only_linked_patients_with_latest_mood_and_open_alerts(
    world, client, crisis_alert
):
    CheckIn.objects.create(
        patient=world.other_patient, clinic=world.clinic, local_date="2026-11-02", mood=8
    )
    client.force_login(world.alice)
    page = client.get(reverse("dashboards:caseload")).text
    assert "Pat Patient" in page
    assert "Quinn Other" not in page
    assert "Crisis language in the journal" in page


def test_viewing_a_patient_records_an_access_event(world, client, crisis_alert):
    client.force_login(world.alice)
    client.get(reverse("dashboards:patient", args=[world.patient.pk]))
    event = AccessEvent.objects.get()
    assert (event.actor, event.patient, event.action) == (
        world.alice,
        world.patient,
        "view_patient",
    )


def test_an_outsider_gets_404_and_leaves_no_access_event(world, client, crisis_alert):
    client.force_login(world.charlie)
    assert client.get(reverse("dashboards:patient", args=[world.patient.pk])).status_code == 404
    assert not AccessEvent.objects.exists()


def test_the_matched_words_are_highlighted_in_the_journal(world, client, crisis_alert):
    client.force_login(world.alice)
    page = client.get(reverse("dashboards:patient", args=[world.patient.pk])).text
    assert 'title="thoughts or intent of ending their life">kill myself</mark>' in page


@pytest.mark.parametrize("role", ["patient", "bob", "charlie"])
def test_nobody_else_sees_the_patient_page(world, client, role):
    client.force_login(world.by_role(role))
    assert client.get(reverse("dashboards:patient", args=[world.patient.pk])).status_code == 404


def test_the_caseload_shows_each_patients_screening_flags(world, client):
    from apps.safety.screening import health_profile_update

    health_profile_update(
        patient=world.patient, clinic=world.clinic, data={"pregnant": True}, by=world.patient
    )
    client.force_login(world.alice)
    page = client.get(reverse("dashboards:caseload")).text
    assert "1 must-not flag" in page


# ------------------------------------------------------------ triage order

from datetime import timedelta  # noqa: E402

from apps.dashboards.models import Session  # noqa: E402
from apps.protocols.selectors import clinic_today  # noqa: E402
from tests.protocols.conftest import assign  # noqa: E402


def alices_patient(world, name):
    patient = make_member(
        world.clinic, f"{name.lower().replace(' ', '.')}@maple.test", Role.PATIENT, name
    )
    CareTeam.objects.create(
        clinic=world.clinic, patient=patient, clinician=world.alice, is_primary=True
    )
    return patient


def moods(world, patient, values):
    """One check-in a day ending today, oldest first."""
    today = clinic_today(world.clinic)
    for offset, mood in enumerate(reversed(values)):
        CheckIn.objects.create(
            patient=patient,
            clinic=world.clinic,
            local_date=today - timedelta(days=offset),
            mood=mood,
        )


def row_order(page, names):
    table = page[page.index('id="patients-heading"') :]
    return sorted(names, key=table.index)


def test_the_caseload_puts_alerts_then_a_mood_drop_then_missed_days_then_flags_first(
    world, client, crisis_alert
):
    from apps.safety.screening import health_profile_update

    dropping = alices_patient(world, "Dana Drop")
    moods(world, dropping, [8] * 20 + [3] * 7)
    missing = alices_patient(world, "Mo Missing")
    assign(world, patient=missing, started_days_ago=5)
    flagged = alices_patient(world, "Fay Flagged")
    health_profile_update(patient=flagged, clinic=world.clinic, data={"pregnant": True}, by=flagged)
    quiet = alices_patient(world, "Abe Quiet")
    moods(world, quiet, [6] * 27)

    client.force_login(world.alice)
    page = client.get(reverse("dashboards:caseload")).text
    names = ["Abe Quiet", "Fay Flagged", "Mo Missing", "Dana Drop", "Pat Patient"]
    assert row_order(page, names) == [
        "Pat Patient",
        "Dana Drop",
        "Mo Missing",
        "Fay Flagged",
        "Abe Quiet",
    ]
    assert "mood drop" in page
    assert "5 of the last 7 days missed" in page


def test_each_row_has_a_sparkline_with_a_text_alternative(world, client):
    moods(world, world.patient, [4, 5, 9])
    client.force_login(world.alice)
    page = client.get(reverse("dashboards:caseload")).text
    assert "<polyline points=" in page
    assert "3 answers in 30 days, from 4 to 9, latest 9" in page


def test_the_caseload_shows_the_plan_phase_and_the_next_booked_session(world, client):
    assign(world, started_days_ago=3)
    today = clinic_today(world.clinic)
    Session.objects.create(
        patient=world.patient,
        clinic=world.clinic,
        clinician=world.alice,
        date=today - timedelta(days=7),
    )
    Session.objects.create(
        patient=world.patient,
        clinic=world.clinic,
        clinician=world.alice,
        date=today + timedelta(days=4),
    )
    client.force_login(world.alice)
    page = client.get(reverse("dashboards:caseload")).text
    assert "<td>initial</td>" in page
    assert f"<td>{(today + timedelta(days=4)):%-d %b}</td>" in page


def test_the_filters_keep_only_patients_needing_attention_on_a_plan_or_in_a_phase(world, client):
    quiet = alices_patient(world, "Abe Quiet")
    moods(world, quiet, [6] * 3)
    assign(world, started_days_ago=2)  # Pat: on a plan, 2 days missed
    client.force_login(world.alice)
    url = reverse("dashboards:caseload")
    attention = client.get(url, {"filter": "attention"}).text
    assert "Pat Patient" in attention and "Abe Quiet" not in attention
    on_plan = client.get(url, {"filter": "on_plan"}).text
    assert "Pat Patient" in on_plan and "Abe Quiet" not in on_plan
    assert "No patient matches" in client.get(url, {"phase": "maintenance"}).text
    assert "Pat Patient" in client.get(url, {"phase": "initial"}).text
    # An unknown filter or phase is ignored, never an error.
    assert client.get(url, {"filter": "<script>", "phase": "x"}).status_code == 200


def test_searching_by_name_keeps_only_matching_patients(world, client):
    alices_patient(world, "Abe Quiet")
    client.force_login(world.alice)
    page = client.get(reverse("dashboards:caseload"), {"q": "quie"}).text
    assert "Abe Quiet" in page and "Pat Patient" not in page
    assert client.get(reverse("dashboards:caseload"), {"q": "\x00" + "z" * 500}).status_code == 200


def plans_for_everyone_without_one(world):
    from apps.accounts.models import User

    for patient in User.objects.filter(care_team__clinician=world.alice).exclude(
        protocol_plans__isnull=False
    ):
        assign(world, patient=patient, started_days_ago=3)


def test_the_caseload_takes_the_same_number_of_queries_for_5_and_50_patients_on_plans(
    world, client
):
    add_patients(world, 5)
    plans_for_everyone_without_one(world)
    small = caseload_queries(client, world)
    add_patients(world, 45)
    plans_for_everyone_without_one(world)
    large = caseload_queries(client, world)
    assert small == large


def test_a_long_caseload_comes_in_pages_of_50_neediest_first(world, client, crisis_alert):
    add_patients(world, 60)
    client.force_login(world.alice)
    first = client.get(reverse("dashboards:caseload")).text
    assert "Patients 1–50 of 61" in first
    assert "Pat Patient" in first  # the open critical alert puts Pat on page one
    second = client.get(reverse("dashboards:caseload"), {"page": "2", "q": "Patient"}).text
    rows = second[second.index('id="patients-heading"') :]
    assert "Patients 51–61 of 61" in rows and "Pat Patient" not in rows
    assert "q=Patient" in second  # the page links keep the search
    assert client.get(reverse("dashboards:caseload"), {"page": "x"}).status_code == 200
    # Past the end (an old link) is the last page; a huge number is no error.
    for page in ("3", "9" * 40):
        past = client.get(reverse("dashboards:caseload"), {"page": page}).text
        assert "Patients 51–61 of 61" in past


def test_the_caseload_records_an_access_event_for_each_patient_row_shown(world, client):
    add_patients(world, 3)
    client.force_login(world.alice)
    client.get(reverse("dashboards:caseload"), {"q": "Patient 1"})
    events = AccessEvent.objects.filter(action="view_caseload")
    assert [e.patient.full_name for e in events] == ["Patient 1"]
    assert events.get().actor == world.alice


def test_the_caseload_shows_the_gravest_open_alerts_and_sends_the_rest_to_the_inbox(
    world, client, crisis_alert
):
    from apps.alerts.models import OPEN_STATES, Alert

    add_patients(world, 66)  # every third answers mood 1: a high alert each
    total = Alert.objects.filter(state__in=OPEN_STATES).count()
    assert total > 20
    client.force_login(world.alice)
    page = client.get(reverse("dashboards:caseload")).text
    alerts = page[page.index('id="alerts-heading"') : page.index('id="patients-heading"')]
    assert f"Open alerts ({total})" in alerts
    assert f"all {total} are in the inbox" in alerts
    assert alerts.count('class="card mb-2') == 20
    # Pat's critical alert is the oldest, and still first.
    first_card = alerts.split('class="card mb-2')[1]
    assert "Pat Patient" in first_card


def test_the_caseloads_drop_and_missed_days_agree_with_the_briefs_rules_at_their_edges(world):
    """_caseload_facts sums moods in SQL; brief.is_recent_drop and
    brief.missed_days are the rules. Same answers, boundaries and gaps included."""
    from apps.dashboards import brief
    from apps.dashboards.selectors import caseload_for

    today = clinic_today(world.clinic)
    cases = {
        "Exactly Two": [7] * 20 + [5] * 7,  # a drop of exactly 2.0 counts
        "Just Under": [7] * 20 + [6, 5, 5, 5, 5, 5, 5],
        "With Gaps": [8, None, 8, 8, None, None, 5, 5, None, 5, 5, 5, 5, 5],
        "Seven Only": [1] * 7,
        "Old News": [9] * 3 + [None] * 30,  # nothing in the last 30 days
    }
    expected = {}
    for name, values in cases.items():
        patient = alices_patient(world, name)
        for offset, mood in enumerate(reversed(values)):
            if mood is not None:
                CheckIn.objects.create(
                    patient=patient,
                    clinic=world.clinic,
                    local_date=today - timedelta(days=offset),
                    mood=mood,
                )
        expected[name] = brief.is_recent_drop(values[-30:])
    # On a plan for three days, with yesterday answered: the two days before
    # are missed; an answer from before the plan neither counts nor excuses.
    gappy = alices_patient(world, "Plan Gaps")
    assign(world, patient=gappy, started_days_ago=3)
    for days_ago in (1, 5):
        CheckIn.objects.create(
            patient=gappy, clinic=world.clinic, local_date=today - timedelta(days=days_ago), mood=5
        )

    rows = {row.full_name: row for row in caseload_for(user=world.alice, today=today)}
    assert {name: rows[name].recent_drop for name in cases} == expected
    assert expected["Exactly Two"] and not expected["Just Under"] and expected["With Gaps"]
    assert rows["Plan Gaps"].missed == 2
    assert rows["Plan Gaps"].plan_status is not None


def test_a_patients_name_is_shown_as_text_never_as_markup(world, client):
    alices_patient(world, '<script>alert("x")</script> & Co')
    client.force_login(world.alice)
    page = client.get(reverse("dashboards:caseload")).text
    assert "<script>alert" not in page
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; Co" in page


def test_a_plan_waiting_for_a_screening_review_needs_attention_before_plain_flags(world, client):
    from apps.safety.screening import health_profile_update

    flagged = alices_patient(world, "Fay Flagged")
    health_profile_update(patient=flagged, clinic=world.clinic, data={"pregnant": True}, by=flagged)
    reviewing = alices_patient(world, "Rae Review")
    assign(world, patient=reviewing, started_days_ago=0)
    # A caution only: its alert is moderate, so only the review marks the row.
    health_profile_update(
        patient=reviewing, clinic=world.clinic, data={"has_therapist": False}, by=reviewing
    )
    client.force_login(world.alice)
    url = reverse("dashboards:caseload")
    page = client.get(url).text
    assert row_order(page, ["Fay Flagged", "Rae Review"]) == ["Rae Review", "Fay Flagged"]
    assert "plan review due" in page
    assert "Rae Review" in client.get(url, {"filter": "attention"}).text


def test_each_open_alert_on_the_caseload_links_to_its_own_pages(world, client, crisis_alert):
    client.force_login(world.alice)
    page = client.get(reverse("dashboards:caseload")).text
    pk = crisis_alert.pk
    assert f'href="/alerts/{pk}/"' in page
    assert f'action="/alerts/{pk}/acknowledge/"' in page
    assert f'action="/alerts/{pk}/resolve/"' in page


def test_a_silent_patient_on_a_plan_reads_as_two_facts_that_agree(world, client):
    # Five days since the last check-in (today still open) are four finished days
    # missed; both badges say so, each with what it counts.
    assign(world, started_days_ago=10)
    today = clinic_today(world.clinic)
    for offset in range(5, 11):
        CheckIn.objects.create(
            patient=world.patient,
            clinic=world.clinic,
            local_date=today - timedelta(days=offset),
            mood=6,
        )
    client.force_login(world.alice)
    page = client.get(reverse("dashboards:caseload")).text
    assert "no check-in for 5 days" in page
    assert "4 of the last 7 days missed" in page
