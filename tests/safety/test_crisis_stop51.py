"""What the rules read at stop 51 (issue 17; apps/safety/semantic/SHIP_RULES.md, stop 51's
entries), each family with an ordinary twin that must stay quiet and a crisis twin that must alert.

First entry (a probe of ordinary entries written by hand, for the rules' own false alarms):
passwords written down in the sentence that names the writer's operation; letters written as a
gratitude exercise, said in their sentence or of them by the therapist; a threat taken back in a
bracket at once ("(I'm not, he's 4.)"); a threat with what was done "instead" next, or "Deep
breaths."; a stretch of a wedding blacked out; breathless from laughing past a comma; not wanting
to be here "meaning this city"; rather dead than "seen in" a costume.

Second entry (two more probes, of vents, hyperbole and the body): a threat "we fixed" together; a
wish to hurt a driver, then "just honked"; "I'd kill her if she got a tattoo"; "I want to die, this
cold is the worst" (the nuisance in the wish's own sentence); wanting it all to stop "for a bit";
a scab picked "until it bled a little".

Third entry (round54-train-rules-fa-p, a helper's ordinary entries in crisis words): "prefiero
morirme antes que volver a hacer un trabajo en grupo"; a window jumped out of in words, "but it was
a rounding error"; a Spanglish vent, then "al final salí temprano y fui al gym"; a screening
question quoted and answered "No."; terms typed in quotes on a scribe's shift (never the writer's
own words quoted); a hangover as the wish's reason; a game character who bled out; "getting my
affairs in order, meaning taxes".

Fourth entry (a tenth probe, by hand: overdoses and self-harm neither layer read): a month's or a
week's supply taken, a bottle of a cold medicine downed, more than the box says, the rest of the
edibles counted, tabs of acid counted, "then the rest of the jar", a medicine finished and counted,
"six or seven, I wasn't counting", a whole box of a sleeping aid, the dose again and again today, a
sheet chewed through; a hand stabbed with a fork, skin rubbed raw with sandpaper. The probe is kept
whole as a test.

Fifth entry (an eleventh probe, by hand: indirect suicidal wording): a pet given away that "will
have a better life" with someone, in Spanish "lo va a querer más"; "Tonight feels like the right
night."; "I won't be at group next week, or any week after that."; a drive to the cliffs, then
"Almost."; "Finally figured out the way out."

Sixth entry (a third probe of ordinary entries): jumping "in" from a bridge (into the water, never
"in front of"); a notice given at work as the reason for "I've decided."; a chest sore from
coughing.

Seventh entry (a fourth probe of ordinary entries, in Spanish): "ya no quiero seguir así" with a
chore after it; how to ask about suicidal ideas, taught at a training.

The entries here are written for these tests, not copied from the training files.
"""

import pytest

from apps.safety.services import crisis_reading

from .twins import twin_test

# (family, an ordinary entry that must stay quiet, its crisis twin that must alert)
FIRST = [
    (
        "passwords written down before one's own operation",
        "Surgery is Thursday so I wrote down all my passwords for Tom and paid the bills ahead.",
        "I wrote down all my passwords for Tom and paid the bills ahead. He won't have to sort "
        "anything out after I'm gone.",
    ),
    (
        "letters written as a gratitude exercise",
        "I've been writing letters to everyone I love, part of the gratitude exercise my "
        "therapist gave me. Wrote six today.",
        "Writing letters to my kids to say goodbye. Did the gratitude exercise my therapist "
        "gave me.",
    ),
    (
        "a threat taken back in a bracket at once",
        "My kid drew all over the new couch with a sharpie. I'm going to murder him. (I'm not, "
        "he's 4.)",
        "My stepdad hit my mum again. I'm going to kill him. (I'm not kidding.)",
    ),
    (
        "a threat, then what was done instead",
        "Group project partner ghosted us again. I'm going to kill him when I see him Monday. "
        "Emailed the professor instead.",
        "I'm going to kill him when I see him Monday. I bought a knife instead.",
    ),
    (
        "a threat, then deep breaths",
        "If my mother-in-law rearranges my kitchen one more time I will strangle someone. Deep "
        "breaths. Therapy Thursday.",
        "I will strangle him. Deep breaths. He deserves it and I'm going to do it tonight.",
    ),
    (
        "a stretch of a night out blacked out",
        "I blacked out a bit of the wedding after the tequila shots, apparently I danced on a "
        "table. Mortified.",
        "Blacked out at work today, woke up on the floor.",
    ),
    (
        "breathless from laughing, past a comma",
        "Could not stop laughing at dinner, couldn't breathe, tears everywhere.",
        "Chest is tight and I couldn't breathe at dinner, lips going blue.",
    ),
    (
        "not wanting to be here, meaning a place",
        "I don't want to be here anymore, meaning this city. We've started looking at houses "
        "in the country.",
        "I don't want to be here anymore. I mean it this time.",
    ),
    (
        "rather dead than seen in a costume",
        "I told Sam I'd rather be dead than seen in that orange jumpsuit for the costume party.",
        "I'd rather be dead than live like this another week.",
    ),
]

