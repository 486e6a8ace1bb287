"""What the semantic crisis layer costs per process and per entry, on one core.

    uv run python bench/semantic_cost.py [--entries 200]

Measures, in this process: the model load time (encoder + head + entry readers +
phrase reader, as the app loads them, first embed included), resident memory (RSS)
before and after the load, and the time to read one ~500-character journal entry (p50/p95
ms, every window embedded and scored), beside a plain-regex floor over the same entries.
BLAS is pinned to one thread.

Checks its own work: an entry counts only if a score in [0, 1] came back with valid
offsets; exits 1 if any entry failed, if RSS grew by 150 MB or more, or if the regex
floor found nothing.
"""

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_var] = "1"

import argparse  # noqa: E402
import random  # noqa: E402
import re  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402

RSS_LIMIT_MB = 150
PIECES = [
    "Took my dose at 8 with breakfast, a little nausea after.",
    "Work was busy, three meetings back to back and my boss liked the report.",
    "Walked the dog around the lake before dinner.",
    "Called my sister, we talked for an hour about the wedding plans.",
    "Slept maybe six hours, woke up at four and read for a while.",
    "Headache in the afternoon, went away after water and a snack.",
    "Hoy comí tacos con mi mamá y luego fuimos al parque.",
    "Me tomé la pastilla a las 9 y dormí una siesta.",
    "I gave my guitar away and wrote letters to everyone, I won't need them after friday.",
    "Killing it at work this week, honestly proud of myself.",
    "A veces pienso que ya no quiero vivir, pero hoy estuve mejor.",
]
FLOOR = re.compile(
    r"\b(kill(ing)? myself|suicid\w*|end it|overdose|matarme|no quiero vivir)\b", re.I
)


def rss_mb() -> float:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def entries(n: int) -> list[str]:
    rng = random.Random(17)
    out = []
    for _ in range(n):
        text = ""
        while len(text) < 480:
            text += rng.choice(PIECES) + " "
        out.append(text[:500].strip())
    return out


def pct(values, q) -> float:
    return float(np.percentile(np.asarray(values) * 1000, q))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=200)
    args = parser.parse_args()
    texts = entries(args.entries)

    from apps.safety.detectors.semantic import load_head, semantic_read

    rss_before = rss_mb()
    started = time.perf_counter()
    from apps.safety.semantic_model import UsemEmbedder, head_path, phrases_for, reader_for

    embedder = UsemEmbedder(threads=1)
    embedder.embed(["warm up"])
    head = load_head(head_path())
    reader = reader_for(head)
    phrases = phrases_for(reader)
    load_s = time.perf_counter() - started
    rss_after = rss_mb()

    for text in texts[:5]:
        semantic_read(text, embedder, head, reader=reader, phrases=phrases)
    times, counted, flagged = [], 0, 0
    for text in texts:
        t0 = time.perf_counter()
        reading = semantic_read(text, embedder, head, reader=reader, phrases=phrases)
        times.append(time.perf_counter() - t0)
        start, end = reading.best_window
        if 0.0 <= reading.score <= 1.0 and 0 <= start < end <= len(text):
            counted += 1
            flagged += reading.flagged

    floor_times, floor_hits = [], 0
    for text in texts:
        t0 = time.perf_counter()
        floor_hits += bool(FLOOR.search(text))
        floor_times.append(time.perf_counter() - t0)

    growth = rss_after - rss_before
    mean_len = sum(map(len, texts)) / len(texts)
    print(f"entries: {len(texts)} of ~{mean_len:.0f} characters; one BLAS thread")
    members = len(getattr(reader, "members", (reader,))) if reader else 0
    weight = float(head.info.get("reader_weight", 0.5)) if reader else 0.0
    with_reader = (
        f"encoder + head + entry reader ({members} member(s), reader weight {weight:g})"
        if reader
        else "encoder + head, NO entry reader"
    ) + (", phrase reader" if phrases else ", NO phrase reader")
    print(f"model load ({with_reader}, first embed): {load_s:.2f} s")
    print(f"RSS: {rss_before:.0f} MB before load, {rss_after:.0f} MB after (+{growth:.0f} MB)")
    print(
        f"semantic read: p50 {pct(times, 50):.1f} ms, p95 {pct(times, 95):.1f} ms per entry "
        f"({counted}/{len(texts)} scored, {flagged} flagged)"
    )
    print(
        f"regex floor:   p50 {pct(floor_times, 50):.3f} ms, p95 {pct(floor_times, 95):.3f} ms "
        f"({floor_hits} matched)"
    )
    failures = []
    if counted != len(texts):
        failures.append(f"only {counted} of {len(texts)} entries came back with a valid score")
    if growth >= RSS_LIMIT_MB:
        failures.append(f"RSS grew {growth:.0f} MB (limit {RSS_LIMIT_MB})")
    if floor_hits == 0:
        failures.append("the regex floor matched nothing: the entries are not what they should be")
    for failure in failures:
        print("FAILED:", failure, file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
