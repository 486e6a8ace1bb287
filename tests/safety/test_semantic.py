"""The semantic crisis layer: windows, offsets, scoring and explanations with a test
double embedder; one test (marker ``semantic_model``) with the real encoder and head."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from apps.safety import semantic_model
from apps.safety.detectors.semantic import (
    Head,
    Nearest,
    SemanticReading,
    Window,
    kind_vote,
    load_head,
    semantic_read,
    sentence_spans,
    sentence_windows,
    units,
)

EMBEDDER = semantic_model.HashingEmbedder()
HEAD = semantic_model.fake_head()


def texts_of(text, windows):
    return [text[w.start : w.end] for w in windows]


def test_sentences_split_on_stops_line_breaks_and_spanish_marks():
    text = "Slept ok. Took my dose!  Work was fine?\nDinner with Ana.¿Vienes mañana? ¡Sí!"
    assert [text[s:e] for s, e in sentence_spans(text)] == [
        "Slept ok.",
        "Took my dose!",
        "Work was fine?",
        "Dinner with Ana.",
        "¿Vienes mañana?",
        "¡Sí!",
    ]


def test_windows_are_each_sentence_then_each_with_its_neighbours():
    text = "One. Two. Three."
    assert texts_of(text, sentence_windows(text)) == [
        "One.",
        "Two.",
        "Three.",
        "One. Two.",
        "One. Two. Three.",
        "Two. Three.",
    ]


def test_a_long_run_on_sentence_is_cut_at_commas():
    text = ", ".join(["took my dose and went to work and came home"] * 12)
    spans = sentence_spans(text)
    assert len(spans) > 1
    assert all(e - s <= 240 for s, e in spans)


def test_units_start_with_the_whole_entry_trimmed():
    spans, texts = units("  Slept ok. Took my dose.  ")
    assert texts[0] == "Slept ok. Took my dose."
    assert spans[0] == (2, 25)


@pytest.mark.parametrize("text", ["", "   ", "\n\t ", "\u200b"])
def test_nothing_to_read_scores_zero(text):
    reading = semantic_read(text, EMBEDDER, HEAD)
    if text.strip():  # a zero-width space is a character, not white space
        return
    assert reading == SemanticReading(0.0, HEAD.threshold, False, (0, 0), ())


def test_the_flagged_window_is_the_one_that_scores_highest():
    text = "Took my dose at 8. Made soup. Wrote a farewell note tonight. Went to bed."
    reading = semantic_read(text, EMBEDDER, HEAD)
    assert reading.flagged
    start, end = reading.best_window
    assert "farewell" in text[start:end]
    assert reading.nearest[0] == Nearest("farewell", "suicidal", reading.nearest[0].similarity)


def test_ordinary_text_is_not_flagged_by_the_double():
    reading = semantic_read("Took my dose at 8. Made soup. Went to bed.", EMBEDDER, HEAD)
    assert not reading.flagged
    assert reading.score < reading.threshold


def test_threshold_decides():
    text = "Took my dose. An overdose in the film."
    low = Head(HEAD.weights, HEAD.biases, 0.0, HEAD.bank_vectors, HEAD.bank_texts, HEAD.bank_kinds)
    high = Head(HEAD.weights, HEAD.biases, 1.1, HEAD.bank_vectors, HEAD.bank_texts, HEAD.bank_kinds)
    assert semantic_read(text, EMBEDDER, low).flagged
    assert not semantic_read(text, EMBEDDER, high).flagged


def test_a_two_layer_head_saves_and_loads(tmp_path):
    rng = np.random.default_rng(0)
    head = Head(
        weights=(
            rng.normal(size=(512, 8)).astype(np.float32),
            rng.normal(size=(8, 1)).astype(np.float32),
        ),
        biases=(np.zeros(8, np.float32), np.zeros(1, np.float32)),
        threshold=0.42,
        bank_vectors=EMBEDDER.embed(["un ejemplo", "an example"]),
        bank_texts=("un ejemplo", "an example"),
        bank_kinds=("suicidal", "none"),
        info={"note": "ñ"},
    )
    head.save(tmp_path / "head.npz")
    loaded = load_head(tmp_path / "head.npz")
    vectors = EMBEDDER.embed(["hola", "hello there"])
    assert np.allclose(loaded.probabilities(vectors), head.probabilities(vectors), atol=1e-5)
    assert loaded.threshold == 0.42
    assert loaded.bank_texts == head.bank_texts
    assert loaded.info == {"note": "ñ"}


def test_mode_defaults_to_the_double_under_pytest(monkeypatch):
    monkeypatch.delenv(semantic_model.ENV_MODE, raising=False)
    assert semantic_model.mode() == "fake"
    monkeypatch.setenv(semantic_model.ENV_MODE, "off")
    assert semantic_model.read("anything") is None
    assert semantic_model.warm() < 0.01
    monkeypatch.setenv(semantic_model.ENV_MODE, "bogus")
    with pytest.raises(ValueError):
        semantic_model.mode()


def test_the_fake_model_reads():
    reading = semantic_model.read("no pienso en el suicidio")
    assert isinstance(reading, SemanticReading)


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=800))
def test_any_text_reads_without_crashing_with_valid_offsets(text):
    for window in sentence_windows(text):
        assert isinstance(window, Window)
        assert 0 <= window.start < window.end <= len(text)
        assert text[window.start : window.end].strip() or text[window.start : window.end]
    reading = semantic_read(text, EMBEDDER, HEAD)
    start, end = reading.best_window
    assert 0 <= start <= end <= len(text)
    assert 0.0 <= reading.score <= 1.0
    assert reading.flagged == (reading.score >= reading.threshold)
    assert semantic_read(text, EMBEDDER, HEAD) == reading


@settings(max_examples=30, deadline=None)
@given(
    st.lists(
        st.sampled_from(["Hola.", "¿Qué tal?", "ok", "\n", " ", "…", "¡Ya!", "a" * 300]),
        max_size=60,
    )
)
def test_sentence_pieces_in_any_order(pieces):
    text = "".join(pieces)
    spans = sentence_spans(text)
    assert spans == sorted(spans)
    for (_, e1), (s2, _) in zip(spans, spans[1:], strict=False):
        assert e1 <= s2
    assert all(text[s:e] == text[s:e].strip() for s, e in spans)


def test_a_huge_entry_is_bounded():
    text = "Took my dose. " * 5000
    windows = sentence_windows(text)
    assert 0 < len(windows) <= 400
    assert windows[-1].end <= len(text)


@pytest.mark.semantic_model
def test_the_real_model_reads_clear_cases_in_english_and_spanish():
    embedder, head = semantic_model.load_real()
    reader = semantic_model.reader_for(head)
    crisis_en = (
        "Dose day, mild nausea. Walked the dog and made soup. I've been saving my pills for "
        "weeks and tonight I'm going to take all of them. Bed early."
    )
    crisis_es = (
        "Hoy fui al mercado con mi hija y comimos tacos. Ya no quiero vivir, tengo guardadas "
        "las pastillas y esta noche me las voy a tomar todas. Mañana hay junta."
    )
    ordinary_en = "Killing it at work this week! Took my dose at 8, a bit of nausea. Made pasta."
    ordinary_es = "Me muero de ganas de ver el partido. Tomé mi pastilla y salí a caminar."
    for text in (crisis_en, crisis_es):
        reading = semantic_read(text, embedder, head, reader=reader)
        assert reading.flagged, (text, reading.score, head.threshold)
        start, end = reading.best_window
        assert end - start < len(text)  # a window, not the whole paragraph
        assert reading.nearest and reading.nearest[0].kind != "none"
    for text in (ordinary_en, ordinary_es):
        reading = semantic_read(text, embedder, head, reader=reader)
        assert not reading.flagged, (text, reading.score, head.threshold)


def _bank_head(kinds, vectors):
    bank = np.asarray(vectors, dtype=np.float32)
    bank /= np.linalg.norm(bank, axis=1, keepdims=True)
    return Head(
        weights=(np.zeros((2, 1), np.float32),),
        biases=(np.zeros(1, np.float32),),
        threshold=0.5,
        bank_vectors=bank,
        bank_texts=tuple(f"example {i}" for i in range(len(kinds))),
        bank_kinds=tuple(kinds),
    )


def test_the_kind_named_is_the_one_most_nearby_crisis_examples_share():
    # The single nearest example is psychosis, but four of the five nearest crisis
    # examples are suicidal: the passage reads most like suicidal thoughts.
    head = _bank_head(
        ["psychosis", "suicidal", "suicidal", "suicidal", "suicidal", "none", "mania"],
        [[1, 0.01], [1, 0.05], [1, 0.06], [1, 0.07], [1, 0.08], [1, 0.0], [0, 1]],
    )
    assert kind_vote(np.array([1.0, 0.0]), head) == (("suicidal", 0.8),)


def test_when_the_nearest_examples_disagree_two_kinds_are_named_not_one():
    head = _bank_head(
        ["psychosis", "suicidal", "psychosis", "suicidal", "medical"],
        [[1, 0.01], [1, 0.02], [1, 0.03], [1, 0.04], [1, 0.05]],
    )
    kinds = kind_vote(np.array([1.0, 0.0]), head)
    assert [kind for kind, _ in kinds] == ["psychosis", "suicidal"]
    assert kinds[0][1] < 0.6


def test_ordinary_examples_never_vote_and_an_ordinary_bank_names_no_kind():
    head = _bank_head(["none", "none"], [[1, 0], [0, 1]])
    assert kind_vote(np.array([1.0, 0.0]), head) == ()
