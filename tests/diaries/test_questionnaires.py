"""Questionnaires end to end: scoring, storing, alerts, what is due, the
patient's pages and the clinician's page."""

import re
from datetime import date, timedelta

import pytest
from django.urls import reverse

from apps.alerts.models import Alert
from apps.audit.models import AccessEvent
from apps.diaries import questionnaires as q
from apps.diaries.instruments import InvalidAnswers
from apps.diaries.models import QuestionnaireResponse, QuestionnaireSchedule
from apps.diaries.services import today_for

DAY = date(2026, 3, 2)


def phq9(total=0, item9=0):
    """PHQ-9 answers with item 9 set and the rest filling up `total`."""
    answers = {f"q{n}": 0 for n in range(1, 10)} | {"q9": item9}
    left = total - item9
    for n in range(1, 9):
        answers[f"q{n}"] = min(3, left)
        left -= answers[f"q{n}"]
    assert left == 0
    return answers


def gad7(total):
    answers, left = {}, total
    for n in range(1, 8):
        answers[f"q{n}"] = min(3, left)
        left -= answers[f"q{n}"]
    return answers


def submit(world, instrument, answers, local_date=DAY):
    return q.questionnaire_submit(
        patient=world.patient,
        clinic=world.clinic,
        instrument=instrument,
        answers=answers,
        local_date=local_date,
    )


def rules_of(world):
    return set(Alert.objects.filter(patient=world.patient).values_list("rule", flat=True))


# The service


def test_it_scores_and_stores_the_answers_with_total_and_band(world):
    result = submit(world, "phq9", phq9(12))
    response = QuestionnaireResponse.objects.get()
    assert result.created
    assert (response.total, response.band, response.local_date) == (12, "moderate", DAY)
    assert response.answers == phq9(12)
    assert response.clinic == world.clinic


def test_a_double_submit_makes_one_response_and_keeps_the_first(world):
    submit(world, "phq9", phq9(3))
    second = submit(world, "phq9", phq9(20))
    assert not second.created
    assert second.response.total == 3
    assert QuestionnaireResponse.objects.count() == 1
    assert rules_of(world) == set()  # the second submit raised nothing either


def test_the_same_instrument_next_day_is_a_new_response(world):
    submit(world, "phq9", phq9(3))
    submit(world, "phq9", phq9(4), local_date=DAY + timedelta(days=1))
    assert QuestionnaireResponse.objects.count() == 2


@pytest.mark.parametrize(
    ("instrument", "answers"),
    [("phq9", {"q1": 1}), ("phq9", phq9(0) | {"q3": 7}), ("nope", {}), ("cssrs", {"q1": "x"})],
)
def test_answers_it_cannot_score_write_nothing(world, instrument, answers):
    with pytest.raises(InvalidAnswers):
        submit(world, instrument, answers)
    assert not QuestionnaireResponse.objects.exists()
    assert not Alert.objects.exists()


def test_phq9_item_9_above_0_raises_a_critical_alert_and_sends_the_patient_to_help(world):
    result = submit(world, "phq9", phq9(2, item9=1))
    assert result.is_crisis
    assert result.follow_up == "cssrs"
    alert = Alert.objects.get(patient=world.patient, rule="phq9_item9")
    assert alert.severity == "critical"


def test_a_phq9_rise_of_5_since_the_previous_is_a_worsening_alert(world):
    submit(world, "phq9", phq9(4), local_date=DAY - timedelta(days=14))
    result = submit(world, "phq9", phq9(9))
    assert "phq9_worsening" in rules_of(world)
    assert not result.is_crisis  # reaches the clinician without interrupting the patient


def test_a_phq9_rise_of_4_raises_nothing(world):
    submit(world, "phq9", phq9(4), local_date=DAY - timedelta(days=14))
    submit(world, "phq9", phq9(8))
    assert rules_of(world) == set()


def test_gad7_at_15_raises_the_severe_anxiety_alert_and_14_does_not(world):
    submit(world, "gad7", gad7(14), local_date=DAY - timedelta(days=1))
    assert rules_of(world) == set()
    submit(world, "gad7", gad7(15))
    assert rules_of(world) == {"gad7_severe"}


