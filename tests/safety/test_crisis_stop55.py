"""What the rules read at stop 55 (issue 17; apps/safety/semantic/SHIP_RULES.md, stop 55's entries),
each family with an ordinary twin that must stay quiet and a crisis twin that must alert.

First entry (a probe by hand): the stroke rule's words in everyday senses, each inside its
sentence: hands or a face numb with cold; a leg or foot asleep, with its end told; a heavy period's
bleeding; a stroke feared and laughed off or explained. A face that droops, a limb that still won't
move, soaking a pad every hour, or words that come out wrong still alert.

Second entry (a probe by hand, round59-train-ordinary-a): harm to others in everyday senses: a vent
the same sentence turns to a calm act, "didn't" as the next clause, a present wish talked out, a
question about hurting others answered no, people pushed into a pool, a game's boss, a murder "in
the next team survey", swerving into traffic, "anyway" before yoga; and as a crisis, handling it
oneself "the way nobody else will".

Third entry (round59-train-ordinary-b, -c, -d and -mixed): the rules' false alarms in those files:
a laugh before "couldn't breathe", a wish to die "just thinking about it", limbs asleep, a
dentist's numbing, "manic about" a game, urges rated zero, funeral wishes with the estate stuff, a
haircut called self harm, the usual safety "qs", "3 yrs since", death thought about as philosophy,
a balcony jump if a song plays "one more time".

Fourth entry (round59's files): crises both layers missed, each with an ordinary twin in the same
words: a week's organizer swallowed at once, a toddler into the capsules, a month saved up "for
when I decide", antifreeze for a dog, a schedule watched, guns known, a dead grandmother's "ya es
hora de irme con ella", jealous of the dead who "get to rest", wanting to jump at a rooftop's edge,
and a manic week's signs.

Fifth entry (a probe by hand): a film's stunt jump, the call of the void, a death wish the writer
"used to say", dying of fright.

Sixth entry (a probe by hand): "suicidal" in everyday senses: plants that look suicidal, thoughts
gone since the protocol began, a worry about a teenager, "therapy and time fixed a lot".

Seventh entry (round60-train-ordinary-a to -d): voices that are the kids, someone else's overdose
or the news about overdoses, "wanted to die." before everyone who heard, dying in the gym, a body
confused by night shifts, notes done before an exam, the neighbours drilling again, a coworker
overheard or telling of her own attempt, "old me:", an old journal's goodbye letters, "1 yr since";
and a safety gap: "take all my pills too." (doubled letters are squeezed, so "too" read as "to").

Eighth entry (round60's files): crises both layers missed, each with an ordinary twin: back to the
razor, "it wasn't the cat", no refill needed with a mind made up, done again after a streak, a day
picked, to go with a brother or a mother who took their life.

Ninth entry (a probe by hand): breath lost to humidity, wildfire smoke outside, hiccups or crying so
hard; death thought about since a grandfather passed, with how short life is; and as a crisis, the
wish to join him.

The entries here are written for these tests, not copied from the training files.
"""

import pytest

from apps.safety.services import crisis_reading

from .twins import everyday_test, twin_test

# First entry: the stroke rule in everyday senses.
FIRST = [
    (
        "hands numb with cold",
        "its so cold out i cant feel my hands. walked the dog anyway, 2 laps of the park",
        "its so cold out and i cant feel my left arm, my face is drooping on one side",
    ),
    (
        "a face numb with cold, in Spanish",
        "hace un frio horrible, no siento la cara, camine al trabajo igual",
        "hace frio pero no es eso, no siento el brazo izquierdo y se me cae la cara de un lado",
    ),
    (
        "a face numb with cold, on one side",
        "its freezing, couldnt feel my face on the walk to the bus, hot coffee fixed it",
        "its freezing, couldnt feel my face on one side and my words came out wrong",
    ),
    (
        "a leg asleep after sitting",
        "sat crosslegged too long in meditation and couldnt feel my left leg when i stood up, pins "
        "and needles then fine",
        "sat down to meditate and now i cant feel my right arm or leg and i cant talk right",
    ),
    (
        "a leg asleep, in Spanish",
        "me quede sentada en el piso jugando con mi hija y se me durmio la pierna, no siento la "
        "pierna jaja, ya paso",
        "me quede sentada en el piso y de repente no siento la pierna ni el brazo del lado "
        "izquierdo",
    ),
    (
        "a heavy period like always",
        "period day 2, bleeding a lot as usual, cramps, hot water bottle and netflix",
        "period day 2, bleeding a lot and soaking a pad every hour, dizzy when i stand",
    ),
    (
        "a stroke feared when an eye twitched",
        "kept thinking im having a stroke when my eye twitched lol, googled too much, it stopped",
        "i think im having a stroke, my words come out wrong and my hand wont hold the cup",
    ),
    (
        "a stroke feared during an aura",
        "thought i was having a stroke at the gym because my vision went sparkly, it was a "
        "migraine aura, i know them",
        "thought i was having a stroke at the gym, my vision went and my face is still numb on one "
        "side",
    ),
]

