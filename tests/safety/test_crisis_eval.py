"""`manage.py crisis_eval FILE.tsv`: recall, precision and false alarms on labelled texts."""

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

from apps.safety.services import CrisisReading, crisis_reading

DATA = Path(__file__).resolve().parents[1] / "data"


def tsv(tmp_path, *rows, header="label\tkind\ttext", name="set.tsv"):
    path = tmp_path / name
    path.write_text("\n".join([header, *rows]) + "\n", encoding="utf-8")
    return path


def run(*args):
    out = io.StringIO()
    call_command("crisis_eval", *map(str, args), stdout=out)
    return out.getvalue()


def numbers(*args):
    return json.loads(run(*args, "--json"))


# --- the single reading --------------------------------------------------------------


def test_a_reading_is_flagged_exactly_when_it_is_critical_or_high():
    critical = crisis_reading("I want to kill myself.")
    high = crisis_reading("I wish I could go to sleep and not wake up.")
    moderate = crisis_reading("I had a panic attack at work.")
    nothing = crisis_reading("Quiet day, read a book.")
    assert isinstance(critical, CrisisReading)
    assert (critical.flagged, critical.severity) == (True, "critical")
    assert (high.flagged, high.severity) == (True, "high")
    assert (moderate.flagged, moderate.severity) == (False, "moderate")
    assert (nothing.flagged, nothing.severity, nothing.matches) == (False, None, [])
    assert [m.rule for m in critical.matches] == ["kill-myself"]


def test_a_reading_of_no_text_is_empty_and_explain_adds_only_dropped_candidates():
    assert crisis_reading(None) == CrisisReading(flagged=False, severity=None, matches=[])
    explained = crisis_reading("No suicidal thoughts this week.", explain=True)
    assert (explained.flagged, explained.severity) == (False, None)
    assert [m.dropped for m in explained.matches] == ["denied"]


# --- the numbers ---------------------------------------------------------------------


def test_it_counts_recall_precision_and_ordinary_entries_flagged(tmp_path):
    path = tsv(
        tmp_path,
        "1\tsuicidal\tI want to kill myself.",
        "1\tsuicidal\tA quiet day, nothing to say.",  # a miss
        "1\tmedical\tCrushing chest pain since this morning.",
        "0\tnone\tRead a book, went to bed early.",
        "0\tnone\tI want to kill myself.",  # a false alarm, as labelled
        "0\tnone\tI had a panic attack at work.",  # moderate: digest, not flagged
        "0\tnone\tWalked the dog.",
    )
    got = numbers(path)
    assert (got["entries"], got["crises"], got["ordinary"]) == (7, 3, 4)
    assert got["recall"] == pytest.approx(2 / 3)
    assert got["precision"] == pytest.approx(2 / 3)
    assert got["ordinary_flagged"] == pytest.approx(1 / 4)
    assert got["digest_only_ordinary"] == 1
    assert got["by_kind"] == {
        "medical": {"crises": 1, "caught": 1, "recall": 1.0},
        "suicidal": {"crises": 2, "caught": 1, "recall": 0.5},
    }
    assert "by_lang" not in got


def test_the_text_report_says_the_same(tmp_path):
    path = tsv(tmp_path, "1\tsuicidal\tI want to kill myself.", "0\tnone\tWalked the dog.")
    out = run(path)
    assert "recall            1.000  (1/1 crises)" in out
    assert "precision         1.000" in out
    assert "ordinary flagged  0.0%  (0/1 ordinary entries)" in out
    assert "suicidal" in out and "by language" not in out


def test_with_a_lang_column_it_reports_each_language(tmp_path):
    path = tsv(
        tmp_path,
        "1\tsuicidal\tI want to kill myself.\ten",
        "1\tsuicidal\tquiero matarme\tes",
        "0\tnone\tcomí con mi hermana\tes",
        header="label\tkind\ttext\tlang",
    )
    got = numbers(path)
    assert set(got["by_lang"]) == {"en", "es"}
    assert got["by_lang"]["en"]["crises"] == 1 and got["by_lang"]["es"]["ordinary"] == 1
    assert "by language:" in run(path)


