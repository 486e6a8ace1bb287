"""The screening engine: matching real input, codes, free text, doses, the API."""

from dataclasses import FrozenInstanceError
from decimal import Decimal

import pytest

from apps.safety.detectors.screening import (
    REFERENCE_STACK,
    Flag,
    RulesError,
    compile_rules,
    eligible,
    parse_dose,
    parse_nutrient_dose,
    screen,
)
from apps.safety.rules import components, contraindication_rules

P, LM, O3, BC, MG = REFERENCE_STACK


def flags(profile=None, *, components=None, doses=None):
    return screen(profile or {}, components=components, doses=doses, rules=contraindication_rules())


def rules_of(profile=None, **kwargs):
    return {f.rule for f in flags(profile, **kwargs)}


def medication_rules(text):
    return rules_of({"medications": [text]})


def condition_rules(text):
    return rules_of({"conditions": [text]})


# ------------------------------------------------------------------ medications


@pytest.mark.parametrize(
    ("medication", "rule"),
    [
        ("Nardil 15 mg", "psilocybin-maoi"),
        ("NARDIL", "psilocybin-maoi"),
        ("nardil15mg", "psilocybin-maoi"),
        ("Parnate 10 mg tid", "psilocybin-maoi"),
        ("isocarboxazid", "psilocybin-maoi"),
        ("selegiline transdermal (Emsam)", "psilocybin-maoi"),
        ("Zyvox 600mg", "psilocybin-maoi"),
        ("an MAOI", "psilocybin-maoi"),
        ("ConZip 200 mg", "psilocybin-tramadol"),
        ("Ultracet", "psilocybin-tramadol"),
        ("Lithobid 300mg twice a day", "psilocybin-lithium"),
        ("lithium orotate (supplement)", "psilocybin-lithium"),
        ("Zoloft 100mg", "psilocybin-ssri-snri"),
        ("escitalopram oxalate 10 mg", "psilocybin-ssri-snri"),
        ("Prozac", "psilocybin-ssri-snri"),
        ("Celexa 20", "psilocybin-ssri-snri"),
        ("Paxil CR 25 mg", "psilocybin-ssri-snri"),
        ("Effexor XR 150mg", "psilocybin-ssri-snri"),
        ("fluvoxamine (Luvox)", "psilocybin-ssri-snri"),
        ("Pristiq 50", "psilocybin-ssri-snri"),
        ("desvenlafaxine", "psilocybin-ssri-snri"),
        ("Fetzima", "psilocybin-ssri-snri"),
        ("levomilnacipran", "psilocybin-ssri-snri"),
        ("Trintellix 10 mg", "psilocybin-ssri-snri"),
        ("vilazodone / Viibryd", "psilocybin-ssri-snri"),
        ("an SSRI", "psilocybin-ssri-snri"),
        ("trazodone 50 mg at night", "psilocybin-other-serotonergic-antidepressant"),
        ("amitriptyline 10mg", "psilocybin-other-serotonergic-antidepressant"),
        ("Coumadin", "lions-mane-anticoagulants"),
        ("Jantoven 5 mg", "omega-3-anticoagulants"),
        ("Eliquis 5mg BID", "omega-3-anticoagulants"),
        ("Xarelto 20", "omega-3-anticoagulants"),
        ("dabigatran (Pradaxa)", "omega-3-anticoagulants"),
        ("Plavix 75 mg", "lions-mane-anticoagulants"),
        ("baby aspirin 81mg", "lions-mane-anticoagulants"),
        ("ASA 81", "lions-mane-anticoagulants"),
        ("blood thinners", "lions-mane-anticoagulants"),
        ("Glucophage XR 500 mg", "lions-mane-antidiabetics"),
        ("Lantus 20 units at night", "lions-mane-antidiabetics"),
        ("Humalog sliding scale", "lions-mane-antidiabetics"),
        ("Janumet", "lions-mane-antidiabetics"),
        ("glipizide 5 mg", "lions-mane-antidiabetics"),
        ("minocycline 100 mg", "magnesium-tetracyclines"),
        ("tetracycline", "magnesium-tetracyclines"),
        ("Cipro 500 mg bid x 7 days", "magnesium-quinolones"),
        ("moxifloxacin", "magnesium-quinolones"),
        ("Fosamax 70 mg weekly", "magnesium-bisphosphonates"),
        ("risedronate", "magnesium-bisphosphonates"),
        ("Boniva monthly", "magnesium-bisphosphonates"),
        ("L-dopa", "b-complex-levodopa-without-carbidopa"),
        ("Trexall", "b-complex-methotrexate"),
        ("MTX 15mg weekly", "b-complex-methotrexate"),
        ("Dilantin 100 mg", "b-complex-anti-seizure-drugs"),
        ("carbamazepine (Tegretol)", "b-complex-anti-seizure-drugs"),
        ("valproic acid", "b-complex-anti-seizure-drugs"),
        ("Lamictal 200mg", "b-complex-anti-seizure-drugs"),
        ("Keppra 500", "b-complex-anti-seizure-drugs"),
    ],
)
def test_it_knows_generic_and_brand_names_with_doses_in_the_string(medication, rule):
    assert rule in medication_rules(medication)


