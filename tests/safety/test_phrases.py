"""The phrase reader (issue 17, stop 34): an entry's words, word pairs and letter runs
weighed by a linear model, added to the entry readers' log-odds. Pure core tests with a
small hand-made model; one test (marker ``semantic_model``) with the shipped weights."""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from apps.safety import semantic_model
from apps.safety.detectors.phrases import (
    PhraseModel,
    fold,
    letter_terms,
    load_phrases,
    logit,
    save_phrases,
    sigmoid,
    terms,
    word_terms,
)
from apps.safety.detectors.semantic import readers_entry_score, semantic_read, units

from .test_semantic_reader import HEAD, FeaturesDouble, random_reader

WORDS = ["pills", "tonight", "the pills", "goodbye", "garden", "tomatoes"]
WORD_WEIGHTS = [2.0, 1.0, 3.0, 2.5, -2.0, -1.0]


def words_model(**weights: float) -> PhraseModel:
    """A phrase model of words and word pairs alone (no letter runs), idf 1, these weights
    (a pair's space written as "_": words_model(deje_la=2.0, llave=1.0))."""
    listed = [term.replace("_", " ") for term in weights]
    return PhraseModel.from_terms(
        (listed, []),
        (np.ones(len(listed)), np.ones(0)),
        (np.array(list(weights.values()), dtype=float), np.zeros(0)),
        bias=0.0,
    )


def small_model(weight=1.0, threshold=0.0, bias=-1.0):
    letters = [" pi", "ill", "lls"]
    return PhraseModel.from_terms(
        (WORDS, letters),
        (np.ones(len(WORDS)), np.ones(len(letters))),
        (np.array(WORD_WEIGHTS), np.array([0.5, 0.5, 0.5])),
        bias=bias,
        weight=weight,
        threshold=threshold,
    )


def test_words_are_folded_so_accents_and_case_do_not_split_them():
    assert fold("Mañana TOMÉ las pastillas\u2019") == "manana tome las pastillas'"


def test_an_entry_gives_its_words_and_neighbouring_pairs():
    counted = word_terms(fold("Took the pills. The pills are gone"))
    assert counted["the pills"] == 2
    assert counted["pills"] == 2
    assert counted["took the"] == 1


def test_letter_runs_stay_inside_a_word_and_know_where_it_starts():
    counted = letter_terms("no more")
    assert counted[" no "] == 1
    assert counted[" mor"] == 1
    assert "o m" not in counted  # never across two words


def test_crisis_words_raise_the_margin_and_ordinary_words_lower_it():
    model = small_model()
    assert model.margin("I have the pills ready for tonight") > 1.0
    assert model.margin("Watered the garden, picked tomatoes") < -1.0


def test_an_empty_or_unknown_text_scores_the_bias_alone():
    model = small_model(bias=-1.5)
    assert model.margin("") == -1.5
    assert model.margin("zzz qqq") == -1.5


def test_a_long_entry_is_not_a_crisis_for_having_many_words():
    model = small_model()
    short = model.margin("the pills tonight")
    long = model.margin("the pills tonight " * 20)
    assert math.isclose(short, long, rel_tol=0.2)


def test_the_words_that_weighed_most_are_words_a_clinician_reads():
    model = small_model()
    words = model.words_for("the pills are ready, goodbye garden")
    assert words[0] == "the pills"
    assert "pills" not in words  # the pair already says it
    assert "garden" not in words  # it weighed against a crisis
    assert all(" " not in w.strip() or w in WORDS for w in words)


def test_the_combined_log_odds_add_the_readers_and_the_weighed_margin():
    model = small_model(weight=2.0)
    text = "the pills tonight"
    assert math.isclose(model.combined(0.3, text), logit(0.3) + 2.0 * model.margin(text))
    assert math.isclose(sigmoid(logit(0.25)), 0.25)
    assert sigmoid(-800) == 0.0 and sigmoid(800) == 1.0


def test_a_saved_model_reads_the_same_after_loading(tmp_path):
    model = small_model(weight=1.5, threshold=3.25)
    save_phrases(
        tmp_path / "phrases.npz",
        terms_per_block=(WORDS, [" pi", "ill", "lls"]),
        idf=(np.ones(len(WORDS)), np.ones(3)),
        weights=(np.array(WORD_WEIGHTS), np.array([0.5, 0.5, 0.5])),
        bias=model.bias,
        weight=1.5,
        threshold=3.25,
        info={},
    )
    loaded = load_phrases(tmp_path / "phrases.npz")
    assert loaded.weight == 1.5 and loaded.threshold == 3.25
    for text in ("the pills tonight", "garden", "", "goodbye goodbye pills"):
        assert math.isclose(loaded.margin(text), model.margin(text), abs_tol=1e-6)


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=600))
def test_any_text_gives_a_finite_margin_and_the_same_one_twice(text):
    model = small_model()
    first = model.margin(text)
    assert math.isfinite(first)
    assert model.margin(text) == first
    assert isinstance(terms(text), tuple)


