"""Would the reader make a good gate for the rules' weaker findings? (issue 17)

    uv run python scripts/crisis_gate_study.py --reader-oof /tmp/crisis_reader_oof.npz

A study, not part of the app. The rules' high (not critical) findings spend a large
share of the false-alarm budget on wording they were not written for. One proposal:
let such a finding alert only when the entry reader does not read the entry as
clearly ordinary (its out-of-fold score at least --gate), and spend the budget freed
on a lower semantic threshold. This prints, over the pool's out-of-fold scores from
``crisis_reader_train.py --cv``, what each gate keeps and loses at --target of the
ordinary entries flagged, and lists the crises each gate would silence, so a person
can judge them (the numbers alone hide that one of them is a parent packing a child's
bag for the sea on a voice's orders).
"""

import argparse
import sys
from pathlib import Path

import numpy as np
import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

import crisis_train  # noqa: E402

from apps.safety.detectors.crisis import (  # noqa: E402
    compile_lexicon,
    crisis_matches,
    highest_severity,
)


def flagged_at(target, ruled, scores, labels):
    """Rules OR score at the lowest threshold flagging at most ``target`` of the
    ordinary entries: (threshold, recall, share of ordinary entries flagged)."""
    ordinary = labels == 0
    threshold = crisis_train.threshold_with_rules(scores[ordinary], ruled[ordinary], target)
    flagged = ruled | (scores >= threshold)
    return threshold, flagged[~ordinary].mean(), flagged[ordinary].mean()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reader-oof", required=True)
    parser.add_argument("--target", type=float, default=0.02)
    parser.add_argument("--gates", default="0.02,0.05,0.1,0.2")
    parser.add_argument("--show-below", type=float, default=0.05)
    args = parser.parse_args()

    pool, _train_only, _pieces = crisis_train.load_data()
    reader = np.load(args.reader_oof)
    scores = reader["oof"]
    if len(scores) != len(pool):
        raise SystemExit(f"{args.reader_oof} was made from another pool")
    labels = np.array([e.label for e in pool])
    with (ROOT / "fixtures" / "crisis_lexicon.yaml").open(encoding="utf-8") as f:
        lexicon = compile_lexicon(yaml.safe_load(f))
    severity = np.array([highest_severity(crisis_matches(e.text, lexicon)) or "" for e in pool])
    critical, high = severity == "critical", severity == "high"

    t, recall, ordinary = flagged_at(args.target, critical | high, scores, labels)
    print(f"no gate: threshold {t:.3f}, recall {recall:.3f}, ordinary flagged {ordinary:.4f}")
    for gate in (float(g) for g in args.gates.split(",")):
        kept = critical | (high & (scores >= gate))
        t, recall, ordinary = flagged_at(args.target, kept, scores, labels)
        lost = high & ~kept & (labels == 1) & (scores < t)
        quiet = high & ~kept & (labels == 0)
        print(
            f"gate {gate:g}: threshold {t:.3f}, recall {recall:.3f}, ordinary flagged "
            f"{ordinary:.4f}; high findings silenced: {quiet.sum()} ordinary, {lost.sum()} crises"
        )
    silenced = np.where(high & (labels == 1) & (scores < args.show_below))[0]
    print(f"\ncrises a gate of {args.show_below:g} would silence ({len(silenced)}):")
    for i in silenced:
        print(f"  {scores[i]:.3f} {pool[i].kind}: {pool[i].text[:200]}")


if __name__ == "__main__":
    main()
