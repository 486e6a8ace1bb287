"""Rules for the warning signs as suicide-prevention training names them (issue 17, stop 35).

Written from that list (C-SSRS wish to be dead; preparatory acts; rehearsal at a place), not
from any file's wording, and judged on round19-validate, which was never read
(apps/safety/semantic/SHIP_RULES.md, stop 35's second entry). Each sign needs two signals, so
each crisis here has an ordinary twin with the same words that must stay quiet.
"""

import csv
from pathlib import Path

import pytest

from apps.safety.detectors.crisis import crisis_matches, highest_severity
from apps.safety.rules import crisis_lexicon
from apps.safety.services import crisis_reading

# (sign, a crisis that must alert, its ordinary twin that must stay quiet)
SIGNS = [
    (
        "sorry to have woken up",
        "slept 10h and was disappointed I woke up at all. dose taken",
        "slept 10h and was disappointed I woke up so late, missed the farmers market",
    ),
    (
        "sorry to have woken up, in Spanish",
        "Amanecí otra vez. Qué lástima. Tomé el omega.",
        "Amanecí con gripe otra vez, qué lástima, tenía planes",
    ),
    (
        "hoping for an accident",
        "flying to Lisbon Friday and part of me hopes the plane goes down",
        "flying to Lisbon Friday and I hope the plane has wifi",
    ),
    (
        "hoping for an accident, in Spanish",
        "el lunes viajo a Bogotá, ojalá el avión se caiga",
        "el lunes viajo a Bogotá, ojalá el avión salga a tiempo",
    ),
    (
        "one's own funeral arranged",
        "spent the evening choosing the songs for my funeral, felt calm",
        "spent the evening choosing the songs for my sister's wedding, felt calm",
    ),
    (
        "one's own funeral arranged, for a class",
        "wrote the eulogy for my own funeral tonight and emailed it to my brother",
        "wrote the eulogy for my own funeral for the grief workshop exercise, strange but good",
    ),
    (
        "staying only until someone is gone",
        "I promised myself I'd wait until my dog died. He died on Sunday.",
        "I promised myself I'd wait until my dog was calmer before adopting a second one",
    ),
    (
        "things cancelled that will not be needed",
        "cancelled my gym membership and the magazine, I won't be needing them anymore",
        "cancelled my gym membership since I'm moving abroad, I won't be needing it anymore",
    ),
    (
        "accounts closed and passwords left with a relative",
        "deleted my instagram and facebook today and wrote down my passwords for my sister",
        "my sister set up my new phone and I wrote down my passwords for my sister to type in",
    ),
    (
        "a high place looked down from for a long time",
        "walked to the bridge after work and stood looking down at the water for an hour",
        "walked to the bridge after work and took photos of the sunset over the water",
    ),
    (
        "a high place's height looked up",
        "looked up how high the parking garage on 5th is",
        "looked up how much the parking garage on 5th costs per hour",
    ),
    (
        "trains timed",
        "been timing the freight trains at the crossing near my flat",
        "been watching the freight trains with my nephew, he loves them",
    ),
    (
        "a high place and the drop measured, in Spanish",
        "subí a la azotea y estuve un buen rato mirando para abajo",
        "subí a la azotea a tender la ropa, hace un sol precioso",
    ),
    (
        "trapped with no way out, in Spanish",
        "me siento atrapada, no veo ninguna salida",
        "me siento atrapada en el tráfico, llegué tarde",
    ),
    (
        "no future seen, in Spanish",
        "no me veo aquí el próximo año",
        "no me veo trabajando aquí el próximo año, quiero cambiar de empresa",
    ),
    (
        "a will made young with no reason given",
        "made my will today, I'm 24. just want things sorted",
        "made my will today, I'm 24, the lawyer said it's smart with the baby coming",
    ),
    (
        "a goodbye as if for the last time",
        "I said goodbye to my brother, properly this time, he didn't notice",
        "I said goodbye to my brother at the airport, see you at Christmas",
    ),
    (
        "a pet given up as better off without the writer",
        "gave my dog to my cousin, he'll be better off without me",
        "gave my dog to my cousin for the weekend while I'm at the conference",
    ),
    (
        "driving fast not caring what happens",
        "driving way too fast on the motorway lately, not caring if I crash",
        "driving way too fast to make the ferry, we made it with a minute to spare",
    ),
    (
        "black tarry stools, told as an afterthought",
        "my poop has been black and sticky for two days, probably the burrito",
        "my poop has been black for two days since I started the iron tablets",
    ),
    (
        "coffee-ground vomit, in Spanish",
        "vomité algo como café molido, seguro fue el café",
        "vomité el café de la mañana, me cayó pesado",
    ),
    (
        "a dose doubled and doubled again",
        "felt nothing so I doubled the dose, then doubled it again",
        "felt nothing so I asked Dr Lee and she said we might double the dose next month",
    ),
    (
        "a bottle with the pills to sleep",
        "finished a bottle of wine with my sleeping pills to switch off",
        "finished a bottle of water with my vitamins this morning",
    ),
    (
        "the old habit with the razor back",
        "the old habit with the razor came back this week",
        "the old habit of biting my nails came back this week",
    ),
    (
        "a device reading one's thoughts, laughed off",
        "the router is reading my thoughts, I know how it sounds lol",
        "the router is reading slow again, called the internet company",
    ),
    (
        "number plates sending messages, in Spanish",
        "las placas de los carros me mandan señales, hoy vi tres 7",
        "las placas de los carros nuevos son de otro color, qué raro",
    ),
    (
        "not knowing the year",
        "didn't know what year it was this morning, still foggy now",
        "kept writing the wrong year on the forms, classic January",
    ),
]


@pytest.mark.parametrize(("sign", "crisis", "ordinary"), SIGNS, ids=[s[0] for s in SIGNS])
def test_a_warning_sign_alerts_and_its_ordinary_twin_stays_quiet(sign, crisis, ordinary):
    assert crisis_reading(crisis).flagged, crisis
    quiet = crisis_reading(ordinary)
    assert not quiet.flagged, [(m.rule, m.matched, m.severity) for m in quiet.matches]


def test_a_funeral_planned_with_a_date_still_alerts_however_it_is_framed():
    # The class exclusion only hides the funeral words; a plan stated beside them alerts.
    assert crisis_reading(
        "wrote the eulogy for my funeral for the workshop. I'm going to kill myself on Sunday."
    ).flagged


def test_the_waking_sign_is_a_passive_wish_a_clinician_sees_today():
    reading = crisis_reading("woke up disappointed that I'm still here")
    assert reading.severity == "high"


CANONICAL = Path(__file__).resolve().parents[1] / "data" / "crisis-warning-signs-canonical.tsv"


def test_the_rules_still_read_the_canonical_warning_signs_they_read_at_stop_35():
    # tests/data/crisis-warning-signs-canonical.tsv: 197 crises written at stop 35 from
    # what suicide-prevention training and clinicians list (not from any training file),
    # English and Spanish, every kind. The stop-35 rules were written from them, so this
    # is a floor against regressions, not a measurement: the rules as written flag 124
    # (stop 34's: 95); with the semantic layer `crisis_eval FILE --semantic` finds 167
    # (stop 34's detector: 138). What neither layer reads is listed in
    # apps/safety/semantic/SHIP_RULES.md (stop 35, ninth entry) and docs/SAFETY.md.
    with CANONICAL.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))
    assert len(rows) == 197 and all(row["label"] == "1" for row in rows)
    found = sum(
        highest_severity(crisis_matches(row["text"], crisis_lexicon())) in ("critical", "high")
        for row in rows
    )
    assert found >= 124, found
