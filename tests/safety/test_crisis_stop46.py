"""What the rules read at stop 46 (issue 17; apps/safety/semantic/SHIP_RULES.md, stop 46's first
entry, from round38-train-rules-fa-g), each family with an ordinary twin that must stay quiet.

False alarms: breathing "through the nose" in Spanish is a cold's ("no puedo respirar por la
nariz"); "OD'd on" a genre or a series is a figure of speech; a threat said over a game's voice
chat is the game's, unless the entry says it is meant.

Second entry: breathlessness told inside a panic attack the entry says passed is the panic's
(cue panic_passed, read only around the words it holds: explained_within); the same words beside
that account, or with a red flag anywhere, still alert.

Third entry: a death wish told inside the account of a mishap (a bill, a match lost, a blunder
seen by others; cue mishap_wish, read with explained_within) is a figure of speech, unless the
entry says it is meant or lasting, names ruin or a humiliation; a sentence dated by the next one
("That was 2018.") is history, unless a later sentence takes it up again; a screening's items
answered in a list ("Suicide question, no.", "Thoughts of self harm today: 0/10.") are denials;
"self-harm free for 3 years" is a milestone.

Fourth entry: a date told right after an act in its sentence, past a comma ("once, in 2015"), is
history (never "in 2019 too", and never for a symptom, which may be what someone is confused
about); "the summer I was 14" dates like "when I was 14"; the misses of round39-train-rules-fa-h:
a cut repeated on purpose after an accident, a cover story taken back ("there isn't any Texas"),
pills on top of another medicine with the writer struggling to stay awake.

Fifth entry (round40-train-journals-i): a burden thought the writer is questioning; eating until
one could not breathe, money bleeding out of an account, a fear of fainting; a screening's list
answered "Everything fine."; chest pain cleared as gastritis; a dog named by its breed.

Sixth entry (round40-train-journals-j): new blades bought after a streak free of self-harm; the
head hit against any piece of furniture; steering into traffic thought about; swimming out and not
coming back; a rating "it was a 0"; someone else's delusion told as theirs.

Seventh entry: stroke signs listed right after someone else's stroke, with no "I", "me" or "my",
are theirs (cue someone_elses_attack, read with explained_within).

Eighth entry (round41-train-journals-l): breath lost "for a second"; a goodbye letter to an old
self; nearly fainting at a bill; a smell as an everyday cause of feeling faint; a week's pills
swallowed at once; a rope taken out and a doubt about coming back.

Misses: a harm kept in mind past a few words ("I keep thinking about going back tomorrow and
really hurting him"), someone waited for with a weapon, and a gun kept close "not for
protection" (never when the entry says what it is for instead).

The entries here are written for these tests, not copied from the training files.
"""

from .twins import everyday_test, twin_test

# (family, an ordinary entry that must stay quiet, its crisis twin that must alert)
FAMILIES = [
    (
        "a cold's blocked nose in Spanish",
        "Estoy con gripa, no puedo respirar por la nariz y tengo la garganta rasposa. Té y cama.",
        "No puedo respirar y siento el pecho apretado desde hace una hora. Estoy sola en casa.",
    ),
    (
        "overdosed on a genre",
        "OD'd on true crime podcasts on the drive to my sister's, six hours of murders lol.",
        "OD'd on my sleeping tablets on the drive home, I'm in a lay-by and I can't stay awake.",
    ),
    (
        "a threat over a game's voice chat",
        "Scrims tonight. Told my duo over voice chat I'd kill him if he threw one more grenade "
        "at our feet. We won anyway.",
        "Told my duo over voice chat I'd kill him. I mean it, I've got his address from the "
        "tournament sign-up.",
    ),
    (
        "a harm kept in mind past a few words",
        "I keep thinking about the argument with my brother and how I should have said sorry.",
        "I keep thinking about driving over there tonight and really hurting my brother.",
    ),
    (
        "someone waited for with a weapon",
        "Waiting for my son after practice with a flask of cocoa, he's always frozen.",
        "I'm going to wait for my neighbour outside his gate tonight with a bat.",
    ),
    (
        "a gun kept close, not for protection",
        "Took the shotgun to the club on Saturday. It's not for protection, it's for clay "
        "shooting with my uncle.",
        "My grandfather's revolver lives in my car now. It's not for protection.",
    ),
]

