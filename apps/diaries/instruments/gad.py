"""GAD-7 and its short form, the GAD-2.

Sources (REF = docs/CLINICAL_REFERENCE.md; each fact there names its public source):
- Items, answer options and the two-week stem: the GAD-7 as published by
  Spitzer, Kroenke, Williams & Löwe (Arch Intern Med 2006;166:1092-7); free to
  reproduce (Pfizer; REF#licensing). REF gives no item texts.
- 7 items x 0-3, total 0-21; bands 0-4 / 5-9 / 10-14 / 15-21: REF#instruments.
  The band names minimal / mild / moderate / severe are the published ones.
- >= 10 probable GAD: REF#instruments; reliable change >= 4: REF (see change.py).
- GAD-2 = GAD-7 items 1-2, total 0-6; >= 3 -> give the full GAD-7: REF#instruments.
- LOINC: GAD-7 panel 69737-5, total 70274-6: REF#loinc-codes.
"""

from .base import Band, Instrument
from .phq import FREQUENCY, TWO_WEEKS_STEM

GAD7_ITEMS = (
    "Feeling nervous, anxious, or on edge",
    "Not being able to stop or control worrying",
    "Worrying too much about different things",
    "Trouble relaxing",
    "Being so restless that it is hard to sit still",
    "Becoming easily annoyed or irritable",
    "Feeling afraid, as if something awful might happen",
)
PROBABLE_GAD_FROM = 10

GAD7 = Instrument(
    slug="gad7",
    name="GAD-7",
    stem=TWO_WEEKS_STEM,
    items=GAD7_ITEMS,
    options=FREQUENCY,
    bands=(
        Band("minimal", 0, 4, "minimal", "Your answers show few or no signs of anxiety."),
        Band("mild", 5, 9, "mild", "Your answers suggest mild anxiety."),
        Band(
            "moderate",
            10,
            14,
            "moderate",
            "Your answers suggest moderate anxiety, enough to look at together.",
        ),
        Band("severe", 15, 21, "severe", "Your answers suggest severe anxiety."),
    ),
    source="CLINICAL_REFERENCE.md#instruments; Spitzer et al. 2006 (items)",
)

GAD2 = Instrument(
    slug="gad2",
    name="GAD-2",
    stem=TWO_WEEKS_STEM,
    items=GAD7_ITEMS[:2],
    options=FREQUENCY,
    bands=(
        Band("negative", 0, 2, "negative screen", "Your answers show few signs of anxiety."),
        Band(
            "positive",
            3,
            6,
            "positive screen",
            "Your answers suggest you may be struggling with anxiety. A few more questions "
            "will tell your clinician more.",
        ),
    ),
    source="CLINICAL_REFERENCE.md#instruments (GAD-2 = GAD-7 items 1-2; >= 3 -> full GAD-7)",
    follow_up="gad7",
    follow_up_when=lambda _items, total: total >= 3,
)
