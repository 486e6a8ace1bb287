"""Where a fact comes from, in words a clinician reads. The fixtures cite
their sources in a short form meant for whoever maintains them ("seed:" the
reference protocol's document, "REF:" docs/CLINICAL_REFERENCE.md); pages show
"Reference protocol document: ..." and "Clinical reference: ..." instead."""

import re

_PREFIXES = [
    (re.compile(r"^\s*seed\s*:\s*", re.IGNORECASE), "Reference protocol document: "),
    (
        re.compile(r"^\s*(?:REF|(?:docs/)?CLINICAL_REFERENCE\.md)(?:#[\w-]*)?\s*:\s*"),
        "Clinical reference: ",
    ),
]
# A bare pointer such as "REF#instruments" or "CLINICAL_REFERENCE.md#alert-rules".
_POINTER = re.compile(r"\b(?:REF|(?:docs/)?CLINICAL_REFERENCE\.md)#[\w-]+")


def source_words(text: str | None) -> str:
    text = (text or "").strip()
    for pattern, words in _PREFIXES:
        if pattern.match(text):
            text = pattern.sub(words, text, count=1)
            if words.startswith("Clinical"):
                # The reference is a list of entries to a reader, not a table's rows.
                text = re.sub(r"\brows\b", "entries", re.sub(r"\brow\b", "entry", text))
            break
    # The contraindication rules cite an entry of the clinical reference as
    # 'REF row "tramadol ..."' and the protocol document as 'seed "Absolute ...'.
    text = re.sub(r"\bNot a REF row\b", "Not in the clinical reference", text)
    text = re.sub(r"\bNot a separate REF row\b", "Not a separate clinical reference entry", text)
    text = re.sub(r"^\s*REF rows?\b", "Clinical reference, entry", text)
    text = re.sub(r"^\s*REF(?=\s+[\"“])", "Clinical reference,", text)
    text = re.sub(r"\bREF's\b", "the clinical reference's", text)
    text = re.sub(r"\bREF rows?\b", "the clinical reference's entry", text)
    # A citation inside the text ("not in seed: it names the parts ...").
    text = re.sub(r"\bseed(?=\s*[:\"“.;,)]|\s*$)", "the reference protocol document", text)
    return _POINTER.sub("the clinical reference", text)
