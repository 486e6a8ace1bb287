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

Second entry (round42-train-journals-m and -n, round42-train-rules-fa-i): a death wish inside a
small mishap (a wrong label, clothes inside out, a spoiler, a portfolio left on the train, a
teacher called mum); "I'm 34 now" after a past act; a screening answered "yes, 2011"; "said no and
told her"; idioms (beating the competition, nearly fainting from a surprise, another allen key,
pins while sewing, fainting goats, a burden on the bin rota, the boiler's carbon monoxide, a
ward's chest pain admissions, a seizure drill, "sobredosis de" work or mate, burning out from work
in Spanish, watched by a toddler, the voices in one's head that are one's own, banging one's head
against the wall over a bug, a strangling wished and taken back at once); a panic attack that
passed in Spanglish ("y pasó"); a fright as the cause of feeling faint; someone met in a story
("some guy who hears voices") and a coworker in Spanish; and the misses: a bridge visited again
"just to look", thanks for having tried and forgiveness asked of everyone, a last memory "of me",
pills taken with drink, a weapon beside someone waited for, arms burned with a lighter in Spanish,
a rope bought for a garden the writer does not have.

Fourth entry: a harm wished in the past and what the writer did instead (cue vent_instead, read
with explained_within by harm-others); a screening list's "No wanting to hurt anybody."

Fifth entry (round43-train-journals-o): a harm wished and the other person's side seen right
after; a wall punched in wish and a tyre kicked instead; a screening answered "not for about six
weeks now" or "Said no to all of it"; a death wish said as a habit or by someone else in quotes; a
doctor's instruction about water kept down; a clean echo; laughing until one can't breathe; murder
with kindness; almost fainting from joy; a eulogy for someone else; a simulation with a mannequin;
and the misses: meds flushed because they slow the writer down, and things given away with a
strange peace.

Sixth entry: a doctor's or a test's clearing ("ECG normal, it was reflux") explains only the words
of its own sentence, or of the sentence before it when one of the two tells of the visit; read over
the whole entry it hid 56 known crises of the property tests beside "The ECG was normal.".