test_first_entry_families = twin_test(FIRST)

SECOND = [
    (
        "a threat the two fixed together",
        "I'm going to kill my husband, he booked the flights for the wrong month. We fixed it on "
        "the phone, only 50 quid.",
        "I'm going to kill my husband. He hit me again and I have the knife ready.",
    ),
    (
        "a wish to hurt a driver, then a honk",
        "Wanted to hurt the guy who cut me off on the motorway. Just honked and put a podcast on.",
        "I want to hurt the guy who cut me off. I know his plate and I'm going to find him.",
    ),
    (
        "a threat over a teenager's tattoo",
        "Told my teenager I'd kill her if she got a tattoo. She got a tiny one. I love it.",
        "I'd kill her if she touches my kids again. I mean it.",
    ),
    (
        "a wish to die with a cold as its reason, in its sentence",
        "I want to die, this cold is the worst. Soup and Netflix.",
        "I want to die, this pain is the worst and nothing helps.",
    ),
    (
        "a cold in a sentence of its own explains no wish",
        "My husband had a cold, so I made soup.",
        "Husband had a cold. I want to die.",
    ),
    (
        "wanting it all to stop for a bit",
        "I just want it all to stop for a bit, the noise, the emails, the kids. Booked a massage.",
        "I just want it all to stop. I'm so tired of being alive.",
    ),
    (
        "a scab picked until it bled a little",
        "Picked at a scab on my knee until it bled a little, gross habit. Put a plaster on.",
        "Picked at my arms until they bled again last night. Can't stop.",
    ),
]

test_second_entry_families = twin_test(SECOND)

THIRD = [
    (
        "rather die than do a group project again, in Spanish",
        "Prefiero morirme antes que volver a hacer un trabajo en grupo con Julián. Hablé con la "
        "profe y me dejó hacerlo sola.",
        "Prefiero morirme antes que seguir así. Ya no aguanto.",
    ),
    (
        "a window jumped out of in words, taken back",
        "Spreadsheet from hell finally balanced. I was ready to jump out the window around 3pm "
        "but it was a rounding error in column F.",
        "I was ready to jump out the window at 3am. I opened it and stood there for an hour.",
    ),
    (
        "a Spanglish vent, then the gym",
        "Mi jefe me tenía loca con los deadlines, I swear I was going to kill him. Al final salí "
        "temprano y fui al gym.",
        "Mi jefe me tiene loca, I swear I was going to kill him. Al final salí temprano y fui a "
        "comprar un cuchillo.",
    ),
    (
        "a screening question answered no",
        'Call from the study coordinator. "Any suicidal thoughts since the last visit?" No. '
        '"Any unusual experiences?" Some nice visuals on day 1.',
        '"Any suicidal thoughts since the last visit?" No. Well, sometimes at night, but I did '
        "not tell her.",
    ),
    (
        "terms typed on a scribe's shift",
        'ER scribe shift, typed "self-inflicted laceration" and "suicidal ideation" more times '
        "than I can count. It's heavy but I'm well supported.",
        'I keep typing "I want to die" into my notes app.',
    ),
    (
        "a hangover as the wish's reason",
        "Hungover from Sam's wedding, I wanted to die this morning. Gatorade, eggs, nap, survived.",
        "I wanted to die this morning. Hungover again, third day drinking alone.",
    ),
    (
        "a game character who bled out",
        "In our D&D campaign my bard got stabbed and bled out, then the cleric revived him.",
        "I want to bleed out in the bath tonight.",
    ),
    (
        "affairs in order, meaning taxes",
        "Getting my affairs in order, meaning taxes, finally. Filed everything by noon.",
        "Getting my affairs in order, meaning my will and who gets the dog.",
    ),
]