@pytest.mark.parametrize(
    ("misspelled", "rule"),
    [
        ("phenelzin", "psilocybin-maoi"),
        ("phenelzene 15mg", "psilocybin-maoi"),
        ("tranylcipromine", "psilocybin-maoi"),
        ("setraline", "psilocybin-ssri-snri"),
        ("sertralin 50 mg", "psilocybin-ssri-snri"),
        ("escitalopam", "psilocybin-ssri-snri"),
        ("fluoxitine", "psilocybin-ssri-snri"),
        ("duloxatine", "psilocybin-ssri-snri"),
        ("lithum", "psilocybin-lithium"),
        ("lithium carbonat", "psilocybin-lithium"),
        ("tramadal", "psilocybin-tramadol"),
        ("warfrin", "omega-3-anticoagulants"),
        ("clopidogrl", "omega-3-anticoagulants"),
        ("metformine", "lions-mane-antidiabetics"),
        ("doxycyclin", "magnesium-tetracyclines"),
        ("ciprofloxin", "magnesium-quinolones"),
        ("alendronat", "magnesium-bisphosphonates"),
        ("carbamazapine", "b-complex-anti-seizure-drugs"),
        ("lamotrigene", "b-complex-anti-seizure-drugs"),
        ("methotrexat", "b-complex-methotrexate"),
    ],
)
def test_it_reads_small_misspellings_as_the_name_meant(misspelled, rule):
    assert rule in medication_rules(misspelled)


@pytest.mark.parametrize(
    "text",
    [
        "St John's wort",
        "St. John's Wort",
        "Saint Johns wort",
        "saint john's wort 300 mg",
        "St. John’s wort",  # a typographic apostrophe
        "St Johns-Wort",
        "St Johnswort",
        "ST. JOHN'S WORT extract",
        "hypericum perforatum",
    ],
)
def test_it_matches_multi_word_names_however_they_are_written(text):
    assert medication_rules(text) == {"psilocybin-st-johns-wort"}


@pytest.mark.parametrize(
    "text",
    [
        "carbidopa/levodopa 25/100",
        "Carbidopa-Levodopa ER",
        "levodopa with carbidopa",
        "Sinemet CR",
        "Rytary",
        "co-careldopa",
        "Madopar (levodopa/benserazide)",
        "Stalevo",
    ],
)
def test_levodopa_with_a_decarboxylase_inhibitor_is_not_levodopa_alone(text):
    assert "b-complex-levodopa-without-carbidopa" not in medication_rules(text)


def test_levodopa_alone_is_flagged_for_b_complex_only():
    assert flags({"medications": ["levodopa 250 mg"]}) == [
        Flag(
            BC,
            "relative",
            "b-complex-levodopa-without-carbidopa",
            "levodopa 250 mg",
            flags({"medications": ["levodopa"]})[0].reason,
            flags({"medications": ["levodopa"]})[0].source,
        )
    ]


