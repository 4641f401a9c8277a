"""Self-checks for the exercises of chapter 2 (Difference quotients)."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from .common import PRECEDENCE_2H, RETURNED_START, Mistake, conclude, start_check, step_count_mistakes
from .core import CheckFailed, evaluate, new_rng, require_function


def _test_functions(rng: np.random.Generator) -> list[Callable]:
    """Smooth functions with random parameters: a sine, an exponential and a cubic."""
    k, s, p = rng.uniform(0.5, 2.0), rng.uniform(-1.0, 1.0), rng.uniform(-2.0, 2.0, size=4)
    return [
        lambda x: np.sin(k * x),
        lambda x: np.exp(s * x),
        lambda x: p[0] + p[1] * x + p[2] * x**2 + p[3] * x**3,
    ]


def _quotient_rows(rng: np.random.Generator, h_low: float, h_high: float) -> list[tuple]:
    """(f, x, h) triples for the quotient checks: several functions, points and steps."""
    rows = []
    for f in _test_functions(rng):
        for _ in range(3):
            rows.append((f, float(rng.uniform(-2.0, 2.0)), float(10 ** rng.uniform(np.log10(h_low), np.log10(h_high)))))
    return rows


def _stencil(rows: list[tuple]) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """f(x + h), f(x), f(x - h) and h for each (f, x, h) row."""
    fp = np.array([f(x + h) for f, x, h in rows])
    f0 = np.array([f(x) for f, x, h in rows])
    fm = np.array([f(x - h) for f, x, h in rows])
    return fp, f0, fm, np.array([h for _, _, h in rows])


def _quotient_answers(name: str, quotient: Callable, seed: int | None, h_low: float, h_high: float) -> tuple:
    """(got, f(x + h), f(x), f(x - h), h, seed): the reader's quotient on 9 random (f, x, h) and the stencil."""
    require_function(name, quotient)
    rng, seed = new_rng(seed)
    rows = _quotient_rows(rng, h_low, h_high)
    return (evaluate(name, quotient, rows), *_stencil(rows), seed)


def check_central_difference(my_central_difference: Callable, *, seed: int | None = None) -> None:
    """Exercise 2.1: my_central_difference(f, x, h) must be (f(x + h) - f(x - h)) / (2h)."""
    name = "my_central_difference"
    got, fp, f0, fm, h, seed = _quotient_answers(name, my_central_difference, seed, 1e-3, 1e-1)
    expected = (fp - fm) / (2 * h)
    conclude(
        name, "right on 9 random (f, x, h)", got, expected,
        [
            Mistake("factor of 2: x + h and x - h are 2h apart, so divide by 2h.", (fp - fm) / h),
            Mistake("factor of 2: divide the difference by 2h, not by h/2.", (fp - fm) / (h / 2)),
            Mistake(PRECEDENCE_2H,
             (fp - fm) / 2 * h),
            Mistake("sign flipped: subtract f(x - h) from f(x + h), not the other way round.", -expected),
            Mistake("that is the forward quotient (f(x + h) - f(x)) / h; the central one uses x + h and x - h.",
             (fp - f0) / h),
            Mistake("that is the backward quotient (f(x) - f(x - h)) / h; the central one uses x + h and x - h.",
             (f0 - fm) / h),
        ],
        rtol=1e-9, atol=1e-12, seed=seed,
        fallback="the value is not the central difference quotient of f at x with step h",
    )


