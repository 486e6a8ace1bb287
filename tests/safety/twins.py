"""The shape every family test of the rules' false alarms shares (stops 38 on): an ordinary
entry that must stay quiet, and its crisis twin, with the same words, that must alert."""

import pytest

from apps.safety.services import crisis_reading


def twin_test(families):
    """A test over (family, ordinary entry, crisis twin) triples, one case per family."""

    @pytest.mark.parametrize(
        ("family", "ordinary", "crisis"), families, ids=[f[0] for f in families]
    )
    def test_the_ordinary_entry_stays_quiet_and_its_crisis_twin_alerts(family, ordinary, crisis):
        assert not crisis_reading(ordinary).flagged, family
        assert crisis_reading(crisis).flagged, family

    return test_the_ordinary_entry_stays_quiet_and_its_crisis_twin_alerts
