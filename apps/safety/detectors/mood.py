"""Rules on the mood score alone. Pure."""


def is_very_low_mood(mood: int, *, threshold: int) -> bool:
    return mood is not None and mood <= threshold