def check_second_difference(second_difference: Callable, *, seed: int | None = None) -> None:
    """Exercise 2.2: second_difference(f, x, h) must be (f(x + h) - 2 f(x) + f(x - h)) / h^2."""
    name = "second_difference"
    got, fp, f0, fm, h, seed = _quotient_answers(name, second_difference, seed, 1e-3, 1e-2)
    expected = (fp - 2 * f0 + fm) / h**2
    conclude(
        name, "right on 9 random (f, x, h)", got, expected,
        [
            Mistake("the middle term needs a factor of 2: f(x + h) - 2 f(x) + f(x - h).", (fp - f0 + fm) / h**2),
            Mistake("divide by h squared, not by h.", (fp - 2 * f0 + fm) / h),
            Mistake("factor of 2: divide by h^2, not by 2h^2.", expected / 2),
            Mistake("operator precedence: `/ h*h` divides by h and then multiplies by h again; write / (h*h) "
             "or / h**2.", fp - 2 * f0 + fm),
            Mistake("factor of 4: divide by h^2, not by (2h)^2.", expected / 4),
            Mistake("sign flipped: the quotient is f(x + h) - 2 f(x) + f(x - h) over h^2.", -expected),
        ],
        rtol=1e-7, atol=1e-9, seed=seed,
        fallback="the value is not the second difference quotient of f at x with step h",
    )


def _descend_with(quotient: Callable, f: Callable, x0: float, eta: float, n: int, h: float) -> float:
    """The reference loop: n steps of descent with ``quotient(f, x, h)`` standing in for f'(x)."""
    x = x0
    for _ in range(n):
        x = x - eta * quotient(f, x, h)
    return x


def _central(f: Callable, x: float, h: float) -> float:
    return (f(x + h) - f(x - h)) / (2 * h)


def _forward(f: Callable, x: float, h: float) -> float:
    return (f(x + h) - f(x)) / h


def _central_default_h(f: Callable, x: float, h: float) -> float:
    return _central(f, x, 6e-6)


def check_numeric_descent(numeric_descent: Callable, *, seed: int | None = None) -> None:
    """Exercise 2.3: numeric_descent(f, x0, learning_rate, n_steps, h) descends with central differences."""
    name, rng, seed = start_check("numeric_descent", numeric_descent, seed)
    # f(x) = a (x - c)^2 + b exp(x - c): smooth, convex and lopsided, so that the quotient's step h
    # matters (with h = 0.5 the central quotient of exp is off by sinh(h)/h - 1, about 4%).
    rows, centres = [], []
    for _ in range(5):
        a, b, c = rng.uniform(0.5, 2.0), rng.uniform(0.05, 0.3), rng.uniform(-3.0, 3.0)
        x0 = c - rng.uniform(1.0, 3.0)  # left of the minimum, where a wrong uphill run stays finite
        eta = rng.uniform(0.05, 0.2) / (a + b * np.exp(3.0))  # well inside the stable range
        n, h = int(rng.integers(5, 16)), float(rng.uniform(0.3, 0.6))

        def f(x, a=a, b=b, c=c):
            return a * (x - c) * (x - c) + b * np.exp(x - c)

        rows.append((f, float(x0), float(eta), n, h))
        centres.append(c)
    got = evaluate(name, numeric_descent, rows)

    def simulate(quotient: Callable, extra: int = 0, sign: float = 1.0) -> np.ndarray:
        return np.array([_descend_with(quotient, f, x0, sign * eta, n + extra, h) for f, x0, eta, n, h in rows])

    distance_before = np.abs(np.array([row[1] for row in rows]) - np.array(centres))
    if np.all(np.abs(got - np.array(centres)) > distance_before):
        raise CheckFailed(f"{name}: you stepped uphill: every run ended farther from the minimum than it "
                          "started. The update subtracts the estimated derivative.")
    conclude(
        name, "right on 5 random functions", got, simulate(_central),
        [
            Mistake("your run ignores the step h it is given: pass h on to the difference quotient.",
             simulate(_central_default_h)),
            Mistake("that is descent with the forward quotient (f(x + h) - f(x)) / h; use the central one.",
             simulate(_forward)),
            *step_count_mistakes(lambda extra: simulate(_central, extra)),
            Mistake(RETURNED_START.format(name=name), np.array([row[1] for row in rows])),
        ],
        rtol=1e-9, atol=1e-9, seed=seed,
        fallback="the final x does not match descent with central differences of step h",
    )
