"""Every URL that accepts a POST, posted by every kind of person (issue 21, class 1).

tests/test_access_matrix.py asks every URL once, mostly with GET. Here each
POST-accepting URL gets a row: the data that WOULD succeed for the person it is
for, and what each of ten kinds of person gets back: the seven of the matrix,
plus Bob covering Alice in an active on-call shift, Bob reading the patient
with break-glass, and a deactivated member (the row's own allowed person, with
their membership switched off). A person who is refused must change nothing in
the database (every table is compared before and after); the person allowed
must change something, so a 404 for the others means the gate, not a bad form.

The decided rules (docs/SECURITY.md): a patient's record is the care team's to
write; on-call cover answers alerts (acknowledge, resolve, record what was
done, judge) but does not change the record; clinic admins manage accounts,
care teams and the clinic, and read; break-glass reads; outsiders get 404 and
anonymous people the login page.

Each person's POST runs inside a savepoint that is rolled back, so one world
serves every person of a row.
"""

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta

import pytest
from django.apps import apps
from django.conf import settings
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection, transaction
from django.test import Client
from django.utils import timezone

from apps.clinics import access
from apps.clinics.models import CareTeam, Membership, OnCallShift, Role
from apps.clinics.services import invitation_create
from apps.diaries.services import reminder_unsubscribe_token, today_for

from .conftest import reauthenticate, totp_code
from .test_access_matrix import (
    ADMIN_PREFIX,
    ALL_PATTERNS,
    LOGIN,
    REDIRECT,
    STAFF_ADMIN_LOGIN,
    check,
    concrete_path,
)

PERSONS = [
    "anonymous",
    "patient",
    "other_patient",
    "alice",
    "bob",
    "charlie",
    "admin",
    "on_call",
    "break_glass",
    "deactivated",
]
PASSWORD = "correct horse battery"


@dataclass(frozen=True)
class Answered:
    """An answer that the code alone cannot classify: `allowed` says whether
    the person was let through (a closed account goes to the login page) or
    refused (a form that refuses a choice it never offered, 200)."""

    answer: object
    allowed: bool


def allowed_with(answer):
    return Answered(answer, allowed=True)


def refused_with(answer):
    return Answered(answer, allowed=False)


@dataclass
class Write:
    expect: dict
    # The form data, or a function of the world and the row's context.
    data: dict | Callable = field(default_factory=dict)
    # Makes what the POST acts on (a plan, a shift...) into the context.
    setup: Callable | None = None
    # The allowed person's POST changes the database (False for a POST whose
    # success writes nothing: logging in, a download, an explained no-op).
    changes: bool = True
    # Whose membership is switched off for the "deactivated" column; by
    # default the row's first allowed person among Alice, the admin, the patient.
    deactivated: str | None = None
    # Sent as a JSON body (the push subscription's script), not a form.
    as_json: bool = False


def refused(**allowed):
    """Anonymous to the login page, everyone else 404, but `allowed`."""
    return {"anonymous": LOGIN} | dict.fromkeys(PERSONS[1:], 404) | allowed


def care_team(answer, **more):
    return refused(alice=answer, **more)


def admin_only(answer):
    return refused(admin=answer)


def patients_own(answer):
    return refused(patient=answer, other_patient=answer)


def staff(answer):
    """Every clinician and admin, each acting in their own clinic; on-call
    and break-glass are Bob, a clinician, so they may too."""
    return refused(
        alice=answer, bob=answer, charlie=answer, admin=answer, on_call=answer, break_glass=answer
    )


def own_account(answer, anonymous=LOGIN, **more):
    """allauth's pages about the signed-in person's own account: everyone
    signed in, the deactivated member included (it is still their account)."""
    return dict.fromkeys(PERSONS, answer) | {"anonymous": anonymous} | more


# --- what a row acts on ----------------------------------------------------------------


def with_plan(world, ctx):
    from tests.protocols.conftest import assign

    ctx["plan"] = assign(world, started_days_ago=10)


def with_paused_plan(world, ctx):
    from apps.protocols.services import plan_pause

    with_plan(world, ctx)
    plan_pause(plan=ctx["plan"], by=world.alice, reason="Holiday.")


