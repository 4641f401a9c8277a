"""The exercises' self-checks: right answers pass, each common mistake gets its hint, stubs are 'not attempted'."""

import numpy as np
import pytest

from gdutils import central_difference, forward_difference
from gdutils.checks import (
    CheckFailed,
    check_central_difference,
    check_descend,
    check_learning_rate_for,
    check_numeric_descent,
    check_polynomial_derivative,
    check_second_difference,
)
from check_cases import SEEDS, assert_never_passes, assert_not_attempted, right_and_mistake_tests


def descend_right(df, x0, eta, n):
    x = x0
    for _ in range(n):
        x = x - eta * df(x)
    return x


def descend_steps(offset, sign=1.0):
    def descend(df, x0, eta, n):
        x = x0
        for _ in range(n + offset):
            x = x - sign * eta * df(x)
        return x
    return descend


def numeric_descent_with(quotient, sign=1.0, offset=0):
    def numeric_descent(f, x0, eta, n, h):
        x = x0
        for _ in range(n + offset):
            x = x - sign * eta * quotient(f, x, h)
        return x
    return numeric_descent


RIGHT = [
    (check_polynomial_derivative, lambda x: 8 * x**3 - 6 * x + 1),
    (check_polynomial_derivative, lambda x: x * (8 * x * x - 6) + 1),
    (check_descend, descend_right),
    (check_learning_rate_for, lambda a: 1 / (2 * a)),
    (check_learning_rate_for, lambda a: 0.6 / a),
    (check_central_difference, lambda f, x, h: (f(x + h) - f(x - h)) / (2 * h)),
    (check_central_difference, lambda f, x, h: 0.5 * (f(x + h) - f(x - h)) / h),
    (check_second_difference, lambda f, x, h: (f(x + h) - 2 * f(x) + f(x - h)) / h**2),
    (check_second_difference, lambda f, x, h: ((f(x + h) - f(x)) - (f(x) - f(x - h))) / (h * h)),
    (check_numeric_descent, numeric_descent_with(central_difference)),
]


def test_right_answer_passes_with_fresh_random_data(capsys):
    for _ in range(10):
        check_descend(descend_right)  # a new seed every call
    assert capsys.readouterr().out.count("checks passed") == 10


MISTAKES = [
    (check_polynomial_derivative, lambda x: -(8 * x**3 - 6 * x + 1), "sign flipped"),
    (check_polynomial_derivative, lambda x: 2 * (8 * x**3 - 6 * x + 1), "factor of 2"),
    (check_polynomial_derivative, lambda x: 2 * x**4 - 3 * x**2 + x - 7, "returned g itself"),
    (check_polynomial_derivative, lambda x: 8 * x**3 - 6 * x + 1 - 7, "derivative of a constant is 0"),
    (check_polynomial_derivative, lambda x: 8 * x**3 - 6 * x, "its derivative is 1"),
    (check_polynomial_derivative, lambda x: 8 * x**4 - 6 * x**2 + x, "exponents were not lowered"),
    (check_polynomial_derivative, lambda x: 8 * x**3 + 6 * x + 1, "power rule"),
    (check_polynomial_derivative, lambda x: np.array([x, x]), "wrong shape"),
    (check_descend, descend_steps(0, sign=-1.0), "stepped uphill"),
    (check_descend, descend_steps(-1), "one step too few"),
    (check_descend, descend_steps(+1), "one step too many"),
    (check_descend, lambda df, x0, eta, n: x0, "returned the start"),
    (check_descend, lambda df, x0, eta, n: x0 - eta * df(x0), "only one step"),
    (check_descend, lambda df, x0, eta, n: descend_right(df, x0, 1.0, n), "learning rate is missing"),
    (check_learning_rate_for, lambda a: 0.05, "too small for a ="),
    (check_learning_rate_for, lambda a: 1e-4 / a, "learning rate too small"),
    (check_learning_rate_for, lambda a: 1.5 / a, "grow (the run diverges)"),
    (check_learning_rate_for, lambda a: 0.85 / a, "shrink too slowly"),
    (check_learning_rate_for, lambda a: -1.0, "must be a positive number"),
    (check_central_difference, lambda f, x, h: (f(x + h) - f(x - h)) / h, "factor of 2"),
    (check_central_difference, lambda f, x, h: (f(x - h) - f(x + h)) / (2 * h), "sign flipped"),
    (check_central_difference, lambda f, x, h: (f(x + h) - f(x)) / h, "forward quotient"),
    (check_central_difference, lambda f, x, h: (f(x) - f(x - h)) / h, "backward quotient"),
    (check_second_difference, lambda f, x, h: (f(x + h) - f(x) + f(x - h)) / h**2, "middle term"),
    (check_second_difference, lambda f, x, h: (f(x + h) - 2 * f(x) + f(x - h)) / h, "not by h"),
    (check_second_difference, lambda f, x, h: (f(x + h) - 2 * f(x) + f(x - h)) / (2 * h * h), "factor of 2"),
    (check_second_difference, lambda f, x, h: -(f(x + h) - 2 * f(x) + f(x - h)) / h**2, "sign flipped"),
    (check_numeric_descent, numeric_descent_with(central_difference, sign=-1.0), "stepped uphill"),
    (check_numeric_descent, numeric_descent_with(forward_difference), "forward quotient"),
    (check_numeric_descent, numeric_descent_with(central_difference, offset=1), "one step too many"),
    (check_numeric_descent, lambda f, x0, eta, n, h: numeric_descent_with(central_difference)(f, x0, eta, n, 6e-6),
     "ignores the step h"),
    (check_central_difference, lambda f, x, h: (f(x + h) - f(x - h)) / 2 * h, "operator precedence"),
    (check_second_difference, lambda f, x, h: (f(x + h) - 2 * f(x) + f(x - h)) / h * h, "operator precedence"),
    (check_learning_rate_for, lambda a: 1 / a, "jump back and forth"),
    (check_polynomial_derivative, lambda x: None, "returned None"),
]


