"""`manage.py crisis_scan`: JSON Lines in, one JSON line per text out."""

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command
from django.core.management.base import CommandError

from apps.safety.services import CRISIS_LANGUAGE, crisis_reading, evaluate_checkin

from .test_crisis_language import dev_rows

MATCH_KEYS = {"start", "end", "category", "rule", "negated"}


def run(monkeypatch, *lines, explain=False, flags=("--rules-only",)):
    """Run the command on these stdin lines; (answers, stderr text, error or None). The
    rules alone unless `flags` says otherwise: most tests here are about the rules, and
    the semantic model's test double reads any "suicide" or "farewell" as a crisis."""
    monkeypatch.setattr(sys, "stdin", io.StringIO("".join(f"{line}\n" for line in lines)))
    out, err = io.StringIO(), io.StringIO()
    error = None
    args = [*flags, *(["--explain"] if explain else [])]
    try:
        call_command("crisis_scan", *args, stdout=out, stderr=err)
    except CommandError as raised:
        error = raised
    answers = [json.loads(line) for line in out.getvalue().splitlines()]
    return answers, err.getvalue(), error


def line(**record):
    return json.dumps(record, ensure_ascii=False)


def test_it_answers_each_text_with_flag_severity_and_matches(monkeypatch):
    answers, errors, error = run(
        monkeypatch,
        line(id=1, text="I want to kill myself."),
        line(id="b", text="This traffic is killing me."),
        line(id=3, text="I wish I could go to sleep and not wake up."),
    )
    assert error is None and errors == ""
    assert answers[0] == {
        "id": 1,
        "flagged": True,
        "severity": "critical",
        "matches": [
            {
                "start": 10,
                "end": 21,
                "category": "suicidal",
                "rule": "kill-myself",
                "negated": False,
            }
        ],
    }
    assert answers[1] == {"id": "b", "flagged": False, "severity": None, "matches": []}
    assert answers[2]["severity"] == "high"
    assert {m["category"] for m in answers[2]["matches"]} == {"suicidal_passive"}


def test_the_offsets_index_the_text_as_given(monkeypatch):
    text = "Ｉ ｗａｎｔ ｔｏ ｄｉｅ 😞 and I can't breathe"
    [answer], _, _ = run(monkeypatch, line(id=1, text=text))
    assert [text[m["start"] : m["end"]] for m in answer["matches"]] == [
        "ｗａｎｔ ｔｏ ｄｉｅ",
        "can't breathe",
    ]
    assert all(set(m) == MATCH_KEYS for m in answer["matches"])


def test_a_negated_intent_is_answered_flagged_and_marked_negated(monkeypatch):
    [answer], _, _ = run(monkeypatch, line(id=1, text="I'm not going to kill myself."))
    assert (answer["flagged"], answer["severity"]) == (True, "high")
    assert [m["negated"] for m in answer["matches"]] == [True]


def test_it_agrees_with_the_check_in_on_the_whole_development_set(monkeypatch):
    texts = [param.values[0] for param in dev_rows("1") + dev_rows("0")]
    answers, _, error = run(monkeypatch, *(line(id=n, text=t) for n, t in enumerate(texts)))
    assert error is None
    for answer, text in zip(answers, texts, strict=True):
        findings = [f for f in evaluate_checkin(mood=5, text=text) if f.rule == CRISIS_LANGUAGE]
        assert answer["flagged"] == (bool(findings) and findings[0].is_crisis)
        assert answer["severity"] == (findings[0].severity if findings else None)
    assert sum(a["flagged"] for a in answers) == 35


def test_a_moderate_reading_has_a_severity_but_is_not_flagged(monkeypatch):
    # Moderate goes to the daily digest: it does not reach a clinician today.
    [answer], _, error = run(monkeypatch, line(id=1, text="I had a panic attack at work."))
    assert error is None
    assert (answer["flagged"], answer["severity"]) == (False, "moderate")
    assert [m["category"] for m in answer["matches"]] == ["panic"]


def test_it_answers_as_the_single_crisis_reading_does(monkeypatch):
    texts = ["I want to kill myself.", "I had a panic attack at work.", "Quiet day."]
    answers, _, _ = run(monkeypatch, *(line(id=n, text=t) for n, t in enumerate(texts)))
    for answer, text in zip(answers, texts, strict=True):
        reading = crisis_reading(text)
        assert (answer["flagged"], answer["severity"]) == (reading.flagged, reading.severity)
        assert [m["rule"] for m in answer["matches"]] == [m.rule for m in reading.matches]


def test_an_id_is_echoed_whatever_it_is_and_null_when_absent(monkeypatch):
    answers, _, error = run(
        monkeypatch,
        line(text="fine"),
        line(id=None, text="fine"),
        line(id={"patient": 7}, text="fine"),
    )
    assert error is None
    assert [a["id"] for a in answers] == [None, None, {"patient": 7}]


def test_empty_lines_are_skipped(monkeypatch):
    answers, errors, error = run(monkeypatch, "", "   ", line(id=1, text="ok"), "")
    assert error is None and errors == ""
    assert [a["id"] for a in answers] == [1]


