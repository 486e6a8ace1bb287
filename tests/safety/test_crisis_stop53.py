"""What the rules read at stop 53 (issue 17; apps/safety/semantic/SHIP_RULES.md, stop 53's
entries), each family with an ordinary twin that must stay quiet and a crisis twin that must alert.

First entry (a seventeenth and an eighteenth probe, by hand: harm to others in everyday senses): the
verb's object a thing of the person's, not the person ("shoot my sister's engagement photos");
pushing someone to do a task; hitting someone with news; drowning someone in praise; hurting
someone's feelings by a choice told; dying on a hill; killing with kisses; a water balloon; and
threats said over a booking for the wrong month, a shoe chewed, a meeting set at a time, a surprise
spoiled, a school project due tomorrow.

The entries here are written for these tests, not copied from the training files.
"""

from .twins import everyday_test, twin_test

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