@pytest.mark.parametrize(
    ("answers", "severity", "crisis"),
    [
        ({"q1": "yes", "q2": "no", "q6": "no"}, "moderate", False),
        ({"q1": "no", "q2": "no", "q6": "yes", "q6_recent": "no"}, "high", True),
        (
            {"q1": "yes", "q2": "yes", "q3": "yes", "q4": "yes", "q5": "no", "q6": "no"},
            "critical",
            True,
        ),
    ],
)
def test_cssrs_levels_raise_alerts_by_the_clinic_rules(world, answers, severity, crisis):
    result = submit(world, "cssrs", answers)
    assert result.is_crisis is crisis
    assert Alert.objects.get(patient=world.patient, rule="cssrs_risk").severity == severity
    assert result.response.total is None


def test_the_item_9_alert_quotes_the_patients_own_answer(world):
    submit(world, "phq9", phq9(6, item9=2))
    alert = Alert.objects.get(patient=world.patient, rule="phq9_item9")
    assert alert.summary == (
        "PHQ-9 item 9 (thoughts of being better off dead or of self-harm): "
        "\u201cMore than half the days\u201d"
    )


HIGH = {"q1": "yes", "q2": "yes", "q3": "yes", "q4": "yes", "q5": "no", "q6": "no"}
LOW = {"q1": "yes", "q2": "no", "q6": "no"}
NONE = {"q1": "no", "q2": "no", "q6": "no"}


@pytest.mark.parametrize(
    ("answers", "said"),
    [(HIGH, "high risk"), (LOW, "low risk"), (NONE, "no risk identified")],
)
def test_a_screener_after_item_9_is_told_on_the_open_item_9_alert_not_as_a_second_alert(
    world, answers, said
):
    submit(world, "phq9", phq9(4, item9=1))
    result = submit(world, "cssrs", answers)
    [alert] = Alert.objects.filter(patient=world.patient)
    assert alert.rule == "phq9_item9" and alert.severity == "critical"
    assert alert.summary.endswith(f"Then the C-SSRS screener (2 Mar): {said}.")
    assert alert.evidence["follow_up"]["level"] == result.response.band
    # The patient's own page still follows the screener's level.
    assert result.is_crisis is (answers is HIGH)


def test_a_screener_after_the_item_9_alert_was_acknowledged_raises_its_own_naming_the_trigger(
    world,
):
    submit(world, "phq9", phq9(4, item9=1), local_date=DAY - timedelta(days=2))
    Alert.objects.filter(rule="phq9_item9").update(state="acknowledged")
    submit(world, "cssrs", HIGH)
    alert = Alert.objects.get(patient=world.patient, rule="cssrs_risk")
    assert alert.severity == "critical"
    assert alert.summary == "C-SSRS screener, asked after PHQ-9 item 9 on 28 Feb: high risk"


def test_a_screener_answered_on_its_own_says_so_and_touches_no_other_alert(world):
    submit(world, "phq9", phq9(4, item9=1), local_date=DAY - timedelta(days=10))
    submit(world, "cssrs", HIGH)
    assert Alert.objects.get(rule="cssrs_risk").summary == "C-SSRS screener: high risk"
    assert "follow_up" not in Alert.objects.get(rule="phq9_item9").evidence


def test_only_the_first_screener_after_item_9_counts_as_its_follow_up(world):
    submit(world, "phq9", phq9(4, item9=1), local_date=DAY - timedelta(days=1))
    submit(world, "cssrs", NONE, local_date=DAY - timedelta(days=1))
    submit(world, "cssrs", HIGH)
    assert Alert.objects.get(rule="cssrs_risk").summary == "C-SSRS screener: high risk"
    assert "no risk identified" in Alert.objects.get(rule="phq9_item9").summary


def test_cssrs_all_no_raises_nothing(world):
    result = submit(world, "cssrs", {"q1": "no", "q2": "no", "q6": "no"})
    assert result.response.band == "none"
    assert rules_of(world) == set()