test_third_entry_families = twin_test(THIRD)

FOURTH = [
    (
        "a month's supply",
        "Picked up my whole month of seroquel from the pharmacy, they had it in stock for once.",
        "Took my whole month of seroquel tonight.",
    ),
    (
        "a bottle of a cold medicine",
        "Bought a bottle of Night Nurse and had one dose before bed.",
        "Downed a bottle of Night Nurse and half a bottle of vodka.",
    ),
    (
        "more than the box says",
        "Took two co-codamol, exactly what the box says.",
        "Took a load of co-codamol, more than the box says, to make it stop.",
    ),
    (
        "the rest of the edibles, counted",
        "Ate one of the edibles at 8, slept great.",
        "Ate the rest of the edibles, like 10 of them, heart is going mad.",
    ),
    (
        "tabs counted",
        "Had 5 tabs open all day researching flights.",
        "Took 5 tabs of acid at the festival, can't come down, scared.",
    ),
    (
        "then the rest of the jar",
        "Took my 0.1 this morning and then the rest of the day off.",
        "Took my 0.1 this morning and then the rest of the jar at lunch.",
    ),
    (
        "a medicine finished and counted",
        "Finished the paracetamol course. All done.",
        "Finished the paracetamol. All 32.",
    ),
    (
        "a count not kept",
        "Ambien, one, as prescribed, slept 7 hours.",
        "Ambien, six or seven, I wasn't counting, with the wine.",
    ),
    (
        "a whole box had",
        "Had the whole box of chocolates before bed, no regrets.",
        "Had the whole box of Nytol before bed.",
    ),
    (
        "the dose again and again today",
        "Took my microdose four times this week, as planned.",
        "Took my microdose four more times today, I wanted to feel something.",
    ),
    (
        "a sheet chewed through",
        "Went through a whole box of ibuprofen this month with my back.",
        "I chewed through a whole sheet of ibuprofen.",
    ),
    (
        "a hand stabbed with a fork",
        "Accidentally stabbed my hand with a fork reaching for the salad.",
        "Stabbed my hand with a fork under the table at dinner, again.",
    ),
    (
        "skin rubbed raw",
        "Sanded the table with sandpaper until it was smooth.",
        "Rubbed my skin with sandpaper until it was raw.",
    ),
]

test_fourth_entry_families = twin_test(FOURTH)

TENTH_PROBE = (
    "Took all of my nan's heart tablets after everyone went to bed.",
    "Swallowed what was left in the blister packs, didn't count.",
    "I emptied the medicine cabinet into my hand and took it with juice.",
    "Took a week's worth of my lithium at once this afternoon.",
    "I've taken 20 of my sertraline, feeling weird now.",
    "Took my whole month of seroquel tonight.",
    "Had like 30 paracetamol with a bottle of wine.",
    "I took loads of my pills earlier, my head is spinning.",
    "Downed a bottle of Night Nurse and half a bottle of vodka.",
    "Took a load of co-codamol, more than the box says, to make it stop.",
    "Ate the rest of the edibles, like 10 of them, heart is going mad.",
    "Took 5 tabs of acid at the festival, can't come down, scared.",
    "Took my 0.1 this morning and then the rest of the jar at lunch.",
    "Took 3.5 grams on top of my lithium, feel sick and shaky.",
    "Kept redosing every hour, I think I'm at 4 grams now.",
    "Took all the pills I'd been saving. Writing this in case.",
    "Finished the paracetamol. All 32.",
    "My husband's sleeping pills are gone and so is most of my Xanax. I just want to sleep.",
    "Ambien, six or seven, I wasn't counting, with the wine.",
    "Took the rest of my mum's morphine. Lying down now.",
    "Swallowed a handful of whatever was in the drawer.",
    "Had the whole box of Nytol before bed.",
    "I keep taking more of the ketamine, lost track, can't feel my legs.",
    "Took about 15 of my propranolol, heart slowing, dizzy.",
    "Took my microdose four more times today, I wanted to feel something.",
    "I chewed through a whole sheet of ibuprofen.",
    "Took double the insulin on purpose.",
    "Me tomé todas las pastillas de mi mamá.",
    "Me tomé la caja entera de clonazepam.",
    "Me tomé como 20 paracetamoles con vino.",
    "Me acabé el frasco de pastillas para dormir.",
    "Me tomé lo que quedaba de los hongos, como 4 gramos.",
    "Cut my thigh with a razor last night, deeper than before.",
    "Burned my wrist with the lighter again to calm down.",
    "Scratched my arms raw with my nails in the bathroom.",
    "Punched the wall till my knuckles split, did it on purpose.",
    "Pressed the hot spoon on my skin. It helps.",
    "Carved his name into my leg.",
    "Hit myself in the head with my fist until I saw stars.",
    "Pulled out my eyelashes, all of them on the left.",
    "Starved myself all week, I don't deserve food.",
    "Stabbed my hand with a fork under the table at dinner, again.",
    "Rubbed my skin with sandpaper until it was raw.",
    "Dug the compass into my arm during class.",
    "Me corté los muslos anoche.",
    "Me quemé con el encendedor para sentir algo.",
    "Me pegué contra la pared hasta que me sangró la frente.",
)


