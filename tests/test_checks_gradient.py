"""Chapter 3 self-checks: right answers pass, each advertised mistake gets its hint, stubs are 'not attempted'."""

import numpy as np
import pytest

from gdutils import numerical_gradient
from gdutils.checks import (
    CheckFailed,
    check_directional_derivative,
    check_gradient_g,
    check_numerical_gradient,
)
from check_cases import SEEDS, assert_never_passes, assert_not_attempted, right_and_mistake_tests


# --- reference answers, written independently of the checks ----------------------------------

def grad_g_right(p):
    x, y = p
    return np.array([2 * x * y - 2, x**2 + 6 * y])


def g(p):
    x, y = p
    return x**2 * y + 3 * y**2 - 2 * x


def numgrad_right(f, x, h):
    grad = np.zeros(len(x))
    for i in range(len(x)):
        xp, xm = np.array(x, dtype=float), np.array(x, dtype=float)
        xp[i] += h
        xm[i] -= h
        grad[i] = (f(xp) - f(xm)) / (2 * h)
    return grad


def numgrad_with_basis(f, x, h):
    e = np.eye(len(x)) * h
    return np.array([(f(x + row) - f(x - row)) / (2 * h) for row in e])


def numgrad_variant(kind):
    def numgrad(f, x, h):
        out = []
        for i in range(len(x)):
            e = np.zeros(len(x))
            e[i] = h
            fp, fm, f0 = f(x + e), f(x - e), f(x)
            out.append({"forward": (fp - f0) / h, "no2h": (fp - fm) / h, "prec": (fp - fm) / 2 * h,
                        "sign": (fm - fp) / (2 * h)}[kind])
        return np.array(out)
    return numgrad


def numgrad_in_place_restored(f, x, h):
    """Writes to x and restores it from a saved value: x comes back bit for bit, which the exercise allows."""
    grad = np.zeros(x.size)
    for i in range(x.size):
        old = x[i]
        x[i] = old + h
        fp = f(x)
        x[i] = old - h
        fm = f(x)
        x[i] = old
        grad[i] = (fp - fm) / (2 * h)
    return grad


def numgrad_alias(f, x, h):
    """xp = x is not a copy."""
    grad = np.zeros(x.size)
    for i in range(x.size):
        xp = x
        xp[i] += h
        fp = f(xp)
        xp[i] -= 2 * h
        fm = f(xp)
        xp[i] += h
        grad[i] = (fp - fm) / (2 * h)
    return grad


def directional_right(grad, p, v):
    v = np.asarray(v, dtype=float)
    return float(np.dot(grad(p), v) / np.sqrt(np.sum(v * v)))


def directional_by_differences(grad, p, v):
    """The same slope written as a sum over coordinates, with the unit vector formed first."""
    u = np.asarray(v) / np.linalg.norm(v)
    return float(sum(gi * ui for gi, ui in zip(grad(p), u)))


RIGHT = [
    (check_gradient_g, grad_g_right),
    (check_gradient_g, lambda p: [2 * p[0] * p[1] - 2, p[0] ** 2 + 6 * p[1]]),
    (check_numerical_gradient, numgrad_right),
    (check_numerical_gradient, numgrad_with_basis),
    (check_numerical_gradient, numerical_gradient),  # gdutils' own, a second implementation
    (check_numerical_gradient, numgrad_in_place_restored),
    (check_directional_derivative, directional_right),
    (check_directional_derivative, directional_by_differences),
]


def test_right_answers_pass_with_fresh_random_data(capsys):
    for _ in range(5):
        check_gradient_g(grad_g_right)
        check_numerical_gradient(numgrad_right)
        check_directional_derivative(directional_right)
    assert capsys.readouterr().out.count("checks passed") == 15


def swap(p):
    a, b = grad_g_right(p)
    return [b, a]


MISTAKES = [
    (check_gradient_g, lambda p: -grad_g_right(p), "sign flipped"),
    (check_gradient_g, swap, "swapped"),
    (check_gradient_g, lambda p: [-2.0, p[0] ** 2 + 6 * p[1]], "dg/dx misses the cross term"),
    (check_gradient_g, lambda p: [2 * p[0] * p[1] - 2, 6 * p[1]], "dg/dy misses the cross term"),
    (check_gradient_g, lambda p: [2 * p[0] - 2, p[0] ** 2 + 6 * p[1]], "factor y of x^2 y went missing"),
    (check_gradient_g, lambda p: [2 * p[0] * p[1], p[0] ** 2 + 6 * p[1]], "misses the term -2x"),
    (check_gradient_g, lambda p: [2 * p[0] * p[1] - 2, p[0] ** 2 + 3 * p[1]], "derivative of 3y^2"),
    (check_gradient_g, lambda p: 2 * p[0] * p[1] - 2, "wrong shape"),
    (check_gradient_g, lambda p: [1.0, 2.0, 3.0], "wrong shape"),
    (check_gradient_g, lambda p: None, "returned None"),
    (check_gradient_g, lambda p: ["a", "b"], "should return 2 real numbers"),
    (check_numerical_gradient, numgrad_variant("forward"), "forward difference"),
    (check_numerical_gradient, numgrad_variant("no2h"), "factor of 2"),
    (check_numerical_gradient, numgrad_variant("prec"), "operator precedence"),
    (check_numerical_gradient, numgrad_variant("sign"), "sign flipped"),
    # the popular mistake of the content brief: f(x + h) shifts every coordinate, not just x[i]
    (check_numerical_gradient, lambda f, x, h: [(f(x + h) - f(x - h)) / (2 * h)] * len(x),
     "slope along the diagonal"),
    (check_numerical_gradient, lambda f, x, h: np.full(len(x), (f(x + h) - f(x)) / h),
     "slope along the diagonal"),
    (check_numerical_gradient, numgrad_alias, "leaves x changed"),
    (check_numerical_gradient, lambda f, x, h: numgrad_right(f, x, h)[:1], "wrong shape"),
    (check_directional_derivative, lambda grad, p, v: float(grad(p) @ v), "not a unit vector"),
    (check_directional_derivative, lambda grad, p, v: float(grad(p) @ v / (v @ v)), "not by |v|^2"),
    (check_directional_derivative, lambda grad, p, v: -directional_right(grad, p, v), "sign flipped"),
    (check_directional_derivative, lambda grad, p, v: float(np.linalg.norm(grad(p))), "largest slope"),
    (check_directional_derivative, lambda grad, p, v: float(grad(p) @ v / np.linalg.norm(grad(p))),
     "normalised the gradient"),
    (check_directional_derivative, lambda grad, p, v: grad(p) * v / np.linalg.norm(v), "wrong shape"),
]


