"""Properties of the screening engine that must hold for any input."""

import random
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from apps.safety.detectors.screening import (
    PROFILE_FIELDS,
    REFERENCE_STACK,
    SEVERITIES,
    eligible,
    parse_dose,
    parse_nutrient_dose,
    screen,
)
from apps.safety.rules import contraindication_rules

SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Words the rules know, so random profiles hit rules often, not just never.
REAL_ENTRIES = [
    "Nardil 15 mg",
    "setraline",
    "lithum 300mg",
    "St. John's Wort",
    "warfarin",
    "carbidopa/levodopa",
    "levodopa",
    "metformin",
    "doxycycline",
    "Fosamax",
    "Keppra",
    "Bipolar II disorder",
    "F31.81",
    "CKD stage 4",
    "CKD stage 3",
    "hypertension, controlled",
    "uncontrolled hypertension",
    "hypertension",
    "history of bipolar in my mother",
    "no psychosis",
    "psychosis",
    "severe dissociation",
    "alcohol use disorder in remission",
    "F10.20",
    "current suicidal ideation",
    "pregnant",
    "mushrooms",
    "shellfish",
    "aunt: bipolar",
    "borderline personality disorder",
    "severe BPD",
    "manic depression",
    "N18.5",
    "I10",
]
text = st.one_of(st.text(max_size=60), st.sampled_from(REAL_ENTRIES))
anything = st.recursive(
    st.one_of(
        st.none(),
        st.booleans(),
        st.integers(min_value=-(10**6), max_value=10**6),
        st.floats(allow_nan=True, allow_infinity=True),
        text,
    ),
    lambda inner: st.one_of(st.lists(inner, max_size=5), st.dictionaries(text, inner, max_size=3)),
    max_leaves=12,
)
profiles = st.dictionaries(
    st.one_of(st.sampled_from(PROFILE_FIELDS), st.text(max_size=10)), anything, max_size=12
)
components = st.one_of(
    st.none(),
    st.lists(st.one_of(st.sampled_from(REFERENCE_STACK), st.text(max_size=10)), max_size=6),
)
doses = st.one_of(
    st.none(),
    st.dictionaries(
        st.one_of(st.sampled_from(REFERENCE_STACK), st.text(max_size=10)),
        st.one_of(
            st.text(max_size=40),
            st.from_regex(r"\A\d{1,4}([.,]\d{1,3})? ?(mg|g|mcg|µg)( x \d)?\Z"),
            st.from_regex(r"\AB6 \d{1,3} ?mg(, B12 \d{1,4} mcg)?\Z"),
            anything,
        ),
        max_size=5,
    ),
)
# Realistic profiles: the keys the engine reads, with list and boolean values.
realistic = st.fixed_dictionaries(
    {},
    optional={
        "conditions": st.lists(text, max_size=5),
        "medications": st.lists(text, max_size=5),
        "allergies": st.lists(text, max_size=3),
        "family_history": st.lists(text, max_size=3),
        "pregnant": st.one_of(st.none(), st.booleans()),
        "breastfeeding": st.one_of(st.none(), st.booleans()),
        "has_therapist": st.one_of(st.none(), st.booleans()),
        "housing_stable": st.one_of(st.none(), st.booleans()),
        "recent_trauma_months": st.one_of(st.none(), st.integers(0, 60)),
    },
)
UNRELATED = [
    "ibuprofen 400 mg",
    "vitamin D 1000 IU",
    "inulin",
    "Celebrex",
    "loratadine",
    "paracetamol",
    "magnesium citrate",
    "melatonin 3mg",
    "omega-3 fish oil",
]


def run(profile, comps=None, dose_map=None):
    return screen(profile, components=comps, doses=dose_map, rules=contraindication_rules())


@SETTINGS
@given(profiles, components, doses)
def test_no_profile_crashes_the_engine_and_every_flag_is_well_formed(profile, comps, dose_map):
    flags = run(profile, comps, dose_map)
    requested = set(REFERENCE_STACK if comps is None else comps)
    for flag in flags:
        assert flag.severity in SEVERITIES
        assert flag.component is None or flag.component in requested
        assert isinstance(flag.matched, str) and flag.matched
        assert flag.reason and flag.source
    assert isinstance(eligible(flags, comps), bool)


@SETTINGS
@given(profiles, components, doses)
def test_the_same_input_always_gives_the_same_flags_in_the_same_order(profile, comps, dose_map):
    assert run(profile, comps, dose_map) == run(profile, comps, dose_map)


@SETTINGS
@given(realistic, st.randoms(use_true_random=False))
def test_the_order_of_the_entries_does_not_change_the_answer(profile, rng: random.Random):
    shuffled = {
        k: (rng.sample(v, len(v)) if isinstance(v, list) else v) for k, v in profile.items()
    }
    assert run(shuffled) == run(profile)


@SETTINGS
@given(realistic, text)
def test_adding_a_medication_never_removes_a_flag(profile, medication):
    before = set(run(profile))
    more = profile | {"medications": [*profile.get("medications", []), medication]}
    assert before <= set(run(more))


@SETTINGS
@given(realistic, st.sampled_from(UNRELATED))
def test_adding_an_unrelated_medication_changes_nothing(profile, medication):
    more = profile | {"medications": [*profile.get("medications", []), medication]}
    assert run(more) == run(profile)


@SETTINGS
@given(realistic, text)
def test_adding_a_condition_never_makes_an_ineligible_patient_eligible(profile, condition):
    more = profile | {"conditions": [*profile.get("conditions", []), condition]}
    if not eligible(run(profile), None):
        assert not eligible(run(more), None)


@SETTINGS
@given(st.one_of(st.text(max_size=80), anything))
def test_dose_parsing_never_crashes_and_never_reads_a_negative_amount(value):
    for amount in (parse_dose(value), parse_nutrient_dose(value, "b6")):
        if amount is not None:
            assert 0 <= amount.low <= amount.high


@SETTINGS
@given(st.decimals(min_value=0, max_value=2000, places=2), st.sampled_from(["mg", " mg", "mg/day"]))
def test_magnesium_is_flagged_exactly_when_the_dose_is_above_350_mg(amount, unit):
    flagged = any(
        f.rule == "magnesium-dose-above-upper-limit"
        for f in run({}, ["magnesium"], {"magnesium": f"{amount}{unit}"})
    )
    assert flagged is (amount > Decimal(350))


@SETTINGS
@given(st.decimals(min_value=0, max_value=1, places=3))
def test_psilocybin_is_flagged_exactly_when_outside_0_1_to_0_2_g(grams):
    flagged = any(
        f.rule == "psilocybin-dose-outside-protocol-range"
        for f in run({}, ["psilocybin"], {"psilocybin": f"{grams} g"})
    )
    assert flagged is not (Decimal("0.1") <= grams <= Decimal("0.2"))
