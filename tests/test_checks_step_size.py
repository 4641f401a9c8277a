"""Chapter 5 self-checks: right answers pass on many seeds, each advertised mistake gets its hint,
near misses and hard-coded answers fail, stubs are 'not attempted'."""

import math
from fractions import Fraction

import numpy as np
import pytest

from gdutils.checks import CheckFailed, check_backtracking, check_exact_step, check_first_stable_step
from check_cases import assert_not_attempted, right_and_mistake_tests

SEEDS = range(30)


def exact_right(A, g):
    return (g @ g) / (g @ A @ g)


def exact_loop(A, g):  # written without numpy dot products: a different rounding, still right
    num = sum(gi * gi for gi in g)
    den = sum(g[i] * A[i][j] * g[j] for i in range(len(g)) for j in range(len(g)))
    return num / den


def backtrack_with(accept, *, extra=0, grow=False):
    def backtrack(f, x, g, initial, shrink, c):
        fx, gg, t = f(x), g @ g, initial
        while not accept(f(x - t * g), fx, c, t, gg):
            t = t / shrink if grow else t * shrink
        return t * shrink**extra
    return backtrack


ARMIJO = backtrack_with(lambda fn, fx, c, t, gg: fn <= fx - c * t * gg)


def backtrack_model(f, x, g, initial, shrink, c):
    """Chapter 5's model solution of exercise 5.2."""
    fx, gg = f(x), g @ g
    t = initial
    while np.any(x - t * g != x):
        if f(x - t * g) <= fx - c * t * gg:
            return t
        t = t * shrink
    raise RuntimeError("no step with sufficient decrease before x - t g equals x: is g the gradient of f?")


def backtrack_test_first(f, x, g, initial, shrink, c):
    """Right too: the Armijo test first, then the check that x still moves."""
    fx, gg, t = f(x), float(np.dot(g, g)), initial
    while True:
        trial = x - t * g
        if f(trial) <= fx - c * t * gg:
            return t
        if np.array_equal(trial, x):
            raise ValueError("x - t g equals x: no step passes")
        t *= shrink


def backtrack_recursive(f, x, g, initial, shrink, c):
    if np.all(x - initial * g == x):
        raise ArithmeticError("the step no longer moves x")
    if f(x - initial * g) <= f(x) - c * initial * np.sum(g * g):
        return initial
    return backtrack_recursive(f, x, g, initial * shrink, shrink, c)


def backtrack_gives_up_when(stop):
    """The model with another give-up rule: stop(j, t, initial, x, g) after j shrinks."""
    def backtrack(f, x, g, initial, shrink, c):
        fx, gg, t, j = f(x), g @ g, initial, 0
        while not stop(j, t, initial, x, g):
            if f(x - t * g) <= fx - c * t * gg:
                return t
            t, j = t * shrink, j + 1
        raise RuntimeError("no step")
    return backtrack


def backtrack_model_with(trial, accept):
    """The model with its exit, but another trial point or test."""
    def backtrack(f, x, g, initial, shrink, c):
        fx, gg, t = f(x), g @ g, initial
        while np.any(trial(x, t, g) != x):
            if accept(f(trial(x, t, g)), fx, c, t, gg):
                return t
            t = t * shrink
        raise RuntimeError("no step")
    return backtrack


def backtrack_uphill(f, x, g, initial, shrink, c):
    fx, gg, t = f(x), g @ g, initial
    while not f(x + t * g) <= fx - c * t * gg:  # the trial point on the wrong side
        t = t * shrink
    return t


def stable_right(eta0, tau, L):
    return max(0, math.floor(tau * (eta0 * L / 2 - 1)) + 1)


def stable_loop(eta0, tau, L):
    k = 0
    while eta0 / (1 + k / tau) >= 2 / L:
        k += 1
    return k


def stable_fraction(eta0, tau, L):
    """The definition in exact rational arithmetic: the first k with eta0 / (1 + k / tau) < 2 / L."""
    eta0, tau, L = Fraction(eta0), Fraction(tau), Fraction(L)
    k = 0
    while not eta0 / (1 + Fraction(k) / tau) < 2 / L:
        k += 1
    return k


