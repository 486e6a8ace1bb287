"""The session brief for a dropping patient, in a real browser (issue 18):
it says mood dropped with the numbers, shows the screening flags and the
chart, and its PDF says the same."""

from datetime import timedelta
from io import BytesIO

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from apps.diaries.models import CheckIn
from apps.protocols.selectors import clinic_today
from apps.safety.screening import health_profile_update
from tests.conftest import TOTP_SECRET
from tests.dashboards.test_caseload import alices_patient
from tests.e2e.conftest import log_in, screenshot
from tests.protocols.conftest import assign

pytestmark = [pytest.mark.services, pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

WEEKS_AROUND_7 = [7, 7, 8, 7, 6, 7, 7, 8, 7, 7, 7, 6, 7, 7, 8, 7, 7, 7, 7, 7]


def a_dropping_patient(world):
    """Pat: on psilocybin for three weeks with mood around 7, then a 3 today;
    on sertraline, with a family history of bipolar disorder."""
    assign(world, started_days_ago=21)
    health_profile_update(
        patient=world.patient,
        clinic=world.clinic,
        data={"medications": ["sertraline 50 mg"], "family_history": ["bipolar disorder"]},
        by=world.patient,
    )
    today = clinic_today(world.clinic)
    for offset, mood in enumerate(reversed([*WEEKS_AROUND_7, 3])):
        CheckIn.objects.create(
            patient=world.patient,
            clinic=world.clinic,
            local_date=today - timedelta(days=offset),
            mood=mood,
            journal="Quiet day." if mood != 3 else "Everything feels heavy again.",
        )
    # A steady neighbour on the caseload, for the screenshot.
    steady = alices_patient(world, "Sam Steady")
    for offset in range(12):
        CheckIn.objects.create(
            patient=steady,
            clinic=world.clinic,
            local_date=today - timedelta(days=offset),
            mood=6,
        )


def test_the_brief_for_a_dropping_patient_says_so_and_its_pdf_too(world, stack, browser_page):
    a_dropping_patient(world)
    page = browser_page()
    log_in(page, world.alice.email, totp_secret=TOTP_SECRET)

    page.goto("/clinician/")
    row = page.locator("tr", has_text="Pat Patient")
    expect(row).to_contain_text("mood dropped: last entry 3 on")
    screenshot(page, "caseload")

    page.goto(f"/clinician/patients/{world.patient.pk}/brief/")
    mood = page.locator("section.brief-section", has_text="Mood dropped")
    expect(mood).to_contain_text("last entry 3 on")
    expect(mood).to_contain_text("below their usual 7")
    expect(page.get_by_text("Mood steady")).to_have_count(0)
    expect(page.get_by_role("img", name="Mood chart. Mood from")).to_be_visible()
    screening = page.locator("section.brief-section", has_text="Screening")
    expect(screening).to_contain_text("SSRI")
    expect(screening).to_contain_text("bipolar")
    screenshot(page, "brief")

    with page.expect_download() as download_info:
        page.get_by_role("link", name="Download as PDF").click()
    content = download_info.value.path().read_bytes()
    assert content.startswith(b"%PDF")
    text = " ".join(" ".join(p.extract_text() for p in PdfReader(BytesIO(content)).pages).split())
    assert "Mood dropped: last entry 3 on" in text
    assert "SSRI" in text and "bipolar" in text.lower()
    assert "Mood from" in text  # the chart's text alternative