def with_trial(world, ctx):
    from tests.trials.conftest import set_up

    with_plan(world, ctx)
    ctx["plan"].start_date -= timedelta(days=80)
    ctx["plan"].save(update_fields=["start_date"])
    ctx["trial"] = set_up(world, ctx["plan"], start=timezone.localdate() - timedelta(days=3))


def with_extra_link(world, ctx):
    # Dana, not Bob: Bob on the care team could not be on-call cover or break glass.
    from tests.conftest import make_member

    dana = make_member(world.clinic, "dana@maple.test", Role.CLINICIAN, "Dana Second")
    ctx["link_id"] = CareTeam.objects.create(
        clinic=world.clinic, patient=world.patient, clinician=dana, is_primary=False
    ).pk


def with_inactive_member(world, ctx):
    from tests.conftest import make_member

    rae = make_member(world.clinic, "rae@maple.test", Role.PATIENT, "Rae Former")
    membership = Membership.objects.get(user=rae)
    membership.is_active = False
    membership.save(update_fields=["is_active"])
    ctx["membership_id"] = membership.pk


def with_reminders(world, ctx):
    from apps.diaries.models import ReminderPreference

    ReminderPreference.objects.create(patient=world.patient, timezone="America/New_York")


PUSH_ENDPOINT = "https://push.example.com/send/one-browser"


def with_push_subscription(world, ctx):
    from apps.diaries.models import PushSubscription

    PushSubscription.objects.create(
        patient=world.patient, endpoint=PUSH_ENDPOINT, p256dh="B" * 87, auth="A" * 22
    )


def plan_component(ctx):
    return ctx["plan"].items.first().component_id


def checkin_of(ctx):
    from apps.alerts.models import Alert
    from apps.safety.feedback import checkin_of_alert

    return checkin_of_alert(alert=Alert.objects.get(pk=ctx["alert_id"])).pk


def in_a_week():
    return (timezone.localdate() + timedelta(days=7)).isoformat()


def shift_times():
    start = timezone.localtime() + timedelta(days=3)
    return {
        "starts_at": start.strftime("%Y-%m-%dT09:00"),
        "ends_at": start.strftime("%Y-%m-%dT17:00"),
    }