def test_when_raising_the_alert_fails_the_response_is_not_saved_either(world, monkeypatch):
    def broken(**_kwargs):
        raise RuntimeError("alerts unavailable")

    monkeypatch.setattr(q, "raise_for", broken)
    with pytest.raises(RuntimeError):
        submit(world, "phq9", phq9(2, item9=2))
    assert not QuestionnaireResponse.objects.exists()


# What is due


def schedule(world, instrument="phq9", every=2, unit="weeks", starts_on=DAY, is_active=True):
    return q.questionnaire_schedule_set(
        patient=world.patient,
        clinic=world.clinic,
        instrument=instrument,
        every=every,
        unit=unit,
        starts_on=starts_on,
        is_active=is_active,
        by=world.alice,
    )


def due(world, local_date=DAY):
    return [
        (d.instrument, d.reason)
        for d in q.questionnaires_due(patient=world.patient, local_date=local_date)
    ]


def test_a_scheduled_questionnaire_is_due_from_its_start_until_answered(world):
    schedule(world)
    assert due(world, DAY - timedelta(days=1)) == []
    assert due(world) == [("phq9", "scheduled")]
    submit(world, "phq9", phq9(3))
    assert due(world) == []
    assert due(world, DAY + timedelta(days=13)) == []
    assert due(world, DAY + timedelta(days=14)) == [("phq9", "scheduled")]


def test_a_paused_schedule_asks_for_nothing(world):
    schedule(world, is_active=False)
    assert due(world) == []


def test_setting_a_schedule_again_replaces_it(world):
    schedule(world, every=2)
    schedule(world, every=5, unit="days")
    row = QuestionnaireSchedule.objects.get()
    assert (row.every, row.unit, row.every_days) == (5, "days", 5)


def test_the_cssrs_screener_is_offered_first_after_phq9_item_9(world):
    schedule(world, instrument="gad7")
    submit(world, "phq9", phq9(5, item9=1))
    assert due(world) == [("cssrs", "follow_up"), ("gad7", "scheduled")]
    submit(world, "cssrs", {"q1": "yes", "q2": "no", "q6": "no"})
    assert due(world) == [("gad7", "scheduled")]


def test_the_follow_up_lapses_after_a_week(world):
    submit(world, "phq9", phq9(5, item9=1))
    assert due(world, DAY + timedelta(days=6)) == [("cssrs", "follow_up")]
    assert due(world, DAY + timedelta(days=7)) == []


@pytest.mark.parametrize(("short", "full"), [("phq2", "phq9"), ("gad2", "gad7")])
def test_a_positive_short_form_offers_the_full_form(world, short, full):
    submit(world, short, {"q1": 2, "q2": 1})
    assert due(world) == [(full, "follow_up")]


def test_a_negative_short_form_offers_nothing(world):
    submit(world, "phq2", {"q1": 1, "q2": 1})
    assert due(world) == []


def test_responses_for_filters_by_instrument_and_dates(world):
    for offset in (0, 7, 14):
        submit(world, "phq9", phq9(offset), local_date=DAY + timedelta(days=offset))
    submit(world, "gad7", gad7(3))
    every = q.responses_for(patient=world.patient)
    assert [r.instrument for r in every].count("phq9") == 3
    ranged = q.responses_for(
        patient=world.patient,
        instrument="phq9",
        start=DAY + timedelta(days=1),
        end=DAY + timedelta(days=14),
    )
    assert [r.total for r in ranged] == [14, 7]
    assert not q.responses_for(patient=world.other_patient).exists()


def test_change_is_measured_against_the_previous_of_the_same_instrument(world):
    submit(world, "phq9", phq9(20), local_date=DAY - timedelta(days=28))
    submit(world, "gad7", gad7(10), local_date=DAY - timedelta(days=14))
    submit(world, "phq9", phq9(13))
    latest, gad, first = q.responses_with_change(q.responses_for(patient=world.patient))
    assert (latest.change, latest.reliable) == (-7, "improved")
    assert gad.change is None and first.change is None


# The patient's pages


FILL = "diaries:questionnaire_fill"


@pytest.fixture
def patient_client(client, world):
    client.force_login(world.patient)
    return client


