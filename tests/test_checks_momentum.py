"""Chapter 10's self-checks: right answers pass, each mistake gets its hint, near misses and stubs fail."""

import math

import numpy as np
import pytest

from gdutils.checks import CheckFailed, check_heavy_ball_rate, check_momentum_step, check_optimal_momentum
from check_cases import SEEDS, assert_never_passes, assert_not_attempted, right_and_mistake_tests


def step_right(x, v, g, learning_rate, momentum):
    v = momentum * v + g
    return x - learning_rate * v, v


def step_with(order="right", convention="torch", damp=False, nesterov=False, sign=1.0, swap=False):
    def momentum_step(x, v, g, learning_rate, momentum):
        if convention == "subtract":
            v = momentum * v - learning_rate * g
            return x + v, v
        if convention == "eta_inside":
            v = momentum * v + learning_rate * g
            return x - v, v
        if swap:
            v_new = v + momentum * g
        else:
            v_new = momentum * v + ((1 - momentum) * g if damp else g)
        d = g + momentum * v_new if nesterov else (v if order == "old" else v_new)
        return x - sign * learning_rate * d, v_new
    return momentum_step


def rate_right(eta_lam, beta):
    return max(abs(z) for z in np.roots([1.0, -(1 + beta - eta_lam), beta]))


def rate_closed_form(eta_lam, beta):
    t = 1 + beta - eta_lam
    if t * t < 4 * beta:
        return math.sqrt(beta)
    return (abs(t) + math.sqrt(t * t - 4 * beta)) / 2


def rate_eigvals(eta_lam, beta):
    return float(np.max(np.abs(np.linalg.eigvals([[1 + beta - eta_lam, -beta], [1.0, 0.0]]))))


def rate_larger_signed_root(eta_lam, beta):
    t = 1 + beta - eta_lam
    if t * t < 4 * beta:
        return math.sqrt(beta)
    return abs(t + math.sqrt(t * t - 4 * beta)) / 2


def rate_signed_root(eta_lam, beta):
    t = 1 + beta - eta_lam
    if t * t < 4 * beta:
        return math.sqrt(beta)
    return (t + math.sqrt(t * t - 4 * beta)) / 2


def rate_max_without_abs(eta_lam, beta):
    t = 1 + beta - eta_lam
    if t * t < 4 * beta:
        return math.sqrt(beta)
    d = math.sqrt(t * t - 4 * beta)
    return max((t + d) / 2, (t - d) / 2)


def step_swapped_pair(x, v, g, learning_rate, momentum):
    v = momentum * v + g
    return v, x - learning_rate * v


def rate_real_part(eta_lam, beta):
    t = 1 + beta - eta_lam
    if t * t < 4 * beta:
        return abs(t) / 2
    return rate_closed_form(eta_lam, beta)


def optimal_right(mu, L):
    return 4 / (math.sqrt(L) + math.sqrt(mu)) ** 2, ((math.sqrt(L) - math.sqrt(mu)) / (math.sqrt(L) + math.sqrt(mu))) ** 2


def optimal_via_kappa(mu, L):
    root = math.sqrt(L / mu)
    return 4 / (L * (1 + 1 / root) ** 2), ((root - 1) / (root + 1)) ** 2


RIGHT = [
    (check_momentum_step, step_right),
    (check_momentum_step, lambda x, v, g, eta, beta: np.array([x - eta * (beta * v + g), beta * v + g])),
    (check_heavy_ball_rate, rate_right),
    (check_heavy_ball_rate, rate_closed_form),
    (check_heavy_ball_rate, rate_eigvals),
    (check_optimal_momentum, optimal_right),
    (check_optimal_momentum, optimal_via_kappa),
]


def test_right_answers_pass_with_fresh_random_data(capsys):
    for _ in range(10):
        check_momentum_step(step_right)
        check_heavy_ball_rate(rate_closed_form)
        check_optimal_momentum(optimal_right)
    assert capsys.readouterr().out.count("checks passed") == 30