# Common medicines and supplements no rule is about: none of them may flag, neither
# exactly nor as a "misspelling" of a trigger (inulin is not insulin, Celebrex is
# not Celexa, tetracaine is not tetracycline).
UNRELATED_MEDICATIONS = """
acetaminophen paracetamol tylenol ibuprofen advil motrin naproxen aleve celecoxib celebrex
diclofenac meloxicam indomethacin ketorolac acyclovir valacyclovir amoxicillin augmentin
azithromycin zithromax cephalexin keflex cefuroxime ceftriaxone clindamycin penicillin
nitrofurantoin macrobid trimethoprim sulfamethoxazole bactrim metronidazole flagyl
fluconazole diflucan terbinafine lamisil nystatin clotrimazole oseltamivir tamiflu
lisinopril enalapril ramipril benazepril quinapril losartan valsartan irbesartan olmesartan
telmisartan candesartan amlodipine norvasc nifedipine diltiazem verapamil metoprolol
atenolol propranolol carvedilol bisoprolol nebivolol labetalol hydrochlorothiazide
chlorthalidone furosemide lasix torsemide bumetanide spironolactone eplerenone
triamterene clonidine hydralazine doxazosin prazosin terazosin tamsulosin flomax
finasteride dutasteride atorvastatin lipitor simvastatin zocor rosuvastatin crestor
pravastatin lovastatin ezetimibe zetia fenofibrate gemfibrozil niacin digoxin amiodarone
sotalol flecainide nitroglycerin isosorbide ranolazine sacubitril entresto
levothyroxine synthroid liothyronine methimazole propylthiouracil prednisone prednisolone
methylprednisolone dexamethasone hydrocortisone fludrocortisone budesonide fluticasone
flonase mometasone beclomethasone albuterol ventolin salmeterol formoterol tiotropium
spiriva montelukast singulair cetirizine zyrtec levocetirizine loratadine claritin
desloratadine fexofenadine allegra diphenhydramine benadryl hydroxyzine promethazine
ondansetron zofran metoclopramide omeprazole prilosec esomeprazole nexium pantoprazole
lansoprazole rabeprazole famotidine pepcid ranitidine sucralfate misoprostol loperamide
imodium bisacodyl senna docusate miralax lactulose mesalamine sulfasalazine
azathioprine mercaptopurine hydroxychloroquine plaquenil leflunomide adalimumab humira
etanercept enbrel infliximab tofacitinib allopurinol febuxostat colchicine probenecid
alprazolam xanax lorazepam ativan clonazepam klonopin diazepam valium temazepam zolpidem
ambien eszopiclone zaleplon buspirone bupropion wellbutrin quetiapine seroquel
olanzapine zyprexa risperidone risperdal aripiprazole abilify ziprasidone lurasidone
paliperidone haloperidol clozapine methylphenidate ritalin concerta amphetamine adderall
lisdexamfetamine vyvanse atomoxetine strattera guanfacine modafinil naltrexone
buprenorphine suboxone methadone oxycodone hydrocodone morphine codeine fentanyl tapentadol
gabapentin neurontin pregabalin lyrica cyclobenzaprine baclofen tizanidine methocarbamol
sumatriptan rizatriptan donepezil memantine ropinirole pramipexole tetracaine
oxybutynin tolterodine mirabegron sildenafil viagra tadalafil cialis estradiol
progesterone medroxyprogesterone norethindrone levonorgestrel testosterone tamoxifen
letrozole anastrozole raloxifene denosumab calcitriol ergocalciferol cholecalciferol
semaglutide ozempic wegovy liraglutide victoza dulaglutide trulicity tirzepatide mounjaro
empagliflozin jardiance dapagliflozin farxiga canagliflozin sitagliptin januvia linagliptin
pioglitazone acarbose potassium ferrous iron zinc calcium selenium vitamin melatonin
probiotic inulin psyllium metamucil glucosamine chondroitin turmeric curcumin ginger
ashwagandha rhodiola valerian chamomile echinacea elderberry coq10 ubiquinol creatine
collagen biotin folic lutein spirulina chlorella magnesium omega3
""".split()


def test_common_unrelated_medicines_raise_no_flag_exact_or_fuzzy():
    wrong = {m: medication_rules(m) for m in UNRELATED_MEDICATIONS if medication_rules(m)}
    assert not wrong


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Celexa", {"psilocybin-ssri-snri"}),
        ("Celebrex", set()),
        ("insulin", {"lions-mane-antidiabetics"}),
        ("inulin fibre", set()),
        ("ASA", {"lions-mane-anticoagulants", "omega-3-anticoagulants"}),
        ("ASAP", set()),
        ("Paxil", {"psilocybin-ssri-snri"}),
        ("Paxel", set()),  # short names only ever match exactly
        ("lito", set()),
    ],
)
def test_short_and_lookalike_names_do_not_match_each_other(text, expected):
    assert medication_rules(text) == expected


def test_medications_are_never_negated_so_a_recent_stop_is_still_seen():
    assert "psilocybin-lithium" in medication_rules("stopped lithium last week")


# ------------------------------------------------------------------- conditions


@pytest.mark.parametrize(
    ("condition", "rule"),
    [
        ("F31", "psilocybin-bipolar"),
        ("F31.81", "psilocybin-bipolar"),
        ("f31.81", "psilocybin-bipolar"),
        ("F3181", "psilocybin-bipolar"),
        ("F31.81 Bipolar II disorder", "psilocybin-bipolar"),
        ("ICD-10: F31.4", "psilocybin-bipolar"),
        ("F30.10", "psilocybin-mania"),
        ("F20.9", "psilocybin-schizophrenia"),
        ("F21", "psilocybin-psychotic-disorder"),
        ("F25.1", "psilocybin-psychotic-disorder"),
        ("F29", "psilocybin-psychotic-disorder"),
        ("N18.4", "psilocybin-severe-kidney-disease"),
        ("n18.5", "magnesium-severe-kidney-disease"),
        ("N186", "magnesium-severe-kidney-disease"),
        ("Z99.2", "magnesium-severe-kidney-disease"),
        ("K74.60", "psilocybin-severe-liver-disease"),
        ("K72.90", "psilocybin-severe-liver-disease"),
        ("K70.30 alcoholic cirrhosis", "psilocybin-severe-liver-disease"),
        ("F10.20", "psilocybin-substance-use-disorder"),
        ("F19.20", "psilocybin-substance-use-disorder"),
        ("F10.21", "psilocybin-substance-use-in-remission"),
        ("I16.0", "psilocybin-uncontrolled-hypertension"),
        ("I10", "psilocybin-hypertension-control-unknown"),
        ("I34.1", "psilocybin-heart-valve-disease"),
        ("Z95.2", "psilocybin-heart-valve-disease"),
        ("R45.851", "psilocybin-current-suicidal-ideation"),
        ("F60.3", "psilocybin-personality-disorder-check"),
        ("F44.81", "psilocybin-severe-dissociation"),
        ("D51.0", "b-complex-b12-deficiency-masking"),
    ],
)
def test_icd10_codes_match_with_their_sub_codes(condition, rule):
    assert rule in condition_rules(condition)


