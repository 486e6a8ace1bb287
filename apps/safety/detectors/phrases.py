"""The phrase reader of the semantic layer: an entry's words, word pairs and letter runs,
weighed by a linear model (issue 17, stop 34).

The entry readers (``semantic.py``) read meaning through the sentence encoder; this reads
the surface: which words and pairs of words an entry uses, and, through runs of two to
five letters inside each word, their misspellings, inflections and Spanish forms. The two
make different mistakes, so their sum finds more crises at the same false-alarm budget
than either (apps/safety/semantic/PROVENANCE.md, stop 34).

Pure: no ORM, no I/O beyond ``load_phrases``. The features are tf-idf (a count's weight
``1 + log(count)`` times the word's rarity in the training pool), each block (words,
letter runs) scaled to length one, so a long journal is not a crisis for having many
words. The training script (``scripts/crisis_phrase_train.py``) builds the vocabulary and
the weights with these same functions.
"""

import hashlib
import math
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

_WORD = re.compile(r"\w+")
# Words too common to explain anything to a clinician: a term made only of these is never
# named as what weighed (it still counts in the score).
FUNCTION_WORDS = frozenset(
    """
    i me my myself a an the and or but so if of to in on at by for with from as is am are
    was were be been it its it's this that these those them they he she we you your his her
    our their do did does have has had not no just all some any will would could should
    can than then there when what who how why where which about into out up over
    y o a e de del la el los las lo le les un una unos unas que en con por para sin mi mis
    me te se su sus nos ya no si es era fue ser estoy esta este esto eso muy mas pero como
    """.split()
)
# What an English contraction leaves of itself once split at its apostrophe ("it's" is
# "it" and "s"): never named alone or with function words only, like them.
CONTRACTION_PIECES = frozenset({"s", "t", "m", "d", "ll", "re", "ve"})
UNNAMED_WORDS = FUNCTION_WORDS | CONTRACTION_PIECES
LETTER_RUNS = (2, 5)  # shortest and longest run of letters read inside a word
BLOCKS = ("words", "letters")


def fold(text: str) -> str:
    """Lower case, accents and curly apostrophes folded: "Mañana" and "manana" are one word."""
    decomposed = unicodedata.normalize("NFKD", (text or "").lower().replace("\u2019", "'"))
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def word_terms(folded: str) -> Counter:
    """Each word and each pair of neighbouring words, counted."""
    words = _WORD.findall(folded)
    terms = Counter(words)
    terms.update(f"{a} {b}" for a, b in zip(words, words[1:], strict=False))
    return terms


def letter_terms(folded: str) -> Counter:
    """Runs of 2 to 5 characters inside each space-separated piece, padded with a space at
    each end so that a run can say "starts the word" (punctuation stays: "die." differs
    from "die")."""
    low, high = LETTER_RUNS
    terms: Counter = Counter()
    for piece in folded.split():
        padded = f" {piece} "
        for n in range(low, min(high, len(padded)) + 1):
            terms.update(padded[i : i + n] for i in range(len(padded) - n + 1))
    return terms


def terms(text: str) -> tuple[Counter, Counter]:
    """The two blocks of counted terms of ``text``: words and pairs, letter runs."""
    folded = fold(text)
    return word_terms(folded), letter_terms(folded)


def term_keys(listed) -> np.ndarray:
    """64-bit keys of terms (blake2b): the model holds these, not the strings, so a
    process pays about 2 MB for the vocabulary instead of about 15 MB of Python strings."""
    return np.fromiter(
        (
            int.from_bytes(
                hashlib.blake2b(t.encode("utf-8", "surrogatepass"), digest_size=8).digest(),
                "little",
            )
            for t in listed
        ),
        np.uint64,
    )


