"""PHQ-9 and its short form, the PHQ-2.

Sources (REF = docs/CLINICAL_REFERENCE.md; each fact there names its public source):
- Items, answer options and the two-week stem: the PHQ-9 as published by
  Kroenke, Spitzer & Williams (J Gen Intern Med 2001;16:606-13); Pfizer, "no
  permission required to reproduce, translate, display or distribute"
  (REF#licensing). REF gives no item texts, so they are the instrument's own.
- 9 items x 0-3, total 0-27; bands 0-4 minimal, 5-9 mild, 10-14 moderate,
  15-19 moderately severe, 20-27 severe: REF#instruments.
- Item 9 (thoughts of being better off dead / self-harm) > 0 -> follow-up
  whatever the total: REF#instruments. Trellis offers the C-SSRS screener next
  (issue 5); the alert itself is apps.safety.risk's rule phq9_item9.
- PHQ-2 = PHQ-9 items 1-2, total 0-6; >= 3 -> give the full PHQ-9:
  REF#instruments. The band names "negative/positive screen" are ours.
- LOINC: PHQ-9 panel 44249-1, total 44261-6, item 9 44260-8; PHQ-2 panel
  55757-9, total 55758-7: REF#loinc-codes.
"""

from .base import Band, Instrument, Option

TWO_WEEKS_STEM = (
    "Over the last 2 weeks, how often have you been bothered by any of the following problems?"
)
FREQUENCY = (
    Option(0, "Not at all"),
    Option(1, "Several days"),
    Option(2, "More than half the days"),
    Option(3, "Nearly every day"),
)
PHQ9_ITEMS = (
    "Little interest or pleasure in doing things",
    "Feeling down, depressed, or hopeless",
    "Trouble falling or staying asleep, or sleeping too much",
    "Feeling tired or having little energy",
    "Poor appetite or overeating",
    "Feeling bad about yourself — or that you are a failure or have let yourself or your "
    "family down",
    "Trouble concentrating on things, such as reading the newspaper or watching television",
    "Moving or speaking so slowly that other people could have noticed? Or the opposite — "
    "being so fidgety or restless that you have been moving around a lot more than usual",
    "Thoughts that you would be better off dead or of hurting yourself in some way",
)
ITEM9_INDEX = 8

PHQ9 = Instrument(
    slug="phq9",
    name="PHQ-9",
    stem=TWO_WEEKS_STEM,
    items=PHQ9_ITEMS,
    options=FREQUENCY,
    bands=(
        Band("minimal", 0, 4, "minimal", "Your answers show few or no signs of depression."),
        Band("mild", 5, 9, "mild", "Your answers suggest mild symptoms of depression."),
        Band("moderate", 10, 14, "moderate", "Your answers suggest moderate depression."),
        Band(
            "moderately_severe",
            15,
            19,
            "moderately severe",
            "Your answers suggest depression that is weighing on you quite heavily.",
        ),
        Band("severe", 20, 27, "severe", "Your answers suggest severe depression."),
    ),
    source="CLINICAL_REFERENCE.md#instruments; Kroenke et al. 2001 (items)",
    follow_up="cssrs",
    follow_up_when=lambda items, _total: items[ITEM9_INDEX] > 0,
)

PHQ2 = Instrument(
    slug="phq2",
    name="PHQ-2",
    stem=TWO_WEEKS_STEM,
    items=PHQ9_ITEMS[:2],
    options=FREQUENCY,
    bands=(
        Band("negative", 0, 2, "negative screen", "Your answers show few signs of depression."),
        Band(
            "positive",
            3,
            6,
            "positive screen",
            "Your answers suggest you may be depressed. A few more questions will tell "
            "your clinician more.",
        ),
    ),
    source="CLINICAL_REFERENCE.md#instruments (PHQ-2 = PHQ-9 items 1-2; >= 3 -> full PHQ-9)",
    follow_up="phq9",
    follow_up_when=lambda _items, total: total >= 3,
)
