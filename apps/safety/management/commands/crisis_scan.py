"""`manage.py crisis_scan`: scan texts from JSON Lines on stdin for crisis language.

For clinical-safety review of the crisis lexicon: the same answer the check-in
gets (apps/safety/services.py, `crisis_reading`: the detector in
apps/safety/detectors/crisis.py with the rules in fixtures/crisis_lexicon.yaml).

    echo '{"id": 1, "text": "I want to kill myself."}' | python manage.py crisis_scan

One JSON object per line, with "text" (a string) and usually "id" (any JSON value,
echoed back; null if absent). One JSON line comes out per input line:

    {"id": 1, "flagged": true, "severity": "critical",
     "matches": [{"start": 10, "end": 21, "category": "suicidal",
                  "rule": "kill-myself", "negated": false}]}

"severity" is the highest among the matches ("critical", "high", "moderate"), or
null when nothing matched. "flagged" is true exactly when the severity is
critical or high: the text reaches a clinician the same day (a moderate match
goes to the daily digest and is not flagged). Offsets index the text as given (Python string
indices, i.e. code points), so text[start:end] is the matched words.

Each text is read by the whole detector, as a check-in is: the rules and the semantic
reader (apps/safety/semantic_reading.py), which the check-in's request runs on every entry
the rules find no crisis in (and the worker's sweep on any entry no request read). A crisis
the semantic reader reads is one more match (category "semantic", rule "semantic-reader",
with "score" and "threshold"), and a text only it flags is "high", as its alert is. So
"flagged" is exactly "reaches a clinician the same day". Loading the model adds about a
second to the start (about 3.5 s in all on the 2-core machines; docs/BENCHMARKS.md).
Where the layer is switched off (TRELLIS_SEMANTIC_MODEL=off) the check-in reads with the
rules alone, and so does the command. --rules-only answers with the rules alone and starts
without the model, for reviewing the lexicon; --semantic, the default since stop 37, is
still accepted.

With --explain each match also carries "matched" and "severity", and the
candidates the detector set aside (idioms, clear denials, history, someone else,
resolved symptoms, too few signs) are listed too, with "dropped" saying why;
"flagged" and "severity" are unchanged by it.

A line that is not valid JSON (or UTF-8), not an object, or whose "text" is missing
or not a string is reported on stderr with its line number, and the other lines
are still answered; the command then exits with a non-zero status. Empty lines
are skipped.
"""

import argparse
import json
import sys

from django.core.management.base import BaseCommand, CommandError

from apps.safety.services import crisis_reading


class BadLine(ValueError):
    pass


def scan_request(line: str) -> tuple[object, str]:
    """The (id, text) on one line, checked."""
    try:
        record = json.loads(line)
    except json.JSONDecodeError as error:
        raise BadLine(f"not valid JSON ({error.msg} at column {error.colno})") from None
    if not isinstance(record, dict):
        raise BadLine('expected a JSON object like {"id": 1, "text": "..."}')
    if "text" not in record:
        raise BadLine('"text" is missing')
    if not isinstance(record["text"], str):
        raise BadLine(f'"text" must be a string, not {type(record["text"]).__name__}')
    return record.get("id"), record["text"]


def scan_answer(request_id, text: str, *, explain: bool = False, semantic: bool = False) -> dict:
    reading = crisis_reading(text, explain=explain)
    listed = []
    for match in reading.matches:
        item = {
            "start": match.start,
            "end": match.end,
            "category": match.category,
            "rule": match.rule,
            "negated": match.negated,
        }
        if explain:
            item["matched"] = match.matched
            item["severity"] = match.severity
            if match.dropped:
                item["dropped"] = match.dropped
        listed.append(item)
    flagged, severity = reading.flagged, reading.severity
    if semantic:
        from apps.safety.semantic_reading import semantic_match  # brings numpy: only here

        if (found := semantic_match(text)) is not None:
            listed.append(found)
            if not flagged:
                # What the worker raises for a crisis no rule found: a high alert.
                flagged, severity = True, "high"
    return {"id": request_id, "flagged": flagged, "severity": severity, "matches": listed}


def _lines(stream):
    """(number, text or None if it is not UTF-8) for each line of `stream`."""
    raw = getattr(stream, "buffer", None)
    if raw is None:
        yield from enumerate(stream, 1)
        return
    for number, data in enumerate(raw, 1):
        try:
            yield number, data.decode("utf-8")
        except UnicodeDecodeError:
            yield number, None


class Command(BaseCommand):
    help = (
        'Scan texts (JSON Lines on stdin: {"id": ..., "text": ...}) for crisis language; '
        "write one JSON line per text with whether it is flagged, its severity and the matches."
    )
    stealth_options = ("stdin",)
    # The command reads no database and serves no page: Django's checks would import every
    # URL and view (the PDF library alone is 0.6 s) before the first line is answered.
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument(
            "--explain",
            action="store_true",
            help="Also give each match's words and severity, and the candidates set aside.",
        )
        layers = parser.add_mutually_exclusive_group()
        layers.add_argument(
            "--rules-only",
            action="store_true",
            help="Answer with the rules alone (starts without the model); by default each "
            "text is also read by the semantic reader, as a check-in is.",
        )
        layers.add_argument(
            "--semantic",
            action="store_true",
            help="Read with the rules and the semantic reader, as a check-in is (the default; "
            "its finding is one more match, category semantic, with its score).",
        )
        # Accepted as before, when the command ran Django's checks: it runs none now.
        parser.add_argument("--skip-checks", action="store_true", help=argparse.SUPPRESS)

    def handle(self, *args, **options):
        stream = options.get("stdin") or sys.stdin
        bad = 0
        for number, line in _lines(stream):
            if line is not None and not line.strip():
                continue
            try:
                if line is None:
                    raise BadLine("not valid UTF-8")
                request_id, text = scan_request(line)
            except BadLine as error:
                bad += 1
                self.stderr.write(f"line {number}: {error}")
                continue
            answer = scan_answer(
                request_id, text, explain=options["explain"], semantic=not options["rules_only"]
            )
            self.stdout.write(json.dumps(answer, ensure_ascii=False))
        if bad:
            raise CommandError(f"{bad} line(s) could not be scanned; see the messages above.")
