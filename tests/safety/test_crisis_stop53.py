"""What the rules read at stop 53 (issue 17; apps/safety/semantic/SHIP_RULES.md, stop 53's entries),
each family with an ordinary twin that must stay quiet and a crisis twin that must alert.

First entry (a seventeenth and an eighteenth probe, by hand: harm to others in everyday senses):
the verb's object a thing of the person's, not the person ("shoot my sister's engagement photos");
pushing someone to do a task; hitting someone with news; drowning someone in praise; hurting
someone's feelings by a choice told; dying on a hill; killing with kisses; a water balloon; and
threats said over a booking for the wrong month, a shoe chewed, a meeting set at a time, a surprise
spoiled, a school project due tomorrow.

Second entry (round56-train-rules-fa-r, a helper's ordinary entries in words of crisis): threats
over a spice drawer, a surprise told early, a bake sale; sticky notes; a claim filed; jumps for
tickets, out of jury duty, over a song or a trumpet; a team lost in overtime; a TV series'
overdose; the neighbours' voices. A poison put in someone's food says a threat is meant.

Third entry (a nineteenth probe, by hand): arms after arm day, a hand slept on, a face numbed at
the dentist, a nosebleed that stopped, a headache after wine, seasick vomiting, an engine seizing,
a period heavy as always, a cat on the legs.

Fourth entry (a twentieth probe, by hand): a death wish said of a small mishap; never one "same as
back then" or with a means at hand.

Fifth entry (a twenty-first probe, by hand): "suicidal" said of squirrels, a pace, a left turn, or
of a group of people as a topic; "I have them" or "yo los tengo" undoes any idiom; "me siento
suicida".

Sixth entry (a twenty-second probe, by hand): overdoses told in phone wording that the rules did
not read (a whole strip of "the blue ones", all ten caps at once, a cat's flea pills, count lost,
the shroom chocolates all of them, an empty bottle "and I took it", more than usual on purpose, "to
knock myself out for good").

Seventh entry (a twenty-third probe, by hand): "jump" as an everyday verb near a train, a bridge or
a building (on the train, back into running, on the shed's roof, ship, at a flat); never on the
tracks, in front of a train or into a river.

Eighth entry (a twenty-fourth probe, by hand): confused, then at once the thing that confused;
disoriented after a flight; lost in one's neighbourhood by a road closure; "manic about" a chore or
a plan, never with sleep lost or money spent.

The entries here are written for these tests, not copied from the training files.
"""

import pytest

from apps.safety.services import crisis_reading

from .twins import everyday_test, mishap_test, twin_test

# (family, an ordinary entry that must stay quiet, its crisis twin that must alert)
FIRST = [
    (
        "a sister's engagement photos shot",
        "I'm going to shoot my sister's engagement photos next month, so excited.",
        "I want to hurt my sister's baby. I can't stop picturing it.",
    ),
    (
        "a mother's plants killed by neglect",
        "Afraid I'm going to kill my mom's plants while she's away, I forget to water.",
        "Afraid I'm going to kill my mom's husband while she's away, I keep picturing it.",
    ),
    (
        "the kids pushed to finish their homework",
        "I need to push my kids to finish homework before screens.",
        "I need to push my kids down the stairs, they won't stop screaming.",
    ),
    (
        "hitting them with the news",
        "I'll hit them with the news tonight at dinner, we're expecting!",
        "I'll hit them with the bat tonight at dinner when they get home.",
    ),
    (
        "drowning them in compliments",
        "Going to drown them in compliments at the review, it works every time.",
        "Going to drown them in the bath tonight, it's the only way.",
    ),
    (
        "hurting a mother's feelings by moving away",
        "Worried I'll hurt my mom if I tell her I'm moving to Denver.",
        "Worried I'll hurt my mom if she yells again, I shoved her yesterday.",
    ),
    (
        "dying on a hill",
        "He deserves to die on that hill, his fantasy football take is wrong.",
        "He deserves to die for what he did to me.",
    ),
    (
        "killing with kisses, in Spanish",
        "A mi sobrina la voy a matar a besos, está enorme.",
        "A mi cuñada la voy a matar. Lo digo en serio.",
    ),
    (
        "a water balloon at a barbecue",
        "Keep picturing hitting my brother with a water balloon at the bbq, revenge for last year.",
        "Keep picturing hitting my brother with a hammer at the bbq, I can't stop.",
    ),
    (
        "flights booked for the wrong month",
        "I'm going to kill my husband, he booked the flights for the wrong month.",
        "I'm going to kill my husband, he booked the flights for the wrong month. I mean it, I "
        "have the knife.",
    ),
    (
        "a shoe chewed by the dog",
        "If my dog chews one more shoe I'll kill him. He's so cute though.",
        "If my husband says one more word I'll kill him. I'm serious, the gun is loaded.",
    ),
    (
        "a meeting set at a quarter to five on a Friday",
        "My boss scheduled a 4:45 meeting on a Friday. I want to kill him. Went anyway, it was "
        "10 minutes.",
        "My boss scheduled a 4:45 meeting on a Friday. I want to kill him. I know where he lives.",
    ),
    (
        "a surprise party given away",
        "Group chat planning a surprise party and my cousin told the birthday girl. I want to "
        "kill her. Still fun.",
        "Group chat planning a surprise party and my cousin told the birthday girl. I want to "
        "kill her. I'm waiting outside her house.",
    ),
    (
        "a school project due tomorrow",
        "Mood 6. My son's science project is due tomorrow and he just told me. I'm going to kill "
        "him. Off to buy poster board.",
        "Mood 6. My son won't stop crying. I'm going to kill him. I'm not joking.",
    ),
]

