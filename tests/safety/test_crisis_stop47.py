"""What the rules read at stop 47 (issue 17; apps/safety/semantic/SHIP_RULES.md, stop 47's
entries), each family with an ordinary twin that must stay quiet and a crisis twin that must alert.

First entry (round41-train-journals-k): someone else telling the writer they will hurt nobody (a
driving instructor); a test or a doctor that explained chest pain ("they did an x-ray, just
bronchitis"; "said it's just the muscles"), never when the pain spreads or the writer sweats;
idioms ("looked like I was having a seizure waving my arms", traffic that "would give anybody
chest pain", nearly killed slipping); a faint only feared that did not come; a sentence dated by a
next sentence that is a date alone ("Four years ago."); a panic attack told as last month's;
someone else who fainted named in Spanish after an English article ("a señora"); and the miss: a
pet handed to someone beside letters finished, or beside "won't need to worry anymore".

The entries here are written for these tests, not copied from the training files.
"""

import pytest

from .twins import crises_hidden_beside, twin_test

# (family, an ordinary entry that must stay quiet, its crisis twin that must alert)
FIRST = [
    (
        "someone else says the writer will hurt nobody",
        "Second driving lesson. My instructor told me I'm not going to kill anyone at 10 mph.",
        "Second driving lesson. My instructor told me I'm not going to kill anyone, but I keep "
        "thinking about hurting my stepdad when I get home.",
    ),
    (
        "an x-ray that explained chest pain",
        "My chest hurts when I cough, went to urgent care and they did an x-ray, just bronchitis.",
        "My chest hurts when I cough, they did an x-ray last week, just bronchitis, but now the "
        "pain is spreading to my left arm and I'm sweating.",
    ),
    (
        "a doctor who said it was the muscles",
        "Con esta tos tengo un dolor en el pecho, the doctor listened to my lungs and said it's "
        "just the muscles from coughing.",
        "Con esta tos tengo un dolor en el pecho, the doctor said it's just the muscles, pero "
        "ahora me baja al brazo izquierdo.",
    ),
    (
        "looked like having a seizure while waving",
        "Chased the goats for an hour, my neighbour said I looked like I was having a seizure "
        "waving my arms.",
        "My neighbour said I looked like I was having a seizure, I was shaking on the floor and "
        "can't remember it.",
    ),
    (
        "traffic that would give anybody chest pain",
        "Driving a bus in this city would give anybody chest pain. Good shift though.",
        "Driving the bus today I got chest pain going into my jaw and had to pull over.",
    ),
    (
        "nearly killed slipping",
        "Mopped the kitchen and nearly killed myself slipping on it. All good, just a bruise.",
        "Mopped the kitchen and nearly killed myself tonight with the pills from the cabinet.",
    ),
    (
        "a faint feared that did not come",
        "The boat was so rough I thought I'd pass out, but I was fine once we docked.",
        "The boat was so rough I passed out twice and hit my head, still dizzy.",
    ),
    (
        "a sentence dated by a date alone",
        "On the ward I was hearing voices and sure the cleaners were spies. Six years ago. I'm "
        "proud of how far I've come.",
        "On the ward I was hearing voices and sure the cleaners were spies. Six years ago. "
        "They're back this week.",
    ),
    (
        "a panic attack told as last month's",
        "Last month I had a panic attack on the bus and thought I couldn't breathe. Today I rode "
        "it again and I was fine.",
        "Last month I had a panic attack on the bus. Today I can't breathe and my lips look blue.",
    ),
    (
        "someone else who fainted, named in Spanish",
        "At church a señora fainted during the long mass, the ushers gave her water and she was "
        "fine.",
        "At church I fainted during the long mass and hit my head on the pew, still confused.",
    ),
    (
        "a pet handed over beside finished letters",
        "Finished the letters to the bank and gave my dog to my sister for the weekend while I "
        "travel.",
        "Finished the letters and gave my dog to my sister this afternoon. Everything is tidy.",
    ),
    (
        "a pet handed over, and no one will need to worry",
        "Gave my cat to my neighbour for the week. Mom won't have to worry anymore, the loan came "
        "through.",
        "Gave my cat to my neighbour this morning. The kids won't have to worry about me anymore.",
    ),
]

test_each_first_entry_family = twin_test(FIRST)

# Everyday sentences of this stop that explain words anywhere in an entry: beside each, every
# known crisis of the property tests must still be found.
EVERYDAY = [
    "My chest hurt from the cough, they did an x-ray, just bronchitis.",
    "The doctor listened to my lungs and said it's just the muscles.",
]


@pytest.mark.parametrize("everyday", EVERYDAY)
def test_no_everyday_sentence_of_this_stop_beside_a_known_crisis_hides_it(everyday):
    hidden = crises_hidden_beside(everyday)
    assert not hidden, hidden[:5]