WRITES = {
    # --- allauth: the signed-in person's own account -----------------------------------
    "account_login": Write(
        own_account(REDIRECT, anonymous=REDIRECT),
        {"login": "pat@maple.test", "password": PASSWORD},
        changes=False,
    ),
    # Signed out, to the login page.
    "account_logout": Write(own_account(LOGIN), changes=False),
    # Sign-up is closed (invitations only): the page says so.
    "account_signup": Write(
        own_account(REDIRECT, anonymous=200),
        {"email": "someone@new.test", "password1": "x9!long-enough", "password2": "x9!long-enough"},
        changes=False,
    ),
    "account_reauthenticate": Write(own_account(REDIRECT), {"password": PASSWORD}, changes=False),
    "account_change_password": Write(
        own_account(REDIRECT),
        {
            "oldpassword": PASSWORD,
            "password1": "a new long pass 7",
            "password2": "a new long pass 7",
        },
    ),
    "account_set_password": Write(own_account(REDIRECT), changes=False),
    "account_reset_password": Write(
        own_account(REDIRECT, anonymous=REDIRECT), {"email": "pat@maple.test"}, changes=False
    ),
    "account_confirm_login_code": Write(own_account(REDIRECT), changes=False),
    "account_confirm_email": Write(own_account(404, anonymous=404), changes=False),
    "account_reset_password_from_key": Write(own_account(200, anonymous=200), changes=False),
    "mfa_authenticate": Write(own_account(REDIRECT), changes=False),
    "mfa_reauthenticate": Write(
        own_account(REDIRECT), lambda w, c: {"code": totp_code()}, changes=False
    ),
    # Two-factor settings, the person's own. Staff already have an authenticator
    # (activating again goes back to the list); patients have none (allauth's
    # 404 where there is nothing to switch off). A form posted without its
    # code is shown again (200) and changes nothing.
    "mfa_activate_totp": Write(
        own_account(REDIRECT, patient=200, other_patient=200), changes=False
    ),
    # A deactivated member is no longer staff, so no longer bound to keep one.
    "mfa_deactivate_totp": Write(
        own_account(200, patient=404, other_patient=404, deactivated=REDIRECT), changes=False
    ),
    "mfa_generate_recovery_codes": Write(
        own_account(REDIRECT, patient=200, other_patient=200), changes=False
    ),
    # A download (GET only) once the password is in; patients have no codes.
    "mfa_download_recovery_codes": Write(
        own_account(405, patient=404, other_patient=404), changes=False
    ),
    # --- the clinic console: the clinic's admins ---------------------------------------
    "clinics:members": Write(
        admin_only(REDIRECT),
        lambda w, c: {
            "email": "new@maple.test",
            "full_name": "New Person",
            "role": "patient",
            "primary_clinician": w.alice.pk,
        },
    ),
    # The report of what was invited, on the page.
    "clinics:invitations_upload": Write(
        admin_only(200),
        lambda w, c: {
            "file": SimpleUploadedFile(
                "people.csv",
                b"email,full_name,role,primary_clinician\nnew@maple.test,New Person,patient,"
                b"alice@maple.test\n",
                content_type="text/csv",
            )
        },
    ),
    "clinics:invitation_resend": Write(admin_only(REDIRECT)),
    "clinics:invitation_revoke": Write(admin_only(REDIRECT)),
    "clinics:member_deactivate": Write(admin_only(REDIRECT)),
    "clinics:member_reactivate": Write(admin_only(REDIRECT), setup=with_inactive_member),
    # Adding staff of another of the admin's clinics needs a second clinic;
    # Bob is already here: explained, back to the members page.
    "clinics:member_add_existing": Write(
        admin_only(REDIRECT), {"email": "bob@maple.test", "role": "clinician"}, changes=False
    ),
    "clinics:settings": Write(
        admin_only(REDIRECT),
        {
            "name": "Maple Street Clinic",
            "timezone": "America/New_York",
            "locale": "US",
            "phone_number": "",
            "crisis_resources": "",
            "retention": "keep",
            "retention_days": "2555",
        },
    ),
    "clinics:on_call": Write(
        admin_only(REDIRECT),
        lambda w, c: {"clinician": w.bob.pk, "covers": w.alice.pk} | shift_times(),
    ),
    "clinics:on_call_remove": Write(admin_only(REDIRECT)),
    "console:care_team": Write(
        admin_only(REDIRECT), lambda w, c: {"action": "link", "link-clinician": w.bob.pk}
    ),
    "console:care_link_remove": Write(admin_only(REDIRECT), setup=with_extra_link),
    "console:risk_defaults": Write(
        admin_only(REDIRECT),
        {
            "very_low_mood__threshold": "1",
            "baseline_drop__drop": "",
            "sustained_low__count": "",
            "sustained_low__threshold": "",
            "phq9_worsening__rise": "",
            "phq9_worsening__ceiling": "",
            "gad7_severe__threshold": "",
        },
    ),
    "console:alert_policy": Write(
        admin_only(REDIRECT),
        {
            "critical_to_on_call_minutes": "10",
            "critical_to_admins_minutes": "30",
            "high_to_on_call_minutes": "240",
            "digest_hour": "8",
            "webhook_url": "",
            "webhook_secret": "",
            "channels_critical": ["in_app", "email"],
            "channels_high": ["in_app", "email"],
            "channels_moderate": ["email"],
            "channels_low": ["email"],
        },
    ),
    # Whoever holds the link: a new password makes the account.
    "clinics:invitation_accept": Write(
        own_account(REDIRECT, anonymous=REDIRECT),
        {
            "full_name": "New Person",
            "password1": "a new long pass 7",
            "password2": "a new long pass 7",
        },
    ),
    # Any clinician may open a patient of their clinic they cannot already see.
    # Other staff are shown the form again with "choose a patient from the
    # list", the same answer as for an id that does not exist: not a hole.
    "audit:break_glass": Write(
        refused(bob=REDIRECT)
        | dict.fromkeys(["alice", "charlie", "admin", "on_call", "break_glass"], refused_with(200)),
        lambda w, c: {"patient": w.patient.pk, "reason": "Found at night, no answer."},
        deactivated="bob",
    ),
    # --- the patient's own pages --------------------------------------------------------
    "diaries:today": Write(
        patients_own(REDIRECT),
        lambda w, c: {
            "local_date": today_for(clinic=w.clinic).isoformat(),
            "mood": "3",
            "journal": "A calm day.",
        },
    ),
    "diaries:health_profile": Write(patients_own(REDIRECT), {"conditions": "asthma"}),
    "diaries:safety_plan": Write(patients_own(REDIRECT), {"warning_signs": "Not sleeping"}),
    "diaries:questionnaire_fill": Write(
        patients_own(REDIRECT), {f"q{n}": "0" for n in range(1, 10)}
    ),
    # Closed and signed out, to the login page.
    "diaries:close_account": Write(patients_own(allowed_with(LOGIN)), {"confirm": "close"}),
    "diaries:reminders": Write(
        patients_own(REDIRECT),
        {"enabled": "on", "time": "19:30", "timezone": "America/New_York", "channel": "email"},
    ),
    # A browser's push subscription, posted by push-reminders.js as JSON.
    "diaries:push_subscribe": Write(
        patients_own(201),
        {"endpoint": PUSH_ENDPOINT, "keys": {"p256dh": "B" * 87, "auth": "A" * 22}},
        as_json=True,
    ),
    # The other patient cannot stop the patient's notifications: nothing removed.
    "diaries:push_unsubscribe": Write(
        patients_own(200) | {"other_patient": refused_with(200)},
        {"endpoint": PUSH_ENDPOINT},
        setup=with_push_subscription,
        as_json=True,
    ),
    "diaries:language": Write(patients_own(REDIRECT), {"language": "es"}),
    # Whoever holds the emailed link (the patient's), signed in or not.
    "diaries:reminder_unsubscribe": Write(dict.fromkeys(PERSONS, 200), setup=with_reminders),
    # The other patient posts a component of the patient's plan: they have no
    # plan, so it is explained and nothing is logged.
    "protocols:log": Write(
        patients_own(REDIRECT) | {"other_patient": refused_with(REDIRECT)},
        lambda w, c: {"component": plan_component(c), "action": "as_planned"},
        setup=with_plan,
    ),
    "trials:log": Write(
        patients_own(REDIRECT), {"guess": "unsure"}, setup=with_trial, changes=False
    ),
    # --- the patient's record: the care team -------------------------------------------
    "dashboards:safety_plan": Write(
        care_team(REDIRECT), {"warning_signs": "Not sleeping", "internal_coping": "Walk"}
    ),
    "dashboards:health_profile": Write(
        care_team(REDIRECT), {"conditions": "asthma", "medications": "lithium"}
    ),
    "dashboards:risk_settings": Write(
        care_team(REDIRECT), {"very_low_mood__threshold": "0", "reason": "quiet please"}
    ),
    "dashboards:questionnaires": Write(
        care_team(REDIRECT),
        {
            "instrument": "phq9",
            "every": "2",
            "unit": "weeks",
            "starts_on": in_a_week(),
            "is_active": "on",
        },
    ),
    "dashboards:sessions": Write(
        care_team(REDIRECT),
        lambda w, c: {
            "date": today_for(clinic=w.clinic).isoformat(),
            "notes": "Talked about sleep.",
        },
    ),
    "dashboards:exports": Write(
        care_team(REDIRECT),
        lambda w, c: {
            "format": "csv",
            "first": (today_for(clinic=w.clinic) - timedelta(days=3)).isoformat(),
            "last": today_for(clinic=w.clinic).isoformat(),
        },
    ),
    "crisis_examples:missed": Write(
        care_team(REDIRECT), lambda w, c: {"checkin": checkin_of(c), "kind": "suicidal"}
    ),
    "protocols:assign": Write(care_team(200), changes=False),
    "protocols:change": Write(care_team(200), setup=with_plan, changes=False),
    "protocols:pause": Write(care_team(REDIRECT), {"reason": "Holiday."}, setup=with_plan),
    "protocols:resume": Write(care_team(REDIRECT), setup=with_paused_plan),
    "protocols:end": Write(care_team(REDIRECT), {"reason": "Done."}, setup=with_plan),
    # No screening change to answer: explained, back to the plan.
    "protocols:review": Write(
        care_team(REDIRECT),
        {"decision": "continue", "reason": "Reviewed."},
        setup=with_plan,
        changes=False,
    ),
    "trials:set_up": Write(
        care_team(REDIRECT),
        {
            "weeks": "4",
            "start_date": in_a_week(),
            "outcomes": ["mood", "anxiety"],
            "preparer_name": "Sam Okafor",
        },
        setup=with_plan,
    ),
    "trials:unblind": Write(care_team(REDIRECT), {"reason": "Safety."}, setup=with_trial),
    # --- alerts: answered by those who answer them -------------------------------------
    "alerts:acknowledge": Write(
        refused(alice=REDIRECT, admin=REDIRECT, on_call=REDIRECT), {"note": "Called the patient."}
    ),
    "alerts:resolve": Write(
        refused(alice=REDIRECT, admin=REDIRECT, on_call=REDIRECT),
        {"note": "Safety plan reviewed."},
    ),
    "alerts:record_action": Write(
        refused(alice=REDIRECT, admin=REDIRECT, on_call=REDIRECT), {"outcome": "no_answer"}
    ),
    # Judging an entry writes a labelled example from the patient's record:
    # the care team only (safety.feedback.may_label), not on-call cover.
    "alerts:label": Write(care_team(REDIRECT), {"label": "real"}),
    # --- the clinic's catalogue and examples -------------------------------------------
    "protocols:component_new": Write(
        staff(REDIRECT),
        {
            "name": "Magnesium",
            "unit": "mg",
            "range_low": "100",
            "range_high": "400",
            "source": "A guideline.",
        },
        deactivated="alice",
    ),
    "protocols:template_new": Write(staff(200), {"name": "Empty"}, changes=False),
    # A download of the examples of the patients one may see (a read).
    "crisis_examples:export": Write(staff(200), changes=False, deactivated="alice"),
}