test_first_entry_families = twin_test(FIRST)

test_first_entry_everyday = everyday_test(
    [
        "So cold out I can't feel my hands.",
        "My foot fell asleep in the meeting and I couldn't feel my foot.",
        "Period day one, bleeding a lot like always.",
    ]
)

FIRST_CRISES = [
    "woke up and couldnt feel my left leg and it still wont move, been an hour",
    "i cant feel my left arm and the left side of my face feels heavy, started 20 min ago",
    "no siento el brazo izquierdo y se me cae la cara de un lado",
    # The cold named, and what follows it is hypothermia: lost, confused, warm and sleepy.
    "been out on the hill all day, soaked and so cold i cant feel my hands, dont know which way "
    "the car is and i feel weirdly warm and sleepy",
]


@pytest.mark.parametrize("entry", FIRST_CRISES)
def test_a_limb_that_cannot_be_felt_with_no_everyday_cause_still_alerts(entry):
    assert crisis_reading(entry).flagged, entry


# Second entry: harm to others in everyday senses.
SECOND = [
    (
        "a present wish, then talked out",
        "my roommate left the stove on AGAIN, i swear i want to strangle him. we talked it out, "
        "hes getting a timer",
        "my roommate left the stove on AGAIN, i swear i want to strangle him. we talked it out "
        "but next time i will, i have the rope",
    ),
    (
        "felt like shaking them, then went outside",
        "the kids were screaming all through dinner, i felt like shaking them but i went outside "
        "and counted to ten",
        "the kids were screaming all through dinner, i felt like shaking them and im scared ill "
        "hurt them tonight",
    ),
    (
        "wanted to punch, didn't",
        "wanted to punch my coworker when he took credit, didnt, wrote an email to hr instead",
        "wanted to punch my coworker when he took credit, didnt, but next time i will and i know "
        "where he parks",
    ),
    (
        "hurting people? no",
        "thinking about hurting people? no. about hurting my sourdough starter? also no, it died "
        "on its own",
        "thinking about hurting people? yes. my neighbour mostly. i have a plan for saturday",
    ),
    (
        "pushing people in the pool",
        "i get this urge to push people in the pool at parties, always have, never do",
        "i get this urge to push my brother into the pool and hold him under until he stops",
    ),
    (
        "a sister who told about the tattoo",
        "im going to kill my sister, she told mom about the tattoo before i could",
        "im going to kill my sister, she told mom about the tattoo. the knife is in my bag",
    ),
    (
        "a game's boss",
        "stayed up till 2 playing elden ring, died to the same boss 40 times. i wanted to kill "
        "him so badly and i finally did.",
        "stayed up till 2 again, my brother laughed at me all night. i want to kill him and i "
        "know how i'd do it.",
    ),
    (
        "a murder in the next team survey",
        "coworker microwaved fish AGAIN. im going to murder her politely in the next team survey",
        "coworker reported me AGAIN. im going to murder her, i know where she lives",
    ),
    (
        "swerving into traffic",
        "bike lane got blocked by a delivery van, had to swerve into traffic. legs are tired, "
        "mood ok",
        "i keep thinking about riding into traffic on purpose tonight, nobody would know it wasnt "
        "an accident",
    ),
    (
        "anyway, yoga",
        "mi jefe me mando 20 emails hoy con 'quick question'. i swear lo voy a matar. anyway hice "
        "yoga y estoy mejor",
        "mi jefe me humillo otra vez. lo voy a matar, ya compre la pistola. anyway hice yoga",
    ),
]

