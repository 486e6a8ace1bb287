"""The shape every family test of the rules' false alarms shares (stops 38 on): an ordinary
entry that must stay quiet, and its crisis twin, with the same words, that must alert."""

import pytest

from apps.safety.services import crisis_reading


def twin_test(families):
    """A test over (family, ordinary entry, crisis twin) triples, one case per family."""

    @pytest.mark.parametrize(
        ("family", "ordinary", "crisis"), families, ids=[f[0] for f in families]
    )
    def test_the_ordinary_entry_stays_quiet_and_its_crisis_twin_alerts(family, ordinary, crisis):
        assert not crisis_reading(ordinary).flagged, family
        assert crisis_reading(crisis).flagged, family

    return test_the_ordinary_entry_stays_quiet_and_its_crisis_twin_alerts


def everyday_test(sentences):
    """A test over everyday sentences that explain words near them: beside each, every known
    crisis of the property tests must still be found (stop 41's check, one case per sentence)."""

    @pytest.mark.parametrize("everyday", sentences)
    def test_no_everyday_sentence_beside_a_known_crisis_hides_it(everyday):
        hidden = crises_hidden_beside(everyday)
        assert not hidden, hidden[:5]

    return test_no_everyday_sentence_beside_a_known_crisis_hides_it


def crises_hidden_beside(everyday: str) -> list[str]:
    """Every known crisis of the property tests that the rules read alone but no longer read
    with `everyday` written before or after it (stop 41's check of entry-wide explanations)."""
    return _hidden(lambda crisis: (f"{crisis} {everyday}", f"{everyday} {crisis}"))


def _hidden(entries_with) -> list[str]:
    """The entries made from each known crisis of the property tests that the rules read alone
    (by `entries_with(crisis)`) in which the rules no longer read it."""
    from apps.safety.detectors.crisis import crisis_matches
    from apps.safety.services import crisis_lexicon

    from .test_crisis_properties import CRISES

    lexicon = crisis_lexicon()
    hidden = []
    for crisis in CRISES:
        crisis = crisis if crisis[-1] in ".!?" else crisis + "."
        if not crisis_matches(crisis, lexicon):
            continue
        hidden += [entry for entry in entries_with(crisis) if not crisis_matches(entry, lexicon)]
    return hidden


def opening_test(openings):
    """A test over everyday openings of a sentence: after each, in the same sentence, every
    known crisis of the property tests must still be found (stop 48's probe: a laugh or a
    denial earlier in the sentence must not reach words it is not about)."""

    @pytest.mark.parametrize("opening", openings)
    def test_no_everyday_opening_of_its_sentence_hides_a_known_crisis(opening):
        hidden = crises_hidden_after(opening)
        assert not hidden, hidden[:5]

    return test_no_everyday_opening_of_its_sentence_hides_a_known_crisis


def crises_hidden_after(opening: str) -> list[str]:
    """Every known crisis of the property tests that the rules read alone but no longer read
    when written after `opening` in the same sentence ("Haha the bus was late, and I'm scared
    I'll hurt my baby.")."""
    return _hidden(lambda crisis: (f"{opening} {crisis[0].lower()}{crisis[1:]}",))


def frame_test(frames):
    """A test over frames around a known crisis ("I told my therapist "{crisis}"", "slept bad /
    {bare} / took dose": `bare` without its full stop): in each, every known crisis of the
    property tests must still be found (stop 49: the writer's own words in quotes are the
    writer's; a slash, a bracket or an emoji ends a sentence as a full stop does)."""

    @pytest.mark.parametrize("frame", frames)
    def test_no_frame_around_a_known_crisis_hides_it(frame):
        def framed(crisis):
            lowered = f"{crisis[0].lower()}{crisis[1:]}"
            return (frame.format(crisis=lowered, bare=lowered.rstrip(".!?")),)

        hidden = _hidden(framed)
        assert not hidden, hidden[:5]

    return test_no_frame_around_a_known_crisis_hides_it


def mishap_test(mishaps, bare_wish_rules):
    """A test over mishaps, which explain a bare death wish beside them by design (stop 46):
    beside each, every other known crisis of the property tests (one read by more than the rules
    in `bare_wish_rules`) must still be found, before it and after it."""

    @pytest.mark.parametrize("mishap", mishaps)
    def test_a_mishap_beside_a_known_crisis_hides_nothing_but_a_bare_death_wish(mishap):
        from apps.safety.detectors.crisis import crisis_matches
        from apps.safety.services import crisis_lexicon

        from .test_crisis_properties import CRISES

        lexicon = crisis_lexicon()
        hidden = []
        for crisis in CRISES:
            crisis = crisis if crisis[-1] in ".!?" else crisis + "."
            rules = {match.rule for match in crisis_matches(crisis, lexicon)}
            if not rules or rules <= bare_wish_rules:
                continue
            hidden += [
                entry
                for entry in (f"{crisis} {mishap}", f"{mishap} {crisis}")
                if not crisis_matches(entry, lexicon)
            ]
        assert not hidden, hidden[:5]

    return test_a_mishap_beside_a_known_crisis_hides_nothing_but_a_bare_death_wish