def test_with_the_phrase_reader_the_score_is_the_sum_and_the_threshold_its_own():
    reader = random_reader(seed=3)
    model = small_model(weight=1.0, threshold=-50.0)
    head = HEAD.__class__(**{**HEAD.__dict__, "info": {"reader_weight": 1.0}})
    text = "Slept badly again last night. The pills tonight. Then a long lunch with Ana."
    alone = semantic_read(text, FeaturesDouble(), head, reader=reader)
    both = semantic_read(text, FeaturesDouble(), head, reader=reader, phrases=model)
    assert both.reader_score == alone.score  # the readers' own score is kept
    assert math.isclose(both.score, sigmoid(logit(alone.score) + model.margin(text)))
    assert math.isclose(both.threshold, sigmoid(-50.0))
    assert both.flagged
    # The passage is the shortest unit that reaches the threshold by itself.
    spans, texts = units(text)
    start, end = both.best_window
    assert (start, end) in spans
    assert end - start == min(e - s for s, e in spans)
    assert both.phrases  # and it names the words that weighed most


def test_a_passage_the_sum_does_not_reach_is_still_the_highest_one():
    reader = random_reader(seed=3)
    model = small_model(weight=1.0, threshold=50.0)
    head = HEAD.__class__(**{**HEAD.__dict__, "info": {"reader_weight": 1.0}})
    text = "Watered the garden. I have the pills ready for tonight."
    reading = semantic_read(text, FeaturesDouble(), head, reader=reader, phrases=model)
    assert not reading.flagged
    start, end = reading.best_window
    assert "pills" in text[start:end]


def test_the_phrase_reader_can_be_switched_off_and_needs_the_entry_readers(monkeypatch):
    monkeypatch.setenv(semantic_model.ENV_PHRASES, "none")
    assert semantic_model.phrases_for(random_reader()) is None
    monkeypatch.delenv(semantic_model.ENV_PHRASES)
    assert semantic_model.phrases_for(None) is None
    monkeypatch.setenv(semantic_model.ENV_PHRASES, "/nonexistent/phrases.npz")
    with pytest.raises(FileNotFoundError):
        semantic_model.phrases_for(random_reader())


@pytest.mark.semantic_model
def test_the_shipped_phrase_reader_joins_the_readers_and_leaves_their_score_to_the_second_reading():
    embedder, head = semantic_model.load_real()
    reader = semantic_model.reader_for(head)
    phrases = semantic_model.phrases_for(reader)
    assert phrases is not None, "apps/safety/semantic/phrases.npz is missing"
    crisis = "Wrote a letter to each of my kids tonight and put the pills in a row. It is time."
    ordinary = "Wrote a letter to each of my kids tonight for their birthdays. Took my pills."
    read_crisis = semantic_read(crisis, embedder, head, reader=reader, phrases=phrases)
    read_ordinary = semantic_read(ordinary, embedder, head, reader=reader, phrases=phrases)
    assert read_crisis.flagged and not read_ordinary.flagged
    alone = semantic_read(crisis, embedder, head, reader=reader)
    assert read_crisis.reader_score == pytest.approx(alone.score)
    assert read_crisis.phrases


def test_the_second_reading_asks_the_readers_alone_as_the_whole_reading_scores_them():
    reader = random_reader(seed=5)
    head = HEAD.__class__(**{**HEAD.__dict__, "info": {"reader_weight": 1.0}})
    text = "Chest pain on the stairs, gone after I sat down. Nurse said it was a panic attack."
    both = semantic_read(text, FeaturesDouble(), head, reader=reader, phrases=small_model())
    assert readers_entry_score(text, FeaturesDouble(), reader) == both.reader_score
    assert readers_entry_score("   ", FeaturesDouble(), reader) == 0.0
    assert readers_entry_score(text, FeaturesDouble(), None) is None


def test_the_words_that_weighed_are_shown_as_the_patient_wrote_them():
    model = words_model(deje_la=2.0, llave=1.0)
    assert model.words_for("Le DEJÉ la llave a mi vecina") == ("dejé la", "llave")


def test_the_shipped_files_keys_are_the_keys_of_its_terms():
    # load_phrases reads the stored keys, not the terms: they must be the same terms.
    from apps.safety.detectors.phrases import BLOCKS, term_keys

    with np.load(semantic_model.PHRASES_PATH, allow_pickle=False) as data:
        for name in BLOCKS:
            listed = str(data[f"{name}_terms"]).split("\n")
            assert len(listed) > 1000
            assert np.array_equal(data[f"{name}_keys"], term_keys(listed))
            assert len(data[f"{name}_idf"]) == len(listed) == len(data[f"{name}_weights"])


def test_a_contraction_is_shown_whole_and_its_pieces_are_never_named_alone():
    model = words_model(it_s=3.0, s_for=2.5, know=1.0, don_t=2.0, cope=1.5)
    # "it s" and "s for" are a contraction's piece with function words: not named.
    assert model.words_for("I know what it’s for.") == ("know",)
    # A pair across an apostrophe is shown as the patient wrote it.
    assert model.words_for("I DON'T cope") == ("don't", "cope")


def test_a_term_not_found_in_the_text_is_shown_as_it_is():
    from apps.safety.detectors.phrases import as_written

    assert as_written("Le DEJÉ la llave", "deje la") == "dejé la"
    assert as_written("nothing here", "the pills") == "the pills"


def test_two_pairs_written_in_a_row_are_named_once_as_one_passage():
    model = words_model(ya_escribi=3.0, escribi_la=2.5, carta=2.0, mochila=1.0)
    assert model.words_for("Ya escribí la carta. Está en mi mochila.") == (
        "ya escribí la",
        "carta",
        "mochila",
    )


def test_two_pairs_that_share_a_word_in_two_places_are_named_apart():
    model = words_model(ya_escribi=3.0, escribi_la=2.5)
    # "escribí la" is not written after "ya escribí" here: two passages, two names.
    assert model.words_for("Ya escribí. Luego escribí la lista.") == ("ya escribí", "escribí la")