test_second_entry_families = twin_test(SECOND)

test_second_entry_everyday = everyday_test(
    [
        "I felt like shaking them but I went outside.",
        "Thinking about hurting people? No.",
        "Had to swerve into traffic.",
        "Anyway, did yoga.",
    ]
)

SECOND_CRISES = [
    "its the coach i cant let go. the school did nothing. ill be waiting at the field saturday "
    "and ill handle it myself the way nobody else will",
    "nobody listens so i will take care of him myself, since no one else will",
]


@pytest.mark.parametrize("entry", SECOND_CRISES)
def test_handling_it_oneself_because_nobody_else_will_reaches_a_clinician(entry):
    assert crisis_reading(entry).flagged, entry


# Third entry: round59 helpers' files, the rules' false alarms.
THIRD = [
    (
        "a laugh, then couldn't breathe",
        "ngl i laughed so hard at the stand up show i thought i was gonna die. couldnt breathe. "
        "cheeks hurt",
        "ngl i laughed so hard at the stand up show. couldnt breathe. still cant, lips going blue",
    ),
    (
        "me quiero morir just thinking about it",
        "mi hijo quiere hacer bungee for his 18th y yo me quiero morir just thinking about it. "
        "fine, voy a ir a verlo",
        "mi hijo quiere hacer bungee y yo me quiero morir, ya no quiero vivir, lo pienso todos "
        "los dias",
    ),
    (
        "an arm asleep from sleeping on it, in Spanish",
        "se me durmio el brazo por dormir encima, desperte y no lo sentia, que feo. a los dos "
        "minutos volvio con cosquillas",
        "se me durmio el brazo y no lo siento desde hace tres horas y tengo la cara caida",
    ),
    (
        "a dentist's numbing and slurred words",
        "went to the dentist at 10 for a crown. they gave me 2 shots of novocaine and i was "
        "slurring my words at the front desk paying lol. back to normal by dinner",
        "went to the dentist at 10 for a crown. its 9pm now and i'm still slurring my words and my "
        "arm feels weak",
    ),
    (
        "a dentist's numbing and a droopy face, told over three sentences",
        "dentist today, 2 fillings. whole left side of my face numb and droopy for hours, i "
        "drooled "
        "coffee down my shirt. feeling came back around 4, lip still feels fat lol",
        "dentist today, 2 fillings. whole left side of my face numb and droopy and now at 9pm its "
        "still droopy and my words are slurred",
    ),
    (
        "a leg asleep, then nearly collapsing",
        "leg fell asleep on the toilet scrolling, stood up and nearly collapsed, pins and needles "
        "for a min. we dont talk about this",
        "leg fell asleep and then i nearly collapsed and now my chest hurts and i cant breathe",
    ),
    (
        "manic about a new game",
        "im so manic about this new video game lol, 2 hrs after work. still in bed by 11",
        "havent slept since monday, ordered 40 phones on credit and people cant keep up with me",
    ),
    (
        "urges rated zero",
        "therapist asked me to rate my urges to self harm this week like she does every session. "
        "0. she said its been 0 for 3 months",
        "therapist asked me to rate my urges to self harm this week. 8. i cut last night",
    ),
    (
        "funeral wishes with the estate stuff",
        "wrote my funeral wishes bc my wife and i were doing the estate stuff together. i want a "
        "taco truck. lawyer did not laugh",
        "wrote my funeral wishes and picked the date, saturday, nobody knows",
    ),
    (
        "a haircut called self harm",
        "cut my own hair, basically self harm lol. actually looks ok",
        "cut my own hair and then cut my arm with the scissors, basically self harm, bleeding",
    ),
    (
        "the usual safety qs",
        "she asked the usual safety qs at the start, any thoughts of hurting myself, no, anyone "
        "else, no. then we spent the hour on my procrastination",
        "she asked the usual safety qs, any thoughts of hurting myself, yes, i cut again last "
        "night",
    ),
    (
        "three years since I last hurt myself",
        "3 yrs since i last hurt myself. didnt even notice the date until the app gave me a badge",
        "3 days since i last hurt myself and i want to do it again tonight",
    ),
    (
        "death thought about in a philosophical way",
        "been thinking about death a lot lately but in a philosophical way bc of the stoicism book "
        "im reading, memento mori etc.",
        "been thinking about death a lot lately, every night, how i would do it",
    ),
    (
        "a balcony jump if a song plays one more time",
        "si escucho despacito one more time me tiro del balcon lol. la fiesta de al lado la pone "
        "en loop",
        "me tiro del balcon esta noche, ya no aguanto nada",
    ),
]

