"""Chapter 8's self-checks: right answers pass, each mistake gets its hint, near misses and stubs fail."""

import math

import numpy as np
import pytest

from gdutils.checks import (
    CheckFailed,
    check_decaying_rate,
    check_fraction_missed,
    check_sgd_step,
)
from check_cases import SEEDS, assert_never_passes, assert_not_attempted, right_and_mistake_tests


def sgd_step_right(params, x_i, y_i, learning_rate):
    m, b = params
    r = y_i - (m * x_i + b)
    return np.array([m + learning_rate * 2 * x_i * r, b + learning_rate * 2 * r])


def sgd_step_vectorised(params, x_i, y_i, learning_rate):
    a = np.array([x_i, 1.0])
    return params - learning_rate * 2 * a * (a @ params - y_i)


def sgd_step_with(sign=1.0, two=2.0, residual="right", b_factor="one", swap=False):
    def sgd_step(params, x_i, y_i, learning_rate):
        m, b = params
        r = y_i - (m * x_i + b) if residual == "right" else y_i - m * x_i + b
        g = np.array([-two * x_i * r, -two * r * (x_i if b_factor == "x" else 1.0)])
        if swap:
            g = g[::-1]
        return np.asarray(params) - sign * learning_rate * g
    return sgd_step


def sgd_step_slope_first(params, x_i, y_i, learning_rate):
    m, b = params
    m = m + learning_rate * 2 * x_i * (y_i - (m * x_i + b))
    b = b + learning_rate * 2 * (y_i - (m * x_i + b))  # uses the new m
    return [m, b]


def sgd_step_in_place(params, x_i, y_i, learning_rate):
    r = y_i - (params[0] * x_i + params[1])
    params[0] += learning_rate * 2 * x_i * r
    params[1] += learning_rate * 2 * r
    return params


def missed_right(n):
    return (1 - 1 / n) ** n


RIGHT = [
    (check_sgd_step, sgd_step_right),
    (check_sgd_step, sgd_step_vectorised),
    (check_decaying_rate, lambda k, eta0, tau: eta0 / (1 + k / tau)),
    (check_decaying_rate, lambda k, eta0, tau: eta0 * tau / (tau + k)),
    (check_fraction_missed, missed_right),
    (check_fraction_missed, lambda n: math.exp(n * math.log1p(-1 / n))),
]


def test_right_answers_pass_with_fresh_random_data(capsys):
    for _ in range(10):
        check_sgd_step(sgd_step_right)
        check_decaying_rate(lambda k, eta0, tau: eta0 / (1 + k / tau))
        check_fraction_missed(missed_right)
    assert capsys.readouterr().out.count("checks passed") == 30


MISTAKES = [
    (check_sgd_step, sgd_step_with(sign=-1.0), "stepped uphill"),
    (check_sgd_step, sgd_step_with(two=1.0), "factor of 2"),
    (check_sgd_step, sgd_step_with(residual="tutorial"), "with brackets"),
    (check_sgd_step, sgd_step_with(b_factor="x"), "no factor x"),
    (check_sgd_step, sgd_step_with(swap=True), "swapped"),
    (check_sgd_step, sgd_step_slope_first, "already-updated slope"),
    (check_sgd_step, sgd_step_in_place, "changes an array it was given (params)"),
    (check_sgd_step, lambda p, x, y, eta: p[0], "wrong shape"),
    (check_decaying_rate, lambda k, eta0, tau: eta0 / (1 + k) / tau, "operator precedence"),
    (check_decaying_rate, lambda k, eta0, tau: eta0 / (1 + k * tau), "multiplied by tau"),
    (check_decaying_rate, lambda k, eta0, tau: eta0 * (1 + k / tau), "grows with k"),
    (check_decaying_rate, lambda k, eta0, tau: eta0 / (1 + (k + 1) / tau), "off by one"),
    (check_decaying_rate, lambda k, eta0, tau: eta0 * math.exp(-k / tau), "exponential"),
    (check_decaying_rate, lambda k, eta0, tau: eta0 / math.sqrt(1 + k / tau), "1/sqrt"),
    (check_decaying_rate, lambda k, eta0, tau: eta0 / 1 + k / tau, "whole denominator"),
    (check_decaying_rate, lambda k, eta0, tau: eta0 / (1 + k // tau), "floor division"),
    (check_decaying_rate, lambda k, eta0, tau: eta0 / (k / tau), "raised ZeroDivisionError"),
    (check_fraction_missed, lambda n: math.exp(-1), "limit for large n"),
    (check_fraction_missed, lambda n: 1 - missed_right(n), "at least once"),
    (check_fraction_missed, lambda n: 1 - 1 / n, "ONE draw"),
    (check_fraction_missed, lambda n: (1 - 1 / n) ** (n - 1), "one draw too few"),
    (check_fraction_missed, lambda n: 1 / n, "picks a given example"),
    (check_fraction_missed, lambda n: [missed_right(n)], "single real number"),
]


test_right_answers_pass_on_many_seeds, test_each_common_mistake_gets_its_hint = right_and_mistake_tests(
    RIGHT, MISTAKES, SEEDS)


@pytest.mark.parametrize("check", sorted({c for c, _ in RIGHT}, key=lambda c: c.__name__))
def test_a_stub_is_reported_as_not_attempted(check):
    assert_not_attempted(check)


@pytest.mark.parametrize(
    "check, answer",
    [
        (check_sgd_step, sgd_step_with(residual="tutorial")),
        (check_decaying_rate, lambda k, eta0, tau: eta0 / (1 + (k + 1) / tau)),
        (check_decaying_rate, lambda k, eta0, tau: eta0 / (1 + k / (tau + 1))),
        (check_fraction_missed, lambda n: (1 - 1 / n) ** (n + 1)),
        (check_fraction_missed, lambda n: math.exp(-1)),
    ],
)
def test_near_miss_answers_never_pass(check, answer):
    assert_never_passes(check, answer, range(200))


def test_hard_coded_answers_fail():
    with pytest.raises(CheckFailed, match="seed=5"):
        check_sgd_step(lambda p, x, y, eta: np.array([30.0, 7.0]), seed=5)
    with pytest.raises(CheckFailed, match="seed=5"):
        check_decaying_rate(lambda k, eta0, tau: 0.001, seed=5)
    with pytest.raises(CheckFailed, match="seed=5"):
        check_fraction_missed(lambda n: 0.366, seed=5)
