"""The semantic layer's training pool (scripts/crisis_train.py) never reads the sets
kept for the honest measurement: round9-holdout-b.tsv (written blind, stop 27) and
probe-holdout.tsv. Their texts appear in no file the model learns from."""

import csv
import importlib.util
from pathlib import Path

import pytest

from apps.safety.detectors.phrases import load_phrases

ROOT = Path(__file__).resolve().parents[2]
_spec = importlib.util.spec_from_file_location("crisis_train", ROOT / "scripts" / "crisis_train.py")
crisis_train = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(crisis_train)

HELD_OUT = (
    "round9-holdout-b.tsv",
    "round10-holdout.tsv",
    "probe-holdout.tsv",
    "round12-holdout.tsv",
    "round13-holdout.tsv",
    # Stop 32: written blind the same hour as round14-train-hardneg.tsv, to measure that
    # stop's rules on wording they were not written from (once before, once after).
    "round14-validate.tsv",
    # Stop 32: a fifth blind set, written by a helper who opened nothing; not measured at
    # stop 32, so the next stop's first and last measurements are both blind.
    "round15-holdout.tsv",
    # Stop 33: a sixth blind set, written by a helper who opened nothing; measured once at
    # the end of stop 33 with its final detector, then left for the next stop.
    "round16-holdout.tsv",
    # Stop 34: a seventh blind set, written by a helper who opened nothing, measured once at
    # the end of stop 34 (its third rule, SHIP_RULES.md).
    "round18-holdout.tsv",
    # Stop 35: an eighth blind set, written by a helper who opened nothing, and the fresh
    # file stop 35's rule judges the retrained phrase reader on (SHIP_RULES.md): neither
    # is ever trained on.
    "round19-holdout.tsv",
    "round19-validate.tsv",
    # Stop 36: a ninth blind set, written by a helper who opened nothing; measured at the
    # start of stop 36 (before any change to the detector) and at its end.
    "round20-holdout.tsv",
    # Stop 37: a tenth blind set (measured at the start of stop 37 and at its end) and the
    # fresh file that judges stop 37's guards against the rules' false alarms
    # (SHIP_RULES.md), both by helpers who opened nothing.
    "round21-holdout.tsv",
    "round21-validate.tsv",
    # Stop 37: the fresh file that judges the phrase reader retrained with four more
    # training files (SHIP_RULES.md, stop 37's fourth entry).
    "round22-validate.tsv",
    # Stop 37: the second, harder judge of that candidate (SHIP_RULES.md, fifth entry).
    "round23-validate.tsv",
    # Stop 38: an eleventh blind set, written by a helper who opened nothing; measured at the
    # start of stop 38 (before any change to the detector) and at its end.
    "round24-holdout.tsv",
    # Stop 38: the two fresh files that judge the phrase reader retrained with the round22
    # and round24 training files (SHIP_RULES.md, stop 38's first entry).
    "round24-validate-a.tsv",
    "round24-validate-b.tsv",
    # Stop 38: the two fresh files that judge the phrase reader retrained with five more
    # training files (SHIP_RULES.md, stop 38's second entry).
    "round25-validate-a.tsv",
    "round25-validate-b.tsv",
    # Stop 38: a twelfth blind set, measured once at the end of stop 38 with its final
    # detector, and a judge for the next stop's changes to the rules' false alarms.
    "round26-holdout.tsv",
    "round26-validate-rules.tsv",
    # Stop 39: a thirteenth blind set, and the two fresh files that judge the phrase reader
    # retrained with five more training files (SHIP_RULES.md, stop 39's fourth entry).
    "round27-holdout.tsv",
    "round27-validate-a.tsv",
    "round27-validate-b.tsv",
    # Stop 40: a fourteenth blind set (measured at the start of stop 40, before any change to
    # the detector, and at its end) and the judge of stop 40's changes to how the rules judge
    # a match (SHIP_RULES.md), both by helpers who opened nothing.
    "round28-holdout.tsv",
    "round28-validate-rules.tsv",
    # Stop 41: the judge of stop 41's changes to the rules (SHIP_RULES.md), by a helper who
    # opened nothing.
    "round29-validate-rules.tsv",
    # Stop 41: a second judge, written while stop 41's entries were built (for the
    # seventeenth entry and the stop's last measurements), by a helper who opened nothing.
    "round30-validate-rules.tsv",
    # Stop 41: a fifteenth blind set, measured once, at the end of stop 41.
    "round29-holdout.tsv",
    # Stop 42: a sixteenth blind set, measured at the start of stop 42 (before any change to
    # the detector) and at its end, by a helper who opened nothing.
    "round31-holdout.tsv",
    # Stop 42: the judge of stop 42's changes to the rules (SHIP_RULES.md), by a helper who
    # opened nothing; measured first with the code of the start of the stop.
    "round31-validate-rules.tsv",
    # Stop 42: the second judge of stop 42's second entry (the phrase reader with nine more
    # files), mostly indirect crises, by a helper who opened nothing.
    "round32-validate-indirect.tsv",
    # Stop 42: the two fresh judges of stop 42's seventh entry (the phrase reader's new weights
    # at the shipped threshold), by helpers who opened nothing.
    "round33-validate-a.tsv",
    "round33-validate-b.tsv",
    # Stop 43: a seventeenth blind set and two fresh judges, the three files stop 43's first
    # entry (stop 42's phrase reader candidate) was judged on, by helpers who opened nothing.
    "round34-holdout.tsv",
    "round34-validate-a.tsv",
    "round34-validate-b.tsv",
    # Stop 44: an eighteenth blind set and two fresh judges, by helpers who opened nothing.
    "round35-holdout.tsv",
    "round35-validate-a.tsv",
    "round35-validate-b.tsv",
    # Stop 44: the two judges of stop 44's sixth entry (the phrase reader's strength), written
    # after its bar by helpers who opened nothing.
    "round36-validate-a.tsv",
    "round36-validate-b.tsv",
    # Stop 45: a nineteenth blind set, written by a helper who opened nothing after the stop's
    # rules were built, measured once on the stop's final detector.
    "round37-holdout.tsv",
    # Stop 46: a twentieth blind set, by a helper who opened nothing, measured once before the
    # stop changed anything.
    "round38-holdout.tsv",
    # Stop 46: a twenty-first, written during the stop by a helper who opened nothing, measured
    # once on the stop's final detector.
    "round39-holdout.tsv",
    # Stop 47: a twenty-second, by a helper who opened nothing, measured with the code of the
    # stop's start and after its first entry.
    "round40-holdout.tsv",
    # Stop 47: a twenty-third, by a helper who opened nothing, measured with the code of the
    # stop's start and after its first entry.
    "round41-holdout.tsv",
    # Stop 47: two judges for the retrained phrase reader (SHIP_RULES.md, stop 47's third
    # entry), by helpers who opened nothing, measured only for that judgement.
    "round42-validate-a.tsv",
    "round42-validate-b.tsv",
    # Stop 48: a judge for the retrained phrase reader (SHIP_RULES.md, stop 48's fourth entry)
    # and a blind set, by a helper who opened nothing, measured with the code of the stop's start.
    "round46-validate.tsv",
    # Stop 48: a twenty-sixth, by a helper who opened nothing, measured with the code of the
    # stop's start and with its final detector.
    "round47-holdout.tsv",
    # Stop 49: a twenty-eighth, by a helper who opened nothing, measured with the code of the
    # stop's start and with its final detector.
    "round49-holdout.tsv",
    # Stop 49: a twenty-ninth, the same way.
    "round50-holdout.tsv",
    # Stop 49: a thirtieth, the same way.
    "round51-holdout.tsv",
    # Stop 50: a thirty-first, the same way.
    "round52-holdout.tsv",
    # Stop 50: a thirty-second, the same way.
    "round53-holdout.tsv",
    # Stop 51: a twenty-ninth blind set, written by a helper who opened nothing, measured once
    # on the stop's final detector.
    "round54-holdout.tsv",
    # Stop 52: a thirty-fourth blind set, written by a helper who opened nothing, added here
    # before its first measurement.
    "round55-holdout.tsv",
    # Stop 53: a thirty-fifth blind set, written by a helper who opened nothing, added here
    # before its first measurement.
    "round56-holdout.tsv",
    # Stop 54: a thirty-sixth blind set written by a helper who opened nothing; measured at the
    # start of stop 54 with the start code in a work tree and at its end.
    "round57-holdout.tsv",
    # Stop 55: a thirty-seventh blind set written by a helper who opened nothing, added here
    # before the file was written; measured with the start code in a work tree and at the end.
    "round59-holdout.tsv",
    # Stop 56: a thirty-eighth blind set written by a helper who opened nothing, added here
    # before the file was written; measured with the start code in a work tree and at the end.
    "round61-holdout.tsv",
    # Stop 56: two judges for the phrase reader retrained this stop (SHIP_RULES.md, stop 56),
    # written by helpers who opened nothing, named here before they were written.
    "round61-validate-a.tsv",
    "round61-validate-b.tsv",
    # Stop 57: a thirty-ninth blind set written by a helper who opened nothing, added here
    # before the file was written; measured with the start code in a work tree and at the end.
    "round62-holdout.tsv",
)


