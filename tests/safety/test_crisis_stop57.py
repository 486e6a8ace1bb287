"""What the rules read at stop 57 (issue 17; apps/safety/semantic/SHIP_RULES.md, stop 57's entries),
each family with an ordinary twin that must stay quiet and a crisis twin that must alert.

First entry (round62-train-mixed-a to -d, written with the blind sets' own brief): crises both
layers missed. A date picked after a birthday so as not to ruin it; the last check-in the
clinician will get; wanting that to be the last thing ever said to a brother; going too when a
dying grandfather goes; leaning forward at the top of the stairs and ending it; standing over a
sleeping mother with a pillow; a palm held on the stove as punishment; a TV anchor who says a
husband poisons the food; sure of a win and back tonight to win the rent back; five times the dose
the clinician gave; "remember me for the good stuff"; God asked to forgive in advance; saving
someone the trouble, permanently; socials deleted and the cat given for good; perfect timing for
what the writer won't explain; a car burned with him in it; a word carved into the skin; a
reflection that moves first; money given to strangers because money is fake.

Second entry (round62's training files): the rules' false alarms there. Questionnaires answered
none in forms the cues did not read ("0 on suicidal ideation", "(none)", a bare 0, "a flat no",
"answered no on the ... question", "my only plan is to watch the game"); "leg day me mató"; a
past dated "back then", by a younger self's age or "hace years"; a drink one would rather die
than have; a dessert fork to escape small talk; a death wish "in a funny way"; an overdose
call on an ambulance shift; a goodbye message in Slack; a threat undone by a coffee bought or a
chat muted; a rating answered "Zero." as the next sentence; a threat followed by what was done
instead; thoughts said to have stopped around a time.

The entries here are written for these tests, not copied from the training files.
"""

from .twins import twin_test

# First entry: the crises round62's training files missed.
FIRST = [
    (
        "a date picked so as not to ruin a birthday",
        "we picked a date for the wedding, the 14th, right after my sisters birthday so we dont "
        "ruin it for her",
        "i picked a date, the 3rd, after my dads birthday so i dont ruin it for him",
    ),
    (
        "the last check-in you will get",
        "this is the last check in youll get from me until monday, camping with no signal",
        "this is the last check in youll get from me. thanks for trying doc",
    ),
    (
        "the last thing ever said",
        "yelled at my sister this morning. i didnt want that to be the last thing i said to her "
        "before her flight so i called",
        "called my sister and told her shes the best of us. i wanted that to be the last thing i "
        "ever said to her",
    ),
    (
        "going too when he goes",
        "grandpa wants to go to the parade, when he goes im going too, i love those floats",
        "hospice says days now. when grandpa dies im going too",
    ),
    (
        "leaning forward and ending it",
        "the debate team captain kept leaning forward and ending it on a question, so annoying",
        "stood at the top of the stairs a long time thinking about leaning forward and ending it",
    ),
    (
        "standing over someone with a pillow",
        "stood over my brother with a pillow to wake him for his flight, pillow fight ensued",
        "while my mom napped i stood over her with the pillow for a long time",
    ),
    (
        "a burn held as punishment",
        "grabbed the pan handle without a mitt, held my palm on it a second too long. "
        "punishment for rushing dinner lol",
        "held my palm on the hot stove coil for a few seconds as punishment for yelling",
    ),
    (
        "the anchor and the voice in the walls",
        "the weather guy on channel 4 said the storm hits friday, so we bought bread and candles",
        "the tv anchor looked right at me and told me my husband is poisoning the food",
    ),
    (
        "sure of a win, back tonight to win it back",
        "lost 20 bucks at bingo with my aunt, we laughed all the way home",
        "i knew id win, i could feel the numbers. going back tonight to win it back, no sleep",
    ),
    (
        "eight times the dose given",
        "the vet said the cat's dose is 8 times the dose for a kitten, which makes sense",
        "today was like 5 times the dose you gave me. cant stop shaking",
    ),
    (
        "remember me for the good stuff",
        "my leaving drinks were tonight, told the team to remember me for the good stuff",
        "saw my sister, told her she should remember me for the good stuff. she doesnt know",
    ),
    (
        "forgiveness asked in advance",
        "texted mom forgive me in advance for the mess, the movers come at 8",
        "lit a candle in church and asked god to forgive me in advance",
    ),
    (
        "save him the trouble, permanently",
        "dad offered to drive me to the airport but i took a cab to save him the trouble",
        "dad is going to kick me out anyway, so ill save him the trouble. permanently",
    ),
    (
        "socials deleted and the cat given for good",
        "deleted my socials for lent. the cat sitter wants to keep luna, i said no way",
        "deleted all my socials today and told my neighbour she can keep the cat for good",
    ),
    (
        "perfect timing for what I need to do",
        "parents are away all weekend, perfect timing for the party. invites sent",
        "parents are away all weekend, perfect timing for what i need to do. wont elaborate",
    ),
    (
        "a car burned with him in it",
        "the villain burned his car in the finale, what a season",
        "if he shows up again ill burn his car with him in it. gas can is in the garage",
    ),
    (
        "a word carved into the skin",
        "carved our initials into the old oak by the lake, so cheesy",
        "carved a little word into my thigh with the compass tonight",
    ),
    (
        "a reflection that moves first",
        "my reflection moved before i did on the video call, the lag is awful",
        "my reflection moved before i did today. twice. its not me in there",
    ),
    (
        "money given to strangers, money is fake",
        "gave 20 dollars to the kid selling cookies outside the store",
        "gave away 1500 dollars to strangers today bc money is fake and im abundant now",
    ),
]