def stable_ceil(eta0, tau, L):  # right except at a tie, where eta_k = 2 / L is not yet stable
    return max(0, math.ceil(tau * (eta0 * L / 2 - 1)))


RIGHT = [
    (check_exact_step, exact_right),
    (check_exact_step, exact_loop),
    (check_backtracking, backtrack_model),
    (check_backtracking, backtrack_test_first),
    (check_backtracking, backtrack_recursive),
    (check_first_stable_step, stable_right),
    (check_first_stable_step, stable_loop),
    (check_first_stable_step, stable_fraction),
]


def test_right_answers_pass_with_fresh_random_data(capsys):
    for _ in range(5):
        check_exact_step(exact_right)
        check_backtracking(backtrack_model)
        check_first_stable_step(stable_right)
    assert capsys.readouterr().out.count("checks passed") == 15


MISTAKES = [
    (check_exact_step, lambda A, g: (g @ A @ g) / (g @ g), "upside down"),
    (check_exact_step, lambda A, g: 2 * (g @ g) / (g @ A @ g), "factor of 2"),
    (check_exact_step, lambda A, g: 0.5 * (g @ g) / (g @ A @ g), "factor of 2"),
    (check_exact_step, lambda A, g: -(g @ g) / (g @ A @ g), "wrong sign"),
    (check_exact_step, lambda A, g: np.linalg.norm(g) / (g @ A @ g), "squared length"),
    (check_exact_step, lambda A, g: (g @ A @ g) / ((A @ g) @ (A @ g)), "minimises |grad f|"),
    (check_exact_step, lambda A, g: A @ g, "single real number"),
    (check_backtracking, lambda f, x, g, initial, shrink, c: initial, "never shrinks"),
    (check_backtracking, backtrack_with(lambda fn, fx, c, t, gg: fn > fx - c * t * gg), "direction of the inequality"),
    (check_backtracking, backtrack_with(lambda fn, fx, c, t, gg: fn <= fx - c * t * gg, grow=True), "never stopped"),
    (check_backtracking, backtrack_with(lambda fn, fx, c, t, gg: fn <= fx - t * gg), "no c"),
    (check_backtracking, backtrack_with(lambda fn, fx, c, t, gg: fn < fx), "accepts any decrease"),
    (check_backtracking, backtrack_with(lambda fn, fx, c, t, gg: fn <= fx - c * t * math.sqrt(gg)),
     "squared length of g"),
    (check_backtracking, backtrack_uphill, "uphill"),
    (check_backtracking, backtrack_with(lambda fn, fx, c, t, gg: fn <= fx + c * t * gg), "sign of the c term"),
    (check_backtracking, backtrack_with(lambda fn, fx, c, t, gg: fn <= fx - c * t * gg, extra=1), "one shrink too many"),
    # the give-up rule of the exercise (review of issue 11, findings 2 and 3)
    (check_backtracking, ARMIJO, "asks for an error there"),
    (check_backtracking, backtrack_gives_up_when(lambda j, t, initial, x, g: j == 60), "after too few shrinks"),
    (check_backtracking, backtrack_gives_up_when(lambda j, t, initial, x, g: t < 1e-16 * initial),
     "after too few shrinks"),
    (check_backtracking, backtrack_model_with(lambda x, t, g: x + t * g, lambda fn, fx, c, t, gg: fn <= fx - c * t * gg),
     "x + t g goes uphill"),
    (check_backtracking, backtrack_model_with(lambda x, t, g: x - t * g, lambda fn, fx, c, t, gg: fn <= fx - t * gg),
     "f(x) - c t g^T g"),
    (check_backtracking, backtrack_model_with(lambda x, t, g: x - t * g, lambda fn, fx, c, t, gg: fn > fx - c * t * gg),
     "inequality points that way"),
    (check_first_stable_step, lambda eta0, tau, L: max(0, math.floor(tau * (eta0 * L - 1)) + 1), "not 1 / L"),
    (check_first_stable_step, lambda eta0, tau, L: stable_right(eta0, tau, L) + 1, "one step too late"),
    (check_first_stable_step, lambda eta0, tau, L: math.floor(tau * (eta0 * L / 2 - 1)) + 1, "answer is 0"),
    (check_first_stable_step, lambda eta0, tau, L: tau * (eta0 * L / 2 - 1), "whole number"),
    (check_first_stable_step, stable_ceil, "wrong at a tie"),
]


