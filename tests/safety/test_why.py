"""An entry as the clinician reads it beside a finding: the sentence highlighted, the
words marked more strongly inside it, and why in words (apps/safety/why.py)."""

from apps.safety.categories import KINDS
from apps.safety.services import evaluate_checkin
from apps.safety.why import SENTENCE_CLASS, WORDS_CLASS, private_words, read_entry

SENTENCE = f'<mark class="{SENTENCE_CLASS}">'


def spans_of(text):
    (finding,) = [f for f in evaluate_checkin(mood=5, text=text) if f.rule == "crisis_language"]
    return finding.as_evidence()["spans"]


def words(label, matched):
    return f'<mark class="{WORDS_CLASS}" title="{label}">{matched}</mark>'


def test_the_sentence_is_highlighted_and_the_words_marked_inside_it():
    text = "Work was long. Honestly I want to kill myself tonight. Made soup."
    reading = read_entry(text, spans_of(text))
    assert reading.html == (
        "Work was long. "
        + SENTENCE
        + "Honestly I want to "
        + words(KINDS["suicidal"], "kill myself")
        + " tonight.</mark> Made soup."
    )
    (reason,) = reading.reasons
    assert reason.kinds == [KINDS["suicidal"]]
    assert "Honestly I want to" in reason.sentence and "Made soup" not in reason.sentence
    assert not reading.stale


def test_why_names_the_kind_in_words_never_the_key():
    text = "Everything is grey. I wish I could go to sleep and not wake up."
    reading = read_entry(text, spans_of(text))
    assert reading.reasons[0].kinds == [KINDS["suicidal_passive"]]
    assert "suicidal_passive" not in reading.html and "not-wake-up" not in reading.html


def test_the_entry_is_escaped_around_and_inside_the_marks():
    text = "<b>hi</b> & bye. I want to <i>kill myself</i>."
    spans = [{"start": 30, "end": 41, "matched": "kill myself", "category": "suicidal"}]
    assert text[30:41] == "kill myself"
    html = read_entry(text, spans).html
    assert "<b>" not in html and "&lt;b&gt;hi&lt;/b&gt; &amp; bye." in html
    assert "I want to &lt;i&gt;" + words(KINDS["suicidal"], "kill myself") + "&lt;/i&gt;." in html


def test_an_entry_edited_after_the_alert_marks_nothing_wrong():
    spans = [{"start": 18, "end": 29, "matched": "kill myself", "category": "suicidal"}]
    reading = read_entry("Now it says I am totally fine today.", spans)
    assert "<mark" not in reading.html and reading.reasons == []
    assert reading.stale


def test_a_span_the_entry_still_holds_is_marked_beside_one_it_lost():
    text = "Fine. I want to kill myself."
    spans = [
        {"start": 16, "end": 27, "matched": "kill myself", "category": "suicidal"},
        {"start": 0, "end": 4, "matched": "gone", "category": "suicidal_passive"},
    ]
    reading = read_entry(text, spans)
    assert reading.stale and len(reading.reasons) == 1
    assert reading.html.startswith("Fine. " + SENTENCE)


def test_overlapping_and_malformed_spans_do_not_break_the_page():
    text = "I want to kill myself."
    spans = [
        {"start": 10, "end": 21, "matched": "kill myself", "category": "suicidal"},
        {"start": 15, "end": 21, "matched": "myself", "category": "suicidal"},
        {"start": "x", "end": None, "matched": "?", "category": "suicidal"},
        {},
    ]
    reading = read_entry(text, spans)
    assert reading.html.count("<mark") == 2  # the sentence and one match
    assert read_entry(None, spans).html == ""


def test_two_sentences_each_say_why():
    text = "I cut myself again last night. Slept. I have the pills ready to take them all."
    reading = read_entry(text, spans_of(text))
    assert len(reading.reasons) == 2
    assert reading.reasons[0].kinds == [KINDS["self_harm"]]
    assert "Slept." not in "".join(r.sentence for r in reading.reasons)


def test_a_private_entry_gives_only_the_words_and_their_kind():
    spans = [
        {"start": 9, "end": 20, "matched": "kill myself", "category": "suicidal", "term": "x"},
        {"start": 9, "end": 20, "matched": "kill myself", "category": "suicidal", "term": "x"},
    ]
    assert private_words(spans) == [("kill myself", KINDS["suicidal"])]
