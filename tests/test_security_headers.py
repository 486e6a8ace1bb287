"""Headers on every page, and templates a strict Content-Security-Policy can
serve: no inline script, no inline event handlers, no style attributes."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from tests.test_project import ROOT, production_env

TEMPLATES = Path(settings.BASE_DIR) / "templates"
# Emails are read in mail clients, not served under our CSP; they may carry
# inline styles (many clients ignore stylesheets), never script.
EMAILS = TEMPLATES / "emails"

SCRIPT_TAG = re.compile(r"<script\b([^>]*)>", re.IGNORECASE)
EVENT_HANDLER = re.compile(r"""<[^>]*\son[a-z]+\s*=""", re.IGNORECASE)
STYLE_ATTRIBUTE = re.compile(r"""<[^>]*\sstyle\s*=""", re.IGNORECASE)
JAVASCRIPT_URL = re.compile(r"""(href|src|action)\s*=\s*["']?\s*javascript:""", re.IGNORECASE)


def inline_problems(text, *, allow_style=False):
    problems = []
    for match in SCRIPT_TAG.finditer(text):
        attributes = match.group(1)
        # Data blocks (json_script, allauth's) are not executed.
        if "src=" not in attributes and "application/json" not in attributes:
            problems.append(f"inline <script{attributes}>")
    problems += [f"event handler: {m.group(0)[:60]}" for m in EVENT_HANDLER.finditer(text)]
    problems += [f"javascript: URL: {m.group(0)}" for m in JAVASCRIPT_URL.finditer(text)]
    if not allow_style:
        problems += [f"style attribute: {m.group(0)[:60]}" for m in STYLE_ATTRIBUTE.finditer(text)]
    return problems


def all_templates():
    return sorted(p for p in TEMPLATES.rglob("*") if p.suffix in {".html", ".txt"})


@pytest.mark.parametrize("template", all_templates(), ids=lambda p: str(p.relative_to(TEMPLATES)))
def test_no_template_has_inline_script_or_handlers(template):
    text = template.read_text(encoding="utf-8")
    assert not inline_problems(text, allow_style=template.is_relative_to(EMAILS))


def test_the_scanner_catches_what_it_is_for():
    assert inline_problems("<script>alert(1)</script>")
    assert inline_problems('<button onclick="go()">')
    assert inline_problems('<a href="javascript:go()">')
    assert inline_problems('<div style="color: red">')
    assert not inline_problems('<script src="/static/js/x.js"></script>')
    assert not inline_problems('<script id="d" type="application/json">{}</script>')


def csp_of(response):
    policy = response["Content-Security-Policy"]
    return dict((part.split()[0], part.split()[1:]) for part in policy.split(";") if part.strip())


PAGES = [
    (None, "account_login"),
    (None, "diaries:crisis"),
    ("patient", "diaries:today"),
    ("patient", "diaries:safety_plan"),
    ("alice", "dashboards:caseload"),
    ("alice", "alerts:inbox"),
    ("alice", "mfa_index"),
    ("admin", "clinics:members"),
    ("patient", "diaries:health_profile"),
    ("alice", "dashboards:patient"),
    ("alice", "dashboards:risk_settings"),
    ("alice", "dashboards:safety_plan"),
    ("alice", "dashboards:health_profile"),
]


@pytest.mark.parametrize(("who", "name"), PAGES)
def test_every_page_carries_a_strict_policy_and_the_other_headers(who, name, world, client):
    if who:
        client.force_login(getattr(world, who))
    args = (
        [world.patient.pk]
        if name.startswith("dashboards:") and name != "dashboards:caseload"
        else []
    )
    response = client.get(reverse(name, args=args))
    assert response.status_code == 200
    csp = csp_of(response)
    assert csp["script-src"] == ["'self'"]
    assert csp["style-src"] == ["'self'"]
    assert csp["default-src"] == ["'self'"]
    assert csp["object-src"] == ["'none'"]
    assert csp["frame-ancestors"] == ["'none'"]
    assert csp["base-uri"] == ["'none'"]
    policy = response["Content-Security-Policy"]
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in response["Cache-Control"]
    # What was rendered (allauth's templates included) obeys the policy too.
    assert not inline_problems(response.text)


def test_production_sends_hsts_and_secure_cookies():
    code = (
        "import django; django.setup(); from django.conf import settings as s; "
        "print(s.SECURE_HSTS_SECONDS, s.SECURE_HSTS_INCLUDE_SUBDOMAINS, s.SESSION_COOKIE_SECURE,"
        " s.CSRF_COOKIE_SECURE, s.SECURE_SSL_REDIRECT, s.SESSION_COOKIE_HTTPONLY)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env=production_env() | {"DJANGO_SETTINGS_MODULE": "config.settings"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.stdout.split() == ["31536000", "True", "True", "True", "True", "True"], (
        result.stderr
    )
    assert os.environ.get("DJANGO_ENV") != "production"  # this process stayed in test mode


def test_downloads_of_patient_data_are_not_stored_either(world, client):
    client.force_login(world.patient)
    for name in ("diaries:export_csv", "diaries:export_json"):
        response = client.get(reverse(name))
        assert response.status_code == 200, name
        assert "no-store" in response["Cache-Control"], name


def test_the_health_check_keeps_its_own_cache_header(client):
    health = client.get(reverse("alerts:health"))
    assert "no-store" in health["Cache-Control"] and "max-age=0" in health["Cache-Control"]
