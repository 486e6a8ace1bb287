"""One test per row of the contraindication table in docs/CLINICAL_REFERENCE.md (and
per item of its "Trauma work" section, and the seed's psilocybin dose range).

Each row lists cases: a profile, and exactly the flags it must raise, as
(component, severity, rule). Exact, so a rule that starts firing where it should
not shows up here too.
"""

from pathlib import Path

import pytest

from apps.safety.detectors.screening import screen
from apps.safety.rules import contraindication_rules

REFERENCE = Path(__file__).resolve().parents[2] / "docs" / "CLINICAL_REFERENCE.md"
P, LM, O3, BC, MG = "psilocybin", "lions-mane", "omega-3", "b-complex", "magnesium"
A, R = "absolute", "relative"


def case(profile, expected, *, components=None, doses=None):
    return {"profile": profile, "expected": set(expected), "components": components, "doses": doses}


ROWS = {
    "psilocybin | MAOIs … linezolid | absolute": [
        case({"medications": ["Nardil 15 mg"]}, [(P, A, "psilocybin-maoi")]),
        case({"medications": ["phenelzine"]}, [(P, A, "psilocybin-maoi")]),
        case({"medications": ["tranylcypromine (Parnate) 10mg"]}, [(P, A, "psilocybin-maoi")]),
        case({"medications": ["Marplan"]}, [(P, A, "psilocybin-maoi")]),
        case({"medications": ["Emsam 6 mg/24 h patch"]}, [(P, A, "psilocybin-maoi")]),
        case({"medications": ["Eldepryl", "Zelapar"]}, [(P, A, "psilocybin-maoi")] * 2),
        case({"medications": ["moclobemide 300 mg"]}, [(P, A, "psilocybin-maoi")]),
        case({"medications": ["linezolid 600 mg bid"]}, [(P, A, "psilocybin-maoi")]),
    ],
    "psilocybin | tramadol (Ultram, ConZip) | absolute": [
        case({"medications": ["tramadol 50 mg prn"]}, [(P, A, "psilocybin-tramadol")]),
        case({"medications": ["Ultram"]}, [(P, A, "psilocybin-tramadol")]),
        case({"medications": ["ConZip 100mg"]}, [(P, A, "psilocybin-tramadol")]),
    ],
    "psilocybin | lithium (Lithobid, Eskalith) | absolute": [
        case({"medications": ["lithium carbonate 300 mg"]}, [(P, A, "psilocybin-lithium")]),
        case({"medications": ["Lithobid"]}, [(P, A, "psilocybin-lithium")]),
        case({"medications": ["Eskalith CR"]}, [(P, A, "psilocybin-lithium")]),
    ],
    "psilocybin | SSRIs/SNRIs …, St John's wort | relative": [
        case({"medications": ["sertraline 50mg daily"]}, [(P, R, "psilocybin-ssri-snri")]),
        case({"medications": ["Lexapro 10 mg"]}, [(P, R, "psilocybin-ssri-snri")]),
        case({"medications": ["Cymbalta"]}, [(P, R, "psilocybin-ssri-snri")]),
        case({"medications": ["venlafaxine XR 75"]}, [(P, R, "psilocybin-ssri-snri")]),
        case({"medications": ["St John's wort"]}, [(P, R, "psilocybin-st-johns-wort")]),
    ],
    "psilocybin | bipolar (F31), mania (F30), schizophrenia (F20), F21–F29, active "
    "psychosis or severe dissociation | absolute": [
        case({"conditions": ["Bipolar II disorder"]}, [(P, A, "psilocybin-bipolar")]),
        case({"conditions": ["F31.81"]}, [(P, A, "psilocybin-bipolar")]),
        case({"conditions": ["manic episode"]}, [(P, A, "psilocybin-mania")]),
        case({"conditions": ["F30.10"]}, [(P, A, "psilocybin-mania")]),
        case({"conditions": ["schizophrenia"]}, [(P, A, "psilocybin-schizophrenia")]),
        case({"conditions": ["F20.9"]}, [(P, A, "psilocybin-schizophrenia")]),
        case(
            {"conditions": ["schizoaffective disorder"]}, [(P, A, "psilocybin-psychotic-disorder")]
        ),
        case({"conditions": ["F25.0"]}, [(P, A, "psilocybin-psychotic-disorder")]),
        case(
            {"conditions": ["psychosis"]},
            [
                (P, A, "psilocybin-psychotic-disorder"),
                (None, R, "trauma-active-psychosis-or-severe-dissociation"),
            ],
        ),
        case(
            {"conditions": ["severe dissociation"]},
            [
                (P, A, "psilocybin-severe-dissociation"),
                (None, R, "trauma-active-psychosis-or-severe-dissociation"),
            ],
        ),
    ],
    "psilocybin | severe personality disorder without stable treatment | absolute": [
        case(
            {"conditions": ["severe personality disorder"]},
            [(P, A, "psilocybin-severe-personality-disorder")],
        ),
        case(
            {"conditions": ["borderline personality disorder"]},
            [(P, R, "psilocybin-personality-disorder-check")],
        ),
        case(
            {"conditions": ["severe BPD, stable on DBT for 2 years"]},
            [(P, R, "psilocybin-personality-disorder-check")],
        ),
    ],
    "psilocybin | first-degree family history of psychosis or bipolar | relative": [
        case(
            {"conditions": ["history of bipolar in my mother"]},
            [(P, R, "psilocybin-family-history-psychosis-bipolar")],
        ),
        case(
            {"family_history": ["schizophrenia (brother)"]},
            [(P, R, "psilocybin-family-history-psychosis-bipolar")],
        ),
        case({"family_history": ["cousin with bipolar disorder"]}, []),
    ],
    "psilocybin | pregnancy, breastfeeding | absolute": [
        case({"pregnant": True}, [(P, A, "psilocybin-pregnancy")]),
        case({"breastfeeding": True}, [(P, A, "psilocybin-breastfeeding")]),
        case({"pregnant": False, "breastfeeding": False}, []),
    ],
    "psilocybin | severe liver disease (K74.6, K72), severe kidney disease (N18.4–N18.6) "
    "| absolute": [
        case({"conditions": ["cirrhosis"]}, [(P, A, "psilocybin-severe-liver-disease")]),
        case({"conditions": ["K72.10"]}, [(P, A, "psilocybin-severe-liver-disease")]),
        case({"conditions": ["K74.60"]}, [(P, A, "psilocybin-severe-liver-disease")]),
        case(
            {"conditions": ["CKD stage 4"]},
            [
                (P, A, "psilocybin-severe-kidney-disease"),
                (MG, A, "magnesium-severe-kidney-disease"),
            ],
        ),
        case({"conditions": ["CKD stage 3"]}, []),
    ],
    "psilocybin | uncontrolled hypertension; heart-valve disease | absolute / relative": [
        case(
            {"conditions": ["uncontrolled hypertension"]},
            [(P, A, "psilocybin-uncontrolled-hypertension")],
        ),
        case({"conditions": ["hypertension, controlled"]}, []),
        case({"conditions": ["heart valve disease"]}, [(P, R, "psilocybin-heart-valve-disease")]),
        case({"conditions": ["I35.0 aortic stenosis"]}, [(P, R, "psilocybin-heart-valve-disease")]),
    ],
    "psilocybin | active substance use disorder | absolute": [
        case(
            {"conditions": ["alcohol use disorder"]}, [(P, A, "psilocybin-substance-use-disorder")]
        ),
        case({"conditions": ["F11.20"]}, [(P, A, "psilocybin-substance-use-disorder")]),
        case(
            {"conditions": ["opioid use disorder, in sustained remission"]},
            [(P, R, "psilocybin-substance-use-in-remission")],
        ),
        case({"conditions": ["F17.210"]}, []),
    ],
    "psilocybin | current suicidal ideation | absolute": [
        case(
            {"conditions": ["current suicidal ideation"]},
            [(P, A, "psilocybin-current-suicidal-ideation")],
        ),
        case({"conditions": ["R45.851"]}, [(P, A, "psilocybin-current-suicidal-ideation")]),
        case({"conditions": ["denies suicidal ideation"]}, []),
    ],
    "lion's mane, psilocybin | mushroom/fungus allergy | absolute": [
        case(
            {"allergies": ["mushrooms"]}, [(LM, A, "mushroom-allergy"), (P, A, "mushroom-allergy")]
        ),
        case(
            {"allergies": ["fungal allergy"]},
            [(LM, A, "mushroom-allergy"), (P, A, "mushroom-allergy")],
        ),
        case({"allergies": ["penicillin"]}, []),
    ],
    "lion's mane | anticoagulants/antiplatelets, antidiabetics | relative": [
        case(
            {"medications": ["apixaban 5 mg"]},
            [(LM, R, "lions-mane-anticoagulants"), (O3, R, "omega-3-anticoagulants")],
        ),
        case(
            {"medications": ["clopidogrel"]},
            [(LM, R, "lions-mane-anticoagulants"), (O3, R, "omega-3-anticoagulants")],
        ),
        case({"medications": ["metformin 500 mg"]}, [(LM, R, "lions-mane-antidiabetics")]),
        case({"medications": ["insulin glargine"]}, [(LM, R, "lions-mane-antidiabetics")]),
    ],
    "omega-3 | anticoagulants/antiplatelets (warfarin …) | relative": [
        case(
            {"medications": ["warfarin 5mg"]},
            [(LM, R, "lions-mane-anticoagulants"), (O3, R, "omega-3-anticoagulants")],
        ),
        case(
            {"medications": ["warfarin"]},
            [(O3, R, "omega-3-anticoagulants")],
            components=[O3],
        ),
    ],
    "omega-3 | fish or shellfish allergy | relative": [
        case({"allergies": ["shellfish"]}, [(O3, R, "omega-3-fish-allergy")]),
        case({"allergies": ["Fish (anaphylaxis)"]}, [(O3, R, "omega-3-fish-allergy")]),
    ],
    "magnesium | severe kidney disease (N18.4–N18.6) | absolute": [
        case(
            {"conditions": ["N18.5"]},
            [(MG, A, "magnesium-severe-kidney-disease")],
            components=[MG],
        ),
        case(
            {"conditions": ["on dialysis"]},
            [(MG, A, "magnesium-severe-kidney-disease")],
            components=[MG],
        ),
        case({"conditions": ["N18.30"]}, [], components=[MG]),
    ],
    "magnesium | tetracyclines, quinolones, bisphosphonates | relative (timing)": [
        case({"medications": ["doxycycline 100 mg"]}, [(MG, R, "magnesium-tetracyclines")]),
        case({"medications": ["ciprofloxacin"]}, [(MG, R, "magnesium-quinolones")]),
        case({"medications": ["Levaquin 500"]}, [(MG, R, "magnesium-quinolones")]),
        case({"medications": ["alendronate 70 mg weekly"]}, [(MG, R, "magnesium-bisphosphonates")]),
    ],
    "magnesium | 400 mg is above the 350 mg/day upper limit | relative (dose)": [
        case({}, [(MG, R, "magnesium-dose-above-upper-limit")], doses={MG: "400 mg"}),
        case({}, [], doses={MG: "350 mg"}),
    ],
    "B-complex | B6 above 100 mg/day; levodopa without carbidopa | relative": [
        case({}, [(BC, R, "b-complex-b6-above-upper-limit")], doses={BC: "B6 120 mg"}),
        case({}, [], doses={BC: "B6 100 mg"}),
        case({"medications": ["levodopa"]}, [(BC, R, "b-complex-levodopa-without-carbidopa")]),
        case({"medications": ["carbidopa/levodopa 25/100"]}, []),
    ],
    "B-complex | folate with methotrexate, anti-seizure drugs; masking B12 deficiency | relative": [
        case({"medications": ["methotrexate 15 mg weekly"]}, [(BC, R, "b-complex-methotrexate")]),
        case({"medications": ["phenytoin"]}, [(BC, R, "b-complex-anti-seizure-drugs")]),
        case({"medications": ["Depakote ER"]}, [(BC, R, "b-complex-anti-seizure-drugs")]),
        case({"medications": ["levetiracetam"]}, [(BC, R, "b-complex-anti-seizure-drugs")]),
        case({"conditions": ["pernicious anemia"]}, [(BC, R, "b-complex-b12-deficiency-masking")]),
    ],
}