def test_columns_may_come_in_any_order_with_others(tmp_path):
    path = tsv(
        tmp_path,
        "I want to kill myself.\t7\tsuicidal\t1",
        header="text\tid\tkind\tlabel",
    )
    assert numbers(path)["recall"] == 1.0


def test_misses_lists_missed_crises_and_false_alarms_with_their_rules(tmp_path):
    path = tsv(
        tmp_path,
        "1\tsuicidal\tA quiet day, nothing to say.",
        "0\tnone\tI want to kill myself.",
        "0\tnone\tWalked the dog.",
    )
    out = run(path, "--misses")
    assert "missed crises (1):" in out and "line 2 (suicidal; no match)" in out
    assert "false alarms (1):" in out and "line 3 (none; critical: kill-myself)" in out
    assert "Walked the dog" not in out
    listed = numbers(path, "--misses")
    assert [m["line"] for m in listed["missed"]] == [2]
    assert [m["rules"] for m in listed["false_alarm_entries"]] == [["kill-myself"]]


def test_the_development_sets_can_be_measured():
    # The rules alone: the test double that stands in for the semantic model here reads
    # any "farewell" as a crisis.
    got = numbers(DATA / "crisis-dev-set.tsv", "--rules-only")
    assert got["read_with"] == "the rules alone"
    assert (got["crises"], got["ordinary"]) == (35, 35)
    assert got["recall"] == 1.0 and got["ordinary_flagged"] == 0.0
    journals = numbers(DATA / "journals-dev.tsv", "--rules-only")
    assert (journals["crises"], journals["ordinary"]) == (99, 380)


# --- clear errors --------------------------------------------------------------------


def fails(*args) -> str:
    with pytest.raises(CommandError) as raised:
        run(*args)
    return str(raised.value)


def test_a_missing_file_is_named(tmp_path):
    assert "no such file" in fails(tmp_path / "nope.tsv")
    assert "not a file" in fails(tmp_path)


def test_missing_columns_are_named(tmp_path):
    message = fails(tsv(tmp_path, "1\tI want to die", header="label\ttext"))
    assert "missing column(s) kind" in message and "found: label, text" in message
    assert "missing column(s) label, kind, text" in fails(tsv(tmp_path, "", header="a,b,c"))
    empty = tmp_path / "empty.tsv"
    empty.write_text("", encoding="utf-8")
    assert "the file is empty" in fails(empty)


def test_bad_labels_and_missing_texts_are_named_by_line(tmp_path):
    message = fails(
        tsv(
            tmp_path,
            "1\tsuicidal\tI want to die",
            "yes\tsuicidal\tI want to die",
            "2\tnone\tok",
            "\tnone\tok",
            "0\tnone",
        )
    )
    assert "4 bad row(s)" in message
    assert "line 3: label must be 0 or 1, not 'yes'" in message
    assert "line 4: label must be 0 or 1, not '2'" in message
    assert "line 5: label must be 0 or 1, not ''" in message
    assert "line 6: the text is missing" in message


def test_a_file_with_only_a_header_or_not_utf8_is_an_error(tmp_path):
    assert "no rows" in fails(tsv(tmp_path))
    latin = tmp_path / "latin.tsv"
    latin.write_bytes("label\tkind\ttext\n0\tnone\tcomí\n".encode("latin-1"))
    assert "not valid UTF-8" in fails(latin)


