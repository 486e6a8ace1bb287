"""Issue 20: a whole blinded n-of-1 trial in a real browser, in fast-forward.

The clinician sets the trial up (a refused form first), opens the preparer's
sheet and its PDF; the patient logs this week's envelope code and a guess on
a phone; an early unblinding without a reason is refused; then the trial is
moved back twelve weeks and its days written through the services the check-in
uses, and the clinician reads the result and its PDF, the patient theirs."""

import io
import random
import re
from datetime import timedelta

import pytest
from playwright.sync_api import expect
from pypdf import PdfReader

from apps.diaries.models import CheckIn
from apps.protocols.selectors import clinic_today
from apps.trials.models import Guess, Trial, TrialDay
from apps.trials.services import trial_day_log, trial_fast_forward
from tests.e2e.conftest import SCREENSHOTS, log_in, screenshot
from tests.protocols.conftest import assign, doses

pytestmark = [pytest.mark.services, pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PHONE_390 = {"width": 390, "height": 844}


def pdf_text(page, url) -> str:
    """The PDF the link serves, fetched with the browser's own session."""
    response = page.request.get(url)
    assert response.ok and response.headers["content-type"] == "application/pdf"
    return " ".join(p.extract_text() for p in PdfReader(io.BytesIO(response.body())).pages)


def days_written(world, trial, *, effect=1.5, seed=7):
    """Twelve weeks of check-ins, codes and guesses, as the patient would have
    logged them: mood higher on active days, guesses half following them."""
    rng = random.Random(seed)
    allocation = trial.allocation_for_sheet()
    for n, day in enumerate(trial.days()):
        arm = allocation[n // 7]
        CheckIn.objects.update_or_create(
            patient=world.patient,
            local_date=day,
            defaults={
                "clinic": world.clinic,
                "mood": round(
                    min(10, max(0, 6 + (effect if arm == "active" else 0) + rng.gauss(0, 1)))
                ),
                "energy": round(min(10, max(0, 5 + rng.gauss(0, 1)))),
            },
        )
        guess = arm if rng.random() < 0.5 else rng.choice(list(Guess.values))
        trial_day_log(trial=trial, local_date=day, code=trial.codes[n // 7], guess=guess)


def test_a_blinded_trial_from_set_up_to_its_result(world, stack, browser_page):
    assign(world, started_days_ago=1, doses=doses(psilocybin="0.1"))
    today = clinic_today(world.clinic)

    # --- the clinician sets it up; the form explains what is missing
    clinician = browser_page()
    log_in(clinician, world.alice.email)
    clinician.goto(f"/clinician/patients/{world.patient.pk}/")
    clinician.get_by_role("link", name="Blinded trial").click()
    clinician.get_by_role("link", name="Set up a blinded trial").click()
    clinician.get_by_label("Length").select_option("12")
    clinician.get_by_label("First day").fill(today.isoformat())
    clinician.get_by_role("button", name="Draw and seal the allocation").click()
    expect(clinician.get_by_text("Name the person who prepares the capsules.")).to_be_visible()
    assert not Trial.objects.exists()
    clinician.get_by_label("Who prepares the capsules").fill("Sam Okafor, pharmacist")
    clinician.get_by_role("button", name="Draw and seal the allocation").click()
    expect(clinician.get_by_text("The trial is set up and its allocation sealed")).to_be_visible()
    expect(clinician.get_by_text("Running", exact=True)).to_be_visible()
    trial = Trial.objects.get()
    body = clinician.locator("main").inner_text()
    assert "placebo" not in body.lower()

    # --- the preparer's sheet, on screen and as PDF
    clinician.get_by_role("link", name="The preparer's sheet").click()
    expect(clinician.get_by_text("Keep this sheet away from the patient")).to_be_visible()
    rows = clinician.locator("table tbody tr")
    expect(rows).to_have_count(12)
    for code, arm in zip(trial.codes, trial.allocation_for_sheet(), strict=True):
        row = clinician.locator("tr", has_text=code)
        expect(row).to_contain_text("ACTIVE" if arm == "active" else "PLACEBO")
    sheet = pdf_text(clinician, f"/patients/{world.patient.pk}/trial/sheet.pdf")
    assert all(f"envelope {code}" in sheet for code in trial.codes)

    # --- the patient, on a phone: this week's code and a guess
    patient = browser_page(viewport=PHONE_390)
    log_in(patient, world.patient.email)
    expect(patient).to_have_url(re.compile(r"/diary/$"))
    patient.wait_for_load_state("networkidle")
    expect(patient.get_by_text("Blinded trial · week 1 of 12")).to_be_visible()
    patient.get_by_label("Took today's capsule? Type the code on its envelope").fill(
        trial.codes[0].lower()
    )
    patient.get_by_role("button", name="Log code").click()
    expect(patient.get_by_text(f"capsule from envelope {trial.codes[0]}")).to_be_visible()
    patient.get_by_role("button", name="Not sure").click()
    expect(patient.get_by_role("button", name="Not sure")).to_have_attribute("aria-pressed", "true")
    day = TrialDay.objects.get(local_date=today)
    assert (day.code, day.guess) == (trial.codes[0], "unsure")
    assert patient.evaluate("document.documentElement.scrollWidth") <= PHONE_390["width"]
    # The phone's first screen, as the patient sees it (not the whole page).
    patient.screenshot(path=SCREENSHOTS / "trial-checkin-phone.png")
    assert patient.csp.messages == []

    # --- early unblinding without a reason is refused
    clinician.goto(f"/patients/{world.patient.pk}/trial/")
    clinician.get_by_text("Unblind early, for safety").click()
    clinician.get_by_role("button", name="Unblind now").click()
    expect(clinician.get_by_text("Not unblinded. Give a reason to unblind early")).to_be_visible()
    assert Trial.objects.get().unblinded_at is None

    # --- fast-forward: twelve weeks back, each day written through the services
    TrialDay.objects.all().delete()
    trial = trial_fast_forward(trial=Trial.objects.get(), days_back=84)
    days_written(world, trial)

    # --- the result, on screen and as PDF
    clinician.goto(f"/patients/{world.patient.pk}/trial/")
    clinician.get_by_role("link", name="See the result").click()
    main = clinician.locator("main")
    expect(main).to_contain_text("Active minus placebo")
    expect(main).to_contain_text("How well the blind held")
    expect(main).to_contain_text("Thought active")
    text = main.inner_text()
    assert re.search(r"Mood\s+\d+\.\d", text), text[:400]
    assert "randomisation test p = " in text
    screenshot(clinician, "trial-result")
    result = pdf_text(clinician, f"/patients/{world.patient.pk}/trial/result.pdf")
    assert "Active minus placebo" in result and "The allocation, unsealed" in result
    for code in trial.codes:
        assert code in result
    assert clinician.csp.messages == []

    # --- the patient's own result, in plain words
    patient.goto("/diary/trial/")
    mood = patient.get_by_text(re.compile("On active weeks your mood averaged"))
    expect(mood).to_contain_text("the likely range runs from")
    screenshot(patient, "trial-result-patient-phone")
    assert today - timedelta(days=1) == trial.end_date


def test_the_trial_pages_have_no_serious_accessibility_violation(world, stack, browser_page):
    """axe-core on the pages of a running trial (status, sheet, the phone
    check-in with its code and guess) and of a finished one (result, the
    patient's result, the check-in's pointer to it)."""
    from tests.e2e.conftest import PHONE, axe_violations
    from tests.trials.conftest import finished, set_up

    plan = assign(world, started_days_ago=1, doses=doses(psilocybin="0.1"))
    trial = set_up(world, plan, weeks=12, start=clinic_today(world.clinic))
    patient_id = world.patient.pk
    clinician = browser_page(bypass_csp=True)
    log_in(clinician, world.alice.email)
    patient = browser_page(viewport=PHONE, bypass_csp=True)
    log_in(patient, world.patient.email)
    found = {}

    def check(page, path):
        assert page.goto(path).status == 200, path
        found[path] = axe_violations(page)

    for path in ("trial/", "trial/sheet/", "trial/new/"):
        check(clinician, f"/patients/{patient_id}/{path}")
    check(patient, "/diary/")
    check(patient, "/diary/trial/")
    # A finished trial in its place: the result pages.
    Trial.objects.filter(pk=trial.pk).delete()
    finished(world, plan, weeks=8, effect=1.0)
    for path in ("trial/", "trial/result/"):
        check(clinician, f"/patients/{patient_id}/{path}")
    check(patient, "/diary/")
    check(patient, "/diary/trial/")
    assert not {path: v for path, v in found.items() if v}, found
