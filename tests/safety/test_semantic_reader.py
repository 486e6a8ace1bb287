"""The entry reader (issue 17): the second semantic scorer, the encoder's pooling network
fine-tuned on whole entries over token features computed across the whole entry. Its
units line up with the head's, the two scores combine as a mean, and the numpy reader
reproduces what the training script's torch model scored (one test with the real one)."""

import json

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from apps.safety import semantic_model
from apps.safety.detectors.semantic import (
    READER_LAYERS,
    EntryReader,
    ReaderEnsemble,
    entry_sentences,
    load_reader,
    nearest_examples,
    semantic_read,
    unit_ranges,
    units,
)

EMBEDDER = semantic_model.HashingEmbedder()
HEAD = semantic_model.fake_head()


class FeaturesDouble(semantic_model.HashingEmbedder):
    """The hashing double, plus per-sentence 'token features': each word hashed into
    1280 signed buckets, summed per sentence; the count is the number of words."""

    def sentence_features(self, text, sentences):
        sums = np.zeros((len(sentences), 1280), np.float32)
        counts = np.zeros(len(sentences), np.float32)
        for row, (s, e) in enumerate(sentences):
            words = text[s:e].lower().split()
            for word in words:
                index, sign = semantic_model._bucket(word)
                sums[row, index * 2] += sign
            counts[row] = max(1, len(words))
        return sums, counts


def random_reader(seed=0, bias=0.0):
    rng = np.random.default_rng(seed)
    shapes = {
        "cnn_W": (1280, 512),
        "cnn_b": (512,),
        "d0": (512, 320),
        "d1": (320, 320),
        "p1": (512, 320),
        "d2": (320, 512),
        "p3": (320, 512),
        "d3": (512, 512),
    }
    layers = {k: (rng.normal(size=shapes[k]) * 0.05).astype(np.float32) for k in READER_LAYERS}
    return EntryReader(layers, rng.normal(size=512).astype(np.float32), bias, {})


def test_each_unit_maps_to_the_sentences_it_spans():
    text = "Walked the dog. I wrote the note! Then bed."
    spans, texts = units(text)
    sentences = entry_sentences(text)
    assert texts[0] == text
    assert unit_ranges(text) == [(0, 3), (0, 1), (1, 2), (2, 3), (0, 2), (1, 3)]
    for (start, end), (a, b) in zip(spans, unit_ranges(text), strict=True):
        assert sentences[a][0] == start and sentences[b - 1][1] == end


def test_a_blank_entry_has_no_units():
    assert unit_ranges("   ") == [] and unit_ranges("") == []


def test_the_reading_is_the_mean_of_the_head_and_the_reader():
    text = "Took my dose at 8. Made soup. Wrote a farewell note tonight. Went to bed."
    embedder = FeaturesDouble()
    reader = random_reader()
    alone = semantic_read(text, embedder, HEAD)
    both = semantic_read(text, embedder, HEAD, reader=reader)
    sums, counts = embedder.sentence_features(text, entry_sentences(text))
    read = reader.unit_probabilities(sums, counts, unit_ranges(text))
    assert len(read) == len(units(text)[0])
    assert both.score == pytest.approx((alone.score + read.max()) / 2)
    assert both.flagged == (both.score >= HEAD.threshold)


def test_a_reader_that_is_sure_lifts_what_the_head_missed_and_one_that_is_not_lowers_it():
    text = "Made soup. Went to bed early."
    embedder = FeaturesDouble()
    sure = random_reader(bias=60.0)
    unsure = random_reader(bias=-60.0)
    head_score = semantic_read(text, embedder, HEAD).score
    assert semantic_read(text, embedder, HEAD, reader=sure).score == pytest.approx(
        (head_score + 1.0) / 2
    )
    assert semantic_read(text, embedder, HEAD, reader=unsure).score == pytest.approx(
        head_score / 2, abs=1e-9
    )


def test_an_encoder_without_sentence_features_reads_with_the_head_alone():
    text = "Wrote a farewell note tonight."
    assert semantic_read(text, EMBEDDER, HEAD, reader=random_reader()) == semantic_read(
        text, EMBEDDER, HEAD
    )


def test_a_reader_saves_and_loads(tmp_path):
    reader = random_reader(seed=3, bias=-1.5)
    np.savez_compressed(
        tmp_path / "reader.npz",
        w=reader.w,
        b=np.array([reader.b], np.float32),
        meta=np.frombuffer(json.dumps({"note": "ñ"}).encode(), dtype=np.uint8),
        **{k: v.astype(np.float16) for k, v in reader.layers.items()},
    )
    loaded = load_reader(tmp_path / "reader.npz")
    text = "Slept badly. Gave my guitar away. Bed."
    sums, counts = FeaturesDouble().sentence_features(text, entry_sentences(text))
    ranges = unit_ranges(text)
    assert np.allclose(
        loaded.unit_probabilities(sums, counts, ranges),
        reader.unit_probabilities(sums, counts, ranges),
        atol=0.01,
    )
    assert loaded.info == {"note": "ñ"}


