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
    # A citation inside the text ("not in seed: it names the parts ...").
    text = re.sub(r"\bseed(?=\s*:)", "the reference protocol document", text)
    return _POINTER.sub("the clinical reference", text)
