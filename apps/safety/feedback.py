"""Clinicians teach the crisis detector: their judgements of journal entries, kept per
clinic as labelled examples (CrisisExample) that `manage.py crisis_eval` can measure
the detector on.

On a crisis-language alert a clinician says "a real concern" or "not a concern"; on
any entry of the timeline, "this should have alerted". Who may: the patient's care
team (`may_label`), as for every write to a patient's record; admins, on-call cover
and break-glass read (the review list and export: patients the viewer may see
without break-glass).

Services (writes) and selectors (reads), keyword-only. Safety sits below diaries
and alerts: the check-in and the alert come in as objects from the views, and the
one lookup of a check-in by id follows the model the example's own foreign key
names rather than importing diaries.
"""

from django.db import IntegrityError, transaction
from django.utils import timezone

from apps.audit.services import change_record
from apps.clinics import access
from apps.clinics.models import CareTeam, Membership, Role

from .categories import KINDS, gravest_kind
from .models import CrisisExample

NOTE_MAX = 500
RECORD = "crisis_example"  # the audit trail's name for these changes


class NotAllowed(Exception):
    """This person may not label this entry (the views answer 404)."""


# ------------------------------------------------------------------ who may


def may_label(*, user, patient_id: int, clinic_id: int | None = None) -> bool:
    """May `user` label entries the patient wrote in this clinic (or, without
    `clinic_id`, in any clinic)? The patient's care team only: a CareTeam link in a
    clinic where `user` is an active clinician and the patient an active patient.
    Labelling writes to the patient's record, so the rule for writing holds (not an
    admin, not on-call cover, not break-glass: they read). One query."""
    if not user.is_authenticated or not user.is_active or user.pk == patient_id:
        return False
    links = CareTeam.objects.filter(
        patient_id=patient_id,
        clinician=user,
        clinic__in=Membership.objects.filter(user=user, role=Role.CLINICIAN, is_active=True).values(
            "clinic_id"
        ),
    ).filter(
        clinic__in=Membership.objects.filter(
            user_id=patient_id, role=Role.PATIENT, is_active=True
        ).values("clinic_id")
    )
    if clinic_id is not None:
        links = links.filter(clinic_id=clinic_id)
    return links.exists()


# ------------------------------------------------------------------ reads


def checkin_for(*, patient_id: int, checkin_id):
    """One of the patient's check-ins by id, or None (also for an id that is not
    a number: no 500 on bad input)."""
    try:
        checkin_id = int(checkin_id)
    except (TypeError, ValueError):
        return None
    CheckIn = CrisisExample._meta.get_field("checkin").related_model
    return CheckIn.objects.filter(pk=checkin_id, patient_id=patient_id).first()


def checkin_of_alert(*, alert):
    """The entry an alert's evidence points at (the latest that raised it), or None."""
    evidence = alert.evidence or {}
    return checkin_for(
        patient_id=alert.patient_id,
        checkin_id=evidence.get("checkin_id") or alert.source_checkin_id,
    )


def examples_by(*, user, checkin_ids) -> dict:
    """`user`'s own examples for these entries, by check-in id."""
    ids = [i for i in checkin_ids if i]
    if not ids or not user.is_authenticated:
        return {}
    return {
        example.checkin_id: example
        for example in CrisisExample.objects.filter(labelled_by=user, checkin_id__in=ids)
    }


def examples_for_review(*, user):
    """The examples a member of staff may review and export: those of their clinics
    (as a clinician or an admin), about patients they may see without break-glass.
    Newest first."""
    if not user.is_authenticated:
        return CrisisExample.objects.none()
    clinics = Membership.objects.filter(
        user=user, role__in=[Role.CLINICIAN, Role.ADMIN], is_active=True
    ).values("clinic_id")
    return (
        CrisisExample.objects.filter(
            clinic_id__in=clinics,
            patient__in=access.patients_visible_to(user, break_glass=False),
        )
        .exclude(patient=user)
        .select_related("patient", "labelled_by", "checkin")
        # The entry's date is shown, never its journal (the example keeps its own
        # copy): not read, not decrypted.
        .defer("checkin__journal")
        .order_by("-labelled_at", "-pk")
    )