MISTAKES = [
    (check_momentum_step, step_with(sign=-1.0), "uphill"),
    (check_momentum_step, step_with(order="old"), "old velocity"),
    (check_momentum_step, step_with(convention="subtract"), "other convention"),
    (check_momentum_step, step_with(convention="eta_inside"), "went into the velocity"),
    (check_momentum_step, step_with(damp=True), "dampening"),
    (check_momentum_step, step_with(nesterov=True), "Nesterov"),
    (check_momentum_step, step_with(swap=True), "multiplies g instead of v"),
    (check_momentum_step, step_swapped_pair, "wrong order"),
    (check_momentum_step, lambda x, v, g, eta, beta: x - eta * g, "should return 2 numbers"),
    (check_heavy_ball_rate, lambda h, beta: math.sqrt(beta), "sqrt(beta) everywhere"),
    (check_heavy_ball_rate, lambda h, beta: abs(1 - h), "without momentum"),
    (check_heavy_ball_rate, lambda h, beta: abs(1 + beta - h), "first entry of M"),
    (check_heavy_ball_rate, rate_larger_signed_root, "absolute value"),
    (check_heavy_ball_rate, rate_signed_root, "absolute value"),
    (check_heavy_ball_rate, rate_max_without_abs, "absolute value"),
    (check_heavy_ball_rate, rate_real_part, "real part"),
    (check_heavy_ball_rate, lambda h, beta: None, "return` missing"),
    (check_optimal_momentum, lambda mu, L: optimal_right(mu, L)[::-1], "swapped"),
    (check_optimal_momentum, lambda mu, L: (optimal_right(mu, L)[0], math.sqrt(optimal_right(mu, L)[1])),
     "that ratio itself is the rate"),
    (check_optimal_momentum, lambda mu, L: (optimal_right(mu, L)[0], ((L / mu - 1) / (L / mu + 1)) ** 2),
     "not kappa"),
    (check_optimal_momentum, lambda mu, L: (2 / (mu + L), optimal_right(mu, L)[1]), "descent's best step"),
    (check_optimal_momentum, lambda mu, L: (4 / (mu + L), optimal_right(mu, L)[1]), "square the sum"),
    (check_optimal_momentum, lambda mu, L: (1 / (math.sqrt(L) + math.sqrt(mu)) ** 2, optimal_right(mu, L)[1]),
     "the 4 is missing"),
]


test_right_answers_pass_on_many_seeds, test_each_common_mistake_gets_its_hint = right_and_mistake_tests(
    RIGHT, MISTAKES, SEEDS)


@pytest.mark.parametrize("check", sorted({c for c, _ in RIGHT}, key=lambda c: c.__name__))
def test_a_stub_is_reported_as_not_attempted(check):
    assert_not_attempted(check)


@pytest.mark.parametrize(
    "check, answer",
    [
        (check_momentum_step, lambda x, v, g, eta, beta: step_right(x, v, g, eta * 1.001, beta)),
        (check_momentum_step, lambda x, v, g, eta, beta: step_right(x, v, g, eta, beta * 0.999)),
        (check_heavy_ball_rate, lambda h, beta: rate_closed_form(h * 1.001, beta)),
        (check_heavy_ball_rate, lambda h, beta: min(rate_closed_form(h, beta), 1.0)),
        (check_optimal_momentum, lambda mu, L: optimal_right(mu, L * 1.001)),
    ],
)
def test_near_miss_answers_never_pass(check, answer):
    assert_never_passes(check, answer, range(200))


def test_hard_coded_answers_fail():
    with pytest.raises(CheckFailed, match="seed=5"):
        check_momentum_step(lambda x, v, g, eta, beta: (0.5, 0.5), seed=5)
    with pytest.raises(CheckFailed, match="seed=5"):
        check_heavy_ball_rate(lambda h, beta: 9 / 11, seed=5)
    with pytest.raises(CheckFailed, match="seed=5"):
        check_optimal_momentum(lambda mu, L: (2 / 121, 81 / 121), seed=5)