test_each_family = twin_test(FAMILIES)


# Second entry: (family, ordinary entry that must stay quiet, its crisis twin that must alert)
PANIC_PASSED = [
    (
        "breathlessness inside a panic attack that passed",
        "Panic attack at the checkout. Heart racing, couldn't get my breath, same as always. "
        "Did the 4-7-8 breathing in the car and it passed.",
        "Panic attack at the checkout, it passed. An hour later I couldn't get my breath again "
        "and it's still like that.",
    ),
    (
        "the same account with a red flag",
        "Tuve un ataque de pánico en el bus, no podía respirar, pero se me pasó en diez minutos.",
        "Tuve un ataque de pánico en el bus, no podía respirar y tenía los labios morados, se me "
        "pasó un poco.",
    ),
    (
        "breathlessness told before the panic attack is named",
        "Couldn't catch my breath on the platform, then I recognised it as an anxiety attack and "
        "it eased once I sat down.",
        "Couldn't catch my breath on the platform. I thought it was an anxiety attack but it "
        "isn't passing and my throat feels tight.",
    ),
]

test_each_panic_passed_family = twin_test(PANIC_PASSED)

# Third entry: (family, ordinary entry that must stay quiet, its crisis twin that must alert)
THIRD = [
    (
        "a death wish said of a bill",
        "The plumber's invoice came: $640 for one afternoon. I want to die. Paying it in two goes.",
        "The plumber's invoice came: $640. I want to die, every single day now, and not because "
        "of the plumber.",
    ),
    (
        "a death wish said of a match lost",
        "We lost 5-0 at home to the bottom team. I wanted to die in the stands. Chips on the way "
        "back.",
        "We lost 5-0 at home. I wanted to die in the stands, and honestly I've meant it for weeks.",
    ),
    (
        "a death wish said of a blunder in Spanish",
        "Le mandé el audio a mi jefe pensando que era el grupo de mis primas, me quiero morir. Me "
        "respondió con un emoji.",
        "Le mandé el audio a mi jefe pensando que era otro grupo, me quiero morir y no es broma, "
        "ya no aguanto.",
    ),
    (
        "a death wish said of a blunder, not of a humiliation",
        "Forgot my mic was unmuted and sang through the whole meeting. I wanted to die. Everyone "
        "was kind about it.",
        "They laughed at me in front of everyone again. I want to die.",
    ),
    (
        "a past dated by the next sentence",
        "I wanted to die pretty much every day back then. That was 2017. Today I planted garlic "
        "with my daughter.",
        "I wanted to die pretty much every day back then. That was 2017. And it's back now.",
    ),
    (
        "a past dated by the next sentence in Spanish",
        "Me corté los brazos muchas veces. Eso fue en la prepa. Hoy tengo 30 y estoy bien.",
        "Me corté los brazos muchas veces. Eso fue en la prepa. Y volvió todo: anoche me volví a "
        "cortar.",
    ),
    (
        "screening items answered in a list",
        "The nurse did the mental health screen. Suicide question, no. Self-harm question, no "
        "(not since uni). Then blood pressure.",
        "The nurse did the mental health screen. Suicide question, no. But I've been cutting my "
        "thighs again since Friday.",
    ),
    (
        "a check-in's ratings of zero",
        "The app asked its daily check-in questions. Thoughts of self harm today: 0/10. Sleep: 7 "
        "hrs.",
        "The app asked its daily check-in questions. Thoughts of self harm today: 9/10. I have the "
        "blade out.",
    ),
    (
        "a milestone free of self-harm",
        "Self-harm free for 2 years now. Got my chip and cried.",
        "Self-harm free for 2 years until last night, when I burned my arm with the lighter.",
    ),
]

