"""One patient's data for a clinician: CSV and a FHIR R4 Bundle.

The private-entry rule holds here as on every page: of a private entry the
clinician gets its scores, its safety findings' matched words and its severe
side effects, never the rest of its text.
"""

import csv
import io
import json
import uuid
from datetime import date

from apps.diaries.exports import spreadsheet_safe
from apps.diaries.instruments import INSTRUMENTS

from .brief_text import READ_AS_ORDINARY, finding_words

CSV_COLUMNS = [
    "date",
    "filled_in_late",
    "private",
    "mood",
    "anxiety",
    "energy",
    "sleep_hours",
    "sleep_quality",
    "side_effects",
    "safety_findings",
    "journal",
]

# LOINC codes from docs/CLINICAL_REFERENCE.md#loinc-codes. The daily check-in
# measures have none there, so they are coded in Trellis's own system.
LOINC = "http://loinc.org"
QUESTIONNAIRE_LOINC = {
    "phq9": ("44249-1", "44261-6"),  # (panel, total)
    "phq2": ("55757-9", "55758-7"),
    "gad7": ("69737-5", "70274-6"),
    "pcl5": ("101697-1", "101698-9"),
}
FHIR_QUESTIONNAIRE_RESPONSES = {"phq9", "gad7", "pcl5"}
TRELLIS_SYSTEM = "https://trellis.example/fhir/CodeSystem/check-in"
CHECKIN_MEASURES = {
    "mood": ("Mood (0 worst to 10 best)", None),
    "anxiety": ("Anxiety (0 calm to 10 most anxious)", None),
    "energy": ("Energy (0 exhausted to 10 full of energy)", None),
    "sleep_hours": ("Sleep duration", "h"),
    "sleep_quality": ("Sleep quality (1 to 5)", None),
}
NAMESPACE = uuid.UUID("5b0f3c4e-6f1d-4d0e-9a53-2f1f0c9b7e11")


def _findings(checkin) -> str:
    if not checkin.flagged:
        return ""
    words = finding_words(checkin)
    return f"{words}; {READ_AS_ORDINARY}" if checkin.read_as_ordinary else words


def checkin_row(checkin) -> dict:
    """`checkin` has been through selectors.journal_view (matched words,
    side_effects_shown, highlighted)."""
    return {
        "date": checkin.local_date.isoformat(),
        "filled_in_late": checkin.is_late,
        "private": checkin.is_private,
        "mood": checkin.mood,
        "anxiety": checkin.anxiety,
        "energy": checkin.energy,
        "sleep_hours": float(checkin.sleep_hours) if checkin.sleep_hours is not None else None,
        "sleep_quality": checkin.sleep_quality,
        "side_effects": "; ".join(
            f"{e.description} ({e.severity})" for e in checkin.side_effects_shown
        ),
        "safety_findings": _findings(checkin),
        "journal": "" if checkin.is_private else checkin.journal,
    }