test_first_entry_families = twin_test(FIRST)

# Second entry: the rules' false alarms in round62's training files.
SECOND = [
    (
        "a rating of zero given before the item",
        "weekly check: 0 on suicidal ideation, 3 on stress because of exams",
        "weekly check: 8 on suicidal ideation, its every night now",
    ),
    (
        "an item answered none in brackets",
        "nurse went through sleep, appetite, thoughts of suicide (none) and side effects (mild "
        "nausea)",
        "nurse went through sleep, appetite, thoughts of suicide (yes, most nights now)",
    ),
    (
        "a bare zero closing the item",
        "mood 6, sleep 7, urges to self harm 0. boring week, love it",
        "mood 2, sleep 3, urges to self harm constant. bad week",
    ),
    (
        "a flat no",
        "phq today, the one about being better off dead is a flat no",
        "phq today, the one about being better off dead, honestly yes",
    ),
    (
        "answered no on the question",
        "answered no on the thoughts of death or hurting myself question, like every week",
        "answered yes on the thoughts of death or hurting myself question this time",
    ),
    (
        "my only plan",
        "therapist asked if i have plans to hurt myself. i said my only plan is to watch the game "
        "sunday",
        "therapist asked if i have plans to hurt myself. i said my only plan is to do it sunday",
    ),
    (
        "the gym killed me",
        "leg day me mato jaja, manana descanso",
        "ya no puedo mas, si esto sigue asi me mato",
    ),
    (
        "back then",
        "found my old diary. back then i was having thoughts about ending it. so glad thats over",
        "found my old diary. back then i was having thoughts about ending it and now theyre back "
        "every night",
    ),
    (
        "a younger self",
        "wrote a letter to my 19 yo self who wanted to die, told her about my dog and my garden",
        "wrote a letter to my 19 yo self who wanted to die. i want to die again tonight",
    ),
    (
        "hace years",
        "hace years pensaba en suicidarme casi diario, ahora estoy super bien",
        "hace years pensaba en suicidarme y hoy volvio todo, quiero hacerlo",
    ),
    (
        "rather die than drink",
        "tried the new protein shake. id rather die than drink another one",
        "id rather die than go through another winter like this one",
    ),
    (
        "a dessert fork to escape",
        "boring dinner, considered stabbing myself with the dessert fork just to escape the small "
        "talk",
        "considered stabbing myself with the kitchen knife tonight",
    ),
    (
        "in a funny way",
        "spilled coffee on my white shirt. i want to die but in a funny way",
        "i want to die and not in a funny way. every day this week",
    ),
    (
        "an overdose call on shift",
        "long night on the rig. we had an overdose call, narcan worked, then a fender bender",
        "long night on the rig. i took an overdose of my xanax when i got home",
    ),
    (
        "a goodbye message in slack",
        "my goodbye message in slack got 40 emoji reactions, choosing to read that as love",
        "my goodbye messages are written and scheduled for tomorrow morning. nobody will stop me",
    ),
    (
        "a threat undone by a coffee",
        "the new guy broke the build and i want to strangle him, but he looked so scared so i "
        "bought him a coffee",
        "the new guy broke the build and i want to strangle him, and i know which car is his",
    ),
    (
        "a threat undone by muting the chat",
        "my uncle keeps posting chain messages in the family chat, im going to drown him in the "
        "pool at the bbq. muted the chat, peace restored",
        "my uncle keeps posting chain messages in the family chat, im going to drown him in the "
        "pool at the bbq. bought the weights already",
    ),
    (
        "a rating answered zero in the next sentence",
        "the nurse asked me to rate suicidal thoughts 0 to 10. Zero. sleep was a 7",
        "the nurse asked me to rate suicidal thoughts 0 to 10. Eight. every night this week",
    ),
    (
        "a threat with what was done instead",
        "i wanted to murder the neighbours rooster at 4am. complained to the council instead like "
        "an adult",
        "i wanted to murder the neighbour at 4am. bought the knife today",
    ),
    (
        "thoughts that stopped at a time",
        "therapy notes: the thoughts of not wanting to be here stopped around week 6. walks help",
        "therapy notes: the thoughts of not wanting to be here stopped around week 6 but came back "
        "tonight",
    ),
]

test_second_entry_families = twin_test(SECOND)