@dataclass(frozen=True)
class PhraseModel:
    """Per block (words and pairs, letter runs): the sorted keys of its terms, their rarity
    (idf) and weight in the same order; the bias; and how the layer combines the margin
    with the entry readers' score (``weight`` on this margin, added to the readers'
    log-odds) and the threshold on that sum. Build one with ``from_terms``."""

    keys: tuple[np.ndarray, np.ndarray]
    idf: tuple[np.ndarray, np.ndarray]
    weights: tuple[np.ndarray, np.ndarray]
    bias: float
    weight: float = 1.0
    threshold: float = 0.0  # on logit(readers) + weight * margin
    info: dict = field(default_factory=dict)

    @classmethod
    def from_terms(cls, terms_per_block, idf, weights, **rest) -> "PhraseModel":
        return cls.from_keys(
            [term_keys(listed) for listed in terms_per_block], idf, weights, **rest
        )

    @classmethod
    def from_keys(cls, keys_per_block, idf, weights, **rest) -> "PhraseModel":
        keys, idfs, ws = [], [], []
        for k, rarity, weight in zip(keys_per_block, idf, weights, strict=True):
            k = np.asarray(k, np.uint64)
            order = np.argsort(k, kind="stable")
            keys.append(k[order])
            idfs.append(np.asarray(rarity, np.float64)[order])
            ws.append(np.asarray(weight, np.float64)[order])
        return cls(keys=tuple(keys), idf=tuple(idfs), weights=tuple(ws), **rest)

    def _known(self, block: int, counted: Counter) -> tuple[np.ndarray, np.ndarray, list[str]]:
        """(positions in the block, counts, terms) of the counted terms the model knows."""
        if not counted:
            return np.zeros(0, np.int64), np.zeros(0), []
        listed = list(counted)
        k = term_keys(listed)
        keys = self.keys[block]
        at = np.minimum(np.searchsorted(keys, k), max(len(keys) - 1, 0))
        found = (keys[at] == k) if len(keys) else np.zeros(len(k), bool)
        counts = np.array([counted[t] for t in listed], np.float64)
        return at[found], counts[found], [t for t, f in zip(listed, found, strict=True) if f]

    def vectors(self, text: str) -> list[tuple[np.ndarray, np.ndarray]]:
        """Per block, the (positions, tf-idf values) of the known terms of ``text``, scaled
        to length one."""
        out = []
        for block, counted in enumerate(terms(text)):
            index, counts, _ = self._known(block, counted)
            if len(index) == 0:
                out.append((index, np.zeros(0, np.float64)))
                continue
            value = (1.0 + np.log(counts)) * self.idf[block][index]
            out.append((index, value / np.linalg.norm(value)))
        return out

    def margin(self, text: str) -> float:
        """The model's log-odds that ``text`` is a crisis (0 for an empty text: the bias
        alone)."""
        total = self.bias
        for (index, value), weights in zip(self.vectors(text), self.weights, strict=True):
            total += float(value @ weights[index])
        return total

    def combined(self, reader_probability: float, text: str) -> float:
        """The layer's log-odds: the readers' and this model's, weighed."""
        return logit(reader_probability) + self.weight * self.margin(text)

    def words_for(self, text: str, k: int = 3) -> tuple[str, ...]:
        """The words or word pairs of ``text`` that weighed most towards a crisis, most
        first (letter runs are not words a clinician reads, so they are left out)."""
        counted = Counter(
            {
                term: count
                for term, count in word_terms(fold(text)).items()
                if not all(word in UNNAMED_WORDS for word in term.split())
            }
        )
        index, counts, listed = self._known(0, counted)
        pull = (1.0 + np.log(counts)) * self.idf[0][index] * self.weights[0][index]
        scored = sorted(
            ((float(p), t) for p, t in zip(pull, listed, strict=True) if p > 0),
            key=lambda pair: (-pair[0], pair[1]),
        )
        written = _WORD.findall(fold(text))
        chosen: list[str] = []
        for _, term in scored:
            # A pair already covers its words: "the pills" says more than "pills".
            if any(term in other.split() or other in term.split() for other in chosen):
                continue
            # Two pairs that share a word are one passage when the patient wrote them in a
            # row ("ya escribí" and "escribí la" are "ya escribí la"): named once, whole.
            at = next((i for i, other in enumerate(chosen) if _overlap(other, term)), None)
            run = None if at is None else _run_of(written, chosen[at], term)
            if run is not None:
                chosen[at] = run
                continue
            chosen.append(term)
            if len(chosen) == k:
                break
        return tuple(as_written(text, term) for term in chosen)


def _overlap(first: str, second: str) -> bool:
    return bool(set(first.split()) & set(second.split()))


def _run_of(words: list[str], first: str, second: str) -> str | None:
    """The shortest run of ``words`` that holds both terms, one running into the other
    (their shared word once), if the patient wrote them so; else None."""
    a, b = first.split(), second.split()
    for left, right in ((a, b), (b, a)):
        for shared in range(min(len(left), len(right)) - 1, 0, -1):
            if left[-shared:] != right[:shared]:
                continue
            joined = left + right[shared:]
            n = len(joined)
            if any(words[i : i + n] == joined for i in range(len(words) - n + 1)):
                return " ".join(joined)
    return None


def as_written(text: str, term: str) -> str:
    """A folded term shown as the patient wrote it: the stretch of ``text`` from its first
    word to its last, lower-cased ("it s" is "it's", "deje la" is "dejé la"); the term
    itself if it cannot be found."""
    source = (text or "").lower().replace("\u2019", "'")
    found = [(m.start(), m.end(), fold(m.group())) for m in _WORD.finditer(source)]
    wanted = term.split()
    for i in range(len(found) - len(wanted) + 1):
        if all(found[i + j][2] == word for j, word in enumerate(wanted)):
            return source[found[i][0] : found[i + len(wanted) - 1][1]]
    return term


def logit(p: float) -> float:
    p = min(max(float(p), 1e-7), 1 - 1e-7)
    return math.log(p / (1 - p))


def sigmoid(z: float) -> float:
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)


def save_phrases(
    path: str | Path,
    *,
    terms_per_block,
    idf,
    weights,
    bias: float,
    weight: float,
    threshold: float,
    info: dict,
) -> None:
    """Write the model with its terms in words (reviewable) and their keys (what
    ``load_phrases`` reads: hashing 115,000 terms at every start cost 0.08 s)."""
    import json

    arrays = {}
    for block, name in enumerate(BLOCKS):
        arrays[f"{name}_terms"] = np.array("\n".join(terms_per_block[block]))
        arrays[f"{name}_keys"] = term_keys(terms_per_block[block])
        arrays[f"{name}_idf"] = np.asarray(idf[block], np.float32)
        arrays[f"{name}_weights"] = np.asarray(weights[block], np.float32)
    meta = {"bias": bias, "weight": weight, "threshold": threshold, "info": info}
    arrays["meta"] = np.array(json.dumps(meta, sort_keys=True))
    np.savez_compressed(path, **arrays)


def load_phrases(path: str | Path) -> PhraseModel:
    import json

    with np.load(path, allow_pickle=False) as data:
        meta = json.loads(str(data["meta"]))
        keys = [
            data[f"{name}_keys"]
            if f"{name}_keys" in data.files
            else term_keys(str(data[f"{name}_terms"]).split("\n"))
            for name in BLOCKS
        ]
        idf = [data[f"{name}_idf"] for name in BLOCKS]
        weights = [data[f"{name}_weights"] for name in BLOCKS]
    return PhraseModel.from_keys(
        keys,
        idf,
        weights,
        bias=float(meta["bias"]),
        weight=float(meta["weight"]),
        threshold=float(meta["threshold"]),
        info=meta.get("info", {}),
    )
