"""`manage.py screen_profile`: JSON Lines in, one JSON line per profile out."""

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

FLAG_KEYS = {"component", "severity", "rule", "matched", "reason", "source"}


def run(monkeypatch, *lines):
    """Run the command on these stdin lines; (answers, stderr text, error or None)."""
    monkeypatch.setattr(sys, "stdin", io.StringIO("".join(f"{line}\n" for line in lines)))
    out, err = io.StringIO(), io.StringIO()
    error = None
    try:
        call_command("screen_profile", stdout=out, stderr=err)
    except CommandError as raised:
        error = raised
    answers = [json.loads(line) for line in out.getvalue().splitlines()]
    return answers, err.getvalue(), error


def line(**record):
    return json.dumps(record)


def test_it_answers_each_profile_with_its_flags_and_eligibility(monkeypatch):
    answers, errors, error = run(
        monkeypatch,
        line(id="p-1", medications=["Nardil 15 mg"], doses={"magnesium": "400 mg"}),
        line(id=2, conditions=["asthma"], pregnant=False, has_therapist=True),
        line(id=3, medications=["sertraline 50mg"], components=["psilocybin"]),
    )
    assert error is None and errors == ""
    assert [a["id"] for a in answers] == ["p-1", 2, 3]
    first, second, third = answers
    assert first["eligible"] is False
    assert [(f["component"], f["severity"], f["rule"], f["matched"]) for f in first["flags"]] == [
        ("magnesium", "relative", "magnesium-dose-above-upper-limit", "400 mg"),
        ("psilocybin", "absolute", "psilocybin-maoi", "Nardil 15 mg"),
    ]
    assert all(set(flag) == FLAG_KEYS for flag in first["flags"])
    assert all(flag["reason"] and flag["source"] for flag in first["flags"])
    assert second == {"id": 2, "eligible": True, "flags": []}
    assert third["eligible"] is True
    assert [f["rule"] for f in third["flags"]] == ["psilocybin-ssri-snri"]


def test_a_profile_with_only_an_id_is_unknown_everywhere_and_raises_nothing(monkeypatch):
    answers, _, error = run(monkeypatch, line(id=1))
    assert error is None
    assert answers == [{"id": 1, "eligible": True, "flags": []}]


def test_null_values_are_unknown(monkeypatch):
    record = dict.fromkeys(
        [
            "conditions",
            "medications",
            "allergies",
            "pregnant",
            "breastfeeding",
            "recent_trauma_months",
            "has_therapist",
            "housing_stable",
            "components",
            "doses",
        ]
    )
    answers, _, error = run(monkeypatch, line(id=1, **record))
    assert error is None
    assert answers == [{"id": 1, "eligible": True, "flags": []}]


def test_components_default_to_the_reference_stack_and_can_be_narrowed(monkeypatch):
    profile = {"medications": ["warfarin", "lithium"], "has_therapist": False}
    answers, _, _ = run(
        monkeypatch, line(id="all", **profile), line(id="o3", components=["omega-3"], **profile)
    )
    everything, narrowed = answers
    assert {f["component"] for f in everything["flags"]} == {
        None,
        "lions-mane",
        "omega-3",
        "psilocybin",
    }
    assert everything["eligible"] is False
    assert {(f["component"], f["rule"]) for f in narrowed["flags"]} == {
        (None, "trauma-no-therapist"),
        ("omega-3", "omega-3-anticoagulants"),
    }
    assert narrowed["eligible"] is True
    assert narrowed["flags"][0]["component"] is None  # serialised as JSON null


def test_empty_lines_are_skipped(monkeypatch):
    answers, errors, error = run(monkeypatch, "", line(id=1), "   ", line(id=2), "")
    assert [a["id"] for a in answers] == [1, 2]
    assert error is None and errors == ""


def test_a_patients_words_come_back_verbatim_including_non_ascii(monkeypatch):
    answers, _, _ = run(monkeypatch, line(id=1, medications=["Johanniskraut / St. John’s wört"]))
    assert answers[0]["flags"][0]["matched"] == "Johanniskraut / St. John’s wört"


@pytest.mark.parametrize(
    ("bad", "message"),
    [
        ("{not json", "not valid JSON"),
        ("[1, 2]", "expected a JSON object"),
        ('"just a string"', "expected a JSON object"),
        (line(id=1, medication=["x"]), "unknown key(s) 'medication'"),
        (line(conditions=["x"]), '"id" is missing'),
        (line(id=True), '"id" must be'),
        (line(id=None), '"id" must be'),
        (line(id=1, conditions="bipolar"), '"conditions" must be a list of strings'),
        (line(id=1, medications=["ok", 3]), '"medications" must be a list of strings'),
        (line(id=1, pregnant="yes"), '"pregnant" must be true, false or null'),
        (line(id=1, housing_stable=0), '"housing_stable" must be true, false or null'),
        (line(id=1, recent_trauma_months="3"), '"recent_trauma_months" must be a whole number'),
        (line(id=1, recent_trauma_months=2.5), '"recent_trauma_months" must be a whole number'),
        (line(id=1, recent_trauma_months=True), '"recent_trauma_months" must be a whole number'),
        (line(id=1, recent_trauma_months=-1), '"recent_trauma_months" must not be negative'),
        (line(id=1, components=["magnesium", "kava"]), "unknown component(s) 'kava'"),
        (line(id=1, components="magnesium"), '"components" must be a list of strings'),
        (line(id=1, doses={"magnesium": 400}), '"doses" must be an object'),
        (line(id=1, doses=["400 mg"]), '"doses" must be an object'),
        (line(id=1, doses={"mag": "400 mg"}), "unknown component(s) in doses 'mag'"),
        (line(id=1, notes=["x"]), '"notes" must be a string'),
    ],
)
def test_a_bad_line_is_named_on_stderr_and_the_others_are_still_answered(monkeypatch, bad, message):
    answers, errors, error = run(monkeypatch, line(id="before"), bad, line(id="after"))
    assert [a["id"] for a in answers] == ["before", "after"]
    assert errors.startswith("line 2: ")
    assert message in errors
    assert error is not None and "1 line(s)" in str(error)


def test_every_bad_line_is_reported_with_its_own_number(monkeypatch):
    answers, errors, error = run(monkeypatch, "oops", "", line(id=1), line(id=2, x=1))
    assert [a["id"] for a in answers] == [1]
    assert [e.split(":")[0] for e in errors.splitlines()] == ["line 1", "line 4"]
    assert "2 line(s)" in str(error)


def test_from_the_shell_the_exit_status_says_whether_every_line_was_good(tmp_path):
    def shell(text):
        return subprocess.run(
            [sys.executable, "manage.py", "screen_profile", "--skip-checks"],
            cwd=Path(settings.BASE_DIR),
            env=os.environ.copy(),
            input=text,
            capture_output=True,
            text=True,
            timeout=120,
        )

    good = shell(line(id=1, medications=["lithium"]) + "\n")
    assert good.returncode == 0, good.stderr
    assert json.loads(good.stdout)["eligible"] is False
    bad = shell(line(id=1) + "\nnope\n")
    assert bad.returncode != 0
    assert "line 2" in bad.stderr
    assert json.loads(bad.stdout) == {"id": 1, "eligible": True, "flags": []}
