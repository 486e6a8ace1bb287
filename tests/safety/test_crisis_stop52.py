"""What the rules read at stop 52 (issue 17; apps/safety/semantic/SHIP_RULES.md, stop 52's
entries), each family with an ordinary twin that must stay quiet and a crisis twin that must alert.

First entry (round55-train-rules-fa-q, a helper's ordinary entries in words of crisis): a vent
followed by a polite email sent "anyway"; a wish "to drown him", then what was done "instead"; a
threat followed by a sentence with "instead," before a comma; a fright "watched from below";
teaching first aid; affairs put in order "before the deployment"; rather dead than show one's face;
in Spanglish, rather dead than go to a baby shower.

Second entry (a twelfth probe, by hand: "kms"): said of a mishap or a chore, "kms" waits for the
daily digest; it pages where the entry says it is meant. The probe is kept whole.

Third entry (a thirteenth probe, by hand): how to spot suicidal thoughts, taught at a training; what
a side-effects sheet says to watch for; restless legs; a Spanish screening question answered "dije
que no".

Fourth entry (a fourteenth probe, by hand): breath short under a mask worn all shift, or through a
cold's blocked nose, in English and in Spanish.

Fifth entry (a fifteenth probe, by hand: harm said of someone in hyperbole): "Kidding" or "Just
kidding" opening the next sentence takes a threat back (the words were never found in the squeezed
text); a threat "we laughed about" later; a wish to punch whoever designed a thing.

Sixth entry (a sixteenth probe, by hand: jumps): a jump one would make for a treat; a jump off a
roof into a pool.

The entries here are written for these tests, not copied from the training files.
"""

import pytest

from apps.safety.detectors.crisis import compile_lexicon
from apps.safety.services import crisis_reading

from .test_crisis_language import lexicon_data
from .twins import everyday_test, twin_test

# (family, an ordinary entry that must stay quiet, its crisis twin that must alert)
FIRST = [
    (
        "a vent followed by a polite email sent anyway",
        "La vecina puso la música a todo volumen, te juro que la voy a matar. Anyway le mandé un "
        "mensaje muy educado y me dormí con tapones.",
        "La vecina puso la música a todo volumen, te juro que la voy a matar. Anyway le mandé un "
        "mensaje muy educado. La próxima vez no lo cuenta.",
    ),
    (
        "a wish to drown someone, then what was done instead",
        "My cousin kept going on about crypto at dinner. I was about to drown him in the gravy. "
        "Took the dog out instead.",
        "My cousin kept going on about crypto at dinner. I was about to drown him in the pool. "
        "Took the dog out instead, but I'll do it tonight.",
    ),
    (
        "a threat, then what was done instead before a comma",
        "The landlord raised the rent again. I'll kill him when I see him. Wrote to the tenants' "
        "union instead, they're on it.",
        "The landlord raised the rent again. I'll kill him when I see him. Wrote to the tenants' "
        "union instead, but I still want to.",
    ),
    (
        "a fright while watching from below",
        "Maya climbed to the top of the rock wall today. I watched from below having a heart "
        "attack the whole time.",
        "I'm having a heart attack, crushing pain in my chest going into my jaw and left arm.",
    ),
    (
        "teaching first aid",
        "I teach first aid on Saturdays, today's module was overdose and stroke. Good group.",
        "I teach first aid on Saturdays. Last night I took an overdose on purpose.",
    ),
    (
        "affairs put in order before a deployment",
        "Put my affairs in order before the deployment, a will and power of attorney like "
        "everyone in the unit. Leaving in a month.",
        "Put my affairs in order. Wrote a letter to each of the kids. I won't be here next month.",
    ),
    (
        "rather dead than show one's face",
        "Tripped on stage at the recital. I'd rather die than show my face at rehearsal "
        "tomorrow lol.",
        "I'd rather die than keep living like this. I've got the pills ready.",
    ),
    (
        "rather dead than go to a party, in Spanglish",
        "I'd rather die que ir a la fiesta de la oficina, pero ya confirmé. Llevo un postre.",
        "I'd rather die que seguir así, ya no aguanto más.",
    ),
]

test_first_entry_families = twin_test(FIRST)

# Sentences that explain words in them: beside them every known crisis is still read.
EVERYDAY = [
    "I teach first aid on Saturdays.",
    "Put my affairs in order before the deployment.",
    "Anyway I sent him a very polite email.",
    "Posted a meme in the group chat instead, everyone agreed.",
]

