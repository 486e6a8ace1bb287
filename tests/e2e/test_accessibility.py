"""axe-core on every page a patient, a clinician or an admin can reach.

The pages are listed here by URL name; a page added to an app without a row
fails `test_every_page_of_the_apps_is_checked`, as the access matrix does.
No serious or critical violation is allowed. Screenshots of the main pages
for README.md are taken on the way (docs/screenshots/).
"""

from datetime import date, timedelta
from types import SimpleNamespace

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import URLPattern, URLResolver, get_resolver

from apps.clinics.models import CareTeam, Role
from apps.clinics.services import invitation_create
from apps.diaries.selectors import mood_band
from apps.diaries.services import checkin_submit
from apps.safety.screening import health_profile_update
from tests.conftest import make_member
from tests.e2e.conftest import PHONE, axe_violations, log_in, screenshot
from tests.protocols.conftest import assign

pytestmark = [pytest.mark.services, pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

NOT_PAGES = {
    "home": "redirects to the person's own start page",
    "favicon": "redirects to the static icon",
    "manifest": "JSON for the browser (the web app manifest)",
    "service_worker": "JavaScript for the browser (the service worker)",
    "diaries:push_subscribe": "POST only, JSON from the reminders page's script",
    "diaries:push_unsubscribe": "POST only, JSON from the reminders page's script",
    "alerts:acknowledge": "POST only, redirects back",
    "alerts:resolve": "POST only, redirects back",
    "alerts:health": "JSON for monitors",
    "admin:login": "allauth's login (checked as account_login)",
    "diaries:export_csv": "a file download",
    "diaries:export_json": "a file download",
    "diaries:questionnaire_result": "redirects to the form until something is answered",
    "protocols:log": "POST only, redirects back",
    "protocols:pause": "POST only, redirects back",
    "protocols:resume": "POST only, redirects back",
    "protocols:end": "POST only, redirects back",
    "protocols:review": "POST only (the form is in the plan page's banner), redirects back",
    "diaries:export_everything": "a file download",
    "diaries:export_everything_csv": "a file download",
    "clinics:invitations_upload": "POST only (the form is on the members page)",
    "clinics:invitation_resend": "POST only, redirects back",
    "clinics:invitation_revoke": "POST only, redirects back",
    "clinics:member_deactivate": "POST only, redirects back",
    "clinics:member_reactivate": "POST only, redirects back",
    "clinics:on_call_remove": "POST only, redirects back",
    "console:care_link_remove": "POST only, redirects back",
    "clinics:member_add_existing": "POST only (the form is on the members page)",
    "dashboards:brief_pdf": "a PDF download",
    "dashboards:export_download": "a CSV or JSON download",
    "alerts:label": "POST only (the form is on the alert page), redirects back",
    "alerts:record_action": "POST only (the form is on the alert page), redirects back",
    "crisis_examples:missed": "POST only (the form is on the timeline), redirects back",
    "crisis_examples:export": "POST only, a TSV download after the password",
    "trials:sheet_pdf": "a PDF download",
    "trials:result_pdf": "a PDF download",
    "trials:unblind": "POST only (the form is on the trial and alert pages), redirects back",
    "trials:log": "POST only (the form is in today's plan), redirects back",
}


def alice_export(world):
    from apps.dashboards.models import Export

    return Export.objects.create(
        requested_by=world.alice,
        patient=world.patient,
        format=Export.Format.CSV,
        first="2026-11-01",
        last="2026-11-02",
        state=Export.State.DONE,
        content="date\n",
    )


def pages(world, alert, token, unplanned=None):
    """(URL name, who, path, viewport, screenshot name or None, expected status)."""
    patient = world.patient.pk
    other = unplanned.pk if unplanned else patient
    return [
        ("account_login", "anonymous", "/accounts/login/", None, "login", 200),
        ("account_reset_password", "anonymous", "/accounts/password/reset/", None, None, 200),
        ("diaries:crisis", "anonymous", "/crisis/", PHONE, None, 200),
        ("diaries:crisis", "anonymous", "/crisis/?lang=es", PHONE, None, 200),
        (
            "clinics:invitation_accept",
            "anonymous",
            f"/invite/{token}/",
            PHONE,
            "invitation-accept",
            200,
        ),
        ("clinics:invitation_accept", "anonymous", "/invite/not-a-token/", PHONE, None, 404),
        ("diaries:today", "patient", "/diary/", PHONE, None, 200),
        (
            "diaries:crisis",
            "patient",
            f"/crisis/?checkin={alert.evidence['checkin_id']}",
            PHONE,
            None,
            200,
        ),
        ("diaries:health_profile", "patient", "/diary/health/", PHONE, "patient-health", 200),
        (
            "diaries:safety_plan",
            "patient",
            "/diary/safety-plan/",
            PHONE,
            "patient-safety-plan",
            200,
        ),
        ("account_change_password", "patient", "/accounts/password/change/", PHONE, None, 200),
        ("account_email", "patient", "/accounts/email/", PHONE, None, 200),
        ("dashboards:caseload", "alice", "/clinician/", None, "clinician-caseload", 200),
        ("dashboards:patient", "alice", f"/clinician/patients/{patient}/", None, None, 200),
        (
            "dashboards:health_profile",
            "alice",
            f"/clinician/patients/{patient}/health/",
            None,
            None,
            200,
        ),
        (
            "dashboards:safety_plan",
            "alice",
            f"/clinician/patients/{patient}/safety-plan/",
            None,
            None,
            200,
        ),
        (
            "dashboards:risk_settings",
            "alice",
            f"/clinician/patients/{patient}/thresholds/",
            None,
            "clinician-thresholds",
            200,
        ),
        (
            "dashboards:timeline",
            "alice",
            f"/clinician/patients/{patient}/timeline/",
            None,
            None,
            200,
        ),
        (
            "dashboards:sessions",
            "alice",
            f"/clinician/patients/{patient}/sessions/",
            None,
            None,
            200,
        ),
        ("dashboards:brief", "alice", f"/clinician/patients/{patient}/brief/", None, None, 200),
        (
            "dashboards:exports",
            "alice",
            f"/clinician/patients/{patient}/exports/",
            None,
            None,
            200,
        ),
        (
            "dashboards:export_status",
            "alice",
            f"/clinician/exports/{alice_export(world).pk}/",
            None,
            None,
            200,
        ),
        ("alerts:inbox", "alice", "/alerts/", None, None, 200),
        ("alerts:inbox", "alice", "/alerts/?show=all", None, None, 200),
        ("alerts:detail", "alice", f"/alerts/{alert.pk}/", None, None, 200),
        ("alerts:detail", "alice", f"/alerts/{alert.pk}/", PHONE, None, 200),
        ("crisis_examples:list", "alice", "/clinic/crisis-examples/", None, None, 200),
        ("crisis_examples:list", "admin", "/clinic/crisis-examples/", None, None, 200),
        ("clinics:members", "admin", "/clinic/members/", None, "admin-clinic-console", 200),
        ("dashboards:caseload", "admin", "/clinician/", None, None, 200),
        ("diaries:history", "patient", "/diary/history/", PHONE, "patient-history-phone", 200),
        ("diaries:trends", "patient", "/diary/trends/", PHONE, "patient-trends-phone", 200),
        ("diaries:download", "patient", "/diary/download/", PHONE, None, 200),
        ("diaries:reminders", "patient", "/diary/reminders/", PHONE, None, 200),
        ("diaries:language", "patient", "/diary/language/", PHONE, None, 200),
        (
            "diaries:reminder_unsubscribe",
            "anonymous",
            "/diary/reminders/stop/not-a-token/",
            PHONE,
            None,
            200,
        ),
        ("diaries:questionnaires", "patient", "/diary/questionnaires/", PHONE, None, 200),
        (
            "diaries:questionnaire_fill",
            "patient",
            "/diary/questionnaires/phq9/",
            PHONE,
            "patient-phq9-phone",
            200,
        ),
        ("protocols:today", "patient", "/diary/plan/", PHONE, "patient-plan-phone", 200),
        ("protocols:plan", "alice", f"/patients/{patient}/plan/", None, "clinician-plan", 200),
        ("protocols:assign", "alice", f"/patients/{other}/plan/assign/", None, None, 200),
        ("protocols:change", "alice", f"/patients/{patient}/plan/change/", None, None, 200),
        ("protocols:catalog", "alice", "/clinic/protocols/", None, None, 200),
        ("protocols:component_new", "alice", "/clinic/protocols/components/new/", None, None, 200),
        ("protocols:template_new", "alice", "/clinic/protocols/templates/new/", None, None, 200),
        (
            "dashboards:questionnaires",
            "alice",
            f"/clinician/patients/{patient}/questionnaires/",
            None,
            None,
            200,
        ),
        ("diaries:who_looked", "patient", "/diary/who-looked/", PHONE, None, 200),
        ("diaries:close_account", "patient", "/diary/close-account/", PHONE, None, 200),
        ("audit:break_glass", "alice", "/break-glass/", None, None, 200),
        ("audit:trail", "admin", "/clinic/access-trail/", None, "admin-access-trail", 200),
        ("clinics:settings", "admin", "/clinic/settings/", None, None, 200),
        ("clinics:on_call", "admin", "/clinic/on-call/", None, None, 200),
        ("console:care_teams", "admin", "/clinic/care-teams/", None, None, 200),
        ("console:care_team", "admin", f"/clinic/care-teams/{patient}/", None, None, 200),
        ("console:alert_policy", "admin", "/clinic/alert-policy/", None, None, 200),
        ("console:risk_defaults", "admin", "/clinic/alert-thresholds/", None, None, 200),
        # No trial here: the sheet and the result go back to the status page. The
        # pages of a running and a finished trial: tests/e2e/test_trial.py.
        ("trials:status", "alice", f"/patients/{patient}/trial/", None, None, 200),
        ("trials:set_up", "alice", f"/patients/{patient}/trial/new/", None, None, 200),
        ("trials:sheet", "alice", f"/patients/{patient}/trial/sheet/", None, None, 200),
        ("trials:result", "alice", f"/patients/{patient}/trial/result/", None, None, 200),
        ("trials:my_result", "patient", "/diary/trial/", PHONE, None, 200),
    ]


def app_page_names():
    """Every named URL whose view lives in one of our apps."""
    names = set()

    def walk(patterns, namespace):
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, pattern.namespace or namespace)
            elif isinstance(pattern, URLPattern) and pattern.callback.__module__.startswith(
                "apps."
            ):
                names.add(f"{namespace}:{pattern.name}" if namespace else pattern.name)

    walk(get_resolver().url_patterns, None)
    return names


