"""Encryption at rest: what the database holds, key rotation, and the
production check."""

import io
import subprocess
import sys

import pytest
from cryptography.fernet import Fernet
from django.core.management import call_command
from django.db import connection

from apps.accounts.encryption import PREFIX, is_current
from apps.safety.models import SafetyPlan
from tests.test_project import ROOT, production_env

OLD_KEY = Fernet.generate_key().decode()
NEW_KEY = Fernet.generate_key().decode()
SECRET = "Call my sister Jo on 555-0100; the pills are in the blue box"


def raw(plan, column="warning_signs"):
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {column} FROM safety_safetyplan WHERE id = %s", [plan.pk])  # noqa: S608
        return cursor.fetchone()[0]


def plan_for(world, **sections):
    return SafetyPlan.objects.create(patient=world.patient, **sections)


def test_the_database_never_holds_the_plaintext(world):
    plan = plan_for(world, warning_signs=SECRET, trusted_person="Jo (sister)")
    for column in ("warning_signs", "trusted_person"):
        stored = raw(plan, column)
        assert stored.startswith(PREFIX)
        # Whole phrases, most with characters a Fernet token never holds (space,
        # parenthesis, semicolon): a fragment like "Jo" turns up in random
        # ciphertext about one run in fifteen.
        for plaintext in ("Jo (sister)", "sister Jo", "555-0100", "; the pills"):
            assert plaintext not in stored
    plan.refresh_from_db()
    assert (plan.warning_signs, plan.trusted_person) == (SECRET, "Jo (sister)")


def test_the_same_text_encrypts_differently_each_time(world):
    plan = plan_for(world, warning_signs=SECRET, internal_coping=SECRET)
    assert raw(plan, "warning_signs") != raw(plan, "internal_coping")


def test_unicode_and_markup_survive_the_round_trip(world):
    text = "Ça va 🌧️ — <script>alert(1)</script>\n\tline two"
    plan = plan_for(world, stopping_plan=text)
    plan.refresh_from_db()
    assert plan.stopping_plan == text


def test_rows_under_an_old_key_still_read_after_a_new_key_is_added(world, settings):
    settings.TRELLIS_ENCRYPTION_KEYS = [OLD_KEY]
    plan = plan_for(world, warning_signs=SECRET)
    settings.TRELLIS_ENCRYPTION_KEYS = [NEW_KEY, OLD_KEY]
    plan.refresh_from_db()
    assert plan.warning_signs == SECRET
    assert not is_current(raw(plan))


def test_rotation_rewrites_old_rows_with_the_newest_key(world, settings):
    settings.TRELLIS_ENCRYPTION_KEYS = [OLD_KEY]
    plan = plan_for(world, warning_signs=SECRET, trusted_person="Jo")
    settings.TRELLIS_ENCRYPTION_KEYS = [NEW_KEY, OLD_KEY]
    call_command("rotate_encryption_keys", batch_size=1, stdout=io.StringIO())
    assert is_current(raw(plan)) and is_current(raw(plan, "trusted_person"))
    # The old key can now be dropped.
    settings.TRELLIS_ENCRYPTION_KEYS = [NEW_KEY]
    plan.refresh_from_db()
    assert (plan.warning_signs, plan.trusted_person) == (SECRET, "Jo")


def test_rotation_is_idempotent(world, settings, capsys):
    settings.TRELLIS_ENCRYPTION_KEYS = [OLD_KEY]
    plan = plan_for(world, warning_signs=SECRET)
    settings.TRELLIS_ENCRYPTION_KEYS = [NEW_KEY, OLD_KEY]
    call_command("rotate_encryption_keys")
    first = raw(plan)
    capsys.readouterr()
    call_command("rotate_encryption_keys")
    assert raw(plan) == first
    assert "safety.SafetyPlan: 0 row(s) re-encrypted" in capsys.readouterr().out


def test_rotation_works_through_many_rows_in_batches(world, settings):
    from tests.conftest import make_member

    settings.TRELLIS_ENCRYPTION_KEYS = [OLD_KEY]
    plans = [
        SafetyPlan.objects.create(
            patient=make_member(world.clinic, f"p{number}@maple.test", "patient"),
            warning_signs=f"{SECRET} {number}",
        )
        for number in range(7)
    ]
    settings.TRELLIS_ENCRYPTION_KEYS = [NEW_KEY, OLD_KEY]
    call_command("rotate_encryption_keys", batch_size=3, stdout=io.StringIO())
    settings.TRELLIS_ENCRYPTION_KEYS = [NEW_KEY]
    for number, plan in enumerate(plans):
        plan.refresh_from_db()
        assert plan.warning_signs == f"{SECRET} {number}"


def test_rotation_encrypts_plaintext_written_before_the_column_was_encrypted(world):
    plan = plan_for(world)
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE safety_safetyplan SET warning_signs = %s WHERE id = %s", [SECRET, plan.pk]
        )
    plan.refresh_from_db()
    assert plan.warning_signs == SECRET  # read as is until rotated
    call_command("rotate_encryption_keys", stdout=io.StringIO())
    assert SECRET not in raw(plan)
    plan.refresh_from_db()
    assert plan.warning_signs == SECRET


def test_a_row_whose_key_was_dropped_fails_loudly_instead_of_showing_ciphertext(world, settings):
    from django.core.exceptions import ImproperlyConfigured

    settings.TRELLIS_ENCRYPTION_KEYS = [OLD_KEY]
    plan = plan_for(world, warning_signs=SECRET)
    settings.TRELLIS_ENCRYPTION_KEYS = [NEW_KEY]
    with pytest.raises(ImproperlyConfigured, match="rotating"):
        plan.refresh_from_db()


def test_the_single_line_sections_still_limit_their_length_and_use_a_text_input(world):
    from apps.safety.forms import SafetyPlanForm

    form = SafetyPlanForm(data={"trusted_person": "x" * 301})
    assert not form.is_valid()
    assert "trusted_person" in form.errors
    assert 'type="text"' in str(form["trusted_person"])


def manage_check(env):
    return subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_without_encryption_keys_fails_the_check():
    env = production_env()
    env.pop("TRELLIS_ENCRYPTION_KEYS", None)
    result = manage_check(env)
    assert result.returncode != 0
    assert "accounts.E001" in result.stderr + result.stdout


def test_production_with_a_malformed_key_fails_the_check():
    result = manage_check(production_env(TRELLIS_ENCRYPTION_KEYS="not-a-key"))
    assert result.returncode != 0
    assert "accounts.E002" in result.stderr + result.stdout