def test_an_empty_text_is_a_good_line_with_nothing_flagged(monkeypatch):
    [answer], _, error = run(monkeypatch, line(id=1, text=""))
    assert error is None
    assert answer == {"id": 1, "flagged": False, "severity": None, "matches": []}


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        ("{not json", "not valid JSON"),
        ('["a list"]', "expected a JSON object"),
        ('"just a string"', "expected a JSON object"),
        (line(id=1), '"text" is missing'),
        (line(id=1, text=None), '"text" must be a string'),
        (line(id=1, text=["I want to die"]), '"text" must be a string'),
        (line(id=1, text=3), '"text" must be a string'),
    ],
)
def test_a_bad_line_is_named_on_stderr_and_the_others_are_still_answered(monkeypatch, bad, message):
    answers, errors, error = run(
        monkeypatch, line(id=1, text="I want to die"), bad, line(id=3, text="ok")
    )
    assert [a["id"] for a in answers] == [1, 3]
    assert errors.startswith("line 2: ") and message in errors
    assert error is not None and "1 line(s)" in str(error)


def test_every_bad_line_is_reported_with_its_own_number(monkeypatch):
    answers, errors, error = run(monkeypatch, "oops", "", line(id=1, text="ok"), line(id=2))
    assert [a["id"] for a in answers] == [1]
    assert [e.split(":")[0] for e in errors.splitlines()] == ["line 1", "line 4"]
    assert "2 line(s)" in str(error)


def test_explain_shows_the_words_severities_and_what_was_set_aside(monkeypatch):
    text = "No thoughts of self-harm. Years ago I self-harmed. I want to die."
    [answer], _, _ = run(monkeypatch, line(id=1, text=text), explain=True)
    assert (answer["flagged"], answer["severity"]) == (True, "high")
    assert [(m["matched"], m.get("dropped")) for m in answer["matches"]] == [
        ("self-harm", "denied"),
        ("self-harmed", "history"),
        ("want to die", None),
    ]
    assert all(m["severity"] for m in answer["matches"])


def test_by_default_it_reads_as_a_check_in_does_with_the_semantic_reader(monkeypatch):
    from tests.safety.test_semantic_reading import MISSED_BY_RULES

    [whole], _, error = run(monkeypatch, line(id=1, text=MISSED_BY_RULES), flags=())
    assert error is None
    assert (whole["flagged"], whole["severity"]) == (True, "high")
    assert [m["category"] for m in whole["matches"]] == ["semantic"]
    [same], _, _ = run(monkeypatch, line(id=1, text=MISSED_BY_RULES), flags=("--semantic",))
    assert same == whole
    [rules], _, _ = run(monkeypatch, line(id=1, text=MISSED_BY_RULES))
    assert (rules["flagged"], rules["matches"]) == (False, [])


def test_rules_only_and_semantic_together_are_refused(monkeypatch):
    answers, _, error = run(
        monkeypatch, line(id=1, text="ok"), flags=("--rules-only", "--semantic")
    )
    assert answers == [] and "not allowed with" in str(error)


def test_with_the_layer_switched_off_it_reads_as_a_check_in_does_there(monkeypatch):
    from tests.safety.test_semantic_reading import MISSED_BY_RULES

    monkeypatch.setenv("TRELLIS_SEMANTIC_MODEL", "off")
    [answer], _, _ = run(monkeypatch, line(id=1, text=MISSED_BY_RULES), flags=())
    assert (answer["flagged"], answer["matches"]) == (False, [])


def test_stdin_can_be_handed_to_the_command():
    out = io.StringIO()
    call_command("crisis_scan", stdin=io.StringIO(line(id=1, text="kms") + "\n"), stdout=out)
    assert json.loads(out.getvalue())["severity"] == "critical"


def test_from_the_shell_the_exit_status_says_whether_every_line_was_good():
    def shell(data: bytes):
        return subprocess.run(
            [sys.executable, "manage.py", "crisis_scan", "--skip-checks"],
            cwd=Path(settings.BASE_DIR),
            env=os.environ.copy(),
            input=data,
            capture_output=True,
            timeout=120,
        )

    good = shell((line(id=1, text="Je veux mourir? No: I want to die.") + "\n").encode())
    assert good.returncode == 0, good.stderr
    assert json.loads(good.stdout)["flagged"] is True
    bad = shell(line(id=1, text="ok").encode() + b"\nnope\n" + b'{"id": 3, "text": "\xff"}\n')
    assert bad.returncode != 0
    assert b"line 2: not valid JSON" in bad.stderr
    assert b"line 3: not valid UTF-8" in bad.stderr
    assert json.loads(bad.stdout) == {"id": 1, "flagged": False, "severity": None, "matches": []}


def test_from_the_shell_it_answers_without_importing_the_pages():
    # Django's system checks import every URL and view (the PDF library alone took 0.6 s
    # of a 4 s start): the command runs none, so its start stays near Django's own.
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "manage.py", "crisis_scan", "--rules-only"],
        cwd=Path(settings.BASE_DIR),
        env=os.environ.copy(),
        input=(line(id=1, text="I want to die.") + "\n").encode(),
        capture_output=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert json.loads(done.stdout)["flagged"] is True
    imported = {row.rsplit(b"|", 1)[-1].strip() for row in done.stderr.splitlines()}
    assert b"apps.safety.services" in imported
    assert b"apps.dashboards.views" not in imported and b"fpdf" not in imported