test_third_entry_families = twin_test(THIRD)

test_third_entry_everyday = everyday_test(
    [
        "Laughed so hard at the show.",
        "Three yrs since I last hurt myself.",
        "She asked the usual safety qs.",
        "Went to the dentist for a filling, the numbing wore off by four.",
    ]
)


# Fourth entry: crises the rules missed in round59 helpers' files, each with an ordinary twin.
FOURTH = [
    (
        "a week's organizer",
        "filled the organizer for the week, all the slots, mon to sun, both rows. feels good",
        "opened the organizer and swallowed every slot for the week at once, mon to sun. now im "
        "shaky",
    ),
    (
        "a toddler in the bag",
        "my 3 year old got into my bag and opened the pill box, counted them and all there, it was "
        "the vitamins anyway",
        "my 3 year old got into my bag while i was on a call. the microdose capsules are gone and "
        "her pupils are huge",
    ),
    (
        "an organizer kept full",
        "keeping the old organizer full for when i travel, saved up a week of everything",
        "keeping the old organizer full, 30 days of everything saved up, for when i decide",
    ),
    (
        "antifreeze",
        "put antifreeze in the car this morning, -10 tonight",
        "neighbors dog barked all night again so i put a bowl of antifreeze by the fence",
    ),
    (
        "his schedule",
        "wrote down his schedule for the custody app, when he picks up and when he drops off the "
        "kids",
        "he reported me to HR. ive been writing down his schedule, when he leaves, where he parks",
    ),
    (
        "where the guns are",
        "se donde guarda mi papa sus armas, estan bajo llave y ya hablamos de eso",
        "se rieron de mi otra vez. se donde guarda mi tio sus armas. el lunes lo van a ver",
    ),
    (
        "time to go with her",
        "grandma said its time to go with her to church on sunday, i said sure",
        "vi a mi abuela en la cocina y me dijo que ya es hora de irme con ella. murio en 2015",
    ),
    (
        "jealous of her",
        "im jealous of her, she gets to sleep in on sundays and i have the kids",
        "grandmas funeral was today. im kind of jealous of her. she gets to rest and i dont",
    ),
    (
        "at the edge",
        "stood at the edge of the pool and wanted to jump in so bad, so hot today",
        "went to the edge of the rooftop alone at the party. i really wanted to jump, no joke",
    ),
    (
        "a manic week",
        "started 3 languages on duolingo this year, spanish is going best. i dont need sleep on "
        "weekends lol i just nap",
        "took out a 50k loan today for my invention. no time to sleep, started 4 languages at once",
    ),
]

test_fourth_entry_families = twin_test(FOURTH)


# Fifth entry: jumps and death wishes in everyday senses.
FIFTH = [
    (
        "a film's stunt",
        "watched the new mission impossible, tom cruise jumping off a cliff on a motorbike, "
        "insane. "
        "popcorn was stale",
        "watched a movie about a guy who jumped off a bridge and tonight i want to jump off the "
        "bridge by my house",
    ),
    (
        "the call of the void",
        "i always get that weird urge to jump when im on a balcony, call of the void, googled it, "
        "apparently normal",
        "i always get that urge to jump when im on a balcony, people call it the call of the void "
        "but its not a call anymore, i want to",
    ),
    (
        "used to say it every Monday",
        "i used to say i want to die every monday, now i just say ugh. growth",
        "i used to say i want to die every monday. i want to die again, every day, for real",
    ),
    (
        "dying of fright",
        "she made me watch a horror movie, i wanted to die of fright, she laughed the whole time",
        "she made me watch a horror movie and then i told her i want to die, for real, not of "
        "fright",
    ),
]

test_fifth_entry_families = twin_test(FIFTH)