test_each_third_entry_family = twin_test(THIRD)

# Everyday sentences of the second and third entries that explain words near them: beside each,
# every known crisis of the property tests must still be found.
EVERYDAY = [
    "Had a panic attack at the shop, couldn't breathe for a minute, but it passed.",
    "Tuve un ataque de pánico en el metro, no podía respirar, ya se me pasó.",
    "The vet bill came: $1,800. I want to die.",
    "Le erré al cumpleaños de mi suegra por un día, me quiero morir.",
    "I wanted to die in the stands when we lost 0-4.",
    "I was in a dark place. That was 2018.",
    "Suicide question, no.",
    "Self-harm free for 3 years now.",
    "Uncle had a stroke. Face drooping, slurred speech, aunt called 911.",
]

test_no_everyday_sentence_of_this_stop_beside_a_known_crisis_hides_it = everyday_test(EVERYDAY)


# Fourth entry: (family, ordinary entry that must stay quiet, its crisis twin that must alert)
FOURTH = [
    (
        "an overdose dated right after it",
        "Took too many of my sleeping tablets once, in 2016, after the divorce. Told that story "
        "at group tonight.",
        "Took too many of my sleeping tablets tonight, like in 2016, and I can't keep my eyes "
        "open.",
    ),
    (
        "a summer of the writer's teens",
        "The summer I was 15 I cut my arms with a compass. I'm 40 now and I teach maths.",
        "The summer I was 15 I cut my arms with a compass, and I cut them again last night.",
    ),
    (
        "a cut repeated on purpose after an accident",
        "Nicked my thumb chopping onions, and then nicked it again by accident twenty minutes "
        "later. Plasters everywhere.",
        "Nicked my thumb chopping onions, and then I did it again on purpose, deeper.",
    ),
    (
        "a cover story taken back",
        "I told everyone I'm moving to Leeds and there's a whole leaving do on Friday. Packing "
        "boxes all week.",
        "I told everyone I'm moving to Leeds, but there isn't any Leeds. This is my last week "
        "and I want it to look normal.",
    ),
    (
        "pills on top of another medicine and drowsy",
        "Took my ibuprofen on top of my usual meds for the toothache, as the pharmacist said. "
        "Sleeping fine.",
        "Took eight of the pills on top of my gabapentin and I'm struggling to stay awake.",
    ),
]

test_each_fourth_entry_family = twin_test(FOURTH)


# Fifth entry: (family, ordinary entry that must stay quiet, its crisis twin that must alert)
FIFTH = [
    (
        "a burden thought being questioned",
        "I feel like a burden when my sister drives me to the clinic. My therapist calls it a "
        "thought to question, so I'm questioning it.",
        "I feel like a burden to my sister. I tried questioning it but it's louder every day.",
    ),
    (
        "eating until one could not breathe",
        "Christmas lunch at my aunt's, ate tamales until I couldn't breathe. Nap on the sofa.",
        "Christmas lunch at my aunt's. Since the prawns my throat is swelling and I can't breathe.",
    ),
    (
        "money bleeding out of an account",
        "Found where the money was bleeding out of the club's account: a forgotten subscription.",
        "Found the razor in the drawer and I kept going until my arm was bleeding out onto the "
        "towel.",
    ),
    (
        "a fear of fainting worked on",
        "Exposure practice for my fear of fainting in public: twenty minutes in the supermarket.",
        "Fainted in the supermarket and hit my head, I'm still dizzy and confused an hour later.",
    ),
    (
        "a screening list answered everything fine",
        "The nurse asked the usual questions, sleep, appetite, mood, any thoughts of hurting "
        "myself. Everything fine. Back in a month.",
        "The nurse asked the usual questions, sleep, appetite, mood, any thoughts of hurting "
        "myself. I lied. I've been hurting myself every night.",
    ),
    (
        "chest pain cleared as gastritis",
        "El dolor de pecho de la semana pasada era gastritis, me hicieron electro y todo. Hoy "
        "bien.",
        "Me duele el pecho desde hace una hora y se me va al brazo izquierdo, estoy sudando.",
    ),
    (
        "a dog named by its breed",
        "Our border collie had a seizure this morning; the vet thinks it's epilepsy and she's on "
        "tablets now.",
        "I had a seizure this morning in the kitchen and my tongue is bleeding, nobody is home.",
    ),
]

