"""Every page people see, with data on it, reads as words: no rule id, event
code, field name, channel name or Python repr in the visible text.

A clinic with a bit of everything (a plan, a health profile changed twice,
check-ins with and without crisis language, questionnaires, alerts with
delivery attempts, access events) is walked URL by URL as the patient, their
clinician and the clinic admin. Each page that answers 200 with HTML has its
visible text (no tags, attributes, scripts or styles) searched for internal
words. A new page is walked as soon as it is in the URLconf.
"""

import html
import re
from datetime import timedelta

import pytest

from apps.alerts.models import Delivery
from apps.audit.services import access_record
from apps.clinics.models import CareTeam, Membership
from apps.diaries.questionnaires import questionnaire_submit
from apps.diaries.services import checkin_submit, today_for
from apps.safety.screening import health_profile_update
from apps.safety.services import crisis_reading
from tests.protocols.conftest import assign

from .test_access_matrix import ALL_PATTERNS, concrete_path

WALKERS = ["patient", "alice", "admin"]
SKIP_PREFIXES = ("django-admin/", "accounts/", "bench/")

# The words code uses for itself. A snake_case token is an identifier (rule
# ids, categories, event codes, field names, channel names: very_low_mood,
# suicidal_passive, view_risk_settings, has_therapist, in_app).
SNAKE = re.compile(r"\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b")
REPRS = [
    re.compile(r"\[['\"]"),  # ['seasonal allergies']
    re.compile(r"\{['\"]"),  # {'rule': ...}
    re.compile(r"(?:^|[:→(]\s*)(?:True|False|None)\b"),  # has_therapist: — → True
    re.compile(r"<\w+ object at 0x"),
    re.compile(r"\b(?:seed|REF):"),  # the fixtures' source shorthand
]


def visible_text(page: str) -> str:
    # <code> holds what people type literally (a CSV's column names).
    page = re.sub(r"(?is)<(script|style|template|code)\b.*?</\1>", " ", page)
    page = re.sub(r"(?s)<!--.*?-->", " ", page)
    page = re.sub(r"(?s)<[^>]+>", " ", page)
    return html.unescape(page)


def internal_words(text: str) -> list[str]:
    found = [m.group(0) for m in SNAKE.finditer(text)]
    for pattern in REPRS:
        found += [text[max(0, m.start() - 30) : m.end() + 20] for m in pattern.finditer(text)]
    return found


def test_the_scanner_catches_what_it_is_for():
    page = (
        "<p>What matched: <mark>want to die</mark> (suicidal_passive)</p>"
        "<li>has_therapist: — → True</li><li>Allergies: [] → ['pollen']</li>"
        '<td>in_app</td><p title="very_low_mood">Fine words</p>'
        "<script>var rule_id = 1;</script><p>REF: lithium row</p>"
    )
    found = internal_words(visible_text(page))
    assert {"suicidal_passive", "has_therapist", "in_app"} <= set(found)
    assert any("True" in f for f in found) and any("['pollen" in f for f in found)
    assert any("REF:" in f for f in found)
    assert "very_low_mood" not in found and "rule_id" not in found


@pytest.fixture
def busy_clinic(world, crisis_alert):
    """The patient with a bit of everything on their pages."""
    clinic, patient, alice = world.clinic, world.patient, world.alice
    assign(world, started_days_ago=20)
    profile = {
        "conditions": ["asthma"],
        "medications": ["lithium 300 mg"],
        "allergies": [],
        "family_history": ["bipolar disorder"],
        "pregnant": False,
        "breastfeeding": None,
        "recent_trauma_months": None,
        "has_therapist": None,
        "housing_stable": True,
        "support_person": "Sam (sister), 555-0199",
    }
    health_profile_update(patient=patient, clinic=clinic, data=profile, by=patient)
    health_profile_update(
        patient=patient,
        clinic=clinic,
        data=profile | {"allergies": ["seasonal allergies"], "has_therapist": True},
        by=alice,
    )
    today = today_for(clinic=clinic)
    for days_ago, mood, journal in [
        (6, 7, "A long walk, slept well."),
        (4, 6, "Tired after work."),
        (3, 2, "I wish I could go to sleep and not wake up."),
        (1, 3, "Headache all day."),
    ]:
        checkin_submit(
            patient=patient,
            clinic=clinic,
            local_date=today - timedelta(days=days_ago),
            mood=mood,
            journal=journal,
        )
    questionnaire_submit(
        patient=patient,
        clinic=clinic,
        instrument="phq9",
        answers={f"q{n}": 1 for n in range(1, 10)},
        local_date=today - timedelta(days=2),
    )
    questionnaire_submit(
        patient=patient,
        clinic=clinic,
        instrument="gad7",
        answers={f"q{n}": 3 for n in range(1, 8)},
        local_date=today - timedelta(days=2),
    )
    Delivery.objects.create(
        alert=crisis_alert,
        channel="in_app",
        target=f"in_app:user:{alice.pk}",
        recipient=alice,
        outcome=Delivery.Outcome.SENT,
    )
    Delivery.objects.create(
        alert=crisis_alert,
        channel="webhook",
        target="webhook:clinic",
        outcome=Delivery.Outcome.ERROR,
        detail="The clinic's endpoint answered 503.",
    )
    for action in ("view_patient", "view_risk_settings", "download_export", "break_glass"):
        access_record(actor=alice, patient=patient, action=action)
    assert crisis_reading("I wish I could go to sleep and not wake up.").matches
    return world


def walk_values(world, crisis_alert) -> dict:
    from apps.dashboards.models import Export

    export = Export.objects.create(
        requested_by=world.alice,
        patient=world.patient,
        format=Export.Format.CSV,
        first="2026-11-01",
        last="2026-11-02",
        state=Export.State.DONE,
        content="date\n",
    )
    return {
        "patient_id": world.patient.pk,
        "alert_id": crisis_alert.pk,
        "instrument": "phq9",
        "export_id": export.pk,
        "link_id": CareTeam.objects.get(patient=world.patient, is_primary=True).pk,
        "membership_id": Membership.objects.get(user=world.other_patient).pk,
        "token": "not-a-token",
        "invitation_id": 1,
        "shift_id": 1,
        "key": "x",
        "uidb36": "1z",
        "id": 1,
        "object_id": 1,
        "content_type_id": 1,
        "app_label": "clinics",
        "url": "x/",
    }


def test_every_page_reads_as_words(busy_clinic, crisis_alert, client):
    world = busy_clinic
    values = walk_values(world, crisis_alert)
    problems, walked = [], 0
    for _key, route, name in ALL_PATTERNS:
        if route.startswith(SKIP_PREFIXES):
            continue
        try:
            path = concrete_path(route, name, values)
        except KeyError:
            continue
        for role in WALKERS:
            client.force_login(world.by_role(role))
            response = client.get(path)
            if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
                continue
            walked += 1
            found = internal_words(visible_text(response.content.decode()))
            if found:
                problems.append(f"{path} as {role}: {sorted(set(found))[:6]}")
    assert walked > 40, f"only {walked} pages walked: the walk is not reaching the app"
    assert not problems, "internal words on pages:\n  " + "\n  ".join(problems)