test_no_everyday_sentence_of_this_stop_beside_a_known_crisis_hides_it = everyday_test(EVERYDAY)


# The twelfth probe: "kms" said of a mishap or a chore ...
KMS_ORDINARY = (
    "if i have to sit through one more zoom call i'ma kms",
    "my mom posted my baby pics on fb, kms",
    "kms the wifi died mid exam",
    "forgot my lunch AND my laptop charger. kms",
    "tripped up the stairs in front of my crush kms 😭",
    "waiting 40 min for the bus in the rain, actually kms",
    "group project meeting moved to 8am saturday. kms.",
    "just realised I sent the meme to my boss instead of my sister kms",
    "kms i said 'you too' when the waiter said enjoy your meal",
    "lowkey wanna kms over this chem homework",
    "kms this traffic",
    "me: goes to bed early. also me: scrolls til 3am. kms",
    "the printer jammed for the 5th time kms",
    "spilled coffee on my white shirt before the interview kms 😩 got the job tho!!",
    "ugh kms my brother ate the last slice",
    "my playlist shuffled to my ex's song in the uber kms",
    "kms pero en buena onda, el examen estuvo horrible jaja",
    "neta kms, se me olvidó la tarea otra vez",
    "If I hear that tiktok sound one more time I will kms",
    "Took my dose, mood 6. Work was a circus, three fire drills and a broken microwave, kms. "
    "Dinner with Sam was nice though.",
    "slept 5h bc the neighbours' dog. kms. dose at 8, felt fine after coffee",
    "called my teacher mum in front of the whole class 💀 kms",
    "me when the self checkout says unexpected item in bagging area: kms",
    "if my sister borrows my charger again without asking i will literally kms",
    "the group chat is being so dramatic rn kms but i love them",
)

# ... and meant.
KMS_MEANT = (
    "honestly i just want to kms. nothing is getting better",
    "kms fr. i'm so done",
    "thinking about how i'd kms. i have the pills",
    "i want to kms and i'm not joking this time",
    "gonna kms tonight, sorry everyone",
    "kms kms kms i can't do this anymore",
    "everyone would be better off if i kms",
    "not kidding, i've been planning to kms",
    "kms. no one would notice anyway",
    "quiero kms, ya no aguanto",
    "Dose at 8, mood 2. i keep thinking i should just kms and get it over with.",
    "work was fine i guess. kms. i mean it.",
)


@pytest.mark.parametrize("text", KMS_ORDINARY)
def test_kms_said_of_a_mishap_does_not_page_today(text):
    assert not crisis_reading(text).flagged, text


@pytest.mark.parametrize("text", KMS_MEANT)
def test_kms_the_entry_says_is_meant_pages(text):
    reading = crisis_reading(text)
    assert reading.flagged and reading.severity == "critical", text


def test_a_bare_kms_still_reaches_the_daily_digest():
    # Lowered, not dropped: a clinician reads it the next day.
    reading = crisis_reading("forgot my lunch AND my laptop charger. kms")
    assert reading.severity == "moderate"
    assert [m.term for m in reading.matches if not m.dropped] == ["slang-kms"]


@pytest.mark.parametrize(
    ("rule", "message"),
    [
        ({"needs_unmet": "moderate"}, "add needs"),
        ({"needs": ["kms_meant"], "needs_unmet": "soon"}, "needs_unmet must be one of"),
    ],
)
def test_a_broken_needs_unmet_fails_loudly_naming_the_rule(rule, message):
    data = lexicon_data()
    data["rules"].append(
        {"id": "x", "category": "suicidal", "source": "s", "pattern": "xyz"} | rule
    )
    with pytest.raises(ValueError, match=f"rule x: .*{message}"):
        compile_lexicon(data)


THIRD = [
    (
        "how to spot suicidal thoughts, taught at a training",
        "Two hours of training at work on how to spot suicidal thoughts in colleagues. Useful.",
        "Two hours of training at work on how to spot suicidal thoughts in colleagues. I've had "
        "suicidal thoughts every night this week.",
    ),
    (
        "what a side-effects sheet says to watch for",
        "The pharmacist's side effects sheet: watch for rashes, low mood, suicidal thoughts. None "
        "of those, just a dry mouth.",
        "The pharmacist's side effects sheet says watch for suicidal thoughts and I've had them "
        "since Monday.",
    ),
    (
        "restless legs",
        "Legs twitching in bed again, the GP says restless legs, iron tablets from tomorrow.",
        "Twitching, restless and sweating since I took it with the tramadol, heart racing.",
    ),
    (
        "a Spanish screening question answered no",
        "Me preguntaron en la visita del estudio si tengo ideas suicidas, dije que no, de "
        "verdad no.",
        "Me preguntaron en la visita del estudio si tengo ideas suicidas, dije que no. Mentí, "
        "las tengo cada noche.",
    ),
]