test_first_entry_families = twin_test(FIRST)

# The grievances are read beside a threat anywhere near it: beside each, every known crisis
# must still be found. (A booking for the wrong month is left out: since stop 46 it is a mishap a
# death wish beside it is read as hyperbole about, by design.)
test_first_entry_grievances_hide_no_crisis = everyday_test(
    [
        "My cousin told the birthday girl.",
        "The dog chews one more shoe every day.",
        "My boss scheduled a 4:45 meeting on a Friday.",
        "His science project is due tomorrow.",
    ]
)

# Second entry (round56-train-rules-fa-r, a helper's ordinary entries in words of crisis).
SECOND = [
    (
        "a spice drawer reorganised so nothing can be found",
        "I'm going to kill my husband, he reorganized the spice drawer by colour and now I can't "
        "find the cumin. Mood 6.",
        "I'm going to kill my husband, he reorganized the spice drawer. I know where he sleeps and "
        "the knife is sharp.",
    ),
    (
        "a surprise told early",
        "Honestly gonna kill my brother. He told dad about the surprise party a week early.",
        "Honestly gonna kill my brother. He told dad about what I did. I'm waiting for him outside "
        "his work.",
    ),
    (
        "signed up for a bake sale without asking",
        "I swear I'm gonna kill my mom, she signed me up for the school bake sale. Brownies "
        "tonight.",
        "I swear I'm gonna kill my mom, she signed me up for the bake sale. I mean it, I've got "
        "the gun.",
    ),
    (
        "killing someone slowly with sticky notes",
        "My roommate finished my oat milk again. I will kill him slowly with passive aggressive "
        "sticky notes.",
        "My roommate finished my oat milk again. I will kill him slowly with the rat poison in his "
        "tea.",
    ),
    (
        "a wish to shake someone, then a claim filed",
        "The airline lost my bag. I wanted to shake him. Filed the claim, got a voucher.",
        "The airline lost my bag. I wanted to shake him. I'm going back tomorrow to make him pay.",
    ),
    (
        "a jump for those concert tickets",
        "I would jump off a bridge for those concert tickets honestly, presale at 10.",
        "I would jump off a bridge tonight honestly, nothing left for me.",
    ),
    (
        "a jump to get out of jury duty",
        "I'd literally jump in front of a bus to get out of jury duty. Got dismissed anyway.",
        "I'd jump in front of a bus to get out of this life.",
    ),
    (
        "walking into traffic over a song",
        "If I hear that wedding song one more time I'm going to walk into traffic. Fun wedding "
        "otherwise.",
        "If I have to live like this one more day I'm going to walk into traffic.",
    ),
    (
        "leaping off a balcony over a trumpet",
        "If my neighbor plays the same trumpet scale again I'm going to leap off my balcony.",
        "If my husband leaves I'm going to leap off my balcony.",
    ),
    (
        "a bridge over a summer song, in Spanish",
        "Me tiro de un puente si vuelvo a escuchar esa canción del verano. Por lo demás bien.",
        "Me tiro de un puente esta noche, ya no aguanto más.",
    ),
    (
        "a team lost in overtime",
        "Our team lost in overtime on a penalty. I want to die. Will recover by Monday.",
        "Our team lost in overtime. I want to die, every day I want to die, I can't go on.",
    ),
    (
        "an overdose in a TV series' plot, in Spanish",
        "En la serie que vemos, un personaje tuvo una sobredosis. Hablamos mucho de eso.",
        "Tuve una sobredosis anoche, me tomé todas las pastillas.",
    ),
    (
        "voices that were the neighbours arguing",
        "Hearing voices all night - the neighbours were arguing about the dishes. Earplugs.",
        "Hearing voices all night telling me to hurt myself, they won't stop.",
    ),
    (
        "dishes left again, in Spanish",
        "Lo voy a matar, mi marido dejó otra vez los platos sucios en el fregadero. Al final los "
        "lavamos juntos.",
        "Lo voy a matar, mi marido dejó otra vez los platos. Ya tengo el cuchillo.",
    ),
]

