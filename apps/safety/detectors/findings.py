from dataclasses import dataclass, field


class Severity:
    LOW = "low"
    MODERATE = "moderate"
    HIGH = "high"
    CRITICAL = "critical"

    ORDER = {LOW: 0, MODERATE: 1, HIGH: 2, CRITICAL: 3}


@dataclass(frozen=True)
class Span:
    """Where in the text a rule matched: text[start:end] == matched."""

    start: int
    end: int
    matched: str
    term: str
    category: str


@dataclass(frozen=True)
class Finding:
    """One reason to worry, in plain data: what rule, how bad, and why."""

    rule: str
    severity: str
    summary: str
    is_crisis: bool
    spans: tuple[Span, ...] = field(default_factory=tuple)
    # Extra plain evidence (ids, rule keys) kept with the alert; never free
    # text about the patient. Excluded from hashing so a Finding stays hashable.
    detail: dict = field(default_factory=dict, hash=False, compare=False)

    def as_evidence(self) -> dict:
        return self.detail | {
            "rule": self.rule,
            "summary": self.summary,
            "spans": [
                {
                    "start": s.start,
                    "end": s.end,
                    "matched": s.matched,
                    "term": s.term,
                    "category": s.category,
                }
                for s in self.spans
            ],
        }