TRAUMA_WORK = {
    "trauma work | active psychosis or severe dissociative episodes": [
        case(
            {"conditions": ["active psychosis"]},
            [
                (P, A, "psilocybin-psychotic-disorder"),
                (None, R, "trauma-active-psychosis-or-severe-dissociation"),
            ],
        ),
        case(
            {"conditions": ["severe dissociation"]},
            [(None, R, "trauma-active-psychosis-or-severe-dissociation")],
            components=[MG],
        ),
    ],
    "trauma work | unstable housing or safety situation": [
        case({"housing_stable": False}, [(None, R, "trauma-unstable-housing-or-safety")]),
        case({"housing_stable": True}, []),
    ],
    "trauma work | lack of therapeutic support": [
        case({"has_therapist": False}, [(None, R, "trauma-no-therapist")]),
        case({"has_therapist": True}, []),
    ],
    "trauma work | a traumatic event within the last 6 months": [
        case({"recent_trauma_months": 5}, [(None, R, "trauma-recent-traumatic-event")]),
        case({"recent_trauma_months": 0}, [(None, R, "trauma-recent-traumatic-event")]),
        case({"recent_trauma_months": 6}, []),
        case({"recent_trauma_months": None}, []),
    ],
    "seed | psilocybin 0.1–0.2 g | relative (dose outside the range)": [
        case({}, [(P, R, "psilocybin-dose-outside-protocol-range")], doses={P: "0.25 g"}),
        case({}, [(P, R, "psilocybin-dose-outside-protocol-range")], doses={P: "50 mg"}),
        case({}, [], doses={P: "0.15 g"}),
    ],
}