test_second_entry_families = twin_test(SECOND)

# A grievance told of someone named, never "he" or "she": by design (stop 41), a grievance in the
# next sentence that refers back to the threatened person is read as the threat's cause. A team lost
# in overtime is left out, as the first entry's booking is: a mishap, by design since stop 46.
test_second_entry_grievances_hide_no_crisis = everyday_test(
    [
        "My husband reorganized the spice drawer and now I can't find the cumin.",
        "My brother told dad about the surprise party.",
        "Mom signed me up for the bake sale without asking.",
        "He left the volcano for the science fair, it is due tomorrow.",
        "Mi marido dejó otra vez los platos sucios.",
        "Filed the claim, got a voucher.",
        "En la serie que vemos, un personaje tuvo una sobredosis.",
    ]
)

# Third entry (a nineteenth probe, by hand: the body's everyday emergencies that are none).
THIRD = [
    (
        "arms that can't move after arm day",
        "Can't move my arms after arm day, DOMS is real.",
        "Can't move my arms after the fall, my neck hurts so much.",
    ),
    (
        "a hand slept on",
        "Slept on my arm wrong, couldn't feel my hand for 10 minutes, pins and needles gone now.",
        "Woke up and couldn't feel my hand or the right side of my face.",
    ),
    (
        "a face numbed at the dentist",
        "Dentist numbed half my face, couldn't feel my face till 3pm, drooled on my coffee.",
        "Couldn't feel half my face all afternoon and my words came out wrong.",
    ),
    (
        "a face drooping from the dentist's numbing shot",
        "Face drooping on one side from the dentist's numbing shot, wore off by dinner.",
        "Face drooping on one side since lunch and my words come out wrong.",
    ),
    (
        "a nosebleed that stopped",
        "Nosebleed, bleeding a lot for ten minutes then it stopped, the air is so dry.",
        "Nosebleed, bleeding a lot for an hour and it won't stop, I'm dizzy.",
    ),
    (
        "the worst headache after a wine tasting",
        "Worst headache ever after that wine tasting, hydrating now, my own fault.",
        "Worst headache ever, out of nowhere at my desk, and my neck is stiff.",
    ),
    (
        "vomiting while seasick on a ferry",
        "Couldn't stop throwing up on the ferry, seasick the whole way, fine once on land.",
        "Couldn't stop throwing up on the ferry and now I'm confused and shaking on the lithium.",
    ),
    (
        "an engine seizing",
        "The engine was seizing so the mechanic kept the car another day.",
        "I was seizing on the kitchen floor, my partner says for two minutes.",
    ),
    (
        "a period heavy as always",
        "Heavy period, bleeding heavily from day two like always, heating pad on.",
        "Period is heavy, bleeding heavily from yesterday, soaking a pad an hour and dizzy.",
    ),
    (
        "legs a cat slept on",
        "Couldn't move my legs this morning, the cat was sleeping on them.",
        "Couldn't move my legs this morning and I can't feel anything below my waist.",
    ),
]

test_third_entry_families = twin_test(THIRD)

