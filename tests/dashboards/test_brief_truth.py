"""The session brief tells the truth (issue 18): one drop rule for the brief
and the caseload, said with its numbers, tested at the edges; the screening
flags, the chart and the PDF; the caseload's clock times and silent patients."""

from datetime import date, datetime, timedelta
from io import BytesIO
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone

from apps.dashboards import brief, brief_text
from apps.dashboards.caseload_rows import raised_words
from apps.dashboards.mood_chart import mood_chart_svg
from apps.diaries.models import CheckIn
from apps.protocols.selectors import clinic_today
from tests.dashboards.test_caseload import alices_patient, moods
from tests.protocols.conftest import assign

DEC_2 = date(2026, 12, 2)


def dated(values, last=DEC_2):
    """(day, mood) for one value a day ending on `last`, oldest first."""
    return [(last - timedelta(days=len(values) - 1 - n), mood) for n, mood in enumerate(values)]


def sentence(values):
    return brief_text.mood_sentence(brief.judge_mood(dated(values)))


# ------------------------------------------------------------ the one rule


def test_a_3_after_weeks_around_7_is_a_drop_said_with_its_numbers():
    said = sentence([7, 7, 8, 7, 7, 6, 7, 8, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 3])
    assert said.startswith("Mood dropped: last entry 3 on 2 Dec, 4.1 below their usual 7.1.")
    assert "steady" not in said


def test_the_latest_entry_exactly_three_below_the_usual_is_a_drop_and_just_under_is_not():
    assert brief.judge_mood(dated([7] * 20 + [4])).kind == "drop"
    found = brief.judge_mood(dated([7] * 20 + [5]))
    assert found.kind == "steady"
    assert brief_text.mood_sentence(found).startswith(
        "Mood steady: the last 7 check-ins averaged 6.7, against their usual 7; "
        "last entry 5 on 2 Dec."
    )


def test_a_week_averaging_exactly_two_below_is_a_drop_and_just_under_is_not():
    dropped = brief.judge_mood(dated([7] * 20 + [5] * 7))
    assert dropped.kind == "drop"
    assert brief_text.mood_sentence(dropped).startswith(
        "Mood dropped: the last 7 check-ins averaged 5, 2 below their usual 7; last entry 5"
    )
    assert brief.judge_mood(dated([7] * 20 + [6, 5, 5, 5, 5, 5, 5])).kind == "steady"


def test_no_check_ins_says_so():
    assert brief.judge_mood([]).kind == "none"
    assert brief.judge_mood(dated([None] * 30)).kind == "none"
    assert sentence([None] * 5) == "Mood: no check-ins in the last 30 days."


def test_one_entry_says_what_is_unknown_and_never_steady():
    said = sentence([3])
    assert said == (
        "Mood: last entry 3 on 2 Dec; too few check-ins to say what is usual (1 in 30 days)."
    )


def test_a_usual_needs_three_answers_before_the_latest_week():
    assert brief.judge_mood(dated([8, 8] + [2] * 7)).kind == "unknown"
    assert brief.judge_mood(dated([8, 8, 8] + [2] * 7)).kind == "drop"


def test_unanswered_days_are_skipped_not_read_as_zero():
    gappy = [8, None, 8, 8, None, None, 5, 5, None, 5, 5, 5, 5, 5]
    found = brief.judge_mood(dated(gappy))
    assert (found.kind, found.usual, found.usual_count) == ("drop", 8, 3)
    assert brief.judge_mood(dated([7, None, 7, None, 7, None] + [7] * 7)).kind == "steady"


def test_a_rise_reads_as_a_rise_never_as_steady():
    assert sentence([4] * 20 + [8]).startswith("Mood rose: last entry 8 on 2 Dec, 4 above")
    assert brief.judge_mood(dated([4] * 20 + [6] * 7)).kind == "rise"
    assert brief.judge_mood(dated([4] * 20 + [5] * 7)).kind == "steady"