# Sixth entry: "suicidal" in everyday senses.
SIXTH = [
    (
        "plants that look suicidal",
        "ha, my plants look suicidal, forgot to water them for a week",
        "my plants look suicidal and so do i, i cant stop thinking about killing myself",
    ),
    (
        "thoughts gone since the protocol",
        "the suicidal thoughts are gone since i started the protocol, 4 months now, still "
        "checking in with dr r",
        "the suicidal thoughts were gone for 4 months until last night, now theyre loud",
    ),
    (
        "a worry about a teenager",
        "i worry my teenager might be suicidal, found some dark poems, booked her a GP appt for "
        "tuesday",
        "i worry my teenager might be suicidal and honestly so am i, i looked up how last night",
    ),
    (
        "therapy and time fixed a lot",
        "i used to be suicidal in my teens, therapy and time fixed a lot, today i baked bread",
        "i used to be suicidal in my teens, therapy and time fixed a lot, but today its back",
    ),
]

test_sixth_entry_families = twin_test(SIXTH)

test_sixth_entry_everyday = everyday_test(
    [
        "My plants look suicidal.",
        "Therapy and time fixed a lot.",
        "I worry my teenager might be suicidal.",
    ]
)


# Seventh entry: round60 helpers' files, the rules' false alarms.
SEVENTH = [
    (
        "voices that are the kids",
        "the kids had a sleepover with their cousins. hearing voices all night, mostly giggling "
        "and "
        "one fight over a pillow",
        "the kids had a sleepover with their cousins. hearing voices all night telling me to hurt "
        "myself, not the kids",
    ),
    (
        "voices that are the kids, in Spanish",
        "escucho voces todo el dia: mamaaaa, mamaaaa, mama donde esta mi zapato. dia normal",
        "escucho voces todo el dia que me dicen que me mate, no son los ninos",
    ),
    (
        "a friend who died of an overdose",
        "found out a guy from my old ward died last year, overdose. sad, we used to play chess",
        "found out a guy from my old ward died last year, overdose. tonight im going to take all "
        "my pills too",
    ),
    (
        "the news about overdoses",
        "saw a news story about overdoses downtown, mostly fentanyl in fake pills. awful",
        "saw a news story about overdoses downtown. i took 30 of my pills an hour ago",
    ),
    (
        "wanted to die, everyone heard",
        "my toddler announced to the whole church that daddy farts in bed. i wanted to die. "
        "everyone heard",
        "my toddler announced to the whole church that daddy farts in bed. i wanted to die. i "
        "still do, every day, i have the pills",
    ),
    (
        "felt like dying in the gym",
        "felt like dying in the gym today, leg day is no joke. dose was fine",
        "felt like dying in the gym today, then the chest pain came back and spread to my jaw",
    ),
    (
        "a body confused by night shifts",
        "night shift week 2. my body is so confused, ate cereal at 4am and pasta at 9am",
        "night shift week 2. i dont know who i am or where i am, i cant remember how i got home",
    ),
    (
        "notes done before an exam",
        "exam tomorrow and i feel like im gonna throw up but thats just how i am before exams. "
        "notes are done",
        "exam tomorrow. notes are done. the letters are on the table for my parents, tonights the "
        "night",
    ),
    (
        "the neighbours drilling again",
        "the upstairs neighbors are drilling again, im about to throw myself off the balcony lol. "
        "took the kids to the library instead",
        "the upstairs neighbors are drilling again. i want to throw myself off the balcony "
        "tonight, im done",
    ),
    (
        "a coworker overheard",
        "overheard a coworker say i want to kill myself about a spreadsheet. today i laughed",
        "overheard a coworker say i want to kill myself about a spreadsheet. i want to kill "
        "myself too, for real",
    ),
    (
        "a coworker's attempt told",
        "coworker told me about her suicide attempt in college over lunch. we bonded over the "
        "hospital jello",
        "coworker told me about her suicide attempt. i tried to kill myself last night",
    ),
    (
        "old me: new me:",
        "old me: i dont deserve to eat. new me: second helping of mac and cheese. who is she lol",
        "old me: i dont deserve to eat. new me: i havent eaten in 6 days and i cut again tonight",
    ),
    (
        "an old journal's goodbye letters",
        "old journal from 2016 fell out of a box, full of goodbye letters. felt so tender for that "
        "girl",
        "old journal from 2016 full of goodbye letters. wrote a new goodbye letter tonight, for my "
        "mom",
    ),
    (
        "1 yr since the hospital",
        "1 yr since i got out of the hospital after the manic episode. we went back to the diner",
        "1 yr since i got out of the hospital. the voices are back and they tell me to stop the "
        "meds",
    ),
    (
        "now I want to see my niece grow up",
        "i used to want to die, now i want to see my niece grow up. she lost her first tooth today",
        "i used to want to die, now i want to see my niece grow up. but tonight i want to die "
        "again",
    ),
]

