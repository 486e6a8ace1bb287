"""`manage.py crisis_eval FILE.tsv`: how well the crisis detector does on labelled texts.

So a clinic can measure Trellis on its own data (and the project on its
development sets, tests/data/). The file is UTF-8, tab-separated, with a header
row naming at least these columns (any order, others ignored):

    label   1 = a crisis (should reach a clinician the same day), 0 = ordinary
    kind    what the entry is (suicidal, self_harm, medical, ... ; "none" for 0)
    text    the entry as the patient wrote it
    lang    optional: the entry's language (en, es, ...); adds a per-language table

Each text is read as the check-in reads it: the rules (apps/safety/services.py,
`crisis_reading`) and the semantic reader (apps/safety/semantic_reading.py), which
raises a high alert for a crisis no rule found. An entry counts as flagged when the
reading is, i.e. its severity is critical or high. A moderate reading goes to the
daily digest and does NOT count as flagged (it is listed apart). --rules-only
measures the rules alone (without the model; where the layer is switched off,
TRELLIS_SEMANTIC_MODEL=off, that is also what a check-in does); --semantic, the
default since stop 37, is still accepted. The report says which was measured.

It prints recall (the share of crises flagged), precision (the share of flagged
entries that are crises), the share of ordinary entries flagged (false alarms),
recall per kind and, with a lang column, recall and false alarms per language.
--misses also lists every missed crisis and every false alarm, with the rules
that matched; --json prints the numbers as one JSON object instead. The rules'
medical and panic findings get their second reading (with the real model), and
the report says how many it lowered to the digest; --without-second-reading reads
with the rules exactly as written.

A missing or unreadable file, missing columns, a label other than 0 or 1, or a
row without text is an error (a message, no traceback, a non-zero exit status).
"""

import argparse
import csv
import json
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from apps.safety import semantic_model
from apps.safety.services import crisis_reading

REQUIRED = ("label", "kind", "text")
LABELS = {"0": False, "1": True}


@dataclass
class Row:
    line: int
    crisis: bool
    kind: str
    text: str
    lang: str | None


@dataclass
class Result:
    row: Row
    flagged: bool
    severity: str | None
    rules: list[str]
    # Lowered to the digest by the second reading (apps/safety/services.py).
    lowered: bool = False


def read_rows(path: Path) -> tuple[list[Row], bool]:
    """The checked rows of a labelled TSV file, and whether it has a lang column.
    Raises CommandError saying what is wrong and where."""
    if not path.exists():
        raise CommandError(f"{path}: no such file")
    if not path.is_file():
        raise CommandError(f"{path}: not a file")
    try:
        with open(path, encoding="utf-8", newline="") as handle:
            reader = csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE)
            columns = [name.strip() for name in (reader.fieldnames or [])]
            missing = [name for name in REQUIRED if name not in columns]
            if missing:
                found = ", ".join(columns) if columns else "nothing (the file is empty)"
                raise CommandError(
                    f"{path}: missing column(s) {', '.join(missing)}; the header row must "
                    f"name label, kind and text, tab-separated (found: {found})"
                )
            reader.fieldnames = columns
            has_lang = "lang" in columns
            rows, problems = [], []
            for record in reader:
                line = reader.line_num
                label = (record.get("label") or "").strip()
                text = record.get("text")
                if label not in LABELS:
                    problems.append(f"line {line}: label must be 0 or 1, not {label!r}")
                    continue
                if text is None or not text.strip():
                    problems.append(f"line {line}: the text is missing")
                    continue
                rows.append(
                    Row(
                        line=line,
                        crisis=LABELS[label],
                        kind=(record.get("kind") or "").strip() or "none",
                        text=text,
                        lang=((record.get("lang") or "").strip() or "?") if has_lang else None,
                    )
                )
    except UnicodeDecodeError as error:
        raise CommandError(f"{path}: not valid UTF-8 ({error.reason})") from None
    except csv.Error as error:
        raise CommandError(f"{path}: not a readable TSV file ({error})") from None
    except OSError as error:
        raise CommandError(f"{path}: cannot be read ({error.strerror})") from None
    if problems:
        shown = problems[:20]
        more = len(problems) - len(shown)
        raise CommandError(
            f"{path}: {len(problems)} bad row(s):\n  "
            + "\n  ".join(shown)
            + (f"\n  ... and {more} more" if more else "")
        )
    if not rows:
        raise CommandError(f"{path}: no rows to evaluate")
    return rows, has_lang