def test_every_page_of_the_apps_is_checked(world):
    alert = checkin_submit(
        patient=world.patient, clinic=world.clinic, mood=5, journal="I want to kill myself."
    ).alerts[0]
    listed = {row[0] for row in pages(world, alert, "token")}
    missing = app_page_names() - listed - set(NOT_PAGES)
    assert not missing, f"add these pages to tests/e2e/test_accessibility.py: {sorted(missing)}"


def test_no_page_has_a_serious_or_critical_accessibility_violation(world, stack, browser_page):
    checkin_submit(patient=world.patient, clinic=world.clinic, mood=6, journal="Slept badly.")
    alert = checkin_submit(
        patient=world.patient,
        clinic=world.clinic,
        mood=5,
        journal="Tired of it all, I want to kill myself.",
    ).alerts[0]
    _invitation, token = invitation_create(
        clinic=world.clinic,
        email="new.patient@maple.test",
        full_name="New Patient",
        role=Role.PATIENT,
        primary_clinician=world.alice,
        invited_by=world.admin,
        send=False,
    )

    signed_in = {}
    found = {}
    # A plan to show, and a patient of Alice's with none yet for the assign form.
    assign(world, started_days_ago=10)
    # A profile change since, so the plan page shows its review banner and form.
    health_profile_update(
        patient=world.patient,
        clinic=world.clinic,
        data={"medications": ["lithium 300 mg"]},
        by=world.patient,
    )
    unplanned = make_member(world.clinic, "unplanned@maple.test", Role.PATIENT, "Uma Unplanned")
    CareTeam.objects.create(
        clinic=world.clinic, patient=unplanned, clinician=world.alice, is_primary=True
    )
    for name, who, path, viewport, shot, status in pages(world, alert, token, unplanned):
        key = (who, bool(viewport))
        if key not in signed_in:
            page = browser_page(viewport=viewport, bypass_csp=True)
            if who != "anonymous":
                log_in(page, getattr(world, who).email)
            signed_in[key] = page
        page = signed_in[key]
        response = page.goto(path)
        assert response.status == status, f"{path} as {who}: {response.status}"
        violations = axe_violations(page)
        if violations:
            found[f"{name} as {who} ({path})"] = violations
        if shot:
            screenshot(page, shot)

    assert not found, "\n".join(f"{page}: {v}" for page, v in found.items())