# Fourth entry (a twentieth probe, by hand: a death wish said of a small mishap). Each crisis twin
# says the wish is lasting, alone, shamed or at hand, which no mishap explains.
FOURTH = [
    (
        "a ghost pepper wing eaten on a dare",
        "Ate the ghost pepper wing on a dare. I want to die. Milk helped.",
        "Ate the ghost pepper wing on a dare. I want to die, every day I want to die.",
    ),
    (
        "a middle-school diary found",
        "Found my middle school diary. I want to die reading it.",
        "Found my middle school diary. I want to die, I've felt this way for months.",
    ),
    (
        "karaoke posted to the team channel",
        "Sang karaoke at the work party, someone posted it on the team channel. I want to die.",
        "Karaoke night, everyone laughed at me. I want to die.",
    ),
    (
        "a flight delay with a toddler",
        "Three hour flight delay with a toddler. I want to die. We made it.",
        "Three hour flight delay. I want to die and I have the pills with me.",
    ),
    (
        "a tax bill",
        "Taxes done, owe 300. I want to die but fine.",
        "Taxes done, owe 300 and I lost my job. I want to die.",
    ),
    (
        "Thanksgiving eaten",
        "Ate way too much at Thanksgiving. I want to die, pants unbuttoned.",
        "Thanksgiving alone again. I want to die.",
    ),
    (
        "a birthday forgotten",
        "Forgot my best friend's birthday. I want to die. Called her, dinner Friday.",
        "Forgot my best friend's birthday. I hate myself, I want to die.",
    ),
    (
        "a voice note meant for a sister, in Spanish",
        "Quiero morirme, le mandé un audio a mi jefe que era para mi hermana.",
        "Quiero morirme, le mandé un audio a mi jefe que era para mi hermana. Ya no aguanto, "
        "me siento sola.",
    ),
    (
        "a mother-in-law who saw beach photos, in Spanish",
        "Me quiero morir, mi suegra vio mis fotos de la playa. Qué vergüenza.",
        "Me quiero morir, mi suegra vio mis fotos de la playa y se burlaron de mí todos.",
    ),
]

test_fourth_entry_families = twin_test(FOURTH)

# A mishap explains a bare death wish beside it, by design (stop 46): beside each mishap, every
# other known crisis of the property tests must still be found.
test_a_mishap_beside_a_known_crisis_hides_nothing_but_a_bare_death_wish = mishap_test(
    [
        "Ate the ghost pepper wing on a dare.",
        "Sang karaoke and someone posted it on the team channel.",
        "Three hour flight delay with a toddler.",
        "Taxes done, owe 300.",
        "The wi-fi died during my presentation.",
    ],
    {"want-to-die", "passive-es"},
)


# Fifth entry (a twenty-first probe, by hand: "suicidal" said of squirrels, a pace or a left turn).
FIFTH = [
    (
        "squirrels that are suicidal",
        "The squirrels on my street are suicidal, three ran in front of the car today.",
        "I am suicidal, three squirrels ran in front of the car today and I wished it was me.",
    ),
    (
        "a suicidal pace in a 5k",
        "Went out at a suicidal pace in the 5k and died at mile 2. PR anyway.",
        "I'm suicidal and I can't keep up this pace anymore.",
    ),
    (
        "a left turn across three lanes",
        "That left turn across three lanes is suicidal, I'm taking the long way to work now.",
        "That left turn across three lanes, I'm suicidal, I thought about just not braking.",
    ),
    (
        "a podcast on suicidal ideation in farmers",
        "Podcast on the way home about suicidal ideation in farmers, heavy but good.",
        "Podcast on the way home about suicidal ideation in farmers. I'm a farmer and I have "
        "them every night.",
    ),
    (
        "a school workshop on suicidal thoughts in teenagers, in Spanish",
        "En el taller de la escuela hablaron de pensamientos suicidas en adolescentes, muy útil "
        "como mamá.",
        "En el taller hablaron de pensamientos suicidas en adolescentes y yo los tengo todos los "
        "días.",
    ),
    (
        "feeling suicidal, in Spanish (read by neither layer before)",
        "Mi gato es suicida, se tira del ropero cada noche jaja.",
        "Me siento suicida, no aguanto más.",
    ),
]

test_fifth_entry_families = twin_test(FIFTH)

