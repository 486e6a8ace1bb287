"""What each kind of crisis-language finding is called on a page, in one place.

The lexicon (fixtures/crisis_lexicon.yaml) names its categories with keys such as
"suicidal_passive"; people read the words here. tests/safety/test_categories.py
fails when the lexicon gains a category, or a rule named below is renamed, without
words here. A key this module does not know still reads as words ("another kind of
concern"), never as the key.

KINDS is ordered from the gravest to the least grave kind: when an entry raised
several, the first of them is the entry's kind (the review list, the export's
"kind" column).
"""

KINDS = {
    "suicidal": "thoughts or intent of ending their life",
    "overdose": "an overdose",
    "self_harm": "self-harm",
    "harm_others": "harming someone else",
    "medical": "a medical emergency",
    "serotonin_toxicity": "signs of serotonin toxicity",
    "suicidal_passive": "wishing to be dead or not to wake up",
    "psychosis": "signs of psychosis",
    "mania": "signs of mania",
    "help_request": "asking for help",
    "panic": "panic that won't pass",
    # What the context (the plan, the medicines, the mood) raised: the check-in
    # names these spans "context-<kind>" (apps/safety/services.py).
    "interaction": "a medicine interaction",
    "low_mood": "very low mood with worrying words",
}

# A finer kind for a few suicidal rules, by the lexicon's rule id: a plan, the
# means or preparations are what a clinician acts on first.
RULE_KINDS = {
    "plan": "a plan to end their life",
    "preparation": "preparing to end their life",
    "preparation-affairs": "putting their affairs in order",
    "means-at-hand": "the means to end their life at hand",
    "means-pills": "the means to end their life at hand",
    "means-purpose-hidden": "the means to end their life at hand",
    "method-hanging": "a method to end their life",
    "method-jump": "a method to end their life",
    "method-means": "a method to end their life",
    "method-research": "looking up how to end their life",
    "method-research-more": "looking up how to end their life",
    "attempt-described": "a suicide attempt",
}

# The context's span terms (apps/safety/services.py `_crisis_finding`).
_CONTEXT_KINDS = {
    "context-overdose": "overdose",
    "context-interaction": "interaction",
    "context-mood": "low_mood",
}

UNKNOWN = "another kind of concern"


def kind_of(span: dict) -> str:
    """The lexicon's category key of one evidence span (or the context's kind)."""
    if not isinstance(span, dict):
        return ""
    term = str(span.get("term") or span.get("rule") or "")
    if term in _CONTEXT_KINDS:
        return _CONTEXT_KINDS[term]
    return str(span.get("category") or "")


def kind_label(kind: str) -> str:
    """The words for a kind key; never the key itself."""
    return KINDS.get(kind, UNKNOWN)


def span_label(span: dict) -> str:
    """The words for one evidence span: the rule's finer kind where there is one,
    else its category's."""
    if not isinstance(span, dict):
        return UNKNOWN
    term = str(span.get("term") or span.get("rule") or "")
    if term in RULE_KINDS:
        return RULE_KINDS[term]
    return kind_label(kind_of(span))


def gravest_kind(spans) -> str:
    """The gravest kind among the spans (KINDS' order), or "" for none known."""
    kinds = {kind_of(span) for span in spans}
    for kind in KINDS:
        if kind in kinds:
            return kind
    return ""


def kind_choices() -> list[tuple[str, str]]:
    """(key, words) for a form's choice of kind, gravest first."""
    return [(key, words[:1].upper() + words[1:]) for key, words in KINDS.items()]