def test_the_sums_the_caseload_keeps_give_the_same_verdict_as_the_answers():
    for values in ([7] * 20 + [3], [7] * 20 + [5] * 7, [8, 8] + [2] * 7, [4] * 20 + [8]):
        earlier, recent = values[:-7], values[-7:]
        from_sums = brief.change_from_sums(
            earlier_sum=sum(earlier),
            earlier_count=len(earlier),
            recent_sum=sum(recent),
            recent_count=len(recent),
            latest=values[-1],
        )
        assert from_sums.kind == brief.judge_mood(dated(values)).kind, values


# ------------------------------------------------------------ the chart


def test_the_chart_breaks_its_line_at_a_gap_and_marks_an_alert_day():
    days = dated([5, 6, None, 10, 0])
    geometry = brief.chart_geometry(days, width=128, height=120, marked_days=[days[3][0]])
    assert [len(run) for run in geometry.lines] == [2, 2]
    # 0 at the bottom (less padding), 10 at the top.
    assert geometry.dots[-1][1] == 110 and geometry.dots[-2][1] == 10
    assert geometry.marks == [geometry.dots[2][0]]
    assert (geometry.first_label, geometry.last_label) == ("28 Nov", "2 Dec")


def test_the_charts_text_alternative_says_what_the_picture_shows():
    days = dated([7, None, 3])
    assert brief.chart_text(days, marked_days=[DEC_2]) == (
        "Mood from 30 Nov to 2 Dec: 2 check-ins of 3 days, from 3 to 7 (lowest 3 on 2 Dec), "
        "latest 3 on 2 Dec. Alerts on 2 Dec."
    )
    assert brief.chart_text(dated([None, None])) == "Mood from 1 Dec to 2 Dec: no check-ins."


def test_the_svg_chart_is_responsive_and_escapes_nothing_it_was_not_given():
    svg = str(mood_chart_svg(dated([7, 3]), usual=7.0, marked_days=[DEC_2]))
    assert 'viewBox="0 0 600 160" width="100%"' in svg
    assert 'class="alert-mark"' in svg and 'class="usual-line"' in svg
    assert "Dashed grey line: usual mood 7.0. Red dashed lines: alerts." in svg


# ------------------------------------------------------------ the caseload's words


def test_raised_is_a_clock_time_today_and_a_day_and_time_before(settings):
    zone = ZoneInfo("America/New_York")
    now = datetime(2026, 12, 4, 15, 0, tzinfo=zone)
    with timezone.override(zone):
        assert raised_words(datetime(2026, 12, 4, 14, 5, tzinfo=zone), now=now) == (
            "raised 14:05 EST"
        )
        assert raised_words(datetime(2026, 12, 1, 14, 5, tzinfo=zone), now=now) == (
            "raised Tue 1 Dec 14:05 EST"
        )


def caseload_table(client, world):
    client.force_login(world.alice)
    page = client.get(reverse("dashboards:caseload")).text
    return page[page.index('id="patients-heading"') :]


def test_the_caseload_says_the_briefs_drop_words_for_a_single_low_entry(world, client):
    dana = alices_patient(world, "Dana Drop")
    moods(world, dana, [7] * 20 + [3])
    table = caseload_table(client, world)
    assert "mood dropped: last entry 3 on " in table and "4 below their usual 7" in table
    client.force_login(world.alice)
    page = client.get(reverse("dashboards:brief", args=[dana.pk])).text
    assert "Mood dropped: last entry 3 on " in page and "4 below their usual 7." in page


def test_a_patient_not_on_a_plan_who_stopped_checking_in_says_for_how_long(world, client):
    quiet = alices_patient(world, "Quinn Quiet")
    today = clinic_today(world.clinic)
    CheckIn.objects.create(
        patient=quiet, clinic=world.clinic, local_date=today - timedelta(days=5), mood=6
    )
    recent = alices_patient(world, "Rita Recent")
    CheckIn.objects.create(
        patient=recent, clinic=world.clinic, local_date=today - timedelta(days=2), mood=6
    )
    table = caseload_table(client, world)
    quinn_row = table[table.index("Quinn Quiet") :].split("</tr>")[0]
    rita_row = table[table.index("Rita Recent") :].split("</tr>")[0]
    assert "no check-in for 5 days" in quinn_row
    assert "no check-in for" not in rita_row