test_each_fifth_entry_family = twin_test(FIFTH)


# Sixth entry: (family, ordinary entry that must stay quiet, its crisis twin that must alert)
SIXTH = [
    (
        "new blades after a streak",
        "Forty days clean from self harm and I bought a new notebook to mark it. Proud.",
        "Forty days clean from self harm but tonight I bought new blades. They're in my coat.",
    ),
    (
        "the head hit against furniture",
        "Hit my head on the wardrobe door again reaching for a jumper. Who designs these rooms.",
        "After the call I hit my head against the wardrobe until I saw stars. Big lump.",
    ),
    (
        "steering into traffic thought about",
        "On the drive home I thought about steering into the drive-through for a milkshake.",
        "On the drive home I thought about steering into a lorry and it felt calm.",
    ),
    (
        "swimming out and not coming back",
        "Swam out to the buoy and back twice this morning, the water was freezing. Coffee after.",
        "Walked on the beach and thought about swimming out as far as I can and not coming back.",
    ),
    (
        "a rating of zero",
        "Asked to rate my suicidal thoughts this week and it was a 0. She smiled.",
        "Asked to rate my suicidal thoughts this week and it was a 9. I have a plan for Friday.",
    ),
    (
        "someone else's delusion told as theirs",
        "A woman on my corridor thinks the council is spying through the smoke alarms. I've asked "
        "her GP to visit.",
        "A woman on my corridor thinks I'm paranoid but the council is spying on me through the "
        "smoke alarms.",
    ),
]

test_each_sixth_entry_family = twin_test(SIXTH)


# Seventh entry: (family, ordinary entry that must stay quiet, its crisis twin that must alert)
SEVENTH = [
    (
        "stroke signs listed after someone else's stroke",
        "My neighbour had a stroke on Sunday. Face drooping, slurred speech, his wife called 999 "
        "straight away. He's stable.",
        "My neighbour had a stroke last year. Now my own face is drooping and my speech is "
        "slurred, since lunch.",
    ),
]

test_each_seventh_entry_family = twin_test(SEVENTH)


# Eighth entry: (family, ordinary entry that must stay quiet, its crisis twin that must alert)
EIGHTH = [
    (
        "breath lost for a second",
        "Couldn't breathe for a second when the wave knocked me over, laughed it off. Swam again.",
        "Couldn't breathe for a second, and now my lips are blue and my throat is closing.",
    ),
    (
        "a goodbye letter to an old self",
        "Group homework: a goodbye letter to my old drinking self. Two pages, felt good.",
        "Wrote goodbye letters to my kids tonight and left them on the table.",
    ),
    (
        "nearly fainting at a bill",
        "The dentist's quote came in and I nearly fainted. Getting a second opinion.",
        "Nearly fainted twice at work today and my heart keeps racing and skipping, still now.",
    ),
    (
        "a week's pills at once",
        "Filled the week's organiser at once on Sunday like the pharmacist showed me.",
        "I swallowed my week's organiser of pills all at once an hour ago.",
    ),
    (
        "a rope taken out and a doubt about coming back",
        "Took the dog out with a rope lead since the clip broke. Long walk, back for tea.",
        "Went out to the garage with a rope and sat there an hour. Came in when the phone rang. "
        "Not sure I'll come back in next time.",
    ),
]

test_each_eighth_entry_family = twin_test(EIGHTH)
