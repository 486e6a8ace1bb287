"""The patient's own pages: history (calendar and list), trends, download,
and the rules every patient page keeps (no inline script, crisis one tap away)."""

import csv
import io
import json
import re
from datetime import timedelta

import pytest
from django.contrib.staticfiles import finders
from django.urls import reverse

from apps.diaries.exports import spreadsheet_safe
from apps.diaries.services import checkin_submit

from .helpers import today

PATIENT_PAGES = [
    "diaries:today",
    "diaries:history",
    "diaries:trends",
    "diaries:download",
    "diaries:reminders",
    "diaries:safety_plan",
    "diaries:health_profile",
]


@pytest.fixture
def patient_client(world, client):
    client.force_login(world.patient)
    return client


def entry(world, days_ago, **values):
    return checkin_submit(
        patient=world.patient,
        clinic=world.clinic,
        local_date=today(world) - timedelta(days=days_ago),
        **({"mood": 6, "journal": ""} | values),
    ).checkin


@pytest.mark.parametrize("name", PATIENT_PAGES)
def test_every_patient_page_has_the_crisis_link_and_no_inline_script(world, patient_client, name):
    entry(world, 0, anxiety=3, sleep_hours=7, journal="hello")
    page = patient_client.get(reverse(name)).text
    assert f'href="{reverse("diaries:crisis")}"' in page
    # json_script's data block is not run, so CSP allows it.
    scripts = re.findall(r"<script\b([^>]*)>", page)
    assert all("src=" in a or 'type="application/json"' in a for a in scripts), scripts
    assert not re.search(r"\son[a-z]+\s*=", page), "inline event handler"
    assert " style=" not in page


def test_the_history_shows_the_month_as_a_calendar_and_a_list(world, patient_client):
    entry(world, 0, mood=8, journal="Sunny today", is_private=True)
    page = patient_client.get(reverse("diaries:history")).text
    assert 'class="diary-calendar' in page
    # The day is coloured by its mood (band 3: 7-8) and its number opens the entry.
    day = today(world).isoformat()
    assert f'<a class="day-mood" href="#entry-{day}">8' in page
    assert 'mood-band-3">' in page
    assert f'id="entry-{day}"' in page
    assert "Sunny today" in page  # their own private entry is theirs to read
    assert "private" in page


@pytest.mark.parametrize("month", ["2026-99", "abc", "3000-01", "1800-01", "<script>"])
def test_an_odd_month_shows_the_current_one(world, patient_client, month):
    response = patient_client.get(reverse("diaries:history"), {"month": month})
    assert response.status_code == 200
    assert today(world).strftime("%B %Y") in response.text


def test_a_past_month_can_be_opened(world, patient_client):
    first = today(world).replace(day=1) - timedelta(days=1)
    response = patient_client.get(reverse("diaries:history"), {"month": first.strftime("%Y-%m")})
    assert first.strftime("%B %Y") in response.text


def test_trends_pass_their_data_as_json_and_a_table_beside_each_chart(world, patient_client):
    entry(world, 2, mood=4, anxiety=7, energy=3, sleep_hours=5.5)
    entry(world, 0, mood=7, anxiety=2, energy=6, sleep_hours=8)
    page = patient_client.get(reverse("diaries:trends")).text
    data = json.loads(
        re.search(r'<script id="trend-data" type="application/json">(.*?)</script>', page, re.S)[1]
    )
    assert len(data) == 30
    assert [row["mood"] for row in data[-3:]] == [4, None, 7]
    assert data[-1]["sleep_hours"] == 8.0
    for key in ["mood", "anxiety", "energy", "sleep_hours"]:
        assert f'data-trend="{key}"' in page
    assert page.count('<table class="table table-sm">') == 4
    assert "vendor/chartjs/chart.umd.min.js" in page
    assert finders.find("vendor/chartjs/chart.umd.min.js"), "npm install chart.js"
    assert finders.find("js/diary-trends.js") and finders.find("js/diary-draft.js")


def test_trends_over_ninety_days_and_an_odd_choice_falls_back(world, patient_client):
    assert (
        len(patient_client.get(reverse("diaries:trends"), {"days": "90"}).context["series"]) == 90
    )
    assert (
        len(patient_client.get(reverse("diaries:trends"), {"days": "9999"}).context["series"]) == 30
    )


def test_the_csv_download_neutralises_spreadsheet_formulas(world, patient_client):
    entry(
        world,
        0,
        journal='=HYPERLINK("http://evil.test","click")',
        side_effects=[("other", "+1 dizzy", "mild")],
        practices=["exercise"],
    )
    entry(world, 1, journal="@SUM(A1:A9)")
    entry(world, 2, journal="-2+3")
    response = patient_client.get(reverse("diaries:export_csv"))
    assert response["Content-Disposition"] == 'attachment; filename="trellis-diary.csv"'
    rows = list(csv.DictReader(io.StringIO(response.content.decode())))
    assert [row["journal"] for row in rows] == [
        "'-2+3",
        "'@SUM(A1:A9)",
        '\'=HYPERLINK("http://evil.test","click")',
    ]
    assert rows[2]["side_effects"] == "'+1 dizzy (mild)"
    assert rows[2]["practices"] == "Exercise"


@pytest.mark.parametrize("cell", ["=1+1", "+1", "-1", "@x", "\t=1", "\r=1", "\uff1d1+1"])
def test_every_formula_start_is_made_text(cell):
    assert spreadsheet_safe(cell) == "'" + cell


@pytest.mark.parametrize("cell", ["plain", "1+1", "", 5, None, "café =1"])
def test_ordinary_cells_are_left_alone(cell):
    assert spreadsheet_safe(cell) == cell


def test_the_json_download_has_every_entry_and_its_unicode(world, patient_client):
    entry(world, 1, journal="Grüße 🙂 <b>", sleep_hours=6.5, sleep_quality=3)
    entry(world, 0, mood=9)
    response = patient_client.get(reverse("diaries:export_json"))
    body = json.loads(response.content)
    assert body["patient"] == world.patient.email
    assert [c["mood"] for c in body["checkins"]] == [6, 9]
    assert body["checkins"][0]["journal"] == "Grüße 🙂 <b>"
    assert body["checkins"][0]["sleep_hours"] == 6.5


def test_a_download_never_holds_another_patients_entries(world, patient_client):
    checkin_submit(patient=world.other_patient, clinic=world.clinic, mood=3, journal="Quinn's own")
    assert b"Quinn's own" not in patient_client.get(reverse("diaries:export_csv")).content
    assert b"Quinn's own" not in patient_client.get(reverse("diaries:export_json")).content


def test_the_history_page_query_count_does_not_grow_with_entries(
    world, patient_client, django_assert_max_num_queries
):
    for days_ago in range(7):
        entry(world, days_ago, side_effects=[("other", "tired", "mild")])
    with django_assert_max_num_queries(8):
        patient_client.get(reverse("diaries:history"))