test_seventh_entry_families = twin_test(SEVENTH)

test_seventh_entry_everyday = everyday_test(
    [
        "Hearing voices all night, mostly the kids.",
        "A friend from rehab died last year, overdose.",
        "My body is so confused.",
        "The old me: no breakfast.",
    ]
)


def test_voices_that_say_something_about_the_kids_are_still_voices():
    # The first build of the seventh entry's idiom read "voces que me dicen que los niños..." as
    # the kids' own voices; only a time ("all night", "todo el dia") may stand between.
    entry = "escucho voces que me dicen que los ninos no son mios, que me los cambiaron"
    assert crisis_reading(entry).flagged


def test_too_squeezed_to_to_at_a_sentence_end_is_still_all_my_pills():
    # Doubled letters are squeezed before matching, so "too" reads as "to"; "take all my pills
    # to my mom's" is not taking them, "take all my pills too." is.
    assert crisis_reading("im going to take all my pills too").severity == "critical"
    assert not crisis_reading("im going to take all my pills to my moms").flagged


# Eighth entry: crises both layers missed in round60 helpers' files, each with an ordinary twin.
EIGHTH = [
    (
        "back to the razor",
        "went back to the razor i had before, the new one gave me bumps when shaving my legs",
        "didnt get the promotion. at home i went back to the razor. lots of new lines",
    ),
    (
        "it wasn't the cat",
        "the scratches on my arms? i said the cat and it really was the cat, she hates baths",
        "everyone asked about the marks on my arms, i said the cat. it wasnt the cat",
    ),
    (
        "no refill needed",
        "dr lowered my dose so i wont need the refill next week, i decided to ask about tapering",
        "b complex at 8 like clockwork. i wont need the refill next week, ive made up my mind",
    ),
    (
        "did it again after a streak",
        "everyone at group was proud of my 2 years today. then i did it again, another week clean, "
        "lol",
        "everyone at group was proud of my 2 years today. i went home and did it again in the "
        "bathroom",
    ),
    (
        "a day picked",
        "we picked a day for the party, its saturday",
        "it stopped getting better. i picked a day, its friday",
    ),
    (
        "to go with my brother",
        "quiero irme con mi hermano a la playa el finde, el ya se fue ayer",
        "deje las pastillas. quiero irme con mi hermano. el lo hizo en diciembre",
    ),
    (
        "to be with my mom",
        "i want to be with my mom on her birthday, she turns 70",
        "i want to be with my mom. she went the same way 10 years ago and now its my turn",
    ),
]

test_eighth_entry_families = twin_test(EIGHTH)


# Ninth entry: breathing and death thoughts in everyday senses.
NINTH = [
    (
        "humidity",
        "cant breathe in this humidity, 34 degrees and the ac is broken",
        "cant breathe in this humidity and my lips are going blue, inhaler not helping",
    ),
    (
        "wildfire smoke outside",
        "the smoke from the wildfires, cant breathe outside, staying in with the purifier on",
        "the smoke from the wildfires, i cant breathe and my chest is so tight, inhaler did "
        "nothing",
    ),
    (
        "hiccups",
        "hiccups so bad i could barely breathe, sister scared them out of me",
        "hiccups so bad i could barely breathe and now i still cant catch my breath, chest hurts",
    ),
    (
        "crying so hard",
        "i was crying so hard i couldnt breathe, then i called my mom and we talked it through",
        "i was crying so hard i couldnt breathe and i still cant, its been an hour",
    ),
    (
        "death since grandpa passed",
        "thinking about death a lot since grandpa passed, mostly about how short life is, booked a "
        "trip to see my aunt",
        "thinking about death a lot since grandpa passed, how short life is, and i want to join "
        "him",
    ),
]

test_ninth_entry_families = twin_test(NINTH)

test_ninth_entry_everyday = everyday_test(
    [
        "Hiccups so bad I could barely breathe.",
        "Crying so hard I couldn't breathe.",
    ]
)