@pytest.mark.parametrize(
    "condition",
    [
        "F32.1",
        "F41.1",
        "F43.10",
        "F17.210",
        "N18.3",
        "N18.30",
        "N18.9",
        "K74.0",
        "K76.0",
        "E11.9",
        "F3",
        "F2",
        "I95.1",
        "B12",
        "F33.1",
    ],
)
def test_codes_outside_the_rules_and_their_ranges_do_not_match(condition):
    assert condition_rules(condition) == set()


def test_code_ranges_expand_to_every_code_between_their_ends():
    data = {
        "stack": [P],
        "conditions": {
            "g": [{"codes": ["F21–F29", "N18.4-N18.6"]}],
        },
        "rules": [
            {
                "id": "r",
                "components": [P],
                "severity": "absolute",
                "triggers": {"conditions": ["g"]},
                "reason": "r",
                "source": "s",
            }
        ],
    }
    rules = compile_rules(data)
    assert rules.rules[0].conditions[0].codes == (
        *(f"F{n}" for n in range(21, 30)),
        "N184",
        "N185",
        "N186",
    )


@pytest.mark.parametrize(
    ("condition", "rule"),
    [
        ("Bipolar II disorder", "psilocybin-bipolar"),
        ("bipolar affective disorder", "psilocybin-bipolar"),
        ("bi-polar", "psilocybin-bipolar"),
        ("Bipoler disorder", "psilocybin-bipolar"),
        ("manic depression", "psilocybin-bipolar"),
        ("manic episode", "psilocybin-mania"),
        ("hypomania last spring", "psilocybin-mania"),
        ("schizophrenia", "psilocybin-schizophrenia"),
        ("paranoid schizophrenia", "psilocybin-schizophrenia"),
        ("schizoaffective disorder", "psilocybin-psychotic-disorder"),
        ("psychosis", "psilocybin-psychotic-disorder"),
        ("drug-induced psychosis in 2019", "psilocybin-psychotic-disorder"),
        ("MDD with psychotic features", "psilocybin-psychotic-disorder"),
        ("severe dissociation", "psilocybin-severe-dissociation"),
        ("frequent dissociative episodes", "psilocybin-severe-dissociation"),
        ("dissociative identity disorder", "psilocybin-severe-dissociation"),
        ("severe personality disorder", "psilocybin-severe-personality-disorder"),
        (
            "borderline personality disorder, severe, not stable",
            "psilocybin-severe-personality-disorder",
        ),
        ("cirrhosis", "psilocybin-severe-liver-disease"),
        ("liver failure", "psilocybin-severe-liver-disease"),
        ("advanced liver disease", "psilocybin-severe-liver-disease"),
        ("CKD stage 4", "magnesium-severe-kidney-disease"),
        ("CKD 4", "magnesium-severe-kidney-disease"),
        ("CKD4", "magnesium-severe-kidney-disease"),
        ("CKD G5", "magnesium-severe-kidney-disease"),
        ("stage IV chronic kidney disease", "magnesium-severe-kidney-disease"),
        ("chronic kidney disease stage 5", "magnesium-severe-kidney-disease"),
        ("CKD stage 3-4", "magnesium-severe-kidney-disease"),
        ("end-stage renal disease", "magnesium-severe-kidney-disease"),
        ("ESRD on hemodialysis", "magnesium-severe-kidney-disease"),
        ("dialysis three times a week", "psilocybin-severe-kidney-disease"),
        ("uncontrolled hypertension", "psilocybin-uncontrolled-hypertension"),
        ("hypertension, poorly controlled", "psilocybin-uncontrolled-hypertension"),
        ("high blood pressure - not well controlled", "psilocybin-uncontrolled-hypertension"),
        ("resistant hypertension", "psilocybin-uncontrolled-hypertension"),
        ("hypertensive crisis", "psilocybin-uncontrolled-hypertension"),
        ("hypertension", "psilocybin-hypertension-control-unknown"),
        ("heart valve disease", "psilocybin-heart-valve-disease"),
        ("valvular heart disease", "psilocybin-heart-valve-disease"),
        ("mitral valve prolapse", "psilocybin-heart-valve-disease"),
        ("substance use disorder", "psilocybin-substance-use-disorder"),
        ("alcohol use disorder", "psilocybin-substance-use-disorder"),
        ("alcoholism", "psilocybin-substance-use-disorder"),
        ("recovering alcoholic, sober 3 years", "psilocybin-substance-use-in-remission"),
        ("current suicidal ideation", "psilocybin-current-suicidal-ideation"),
        ("passive suicidal thoughts", "psilocybin-current-suicidal-ideation"),
        ("pregnant, 12 weeks", "psilocybin-pregnancy"),
        ("breastfeeding", "psilocybin-breastfeeding"),
        ("B12 deficiency", "b-complex-b12-deficiency-masking"),
        ("homeless since March", "trauma-unstable-housing-or-safety"),
        ("Schizophrenai", "psilocybin-schizophrenia"),
    ],
)
def test_free_text_conditions_match_as_a_patient_or_clinician_writes_them(condition, rule):
    assert rule in condition_rules(condition)


