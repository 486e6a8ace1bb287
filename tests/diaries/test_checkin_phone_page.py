"""Issue 19, the check-in's pieces that need no browser: the dose buttons'
partial update, the diary's due questionnaires, the history colours, the
reminder time zones and the installable app's files."""

from io import StringIO

import pytest
from django.contrib.staticfiles import finders
from django.core.management import call_command
from django.urls import reverse

from apps.diaries.forms import ReminderForm, timezone_choices, timezone_names
from apps.diaries.models import ReminderPreference
from apps.diaries.questionnaires import questionnaire_schedule_set, questionnaires_due
from apps.diaries.selectors import mood_band
from apps.protocols.models import DoseLog
from tests.protocols.conftest import assign, component, doses

from .helpers import post_checkin, today

pytestmark = pytest.mark.django_db


@pytest.fixture
def patient_client(world, client):
    client.force_login(world.patient)
    return client


def test_a_dose_logged_through_htmx_answers_with_the_plan_section_only(world, patient_client):
    assign(world, doses=doses(psilocybin="0.1"))
    response = patient_client.post(
        reverse("protocols:log"),
        {"component": component("psilocybin").pk, "action": "as_planned", "next": "/diary/"},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    page = response.text
    assert page.lstrip().startswith("<section") and "<html" not in page
    assert "Noted. Thank you." in page and "Taken as planned" in page
    assert DoseLog.objects.filter(patient=world.patient).count() == 1
    # The note was said in the section: it is not said again on the next page.
    assert "Noted. Thank you." not in patient_client.get(reverse("diaries:today")).text


def test_without_javascript_the_dose_button_still_posts_and_comes_back(world, patient_client):
    assign(world, doses=doses(psilocybin="0.1"))
    response = patient_client.post(
        reverse("protocols:log"),
        {"component": component("psilocybin").pk, "action": "as_planned", "next": "/diary/"},
    )
    assert (response.status_code, response["Location"]) == (302, "/diary/")
    assert "Noted. Thank you." in patient_client.get("/diary/").text


def test_a_refused_htmx_dose_says_why_in_the_section(world, patient_client):
    assign(world, doses=doses(psilocybin="0.1"))
    response = patient_client.post(
        reverse("protocols:log"),
        {"component": component("magnesium").pk, "action": "as_planned"},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200
    assert "not part of your plan" in response.text
    assert not DoseLog.objects.exists()


def test_the_diary_page_keeps_doses_mood_and_save_before_the_optional_rest(world, patient_client):
    assign(world, doses=doses(psilocybin="0.1"))
    page = patient_client.get(reverse("diaries:today")).text
    order = [
        page.index("Took 0.1 g as planned"),
        page.index('name="mood"'),
        page.index("Save today's check-in"),
        page.index("More, if you like"),
        page.index('name="anxiety"'),
        page.index('name="journal"'),
    ]
    assert order == sorted(order)
    assert "{#" not in page and "{%" not in page  # no template comment shown as text
    assert 'hx-post="/diary/plan/log/"' in page


def test_due_questionnaires_show_on_the_diary_page_with_a_way_to_start(world, patient_client):
    questionnaire_schedule_set(
        patient=world.patient,
        clinic=world.clinic,
        instrument="phq9",
        every=2,
        unit="weeks",
        starts_on=today(world),
        is_active=True,
        by=world.alice,
    )
    page = patient_client.get(reverse("diaries:today")).text
    assert "Questionnaires for today" in page
    assert reverse("diaries:questionnaire_fill", args=["phq9"]) in page


def test_nothing_due_shows_no_questionnaire_box(world, patient_client):
    assert "Questionnaires for today" not in patient_client.get(reverse("diaries:today")).text


def test_the_demo_schedules_a_phq9_and_a_gad7_so_both_are_due():
    call_command("seed_demo", stdout=StringIO())
    from apps.accounts.models import User
    from apps.diaries.services import today_for

    patient = User.objects.get(email="patient1@demo.trellis.test")
    clinic = patient.memberships.get().clinic
    due = questionnaires_due(patient=patient, local_date=today_for(clinic=clinic))
    assert {d.instrument for d in due} == {"phq9", "gad7"}


@pytest.mark.parametrize(
    "mood, band", [(0, 0), (2, 0), (3, 1), (4, 1), (5, 2), (6, 2), (7, 3), (8, 3), (9, 4), (10, 4)]
)
def test_each_mood_has_its_calendar_colour(mood, band):
    assert mood_band(mood) == band


def test_the_time_zones_are_real_places_with_common_ones_first():
    names = timezone_names()
    for legacy in ["Factory", "localtime", "US/Eastern", "Asia/Calcutta", "Etc/GMT+5", "GB"]:
        assert legacy not in names
    assert {"Europe/London", "America/New_York", "Asia/Kolkata", "UTC"} <= set(names)
    (common_label, common), (_, rest) = timezone_choices()
    assert common_label == "Common time zones"
    assert common[0] == ("America/New_York", "New York (America)")
    assert not {value for value, _ in common} & {value for value, _ in rest}


def test_a_zone_saved_under_an_older_name_stays_selectable(world):
    form = ReminderForm(
        {"enabled": "on", "time": "20:00", "timezone": "US/Eastern"},
        initial={"timezone": "US/Eastern"},
    )
    assert form.is_valid(), form.errors
    assert not ReminderForm({"enabled": "on", "time": "20:00", "timezone": "Factory"}).is_valid()


def test_the_browser_zone_is_suggested_only_when_nothing_is_saved(world, patient_client):
    page = patient_client.get(reverse("diaries:reminders")).text
    assert "data-suggest-browser-zone" in page and "js/timezone-suggest.js" in page
    ReminderPreference.objects.create(patient=world.patient, timezone="Europe/London")
    assert "data-suggest-browser-zone" not in patient_client.get(reverse("diaries:reminders")).text


def test_the_manifest_names_icons_that_exist_and_the_favicon_is_found(client):
    manifest = client.get("/manifest.webmanifest")
    assert manifest["Content-Type"] == "application/manifest+json"
    data = manifest.json()
    assert data["start_url"] == reverse("diaries:today") and data["display"] == "standalone"
    for icon in data["icons"]:
        assert finders.find(icon["src"].removeprefix("/static/")), icon["src"]
    favicon = client.get("/favicon.ico")
    assert favicon.status_code == 302
    assert finders.find(favicon["Location"].removeprefix("/static/"))


def test_every_page_links_the_icon_and_the_manifest(client):
    page = client.get(reverse("diaries:crisis")).text
    assert 'rel="manifest" href="/manifest.webmanifest"' in page
    assert "icons/favicon.ico" in page


def test_a_checkin_post_never_reads_the_plan_for_its_side_effects(world, patient_client):
    # The side-effect rows the page shows come from the plan; the POST must
    # not ask for them (tests/diaries/test_checkin_queries.py pins its count).
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    assign(world, doses=doses(psilocybin="0.1"))
    with CaptureQueriesContext(connection) as queries:
        post_checkin(patient_client, mood="6")
    assert not [q for q in queries if "protocols_planitem" in q["sql"]]
