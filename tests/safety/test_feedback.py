"""Clinicians teach the crisis detector: labelled examples per clinic
(apps/safety/feedback.py), who may record them, their audit and their export."""

from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from apps.audit.models import ChangeRecord
from apps.clinics.access import break_glass_open
from apps.clinics.models import CareTeam, Membership, OnCallShift, Role
from apps.diaries.models import CheckIn
from apps.diaries.services import checkin_submit, today_for
from apps.safety.feedback import (
    NotAllowed,
    checkin_for,
    checkin_of_alert,
    crisis_example_record,
    eval_rows,
    examples_for_review,
    may_label,
    one_line,
)
from apps.safety.models import CrisisExample
from tests.conftest import make_member

REAL, NOT, MISSED = CrisisExample.Label.REAL, CrisisExample.Label.NOT, CrisisExample.Label.MISSED


def ordinary_entry(world, journal="Walked the dog. Soup for dinner.", days_ago=1, patient=None):
    """An entry written as the patient would, without going through the detector."""
    return CheckIn.objects.create(
        patient=patient or world.patient,
        clinic=world.clinic,
        mood=6,
        journal=journal,
        local_date=today_for(clinic=world.clinic) - timedelta(days=days_ago),
    )


def test_the_care_team_clinician_may_label_and_the_example_keeps_the_alerts_kind(
    world, crisis_alert
):
    checkin = checkin_of_alert(alert=crisis_alert)
    example = crisis_example_record(by=world.alice, checkin=checkin, label=REAL, alert=crisis_alert)
    assert (example.clinic, example.patient, example.alert) == (
        world.clinic,
        world.patient,
        crisis_alert,
    )
    assert example.kind == "suicidal" and example.text == "I want to kill myself."
    assert example.labelled_by == world.alice and example.is_crisis


@pytest.mark.parametrize("who", ["bob", "charlie", "admin", "patient", "other_patient"])
def test_nobody_outside_the_care_may_label(world, crisis_alert, who):
    checkin = checkin_of_alert(alert=crisis_alert)
    with pytest.raises(NotAllowed):
        crisis_example_record(by=getattr(world, who), checkin=checkin, label=NOT)
    assert not CrisisExample.objects.exists() and not ChangeRecord.objects.exists()


def test_break_glass_lets_a_colleague_read_but_not_label(world, crisis_alert):
    break_glass_open(user=world.bob, patient_id=world.patient.pk, reason="Alice is away.")
    assert not may_label(user=world.bob, patient_id=world.patient.pk)
    with pytest.raises(NotAllowed):
        crisis_example_record(by=world.bob, checkin=checkin_of_alert(alert=crisis_alert), label=NOT)


def test_the_clinician_on_call_for_the_patient_reads_but_does_not_label(world, crisis_alert):
    now = timezone.now()
    OnCallShift.objects.create(
        clinic=world.clinic,
        clinician=world.bob,
        covers=world.alice,
        starts_at=now - timedelta(hours=1),
        ends_at=now + timedelta(hours=1),
    )
    checkin = checkin_of_alert(alert=crisis_alert)
    with pytest.raises(NotAllowed):
        crisis_example_record(by=world.bob, checkin=checkin, label=REAL)
    crisis_example_record(by=world.alice, checkin=checkin, label=REAL)
    assert [e.labelled_by for e in examples_for_review(user=world.bob)] == [world.alice]


def test_a_second_clinician_on_the_care_team_may_label(world, crisis_alert):
    dana = make_member(world.clinic, "dana@maple.test", Role.CLINICIAN, "Dana Second")
    CareTeam.objects.create(clinic=world.clinic, patient=world.patient, clinician=dana)
    assert may_label(user=dana, patient_id=world.patient.pk)
    assert (
        crisis_example_record(
            by=dana, checkin=checkin_of_alert(alert=crisis_alert), label=NOT
        ).labelled_by
        == dana
    )


