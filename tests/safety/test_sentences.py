"""Sentence bounds for "why, to the sentence" (apps/safety/detectors/sentences.py)."""

from hypothesis import given, settings
from hypothesis import strategies as st

from apps.safety.detectors.sentences import sentence_spans, sentences_around

TRIMMED = " \t\r\n\f\v\u00a0\u2028\u2029"


def around(text, *words):
    spans = [(text.index(w), text.index(w) + len(w)) for w in words]
    return [text[s:e] for s, e in sentences_around(text, spans)]


def test_a_match_is_widened_to_its_whole_sentence():
    text = "Work was fine. Then I thought I want to kill myself tonight. Dinner later."
    assert around(text, "kill myself") == ["Then I thought I want to kill myself tonight."]


def test_two_matches_in_one_sentence_give_one_region():
    text = "Slept ok. I have the pills and I plan to take them all. Bye."
    assert around(text, "the pills", "take them all") == [
        "I have the pills and I plan to take them all."
    ]


def test_matches_in_two_sentences_give_two_regions_in_order():
    text = "I can't go on. Work was ok. I want to disappear forever."
    assert around(text, "disappear forever", "can't go on") == [
        "I can't go on.",
        "I want to disappear forever.",
    ]


def test_a_match_running_over_a_full_stop_takes_both_sentences():
    text = "All fine. I can't. Not anymore. Tea."
    assert around(text, "can't. Not") == ["I can't. Not anymore."]


def test_a_line_break_ends_a_sentence_without_punctuation():
    text = "walked the dog\ni want to end it all\nmade soup"
    assert around(text, "end it all") == ["i want to end it all"]


def test_spanish_marks_start_a_sentence():
    text = "Hoy bien.¿Para qué seguir? ya no aguanto, quiero desaparecer para siempre"
    assert around(text, "desaparecer") == ["ya no aguanto, quiero desaparecer para siempre"]


def test_a_long_run_on_paragraph_highlights_only_its_piece():
    text = ", ".join(["went to work and came home and made dinner"] * 10)
    text += ", and then i want to kill myself, " + ", ".join(["watched tv"] * 10)
    (region,) = around(text, "kill myself")
    assert "kill myself" in region and len(region) <= 240


def test_spans_outside_the_text_or_empty_are_ignored():
    assert sentences_around("Short.", [(3, 3), (-1, 2), (4, 99)]) == []
    assert sentences_around("", [(0, 1)]) == []


@settings(max_examples=300, deadline=None)
@given(
    text=st.text(alphabet=st.sampled_from("ab .!?\n¿¡,;é…\t"), max_size=300),
    cuts=st.lists(st.tuples(st.integers(0, 300), st.integers(1, 40)), max_size=6),
)
def test_regions_are_valid_ordered_apart_and_cover_every_span(text, cuts):
    spans = [(start, start + length) for start, length in cuts if start + length <= len(text)]
    regions = sentences_around(text, spans)
    assert regions == sentences_around(text, spans)  # deterministic
    for start, end in regions:
        assert 0 <= start < end <= len(text)
    for (_, first_end), (second_start, _) in zip(regions, regions[1:], strict=False):
        assert first_end < second_start
    for start, end in spans:
        assert any(rs <= start and end <= re for rs, re in regions)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=400))
def test_sentences_are_trimmed_valid_and_in_order(text):
    spans = sentence_spans(text)
    position = 0
    for start, end in spans:
        assert position <= start < end <= len(text)
        assert text[start] not in TRIMMED and text[end - 1] not in TRIMMED
        position = end
