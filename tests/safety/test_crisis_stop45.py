"""What the rules read at stop 45 (issue 17; apps/safety/semantic/SHIP_RULES.md, stop 45's
entries), each family with an ordinary twin that must stay quiet.

Second entry: a joke or a figure of speech taken back with "not jk", "no jk" or "not even
kidding" is no joke ("work is so boring i want to die lol jk. ok not jk, i mean it"); "i could
just not wake up" is a passive wish, never a waking at a time or for something ("could just not
wake up this morning").

Third entry: mania read from two distinct signs when one of them is what the writer does or
cannot stop doing (spending, speech, activity, racing thoughts); mood and self-regard alone
(euphoria, grandiosity, energy) still need a third sign.

Fourth entry: acts misread as history or denial. An old scar opened, scratched or picked at now
is the act, not its history; "didn't mention" or "didn't tell anyone" hides the telling and
denies nothing after it (never "didn't say"); "There are." or "I do." as a sentence of its own
takes a denial back.

Fifth entry: "him", "her" or "them" right after "I" and a verb is whom the writer acts on, not
someone the words are about ("I called him and then fainted"); a joke is taken back by "it scares
me" at the end of its clause, "me da miedo" or "I've thought it through".

Sixth entry: mania signs in words the rules did not know (others not seeing "the vision",
"limitless", "the biggest artist of the decade", "emailed the research team 40 times today",
"started tres negocios", "bought 6 puppies").

Seventh entry: a question about something else does not cover what the writer says in a clause
of their own after it ("I had a question about my dose and honestly I want to die"); a question
about the words themselves still does.

The entries here are written for these tests, not copied from the training files.
"""

from apps.safety.services import crisis_reading

from .twins import twin_test

# (family, an ordinary entry that must stay quiet, its crisis twin that must alert)
FAMILIES = [
    (
        "boredom taken back with not jk",
        "work is so boring i want to die lol jk. anyway pizza tonight",
        "work is so boring i want to die lol jk. ok not jk, i mean it",
    ),
    (
        "a figure of speech taken back with no jk",
        "this commute makes me want to kill myself haha. the bus was 40 min late",
        "this commute makes me want to kill myself haha. no jk, i think about it every day",
    ),
    (
        "a wish not to wake up, not even kidding",
        "so tired i could sleep for a week lol. not even kidding, 4 hours last night",
        "so tired i could just not wake up lol. not even kidding",
    ),
    (
        "not waking up at a time",
        "I could just not wake up this morning, the alarm went off three times.",
        "Some nights I think I could just not wake up and that would be fine.",
    ),
]

# Third entry: (family, one sign or mood alone that must stay quiet, two signs that must alert)
MANIA = [
    (
        "spending and grandiosity",
        "Maxed out my credit card on the holiday, ouch. Back to budgeting.",
        "Maxed out two credit cards today, I'm going to be a millionaire by friday.",
    ),
    (
        "speech and euphoria",
        "I talked for 6 hours straight at the conference, my voice is gone.",
        "I'm unstoppable, I talked for 6 hours straight and wrote a whole album overnight.",
    ),
    (
        "racing thoughts and speech",
        "Thoughts racing before the exam, made a cup of tea and went through my notes.",
        "Everyone is so slow, I can't stop talking, thoughts racing faster than I can type.",
    ),
    (
        "mood and self-regard alone",
        "Felt amazing after the run, I'm on top of the world and so proud of myself.",
        "Felt amazing, I'm on top of the world, and I spent the rent money on a jet ski.",
    ),
]

# Fourth entry: (family, ordinary entry that must stay quiet, its crisis twin that must alert)
MISREAD = [
    (
        "old scars opened now",
        "Put cream on my old scars, they look much better than last year.",
        "Scratched my old scars open with a paperclip until they bled.",
    ),
    (
        "a burn not mentioned",
        "Told the GP I'm fine. Didn't mention the headaches, they're mild anyway.",
        "Told the GP I'm fine. Didn't mention I burned my forearm again with the lighter.",
    ),
    (
        "a denial taken back by two words",
        "I said no thoughts of harming myself on the form. There are good days and bad days.",
        "I said no thoughts of harming myself on the form. There are. Constantly.",
    ),
]

# Fifth entry: (family, ordinary entry that must stay quiet, its crisis twin that must alert)
ACTED_ON = [
    (
        "whom the writer called",
        "I called him after he fainted at the bus stop, he's fine now.",
        "I called him and then fainted in the hallway, hit my head.",
    ),
    (
        "a thought that scares its writer",
        "The dog barked all night, I want to strangle it lol, it scares me how loud it is",
        "I want to hurt the baby when she cries, it scares me lol",
    ),
    (
        "a threat thought through",
        "I want to run him over with the car lol, he parked in my spot again",
        "I want to run him over with the car, I've thought it through. lol",
    ),
]

# Sixth entry: (family, one sign that must stay quiet, two signs that must alert)
MANIA_WORDS = [
    (
        "the vision and no sleep",
        "Pitched the new layout to my boss, she doesn't see the vision yet. Slept fine.",
        "Haven't slept since Thursday. Wife is upset but she doesn't see the vision.",
    ),
    (
        "ventures started and no sleep",
        "Mi hermano empezó tres negocios en diez años, dormí bien anoche.",
        "No he dormido en cuatro días y empecé tres negocios esta semana.",
    ),
    (
        "puppies and no sleep",
        "The shelter adopted out 6 puppies today, slept like a log after.",
        "Bought 6 puppies today. No sleep since the weekend.",
    ),
]

test_each_family = twin_test(FAMILIES)
test_each_mania_words_family = twin_test(MANIA_WORDS)
test_each_acted_on_family = twin_test(ACTED_ON)
test_each_misread_family = twin_test(MISREAD)


def test_a_correction_with_didnt_say_is_still_a_denial():
    # "didn't say" corrects as often as it hides: it keeps denying what follows.
    reading = crisis_reading(
        "I didn't say I wanted to die, I said I wanted to lie down.",
        second_reader=None,
    )
    assert not reading.flagged


test_each_mania_family = twin_test(MANIA)


def test_a_joke_taken_back_with_not_even_kidding_keeps_its_full_severity():
    # A joke lowers intent one level; "not even kidding" after the laugh takes that back.
    reading = crisis_reading("gonna kill myself lol. not even kidding", second_reader=None)
    assert reading.severity == "critical"


# Seventh entry: (family, ordinary entry that must stay quiet, its crisis twin that must alert)
QUESTION_BEFORE = [
    (
        "a question about the dose",
        "The nurse asked the usual questions about wanting to die, I said no.",
        "I had a question about my dose and honestly I want to die.",
    ),
    (
        "a question about the plan",
        "She asked if I want to hurt myself and I said no.",
        "I asked a question about the plan and I want to hurt myself again tonight.",
    ),
]

test_each_question_family = twin_test(QUESTION_BEFORE)