def test_an_ensemble_reads_the_mean_of_its_members_and_saves_and_loads(tmp_path):
    members = [random_reader(seed=s, bias=b) for s, b in ((1, -1.0), (2, 0.5), (3, 2.0))]
    arrays = {}
    for m, reader in enumerate(members):
        arrays |= {f"m{m}_{k}": v.astype(np.float16) for k, v in reader.layers.items()}
        arrays |= {f"m{m}_w": reader.w, f"m{m}_b": np.array([reader.b], np.float32)}
    np.savez_compressed(
        tmp_path / "reader.npz",
        meta=np.frombuffer(json.dumps({"members": 3}).encode(), dtype=np.uint8),
        **arrays,
    )
    loaded = load_reader(tmp_path / "reader.npz")
    assert isinstance(loaded, ReaderEnsemble) and len(loaded.members) == 3
    assert [m.b for m in loaded.members] == [-1.0, 0.5, 2.0]
    text = "Slept badly. Gave my guitar away. Bed."
    sums, counts = FeaturesDouble().sentence_features(text, entry_sentences(text))
    ranges = unit_ranges(text)
    each = [m.unit_probabilities(sums, counts, ranges) for m in members]
    assert np.allclose(
        loaded.unit_probabilities(sums, counts, ranges), np.mean(each, axis=0), atol=0.01
    )
    assert not np.allclose(each[0], each[2], atol=0.01)
    reading = semantic_read(text, FeaturesDouble(), HEAD, reader=loaded)
    head_best = HEAD.probabilities(FeaturesDouble().embed(units(text)[1])).max()
    assert reading.score == pytest.approx(
        (head_best + loaded.unit_probabilities(sums, counts, ranges).max()) / 2
    )


def with_info(head, **info):
    return type(head)(
        head.weights,
        head.biases,
        head.threshold,
        head.bank_vectors,
        head.bank_texts,
        head.bank_kinds,
        info={**head.info, **info},
    )


def test_at_reader_weight_one_the_reader_alone_decides_and_the_passage_is_explained():
    text = "Long day at work. I wrote a farewell to my sister. Pasta for dinner."
    embedder = FeaturesDouble()
    reader = random_reader(seed=5)
    reader_only = with_info(HEAD, reader_weight=1.0)
    reading = semantic_read(text, embedder, reader_only, reader=reader)
    sums, counts = embedder.sentence_features(text, entry_sentences(text))
    read = reader.unit_probabilities(sums, counts, unit_ranges(text))
    spans, texts = units(text)
    assert reading.score == pytest.approx(read.max())
    alerting = [i for i in range(len(spans)) if read[i] >= reader_only.threshold]
    shown = (
        min(alerting, key=lambda i: spans[i][1] - spans[i][0]) if alerting else int(np.argmax(read))
    )
    assert reading.best_window == spans[shown]
    # The head would have flagged "farewell" on its own; at weight one it has no say.
    assert semantic_read(text, embedder, HEAD).flagged
    assert reading.score != pytest.approx(semantic_read(text, embedder, HEAD).score)
    best_text = texts[shown]
    assert reading.nearest == nearest_examples(embedder.embed([best_text])[0], HEAD, 3)


def test_the_passage_shown_is_the_shortest_that_alerts_by_itself():
    text = "Laundry and a walk. I wrote a farewell to my sister. Pasta for dinner."
    spans, _ = units(text)
    sentence = text.index("I wrote")
    farewell = next(i for i, (s, e) in enumerate(spans) if s == sentence and text[e - 1] == ".")

    class Sure:
        # Every unit holding the farewell alerts; the sentence alone a little lower
        # than the windows around it; the rest are ordinary.
        def unit_probabilities(self, sums, counts, ranges):
            probs = np.array([0.99 if s <= sentence < e else 0.1 for s, e in spans])
            probs[farewell] = 0.96
            return probs

    head = with_info(HEAD, reader_weight=1.0)
    reading = semantic_read(text, FeaturesDouble(), head, reader=Sure())
    assert reading.score == pytest.approx(0.99)
    assert text[slice(*reading.best_window)] == "I wrote a farewell to my sister."


def test_the_reader_weight_blends_the_two_scores():
    text = "Slept badly. Gave my guitar away. Bed."
    embedder = FeaturesDouble()
    reader = random_reader(seed=6, bias=-1.0)
    sums, counts = embedder.sentence_features(text, entry_sentences(text))
    read = reader.unit_probabilities(sums, counts, unit_ranges(text)).max()
    head_best = HEAD.probabilities(embedder.embed(units(text)[1])).max()
    reading = semantic_read(text, embedder, with_info(HEAD, reader_weight=0.25), reader=reader)
    assert reading.score == pytest.approx(0.75 * head_best + 0.25 * read)


def test_a_head_calibrated_with_a_reader_needs_it(tmp_path, monkeypatch):
    assert semantic_model.reader_for(HEAD) is None
    combined = type(HEAD)(
        HEAD.weights,
        HEAD.biases,
        HEAD.threshold,
        HEAD.bank_vectors,
        HEAD.bank_texts,
        HEAD.bank_kinds,
        info={"combined_with_reader": True},
    )
    monkeypatch.setenv(semantic_model.ENV_READER, str(tmp_path / "missing.npz"))
    with pytest.raises(FileNotFoundError):
        semantic_model.reader_for(combined)


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=600))
def test_any_text_reads_with_the_reader_without_crashing(text):
    embedder = FeaturesDouble()
    reader = random_reader()
    reading = semantic_read(text, embedder, HEAD, reader=reader)
    start, end = reading.best_window
    assert 0 <= start <= end <= len(text)
    assert 0.0 <= reading.score <= 1.0
    assert reading.flagged == (reading.score >= reading.threshold)
    assert semantic_read(text, embedder, HEAD, reader=reader) == reading
    assert len(unit_ranges(text)) == len(units(text)[0])


@pytest.mark.semantic_model
def test_the_numpy_reader_scores_what_the_training_script_scored():
    embedder, head = semantic_model.load_real()
    reader = semantic_model.reader_for(head)
    assert reader is not None, "the committed head is calibrated with the entry reader"
    check = reader.info["check"]
    for text, expected in zip(check["texts"], check["scores"], strict=True):
        sums, counts = embedder.sentence_features(text, entry_sentences(text))
        got = reader.unit_probabilities(sums, counts, unit_ranges(text)).max()
        assert got == pytest.approx(expected, abs=0.01), text