def test_the_caseload_and_the_rule_agree_on_a_single_low_entry_at_its_edge(world):
    from apps.dashboards.selectors import caseload_for

    today = clinic_today(world.clinic)
    cases = {"Just Three": [7] * 20 + [4], "Just Under": [7] * 20 + [5], "Few": [8, 8] + [1] * 7}
    for name, values in cases.items():
        moods(world, alices_patient(world, name), values)
    rows = {row.full_name: row for row in caseload_for(user=world.alice, today=today)}
    assert {name: rows[name].recent_drop for name in cases} == {
        name: brief.is_recent_drop(values) for name, values in cases.items()
    }
    assert rows["Just Three"].recent_drop and not rows["Just Under"].recent_drop


# ------------------------------------------------------------ the brief


@pytest.fixture
def dropping(world):
    """Pat: weeks around 7, then a 3 today; on a plan, with an SSRI and a
    family history of bipolar disorder on the health profile."""
    from apps.safety.screening import health_profile_update

    assign(world, started_days_ago=25)
    health_profile_update(
        patient=world.patient,
        clinic=world.clinic,
        data={"medications": ["sertraline 50 mg"], "family_history": ["bipolar disorder"]},
        by=world.patient,
    )
    moods(world, world.patient, [7, 7, 8, 7, 6, 7, 7, 8, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 7, 3])
    return world.patient


def test_the_brief_for_a_dropping_patient_says_so_with_flags_and_a_chart(world, client, dropping):
    client.force_login(world.alice)
    page = client.get(reverse("dashboards:brief", args=[dropping.pk])).text
    assert "Mood dropped: last entry 3 on " in page
    assert "Mood steady" not in page
    assert "<svg" in page and "Mood chart. Mood from " in page
    assert "SSRI" in page and "bipolar" in page.lower()


def test_the_brief_pdf_says_the_drop_and_the_flags(world, client, dropping):
    from pypdf import PdfReader

    client.force_login(world.alice)
    response = client.get(reverse("dashboards:brief_pdf", args=[dropping.pk]))
    assert response.status_code == 200
    text = " ".join(page.extract_text() for page in PdfReader(BytesIO(response.content)).pages)
    text = " ".join(text.split())
    assert "Mood dropped: last entry 3 on " in text
    assert "Mood from " in text  # the chart's text alternative
    assert "SSRI" in text and "bipolar" in text.lower()


def test_the_brief_sets_dose_days_beside_rest_days_and_says_it_is_not_blinded(
    world, client, dropping
):
    client.force_login(world.alice)
    page = client.get(reverse("dashboards:brief", args=[dropping.pk])).text
    assert "Mood on dose days" in page
    assert "Not blinded: expectation may explain part of this." in page


def test_the_brief_pdf_has_the_dose_day_comparison_too(world, client, dropping):
    from pypdf import PdfReader

    client.force_login(world.alice)
    response = client.get(reverse("dashboards:brief_pdf", args=[dropping.pk]))
    text = " ".join(page.extract_text() for page in PdfReader(BytesIO(response.content)).pages)
    assert "Not blinded: expectation may explain" in " ".join(text.split())


def test_a_brief_off_a_plan_has_no_dose_day_comparison(world, client):
    moods(world, world.patient, [7, 6, 7])
    client.force_login(world.alice)
    page = client.get(reverse("dashboards:brief", args=[world.patient.pk])).text
    assert "dose days" not in page and "Not blinded" not in page


def test_too_few_days_read_not_enough_data_never_a_number():
    comparison = {
        "dose": {"days": 3, "mean": 7.0},
        "rest": {"days": 2, "mean": 6.0},
        "enough_data": False,
        "difference": None,
        "low": None,
        "high": None,
        "min_days": 7,
    }
    (line,) = brief_text.dose_day_sentences({"dose_day_comparison": comparison})
    assert "not enough data yet (3 dose, 2 rest days with an answer" in line
    assert "difference" not in line and line.endswith(
        "Not blinded: expectation may explain part of this."
    )
