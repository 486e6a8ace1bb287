"""`manage.py screen_profile`: screen health profiles from JSON Lines on stdin.

For clinical-safety review of the contraindication rules: the same engine the app
uses (apps/safety/detectors/screening.py) with the same rules
(fixtures/contraindications.yaml).

    echo '{"id": 1, "medications": ["Nardil 15 mg"]}' | python manage.py screen_profile

One profile per line; every key but "id" is optional, and a key that is absent (or
null) is unknown and raises no flag. "components" defaults to the reference stack.
One JSON line comes out per profile:

    {"id": 1, "eligible": false, "flags": [{"component": "psilocybin", ...}]}

A line that is not valid JSON, has an unknown key or a value of the wrong type is
reported on stderr with its line number, and the other lines are still answered;
the command then exits with a non-zero status. Empty lines are skipped.
"""

import json
import sys

from django.core.management.base import BaseCommand, CommandError

from apps.safety.detectors.screening import eligible, screen
from apps.safety.rules import contraindication_rules

LIST_KEYS = ("conditions", "medications", "allergies", "family_history")
BOOLEAN_KEYS = ("pregnant", "breastfeeding", "has_therapist", "housing_stable")
KEYS = ("id", *LIST_KEYS, "notes", *BOOLEAN_KEYS, "recent_trauma_months")
KEYS += ("components", "doses")


class BadLine(ValueError):
    pass


def _list_of_strings(record, key):
    value = record.get(key)
    if value is None:
        return
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        raise BadLine(f'"{key}" must be a list of strings')


def profile_request(line: str, stack: tuple[str, ...]) -> dict:
    """The checked request on one line: id, profile, components and doses."""
    try:
        record = json.loads(line)
    except json.JSONDecodeError as error:
        raise BadLine(f"not valid JSON ({error.msg} at column {error.colno})") from None
    if not isinstance(record, dict):
        raise BadLine("expected a JSON object")
    unknown = sorted(set(record) - set(KEYS))
    if unknown:
        raise BadLine(
            f"unknown key(s) {', '.join(map(repr, unknown))}; expected some of {', '.join(KEYS)}"
        )
    if "id" not in record:
        raise BadLine('"id" is missing')
    if isinstance(record["id"], bool) or not isinstance(record["id"], str | int):
        raise BadLine('"id" must be a string or an integer')
    for key in LIST_KEYS:
        _list_of_strings(record, key)
    for key in BOOLEAN_KEYS:
        if record.get(key) is not None and not isinstance(record[key], bool):
            raise BadLine(f'"{key}" must be true, false or null')
    if record.get("notes") is not None and not isinstance(record["notes"], str):
        raise BadLine('"notes" must be a string or null')
    months = record.get("recent_trauma_months")
    if months is not None and (isinstance(months, bool) or not isinstance(months, int)):
        raise BadLine('"recent_trauma_months" must be a whole number of months or null')
    if months is not None and months < 0:
        raise BadLine('"recent_trauma_months" must not be negative')

    components = record.get("components")
    if components is not None:
        _list_of_strings(record, "components")
        wrong = [slug for slug in components if slug not in stack]
        if wrong:
            raise BadLine(
                f"unknown component(s) {', '.join(map(repr, wrong))}; "
                f"expected some of {', '.join(stack)}"
            )
    doses = record.get("doses")
    if doses is not None:
        if not isinstance(doses, dict) or not all(isinstance(v, str) for v in doses.values()):
            raise BadLine('"doses" must be an object of component slug -> dose string')
        wrong = [slug for slug in doses if slug not in stack]
        if wrong:
            raise BadLine(
                f"unknown component(s) in doses {', '.join(map(repr, wrong))}; "
                f"expected some of {', '.join(stack)}"
            )
    profile = {k: v for k, v in record.items() if k not in ("id", "components", "doses")}
    return {"id": record["id"], "profile": profile, "components": components, "doses": doses}


class Command(BaseCommand):
    help = (
        "Screen health profiles (JSON Lines on stdin) against the contraindication rules; "
        "write one JSON line per profile with its flags and eligibility."
    )

    def handle(self, *args, **options):
        rules = contraindication_rules()
        bad = 0
        for number, line in enumerate(sys.stdin, 1):
            if not line.strip():
                continue
            try:
                request = profile_request(line, rules.stack)
            except BadLine as error:
                bad += 1
                self.stderr.write(f"line {number}: {error}")
                continue
            flags = screen(
                request["profile"],
                components=request["components"],
                doses=request["doses"],
                rules=rules,
            )
            components = rules.stack if request["components"] is None else request["components"]
            answer = {
                "id": request["id"],
                "eligible": eligible(flags, components),
                "flags": [flag.as_dict() for flag in flags],
            }
            self.stdout.write(json.dumps(answer, ensure_ascii=False))
        if bad:
            raise CommandError(f"{bad} line(s) could not be screened; see the messages above.")
