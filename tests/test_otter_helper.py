"""gdutils.otter.run_check, and what a check says about otter-grader's stub (fast; no otter needed)."""

import pytest

from gdutils.checks import CheckFailed, NotAttempted, check_descend, check_polynomial_derivative
from gdutils.otter import run_check


def dg(x):
    """The right answer of exercise 1.1."""
    return 8 * x**3 - 6 * x + 1


def test_run_check_is_silent_when_the_answer_is_right(capsys):
    run_check(check_polynomial_derivative, dg)
    assert capsys.readouterr().out == ""


def test_run_check_raises_the_hint_when_the_answer_is_wrong():
    with pytest.raises(CheckFailed, match="sign flipped") as info:
        run_check(check_polynomial_derivative, lambda x: -dg(x))
    assert not isinstance(info.value, NotAttempted)
    tb = info.value.__traceback__
    while tb.tb_next is not None:
        tb = tb.tb_next
    assert tb.tb_frame.f_code.co_name == "run_check", "raised from run_check itself: a short report"


def test_otter_stub_is_not_attempted():
    # What otter assign hands out: the chapter's function, its docstring, and `...`.
    def descend(df, x0, learning_rate, n_steps):
        """Return x after n_steps steps of gradient descent from x0."""
        ...

    with pytest.raises(NotAttempted, match="not attempted yet"):
        run_check(check_descend, descend)


def test_a_missing_return_is_still_reported_as_such():
    def descend(df, x0, learning_rate, n_steps):
        x = x0
        for _ in range(n_steps):
            x = x - learning_rate * df(x)

    with pytest.raises(CheckFailed, match="returned None") as info:
        check_descend(descend)
    assert not isinstance(info.value, NotAttempted)
    with pytest.raises(CheckFailed, match="returned None"):
        check_descend(lambda df, x0, learning_rate, n_steps: None)