@pytest.mark.parametrize(
    "condition",
    [
        "CKD stage 3",
        "CKD stage 3b",
        "chronic kidney disease stage 2",
        "CKD 1",
        "kidney stones",
        "hypertension, controlled",
        "well-controlled hypertension",
        "controlled hypertension",
        "hypertension (controlled on lisinopril)",
        "I10, controlled",
        "HTN - well managed",
        "hypotension",
        "orthostatic hypotension",
        "pulmonary hypertension",
        "fatty liver",
        "dissociation",
        "mild derealization",
        "F17.210 nicotine dependence",
        "tobacco use disorder",
        "no history of psychosis",
        "denies suicidal ideation",
        "no current SI; no suicidal thoughts",
        "not pregnant",
        "MDD, severe, without psychotic features",
        "ruled out bipolar",
        "bipolar disorder was ruled out",
        "psychosis excluded",
        "non-psychotic depression",
        "no severe dissociation",
        "non-alcoholic fatty liver disease",
        "nonalcoholic steatohepatitis",
        "unipolar depression",
        "history of pregnancy loss",
        "depression",
        "generalized anxiety disorder",
        "PTSD",
        "asthma",
        "multiple sclerosis",
        "psoriasis",
        "innocent heart murmur",
        "type 2 diabetes",
    ],
)
def test_these_conditions_raise_no_flag(condition):
    assert condition_rules(condition) == set()


@pytest.mark.parametrize(
    "text",
    [
        "history of bipolar in my mother",
        "mother has bipolar disorder",
        "my dad: schizophrenia",
        "family history of psychosis",
        "FH: bipolar",
        "sister - schizoaffective",
        "my mother's bipolar",
    ],
)
def test_a_relative_s_diagnosis_is_family_history_not_the_patient_s(text):
    assert condition_rules(text) == {"psilocybin-family-history-psychosis-bipolar"}


@pytest.mark.parametrize(
    "text",
    [
        "aunt with schizophrenia",
        "grandfather had bipolar disorder",
        "half-brother has bipolar",
        "stepmother, bipolar",
        "mother-in-law schizophrenia",
        "husband has bipolar",
    ],
)
def test_a_second_degree_or_non_blood_relative_raises_no_flag(text):
    assert condition_rules(text) == set()
    assert rules_of({"family_history": [text]}) == set()


def test_the_family_history_list_is_read_as_family_history():
    assert rules_of({"family_history": ["bipolar disorder", "F20.0"]}) == {
        "psilocybin-family-history-psychosis-bipolar"
    }
    assert rules_of({"family_history": ["no family history of psychosis"]}) == set()


def test_psychosis_after_the_patient_s_own_childbirth_is_the_patient_s_own():
    assert "psilocybin-psychotic-disorder" in condition_rules(
        "postpartum psychosis after my daughter was born"
    )
    assert condition_rules("my mother had postpartum psychosis") == {
        "psilocybin-family-history-psychosis-bipolar"
    }


def test_one_entry_may_hold_several_conditions_separated_by_semicolons_or_lines():
    got = condition_rules("asthma; Bipolar II\nCKD stage 4")
    assert {"psilocybin-bipolar", "magnesium-severe-kidney-disease"} <= got


def test_a_negation_in_another_clause_does_not_hide_a_condition():
    assert "psilocybin-schizophrenia" in condition_rules("bipolar: no; schizophrenia: yes")
    assert "psilocybin-bipolar" in condition_rules("bipolar, schizophrenia ruled out")


def test_non_negates_only_the_word_it_is_attached_to():
    assert condition_rules("non-severe personality disorder") == {
        "psilocybin-personality-disorder-check"
    }


def test_unresolved_is_not_read_as_resolved():
    assert "trauma-active-psychosis-or-severe-dissociation" in condition_rules(
        "unresolved psychosis"
    )
    assert "trauma-active-psychosis-or-severe-dissociation" not in condition_rules(
        "psychosis, resolved"
    )


def test_a_manic_depression_entry_is_flagged_once_as_bipolar():
    assert condition_rules("manic depression") == {"psilocybin-bipolar"}


def test_an_uncontrolled_hypertension_entry_is_not_also_asked_about_control():
    assert condition_rules("hypertension, poorly controlled") == {
        "psilocybin-uncontrolled-hypertension"
    }


