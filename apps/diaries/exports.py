"""The patient's own data as a download: CSV for a spreadsheet, JSON for
anything else. Their own private entries are theirs, so they are included."""

import csv
import io
import json

from django.apps import apps
from django.utils import timezone

from apps.protocols.selectors import clinic_today

from .catalog import practice_labels

COLUMNS = [
    "date",
    "filled_in_late",
    "private",
    "mood",
    "anxiety",
    "energy",
    "sleep_hours",
    "sleep_quality",
    "practices",
    "side_effects",
    "journal",
]
# A cell starting with one of these is run as a formula by Excel, LibreOffice
# and Google Sheets (CSV injection); a leading apostrophe makes it text.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r", "\n", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def spreadsheet_safe(value):
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def checkin_record(checkin) -> dict:
    labels = practice_labels()
    return {
        "date": checkin.local_date.isoformat(),
        "filled_in_late": checkin.is_late,
        "private": checkin.is_private,
        "mood": checkin.mood,
        "anxiety": checkin.anxiety,
        "energy": checkin.energy,
        "sleep_hours": float(checkin.sleep_hours) if checkin.sleep_hours is not None else None,
        "sleep_quality": checkin.sleep_quality,
        "practices": [labels.get(slug, slug) for slug in checkin.practices],
        "side_effects": [
            {"description": effect.description, "severity": effect.severity}
            for effect in checkin.side_effects.all()
        ],
        "journal": checkin.journal,
    }


def export_csv(checkins) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    for checkin in checkins:
        record = checkin_record(checkin)
        record["practices"] = "; ".join(record["practices"])
        record["side_effects"] = "; ".join(
            f"{e['description']} ({e['severity']})" for e in record["side_effects"]
        )
        writer.writerow([spreadsheet_safe("" if record[c] is None else record[c]) for c in COLUMNS])
    return out.getvalue()


def export_json(checkins, *, patient) -> str:
    return json.dumps(
        {
            "patient": patient.email,
            "exported_at": timezone.now().isoformat(),
            "checkins": [checkin_record(checkin) for checkin in checkins],
            "trials": trial_records(patient=patient),
        },
        ensure_ascii=False,
        indent=2,
    )


def trial_records(*, patient) -> list[dict]:
    """The patient's blinded trials: each day's envelope code and guess, and
    the allocation only once the trial has ended or been unblinded (before
    that, a download would break the blind the patient is keeping). Through
    the app registry: trials is a layer above diaries."""
    Trial = apps.get_model("trials", "Trial")
    records = []
    for trial in Trial.objects.filter(patient=patient).select_related("clinic"):
        allocation = trial.allocation_unsealed(clinic_today(trial.clinic))
        records.append(
            {
                "start_date": trial.start_date.isoformat(),
                "weeks": trial.weeks,
                "envelope_codes": list(trial.codes),
                "days": [
                    {
                        "date": day.local_date.isoformat(),
                        "code_logged": day.code or None,
                        "guess": day.get_guess_display() if day.guess else None,
                    }
                    for day in trial.trial_days.all()
                ],
                # Week by week, "active" or "placebo"; null while sealed.
                "allocation": list(allocation) if allocation is not None else None,
            }
        )
    return records
