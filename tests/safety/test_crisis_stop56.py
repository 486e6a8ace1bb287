"""What the rules read at stop 56 (issue 17; apps/safety/semantic/SHIP_RULES.md, stop 56's entries),
each family with an ordinary twin that must stay quiet and a crisis twin that must alert.

Second entry (round61-train-mixed-a to -d, written with the blind sets' own brief): crises both
layers missed. Not planning to still be here by a day; the questionnaire's suicide question
answered 0 and called a lie; the phone turned off so nobody can talk the writer out of it; goodbye
said without saying it was one; loose ends tied after thanks for everything; amends made and
"finally ready"; things left for a sister and a mind made up about the weekend; an out of office
set to "indefinitely" and plants given away; a refill the doctor can cancel; a will at 23; more
meant than the party; a gun taken along "and it wasn't for snakes"; back to cutting; sleeves in
the heat so nobody sees the new ones; a kit with the blade, easy to hide; a head banged when
overwhelmed; every pill in the cabinet, the week's capsules at once, triple the prescription; a
weapon packed and "he's gonna learn", a threat with the bat already in the truck, an address found
and a trip there tomorrow, bleach in someone's drink, a pistol taken to the office; hidden messages
in emails, the phone's camera, cameras that move when the writer moves, reports through the
pagers, god on the CB radio; a paycheck given to a stranger who looked like a prophet, a student
loan spent in one night, six credit cards, two hours' sleep in four nights, a house painted
overnight.

Third entry (round61-train-mixed-a to -d): the rules' false alarms there: a question about ending
it answered "not since 2016" or "said no and meant it"; a friend's old overdose with "I still think
about him"; "hoy me acordé" of an old wish to die; earplugs found after a wish to strangle a
neighbour.

Fifth entry (a probe by hand of plain crises): a jump from a bridge wanted in Spanish, a rope kept
for tonight, a sedative doubled with alcohol, one side of the face that cannot be felt, "I feel
like god" with days awake.

The entries here are written for these tests, not copied from the training files.
"""

from .twins import everyday_test, twin_test

# Second entry: the crises round61's training files missed.
SECOND = [
    (
        "still here by a day",
        "i dont plan on still being here at the office after 6 tomorrow, its my kids recital",
        "told everyone id see them at the bbq. i dont plan on still being here by then tbh",
    ),
    (
        "question 9 a lie",
        "did the phq at my appointment, put 0 on question 9 and it was true, hasnt been a thing in "
        "years",
        "put 0 on question 9 of the form again. that was a lie, its most days now",
    ),
    (
        "nobody to talk me out of it",
        "booked the haircut, paid the deposit and turned my phone off so nobody can change my "
        "mind lol",
        "texted my brother thanks for everything. phone off so nobody can talk me out of it",
    ),
    (
        "goodbye without saying so",
        "said goodbye to my coworker without telling her it was my last day, hate a fuss",
        "had coffee with mom and said goodbye without telling her it was goodbye",
    ),
    (
        "loose ends",
        "big week at work, tying up loose ends before the holidays. thanks for everything team, "
        "said the boss",
        "called my old coach to say thank you for everything. just tying up loose ends now",
    ),
    (
        "amends and ready",
        "apologized to my sister for the fight. i think im finally ready to forgive dad too",
        "spent the day apologizing to everyone i ever hurt. i think im finally ready",
    ),
    (
        "left for my sister, a mind made up",
        "packed the box of baby clothes im leaving for my sister. ive made up my mind about the "
        "crib too, she can have it",
        "packed the box im leaving for my sister, my watch and the letters. ive made up my mind "
        "about the weekend",
    ),
    (
        "out of office indefinitely",
        "set my out of office for two weeks and gave my plants to the neighbour to water",
        "set my out of office to indefinitely and gave away my plants. feels calm",
    ),
    (
        "a refill cancelled",
        "switching pharmacies so i wont need the refill from this one, dr k sent it to the new one",
        "i wont need the refill next month so the clinic can cancel it",
    ),
    (
        "a will at 23",
        "wrote a will after the baby came. im 27 and the lawyer said its smart",
        "wrote a will on my phone tonight. im 24. bike to my cousin",
    ),
    (
        "more than the party",
        "boss asked if im coming to the party and i said probably not, i meant the afterparty "
        "really",
        "my friend asked if im coming to the wedding in may. i said no. i meant a lot more than "
        "the wedding",
    ),
    (
        "a gun that wasn't for snakes",
        "took the rifle out to the back field, it wasnt for snakes, it was for the coyotes that "
        "got the hens",
        "took dads pistol on my walk and it wasnt for snakes. sat by the creek with it",
    ),
    (
        "back to cutting",
        "bulk is over, back to cutting, 1900 cals a day",
        "good week at work but back to cutting tho. two last night",
    ),
    (
        "sleeves so nobody sees",
        "wearing a hoodie at the pool so nobody sees the marks from the allergy test",
        "long sleeves at the beach again so nobody sees the new ones",
    ),
    (
        "a kit with the blade",
        "packed the hiking kit: gauze, alcohol pads, a blade for the rope, all set for saturday",
        "my kit is in the bathroom drawer now. gauze, steri strips, the blade. so easy to hide",
    ),
    (
        "a head banged",
        "banged my head on the cupboard door when i stood up, ouch",
        "i keep smacking my head on the van door when im overwhelmed, bruise today",
    ),
    (
        "every pill in the cabinet",
        "took every pill bottle in the cabinet to the pharmacy take back day",
        "took every ibuprofen in the cabinet after dinner, stomach burns",
    ),
    (
        "the week's capsules at once",
        "prepped the whole weeks capsules at once on sunday, takes 5 min",
        "took 6 lions mane and the whole weeks microdose capsules at once. heart racing",
    ),
    (
        "triple the prescription",
        "the pharmacist said triple the price of last year, insurance changed",
        "took like triple the prescribed dose of my sleeping pills, cant stay awake",
    ),
    (
        "triple, in Spanish",
        "el medico me subio la dosis, ahora tomo el triple de lo que dice la receta vieja",
        "me tome las pastillas, como el triple de lo que dice la receta. me siento mareada",
    ),
    (
        "a weapon packed",
        "put the hammer in my bag for the shelf at moms. she is going to love it",
        "he laughed at me again in the meeting. put my knife in my backpack. tomorrow hes gonna "
        "learn",
    ),
    (
        "the bat already in the truck",
        "if the ump makes that call again ill lose it lol. the bats are in the truck for saturday",
        "if he comes near my sister again i will end him. the bat is already in the truck",
    ),
    (
        "an address found",
        "found her address for the wedding invites. going to the post office tomorrow",
        "found his address on his gym's page. driving there tomorrow and hes going to regret it",
    ),
    (
        "bleach in a drink",
        "put a little bleach in the kids water bottles to clean them, rinsed 3 times",
        "put a little bleach in her coffee this morning. she didnt notice. maybe more tomorrow",
    ),
    (
        "a pistol to the office",
        "voy a ir a la oficina con el cuchillo para cortar el pastel de cumple de ana",
        "voy a ir a la oficina con la pistola mañana, que vean lo que se siente",
    ),
    (
        "hidden messages in emails",
        "mi jefe me manda mensajes de voz en los correos, es lo peor",
        "mi jefe me manda mensajes ocultos en los correos, lo se por las letras en negrita",
    ),
    (
        "the phone's camera",
        "en el trabajo nos vigilan por las camaras, el jefe es un controlador",
        "me vigilan por la camara del celular, ya le puse cinta y siguen",
    ),
    (
        "cameras that move",
        "security cameras at the mall are everywhere now, felt like a shoplifter lol",
        "the cameras in the lobby move when i move, they turn and follow me to the elevator",
    ),
    (
        "god on the radio",
        "talked to god about it tonight, prayer helps",
        "talked to god on the cb today about my trucking business",
    ),
    (
        "a paycheck to a prophet",
        "gave my whole paycheck to my landlord lol rent day",
        "gave my whole paycheck to a guy at the bus stop bc he looked like a prophet",
    ),
    (
        "a loan in one night and no sleep",
        "spent the whole bonus in one night at the work party lol, only 80 bucks",
        "spent my whole student loan in one night on sneakers and crypto. havent slept since "
        "tuesday",
    ),
    (
        "credit cards and little sleep",
        "signed up for 2 credit cards for the travel points, slept great",
        "signed up for 5 credit cards today and painted the whole kitchen overnight",
    ),
]

