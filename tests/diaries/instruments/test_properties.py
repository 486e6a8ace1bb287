"""Properties of every Likert instrument, over answers hypothesis makes up."""

from hypothesis import given
from hypothesis import strategies as st

from apps.diaries import instruments
from apps.diaries.instruments import InvalidAnswers

LIKERT = [i for i in instruments.INSTRUMENTS.values() if i.min_total is not None]


@st.composite
def valid_answers(draw):
    instrument = draw(st.sampled_from(LIKERT))
    values = [o.value for o in instrument.options]
    answers = {key: draw(st.sampled_from(values)) for key in instrument.item_keys}
    return instrument, answers


@given(valid_answers())
def test_the_total_is_the_sum_of_the_answers(case):
    instrument, answers = case
    score = instruments.score(instrument.slug, answers)
    assert score.total == sum(answers.values())
    assert score.band.low <= score.total <= score.band.high


@given(st.sampled_from(LIKERT), st.data())
def test_a_higher_total_never_gets_a_milder_band(instrument, data):
    values = st.sampled_from([o.value for o in instrument.options])
    first, second = ({key: data.draw(values) for key in instrument.item_keys} for _ in range(2))
    a = instruments.score(instrument.slug, first)
    b = instruments.score(instrument.slug, second)
    rank = [band.key for band in instrument.bands]
    if a.total <= b.total:
        assert rank.index(a.band.key) <= rank.index(b.band.key)
    else:
        assert rank.index(a.band.key) >= rank.index(b.band.key)


@given(
    st.sampled_from(LIKERT),
    st.data(),
    st.one_of(
        st.integers().filter(lambda v: not 0 <= v <= 4),
        st.floats(),
        st.text(max_size=5).filter(lambda s: s.strip() not in {"0", "1", "2", "3", "4"}),
        st.none(),
    ),
)
def test_an_invalid_answer_anywhere_is_refused(instrument, data, bad):
    answers = dict.fromkeys(instrument.item_keys, 0)
    key = data.draw(st.sampled_from(instrument.item_keys))
    answers[key] = bad
    try:
        instruments.score(instrument.slug, answers)
    except InvalidAnswers:
        return
    raise AssertionError(f"{instrument.slug} accepted {bad!r} for {key}")


@given(st.sampled_from(LIKERT), st.data())
def test_a_missing_answer_is_refused(instrument, data):
    answers = dict.fromkeys(instrument.item_keys, 0)
    del answers[data.draw(st.sampled_from(instrument.item_keys))]
    try:
        instruments.score(instrument.slug, answers)
    except InvalidAnswers as refused:
        assert str(refused).startswith("Please answer question")
        return
    raise AssertionError("a missing answer was scored")
