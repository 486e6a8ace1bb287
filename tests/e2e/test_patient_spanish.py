"""Issue 19: a patient who reads Spanish, on a 390x844 phone, in a real
browser against the real stack: the check-in in Spanish, and a crisis entry
leading to the Spanish crisis page with its Spanish-language services."""

import re

import pytest
from playwright.sync_api import expect

from apps.clinics.models import Membership
from apps.diaries.models import CheckIn
from tests.e2e.conftest import log_in, screenshot

pytestmark = [pytest.mark.services, pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def spanish_page(world, stack, browser_page):
    Membership.objects.filter(user=world.patient).update(language="es")
    page = browser_page(viewport=PHONE)
    log_in(page, world.patient.email)
    expect(page).to_have_url(re.compile(r"/diary/$"))
    return page


def test_a_spanish_patient_checks_in_on_a_phone_in_spanish(world, spanish_page):
    page = spanish_page
    expect(page.locator("html")).to_have_attribute("lang", "es")
    header = page.get_by_role("navigation", name="Principal")
    expect(header.get_by_role("link", name="¿Necesitas ayuda ahora?")).to_be_in_viewport()
    expect(page.get_by_text("¿Cómo está tu ánimo hoy?")).to_be_visible()
    save = page.get_by_role("button", name="Guardar el registro de hoy")
    expect(save).to_be_in_viewport()
    screenshot(page, "checkin-spanish")

    page.locator("label[for=id_mood_6]").click()
    save.click()
    page.wait_for_load_state()
    expect(page.get_by_text("Guardado. Gracias por hacer tu registro hoy.")).to_be_visible()
    assert CheckIn.objects.get(patient=world.patient).mood == 6
    assert page.csp.messages == []


def test_a_spanish_crisis_entry_shows_the_spanish_crisis_page(world, spanish_page):
    page = spanish_page
    page.locator("label[for=id_mood_3]").click()
    page.get_by_label("Lo que quieras anotar").fill("Ya no aguanto más, quiero desaparecer.")
    page.get_by_role("button", name="Guardar todo el registro").click()
    page.wait_for_load_state()

    expect(page).to_have_url(re.compile(r"/crisis/\?checkin=\d+$"))
    expect(page.locator("html")).to_have_attribute("lang", "es")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "No tienes que pasar por esto a solas"
    )
    expect(page.get_by_text("Nadie vigila Trellis a todas horas").first).to_be_visible()
    # A service to call, with its number, is on the first screen.
    expect(page.locator("a[href^='tel:']").first).to_be_in_viewport()
    assert page.csp.messages == []