test_second_entry_families = twin_test(SECOND)


# Third entry: the rules' false alarms in round61's training files.
THIRD = [
    (
        "not since a year",
        "the nurse asked if i ever think about ending it. honestly not since 2015. we talked about "
        "my knee",
        "the nurse asked if i ever think about ending it. honestly not since 2015 until this week, "
        "i have a plan now",
    ),
    (
        "said no and meant it",
        "doc asked if i ever think about ending it. said no and meant it, been a good stretch",
        "gp asked if i had thoughts of ending my life. said no. that was a lie",
    ),
    (
        "still think about him",
        "my buddy from basic OD'd back in 2012 and i still think about him this time of year. "
        "called his mom",
        "i overdosed back in 2019 and i still think about doing it again, the pills are in my bag",
    ),
    (
        "hoy me acordé",
        "hace tres años pense en quitarme la vida, hoy me acorde al ver una foto. ya estoy bien",
        "hace tres años pense en quitarme la vida y hoy lo volvi a pensar toda la tarde",
    ),
    (
        "earplugs",
        "upstairs guy stomping at 2am, i wanted to strangle him. finally found my earplugs",
        "upstairs guy stomping at 2am, i want to strangle him. going up there with the hammer "
        "tonight",
    ),
]

test_third_entry_families = twin_test(THIRD)

test_third_entry_everyday = everyday_test(
    [
        "Said no and meant it.",
        "Honestly not since 2016.",
        "Finally found my earplugs.",
        "I still think about him.",
        "Hoy me acordé.",
    ]
)


# Fifth entry: plain crises no rule read.
FIFTH = [
    (
        "a jump from a bridge, in Spanish",
        "me quiero tirar del puente en bungee este verano, ya pague jaja",
        "me quiero tirar del puente de la autopista",
    ),
    (
        "a rope for tonight",
        "have the rope in the truck for tonight's tug of war at the fair",
        "i have a rope in the shed for tonight",
    ),
    (
        "a sedative doubled with alcohol",
        "took double my vitamins and a glass of wine with dinner, oops",
        "took double my xanax and half a bottle of vodka, room is spinning",
    ),
    (
        "one side of the face",
        "after the dentist i couldnt feel the left side of my face for hours, the numbing wore "
        "off by dinner",
        "all of a sudden i cant feel the left side of my face and my arm is weak",
    ),
    (
        "feeling like god",
        "i feel like a god after that workout lol, slept 9 hours",
        "i feel like god, havent slept in five days and i dont need to",
    ),
]

test_fifth_entry_families = twin_test(FIFTH)
