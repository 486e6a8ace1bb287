"""Issue 18 in a real browser: an acknowledged crisis stays on top of the
caseload, and an empty profile never reads "clear"."""

import re
from datetime import timedelta

import pytest
from playwright.sync_api import expect

from apps.alerts.services import alert_acknowledge
from apps.clinics.models import CareTeam, Role
from apps.diaries.models import CheckIn
from apps.diaries.services import checkin_submit
from apps.protocols.selectors import clinic_today
from tests.conftest import TOTP_SECRET, make_member
from tests.e2e.conftest import log_in, screenshot

pytestmark = [pytest.mark.services, pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def test_an_acknowledged_crisis_stays_on_top_of_the_caseload(world, stack, browser_page):
    alert = checkin_submit(
        patient=world.patient, clinic=world.clinic, mood=4, journal="I want to kill myself."
    ).alerts[0]
    alert_acknowledge(alert=alert, by=world.alice, note="called, no answer")
    # A patient whose mood dropped, and a new one with no data at all.
    dana = make_member(world.clinic, "dana@maple.test", Role.PATIENT, "Dana Drop")
    newcomer = make_member(world.clinic, "aaron@maple.test", Role.PATIENT, "Aaron New")
    for patient in (dana, newcomer):
        CareTeam.objects.create(
            clinic=world.clinic, patient=patient, clinician=world.alice, is_primary=True
        )
    today = clinic_today(world.clinic)
    for offset, mood in enumerate(reversed([8] * 20 + [3] * 7)):
        CheckIn.objects.create(
            patient=dana, clinic=world.clinic, local_date=today - timedelta(days=offset), mood=mood
        )

    page = browser_page()
    log_in(page, world.alice.email, totp_secret=TOTP_SECRET)
    page.goto("/clinician/")
    rows = page.locator("table.caseload-table tbody tr")
    expect(rows.first).to_contain_text("Pat Patient")
    expect(rows.first).to_contain_text(
        re.compile(r"Critical alert acknowledged by Alice Clinician .* E[SD]T, unresolved")
    )
    expect(rows.nth(1)).to_contain_text("Dana Drop")
    expect(rows.nth(2)).to_contain_text("Aaron New")
    expect(rows.nth(2)).to_contain_text("Not screened: no health profile yet")
    expect(page.get_by_role("heading", name="Open alerts (1)")).to_be_visible()
    screenshot(page, "clinician-caseload-acknowledged")