@pytest.mark.parametrize(
    ("allergy", "expected"),
    [
        ("mushrooms", {"mushroom-allergy"}),
        ("Mushroom (hives)", {"mushroom-allergy"}),
        ("fungi", {"mushroom-allergy"}),
        ("shiitake", {"mushroom-allergy"}),
        ("shellfish", {"omega-3-fish-allergy"}),
        ("fish", {"omega-3-fish-allergy"}),
        ("shrimp - anaphylaxis", {"omega-3-fish-allergy"}),
        ("fish oil", {"omega-3-fish-allergy"}),
        ("oyster mushroom", {"mushroom-allergy"}),
        ("penicillin", set()),
        ("peanuts", set()),
        ("NKDA", set()),
        ("no mushroom allergy", set()),
        ("latex; shellfish", {"omega-3-fish-allergy"}),
    ],
)
def test_allergies(allergy, expected):
    assert rules_of({"allergies": [allergy]}) == expected


# ------------------------------------------------------------------------ doses


@pytest.mark.parametrize(
    ("text", "mg"),
    [
        ("400 mg", "400"),
        ("400mg", "400"),
        ("400 MG", "400"),
        ("400 mg/day", "400"),
        ("400 mg per day", "400"),
        ("0.4 g", "400"),
        ("0,4 g", "400"),
        ("0,4g", "400"),
        ("2 x 200 mg", "400"),
        ("2x200mg", "400"),
        ("2 × 200 mg", "400"),
        ("200 mg x 2", "400"),
        ("2 capsules of 200 mg", "400"),
        ("200 mg twice daily", "400"),
        ("200 mg BID", "400"),
        ("200 mg morning, 200 mg evening", "400"),
        ("2000 mg glycinate (400 mg elemental)", "400"),
        ("elemental magnesium 400 mg", "400"),
        ("400 mg (2 x 200 mg)", "400"),
        ("150 mcg", "0.150"),
        ("150 µg", "0.150"),
        ("150 μg", "0.150"),
        ("150ug", "0.150"),
        ("1,000 mcg", "1"),
        ("1.5 g", "1500"),
        ("0.15 g", "150"),
        ("0.15g 2x/week", "150"),
        ("1 gram", "1000"),
    ],
)
def test_it_parses_doses_with_units_spacing_decimal_commas_and_multipliers(text, mg):
    amount = parse_dose(text)
    assert amount is not None and amount.low == amount.high == Decimal(mg)


def test_a_range_keeps_both_ends():
    amount = parse_dose("0.1–0.2 g")
    assert (amount.low, amount.high) == (Decimal(100), Decimal(200))
    amount = parse_dose("0.1 g - 0.2 g")
    assert (amount.low, amount.high) == (Decimal(100), Decimal(200))


@pytest.mark.parametrize(
    "text",
    [
        "",
        "a handful",
        "400",
        "one capsule",
        "lots mg",
        "400 IU",
        "mg 400",
        "1e3 mg",
        "9" * 40 + " mg",
        "-",
        "½ tablet",
    ],
)
def test_a_dose_it_cannot_read_is_none_and_never_an_error(text):
    assert parse_dose(text) is None
    assert flags(doses={MG: text, P: text, BC: text}) == []


def test_a_dose_that_is_not_a_string_is_ignored():
    assert parse_dose(400) is None
    assert flags(doses={MG: 400, P: None, BC: ["B6 200 mg"]}) == []


@pytest.mark.parametrize(
    ("dose", "flagged"),
    [
        ("350 mg", False),
        ("351 mg", True),
        ("349.9 mg", False),
        ("350.1 mg", True),
        ("0.35 g", False),
        ("0,351 g", True),
        ("400 mg", True),
        ("2 x 175 mg", False),
        ("2 x 200 mg", True),
        ("175 mg twice daily", False),
        ("200 mg twice daily", True),
        ("250-400 mg", True),
    ],
)
def test_magnesium_above_350_mg_a_day_is_flagged_and_at_350_it_is_not(dose, flagged):
    got = rules_of(doses={MG: dose})
    assert ("magnesium-dose-above-upper-limit" in got) is flagged


@pytest.mark.parametrize(
    ("dose", "flagged"),
    [
        ("B6 100 mg", False),
        ("B6 101 mg", True),
        ("B6 120 mg", True),
        ("B6 50 mg, B12 500 mcg", False),
        ("B6 50 mg, B12 500 mcg, folate 400 mcg", False),
        ("B6 150 mg, B12 500 mcg", True),
        ("50 mg B6 + 1000 mcg B12", False),
        ("vitamin B-6: 101mg", True),
        ("pyridoxine 150 mg", True),
        ("P5P 60 mg twice daily", True),
        ("B6 50 mg twice daily", False),
        ("B12 1000 mcg", False),
        ("B1 150 mg, B6 25 mg", False),
        ("150 mg", False),  # which vitamin? none named: no flag
        ("B-complex 100", False),
        ("B6 0,11 g", True),
    ],
)
def test_b6_above_100_mg_a_day_is_flagged_inside_a_b_complex_dose(dose, flagged):
    got = rules_of(doses={BC: dose})
    assert ("b-complex-b6-above-upper-limit" in got) is flagged


def test_a_nutrient_dose_reads_only_that_vitamin():
    assert parse_nutrient_dose("B6 50 mg, B12 500 mcg", "b12").low == Decimal("0.5")
    assert parse_nutrient_dose("B12 500 mcg", "b6") is None


