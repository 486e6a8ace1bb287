"""Crisis scanning throughput: journal entries per second through the detector.

Run (from the repository root; no database, no services):

    uv run python bench/crisis_scan.py

It builds --entries synthetic journal entries of about 500 characters,
deterministically (--seed) from bland diary sentences, and mixes one crisis
sentence into every --crisis-every'th entry. Everything here is invented; no
patient wrote any of it. It loads fixtures/crisis_lexicon.yaml directly and
compiles it once (timed separately), then scans all entries --repeats times on
one core (the process pins itself to one CPU with --cpu, where the OS allows),
after one warm-up pass that is not counted. Each pass calls
`crisis_matches(entry, lexicon)` on every entry, exactly as the check-in does.

Beside it, the floor: the same entries scanned with one plain compiled regular
expression, an alternation of literal crisis keywords (what the first lexicon
amounted to), `FLOOR.findall(entry.lower())` per entry. (Lower-casing first is
the fast way; re.IGNORECASE makes the same alternation several times slower.)

It prints entries/second (median and range) for both, checks that exactly the
entries with a crisis sentence were flagged, and with --json writes it all
down. Exit status 1 if the check fails.
"""

import argparse
import json
import os
import platform
import random
import re
import statistics
import sys
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from apps.safety.detectors.crisis import compile_lexicon, crisis_matches  # noqa: E402

AIM_ENTRIES_PER_SECOND = 5_000

# Invented, everyday diary sentences: nothing here should alert.
BLAND = [
    "Slept well and took a short walk before work.",
    "Busy day; remembered to drink more water.",
    "Quiet evening reading on the couch.",
    "A bit tired this afternoon, otherwise fine.",
    "Cooked dinner with a friend and we talked for a while.",
    "Ten minutes of breathing practice this morning.",
    "Rainy day, stayed in and tidied the kitchen.",
    "Long meeting at work but it went okay.",
    "Phoned my sister and caught up on news.",
    "Noticed the leaves changing colour on my walk.",
    "Took my morning dose, no side effects.",
    "Felt calm most of the day.",
    "Spent an hour in the garden.",
    "Mood about a six, a little flat after lunch.",
    "Went to the market and bought fresh bread.",
    "My therapist and I talked about boundaries at work.",
    "I journaled for twenty minutes before bed.",
    "Traffic was terrible, this commute is killing me.",
    "Had a coffee with an old friend and laughed a lot.",
    "Tried a new recipe, it was surprisingly good.",
    "The kids were loud but we had fun at the park.",
    "Did some stretching and felt looser afterwards.",
    "I was nervous before the presentation but it went fine.",
    "Watched a documentary about the ocean.",
    "Cut back on sugar this week and feel steadier.",
    "Skipped the gym, went for a long walk instead.",
    "Integration practice: ten minutes of sitting with my breath.",
    "I'm grateful for my partner's patience today.",
    "Headache in the morning, gone after lunch and some water.",
    "Planned next week's meals and did the shopping.",
]

# Invented crisis sentences, one kind of each; each must alert.
CRISES = [
    "I want to kill myself.",
    "I keep thinking everyone would be better off without me.",
    "I've been stockpiling my pills.",
    "I cut my arms again last night.",
    "I wish I could go to sleep and never wake up.",
    "I keep having thoughts about hurting my baby.",
    "I took too many of my sleeping pills.",
    "Crushing chest pain since the dose and I can't breathe.",
    "The panic won't stop, it has lasted all night.",
    "The TV is sending me messages meant only for me.",
    "High fever, muscle twitching and agitation after combining my meds.",
    "No sleep for three nights, endless energy and big plans.",
    "I'm not going to act on it but the thoughts are constant.",
    "kms fr, can't take it anymore.",
]

# The floor: one plain regular expression of literal keywords.
FLOOR_KEYWORDS = [
    "suicid", "kill myself", "killing myself", "kms", "unalive", "end my life", "end it all",
    "want to die", "better off dead", "better off without me", "not wake up", "no way out",
    "self-harm", "self harm", "cut myself", "cutting myself", "hurt myself", "overdos",
    "too many pills", "stockpil", "goodbye note", "hang myself", "hurting my", "chest pain",
    "can't breathe", "cannot breathe", "passed out", "confused", "panic attack", "panic won't",
    "hearing voices", "sending me messages", "aren't there", "hallucinat", "no sleep",
    "endless energy", "fever", "twitching", "agitation", "burden",
]  # fmt: skip
FLOOR = re.compile("|".join(re.escape(k) for k in FLOOR_KEYWORDS))


def make_entries(count: int, seed: int, crisis_every: int) -> tuple[list[str], list[bool]]:
    """Journal entries of about 500 characters, and whether each holds a crisis."""
    rng = random.Random(seed)
    entries, crisis = [], []
    for number in range(count):
        sentences = []
        while sum(len(s) + 1 for s in sentences) < 470:
            sentences.append(rng.choice(BLAND))
        has_crisis = crisis_every > 0 and number % crisis_every == 0
        if has_crisis:
            sentences[rng.randrange(len(sentences))] = rng.choice(CRISES)
        entries.append(" ".join(sentences))
        crisis.append(has_crisis)
    return entries, crisis


