"""Every URL in the URLconf, asked by every kind of person.

Each row says what anonymous, the patient, another patient, Alice (the
patient's clinician), Bob (a colleague with no care link), Charlie (a clinician
of another clinic) and the clinic admin get back. A URL without a row fails,
so a new view cannot ship without deciding who may see it. Outsiders get 404.
"""

import re
from dataclasses import dataclass, field
from datetime import timedelta

import pytest
from django.urls import URLResolver, get_resolver, reverse
from django.utils import timezone

from apps.clinics.models import CareTeam, Membership, OnCallShift, Role
from apps.clinics.services import invitation_create
from apps.dashboards.models import Export

from .conftest import ROLES

LOGIN = "login"  # 302 to the login page
REDIRECT = "redirect"  # 302 somewhere else (the person's own home, a form's next page)
STAFF_ADMIN_LOGIN = "admin-login"  # 302 to Django admin's own login


@dataclass
class Row:
    expect: dict
    method: str = "get"
    data: dict = field(default_factory=dict)


def everyone(answer):
    return dict.fromkeys(ROLES, answer)


def signed_in(answer, **overrides):
    return {"anonymous": LOGIN} | dict.fromkeys(ROLES[1:], answer) | overrides


def only(answer, *roles):
    return {"anonymous": LOGIN} | dict.fromkeys(ROLES[1:], 404) | dict.fromkeys(roles, answer)


