"""Issue 19: the login page on a phone looks like the rest of Trellis and
says how accounts come about (by invitation); in Spanish for a Spanish browser."""

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import axe_violations, screenshot

pytestmark = [pytest.mark.services, pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PHONE = {"width": 390, "height": 844}


def test_the_login_page_on_a_phone_is_styled_and_invite_only(stack, browser_page):
    page = browser_page(viewport=PHONE)
    page.goto("/accounts/login/")
    button = page.get_by_role("button", name="Log in")
    expect(button).to_be_in_viewport()
    # Bootstrap's primary button, not the browser's grey default.
    colour = button.evaluate("b => getComputedStyle(b).backgroundColor")
    assert colour not in ("rgb(239, 239, 239)", "rgb(240, 240, 240)", "rgba(0, 0, 0, 0)"), colour
    assert button.bounding_box()["width"] > PHONE["width"] * 0.7
    expect(page.get_by_text("come by invitation from your clinic")).to_be_visible()
    expect(page.get_by_text("sign up", exact=False)).to_have_count(0)
    screenshot(page, "login-phone")
    assert page.csp.messages == []


def test_the_login_page_has_no_serious_accessibility_problem(stack, browser_page):
    page = browser_page(viewport=PHONE, bypass_csp=True)
    page.goto("/accounts/login/")
    assert axe_violations(page) == []


def test_a_spanish_browser_gets_the_login_page_in_spanish(stack, chromium):
    context = chromium.new_context(base_url=stack.base_url, viewport=PHONE, locale="es-MX")
    try:
        page = context.new_page()
        page.goto("/accounts/login/")
        expect(page.get_by_role("heading", level=1)).to_have_text("Iniciar sesión en Trellis")
        expect(page.get_by_role("link", name="¿Necesitas ayuda ahora?")).to_be_visible()
    finally:
        context.close()