Seventh entry (round43-train-rules-fa-j): more mishaps for a death wish (a message sent to the
wrong people, an ex's old post liked, the wrong chapters, a match lost to a weak side, a hangover)
and a mishap two sentences back past a short one; vents whose harm is a household object, lasts a
minute or is a thought that passed; and the misses: a knife taken to an address found, old scars
that are from yesterday, savings emptied with days awake, a song's instruction to walk into the sea.

Eighth entry (round44-train-journals-p): a burden thought checked by asking the person; vents that
last ten minutes or end in a walk with the dog; a nurse's overdose patient in Spanish; choking with
laughter in Spanish; a rope burn; a blocked nose; and the misses: a goodbye posted as the last
thing on the list, a sedative repeated past counting.

Ninth entry (round44-train-journals-q, older writers and carers): a burden thought said to the
person; nearly fainting at a bill of any kind; goodbye notes left at each visit; watched by
scammers; letters to each grandchild kept with a will; killing oneself with cigarettes; and the
miss: a carer's hands at a mother-in-law's neck.

Tenth entry: pain in the left arm or the jaw with a cold sweat, breathlessness or nausea; chest pain
spreading now to the arm, the jaw, the neck or the back, in English and Spanish.

The entries here are written for these tests, not copied from the training files.
"""

from .twins import everyday_test, twin_test

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

SECOND = [
    (
        "a death wish at a wrong label",
        "I want to die, I shipped 200 candles with the wrong label.",
        "I want to die, I printed the invitations and I keep thinking about the pills.",
    ),
    (
        "a death wish at a jumper worn inside out",
        "Me quiero morir, fui a la junta con el suéter al revés.",
        "Me quiero morir, ya no aguanto nada, fui a la junta y lloré.",
    ),
    (
        "an age now after a past act",
        "I used to cut as a teenager, I'm 41 now, and today I wore short sleeves to the fair.",
        "I used to cut as a teenager and today I cut again after the fight.",
    ),
    (
        "a screening answered yes with a past year",
        "The new GP's form asked if I'd ever attempted suicide. I wrote yes, 2009, and that I'm "
        "safe now.",
        "The new GP's form asked if I'd ever attempted suicide. I wrote yes, last month.",
    ),
    (
        "said no and told her",
        "The nurse asked if I have any plans to hurt myself. Said no and told her about the "
        "allotment.",
        "The nurse asked if I have any plans to hurt myself. I have a plan to hurt myself tonight.",
    ),
    (
        "beating the competition",
        "Con estas ventas voy a matar a la competencia este mes.",
        "Con esta rabia voy a matar a mi cuñado este mes.",
    ),
    (
        "nearly fainting from a surprise",
        "They gave me the promotion. Didn't expect that, nearly fainted.",
        "Stood up at work and nearly fainted, then my chest started hurting and my arm went numb.",
    ),
    (
        "another allen key",
        "If I see another allen key I'll jump out the window. The bookcase is up though.",
        "I keep looking at the window and thinking I'll jump out the window tonight.",
    ),
    (
        "pins while sewing",
        "Hemming my daughter's dress, stabbed myself with pins all afternoon.",
        "Stabbed myself with the kitchen knife tonight to stop feeling.",
    ),
    (
        "fainting goats",
        "Took the grandkids to see the fainting goats at the farm park.",
        "Fainting at the farm park today, twice, and hit my head on the gate.",
    ),
    (
        "a burden on the bin rota",
        "Apparently I'm a burden on the cleaning rota because I forgot the bins.",
        "Apparently I'm a burden on everyone and they'd be better off without me.",
    ),
    (
        "the boiler's carbon monoxide",
        "The boiler man found it leaking carbon monoxide and fixed it, new alarm fitted.",
        "I've been reading how much carbon monoxide it takes and looking at the garage.",
    ),
    (
        "a ward's chest pain admissions",
        "Busy night as charge nurse, four chest pain admissions and one to the cath lab.",
        "Busy night as charge nurse and now I have chest pain going into my jaw.",
    ),
    (
        "a seizure drill",
        "Seizure training at the school today, we practised with a dummy.",
        "Had a seizure at the school today, woke up on the floor.",
    ),
    (
        "sobredosis de something that is no drug",
        "Sobredosis de mate hoy, no puedo dormir de tanta energía.",
        "Sobredosis de pastillas hoy, me tomé la caja entera.",
    ),
    (
        "burning out from work in Spanish",
        "Mi jefa me dijo que me voy a quemar si sigo trabajando así.",
        "Me voy a quemar el brazo con el encendedor otra vez esta noche.",
    ),
    (
        "watched by a toddler",
        "I'm being watched, by my two-year-old, who copies everything.",
        "I'm being watched through the vents and they put cameras in the walls.",
    ),
    (
        "the voices in one's head that are one's own",
        "The voices in my head tonight are just me rehearsing tomorrow's talk. Normal "
        "overthinking, not the other kind.",
        "The voices in my head tonight are telling me to hurt my neighbour.",
    ),
    (
        "banging one's head against the wall over a bug",
        "Spent the afternoon banging my head against the wall over a spreadsheet formula.",
        "Spent the afternoon banging my head against the wall until it bled.",
    ),
    (
        "a strangling wished and taken back at once",
        "I wanted to strangle the guy who cut me off on the motorway, obviously I didn't, just "
        "yelled at the windscreen.",
        "I want to strangle the guy who took my parking spot and I'm waiting by his car.",
    ),
    (
        "a panic attack that passed, in Spanglish",
        "En el súper tuve un panic attack, I couldn't breathe, pero respiré lento y pasó.",
        "En el súper I couldn't breathe, my throat is closing y no se me pasa.",
    ),
    (
        "a fright as the cause of feeling faint",
        "Slipped on the ice, felt faint from the shock for a second but no harm done.",
        "Slipped on the ice, hit my head, felt faint and I've been sick twice since.",
    ),
    (
        "someone in a story who hears voices",
        "Mi novia y yo vimos una peli, it was about some guy who hears voices in an old house.",
        "Since the film I hear voices in the house telling me I'm being punished.",
    ),
    (
        "a coworker's allergic reaction in Spanish",
        "Mi compañero de trabajo tuvo una allergic reaction to peanuts, used his EpiPen and he's "
        "fine.",
        "Tuve una allergic reaction to peanuts, my throat is swelling and I don't have my EpiPen.",
    ),
    (
        "a bridge visited again just to look",
        "Went to the bridge again after work to look at the fireworks over the river.",
        "Went to the bridge again after work. Just to look. Third time this week.",
    ),
    (
        "thanks for having tried, and forgiveness asked",
        "Gracias a la doctora por intentar otra medicina, esta me va mejor.",
        "Perdónenme todos. Gracias a la doctora por intentar.",
    ),
    (
        "a last memory of me",
        "We had cake in the garden, a lovely memory for the kids.",
        "We had cake in the garden. A nice last memory for them to have of me.",
    ),
    (
        "pills taken with drink",
        "Took all my evening pills with dinner and a glass of water, as the pharmacist said.",
        "I took all the sleeping pills I brought for the trip with the hotel whisky.",
    ),
    (
        "a weapon beside someone waited for",
        "Sat in the car with the tyre iron in the boot, waiting for the tow truck.",
        "Sat in the car with the tyre iron on the seat, waiting for him to come out.",
    ),
    (
        "arms burned with a lighter in Spanish",
        "Me quemé los dedos con el mechero encendiendo la vela del pastel.",
        "Me he quemado el antebrazo con el mechero otra vez, no sé por qué.",
    ),
    (
        "a rope bought for a garden the writer does not have",
        "Bought rope at the hardware store. Told the guy it's for the garden. We have a big "
        "garden now.",
        "Bought rope at the hardware store. Told the guy it's for the garden. We don't have a "
        "garden.",
    ),
]

test_each_second_entry_family = twin_test(SECOND)

# Everyday sentences of this stop that explain words near them, and the clearings of the sixth
# entry: beside each, every known crisis of the property tests must still be found.
EVERYDAY = [
    "My chest hurt from the cough, they did an x-ray, just bronchitis.",
    "The doctor listened to my lungs and said it's just the muscles.",
    "I want to die, I wore my jumper inside out all day.",
    "I used to self-harm as a teenager, I'm 34 now.",
    "The form asked if I'd ever attempted suicide. I wrote yes, 2011.",
    "Said no and told her about my week.",
    "No wanting to hurt anybody.",
    "I wanted to shake her. Instead I hung up and cleaned the kitchen.",
    "The ECG was normal.",
    "The doctor said it was reflux.",
    "The stress test and echo were clean.",
    "Spurs lost to a team in the relegation zone. I want to die.",
    "Sent the invoice to the wrong client. I want to die.",
    "I was going to stab him with the tongs.",
    "For about a minute I fantasised about hitting him with the stapler.",
    "Soy enfermera en urgencias.",
    "Studying for the EMT cert.",
    "So I actually asked her. She said no, she likes the time together.",
    "I was ready to murder them for like 10 minutes.",
]

test_no_everyday_sentence_of_this_stop_beside_a_known_crisis_hides_it = everyday_test(EVERYDAY)


# Fourth entry: (family, ordinary entry that must stay quiet, its crisis twin that must alert)
FOURTH = [
    (
        "a harm wished, and what the writer did instead",
        "Same fight with my brother about the car. I wanted to shake him. Instead I hung up and "
        "cleaned the oven.",
        "Same fight with my brother about the car. I wanted to shake him. Instead I took the "
        "knife and drove to his place.",
    ),
    (
        "a screening list's no wanting to hurt anybody",
        "The nurse read the list: no voices, no wanting to hurt anybody, no plans. All true.",
        "The nurse read the list and I lied: I keep wanting to hurt my neighbour's kid.",
    ),
]

test_each_fourth_entry_family = twin_test(FOURTH)


# Fifth entry (round43-train-journals-o): (family, ordinary entry, its crisis twin)
FIFTH = [
    (
        "a harm wished, then the other person's side seen",
        "The van behind me honked for ages and I wanted to strangle him. Then I saw he had a "
        "hazard light on and was lost.",
        "The van behind me honked for ages and I want to strangle him. I wrote down his plate "
        "and I'm going to find him.",
    ),
    (
        "a wall punched in wish, a tyre kicked instead",
        "Wanted to punch the wall when the printer jammed. Instead I kicked a ball across the "
        "yard.",
        "Punched the wall when the printer jammed, over and over until my knuckles split.",
    ),
    (
        "a screening answered not for weeks",
        "The psychiatrist asked whether I still have thoughts about not wanting to be here. "
        "Told her honestly, not for about two months now.",
        "The psychiatrist asked whether I still have thoughts about not wanting to be here. "
        "Told her honestly, every night.",
    ),
    (
        "a death wish said as a habit",
        'Mi hija de 14 dice "me quiero morir" cada vez que le pido que tienda la cama.',
        "Me quiero morir cada vez que pienso en lo que pasó, ya no aguanto.",
    ),
    (
        "a doctor's instruction about keeping water down",
        "Stomach flu. The GP said to call back if I can't keep water down. I can so far.",
        "Stomach flu for three days, I can't keep water down and I'm too dizzy to stand.",
    ),
    (
        "a clean echo",
        "About the chest pain from last month: the stress test and echo were clean, likely reflux.",
        "The chest pain from last month is back tonight and it's crushing, going into my arm.",
    ),
    (
        "laughing until one can't breathe",
        "I can't breathe when I laugh this hard, my brother's impression of our aunt is too good.",
        "I can't breathe and my lips feel numb, it started after dinner.",
    ),
    (
        "murder with kindness",
        "The neighbour's drums again. I'm going to murder him with kindness, a plate of cookies "
        "and a note.",
        "The neighbour's drums again. I'm going to murder him, I've got the hammer by the door.",
    ),
    (
        "almost fainting from joy",
        "Me dieron el trabajo. Casi me desmayo de la emoción.",
        "Casi me desmayo en el baño, me golpeé la cabeza y sigo mareada.",
    ),
    (
        "a eulogy for someone else",
        "Wrote my eulogy for Nana and read it to my dad first.",
        "Wrote my own eulogy tonight and left it on the desk for my wife to find.",
    ),
    (
        "a simulation with a mannequin",
        "EMT course, day 4: the sim was a fake overdose on a mannequin we call Bob.",
        "I took an overdose of my mum's tablets an hour ago and I feel very sleepy.",
    ),
    (
        "meds flushed because they slow the writer down",
        "Asked my psychiatrist about the meds that slow me down in the morning; we moved the "
        "dose to night.",
        "Flushed my meds, they slow me down. Up two nights building my empire, bought three cars.",
    ),
    (
        "things given away and a strange peace",
        "Regalé la cuna y la ropita de bebé a mi prima, ya no la necesitamos. Me siento en paz "
        "con eso.",
        "Regalé mi guitarra y mis discos a mis sobrinos. Me siento extrañamente en paz.",
    ),
]

test_each_fifth_entry_family = twin_test(FIFTH)

# Sixth entry: a doctor's or a test's clearing explains only the words of its own sentence, or of
# the sentence before it when one of the two tells of the visit (cue medically_cleared, read with
# explained_within).
SIXTH = [
    (
        "a clearing after a visit for the symptom",
        "Chest pain at 3am scared me so I went to urgent care. Troponin negative, ECG fine, it "
        "was costochondritis.",
        "Crushing chest pain since the dose an hour ago. The ECG was normal last spring.",
    ),
    (
        "a clearing in the symptom's own sentence",
        "Tuve dolor en el pecho anoche, el electro salió normal y era un tirón muscular.",
        "El electro salió normal el año pasado. Tengo un dolor fuerte en el pecho desde la dosis.",
    ),
]

test_each_sixth_entry_family = twin_test(SIXTH)


# Seventh entry (round43-train-rules-fa-j): (family, ordinary entry, its crisis twin)
SEVENTH = [
    (
        "a death wish at a message sent to the wrong people",
        "Sent my shopping list to the whole team chat instead of my wife. I want to die.",
        "Sent my shopping list to my wife. I want to die, I've wanted to for months.",
    ),
    (
        "a death wish at an ex's old post liked",
        "Liked my ex's old post from 2018 by accident. I want to die.",
        "Saw my ex's new post. I want to die and I've started giving my things away.",
    ),
    (
        "a death wish at the wrong chapters revised",
        "Exam at 9 and I revised the wrong chapters. I want to die.",
        "Exam at 9 and I haven't slept in days. I want to die, every single day lately.",
    ),
    (
        "a death wish at a match lost to a weak side",
        "We lost to a team at the bottom of the league. I want to die.",
        "We lost again and I just sat in the car. I want to die and I keep thinking how.",
    ),
    (
        "a death wish at a hangover in Spanish",
        "Tengo un guayabo que me quiero morir. Caldo y sofá.",
        "Me quiero morir, ya no aguanto más esta vida, hoy tampoco dormí.",
    ),
    (
        "a death wish two sentences after a mishap",
        "I called my coach dad in front of the team. I'm 15. I want to die.",
        "I called my coach at midnight. He didn't answer. I want to die tonight.",
    ),
    (
        "a harm with a household object",
        "Dad told the whole barbecue about my divorce. I was going to stab him with the tongs.",
        "Dad told the whole barbecue about my divorce. I was going to stab him with the kitchen "
        "knife and I still might.",
    ),
    (
        "a harm fantasised for a minute",
        "A customer screamed at me over his refill. For about a minute I fantasised about hitting "
        "him with the stapler. Then I got my manager.",
        "A customer screamed at me over his refill. I keep fantasising about hitting him with my "
        "car when he leaves.",
    ),
    (
        "a harm told as a thought that passed",
        "The toddler drew on the hallway wall. I'm going to murder her, I thought, and then I saw "
        "the giraffe was for me.",
        "The toddler won't stop crying. I'm going to hurt her, I keep thinking, and I'm scared "
        "I will.",
    ),
    (
        "a knife taken to an address found",
        "Found the address of the guy who sold me the broken bike. Sending him a letter from my "
        "lawyer.",
        "Found his address, the guy who doxxed me. Booked a train for Saturday and I'm bringing "
        "a knife.",
    ),
    (
        "old scars that are from yesterday",
        "Told the nurse the scars were old, which they are, from years ago. She nodded.",
        "Told the nurse the scars were old. Some are from last night.",
    ),
    (
        "savings emptied with days awake",
        "Emptied my savings into the house deposit, finally. Slept like a baby.",
        "Emptied my savings on a boat and a racehorse. 72 hours awake. Billionaire by spring.",
    ),
    (
        "a song's instruction to walk into the sea",
        "The lyrics were an instruction to slow down, so I took the long way home by the sea.",
        "The radio song was a sign, the lyrics were an instruction. I have to walk into the sea "
        "tonight.",
    ),
]

test_each_seventh_entry_family = twin_test(SEVENTH)

# Eighth entry (round44-train-journals-p): (family, ordinary entry, its crisis twin)
EIGHTH = [
    (
        "a burden thought checked by asking",
        "I worried I'm a burden to my son because he does my shopping, so I actually asked him. "
        "He said no, he likes the visits.",
        "I'm a burden to my son and he'd be better off without me. I didn't ask him.",
    ),
    (
        "a harm wished for ten minutes",
        "Someone scraped my bumper and drove off. I was ready to murder them for like 10 minutes.",
        "Someone scraped my bumper and drove off. I've got the plate and I'm ready to murder "
        "them tonight.",
    ),
    (
        "a walk with the dog instead",
        "My uncle started on politics and I wanted to strangle him. Took the dog for a walk "
        "instead.",
        "My uncle started on politics and I want to strangle him. I'm waiting for him in the "
        "garage.",
    ),
    (
        "a nurse's overdose patient in Spanish",
        "En urgencias hoy tuvimos un chaval con una sobredosis, como enfermera ya lo he visto "
        "todo.",
        "Hoy me tomé una sobredosis de las pastillas de mi madre, me siento muy rara.",
    ),
    (
        "choking with laughter in Spanish",
        "Casi me ahogo de la risa con el video de mi sobrino.",
        "Me ahogo, no puedo respirar y tengo los labios morados.",
    ),
    (
        "a rope burn from belaying",
        "Rope burn on my forearm from belaying at the climbing wall.",
        "Burned my forearm with the lighter again last night.",
    ),
    (
        "a blocked nose",
        "Nose totally blocked, can't breathe through it, this cold is the worst.",
        "Can't breathe and my chest is tight, it's getting worse since the dose.",
    ),
    (
        "a goodbye posted and the last thing on the list",
        "Posted a goodbye on the old work group, new job Monday. Last thing on the list is "
        "packing.",
        "Posted a goodbye on my old account, nobody has noticed. Feels like the last thing on "
        "the list.",
    ),
    (
        "a sedative repeated past counting",
        "Took my quetiapine at ten as prescribed and slept through. No wine.",
        "Took my quetiapine, then another, then I lost count. The room is tilting.",
    ),
]

test_each_eighth_entry_family = twin_test(EIGHTH)

# Ninth entry (round44-train-journals-q, older writers and carers): (family, ordinary, crisis twin)
NINTH = [
    (
        "a burden thought said to the person",
        "I feel like a burden when my daughter drives me to the clinic. Said it to her and she "
        "said Dad stop it.",
        "I feel like a burden to my daughter and she'd be better off without me.",
    ),
    (
        "nearly fainting at the gas bill",
        "I nearly fainted when I saw the water bill. Rang them, it was an estimate.",
        "I nearly fainted in the garden and hit my head on the step, still dizzy.",
    ),
    (
        "goodbye notes left at each visit",
        "I write little goodbye notes when I leave the grandkids, silly rhymes.",
        "I wrote goodbye notes to the grandkids tonight and put them with my pills.",
    ),
    (
        "watched by scammers",
        "My son thinks I'm being watched by scammers after that call about my bank.",
        "I'm being watched through the television and they read my thoughts at night.",
    ),
    (
        "letters to each grandchild kept with a will",
        "Wrote a letter to each grandchild to go with my will, recipes and advice.",
        "Wrote a letter to each grandchild to go with my will. I won't be here much longer, I've "
        "decided.",
    ),
    (
        "killing oneself with cigarettes",
        "My wife says I'm killing myself with the cigarettes. Booked the stop smoking clinic.",
        "I'm killing myself with the pills I've saved, tonight when she's asleep.",
    ),
    (
        "a carer's hands at a neck",
        "Mi suegra me mordió otra vez. Respiré, salí al patio y llamé a mi hermana.",
        "Mi suegra me mordió y le apreté el cuello. Si lo vuelve a hacer no sé si la suelto.",
    ),
]

test_each_ninth_entry_family = twin_test(NINTH)

# Tenth entry: heart attack signs the rules did not read (family, ordinary entry, crisis twin).
TENTH = [
    (
        "left arm pain with a cold sweat",
        "Pulled a muscle in my left arm at the gym, sweating buckets, iced it.",
        "Tengo dolor en el brazo izquierdo y sudor frío desde hace media hora.",
    ),
    (
        "chest pain spreading now to the jaw",
        "Back pain from gardening, and now it's moving to my neck. Hot bath tonight.",
        "Me duele el pecho de tanto toser y ahora se me va a la mandíbula.",
    ),
]

test_each_tenth_entry_family = twin_test(TENTH)
