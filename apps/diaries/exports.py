"""The patient's own data as a download: CSV for a spreadsheet, JSON for
anything else. Their own private entries are theirs, so they are included."""

import csv
import io
import json

from django.utils import timezone

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
        },
        ensure_ascii=False,
        indent=2,
    )
