"""PCL-5, the PTSD Checklist for DSM-5.

Sources (REF = docs/CLINICAL_REFERENCE.md; each fact there names its public source):
- Items, answer options and the past-month stem: the PCL-5 (Weathers, Litz,
  Keane, Palmieri, Marx & Schnurr, 2013; National Center for PTSD), a US
  government work (REF#licensing). REF gives no item texts.
- 20 items x 0-4, total 0-80; provisional PTSD at 31-33: REF#instruments.
  REF gives the cut-off as a range, so the bands are ours: 0-30 below
  the cut-off range, 31-33 within it (possible), 34-80 above it (probable).
- Clusters B 1-5, C 6-7, D 8-14, E 15-20; an item counts when >= 2; a
  provisional diagnosis needs 1 B, 1 C, 2 D, 2 E: REF#instruments (the "cluster"
  scoring, reported beside the total in Score.detail).
- LOINC: PCL-5 panel 101697-1, total 101698-9: REF#loinc-codes.
"""

from dataclasses import replace

from .base import Band, Instrument, Option, Score

PCL5_ITEMS = (
    "Repeated, disturbing, and unwanted memories of the stressful experience?",
    "Repeated, disturbing dreams of the stressful experience?",
    "Suddenly feeling or acting as if the stressful experience were actually happening again "
    "(as if you were actually back there reliving it)?",
    "Feeling very upset when something reminded you of the stressful experience?",
    "Having strong physical reactions when something reminded you of the stressful experience "
    "(for example, heart pounding, trouble breathing, sweating)?",
    "Avoiding memories, thoughts, or feelings related to the stressful experience?",
    "Avoiding external reminders of the stressful experience (for example, people, places, "
    "conversations, activities, objects, or situations)?",
    "Trouble remembering important parts of the stressful experience?",
    "Having strong negative beliefs about yourself, other people, or the world (for example, "
    "having thoughts such as: I am bad, there is something seriously wrong with me, no one can "
    "be trusted, the world is completely dangerous)?",
    "Blaming yourself or someone else for the stressful experience or what happened after it?",
    "Having strong negative feelings such as fear, horror, anger, guilt, or shame?",
    "Loss of interest in activities that you used to enjoy?",
    "Feeling distant or cut off from other people?",
    "Trouble experiencing positive feelings (for example, being unable to feel happiness or "
    "have loving feelings for people close to you)?",
    "Irritable behavior, angry outbursts, or acting aggressively?",
    "Taking too many risks or doing things that could cause you serious harm?",
    'Being "superalert" or watchful or on guard?',
    "Feeling jumpy or easily startled?",
    "Having difficulty concentrating?",
    "Trouble falling or staying asleep?",
)

# cluster -> (first item, last item, items needed), 1-based as the reference gives them.
CLUSTERS = {"B": (1, 5, 1), "C": (6, 7, 1), "D": (8, 14, 2), "E": (15, 20, 2)}
ITEM_COUNTS_FROM = 2


def clusters_met(items: tuple[int, ...]) -> dict[str, bool]:
    met = {}
    for cluster, (first, last, needed) in CLUSTERS.items():
        endorsed = sum(1 for value in items[first - 1 : last] if value >= ITEM_COUNTS_FROM)
        met[cluster] = endorsed >= needed
    return met


class _Pcl5(Instrument):
    def score(self, answers: dict) -> Score:
        scored = super().score(answers)
        met = clusters_met(scored.items)
        return replace(
            scored, detail={"clusters": met, "provisional_by_clusters": all(met.values())}
        )


PCL5 = _Pcl5(
    slug="pcl5",
    name="PCL-5",
    stem=(
        "Below is a list of problems that people sometimes have in response to a very stressful "
        "experience. In the past month, how much were you bothered by:"
    ),
    items=PCL5_ITEMS,
    options=(
        Option(0, "Not at all"),
        Option(1, "A little bit"),
        Option(2, "Moderately"),
        Option(3, "Quite a bit"),
        Option(4, "Extremely"),
    ),
    bands=(
        Band(
            "below",
            0,
            30,
            "below the provisional PTSD cut-off",
            "Your answers are below the level that suggests post-traumatic stress.",
        ),
        Band(
            "possible",
            31,
            33,
            "at the provisional PTSD cut-off (31-33)",
            "Your answers are at the level where post-traumatic stress is possible.",
        ),
        Band(
            "probable",
            34,
            80,
            "above the provisional PTSD cut-off",
            "Your answers suggest post-traumatic stress is likely.",
        ),
    ),
    source="CLINICAL_REFERENCE.md#instruments; Weathers et al. 2013 (items)",
)
