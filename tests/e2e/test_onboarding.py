"""From the admin's invitation to the new patient's first check-in, in a browser."""

import re
import urllib.parse

import pytest
from playwright.sync_api import expect

from apps.accounts.models import User
from apps.clinics.models import CareTeam, Membership, Role
from apps.diaries.models import CheckIn
from apps.safety.models import HealthProfile
from tests.e2e.conftest import PHONE, log_in, screenshot
from tests.e2e.test_patient import check_in
from tests.stack import wait_for

pytestmark = [pytest.mark.services, pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

NEW_PATIENT = "robin.new@maple.test"
NEW_PASSWORD = "lantern orchard 2026"


def invitation_link(smtp, to) -> str:
    """The link in the plain-text part of the invitation the web process sent."""

    def sent():
        return [m for _t, m in list(smtp.accepted) if to in m["To"]]

    assert wait_for(lambda: sent(), timeout=15), f"no email to {to}"
    for part in sent()[0].walk():
        if part.get_content_type() == "text/plain":
            text = part.get_payload(decode=True).decode()
            return re.search(r"https?://\S+/invite/\S+/", text).group(0)
    raise AssertionError("the invitation has no plain-text part")


def test_an_invited_patient_joins_fills_their_health_profile_and_checks_in(
    world, stack, browser_page
):
    admin = browser_page()
    log_in(admin, world.admin.email)
    admin.goto("/clinic/members/")
    admin.get_by_label("Email").fill(NEW_PATIENT)
    admin.get_by_label("Name").fill("Robin New")
    admin.get_by_label("Role").select_option(Role.PATIENT)
    admin.get_by_label("Primary clinician").select_option(label="Alice Clinician")
    admin.get_by_role("button", name="Send invitation").click()
    expect(admin.get_by_text(f"Invitation sent to {NEW_PATIENT}.")).to_be_visible()

    link = invitation_link(stack.smtp, NEW_PATIENT)
    patient = browser_page(viewport=PHONE)
    # The email's host is TRELLIS_SITE_URL; the path is the live server's.
    patient.goto(urllib.parse.urlsplit(link).path)
    expect(patient.get_by_role("heading", level=1)).to_have_text("Join Maple Clinic")
    expect(patient.get_by_label("Your name")).to_have_value("Robin New")
    patient.get_by_label("Choose a password").fill(NEW_PASSWORD)
    patient.get_by_label("The same password again").fill(NEW_PASSWORD)
    patient.get_by_role("button", name="Create my account").click()
    expect(patient).to_have_url(re.compile(r"/diary/$"))
    expect(patient.get_by_text("Welcome to Maple Clinic.")).to_be_visible()

    patient.get_by_role("link", name="tell us about your health").click()
    patient.get_by_label("Health conditions, past or present").fill("Migraine")
    patient.get_by_label("Medicines and supplements you take").fill("sertraline 50 mg")
    patient.get_by_label("A person you trust who can support you").fill("Sam, 555-0123")
    patient.get_by_role("button", name="Save").click()
    expect(
        patient.get_by_text("Saved. Your clinician will go through it with you.")
    ).to_be_visible()

    # On a phone the links are in the menu.
    patient.get_by_role("button", name="Menu").click()
    patient.get_by_role("link", name="My diary").click()
    expect(patient.get_by_text("tell us about your health")).to_have_count(0)
    check_in(patient, mood=7, journal="First day. Nervous but hopeful.")
    expect(patient.get_by_text("Saved. Thank you for checking in today.")).to_be_visible()
    screenshot(patient, "patient-first-checkin-phone")

    robin = User.objects.get(email=NEW_PATIENT)
    assert Membership.objects.filter(user=robin, clinic=world.clinic, role=Role.PATIENT).exists()
    assert CareTeam.objects.get(patient=robin, is_primary=True).clinician == world.alice
    assert HealthProfile.objects.get(patient=robin).medications == ["sertraline 50 mg"]
    assert CheckIn.objects.get(patient=robin).mood == 7

    # The password chosen on the invitation page is the one that signs in.
    patient.get_by_role("button", name="Menu").click()
    patient.get_by_role("button", name="Log out").click()
    log_in(patient, NEW_PATIENT, NEW_PASSWORD)
    expect(patient).to_have_url(re.compile(r"/diary/$"))
    assert admin.csp.messages == [] and patient.csp.messages == []

    # The link worked once.
    again = browser_page(viewport=PHONE)
    assert again.goto(urllib.parse.urlsplit(link).path).status in {404, 410}


def test_a_patient_invited_in_spanish_joins_on_a_phone_in_spanish(world, stack, browser_page):
    admin = browser_page()
    log_in(admin, world.admin.email)
    admin.goto("/clinic/members/")
    admin.get_by_label("Email").fill("lucia.nueva@maple.test")
    admin.get_by_label("Name").fill("Lucía Nueva")
    admin.get_by_label("Role").select_option(Role.PATIENT)
    admin.get_by_label("Primary clinician").select_option(label="Alice Clinician")
    admin.get_by_label("Language").select_option("es")
    admin.get_by_role("button", name="Send invitation").click()
    expect(admin.get_by_text("Invitation sent to lucia.nueva@maple.test.")).to_be_visible()

    link = invitation_link(stack.smtp, "lucia.nueva@maple.test")
    patient = browser_page(viewport=PHONE)
    patient.goto(urllib.parse.urlsplit(link).path)
    expect(patient.get_by_role("heading", level=1)).to_have_text("Únete a Maple Clinic")
    expect(patient.get_by_label("Tu nombre")).to_have_value("Lucía Nueva")
    patient.get_by_label("Elige una contraseña").fill(NEW_PASSWORD)
    patient.get_by_label("La misma contraseña otra vez").fill(NEW_PASSWORD)
    screenshot(patient, "invitation-accept-spanish-phone")
    patient.get_by_role("button", name="Crear mi cuenta").click()
    expect(patient).to_have_url(re.compile(r"/diary/$"))
    expect(patient.get_by_text("Te damos la bienvenida a Maple Clinic.")).to_be_visible()
    # Their pages go on in Spanish: the invitation's language became their own setting.
    expect(patient.locator("html")).to_have_attribute("lang", "es")