def rate(scan, entries) -> tuple[float, list]:
    started = time.perf_counter()
    results = [scan(entry) for entry in entries]
    return len(entries) / (time.perf_counter() - started), results


def pin_to_one_cpu(cpu: int | None) -> str:
    if cpu is None or not hasattr(os, "sched_setaffinity"):
        return "not pinned (single thread)"
    os.sched_setaffinity(0, {cpu})
    return f"pinned to CPU {cpu}"


def summary(rates: list[float]) -> dict:
    return {
        "median": statistics.median(rates),
        "min": min(rates),
        "max": max(rates),
        "runs": rates,
    }


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--entries", type=int, default=5_000)
    parser.add_argument("--repeats", type=int, default=7)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--crisis-every", type=int, default=10, help="one entry in N has a crisis")
    parser.add_argument("--cpu", type=int, default=0, help="CPU to pin to (-1: do not pin)")
    parser.add_argument("--json", type=Path, help="write the results here too")
    args = parser.parse_args(argv)

    pinned = pin_to_one_cpu(None if args.cpu < 0 else args.cpu)
    entries, crisis = make_entries(args.entries, args.seed, args.crisis_every)
    started = time.perf_counter()
    with open(ROOT / "fixtures" / "crisis_lexicon.yaml", encoding="utf-8") as handle:
        lexicon = compile_lexicon(yaml.safe_load(handle))
    compile_seconds = time.perf_counter() - started

    def detector(entry):
        return crisis_matches(entry, lexicon)

    def floor(entry):
        return FLOOR.findall(entry.lower())

    rate(detector, entries)  # warm-up, not counted
    rate(floor, entries)
    detector_rates, floor_rates = [], []
    for _ in range(args.repeats):
        detector_rate, results = rate(detector, entries)
        floor_rate, _ = rate(floor, entries)
        detector_rates.append(detector_rate)
        floor_rates.append(floor_rate)

    flagged = [bool(found) for found in results]
    missed = sum(c and not f for c, f in zip(crisis, flagged, strict=True))
    false_alarms = sum(f and not c for c, f in zip(crisis, flagged, strict=True))
    result = {
        "entries": args.entries,
        "mean_length": statistics.mean(len(e) for e in entries),
        "with_crisis": sum(crisis),
        "flagged": sum(flagged),
        "missed": missed,
        "false_alarms": false_alarms,
        "repeats": args.repeats,
        "seed": args.seed,
        "cpu": pinned,
        "lexicon_compile_seconds": compile_seconds,
        "detector": summary(detector_rates),
        "floor": summary(floor_rates),
        "aim_entries_per_second": AIM_ENTRIES_PER_SECOND,
        "python": platform.python_version(),
        "platform": platform.platform(),
        "cpus": os.cpu_count(),
    }
    result["aim_met"] = result["detector"]["median"] >= AIM_ENTRIES_PER_SECOND
    result["floor_over_detector"] = result["floor"]["median"] / result["detector"]["median"]

    d, f = result["detector"], result["floor"]
    print(
        f"{args.entries} entries, mean {result['mean_length']:.0f} characters, "
        f"{result['with_crisis']} with a crisis sentence; {args.repeats} runs; {pinned}"
    )
    print(f"lexicon compiled in {compile_seconds:.2f} s")
    print(f"detector  median {d['median']:8.0f} entries/s   range {d['min']:.0f}-{d['max']:.0f}")
    print(
        f"floor     median {f['median']:8.0f} entries/s   range {f['min']:.0f}-{f['max']:.0f}"
        f"   (plain regex, {len(FLOOR_KEYWORDS)} keywords)"
    )
    print(f"floor / detector: {result['floor_over_detector']:.1f}x")
    print(f"flagged {result['flagged']}: missed {missed}, false alarms {false_alarms}")
    print(f"aim {AIM_ENTRIES_PER_SECOND} entries/s: {'met' if result['aim_met'] else 'NOT met'}")
    # Its own work: the timed scans flag exactly the entries with a crisis
    # sentence, and every entry was scanned in every pass.
    wrong = []
    if missed or false_alarms:
        wrong.append(f"the detector missed {missed} and falsely flagged {false_alarms} entries")
    if len(results) != len(entries):
        wrong.append(f"the last pass returned {len(results)} results for {len(entries)} entries")
    result["checks"] = "passed" if not wrong else "; ".join(wrong)
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    if wrong:
        print(f"crisis_scan: the run's counts disagree: {'; '.join(wrong)}", file=sys.stderr)
        return 1
    print("checks passed: flagged exactly the entries with a crisis sentence")
    return 0


if __name__ == "__main__":
    sys.exit(main())