test_right_answers_pass_on_many_seeds, test_each_common_mistake_gets_its_hint = right_and_mistake_tests(
    RIGHT, MISTAKES, SEEDS)


@pytest.mark.parametrize("check", [check_exact_step, check_backtracking, check_first_stable_step])
def test_a_stub_is_reported_as_not_attempted(check):
    assert_not_attempted(check)


def test_near_misses_fail():
    with pytest.raises(CheckFailed, match="not the minimiser"):
        check_exact_step(lambda A, g: 1.001 * exact_right(A, g), seed=3)
    with pytest.raises(CheckFailed, match="not the first trial"):
        check_backtracking(lambda f, x, g, initial, shrink, c: 1.01 * ARMIJO(f, x, g, initial, shrink, c), seed=3)
    with pytest.raises(CheckFailed):
        check_first_stable_step(lambda eta0, tau, L: stable_right(eta0, tau, L) + 2, seed=3)


def test_hard_coded_answers_fail():
    with pytest.raises(CheckFailed, match="seed=5"):
        check_exact_step(lambda A, g: 0.1, seed=5)
    with pytest.raises(CheckFailed):
        check_backtracking(lambda f, x, g, initial, shrink, c: 0.25, seed=5)
    with pytest.raises(CheckFailed):
        check_first_stable_step(lambda eta0, tau, L: 10, seed=5)


def test_the_readers_arrays_are_copies():
    def nasty(A, g):
        t = exact_right(A, g)
        A[:] = 0.0
        g[:] = 0.0
        return t

    check_exact_step(nasty, seed=1)  # a function that scribbles on its inputs still gets a fair check


def test_the_chapters_worked_case_is_a_tie_that_ceil_gets_wrong():
    # eta0 = 0.15, tau = 20, L = 20 (section 5.2): eta_10 = 0.15 / 1.5 = 0.1 = 2 / L exactly
    exact = (Fraction("0.15"), 20, 20)
    assert stable_fraction(*exact) == 11
    assert stable_right(0.15, 20.0, 20.0) == 11 and stable_ceil(0.15, 20.0, 20.0) == 10


def test_first_stable_step_is_checked_at_exact_ties(capsys):
    # on every seed, three of the check's cases are exact ties, and its answers are the exact ones
    for seed in range(30):
        seen = []

        def spy(eta0, tau, L):
            seen.append((eta0, tau, L))
            return stable_fraction(eta0, tau, L)

        check_first_stable_step(spy, seed=seed)
        ties = [row for row in seen
                if (Fraction(row[1]) * (Fraction(row[0]) * Fraction(row[2]) / 2 - 1)).denominator == 1]
        assert len(ties) == 3 and all(stable_ceil(*row) == stable_fraction(*row) - 1 for row in ties)
    assert capsys.readouterr().out.count("3 of them exact ties") == 30


def test_ceil_never_passes():
    for seed in range(30):
        with pytest.raises(CheckFailed, match="wrong at a tie"):
            check_first_stable_step(stable_ceil, seed=seed)


def test_backtracking_with_an_unsquared_norm_never_gets_the_plain_decrease_hint():
    norm = backtrack_with(lambda fn, fx, c, t, gg: fn <= fx - c * t * math.sqrt(gg))
    for seed in range(30):
        with pytest.raises(CheckFailed, match="squared length of g"):
            check_backtracking(norm, seed=seed)