def test_the_form_is_radio_groups_in_fieldsets_with_legends_and_no_inline_script(patient_client):
    page = patient_client.get(reverse(FILL, args=["phq9"])).content.decode()
    assert page.count("<fieldset") == 9
    assert page.count("<legend") == 9
    assert page.count('type="radio"') == 36
    assert "better off dead" in page
    assert not re.search(r"<script(?![^>]*\bsrc=)", page)
    assert not re.search(r"\son[a-z]+=", page)
    assert 'style="' not in page


def test_the_cssrs_form_loads_its_skip_script_from_a_file(patient_client):
    page = patient_client.get(reverse(FILL, args=["cssrs"])).content.decode()
    assert "js/questionnaires.js" in page
    assert "Only if you answered yes to question 2." in page


def test_a_valid_submit_shows_the_severity_in_plain_words(patient_client, world):
    response = patient_client.post(reverse(FILL, args=["gad7"]), gad7(11), follow=True)
    page = response.content.decode()
    assert response.redirect_chain[-1][0] == reverse("diaries:questionnaire_result", args=["gad7"])
    assert "Your answers suggest moderate anxiety" in page
    assert "11 out of 21" in page
    assert "Alice Clinician" in page  # what happens next: who sees it


def test_missing_answers_are_named_and_nothing_is_saved(patient_client):
    answers = gad7(5)
    del answers["q4"]
    response = patient_client.post(reverse(FILL, args=["gad7"]), answers)
    page = response.content.decode()
    assert response.status_code == 200
    assert "Nothing has been saved yet." in page and "Please answer question 4." in page
    assert 'value="3" checked' in page  # what was chosen stays chosen
    assert '<a href="#fieldset-q4">Please answer question 4.</a>' in page
    assert 'aria-describedby="error-q4"' in page
    assert not QuestionnaireResponse.objects.exists()


@pytest.mark.parametrize("bad", ["9", "-1", "<script>alert(1)</script>", "３", "1" * 20_000, "1.0"])
def test_out_of_range_or_tampered_answers_are_refused_with_a_message(patient_client, bad):
    response = patient_client.post(reverse(FILL, args=["gad7"]), gad7(0) | {"q2": bad})
    page = response.content.decode()
    assert response.status_code == 200
    assert "Question 2: choose one of the answers given (0 to 3)." in page
    assert "<script>alert" not in page
    assert not QuestionnaireResponse.objects.exists()


@pytest.mark.parametrize("slug", ["phq10", "%3Cb%3Ex", "PHQ9", "%E2%80%AE", "phq9%00"])
def test_a_tampered_instrument_address_gets_a_clear_404(patient_client, slug):
    fill = f"/diary/questionnaires/{slug}/"
    for response in (
        patient_client.post(fill, phq9(0)),
        patient_client.get(fill + "result/"),
    ):
        assert response.status_code == 404
        page = response.content.decode()
        assert "We could not find that questionnaire" in page
        assert "<b>" not in page
    assert not QuestionnaireResponse.objects.exists()


def test_a_double_submit_is_answered_clearly_and_stores_one_response(patient_client):
    url = reverse(FILL, args=["gad7"])
    patient_client.post(url, gad7(3))
    response = patient_client.post(url, gad7(19), follow=True)
    assert "You had already answered the GAD-7 today, so we kept those answers." in (
        response.content.decode()
    )
    assert list(QuestionnaireResponse.objects.values_list("total", flat=True)) == [3]
    assert "You already answered the GAD-7 today" in patient_client.get(url).content.decode()


def test_phq9_item_9_takes_the_patient_straight_to_the_cssrs_screener(patient_client):
    response = patient_client.post(reverse(FILL, args=["phq9"]), phq9(3, item9=1), follow=True)
    page = response.content.decode()
    assert response.redirect_chain[-1][0] == reverse(FILL, args=["cssrs"])
    assert "An alert about your answers is on its way to Alice Clinician" in page
    assert "Trellis is not watched around the clock" in page
    assert f'<a href="{reverse("diaries:crisis")}">get help straight away</a>' in page
    assert "Have you actually had any thoughts of killing yourself?" in page