test_right_answers_pass_on_many_seeds, test_each_common_mistake_gets_its_hint = right_and_mistake_tests(
    RIGHT, MISTAKES, SEEDS)


@pytest.mark.parametrize("check", [c for c, _ in RIGHT])
def test_a_stub_is_reported_as_not_attempted(check):
    assert_not_attempted(check)


def test_a_hard_coded_answer_fails():
    # Values that are right at one set of points only: the check's fresh points differ.
    table = {x: 8 * x**3 - 6 * x + 1 for x in np.linspace(-3, 3, 13)}
    with pytest.raises(CheckFailed, match="seed=7"):
        check_polynomial_derivative(lambda x: table.get(x, 0.0), seed=7)


def test_passing_a_value_instead_of_a_function_and_crashes():
    with pytest.raises(CheckFailed, match=r"expected the function itself"):
        check_polynomial_derivative(3.0)
    with pytest.raises(CheckFailed, match=r"dg\(.*\) raised ZeroDivisionError"):
        check_polynomial_derivative(lambda x: 1 / 0)


def test_failures_render_as_one_short_line():
    try:
        check_central_difference(lambda f, x, h: (f(x + h) - f(x)) / h, seed=1)
    except CheckFailed as exc:
        lines = exc._render_traceback_()
    assert len(lines) == 1 and lines[0].startswith("\N{BALLOT X} my_central_difference: that is the forward")
    assert "Traceback" not in lines[0]


def test_hints_do_not_reveal_the_answer():
    for check, answer, _ in MISTAKES:
        try:
            check(answer, seed=3)
        except CheckFailed as exc:
            assert "8x^3" not in str(exc) and "8 * x**3" not in str(exc)
            assert "1 / (2 * a)" not in str(exc) and "1/(2a)" not in str(exc)


@pytest.mark.parametrize(
    "check, answer",
    [
        (check_descend, descend_steps(-1)),
        (check_descend, descend_steps(+1)),
        (check_numeric_descent, numeric_descent_with(central_difference, offset=-1)),
        (check_numeric_descent, numeric_descent_with(central_difference, offset=+1)),
        (check_numeric_descent, numeric_descent_with(forward_difference)),
    ],
)
def test_near_miss_answers_never_pass(check, answer):
    assert_never_passes(check, answer, range(300))


def test_huge_learning_rate_is_diagnosed_without_overflow_warnings():
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with pytest.raises(CheckFailed, match="diverges"):
            check_learning_rate_for(lambda a: 1e300, seed=0)