def export_csv(checkins, progress=None) -> str:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    total = max(len(checkins), 1)
    for number, checkin in enumerate(checkins, start=1):
        row = checkin_row(checkin)
        writer.writerow([spreadsheet_safe("" if row[c] is None else row[c]) for c in CSV_COLUMNS])
        if progress and number % 100 == 0:
            progress(number * 100 // total)
    return out.getvalue()


def _full_url(kind: str, key: str) -> str:
    return f"urn:uuid:{uuid.uuid5(NAMESPACE, f'{kind}/{key}')}"


def _entry(resource: dict) -> dict:
    return {"fullUrl": _full_url(resource["resourceType"], resource["id"]), "resource": resource}


def fhir_bundle(*, patient, checkins, responses, plan_items, generated_at) -> dict:
    """A FHIR R4 `collection` Bundle as plain JSON-ready dicts. `plan_items`
    are PlanItem rows with their plan and component."""
    patient_ref = {"reference": _full_url("Patient", str(patient.pk))}
    entries = [
        _entry(
            {
                "resourceType": "Patient",
                "id": str(patient.pk),
                "name": [{"text": patient.full_name or patient.email}],
            }
        )
    ]
    for checkin in checkins:
        for field, (label, unit) in CHECKIN_MEASURES.items():
            value = getattr(checkin, field)
            if value is None:
                continue
            resource = {
                "resourceType": "Observation",
                "id": f"checkin-{checkin.pk}-{field.replace('_', '-')}",
                "status": "final",
                "category": [
                    {
                        "coding": [
                            {
                                "system": "http://terminology.hl7.org/CodeSystem/observation-category",
                                "code": "survey",
                            }
                        ]
                    }
                ],
                "code": {"coding": [{"system": TRELLIS_SYSTEM, "code": field}], "text": label},
                "subject": patient_ref,
                "effectiveDateTime": checkin.local_date.isoformat(),
            }
            if unit:
                resource["valueQuantity"] = {
                    "value": float(value),
                    "unit": unit,
                    "system": "http://unitsofmeasure.org",
                    "code": unit,
                }
            else:
                resource["valueInteger"] = int(value)
            entries.append(_entry(resource))
    for response in responses:
        instrument = INSTRUMENTS.get(response.instrument)
        codes = QUESTIONNAIRE_LOINC.get(response.instrument)
        name = instrument.name if instrument else response.instrument
        if response.total is not None:
            code = {"text": f"{name} total score"}
            if codes:
                code["coding"] = [{"system": LOINC, "code": codes[1]}]
            entries.append(
                _entry(
                    {
                        "resourceType": "Observation",
                        "id": f"questionnaire-{response.pk}-total",
                        "status": "final",
                        "code": code,
                        "subject": patient_ref,
                        "effectiveDateTime": response.local_date.isoformat(),
                        "valueInteger": response.total,
                        "interpretation": [{"text": response.band}],
                    }
                )
            )
        if response.instrument in FHIR_QUESTIONNAIRE_RESPONSES:
            entries.append(
                _entry(
                    {
                        "resourceType": "QuestionnaireResponse",
                        "id": f"questionnaire-{response.pk}",
                        "questionnaire": f"http://loinc.org/q/{codes[0]}",
                        "status": "completed",
                        "subject": patient_ref,
                        "authored": response.local_date.isoformat(),
                        "item": [
                            {"linkId": key, "answer": [{"valueInteger": int(value)}]}
                            for key, value in sorted(
                                response.answers.items(), key=lambda kv: _item_order(kv[0])
                            )
                            if isinstance(value, int) and not isinstance(value, bool)
                        ],
                    }
                )
            )
    for item in plan_items:
        period = {"start": item.effective_from.isoformat()}
        end = item.effective_to or item.plan.ended_on
        if end:
            period["end"] = end.isoformat()
        entries.append(
            _entry(
                {
                    "resourceType": "MedicationStatement",
                    "id": f"plan-item-{item.pk}",
                    "status": "active" if end is None else "completed",
                    "medicationCodeableConcept": {"text": item.component.name},
                    "subject": patient_ref,
                    "effectivePeriod": period,
                    "dosage": [
                        {
                            "text": f"{_amount(item.amount)} {item.unit}, "
                            f"{item.pattern_obj.describe()}"
                        }
                    ],
                }
            )
        )
    return {
        "resourceType": "Bundle",
        "id": str(uuid.uuid5(NAMESPACE, f"bundle/{patient.pk}/{generated_at.isoformat()}")),
        "type": "collection",
        "timestamp": generated_at.isoformat(),
        "entry": entries,
    }


def _item_order(key: str):
    digits = "".join(ch for ch in key if "0" <= ch <= "9")
    return (int(digits) if digits else 0, key)


def _amount(amount) -> str:
    return format(amount.normalize(), "f") if hasattr(amount, "normalize") else str(amount)


def export_filename(patient, first: date, last: date, extension: str) -> str:
    return f"trellis-patient-{patient.pk}-{first.isoformat()}-{last.isoformat()}.{extension}"


def fhir_json(bundle: dict) -> str:
    return json.dumps(bundle, ensure_ascii=False, indent=1)
