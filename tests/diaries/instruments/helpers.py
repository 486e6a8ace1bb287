def answers_totalling(instrument, total):
    """Answers to `instrument` whose values add up to `total`, filled from the
    first item (so PHQ-9 item 9 stays 0 until the total needs it)."""
    top = max(o.value for o in instrument.options)
    answers = {}
    for key in instrument.item_keys:
        value = min(top, total)
        answers[key] = value
        total -= value
    assert total == 0, "total is beyond the instrument's range"
    return answers