def texts(path: Path) -> set[str]:
    with path.open(encoding="utf-8") as f:
        rows = csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE)
        return {" ".join(row["text"].lower().split()) for row in rows}


_phrase_spec = importlib.util.spec_from_file_location(
    "crisis_phrase_train", ROOT / "scripts" / "crisis_phrase_train.py"
)
crisis_phrase_train = importlib.util.module_from_spec(_phrase_spec)
_phrase_spec.loader.exec_module(crisis_phrase_train)


def shipped_phrase_reader_files() -> list[str]:
    """The files the shipped phrase reader was trained on beside the pool, as it records them
    (stop 38 on: --extra and --train-only)."""
    info = load_phrases(ROOT / "apps" / "safety" / "semantic" / "phrases.npz").info
    return [*info.get("extra", ()), *info.get("train_only", ())]


def learned_from() -> list[Path]:
    names = (
        *crisis_train.POOL_FILES,
        *crisis_train.TRAIN_ONLY_FILES,
        "sentences.tsv",
        # The phrase reader also learns from the files the entry readers never saw, and
        # from the files its command names.
        *crisis_phrase_train.READER_UNSEEN,
        *shipped_phrase_reader_files(),
    )
    return [crisis_train.DATA / name for name in names] + [crisis_train.DEV]


def test_the_phrase_reader_names_no_held_out_set():
    assert not set(HELD_OUT) & set(crisis_phrase_train.READER_UNSEEN)
    assert not set(HELD_OUT) & set(shipped_phrase_reader_files())


def test_the_shipped_phrase_reader_names_the_files_it_learned_from():
    names = shipped_phrase_reader_files()
    assert "round24-train-buried-b.tsv" in names
    assert all((crisis_train.DATA / name).is_file() for name in names)


def test_the_pool_names_no_held_out_set():
    assert not set(HELD_OUT) & set(crisis_train.POOL_FILES)
    assert not set(HELD_OUT) & set(crisis_train.TRAIN_ONLY_FILES)


@pytest.mark.parametrize("held_out", HELD_OUT)
def test_no_held_out_text_is_in_a_file_the_model_learns_from(held_out):
    kept = texts(crisis_train.DATA / held_out)
    assert len(kept) > 100
    for path in learned_from():
        assert not kept & texts(path), path.name