MATRIX = {
    "home": Row(signed_in(REDIRECT)),
    # allauth's account pages: about the signed-in person, never about a patient.
    "account_login": Row(everyone(REDIRECT) | {"anonymous": 200}),
    "account_logout": Row(signed_in(200)),
    "account_inactive": Row(everyone(200)),
    "account_signup": Row(everyone(REDIRECT) | {"anonymous": 200}),  # the "closed" page
    "account_reauthenticate": Row(signed_in(200)),
    "account_email": Row(signed_in(200)),
    "account_email_verification_sent": Row(everyone(200)),
    "account_change_password": Row(signed_in(200)),
    "account_set_password": Row(signed_in(REDIRECT)),
    "account_reset_password": Row(everyone(200)),
    "account_reset_password_done": Row(everyone(200)),
    "account_reset_password_from_key": Row(everyone(200)),  # a bad key: explained, not 500
    "account_reset_password_from_key_done": Row(everyone(200)),
    "account_confirm_email": Row(everyone(200)),  # a bad key: explained
    "account_confirm_login_code": Row(everyone(REDIRECT) | {"anonymous": LOGIN}),
    # allauth's MFA pages: the signed-in person's own second factor. Changing
    # one asks for the password again first (reauthentication), so those
    # answer with a redirect to it.
    "mfa_index": Row(signed_in(200)),
    "mfa_authenticate": Row(everyone(REDIRECT) | {"anonymous": LOGIN}),
    # Without a second factor (the patients here) there is nothing to re-enter
    # but the password, or nothing to show: allauth's own 404.
    "mfa_reauthenticate": Row(signed_in(200, patient=REDIRECT, other_patient=REDIRECT)),
    "mfa_activate_totp": Row(signed_in(REDIRECT)),
    "mfa_deactivate_totp": Row(signed_in(REDIRECT, patient=404, other_patient=404)),
    "mfa_view_recovery_codes": Row(signed_in(REDIRECT, patient=404, other_patient=404)),
    "mfa_generate_recovery_codes": Row(signed_in(REDIRECT)),
    "mfa_download_recovery_codes": Row(signed_in(REDIRECT, patient=404, other_patient=404)),
    # Clinic console: the clinic's admins only.
    "clinics:members": Row(only(200, "admin")),
    "clinics:invitation_accept": Row(everyone(200)),  # whoever holds the link
    # No file chosen: the form explains, 400.
    "clinics:invitations_upload": Row(only(400, "admin"), method="post"),
    "clinics:invitation_resend": Row(only(REDIRECT, "admin"), method="post"),
    "clinics:invitation_revoke": Row(only(REDIRECT, "admin"), method="post"),
    "clinics:member_deactivate": Row(only(REDIRECT, "admin"), method="post"),
    "clinics:member_reactivate": Row(only(REDIRECT, "admin"), method="post"),
    # Bob is no other clinic's staff here: explained, back to the members page.
    "clinics:member_add_existing": Row(
        only(REDIRECT, "admin"),
        method="post",
        data={"email": "bob@maple.test", "role": "clinician"},
    ),
    "clinics:settings": Row(only(200, "admin")),
    "clinics:on_call": Row(only(200, "admin")),
    "clinics:on_call_remove": Row(only(REDIRECT, "admin"), method="post"),
    "console:care_teams": Row(only(200, "admin")),
    "console:care_team": Row(only(200, "admin")),
    # The primary link: refused with a message, back to the care team.
    "console:care_link_remove": Row(only(REDIRECT, "admin"), method="post"),
    "console:alert_policy": Row(only(200, "admin")),
    "console:risk_defaults": Row(only(200, "admin")),
    "audit:trail": Row(only(200, "admin")),
    # Any clinician may ask; the form offers only their own clinic's patients.
    "audit:break_glass": Row(only(200, "alice", "bob", "charlie", "admin")),
    # The patient's own pages.
    "diaries:today": Row(only(200, "patient", "other_patient")),
    "diaries:crisis": Row(everyone(200)),  # help is never behind a login
    # Installable app: the manifest and /favicon.ico (to the static icon) name nobody.
    "manifest": Row(everyone(200)),
    "favicon": Row(everyone(REDIRECT)),
    # The service worker (issue 19): the same script for everyone, naming nobody.
    "service_worker": Row(everyone(200)),
    "diaries:health_profile": Row(only(200, "patient", "other_patient")),
    "diaries:safety_plan": Row(only(200, "patient", "other_patient")),
    "diaries:questionnaires": Row(only(200, "patient", "other_patient")),
    "diaries:questionnaire_fill": Row(only(200, "patient", "other_patient")),
    # Nothing answered yet in this world: back to the form.
    "diaries:questionnaire_result": Row(only(REDIRECT, "patient", "other_patient")),
    "diaries:history": Row(only(200, "patient", "other_patient")),
    "diaries:trends": Row(only(200, "patient", "other_patient")),
    "diaries:download": Row(only(200, "patient", "other_patient")),
    "diaries:export_csv": Row(only(200, "patient", "other_patient")),
    "diaries:export_json": Row(only(200, "patient", "other_patient")),
    "diaries:reminders": Row(only(200, "patient", "other_patient")),
    # Push subscriptions come as JSON from push-reminders.js: a form post is
    # refused in words (tests/diaries/test_push_reminders.py has the JSON ones).
    "diaries:push_subscribe": Row(only(400, "patient", "other_patient"), method="post"),
    "diaries:push_unsubscribe": Row(only(400, "patient", "other_patient"), method="post"),
    # The patient's own language for the crisis page (issue 17); a POST saves it.
    "diaries:language": Row(only(200, "patient", "other_patient")),
    "diaries:who_looked": Row(only(200, "patient", "other_patient")),
    "diaries:export_everything": Row(only(200, "patient", "other_patient")),
    "diaries:export_everything_csv": Row(only(200, "patient", "other_patient")),
    "diaries:close_account": Row(only(200, "patient", "other_patient")),
    # Whoever holds the emailed link; a link that is not ours is explained.
    "diaries:reminder_unsubscribe": Row(everyone(200)),
    # Clinician pages.
    "dashboards:caseload": Row(only(200, "alice", "bob", "charlie", "admin")),
    "dashboards:patient": Row(only(200, "alice", "admin")),
    "dashboards:health_profile": Row(only(200, "alice", "admin")),
    "dashboards:safety_plan": Row(only(200, "alice", "admin")),
    "dashboards:risk_settings": Row(only(200, "alice", "admin")),
    "dashboards:questionnaires": Row(only(200, "alice", "admin")),
    "dashboards:timeline": Row(only(200, "alice", "admin")),
    "dashboards:sessions": Row(only(200, "alice", "admin")),
    "dashboards:brief": Row(only(200, "alice", "admin")),
    "dashboards:brief_pdf": Row(only(200, "alice", "admin")),
    "dashboards:exports": Row(only(200, "alice", "admin")),
    # An export is its requester's alone (here Alice's), not even the admin's.
    "dashboards:export_status": Row(only(200, "alice")),
    "dashboards:export_download": Row(only(200, "alice")),
    "alerts:inbox": Row(only(200, "alice", "bob", "charlie", "admin")),
    "alerts:detail": Row(only(200, "alice", "admin")),
    "alerts:resolve": Row(
        only(REDIRECT, "alice", "admin"), method="post", data={"note": "Safety plan reviewed."}
    ),
    # Protocol plans. The patient's own: today's plan and the one-tap log.
    "protocols:today": Row(only(200, "patient", "other_patient")),
    # No plan in this world, so the log explains that and goes back.
    "protocols:log": Row(
        only(REDIRECT, "patient", "other_patient"),
        method="post",
        data={"component": 1, "action": "as_planned"},
    ),
    # Clinicians: admins may read a plan; only the patient's own clinicians
    # (a care-team link) may assign or change one. Without an open plan,
    # change/pause/resume/end say so and go back to the plan page.
    "protocols:plan": Row(only(200, "alice", "admin")),
    "protocols:assign": Row(only(200, "alice")),
    "protocols:change": Row(only(REDIRECT, "alice")),
    "protocols:pause": Row(only(REDIRECT, "alice"), method="post", data={"reason": "Holiday."}),
    "protocols:resume": Row(only(REDIRECT, "alice"), method="post"),
    "protocols:end": Row(only(REDIRECT, "alice"), method="post", data={"reason": "Done."}),
    "protocols:review": Row(
        only(REDIRECT, "alice"), method="post", data={"decision": "continue", "reason": "Reviewed."}
    ),
    # Issue 20, blinded trials. Reading the status and the (unsealed) result is
    # for whoever may read the patient; setting up, the preparer's sheet (the
    # allocation) and unblinding only for the care team. No trial in this world:
    # the sheet and the result answer with the status page and the reason;
    # unblind says so and goes back to it.
    "trials:status": Row(only(200, "alice", "admin")),
    "trials:set_up": Row(only(200, "alice")),
    "trials:sheet": Row(only(200, "alice")),
    "trials:sheet_pdf": Row(only(200, "alice")),
    "trials:unblind": Row(only(REDIRECT, "alice"), method="post", data={"reason": "Safety."}),
    "trials:result": Row(only(200, "alice", "admin")),
    "trials:result_pdf": Row(only(200, "alice", "admin")),
    # The patient's own: the code and guess (none running: explained, back to
    # the diary) and the result page.
    "trials:log": Row(
        only(REDIRECT, "patient", "other_patient"), method="post", data={"guess": "unsure"}
    ),
    "trials:my_result": Row(only(200, "patient", "other_patient")),
    # The clinic's catalog: every clinician and admin, each in their own clinic.
    "protocols:catalog": Row(only(200, "alice", "bob", "charlie", "admin")),
    "protocols:component_new": Row(only(200, "alice", "bob", "charlie", "admin")),
    "protocols:template_new": Row(only(200, "alice", "bob", "charlie", "admin")),
    # For monitors: ages and counts only, never patient data. No worker runs
    # in this test, so the honest answer is 503.
    "alerts:health": Row(everyone(503)),
    "alerts:acknowledge": Row(
        only(REDIRECT, "alice", "admin"), method="post", data={"note": "Called the patient."}
    ),
    # Issue 17: clinicians teach the crisis detector. Judging an entry is for the
    # patient's care team (safety.feedback.may_label), not on-call cover, an admin who only
    # reads, nor break-glass.
    "alerts:label": Row(only(REDIRECT, "alice"), method="post", data={"label": "real"}),
    # Issue 18: what was done about an alert (it acknowledges it): whoever may
    # see the patient without break-glass, the care team and the clinic admin.
    "alerts:record_action": Row(
        only(REDIRECT, "alice", "admin"), method="post", data={"outcome": "no_answer"}
    ),
    # No entry with that id: explained, back to the timeline.
    "crisis_examples:missed": Row(
        only(REDIRECT, "alice"), method="post", data={"checkin": "0", "kind": "suicidal"}
    ),
    # Every clinician and admin sees the examples of the patients they may see.
    "crisis_examples:list": Row(only(200, "alice", "bob", "charlie", "admin")),
    # The download asks everyone signed in for their password first (a sensitive
    # URL); after it, an outsider gets 404 (tests/dashboards/test_crisis_examples.py).
    "crisis_examples:export": Row(signed_in(REDIRECT), method="post"),
}

