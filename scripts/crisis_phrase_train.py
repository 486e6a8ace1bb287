"""Train the phrase reader of the semantic crisis layer and choose how it joins the entry
readers (issue 17, stop 34; apps/safety/detectors/phrases.py).

    uv run python scripts/crisis_phrase_train.py --cv          # the CV table, w and T
    uv run python scripts/crisis_phrase_train.py --cv --write  # + semantic/phrases.npz

Entries: round 10's pool (scripts/crisis_train.py POOL_FILES + journals-dev: what the shipped
entry readers were trained on) and the READER_UNSEEN files below (training files written
after the readers, which never saw them). The entry readers' score of each entry is an honest
one: for the pool, their out-of-fold score from round 10's recipe (``reader_oof.npz``, kept
beside the weights since stop 34; its folds are the pool's folds here); for the other files,
the shipped readers' own score (computed here with the real model, cached in --cache).

--cv: the phrase model's margin out of fold (the pool keeps its folds; each other file is
whole in one fold, the i-th of the sorted list in fold i mod 5, so its wording is never
learned from when it is scored). Then, on all these entries, with the lexicon rules as the
app runs them (their second reading given the same honest readers' score): the weight w of
the margin from --weights, the one whose rules OR semantic finds most crises when 2.0%
(--target) of the ordinary entries are flagged, and the threshold T there; beside it the
readers alone chosen the same way (the comparison of SHIP_RULES.md, stop 34).
--write: the model trained on every entry, saved with w and T.

Training: tf-idf of the phrase reader's own terms (words min_df 2; letter runs min_df 3, the
--max-letters most frequent), logistic loss with classes weighed equal, L2 penalty 1/(2C)
(scikit-learn's C), L-BFGS from scipy. Deterministic.
"""

import argparse
import datetime
import hashlib
import importlib.util
import sys
import time
from collections import Counter
from pathlib import Path

import numpy as np
from scipy import sparse
from scipy.optimize import minimize

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from apps.safety.detectors.phrases import (  # noqa: E402
    logit,
    save_phrases,
    terms,
)

_spec = importlib.util.spec_from_file_location("crisis_train", ROOT / "scripts" / "crisis_train.py")
crisis_train = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(crisis_train)

OUT = ROOT / "apps" / "safety" / "semantic" / "phrases.npz"
READER_OOF = ROOT / "apps" / "safety" / "semantic" / "reader_oof.npz"
READER_UNSEEN = (
    "round10-train-indirect.tsv",
    "round10-train-kinds.tsv",
    "round10-train-ordinary.tsv",
    "round10-train-spanish-f.tsv",
    "round10-train-twins-b.tsv",
    "round11-train-idioms.tsv",
    "round12-train-fresh.tsv",
    "round12-train-hardneg.tsv",
    "round13-train-journals.tsv",
    "round13-train-mixed.tsv",
    "round13-train-sentences.tsv",
    "round14-train-hardneg.tsv",
    "round14-train-medical.tsv",
    "round15-train-highkinds.tsv",
)
MIN_DF = (2, 3)