def eval_rows(examples) -> list[tuple[str, str, str]]:
    """(label, kind, text) as `manage.py crisis_eval` reads them: label 1 = a real
    concern or should have alerted, 0 = not a concern (kind "none", as in the
    development sets); the text on one line (see `one_line`). Examples without
    text (private entries, emptied entries) are left out: crisis_eval refuses a row
    without text."""
    rows = []
    for example in examples:
        text = one_line(example.text or "")
        if not text:
            continue
        if example.is_crisis:
            rows.append(("1", example.kind or "unknown", text))
        else:
            rows.append(("0", "none", text))
    return rows


_STOPS = ".!?;…"


def one_line(text: str) -> str:
    """The entry on one line, for a tab-separated file without quoting: tabs become
    spaces; a line break becomes ". " unless the line already ended a sentence,
    so the detector still reads the same sentences (it ends one at a line break)."""
    lines = [" ".join(line.split()) for line in text.replace("\r", "\n").split("\n")]
    out = ""
    for line in (line for line in lines if line):
        if out:
            out += " " if out[-1] in _STOPS else ". "
        out += line
    return out


# ------------------------------------------------------------------ writes


def _words(label: str) -> str:
    return CrisisExample.Label(label).label.lower() if label else "nothing"


def crisis_example_record(
    *, by, checkin, label: str, kind: str = "", note: str = "", alert=None
) -> CrisisExample:
    """Record `by`'s judgement of `checkin` (one of CrisisExample.Label), replacing
    their earlier one for the same entry; both are written to the audit trail
    (labels, kinds and ids only: the note and the entry's text stay encrypted in the
    example, never in the trail). `alert`: the crisis-language alert judged, whose
    gravest kind is the example's when `kind` is not given.

    Raises NotAllowed when `by` may not label the entry, ValueError for a label
    that does not exist or an alert about someone else."""
    if label not in CrisisExample.Label.values:
        raise ValueError(f"unknown label {label!r}")
    if alert is not None and alert.patient_id != checkin.patient_id:
        raise ValueError("the alert is about another patient")
    if not may_label(user=by, patient_id=checkin.patient_id, clinic_id=checkin.clinic_id):
        raise NotAllowed
    if kind not in KINDS:
        kind = gravest_kind((alert.evidence or {}).get("spans") or []) if alert else ""
    values = {
        "clinic_id": checkin.clinic_id,
        "patient_id": checkin.patient_id,
        "alert": alert,
        "label": label,
        "kind": kind,
        "note": (note or "").strip()[:NOTE_MAX],
        # What the clinician judged, as it reads now; a private entry's text is not
        # theirs to read, so none of it is kept.
        "text": "" if checkin.is_private else (checkin.journal or ""),
        "labelled_at": timezone.now(),
    }
    with transaction.atomic():
        example = (
            CrisisExample.objects.select_for_update()
            .filter(checkin=checkin, labelled_by=by)
            .first()
        )
        if example is None:
            try:
                with transaction.atomic():
                    example = CrisisExample.objects.create(
                        checkin=checkin, labelled_by=by, **values
                    )
            except IntegrityError:
                # The same person's other tab got there first: answer as a change.
                example = CrisisExample.objects.select_for_update().get(
                    checkin=checkin, labelled_by=by
                )
            else:
                change_record(
                    actor=by,
                    patient=checkin.patient,
                    record=RECORD,
                    summary=f"Judged a journal entry: {_words(label)}",
                    changes={
                        "example": example.pk,
                        "checkin": checkin.pk,
                        "alert": alert.pk if alert else None,
                        "label": [None, label],
                        "kind": [None, kind],
                    },
                )
                return example
        before = {"label": example.label, "kind": example.kind, "alert": example.alert_id}
        note_changed = example.note != values["note"]
        for name, value in values.items():
            setattr(example, name, value)
        example.save()
        after = {"label": example.label, "kind": example.kind, "alert": example.alert_id}
        changes = {k: [before[k], after[k]] for k in before if before[k] != after[k]}
        if note_changed:
            changes["note"] = "changed"  # never the note itself
        change_record(
            actor=by,
            patient=checkin.patient,
            record=RECORD,
            summary=(
                f"Changed a judgement of a journal entry: {_words(before['label'])} "
                f"to {_words(label)}"
                if before["label"] != label
                else f"Judged a journal entry again: {_words(label)}"
            ),
            changes={"example": example.pk, "checkin": checkin.pk, **changes},
        )
    return example