def test_a_high_risk_cssrs_sends_the_patient_to_the_crisis_page(patient_client):
    answers = {"q1": "1", "q2": "1", "q3": "1", "q4": "0", "q5": "1", "q6": "0"}
    response = patient_client.post(reverse(FILL, args=["cssrs"]), answers)
    assert response["Location"] == reverse("diaries:crisis")


def test_a_positive_short_form_result_offers_the_full_form(patient_client):
    response = patient_client.post(
        reverse(FILL, args=["phq2"]), {"q1": "3", "q2": "0"}, follow=True
    )
    assert 'href="/diary/questionnaires/phq9/"' in response.content.decode()


def test_the_list_shows_what_is_due_and_the_history(patient_client, world):
    schedule(world, instrument="pcl5", starts_on=today_for(clinic=world.clinic))
    submit(world, "gad7", gad7(2), local_date=today_for(clinic=world.clinic) - timedelta(days=3))
    page = patient_client.get(reverse("diaries:questionnaires")).content.decode()
    assert 'href="/diary/questionnaires/pcl5/"' in page
    assert "Your answers show few or no signs of anxiety." in page


def test_another_patients_answers_never_show(client, world):
    submit(world, "gad7", gad7(20))
    client.force_login(world.other_patient)
    assert "severe anxiety" not in client.get(reverse("diaries:questionnaires")).content.decode()
    response = client.get(reverse("diaries:questionnaire_result", args=["gad7"]))
    assert response.status_code == 302  # nothing of their own yet: to the form


# The clinician's page


def clinician_url(world):
    return reverse("dashboards:questionnaires", args=[world.patient.pk])


def test_the_clinician_sees_results_with_bands_and_reliable_change(client, world):
    submit(world, "phq9", phq9(20), local_date=DAY - timedelta(days=14))
    submit(world, "phq9", phq9(10, item9=1))
    client.force_login(world.alice)
    page = client.get(clinician_url(world)).content.decode()
    assert "10/27" in page and "moderate" in page and "severe" in page
    assert "-10 (improved)" in page
    assert "item 9: 1" in page
    assert AccessEvent.objects.filter(
        actor=world.alice, patient=world.patient, action="view_questionnaires"
    ).exists()


def test_the_clinician_sets_a_schedule(client, world):
    client.force_login(world.alice)
    response = client.post(
        clinician_url(world),
        {
            "instrument": "gad7",
            "every": "2",
            "unit": "weeks",
            "starts_on": "2026-03-02",
            "is_active": "on",
        },
    )
    assert response.status_code == 302
    row = QuestionnaireSchedule.objects.get(patient=world.patient)
    assert (row.instrument, row.every_days, row.set_by, row.clinic) == (
        "gad7",
        14,
        world.alice,
        world.clinic,
    )


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"instrument": "phq10"}, "Choose one of the questionnaires in the list."),
        ({"every": "0"}, "Say how often, as a whole number from 1 to 52."),
        ({"every": "1e9"}, "Say how often, as a whole number from 1 to 52."),
        ({"starts_on": "2199-01-01"}, "Choose a start within the next year."),
        ({"starts_on": "2999-01-01"}, "between 1900 and 2199"),
        ({"starts_on": "yesterday"}, "Enter the start as a date"),
    ],
)
def test_a_bad_schedule_is_explained_and_not_saved(client, world, data, message):
    client.force_login(world.alice)
    good = {"instrument": "gad7", "every": "2", "unit": "weeks", "starts_on": "2026-03-02"}
    response = client.post(clinician_url(world), good | data)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not QuestionnaireSchedule.objects.exists()


@pytest.mark.parametrize("outsider", ["bob", "charlie", "other_patient", "patient"])
def test_an_outsider_gets_404_and_changes_nothing(client, world, outsider):
    client.force_login(getattr(world, outsider))
    data = {"instrument": "gad7", "every": "2", "unit": "weeks", "starts_on": "2026-03-02"}
    assert client.post(clinician_url(world), data).status_code == 404
    assert not QuestionnaireSchedule.objects.exists()