def digest(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()


def load_entries(extra: tuple[str, ...] = ()):
    """(entries, folds, readers' honest scores) in one order: the pool, then the files."""
    pool = crisis_train.load_data()[0]
    oof = np.load(READER_OOF, allow_pickle=False)
    if [digest(e.text) for e in pool] != list(oof["texts"]):
        sys.exit("reader_oof.npz is not for this pool (texts differ): remake it (PROVENANCE.md)")
    entries, folds = list(pool), list(oof["folds"])
    for i, name in enumerate(sorted(READER_UNSEEN + tuple(extra))):
        rows = crisis_train.read_tsv(crisis_train.DATA / name, Path(name).stem)
        entries += rows
        folds += [i % 5] * len(rows)
    return entries, np.array(folds), list(oof["oof"])


def unseen_reader_scores(entries, start: int, cache: Path) -> list[float]:
    """The shipped readers' score of entries[start:], cached by text."""
    known = {}
    if cache.exists():
        with np.load(cache, allow_pickle=False) as data:
            known = dict(zip(data["texts"], data["scores"], strict=True))
    todo = [e.text for e in entries[start:] if digest(e.text) not in known]
    if todo:
        from apps.safety import semantic_model

        embedder, head = semantic_model.load_real()
        reader = semantic_model.reader_for(head)
        from apps.safety.detectors.semantic import semantic_read

        began = time.time()
        for n, text in enumerate(todo, 1):
            known[digest(text)] = semantic_read(text, embedder, head, reader=reader).reader_score
            if n % 500 == 0:
                print(f"  readers: {n}/{len(todo)} ({time.time() - began:.0f} s)", flush=True)
        np.savez(cache, texts=np.array(list(known)), scores=np.array(list(known.values())))
    return [float(known[digest(e.text)]) for e in entries[start:]]


def vocabulary(counted: list[tuple[Counter, Counter]], max_letters: int):
    """Per block: term -> column, and the smooth idf, from the training entries only."""
    vocab, idfs = [], []
    n = len(counted)
    for block in (0, 1):
        df: Counter = Counter()
        total: Counter = Counter()
        for pair in counted:
            df.update(pair[block].keys())
            if block == 1:
                total.update(pair[block])
        kept = [t for t, d in df.items() if d >= MIN_DF[block]]
        if block == 1 and len(kept) > max_letters:
            kept = sorted(kept, key=lambda t: (-total[t], t))[:max_letters]
        kept.sort()
        vocab.append({t: i for i, t in enumerate(kept)})
        idfs.append(np.array([np.log((1 + n) / (1 + df[t])) + 1 for t in kept]))
    return vocab, idfs


def matrix(counted, vocab, idfs) -> sparse.csr_matrix:
    blocks = []
    for block in (0, 1):
        rows, cols, vals = [], [], []
        for r, pair in enumerate(counted):
            known = [(vocab[block][t], c) for t, c in pair[block].items() if t in vocab[block]]
            if not known:
                continue
            idx = np.array([i for i, _ in known])
            val = (1 + np.log([c for _, c in known])) * idfs[block][idx]
            val /= np.linalg.norm(val)
            rows += [r] * len(idx)
            cols += list(idx)
            vals += list(val)
        blocks.append(
            sparse.csr_matrix((vals, (rows, cols)), shape=(len(counted), len(vocab[block])))
        )
    return sparse.hstack(blocks).tocsr()


def fit(x: sparse.csr_matrix, y: np.ndarray, c: float) -> tuple[np.ndarray, float]:
    """Weighted logistic regression (classes weighed equal), L2 1/(2C), bias not penalised."""
    n = len(y)
    sample = np.where(y == 1, n / (2 * y.sum()), n / (2 * (n - y.sum())))
    sign = np.where(y == 1, 1.0, -1.0)

    def loss(params):
        w, b = params[:-1], params[-1]
        z = sign * (x @ w + b)
        value = c * np.sum(sample * np.logaddexp(0, -z)) + 0.5 * w @ w
        g = -c * sample * sign * (1 / (1 + np.exp(z)))
        grad = np.concatenate([x.T @ g + w, [g.sum()]])
        return value, grad

    result = minimize(
        loss, np.zeros(x.shape[1] + 1), jac=True, method="L-BFGS-B", options={"maxiter": 3000}
    )
    return result.x[:-1], float(result.x[-1])


def train(counted, y, c, max_letters):
    vocab, idfs = vocabulary(counted, max_letters)
    w, b = fit(matrix(counted, vocab, idfs), y, c)
    split = len(vocab[0])
    return vocab, idfs, (w[:split], w[split:]), b


def margins(model_parts, counted) -> np.ndarray:
    vocab, idfs, weights, b = model_parts
    return matrix(counted, vocab, idfs) @ np.concatenate(weights) + b


def at_budget(score, labels, rules, target):
    """(recall, share of ordinary flagged, threshold) of rules OR score >= threshold, the
    threshold where 2.0% (target) of the ordinary entries are flagged in all."""
    neg = labels == 0
    allowed = int(np.floor(target * neg.sum())) - int((neg & rules).sum())
    candidates = np.sort(score[neg & ~rules])[::-1]
    if allowed <= 0:
        threshold = np.inf
    elif allowed < len(candidates):
        threshold = (candidates[allowed - 1] + candidates[allowed]) / 2
    else:
        threshold = -np.inf
    flagged = rules | (score >= threshold)
    return flagged[labels == 1].mean(), flagged[neg].mean(), threshold, flagged


def sum_floors(entries, labels, sums, readers, score_of) -> None:
    """The second reading's sum thresholds, chosen by stop 34's rule (SHIP_RULES.md, stop 38's
    third entry): per category, the lowest out-of-fold sum of a crisis whose same-day finding is
    of that category alone and which the readers alone do not lower, and 2.1 below it, rounded
    down to the half. Printed, not written: the thresholds live in the lexicon's settings."""
    from apps.safety.detectors.crisis import second_reading_below
    from apps.safety.services import crisis_lexicon, crisis_reading

    lexicon = crisis_lexicon()
    lowest: dict[str, list[float]] = {}
    ordinary: Counter = Counter()
    for entry, label, total, reader in zip(entries, labels, sums, readers, strict=True):
        reading = crisis_reading(entry.text, second_reader=score_of.get)
        if not reading.flagged:
            continue
        below = second_reading_below(reading.matches, lexicon, text=entry.text)
        if below is None or reader < below:
            continue
        same_day = {m.category for m in reading.matches if m.severity in ("critical", "high")}
        if len(same_day) != 1:
            continue
        (category,) = same_day
        if label == 1:
            lowest.setdefault(category, []).append(float(total))
        else:
            ordinary[category] += 1
    for category in sorted(lowest):
        found = sorted(lowest[category])
        floor = np.floor((found[0] - 2.1) * 2) / 2
        print(
            f"sum floor {category}: lowest crisis sums {', '.join(f'{v:.1f}' for v in found[:3])}"
            f" ({len(found)} crises, {ordinary[category]} ordinary) -> {floor:.1f}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cv", action="store_true")
    parser.add_argument("--write", action="store_true")
    parser.add_argument("--C", type=float, default=4.0)
    parser.add_argument("--max-letters", type=int, default=200_000)
    parser.add_argument("--weights", default="1,1.5,2,3")
    parser.add_argument("--target", type=float, default=0.02)
    parser.add_argument(
        "--at-threshold",
        type=float,
        default=None,
        help="Also print recall and ordinary flagged at this T (the shipped reader's: 7.3011).",
    )
    parser.add_argument(
        "--write-at-threshold",
        action="store_true",
        help="with --write: keep --at-threshold as the written T instead of the one the CV "
        "chooses at the target (stop 42: new weights at the shipped threshold)",
    )
    parser.add_argument("--cache", type=Path, default=Path("/tmp/trellis-unseen-readers.npz"))
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument(
        "--sum-floors",
        action="store_true",
        help="print the second reading's sum thresholds chosen for this reader (stop 34's rule)",
    )
    parser.add_argument(
        "--extra",
        default="",
        help="more files the readers never saw, scored in the CV like READER_UNSEEN "
        "(comma-separated names in fixtures/crisis_training/; '' for none)",
    )
    parser.add_argument(
        "--train-only",
        default="",
        help="files added to every fold's training and to the written model, never scored "
        "(to measure what more data adds on the same entries)",
    )
    args = parser.parse_args()
    if not args.cv:
        sys.exit("--cv is required: w and T come from the out-of-fold table")
    extra = tuple(filter(None, args.extra.split(",")))
    if set(extra) & set(args.train_only.split(",")):
        sys.exit("a file is either --extra (scored) or --train-only, not both")
    train_only = [
        e
        for name in filter(None, args.train_only.split(","))
        for e in crisis_train.read_tsv(crisis_train.DATA / name, Path(name).stem)
    ]

    entries, folds, pool_scores = load_entries(extra)
    readers = np.array(pool_scores + unseen_reader_scores(entries, len(pool_scores), args.cache))
    labels = np.array([e.label for e in entries])
    spanish = np.array([e.lang == "es" for e in entries])
    counted = [terms(e.text) for e in entries]
    extra_counted = [terms(e.text) for e in train_only]
    extra_labels = np.array([e.label for e in train_only], dtype=int)
    if train_only:
        print(f"{len(train_only)} more entries trained on only, never scored")
    print(f"{len(entries)} entries, {labels.sum()} crises, {spanish[labels == 1].sum()} Spanish")

    began = time.time()
    oof = np.zeros(len(entries))
    for f in range(5):
        test = folds == f
        parts = train(
            [p for p, t in zip(counted, test, strict=True) if not t] + extra_counted,
            np.concatenate([labels[~test], extra_labels]),
            args.C,
            args.max_letters,
        )
        oof[test] = margins(parts, [p for p, t in zip(counted, test, strict=True) if t])
        print(f"  fold {f}: {test.sum()} entries ({time.time() - began:.0f} s)", flush=True)

    import os

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
    import django

    django.setup()
    from apps.safety.services import crisis_reading

    score_of = {e.text: s for e, s in zip(entries, readers, strict=True)}
    rules = np.array([crisis_reading(e.text, second_reader=score_of.get).flagged for e in entries])
    neg = labels == 0
    print(f"rules alone: {rules[labels == 1].mean():.4f} at {rules[neg].mean():.4f}")
    reader_logit = np.array([logit(p) for p in readers])

    def line(name, score):
        recall, share, threshold, flagged = at_budget(score, labels, rules, args.target)
        es = flagged[(labels == 1) & spanish].mean()
        unseen = np.arange(len(entries)) >= len(pool_scores)
        u = flagged[unseen & (labels == 1)].mean()
        print(
            f"{name:28s} recall {recall:.4f} at {share:.4f}  Spanish {es:.4f}  "
            f"reader-unseen files {u:.4f}  T {threshold:.4f}"
        )
        return recall, es, threshold

    base = line("rules OR readers", reader_logit)
    line("rules OR phrases", oof)
    best = None
    for w in (float(v) for v in args.weights.split(",")):
        recall, es, threshold = line(f"rules OR readers+{w:g}*phrases", reader_logit + w * oof)
        if best is None or recall > best[0]:
            best = (recall, es, threshold, w)
    recall, es, threshold, w = best
    print(
        f"chosen: w {w:g}, T {threshold:.4f}: recall {recall:.4f} against the readers' "
        f"{base[0]:.4f} ({recall - base[0]:+.4f}); Spanish {es:.4f} against {base[1]:.4f}"
    )

    if args.at_threshold is not None:
        # The detector as shipped: its threshold kept, the rules as they read today (a change
        # to the rules moves the share of ordinary entries flagged, not T; stop 40).
        flagged = rules | (reader_logit + w * oof >= args.at_threshold)
        print(
            f"at T {args.at_threshold:.4f}: recall {flagged[labels == 1].mean():.4f} at "
            f"{flagged[neg].mean():.4f}  Spanish {flagged[(labels == 1) & spanish].mean():.4f}"
        )

    if args.sum_floors:
        sum_floors(entries, labels, reader_logit + w * oof, readers, score_of)

    if args.write_at_threshold:
        if args.at_threshold is None:
            sys.exit("--write-at-threshold needs --at-threshold")
        threshold = args.at_threshold

    if args.write:
        parts = train(
            counted + extra_counted,
            np.concatenate([labels, extra_labels]),
            args.C,
            args.max_letters,
        )
        vocab, idfs, weights, b = parts
        save_phrases(
            args.out,
            terms_per_block=[sorted(v, key=v.get) for v in vocab],
            idf=idfs,
            weights=weights,
            bias=b,
            weight=w,
            threshold=float(threshold),
            info={
                "written": datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC"),
                "entries": len(entries) + len(train_only),
                "crises": int(labels.sum() + extra_labels.sum()),
                "C": args.C,
                "cv_recall_at_target": round(float(recall), 4),
                "target": args.target,
                "readers_alone_cv_recall": round(float(base[0]), 4),
                # Named so that tests/safety/test_training_pool.py can check that no held-out
                # text is in a file the shipped reader learned from.
                "extra": list(extra),
                "train_only": [name for name in filter(None, args.train_only.split(","))],
            },
        )
        print(f"wrote {args.out} ({args.out.stat().st_size / 1e6:.1f} MB)")


if __name__ == "__main__":
    main()