ADMIN_PREFIX = "django-admin/"
# Django's admin is for platform operators (is_staff); no clinic role has it.
ADMIN_ROWS = {
    # Through allauth (password, TOTP, rate limits); signed-in non-operators get 404.
    "admin:login": Row(everyone(404) | {"anonymous": LOGIN}),
    "admin:logout": Row(everyone(REDIRECT)),  # a GET logs nobody out; back to the index
}
ADMIN_DEFAULT = Row(everyone(STAFF_ADMIN_LOGIN))


def url_patterns(patterns=None, prefix="", namespace=None):
    """(key, route, name) for every pattern; the key is the name, or the route
    for an unnamed one."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            inner = namespace
            if pattern.namespace:
                inner = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
            yield from url_patterns(pattern.url_patterns, route, inner)
        else:
            name = pattern.name and (f"{namespace}:{pattern.name}" if namespace else pattern.name)
            yield (name or route), route, name


ALL_PATTERNS = list(url_patterns())


def row_for(key, route):
    if route.startswith(ADMIN_PREFIX):
        return ADMIN_ROWS.get(key, ADMIN_DEFAULT)
    return MATRIX.get(key)


def concrete_path(route, name, values):
    params = re.findall(r"<(?:\w+:)?(\w+)>|\(\?P<(\w+)>", route)
    kwargs = {a or b: values[a or b] for a, b in params}
    if name:
        return reverse(name, kwargs=kwargs)
    path = re.sub(r"<(?:\w+:)?(\w+)>", lambda m: str(values[m[1]]), route)
    path = re.sub(r"\(\?P<(\w+)>[^)]*\)", lambda m: str(values[m[1]]), path)
    return "/" + path.replace("^", "").replace("$", "")


def placeholder_path_values(world, crisis_alert) -> dict:
    """Values for every URL parameter, for suites whose check runs before any
    view looks an object up (CSRF, MFA): real patient and alert ids, and any
    number or token for the rest. One place, so a new parameter is added once."""
    return {
        "patient_id": world.patient.pk,
        "alert_id": crisis_alert.pk,
        "token": "not-a-token",
        "key": "not-a-real-key",
        "uidb36": "1z",
        "object_id": world.patient.pk,
        "id": world.patient.pk,
        "content_type_id": 1,
        "app_label": "clinics",
        "url": "nothing-here/",
        "instrument": "phq9",
        "invitation_id": 1,
        "membership_id": 1,
        "shift_id": 1,
        "link_id": 1,
        "export_id": 1,
    }


def check(response, expected):
    if expected in (LOGIN, REDIRECT, STAFF_ADMIN_LOGIN):
        if response.status_code != 302:
            return False
        location = response["Location"]
        if expected == LOGIN:
            return location.startswith(reverse("account_login"))
        if expected == STAFF_ADMIN_LOGIN:
            return location.startswith(reverse("admin:login"))
        return not location.startswith(reverse("account_login"))
    return response.status_code == expected


def test_every_row_names_a_url_that_exists():
    keys = {key for key, _route, _name in ALL_PATTERNS}
    assert set(MATRIX) - keys == set(), "rows for URLs that no longer exist"
    assert set(ADMIN_ROWS) - keys == set()


@pytest.mark.parametrize(("key", "route", "name"), ALL_PATTERNS, ids=[p[0] for p in ALL_PATTERNS])
def test_every_url_answers_each_person_as_its_row_says(
    key, route, name, world, crisis_alert, client
):
    row = row_for(key, route)
    if row is None:
        pytest.fail(
            f"URL {route!r} ({key}) has no row in the access matrix: decide who may "
            "see it and add one to MATRIX in tests/test_access_matrix.py"
        )

    _invitation, token = invitation_create(
        clinic=world.clinic,
        email="new@maple.test",
        role=Role.PATIENT,
        invited_by=world.admin,
        primary_clinician=world.alice,
        send=False,
    )
    now = timezone.now()
    shift = OnCallShift.objects.create(
        clinic=world.clinic,
        clinician=world.bob,
        covers=world.alice,
        starts_at=now + timedelta(days=1),
        ends_at=now + timedelta(days=2),
    )
    values = {
        "patient_id": world.patient.pk,
        "alert_id": crisis_alert.pk,
        "token": token,
        "key": "not-a-real-key",
        "uidb36": "1z",
        "object_id": world.patient.pk,
        "id": world.patient.pk,
        "content_type_id": 1,
        "app_label": "clinics",
        "url": "nothing-here/",
        "instrument": "phq9",
        "invitation_id": _invitation.pk,
        # The other patient's: deactivated by the admin (last in ROLES), so
        # the patient's own rows above still see an active patient.
        "membership_id": Membership.objects.get(user=world.other_patient).pk,
        "shift_id": shift.pk,
        "link_id": CareTeam.objects.get(patient=world.patient, is_primary=True).pk,
        "export_id": Export.objects.create(
            requested_by=world.alice,
            patient=world.patient,
            format=Export.Format.CSV,
            first="2026-11-01",
            last="2026-11-02",
            state=Export.State.DONE,
            content="date\n",
        ).pk,
    }
    path = concrete_path(route, name, values)

    wrong = []
    for role in ROLES:
        client.logout()
        person = world.by_role(role)
        if person is not None:
            client.force_login(person)
        response = getattr(client, row.method)(path, row.data)
        if not check(response, row.expect[role]):
            got = response.status_code
            if got == 302:
                got = f"302 -> {response['Location']}"
            wrong.append(f"{role}: expected {row.expect[role]}, got {got}")
    assert not wrong, f"{row.method.upper()} {path}\n  " + "\n  ".join(wrong)