@pytest.mark.parametrize(
    ("dose", "flagged"),
    [
        ("0.1 g", False),
        ("0.15 g", False),
        ("0.2 g", False),
        ("200 mg", False),
        ("0.21 g", True),
        ("210 mg", True),
        ("0.09 g", True),
        ("99 mg", True),
        ("0,2 g", False),
        ("0.1-0.2 g", False),
        ("0.1-0.3 g", True),
        ("1 g", True),
    ],
)
def test_psilocybin_outside_the_0_1_to_0_2_g_range_is_flagged(dose, flagged):
    got = rules_of(doses={P: dose})
    assert ("psilocybin-dose-outside-protocol-range" in got) is flagged


def test_a_dose_flag_shows_the_dose_string_as_written():
    [flag] = flags(doses={MG: "  0,4 g daily "})
    assert flag.matched == "  0,4 g daily "
    assert flag.component == MG and flag.severity == "relative"


def test_no_doses_means_no_dose_flag():
    assert flags(doses=None) == [] and flags(doses={}) == []


def test_a_dose_for_a_component_not_requested_raises_nothing():
    assert flags(components=[P], doses={MG: "800 mg"}) == []


# ------------------------------------------------------------------ the profile


def test_an_empty_profile_raises_no_flag():
    assert flags({}) == []


def test_unknown_answers_raise_no_flag():
    profile = {
        "conditions": None,
        "medications": None,
        "allergies": None,
        "family_history": None,
        "notes": None,
        "pregnant": None,
        "breastfeeding": None,
        "recent_trauma_months": None,
        "has_therapist": None,
        "housing_stable": None,
    }
    assert flags(profile) == []


def test_reassuring_answers_raise_no_flag():
    profile = {
        "conditions": ["asthma"],
        "medications": ["vitamin D 1000 IU"],
        "allergies": [],
        "pregnant": False,
        "breastfeeding": False,
        "recent_trauma_months": 24,
        "has_therapist": True,
        "housing_stable": True,
    }
    assert flags(profile) == []


def test_notes_are_not_screened():
    assert flags({"notes": "takes lithium; bipolar"}) == []


def test_a_string_where_a_list_is_expected_is_read_as_one_entry():
    assert rules_of({"medications": "Nardil 15 mg"}) == {"psilocybin-maoi"}


def test_values_of_the_wrong_kind_are_ignored_not_guessed():
    profile = {
        "pregnant": "yes",
        "has_therapist": 0,
        "housing_stable": "false",
        "recent_trauma_months": "3",
        "medications": [None, 3, {"name": "lithium"}],
    }
    assert flags(profile) == []
    assert flags({"recent_trauma_months": True}) == []
    assert flags({"recent_trauma_months": -2}) == []
    assert flags({"recent_trauma_months": float("nan")}) == []


def test_every_flag_carries_the_patient_s_words_verbatim():
    profile = {
        "medications": ["  NARDIL 15mg (since 2019)"],
        "conditions": ["Bipolar II disorder"],
        "allergies": ["Mushrooms!!"],
    }
    matched = {f.matched for f in flags(profile)}
    assert matched == {"  NARDIL 15mg (since 2019)", "Bipolar II disorder", "Mushrooms!!"}


def test_profile_answers_are_shown_as_field_and_value():
    got = {
        (f.rule, f.matched)
        for f in flags(
            {
                "pregnant": True,
                "breastfeeding": True,
                "recent_trauma_months": 2,
                "has_therapist": False,
                "housing_stable": False,
            }
        )
    }
    assert got == {
        ("psilocybin-pregnancy", "pregnant: true"),
        ("psilocybin-breastfeeding", "breastfeeding: true"),
        ("trauma-recent-traumatic-event", "recent_trauma_months: 2"),
        ("trauma-no-therapist", "has_therapist: false"),
        ("trauma-unstable-housing-or-safety", "housing_stable: false"),
    }


def test_flags_are_ordered_by_component_severity_rule():
    profile = {
        "medications": ["sertraline", "Nardil", "warfarin", "doxycycline"],
        "conditions": ["CKD stage 4"],
        "has_therapist": False,
    }
    got = flags(profile)
    keys = [(f.component or "", ["absolute", "relative"].index(f.severity), f.rule) for f in got]
    assert keys == sorted(keys)
    assert got[0].component is None  # the protocol as a whole comes first
    assert [f.rule for f in got if f.component == P] == [
        "psilocybin-maoi",
        "psilocybin-severe-kidney-disease",
        "psilocybin-ssri-snri",
    ]


def test_each_matching_entry_gets_its_own_flag_and_duplicates_collapse():
    got = flags({"medications": ["sertraline", "Zoloft", "sertraline"]})
    assert [f.matched for f in got] == ["Zoloft", "sertraline"]


def test_flags_are_frozen_and_serialise_to_the_command_shape():
    [flag] = flags({"medications": ["lithium"]})
    with pytest.raises(FrozenInstanceError):
        flag.severity = "relative"
    assert set(flag.as_dict()) == {"component", "severity", "rule", "matched", "reason", "source"}
    assert flag.reason and flag.source