def evaluate(
    rows: list[Row], *, semantic: bool = False, second_reading: bool = True
) -> list[Result]:
    """Each row read as the check-in reads it (the rules, with the second reading
    of their medical and panic findings unless `second_reading` is False); with
    `semantic`, also as the check-in reads it (rules OR the
    semantic reader, which raises a high alert for a crisis no rule found)."""
    second = {} if second_reading else {"second_reader": None}
    if semantic:
        from apps.safety.semantic_reading import semantic_match  # brings numpy: only here
    results = []
    for row in rows:
        reading = crisis_reading(row.text, **second)
        flagged, severity = reading.flagged, reading.severity
        lowered = reading.read_as_ordinary is not None
        rules = sorted({match.rule for match in reading.matches})
        if semantic and (found := semantic_match(row.text)) is not None:
            rules.append(found["rule"])
            if not flagged:
                flagged, severity = True, "high"
        results.append(
            Result(row=row, flagged=flagged, severity=severity, rules=rules, lowered=lowered)
        )
    return results


def _share(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def summarise(results: list[Result], *, by_lang: bool) -> dict:
    crises = [r for r in results if r.row.crisis]
    ordinary = [r for r in results if not r.row.crisis]
    caught = sum(r.flagged for r in crises)
    false_alarms = sum(r.flagged for r in ordinary)
    flagged = caught + false_alarms
    kinds: dict[str, list[Result]] = defaultdict(list)
    for result in crises:
        kinds[result.row.kind].append(result)
    summary = {
        "entries": len(results),
        "crises": len(crises),
        "ordinary": len(ordinary),
        "flagged": flagged,
        "caught": caught,
        "false_alarms": false_alarms,
        "recall": _share(caught, len(crises)),
        "precision": _share(caught, flagged),
        "ordinary_flagged": _share(false_alarms, len(ordinary)),
        "digest_only_crises": sum(r.severity == "moderate" for r in crises),
        "digest_only_ordinary": sum(r.severity == "moderate" for r in ordinary),
        # Of which the second reading lowered (the rules alone would have flagged them).
        "lowered_crises": sum(r.lowered and not r.flagged for r in crises),
        "lowered_ordinary": sum(r.lowered and not r.flagged for r in ordinary),
        "by_kind": {
            kind: {
                "crises": len(group),
                "caught": sum(r.flagged for r in group),
                "recall": _share(sum(r.flagged for r in group), len(group)),
            }
            for kind, group in sorted(kinds.items())
        },
    }
    if by_lang:
        langs: dict[str, list[Result]] = defaultdict(list)
        for result in results:
            langs[result.row.lang].append(result)
        summary["by_lang"] = {}
        for lang, group in sorted(langs.items()):
            group_crises = [r for r in group if r.row.crisis]
            group_ordinary = [r for r in group if not r.row.crisis]
            summary["by_lang"][lang] = {
                "crises": len(group_crises),
                "caught": sum(r.flagged for r in group_crises),
                "recall": _share(sum(r.flagged for r in group_crises), len(group_crises)),
                "ordinary": len(group_ordinary),
                "false_alarms": sum(r.flagged for r in group_ordinary),
                "ordinary_flagged": _share(
                    sum(r.flagged for r in group_ordinary), len(group_ordinary)
                ),
            }
    return summary


def _ratio(value: float | None) -> str:
    return "  n/a" if value is None else f"{value:.3f}"


def _percent(value: float | None) -> str:
    return "  n/a" if value is None else f"{value:.1%}"


class Command(BaseCommand):
    help = (
        "Measure the crisis detector on a labelled TSV file (columns label, kind, text; "
        "optional lang): recall, precision, ordinary entries flagged, recall per kind."
    )

    # The command reads a file, no database, and serves no page: Django's checks would
    # import every URL and view before the first row is read.
    requires_system_checks = []

    def add_arguments(self, parser):
        parser.add_argument("file", help="UTF-8 TSV with a header row: label, kind, text[, lang]")
        parser.add_argument(
            "--misses",
            action="store_true",
            help="Also list every missed crisis and every false alarm.",
        )
        parser.add_argument(
            "--json", action="store_true", help="Print the numbers as one JSON object."
        )
        layers = parser.add_mutually_exclusive_group()
        layers.add_argument(
            "--rules-only",
            action="store_true",
            help="Measure the rules alone. By default the whole detector is measured: the "
            "rules OR the semantic reader, as a check-in reads.",
        )
        layers.add_argument(
            "--semantic",
            action="store_true",
            help="Measure the whole detector, as a check-in reads (the default).",
        )
        # Accepted as before, when the command ran Django's checks: it runs none now.
        parser.add_argument("--skip-checks", action="store_true", help=argparse.SUPPRESS)
        parser.add_argument(
            "--without-second-reading",
            action="store_true",
            help="Read with the rules exactly as written: no second reading of their medical "
            "and panic findings by the entry readers (to see what it changes).",
        )

    def handle(self, *args, **options):
        path = Path(options["file"])
        rows, has_lang = read_rows(path)
        semantic = not options["rules_only"] and semantic_model.mode() != "off"
        results = evaluate(
            rows,
            semantic=semantic,
            second_reading=not options["without_second_reading"],
        )
        summary = summarise(results, by_lang=has_lang)
        summary["read_with"] = (
            "the rules and the semantic reader" if semantic else "the rules alone"
        )
        if options["json"]:
            if options["misses"]:
                summary["missed"] = [_listing(r) for r in results if r.row.crisis and not r.flagged]
                summary["false_alarm_entries"] = [
                    _listing(r) for r in results if r.flagged and not r.row.crisis
                ]
            self.stdout.write(json.dumps(summary, ensure_ascii=False, indent=2))
            return
        self._report(path, summary)
        if options["misses"]:
            self._misses(results)

    def _report(self, path: Path, s: dict) -> None:
        write = self.stdout.write
        write(f"{path}: {s['entries']} entries, {s['crises']} crises, {s['ordinary']} ordinary")
        write(f"read with {s['read_with']}")
        write("flagged = critical or high (reaches a clinician the same day)")
        write(f"recall            {_ratio(s['recall'])}  ({s['caught']}/{s['crises']} crises)")
        write(
            f"precision         {_ratio(s['precision'])}  "
            f"({s['caught']}/{s['flagged']} flagged entries are crises)"
        )
        write(
            f"ordinary flagged  {_percent(s['ordinary_flagged'])}  "
            f"({s['false_alarms']}/{s['ordinary']} ordinary entries)"
        )
        write(
            f"moderate only (digest, not flagged): {s['digest_only_crises']} crises, "
            f"{s['digest_only_ordinary']} ordinary"
        )
        write(
            "of which lowered by the second reading (medical or panic words the readers read "
            f"as ordinary): {s['lowered_crises']} crises, {s['lowered_ordinary']} ordinary"
        )
        write("recall by kind:")
        width = max((len(kind) for kind in s["by_kind"]), default=4)
        for kind, k in s["by_kind"].items():
            write(f"  {kind:<{width}}  {_ratio(k['recall'])}  ({k['caught']}/{k['crises']})")
        if "by_lang" in s:
            write("by language:")
            width = max(len(lang) for lang in s["by_lang"])
            for lang, g in s["by_lang"].items():
                write(
                    f"  {lang:<{width}}  recall {_ratio(g['recall'])} ({g['caught']}/{g['crises']})"
                    f"  ordinary flagged {_percent(g['ordinary_flagged'])} "
                    f"({g['false_alarms']}/{g['ordinary']})"
                )

    def _misses(self, results: list[Result]) -> None:
        write = self.stdout.write
        missed = [r for r in results if r.row.crisis and not r.flagged]
        false_alarms = [r for r in results if r.flagged and not r.row.crisis]
        write(f"missed crises ({len(missed)}):")
        for result in missed:
            write("  " + _line(result))
        write(f"false alarms ({len(false_alarms)}):")
        for result in false_alarms:
            write("  " + _line(result))


def _listing(result: Result) -> dict:
    return {
        "line": result.row.line,
        "kind": result.row.kind,
        "lang": result.row.lang,
        "severity": result.severity,
        "rules": result.rules,
        "text": result.row.text,
    }


def _line(result: Result) -> str:
    found = f"{result.severity}: {', '.join(result.rules)}" if result.rules else "no match"
    lang = f" [{result.row.lang}]" if result.row.lang else ""
    return f"line {result.row.line} ({result.row.kind}{lang}; {found}): {result.row.text}"