def test_from_the_shell_an_error_is_a_message_and_a_non_zero_exit_without_a_traceback(tmp_path):
    def shell(*args):
        return subprocess.run(
            [sys.executable, "manage.py", "crisis_eval", "--skip-checks", *map(str, args)],
            cwd=Path(settings.BASE_DIR),
            env=os.environ.copy(),
            capture_output=True,
            text=True,
            timeout=120,
        )

    bad = shell(tsv(tmp_path, "maybe\tnone\tok"))
    assert bad.returncode != 0
    assert "label must be 0 or 1" in bad.stderr and "Traceback" not in bad.stderr
    missing = shell(tmp_path / "nope.tsv")
    assert missing.returncode != 0 and "no such file" in missing.stderr
    assert "Traceback" not in missing.stderr
    good = shell(tsv(tmp_path, "1\tsuicidal\tI want to kill myself.", name="good.tsv"))
    assert good.returncode == 0, good.stderr
    assert "recall            1.000" in good.stdout


def test_by_default_it_measures_the_rules_or_the_semantic_reader_as_a_check_in_reads(tmp_path):
    from tests.safety.test_semantic_reading import MISSED_BY_RULES, ORDINARY

    path = tsv(
        tmp_path,
        "1\tsuicidal\tI want to kill myself.",
        f"1\tsuicidal\t{MISSED_BY_RULES}",
        f"0\tnone\t{ORDINARY}",
    )
    rules = numbers(path, "--rules-only")
    assert rules["recall"] == pytest.approx(1 / 2) and rules["read_with"] == "the rules alone"
    both = numbers(path)
    assert both["recall"] == 1.0 and both["ordinary_flagged"] == 0.0
    assert both["read_with"] == "the rules and the semantic reader"
    # --semantic, the default since stop 37, is still accepted and changes nothing.
    assert numbers(path, "--semantic") == both
    assert "read with the rules and the semantic reader" in run(path)
    assert "read with the rules alone" in run(path, "--rules-only")
    with pytest.raises(CommandError, match="not allowed with"):
        run(path, "--rules-only", "--semantic")


def test_with_the_layer_switched_off_it_measures_what_a_check_in_reads_there(tmp_path, monkeypatch):
    from tests.safety.test_semantic_reading import MISSED_BY_RULES

    monkeypatch.setenv("TRELLIS_SEMANTIC_MODEL", "off")
    path = tsv(tmp_path, f"1\tsuicidal\t{MISSED_BY_RULES}")
    got = numbers(path)
    assert got["read_with"] == "the rules alone" and got["recall"] == 0.0


def test_crisis_scan_with_semantic_adds_the_readers_finding_as_a_high_match():
    from apps.safety.management.commands.crisis_scan import scan_answer
    from tests.safety.test_semantic_reading import MISSED_BY_RULES

    rules_only = scan_answer(1, MISSED_BY_RULES)
    assert (rules_only["flagged"], rules_only["matches"]) == (False, [])
    whole = scan_answer(1, MISSED_BY_RULES, semantic=True)
    assert (whole["flagged"], whole["severity"]) == (True, "high")
    [match] = whole["matches"]
    assert match["category"] == "semantic" and match["score"] >= match["threshold"]
    assert "farewell" in MISSED_BY_RULES[match["start"] : match["end"]]


def test_the_report_counts_what_the_second_reading_lowered_and_can_leave_it_out(
    tmp_path, monkeypatch
):
    from apps.safety import services

    monkeypatch.setattr(services, "readers_score", lambda _text: 0.0)
    path = tsv(
        tmp_path,
        "1\tsuicidal\tI want to kill myself.",
        "0\tnone\tTried the ghost pepper wings. Couldn't breathe for the first minute, "
        "then it was amazing.",
    )
    out = io.StringIO()
    call_command("crisis_eval", str(path), "--json", stdout=out)
    read = json.loads(out.getvalue())
    assert (read["false_alarms"], read["lowered_ordinary"], read["lowered_crises"]) == (0, 1, 0)
    assert read["caught"] == 1  # suicidal words are never lowered
    out = io.StringIO()
    call_command("crisis_eval", str(path), "--json", "--without-second-reading", stdout=out)
    rules = json.loads(out.getvalue())
    assert (rules["false_alarms"], rules["lowered_ordinary"]) == (1, 0)
    out = io.StringIO()
    call_command("crisis_eval", str(path), stdout=out)
    assert "lowered by the second reading" in out.getvalue()
