"""An overdose told in a check-in, as a patient on a phone meets the crisis page: the
poison line (Poison Help in the US) right after the emergency number, with its call
button, and what to do about what was taken, in English and in Spanish. The page's
rules are tested without a browser in tests/diaries/test_crisis_overdose.py."""

import re

import pytest
from playwright.sync_api import expect

from apps.clinics.models import Membership
from tests.e2e.conftest import PHONE, axe_violations, log_in, screenshot

pytestmark = [pytest.mark.services, pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def card_headings(page) -> list[str]:
    return [text.strip() for text in page.locator(".crisis-card h2").all_inner_texts()]


def test_an_overdose_on_a_phone_shows_poison_help_right_after_911(world, stack, browser_page):
    page = browser_page(viewport=PHONE, bypass_csp=True)  # axe is an inline script
    log_in(page, world.patient.email)
    page.locator("label[for=id_mood_3]").click()
    page.locator("#id_journal").fill("I took the whole bottle of my sleeping pills an hour ago.")
    page.get_by_role("button", name="Save today's check-in").click()

    expect(page).to_have_url(re.compile(r"/crisis/\?checkin=\d+$"))
    expect(page.locator("#overdose-advice")).to_contain_text(
        "If you have taken too much of a medicine or a drug, call Poison Help now."
    )
    assert card_headings(page)[:3] == [
        "Emergency services",
        "Poison Help",
        "988 Suicide & Crisis Lifeline",
    ]
    call = page.get_by_role("link", name="Call 1-800-222-1222")
    expect(call).to_have_attribute("href", "tel:1-800-222-1222")
    call.scroll_into_view_if_needed()
    expect(call).to_be_in_viewport()
    screenshot(page, "crisis-overdose-poison-help-phone")
    assert axe_violations(page) == []


def test_a_spanish_overdose_on_a_phone_shows_the_spanish_poison_line(world, stack, browser_page):
    Membership.objects.filter(user=world.patient).update(language="es")
    page = browser_page(viewport={"width": 390, "height": 844})
    log_in(page, world.patient.email)
    page.locator("label[for=id_mood_3]").click()
    page.locator("#id_journal").fill("Me tomé todas las pastillas del frasco hace una hora.")
    page.get_by_role("button", name="Guardar el registro de hoy").click()

    expect(page).to_have_url(re.compile(r"/crisis/\?checkin=\d+$"))
    expect(page.locator("html")).to_have_attribute("lang", "es")
    expect(page.locator("#overdose-advice")).to_contain_text("Si te vence el sueño")
    assert card_headings(page)[:2] == ["Emergencias", "Línea de ayuda por envenenamiento"]
    expect(page.get_by_role("link", name="Llama al 1-800-222-1222")).to_have_attribute(
        "href", "tel:1-800-222-1222"
    )
    screenshot(page, "crisis-overdose-poison-help-spanish-phone")
    assert page.csp.messages == []
