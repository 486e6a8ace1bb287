"""A real browser against the real stack.

One stack for the tests of this folder: gunicorn, a Celery worker and beat (tests/stack.py)
against the test PostgreSQL database, with their own Redis and a loopback SMTP
server whose accepted messages the tests read (invitations, alert emails).
Each test gets a fresh browser context, so nothing (cookies, storage) leaks
from one test to the next, and the usual `world` in a flushed database.

Chromium is Debian's /usr/bin/chromium (scripts/install-system-packages.sh);
Playwright's own browser download is never used.
"""

import base64
import hashlib
import hmac
import os
import struct
import time
from pathlib import Path

import pytest
from django.contrib.auth.hashers import PBKDF2PasswordHasher

from tests.conftest import SERVICES_REQUIRED, TOTP_SECRET
from tests.stack import ROOT, AppProcesses, RedisServer, SmtpServer

# Playwright's sync API keeps an asyncio loop in this thread, and Django then
# refuses ORM calls from it (SynchronousOnlyOperation) although they are plain
# blocking calls made between browser steps.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = ROOT / "docs" / "screenshots"
PASSWORD = "correct horse battery"  # tests/conftest.py's make_member
PHONE = {"width": 360, "height": 740}


def pytest_collection_modifyitems(config, items):
    for item in items:
        if "e2e" in item.keywords and not CHROMIUM.exists():
            if SERVICES_REQUIRED:
                raise pytest.UsageError(
                    f"{CHROMIUM} is missing; run scripts/install-system-packages.sh"
                )
            item.add_marker(pytest.mark.skip(reason=f"{CHROMIUM} is missing"))


class QuickPBKDF2PasswordHasher(PBKDF2PasswordHasher):
    """Hashes the web process can verify (PBKDF2 reads its iteration count
    from the hash) without paying a million iterations per test user; the
    suite's MD5 hasher is not one the web process knows."""

    iterations = 1000


@pytest.fixture(autouse=True)
def _hashes_the_web_process_reads(settings):
    settings.PASSWORD_HASHERS = ["tests.e2e.conftest.QuickPBKDF2PasswordHasher"]


@pytest.fixture(scope="package")
def stack(django_db_setup, tmp_path_factory):
    """The app's processes, started once for all the browser tests and stopped
    when they are done: left running, beat's fast sweep would deliver the
    alerts of later tests that break delivery on purpose."""
    directory = tmp_path_factory.mktemp("e2e-stack")
    redis = RedisServer(directory)
    redis.start()
    smtp = SmtpServer()
    smtp.start()
    app = AppProcesses(directory, redis_url=redis.url, smtp_port=smtp.port)
    app.smtp = smtp
    try:
        app.start_web()
        app.start_worker()
        app.start_beat()
        yield app
    finally:
        app.stop_all()
        smtp.stop()
        redis.stop()


@pytest.fixture(autouse=True)
def _fresh_login_rate_limits(request):
    """Every browser test signs in from 127.0.0.1, and allauth allows 30
    sign-ins a minute per address (config/settings.py): a quick run of tests
    would otherwise be refused as one client hammering the login page. Each
    test starts as a new client would; the limits themselves are tested in
    tests/accounts/test_rate_limits.py."""
    if "stack" not in request.fixturenames:
        return
    import redis

    client = redis.Redis.from_url(request.getfixturevalue("stack").env["REDIS_URL"])
    for key in client.scan_iter(match="*allauth:rl:*"):
        client.delete(key)
    client.close()


@pytest.fixture(scope="session")
def chromium():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


class CspWatch:
    """Console messages about the Content-Security-Policy: a page that needs
    an inline script or style to work shows up here."""

    def __init__(self, page):
        self.messages = []
        page.on("console", self._record)

    def _record(self, message):
        if "Content Security Policy" in message.text:
            self.messages.append(message.text)


def new_page(chromium, stack, *, viewport=None, bypass_csp=False):
    context = chromium.new_context(
        base_url=stack.base_url,
        viewport=viewport or {"width": 1280, "height": 900},
        bypass_csp=bypass_csp,
    )
    context.set_default_timeout(15_000)
    page = context.new_page()
    page.csp = CspWatch(page)
    return page


@pytest.fixture
def browser_page(chromium, stack):
    """A new page factory; every context it opened is closed afterwards."""
    pages = []

    def make(**options):
        page = new_page(chromium, stack, **options)
        pages.append(page)
        return page

    yield make
    for page in pages:
        page.context.close()


def totp_now(secret_base32: str, *, at: float | None = None, step: int = 30, digits: int = 6):
    """RFC 6238 TOTP (HMAC-SHA1), the scheme allauth.mfa uses, for the login
    helper to answer an authenticator prompt as a phone app would."""
    key = base64.b32decode(secret_base32.upper() + "=" * (-len(secret_base32) % 8))
    counter = int((time.time() if at is None else at) // step)
    digest = hmac.new(key, struct.pack(">Q", counter), hashlib.sha1).digest()
    offset = digest[-1] & 0x0F
    value = struct.unpack(">I", digest[offset : offset + 4])[0] & 0x7FFFFFFF
    return str(value % 10**digits).zfill(digits)


def log_in(page, email, password=PASSWORD, *, totp_secret=TOTP_SECRET):
    """Sign in through the real login page. If the site then asks for an
    authenticator code (MFA for staff; world's staff share tests/conftest.py's
    secret), answer it from `totp_secret`. allauth refuses a code used once
    already, so a second sign-in within the same 30 s uses the neighbouring
    step's code, which its one-step tolerance accepts."""
    page.goto("/accounts/login/")
    page.get_by_label("Email").fill(email)
    page.get_by_label("Password", exact=False).first.fill(password)
    page.locator("main form button[type=submit]").click()
    page.wait_for_load_state()
    code = page.locator("input[name=code]")
    if code.count():
        assert totp_secret, f"{page.url} asks {email} for an authenticator code; pass totp_secret"
        for offset in (0, 30, -30):
            code.fill(totp_now(totp_secret, at=time.time() + offset))
            page.locator("main form button[type=submit]").first.click()
            page.wait_for_load_state()
            if not code.count():
                break
    assert "/accounts/login/" not in page.url, f"login failed for {email}: {page.url}"


def screenshot(page, name):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"{name}.png", full_page=True)


def axe_violations(page, *, impacts=("serious", "critical")):
    """Run axe-core on the page as it is; the page's context must bypass the
    CSP, since the injected script is inline."""
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
    return [
        {
            "id": v["id"],
            "impact": v["impact"],
            "help": v["help"],
            "nodes": [n["target"] for n in v["nodes"]][:5],
        }
        for v in result["violations"]
        if v["impact"] in impacts
    ]