def test_form_errors_are_accessible_too(world, stack, browser_page):
    page = browser_page(viewport=PHONE, bypass_csp=True)
    log_in(page, world.patient.email)
    page.goto("/diary/")
    page.get_by_role("button", name="Save today's check-in").click()
    page.wait_for_load_state()
    assert page.get_by_text("Choose a number from 0 to 10 for your mood.").is_visible()
    assert axe_violations(page) == []

    page.goto("/accounts/login/")
    admin = browser_page(bypass_csp=True)
    log_in(admin, world.admin.email)
    admin.goto("/clinic/members/")
    admin.get_by_role("button", name="Send invitation").click()
    admin.wait_for_load_state()
    assert admin.locator(".invalid-feedback, .is-invalid").count()
    assert axe_violations(admin) == []


def calendar_day_states(month: date) -> list[list[dict]]:
    """Two weeks of calendar cells holding every state a day can be in: in the
    month or outside it, today or not, past or future, with an entry (plain,
    private, filled in late) or an "add" link or nothing; the entries' moods
    cover every colour band (issue 19)."""
    weeks = []
    for in_month, moods in ((True, (7, 3, 10)), (False, (5, 1, 9))):
        plain = SimpleNamespace(mood=moods[0], is_private=False, is_late=False)
        private_late = SimpleNamespace(mood=moods[1], is_private=True, is_late=True)
        today_entry = SimpleNamespace(mood=moods[2], is_private=False, is_late=False)
        kinds = [
            {"checkin": plain},
            {"checkin": private_late},
            {"checkin": None},  # an "add" link: past, inside the late window
            {"checkin": None, "is_future": True},
            {"checkin": today_entry, "is_today": True},
            {"checkin": None, "is_today": True},
        ]
        week = []
        for offset, kind in enumerate(kinds):
            day = month + timedelta(days=offset if in_month else -7 + offset)
            checkin = kind["checkin"]
            week.append(
                {"day": day, "in_month": in_month, "is_today": False, "is_future": False}
                | kind
                | {"mood_band": mood_band(checkin.mood) if checkin else None}
            )
        weeks.append(week)
    return weeks


