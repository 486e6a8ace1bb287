import pytest

from apps.diaries.instruments import clinically_meaningful, reliable_change


@pytest.mark.parametrize(
    ("instrument", "previous", "current", "verdict"),
    [
        ("phq9", 20, 14, "improved"),  # 6: NHS Talking Therapies' reliable change
        ("phq9", 20, 15, "no reliable change"),
        ("phq9", 10, 16, "deteriorated"),
        ("phq9", 10, 15, "no reliable change"),
        ("gad7", 15, 11, "improved"),  # 4: docs/CLINICAL_REFERENCE.md
        ("gad7", 15, 12, "no reliable change"),
        ("gad7", 5, 9, "deteriorated"),
        ("gad7", 5, 8, "no reliable change"),
        ("pcl5", 60, 10, None),  # docs/CLINICAL_REFERENCE.md gives no threshold
        ("phq9", None, 10, None),
    ],
)
def test_reliable_change_at_its_edges(instrument, previous, current, verdict):
    assert reliable_change(instrument, previous, current) == verdict


def test_a_phq9_change_of_5_is_clinically_meaningful_and_4_is_not():
    assert clinically_meaningful("phq9", 10, 15)
    assert clinically_meaningful("phq9", 15, 10)
    assert not clinically_meaningful("phq9", 10, 14)
    assert not clinically_meaningful("gad7", 0, 21)