def test_a_care_link_in_a_clinic_the_clinician_left_does_not_count(world, crisis_alert):
    Membership.objects.filter(user=world.alice).update(is_active=False)
    assert not may_label(user=world.alice, patient_id=world.patient.pk)


def test_a_later_answer_replaces_the_earlier_one_and_both_are_audited(world, crisis_alert):
    checkin = checkin_of_alert(alert=crisis_alert)
    first = crisis_example_record(by=world.alice, checkin=checkin, label=REAL, alert=crisis_alert)
    second = crisis_example_record(
        by=world.alice, checkin=checkin, label=NOT, note="Song lyrics, checked with her."
    )
    assert second.pk == first.pk and CrisisExample.objects.count() == 1
    second.refresh_from_db()
    assert second.label == NOT and second.note == "Song lyrics, checked with her."
    records = list(ChangeRecord.objects.order_by("pk"))
    assert [r.record for r in records] == ["crisis_example", "crisis_example"]
    assert records[0].summary == "Judged a journal entry: a real concern"
    assert records[1].summary == (
        "Changed a judgement of a journal entry: a real concern to not a concern"
    )
    assert records[1].changes["label"] == ["real", "not"] and records[1].changes["note"] == (
        "changed"
    )
    # The trail holds labels and ids, never the note or the entry's words.
    for record in records:
        assert "Song lyrics" not in str(record.changes) and "kill" not in str(record.changes)
        assert (record.actor, record.patient) == (world.alice, world.patient)


def test_two_clinicians_keep_their_own_answers_about_one_entry(world, crisis_alert):
    dana = make_member(world.clinic, "dana@maple.test", Role.CLINICIAN, "Dana Second")
    CareTeam.objects.create(clinic=world.clinic, patient=world.patient, clinician=dana)
    checkin = checkin_of_alert(alert=crisis_alert)
    crisis_example_record(by=world.alice, checkin=checkin, label=REAL)
    crisis_example_record(by=dana, checkin=checkin, label=NOT)
    assert sorted(CrisisExample.objects.values_list("label", flat=True)) == ["not", "real"]


def test_the_snapshot_and_the_note_are_encrypted_at_rest(world, crisis_alert):
    crisis_example_record(
        by=world.alice,
        checkin=checkin_of_alert(alert=crisis_alert),
        label=REAL,
        note="Called her, she is safe tonight.",
    )
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT text, note FROM {CrisisExample._meta.db_table}")
        text, note = cursor.fetchone()
    assert text.startswith("fernet:") and "kill" not in text
    assert note.startswith("fernet:") and "safe tonight" not in note


def test_a_private_entry_keeps_no_text(world):
    result = checkin_submit(
        patient=world.patient,
        clinic=world.clinic,
        mood=2,
        journal="Secret words. I want to kill myself.",
        is_private=True,
    )
    example = crisis_example_record(
        by=world.alice, checkin=result.checkin, label=REAL, alert=result.alerts[0]
    )
    assert example.text == "" and example.kind == "suicidal"
    assert eval_rows([example]) == []


def test_should_have_alerted_keeps_the_kind_the_clinician_named(world):
    checkin = ordinary_entry(world, "Gave my guitar to Sam and wrote to everyone. A tidy end.")
    example = crisis_example_record(by=world.alice, checkin=checkin, label=MISSED, kind="suicidal")
    assert example.alert is None and example.kind == "suicidal" and example.is_crisis
    unknown = crisis_example_record(by=world.alice, checkin=checkin, label=MISSED, kind="made_up")
    assert unknown.kind == ""


def test_a_label_that_does_not_exist_or_an_alert_about_someone_else_is_refused(world, crisis_alert):
    checkin = ordinary_entry(world, patient=world.other_patient)
    with pytest.raises(ValueError):
        crisis_example_record(
            by=world.alice, checkin=checkin_of_alert(alert=crisis_alert), label="x"
        )
    with pytest.raises(ValueError):
        crisis_example_record(by=world.bob, checkin=checkin, label=NOT, alert=crisis_alert)