def test_every_state_of_a_calendar_day_passes_on_any_date(world, stack, browser_page):
    """The history page shows which states its days are in by today's date
    (2026-11-30 outside the month with an "add" link failed contrast on one
    day only), so the page is also rendered with one day of every state, and
    the verdict no longer depends on the day the suite runs."""
    month = date(2026, 12, 1)
    request = RequestFactory().get("/diary/history/")
    request.user = world.patient
    html = render_to_string(
        "diaries/history.html",
        {
            "month": month,
            "previous": date(2026, 11, 1),
            "following": date(2027, 1, 1),
            "today": month,
            "late_from": month - timedelta(days=30),
            "weeks": calendar_day_states(month),
            "entries": [],
        },
        request=request,
    )
    assert html.count("an entry for") == 4, "every kind of day is on the page"
    assert html.count('class="day-mood"') == 6

    page = browser_page(viewport=PHONE, bypass_csp=True)
    # The rendered HTML is served at the stack's address, so its stylesheets load.
    page.route(
        "**/calendar-states/", lambda route: route.fulfill(body=html, content_type="text/html")
    )
    page.goto("/calendar-states/")
    assert page.locator(".diary-calendar td.outside a.small").count() == 2  # "add"
    assert page.locator(".diary-calendar td.outside a.day-mood").count() == 3  # open the entry
    for band in range(5):
        assert page.locator(f".diary-calendar td.mood-band-{band}").count(), band
    assert axe_violations(page) == []