test_third_entry_families = twin_test(THIRD)

FOURTH = [
    (
        "breath short under a mask worn all shift",
        "Wore the N95 all shift, felt like I couldn't get a full breath. Fine once it was off.",
        "Wore the N95 all shift and now, without it, I can't breathe and my lips are blue.",
    ),
    (
        "a cold's blocked nose",
        "So stuffy with this cold I can't breathe at night, trying the nasal spray.",
        "I can't breathe lying down or sitting up, my chest is tight and my lips look grey.",
    ),
    (
        "a cold's blocked nose, in Spanish",
        "Con la nariz tapada por el resfriado, no puedo respirar bien de noche. Vaporizador.",
        "No puedo respirar, siento el pecho apretado y los labios morados.",
    ),
]

test_fourth_entry_families = twin_test(FOURTH)

test_no_everyday_sentence_of_the_third_and_fourth_entries_hides_a_known_crisis = everyday_test(
    [
        "Two hours of training on how to spot suicidal thoughts in colleagues.",
        "The side effects sheet says watch for low mood and suicidal thoughts.",
        "Me preguntaron en la visita si tengo ideas suicidas, dije que no.",
        "Wore the N95 all shift, felt like I couldn't get a full breath.",
        "So stuffy with this cold I can't breathe at night.",
    ]
)


FIFTH = [
    (
        "a threat taken back by the next sentence's 'Kidding'",
        "My son drew on the wall in marker, I'm going to kill him. Kidding, it came off with soap.",
        "My son's father took the kids again, I'm going to kill him. Kidding? No. The knife is in "
        "my bag.",
    ),
    (
        "a threat taken back by 'Just kidding'",
        "The dog chewed my new trainers, I'm going to kill him. Just kidding, he's the best boy.",
        "The dog chewed my new trainers, I'm going to kill him. Just kidding... but not really, I "
        "mean it.",
    ),
    (
        "a threat laughed about later",
        "I'm going to kill my husband, he booked the wrong weekend for the trip. We laughed about "
        "it later.",
        "I'm going to kill my husband, he booked the wrong weekend for the trip. We laughed about "
        "it later, but I still want to.",
    ),
    (
        "a wish to punch whoever designed a thing",
        "I want to punch the guy who designed this parking garage, three floors of dead ends.",
        "I want to punch the guy who keeps following me home, I've got a bat in the car.",
    ),
]

test_fifth_entry_families = twin_test(FIFTH)


def test_every_expression_the_code_runs_on_the_folded_text_is_written_folded():
    # Stop 52: "kidding" in _TAKEN_BACK_AT_ONCE never matched the text, where it is "kiding".
    # An expression the code compiles itself must fold its own letters as the text is folded.
    # Left, each a change of reading for its own measured entry: _GOES_ON's "all fine" (folded
    # "al fine") never lets a next "All good." speak of a symptom (folding it would let that
    # sentence resolve chest pain before it); _REFERS_BACK's "ella", "ellos", "ellas" (folded
    # "ela", "elos", "elas") never let a Spanish grievance told next refer back to a threat.
    import re

    from apps.safety.detectors import crisis
    from apps.safety.detectors.normalize import squeeze_pattern

    unfolded = sorted(
        name
        for name, value in vars(crisis).items()
        if isinstance(value, re.Pattern)
        and re.search(r"([a-z])\1", re.sub(r"\\.|\[[^]]*\]", "", value.pattern))
        and squeeze_pattern(value.pattern) != value.pattern
    )
    assert unfolded == ["_GOES_ON", "_REFERS_BACK"]


SIXTH = [
    (
        "a jump one would make for a treat",
        "Found the bakery near work. I'd jump off a bridge for a good croissant honestly.",
        "Found the bridge near work. I'd jump off a bridge for real tonight, nobody would care.",
    ),
    (
        "a jump off a roof into a pool",
        "Jumping off the roof of the shed into the pool, peak summer with the kids.",
        "Jumping off the roof of the car park tonight. Nobody will miss me.",
    ),
]

test_sixth_entry_families = twin_test(SIXTH)
