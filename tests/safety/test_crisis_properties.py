"""Properties of the crisis detector that must hold for any text at all."""

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from apps.safety.detectors import crisis
from apps.safety.detectors.crisis import crisis_matches
from apps.safety.detectors.normalize import normalize
from apps.safety.rules import crisis_lexicon

from .test_crisis_generalisation import NEW_CRISES
from .test_crisis_language import EXTRA_CRISES, dev_rows

SETTINGS = settings(
    max_examples=200,
    deadline=None,  # the first example compiles the lexicon
    suppress_health_check=[HealthCheck.too_slow],
)

# Words that matter to the lexicon, and words that do not, to build texts that
# come near the rules far more often than random characters would.
LEXICON_WORDS = sorted(
    set(re.findall(r"[a-z']{2,}", " ".join(source for _, source in crisis_lexicon().alternatives)))
)
TEXT_PIECES = st.one_of(
    st.sampled_from(LEXICON_WORDS),
    st.sampled_from(["i", "my", "not", "no", "but", "years ago", "my dad", "a bit", "it passed"]),
    st.sampled_from([".", ",", "!", "?", "\n", " ", "'", "-", ":"]),
    st.text(max_size=3),
)
NEAR_MISS_TEXT = st.lists(TEXT_PIECES, max_size=40).map(" ".join)
ANY_TEXT = st.one_of(
    st.text(),  # any unicode, no lone surrogates
    st.text(st.characters(codec="utf-8", categories=["Cc", "Cf", "Zs", "Mn", "Lo"])),
    NEAR_MISS_TEXT,
)

CRISES = (
    [param.values[0] for param in dev_rows("1")]
    + [text for text, _ in EXTRA_CRISES]
    + [text for text, _ in NEW_CRISES]  # issue 17: wording the rules were not written from
)
BLAND = [
    "Today was long.",
    "Work was busy.",
    "I had tea with a friend.",
    "The weather was grey.",
    "Ate toast for breakfast.",
    "Took the bus into town.",
    "Watched a film in the evening.",
    "Mood about a 5.",
]


def check_offsets(text, found):
    for match in found:
        assert 0 <= match.start < match.end <= len(text)
        assert text[match.start : match.end] == match.matched


@SETTINGS
@given(ANY_TEXT)
def test_no_text_crashes_it_and_every_offset_points_into_the_original(text):
    found = crisis_matches(text, crisis_lexicon(), include_dropped=True)
    check_offsets(text, found)
    assert all(m.severity in ("critical", "high", "moderate") for m in found)


@SETTINGS
@given(ANY_TEXT)
def test_the_same_text_always_gives_the_same_answer(text):
    first = crisis_matches(text, crisis_lexicon(), include_dropped=True)
    second = crisis_matches(text, crisis_lexicon(), include_dropped=True)
    assert first == second


@SETTINGS
@given(ANY_TEXT)
def test_normalising_twice_changes_nothing_more(text):
    once = normalize(text).text
    assert normalize(once).text == once


@SETTINGS
@given(ANY_TEXT, st.data())
def test_any_span_of_the_normalised_text_maps_back_inside_the_original(text, data):
    normalized = normalize(text)
    if not normalized.text:
        return
    start = data.draw(st.integers(0, len(normalized.text) - 1))
    end = data.draw(st.integers(start + 1, len(normalized.text)))
    original_start, original_end = normalized.original_span(start, end)
    assert 0 <= original_start < original_end <= len(text)


@SETTINGS
@given(
    st.sampled_from(CRISES),
    st.lists(st.sampled_from(BLAND), max_size=4),
    st.lists(st.sampled_from(BLAND), max_size=4),
    st.sampled_from(["", "Honestly, ", "Ugh, ", "So, "]),
)
def test_bland_sentences_around_a_crisis_do_not_hide_it(sentence, before, after, lead):
    if sentence[-1] not in ".!?":
        sentence += "."
    text = " ".join([*before, lead + sentence, *after])
    found = crisis_matches(text, crisis_lexicon())
    assert found, text
    check_offsets(text, found)


def reference_candidates(folded, lexicon):
    """The slow, obvious way: one alternation per category, most severe first,
    scanned with finditer."""
    found = []
    categories = {}
    for rule, source in lexicon.alternatives:
        categories.setdefault(rule.category, []).append((rule, source))
    for category, alternatives in categories.items():
        groups = "|".join(f"(?P<r{n}>{source})" for n, (_, source) in enumerate(alternatives))
        pattern = crisis._compile(groups, category)
        for hit in pattern.finditer(folded):
            found.append((hit.start(), hit.end(), alternatives[int(hit.lastgroup[1:])][0]))
    return sorted(found, key=lambda h: (h[2].category, h[0]))


@SETTINGS
@given(st.one_of(NEAR_MISS_TEXT, st.sampled_from(CRISES)))
def test_looking_up_rules_by_their_first_words_finds_what_a_full_scan_finds(text):
    lexicon = crisis_lexicon()
    folded = normalize(text).text
    fast, _ = crisis._candidates(folded, lexicon)
    assert [(s, e, r.id) for s, e, r in fast] == [
        (s, e, r.id) for s, e, r in reference_candidates(folded, lexicon)
    ]


@pytest.mark.parametrize("size", [200_000, 1_000_000])
def test_a_huge_text_is_scanned_and_its_crises_found(size):
    bland = " ".join(BLAND) + " "
    text = bland * (size // len(bland)) + "I want to kill myself." + bland * 3
    found = crisis_matches(text, crisis_lexicon())
    assert [m.matched for m in found] == ["kill myself"]
    check_offsets(text, found)


def test_control_characters_and_markup_are_only_noise():
    text = "\x00\x07<b>I want to\x1b kill myself</b>\u202e\ufeff" + "\x00" * 1000
    [match] = crisis_matches(text, crisis_lexicon())
    assert match.matched == "kill myself"
    assert crisis_matches("\u202e\u0000🙂" * 1000, crisis_lexicon()) == []