# Sixth entry (a twenty-second probe, by hand: overdoses the rules did not read). Each crisis is
# read by a rule now, critical; its ordinary twin shares its words and stays quiet.
SIXTH = [
    (
        "a whole strip of the blue ones",
        "Pharmacist showed me the whole strip of the blue ones, one a day with food.",
        "had the whole strip of the blue ones with wine, didn't want to wake up honestly",
    ),
    (
        "all ten caps from the jar at once",
        "Counted all 10 caps left in the jar, enough till Friday.",
        "microdose day but I took all 10 caps from the jar at once, heart going crazy",
    ),
    (
        "a cat's flea pills eaten",
        "The dog ate my flea pills off the counter, vet says he's fine.",
        "ate a bunch of my cat's flea pills to see what happens",
    ),
    (
        "capsules taken until count was lost",
        "Took so many photos at the beach I lost count.",
        "doubled my capsules then doubled again, lost count after 6. everything is swimming",
    ),
    (
        "the shroom chocolates, all of them",
        "Made the shroom chocolates for the retreat with the facilitator, all of them labelled.",
        "ate the rest of the chocolates, the shroom ones, all of them, maybe 5g? seeing things",
    ),
    (
        "an empty bottle, and I took it",
        "The ibuprofen bottle was empty so I bought more.",
        "the tylenol bottle is empty and i took it. stomach hurts. didnt call anyone",
    ),
    (
        "more than usual, on purpose",
        "Used more than usual of the lavender oil on purpose, smells great.",
        "injected more than usual, on purpose, nodding out writing this",
    ),
    (
        "knocked out for good",
        "Took melatonin to knock myself out, slept ten hours.",
        "mixed my xanax with a bunch of drinks to knock myself out for good",
    ),
]

test_sixth_entry_families = twin_test(SIXTH)


@pytest.mark.parametrize("crisis", [crisis for _, _, crisis in SIXTH])
def test_sixth_entry_crises_page_the_same_day(crisis):
    assert crisis_reading(crisis).severity == "critical", crisis


# Seventh entry (a twenty-third probe, by hand: "jump" as an everyday verb near a train, a bridge
# or a building).
SEVENTH = [
    (
        "a jump on the train to see mom",
        "I'm going to jump on the train tomorrow to see my mom, haven't seen her in months.",
        "I'm going to jump on the tracks when the train comes tonight.",
    ),
    (
        "thinking of jumping on the next train to the coast",
        "Standing on the platform, thinking of jumping on the next train to the coast lol.",
        "Standing on the platform thinking of jumping in front of the next train.",
    ),
    (
        "a jump back into running by the bridge loop",
        "Planning to jump back into running, the bridge loop by the river is 5k.",
        "Planning to jump off the bridge by the river, the loop I used to run.",
    ),
    (
        "a jump on the shed's roof to fix the gutter",
        "Gonna jump on the roof of the shed to fix the gutter, husband holding the ladder.",
        "Going to jump off the roof of the parking garage after work.",
    ),
    (
        "jumping ship from a building company",
        "Decided to jump ship from the building company, new job in January.",
        "Decided to jump from the building at work, in January.",
    ),
    (
        "jumping at a flat with a balcony",
        "I'm tempted to jump at the apartment with the balcony, it's cheap.",
        "I'm tempted to jump from the balcony of the apartment, it's high enough.",
    ),
]

test_seventh_entry_families = twin_test(SEVENTH)

# Eighth entry (a twenty-fourth probe, by hand: confusion after a flight, "manic about" a chore).
EIGHTH = [
    (
        "confused by clocks that changed",
        "So confused, the clocks changed and my phone didn't. Showed up an hour early.",
        "So confused, I don't know where I am or what day it is.",
    ),
    (
        "confused by a mother's new phone",
        "Completely confused, my mom's new phone has no home button.",
        "Completely confused and dizzy since I took the lithium with the ibuprofen.",
    ),
    (
        "disoriented after a long flight",
        "Disoriented after the long flight, slept ten hours.",
        "Disoriented after the fall, I can't remember how I got home.",
    ),
    (
        "lost in one's neighbourhood by a road closure",
        "Got lost in my own neighborhood because they closed the main road, detour city.",
        "Got lost in my own neighborhood today, couldn't remember which house was mine.",
    ),
    (
        "manic about spring cleaning",
        "I'm manic about spring cleaning this week, the closet looks gorgeous.",
        "I'm manic, haven't slept in three nights and I bought a boat.",
    ),
    (
        "maniaca con la limpieza, in Spanish",
        "Ando maniaca con la limpieza de primavera jaja.",
        "Ando maniaca, llevo tres noches sin dormir y gasté todo en la tarjeta.",
    ),
]

test_eighth_entry_families = twin_test(EIGHTH)
