"""Every source a screening flag cites reads in words, without the fixtures'
shorthand ("REF row", "seed"), which the timeline and alert pages showed."""

import re
from pathlib import Path

import yaml

from apps.safety.source_words import source_words

FIXTURE = Path(__file__).resolve().parents[2] / "fixtures" / "contraindications.yaml"


def _sources():
    data = yaml.safe_load(FIXTURE.read_text())
    rules = data["rules"] if isinstance(data, dict) else data
    return [rule["source"] for rule in rules if rule.get("source")]


def test_no_contraindication_source_shows_the_fixtures_shorthand():
    left = [out for out in map(source_words, _sources()) if re.search(r"\bREF\b|\bseed\b", out)]
    assert _sources() and left == []


def test_a_reference_entry_and_the_protocol_document_read_as_words():
    text = source_words('REF row "tramadol (Ultram, ConZip)"; seed "Absolute Contraindications".')
    assert text == (
        'Clinical reference, entry "tramadol (Ultram, ConZip)"; the reference protocol '
        'document "Absolute Contraindications".'
    )