def test_only_the_requested_components_are_screened_and_protocol_flags_always_are():
    profile = {"medications": ["Nardil", "warfarin"], "has_therapist": False}
    got = {(f.component, f.rule) for f in flags(profile, components=[O3])}
    assert got == {(O3, "omega-3-anticoagulants"), (None, "trauma-no-therapist")}
    assert {f.component for f in flags(profile, components=[])} == {None}


def test_a_component_slug_without_rules_is_screened_for_nothing_but_the_protocol():
    assert flags({"has_therapist": False}, components=["ashwagandha"]) == flags(
        {"has_therapist": False}, components=[]
    )


# -------------------------------------------------------------------- eligible


def test_an_absolute_flag_on_a_requested_component_makes_the_patient_ineligible():
    got = flags({"medications": ["Nardil"]})
    assert eligible(got, None) is False
    assert eligible(got, [P]) is False
    assert eligible(got, [MG, O3]) is True


def test_relative_flags_alone_leave_the_patient_eligible():
    got = flags({"medications": ["sertraline"], "has_therapist": False}, doses={MG: "400 mg"})
    assert got and eligible(got, None) is True


def test_an_absolute_flag_on_the_protocol_as_a_whole_makes_everyone_ineligible():
    protocol_flag = Flag(None, "absolute", "x", "y", "z", "s")
    assert eligible([protocol_flag], []) is False
    assert eligible([], None) is True


# ---------------------------------------------------------------------- fixtures


def test_the_rules_fixture_compiles_and_every_rule_says_why_and_where_from():
    rules = contraindication_rules()
    assert rules.stack == REFERENCE_STACK
    for rule in rules.rules:
        assert rule.reason.strip() and rule.source.strip(), rule.id
        assert rule.severity in {"absolute", "relative"}


def _rule(**overrides):
    rule = {
        "id": "r",
        "components": [P],
        "severity": "absolute",
        "triggers": {"medications": ["g"]},
        "reason": "because",
        "source": "somewhere",
    }
    return rule | overrides


@pytest.mark.parametrize(
    ("rule", "message"),
    [
        (_rule(severity="severe"), "severity"),
        (_rule(components=["kava"]), "components"),
        (_rule(triggers={"medications": ["nope"]}), "unknown medications group"),
        (_rule(triggers={"smell": ["x"]}), "triggers"),
        (_rule(reason=""), "missing reason"),
        (_rule(superseded_by="nothing"), "superseded_by"),
        (_rule(triggers={"dose": {"above": "lots"}}), "not one amount"),
        (_rule(triggers={"profile": {"pregnant": "yes"}}), "profile field"),
        (_rule(colour="red"), "unknown keys"),
    ],
)
def test_a_broken_rule_is_refused_with_a_message_saying_where(rule, message):
    data = {"stack": [P], "medications": {"g": {"names": ["x"]}}, "rules": [rule]}
    with pytest.raises(RulesError, match=message):
        compile_rules(data)


def test_duplicate_rule_ids_and_bad_code_ranges_are_refused():
    data = {"stack": [P], "medications": {"g": {"names": ["x"]}}, "rules": [_rule(), _rule()]}
    with pytest.raises(RulesError, match="duplicate"):
        compile_rules(data)
    data = {"stack": [P], "conditions": {"c": [{"codes": ["F29–F21"]}]}, "rules": []}
    with pytest.raises(RulesError, match="backwards"):
        compile_rules(data)
    data = {"stack": [P], "conditions": {"c": [{"codes": ["F21–F29.1"]}]}, "rules": []}
    with pytest.raises(RulesError, match="same level"):
        compile_rules(data)


def test_the_components_fixture_describes_the_reference_stack_with_sources():
    stack = components()
    assert [c["slug"] for c in stack] == list(REFERENCE_STACK)
    for component in stack:
        assert component["name"] and component["units"] and component["forms"]
        for item in component["forms"] + component["doses"] + component["side_effects"]:
            assert item["source"].strip(), (component["slug"], item)
        for dose in component["doses"]:
            for text in [dose.get("value"), *(dose.get("range") or {}).values()]:
                if text:
                    assert parse_dose(text) is not None, text


def test_the_seed_doses_and_the_dose_rules_agree():
    by_slug = {c["slug"]: c for c in components()}
    [psilocybin_range] = [d["range"] for d in by_slug[P]["doses"] if "range" in d]
    rules = {r.id: r for r in contraindication_rules().rules}
    limit = rules["psilocybin-dose-outside-protocol-range"].dose
    assert parse_dose(psilocybin_range["low"]).low == limit.below
    assert parse_dose(psilocybin_range["high"]).high == limit.above
    # The seed's 400 mg of magnesium is what the upper-limit rule is about.
    [magnesium] = by_slug[MG]["doses"]
    assert "magnesium-dose-above-upper-limit" in rules_of(doses={MG: magnesium["value"]})