# Django's admin is for platform operators (is_staff); no clinic role has it,
# so every POST there goes to its login page.
ADMIN_WRITE = Write(own_account(STAFF_ADMIN_LOGIN, anonymous=STAFF_ADMIN_LOGIN), changes=False)
ADMIN_WRITES = {
    # Through allauth's login; signed-in non-operators get 404.
    "admin:login": Write(own_account(404), changes=False),
    # Logging out of the admin, back to its index.
    "admin:logout": Write(own_account(REDIRECT, anonymous=REDIRECT), changes=False),
}

# Tables a refused request may still write: the access trail records who
# asked for what (refusals included) and is append-only.
NOT_COMPARED = {"audit.accessevent", "sessions.session"}


def write_for(key, route):
    if route.startswith(ADMIN_PREFIX):
        return ADMIN_WRITES.get(key, ADMIN_WRITE)
    return WRITES.get(key)


def context(world, crisis_alert):
    invitation, token = invitation_create(
        clinic=world.clinic,
        email="invited@maple.test",
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
    return {
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
        "invitation_id": invitation.pk,
        "membership_id": Membership.objects.get(user=world.other_patient).pk,
        "shift_id": shift.pk,
        "link_id": CareTeam.objects.get(patient=world.patient, is_primary=True).pk,
        "export_id": 0,
    }


def tables():
    return sorted(
        (model._meta.label_lower, model._meta.db_table)
        for model in apps.get_models()
        if model._meta.managed
        and not model._meta.proxy
        and model._meta.label_lower not in NOT_COMPARED
    )


def snapshot() -> dict:
    """Every table's rows, as one digest each (PostgreSQL: one query for all;
    elsewhere, the rows themselves)."""
    names = tables()
    if connection.vendor == "postgresql":
        columns = ", ".join(
            f"(SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) "
            f'FROM "{table}" t)'
            for _label, table in names
        )
        with connection.cursor() as cursor:
            cursor.execute(f"SELECT {columns}")
            return dict(zip([label for label, _ in names], cursor.fetchone(), strict=True))
    return {
        label: sorted(map(repr, apps.get_model(label).objects.values_list()))
        for label, _table in names
    }


def changed(before, after):
    return sorted(label for label in before if before[label] != after[label])


def password_again(key, name) -> bool:
    """Whether the URL asks for the password again before a POST (the
    sensitive URLs, allauth's two-factor pages)."""
    return name in settings.SENSITIVE_URL_NAMES or key.startswith("mfa_")


def sign_in(client, user, *, again):
    client.force_login(user)
    if again:
        # The password typed again, for real: this suite asks the access
        # gate, not the reauthentication in front of a sensitive change.
        reauthenticate(client)


def become(person, world, row):
    """The user for `person`, after what makes them that kind of person."""
    if person == "anonymous":
        return None
    if person == "on_call":
        now = timezone.now()
        OnCallShift.objects.create(
            clinic=world.clinic,
            clinician=world.bob,
            covers=world.alice,
            starts_at=now - timedelta(hours=1),
            ends_at=now + timedelta(hours=8),
        )
        return world.bob
    if person == "break_glass":
        access.break_glass_open(user=world.bob, patient_id=world.patient.pk, reason="Found")
        return world.bob
    if person == "deactivated":
        who = row.deactivated or next(
            (p for p in ("alice", "admin", "patient") if row.expect[p] != 404), "alice"
        )
        user = getattr(world, who)
        Membership.objects.filter(user=user).update(is_active=False)
        return user
    return getattr(world, person)


def accepts_post(path, world) -> bool:
    """A POST as Alice, the admin or the patient answers anything but 405."""
    for person in ("alice", "admin", "patient"):
        with transaction.atomic():
            client = Client(raise_request_exception=False)
            client.force_login(getattr(world, person))
            answer = client.post(path, {}).status_code
            transaction.set_rollback(True)
        if answer != 405:
            return True
    return False


def test_every_row_names_a_url_that_exists():
    keys = {key for key, _route, _name in ALL_PATTERNS}
    assert set(WRITES) - keys == set(), "rows for URLs that no longer exist"


def test_every_url_that_accepts_a_post_has_a_row(world, crisis_alert):
    values = context(world, crisis_alert)
    missing = [
        key
        for key, route, name in ALL_PATTERNS
        if write_for(key, route) is None and accepts_post(concrete_path(route, name, values), world)
    ]
    assert not missing, (
        f"{missing} accept a POST but have no row in WRITES in "
        "tests/test_access_matrix_writes.py: add one with the data that would succeed and "
        "what each kind of person gets back (docs/SECURITY.md, class 1, says who may write)"
    )


POST_ROWS = [
    (key, route, name) for key, route, name in ALL_PATTERNS if write_for(key, route) is not None
]


@pytest.mark.parametrize(("key", "route", "name"), POST_ROWS, ids=[p[0] for p in POST_ROWS])
def test_a_post_answers_each_person_as_its_row_says_and_a_refused_one_changes_nothing(
    key, route, name, world, crisis_alert
):
    row = write_for(key, route)
    ctx = context(world, crisis_alert)
    if row.setup:
        row.setup(world, ctx)
    if key == "diaries:reminder_unsubscribe":
        ctx["token"] = reminder_unsubscribe_token(patient=world.patient)
    path = concrete_path(route, name, ctx)

    wrong = []
    for person in PERSONS:
        with transaction.atomic():
            cache.clear()  # no rate limit carried from one person to the next
            client = Client(raise_request_exception=False)
            user = become(person, world, row)
            if user is not None:
                sign_in(client, user, again=password_again(key, name))
            data = row.data(world, ctx) if callable(row.data) else row.data
            before = snapshot()
            if row.as_json:
                response = client.post(path, json.dumps(data), content_type="application/json")
            else:
                response = client.post(path, data)
            after = snapshot()
            transaction.set_rollback(True)
        expected = row.expect[person]
        if isinstance(expected, Answered):
            allowed, expected = expected.allowed, expected.answer
        else:
            allowed = expected not in (404, LOGIN, STAFF_ADMIN_LOGIN)
        if not check(response, expected):
            got = response.status_code
            if got == 302:
                got = f"302 -> {response['Location']}"
            wrong.append(f"{person}: expected {expected}, got {got}")
        if not allowed and changed(before, after):
            wrong.append(f"{person}: refused, yet changed {changed(before, after)}")
        if allowed and row.changes and not changed(before, after):
            wrong.append(
                f"{person}: allowed, yet nothing changed (does the row's data succeed?) "
                + response.content.decode(errors="replace")[-3000:]
            )
    assert not wrong, f"POST {path}\n  " + "\n  ".join(wrong)
