"""Chapter 9 self-checks: right answers pass on many seeds, each advertised mistake gets its hint,
stubs are 'not attempted'."""

import numpy as np
import pytest

from gdutils.checks import CheckFailed, check_guaranteed_decrease, check_newton_step, check_slowest_factor
from check_cases import assert_hint, assert_not_attempted, assert_passes

SEEDS = range(30)


def decrease_right(grad_norm, L, eta):
    return eta * (1 - L * eta / 2) * grad_norm**2


def decrease_expanded(grad_norm, L, eta):  # the same, multiplied out: another rounding
    return eta * grad_norm * grad_norm - L * eta * eta * grad_norm * grad_norm / 2


def factor_right(eta, mu, L):
    return max(abs(1 - eta * mu), abs(1 - eta * L))


def factor_by_scan(eta, mu, L):  # the largest |1 - eta lam| over a fine grid that holds both ends
    lams = np.linspace(mu, L, 1001)
    return float(np.max(np.abs(1 - eta * lams)))


def newton_right(grad, hessian, p):
    return p - np.linalg.solve(hessian(p), grad(p))


def newton_inverse(grad, hessian, p):  # forming the inverse is wasteful but right
    return p - np.linalg.inv(hessian(p)) @ grad(p)


@pytest.mark.parametrize("answer", [decrease_right, decrease_expanded])
def test_guaranteed_decrease_right_answers_pass(answer, capsys):
    assert_passes(check_guaranteed_decrease, answer, SEEDS, capsys)


@pytest.mark.parametrize("answer, hint", [
    (lambda n, L, eta: eta * (1 - L * eta / 2) * n, "enters squared"),
    (lambda n, L, eta: eta * (1 - L * eta) * n * n, "with a 1/2"),
    (lambda n, L, eta: eta * n * n, "ignores curvature"),
    (lambda n, L, eta: -eta * (1 - L * eta / 2) * n * n, "the sign"),
    (lambda n, L, eta: (eta - L / 2 * eta) * n * n, "not eta"),
    (lambda n, L, eta: 0.5 * n * n / L, "for eta = 1/L only"),
    (lambda n, L, eta: n * n / L, "not the decrease"),
])
def test_guaranteed_decrease_mistakes_get_their_hints(answer, hint):
    assert_hint(check_guaranteed_decrease, answer, hint)


@pytest.mark.parametrize("answer", [factor_right, factor_by_scan])
def test_slowest_factor_right_answers_pass(answer, capsys):
    assert_passes(check_slowest_factor, answer, SEEDS, capsys)


@pytest.mark.parametrize("answer, hint", [
    (lambda eta, mu, L: 1 - eta * mu, "only the shallow direction"),
    (lambda eta, mu, L: abs(1 - eta * L), "only the steep direction"),
    (lambda eta, mu, L: min(abs(1 - eta * mu), abs(1 - eta * L)), "not the smallest"),
    (lambda eta, mu, L: (L - mu) / (L + mu), "the best step"),
    (lambda eta, mu, L: 1 - mu / L, "not the largest"),
])
def test_slowest_factor_mistakes_get_their_hints(answer, hint):
    assert_hint(check_slowest_factor, answer, hint)


@pytest.mark.parametrize("answer", [newton_right, newton_inverse])
def test_newton_step_right_answers_pass(answer, capsys):
    assert_passes(check_newton_step, answer, SEEDS, capsys)


@pytest.mark.parametrize("answer, hint", [
    (lambda grad, hessian, p: np.linalg.solve(hessian(p), grad(p)), "not the new point"),
    (lambda grad, hessian, p: p + np.linalg.solve(hessian(p), grad(p)), "the sign"),
    (lambda grad, hessian, p: p - hessian(p) @ grad(p), "Newton divides"),
    (lambda grad, hessian, p: p - grad(p), "gradient step"),
    (lambda grad, hessian, p: p - grad(p) / np.diag(hessian(p)), "only the diagonal"),
    (lambda grad, hessian, p: p, "is not p - H(p)"),
    (lambda grad, hessian, p: list(p[:-1]), "wrong shape"),
    (lambda grad, hessian, p: None, "returned None"),
])
def test_newton_step_mistakes_get_their_hints(answer, hint):
    assert_hint(check_newton_step, answer, hint)


def test_newton_step_that_writes_to_p_is_named():
    def in_place(grad, hessian, p):
        p -= np.linalg.solve(hessian(p), grad(p))
        return p
    assert_hint(check_newton_step, in_place, "changes an array it was given (the point p) in place")


@pytest.mark.parametrize("check", [check_guaranteed_decrease, check_slowest_factor, check_newton_step])
def test_stubs_are_not_attempted(check):
    assert_not_attempted(check)


def test_slowest_factor_catches_an_answer_right_only_outside_the_middle_range():
    # right below the best step and above 2 / L, wrong in between: the reviewer's near miss
    def near_miss(eta, mu, L):
        return abs(1 - eta * L) if eta * L >= 2 else 1 - eta * mu
    for seed in range(40):
        with pytest.raises(CheckFailed):
            check_slowest_factor(near_miss, seed=seed)


def test_slowest_factor_accepts_the_diverging_range_written_another_way(capsys):
    def other_form(eta, mu, L):
        return max(1 - eta * mu, eta * L - 1)
    assert_passes(check_slowest_factor, other_form, SEEDS, capsys)