def flags_of(example):
    return screen(
        example["profile"],
        components=example["components"],
        doses=example["doses"],
        rules=contraindication_rules(),
    )


def check(cases):
    for example in cases:
        got = {(f.component, f.severity, f.rule) for f in flags_of(example)}
        assert got == example["expected"], example["profile"] or example["doses"]


@pytest.mark.parametrize("row", list(ROWS))
def test_each_row_of_the_reference_table_is_a_rule(row):
    check(ROWS[row])


@pytest.mark.parametrize("item", list(TRAUMA_WORK))
def test_each_trauma_work_contraindication_and_the_dose_range_is_a_rule(item):
    check(TRAUMA_WORK[item])


def test_the_table_above_has_as_many_rows_as_the_reference():
    text = REFERENCE.read_text(encoding="utf-8")
    section = text.split("## Contraindications and interactions for the reference stack")[1]
    section = section.split("\n## ")[0]
    rows = [
        line
        for line in section.splitlines()
        if line.startswith("| ") and not line.startswith("| Component") and "---" not in line
    ]
    assert len(rows) == len(ROWS)


def test_every_rule_in_the_fixture_is_exercised_by_a_row():
    exercised = {
        rule
        for cases in (*ROWS.values(), *TRAUMA_WORK.values())
        for example in cases
        for _, _, rule in example["expected"]
    }
    # The other rules the fixture adds where the sources were silent are covered in
    # test_screening.py; name them here so a new rule cannot go untested.
    covered_elsewhere = {
        "psilocybin-other-serotonergic-antidepressant",
        "psilocybin-hypertension-control-unknown",
    }
    rules = {rule.id for rule in contraindication_rules().rules}
    assert rules - exercised == covered_elsewhere