def test_a_checkin_is_found_only_among_the_patients_own(world, crisis_alert):
    other = ordinary_entry(world, patient=world.other_patient)
    assert checkin_for(patient_id=world.patient.pk, checkin_id=other.pk) is None
    assert checkin_for(patient_id=world.other_patient.pk, checkin_id=str(other.pk)) == other
    for junk in (None, "", "abc", "1e9", [1]):
        assert checkin_for(patient_id=world.patient.pk, checkin_id=junk) is None


def test_review_shows_each_person_the_examples_of_patients_they_may_see(world, crisis_alert):
    crisis_example_record(by=world.alice, checkin=checkin_of_alert(alert=crisis_alert), label=REAL)
    crisis_example_record(
        by=world.bob, checkin=ordinary_entry(world, patient=world.other_patient), label=MISSED
    )
    seen = {
        who: set(examples_for_review(user=getattr(world, who)).values_list("patient_id", flat=True))
        for who in ("alice", "bob", "charlie", "admin", "patient")
    }
    assert seen["alice"] == {world.patient.pk}
    assert seen["bob"] == {world.other_patient.pk}
    assert seen["admin"] == {world.patient.pk, world.other_patient.pk}
    assert seen["charlie"] == set() and seen["patient"] == set()
    # A colleague who opened the record with break-glass does not get its examples.
    break_glass_open(user=world.bob, patient_id=world.patient.pk, reason="Alice is away.")
    assert world.patient.pk not in set(
        examples_for_review(user=world.bob).values_list("patient_id", flat=True)
    )


def test_a_clinician_of_another_clinic_is_refused_even_when_the_patient_moves(world):
    other_clinician = make_member(world.other_clinic, "dee@birch.test", Role.CLINICIAN)
    checkin = ordinary_entry(world)
    assert not may_label(user=other_clinician, patient_id=world.patient.pk)
    with pytest.raises(NotAllowed):
        crisis_example_record(by=other_clinician, checkin=checkin, label=MISSED)


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("one\ttwo", "one two"),
        (
            "walked the dog\ni want to end it all\n\nmade soup",
            "walked the dog. i want to end it all. made soup",
        ),
        ("Fine.\r\nReally!\nOk", "Fine. Really! Ok"),
        ("  \n\t ", ""),
    ],
)
def test_one_line_keeps_the_sentences_the_detector_reads(text, line):
    assert one_line(text) == line


def test_the_export_rows_are_what_crisis_eval_reads(world, crisis_alert, tmp_path, capsys):
    crisis_example_record(
        by=world.alice, checkin=checkin_of_alert(alert=crisis_alert), label=REAL, alert=crisis_alert
    )
    missed = ordinary_entry(world, "took the whole bag\ninstead of my 0.1", days_ago=2)
    crisis_example_record(by=world.alice, checkin=missed, label=MISSED)
    calm = ordinary_entry(world, "Cut myself a slice of cake.\tLovely.", days_ago=3)
    crisis_example_record(by=world.alice, checkin=calm, label=NOT)
    rows = sorted(eval_rows(examples_for_review(user=world.alice)))
    assert rows == [
        ("0", "none", "Cut myself a slice of cake. Lovely."),
        ("1", "suicidal", "I want to kill myself."),
        ("1", "unknown", "took the whole bag. instead of my 0.1"),
    ]
    path = tmp_path / "examples.tsv"
    path.write_text(
        "label\tkind\ttext\n" + "".join("\t".join(row) + "\n" for row in rows), encoding="utf-8"
    )
    call_command("crisis_eval", str(path))
    out = capsys.readouterr().out
    assert "recall" in out.lower()


def test_deleting_the_entry_deletes_its_examples(world, crisis_alert):
    checkin = checkin_of_alert(alert=crisis_alert)
    crisis_example_record(by=world.alice, checkin=checkin, label=REAL)
    CheckIn.objects.filter(pk=checkin.pk).delete()
    assert not CrisisExample.objects.exists()