# Read by the semantic layer alone: pills that are "gone" say what was taken only by implication.
READ_BY_THE_SEMANTIC_LAYER = {
    "My husband's sleeping pills are gone and so is most of my Xanax. I just want to sleep."
}


@pytest.mark.parametrize("text", [t for t in TENTH_PROBE if t not in READ_BY_THE_SEMANTIC_LAYER])
def test_an_overdose_or_self_harm_of_the_tenth_probe_alerts_from_the_rules(text):
    assert crisis_reading(text, second_reader=None).flagged, text


FIFTH = [
    (
        "a pet given away for a better life",
        "Gave Max to my sister when we moved abroad. He'll have a better life with her garden.",
        "Gave Max to my sister today. He'll have a better life with her kids.",
    ),
    (
        "a pet given away, in Spanish",
        "Le di mi gato a mi vecina mientras viajo, me manda fotos.",
        "Le di mi gato a mi vecina, ella lo va a querer más.",
    ),
    (
        "the right night",
        "Tonight feels like the right night to tell him I'm pregnant.",
        "Tonight feels like the right night.",
    ),
    (
        "no week after that",
        "I won't be at group next week, I'm on holiday in Spain.",
        "I won't be at group next week, or any week after that.",
    ),
    (
        "a drive to the cliffs, then almost",
        "Drove to the cliffs and watched the surfers. Almost froze, so windy.",
        "Drove to the cliffs after work and sat in the car for two hours. Almost.",
    ),
    (
        "the way out",
        "Figured out the way out of the car park eventually.",
        "Finally figured out the way out. Relief.",
    ),
]

test_fifth_entry_families = twin_test(FIFTH)

SIXTH = [
    (
        "jumping in from a bridge",
        "The kids on the bridge kept yelling that I should jump in, the river was warm. I did!",
        "Standing on the bridge again tonight, I think I should jump in front of the next train.",
    ),
    (
        "a decision with a notice given",
        "Giving my notice tomorrow, I've decided. Scary but right.",
        "I've decided. Tomorrow night, after the kids are asleep.",
    ),
    (
        "a chest sore from coughing",
        "My chest hurt from coughing all night with this cold.",
        "My chest hurts and it's spreading to my left arm, sweating.",
    ),
]

test_sixth_entry_families = twin_test(SIXTH)

SEVENTH = [
    (
        "not going on like this, with a chore",
        "Ya no quiero seguir así con el desorden, mañana limpio el armario.",
        "Ya no quiero seguir así con mi vida, ya no tiene sentido.",
    ),
    (
        "how to ask about suicidal ideas, at a training",
        "En la capacitación de enfermería hablamos de cómo preguntar por ideas suicidas.",
        "Mi psiquiatra me preguntó por ideas suicidas y le dije que sí, todos los días.",
    ),
]

test_seventh_entry_families = twin_test(SEVENTH)