test_right_answers_pass_on_many_seeds, test_each_common_mistake_gets_its_hint = right_and_mistake_tests(
    RIGHT, MISTAKES, SEEDS)


@pytest.mark.parametrize("check", [check_gradient_g, check_numerical_gradient, check_directional_derivative])
def test_a_stub_is_reported_as_not_attempted(check):
    assert_not_attempted(check)


def test_hard_coded_answers_fail():
    points = np.random.default_rng(0).uniform(-3, 3, size=(10, 2))
    table = {tuple(p): grad_g_right(p) for p in points}
    with pytest.raises(CheckFailed, match="seed=7"):
        check_gradient_g(lambda p: table.get(tuple(p), np.zeros(2)), seed=7)
    with pytest.raises(CheckFailed, match="seed=7"):
        check_directional_derivative(lambda grad, p, v: 1.0, seed=7)


@pytest.mark.parametrize(
    "check, answer",
    [
        (check_gradient_g, lambda p: grad_g_right(p) + np.array([1e-6, 0.0])),
        (check_numerical_gradient, lambda f, x, h: numgrad_right(f, x, 1.01 * h)),
        (check_numerical_gradient, lambda f, x, h: numgrad_right(f, x, 1e-6)),  # ignores the given h
        (check_directional_derivative, lambda grad, p, v: directional_right(grad, p, v) * (1 + 1e-6)),
    ],
)
def test_near_misses_fail_on_every_seed(check, answer):
    assert_never_passes(check, answer, range(100))


def test_failures_render_as_one_short_line_without_the_answer():
    for check, answer, _ in MISTAKES:
        try:
            check(answer, seed=2)
        except CheckFailed as exc:
            (line,) = exc._render_traceback_()
            assert line.startswith("\N{BALLOT X}") and "\n" not in line
            assert "2xy - 2" not in line and "x^2 + 6y" not in line


def test_numerical_gradient_check_reports_a_crash_and_a_value_instead_of_a_function():
    with pytest.raises(CheckFailed, match=r"raised ZeroDivisionError"):
        check_numerical_gradient(lambda f, x, h: 1 / 0)
    with pytest.raises(CheckFailed, match="expected the function itself"):
        check_directional_derivative(np.zeros(2))


def numgrad_shift_and_back(*shifts):
    """Shifts x[i] in place by multiples of h and back (1, -2, 1: x[i] += h, x[i] -= 2h, x[i] += h),
    evaluating f after the first two shifts: right gradients, but x may drift in its last digit."""
    def gradient(f, x, h):
        grad = np.zeros(x.size)
        for i in range(x.size):
            values = []
            for s in shifts:
                x[i] += s * h
                values.append(f(x))
            grad[i] = (values[0] - values[1]) / (2 * h) if shifts[0] > 0 else (values[1] - values[0]) / (2 * h)
        return grad
    return gradient


@pytest.mark.parametrize("shifts", [(1, -2, 1), (1, -1, -1, 1), (-1, 2, -1)])
def test_shifting_x_and_back_never_passes(shifts):
    # the chapter's own drifting variant and two others: each leaves x changed on every seed
    answer = numgrad_shift_and_back(*shifts)
    for seed in range(40):
        with pytest.raises(CheckFailed, match="leaves x changed"):
            check_numerical_gradient(answer, seed=seed)


def test_the_callers_array_is_untouched_and_a_restored_x_passes(capsys):
    seen = []

    def restoring(f, x, h):
        seen.append((x, x.copy()))
        return numgrad_in_place_restored(f, x, h)

    check_numerical_gradient(restoring, seed=3)
    assert "checks passed" in capsys.readouterr().out
    assert len(seen) == 5 and all(x.flags.writeable and np.array_equal(x, before) for x, before in seen)

    def scribble(f, x, h):  # a right gradient, then x overwritten: the check's own data must not change
        grad = numgrad_right(f, x, h)
        x[:] = 0.0
        return grad

    with pytest.raises(CheckFailed, match="leaves x changed"):
        check_numerical_gradient(scribble, seed=3)
