"""Self-checks for the exercises of chapter 1 (Derivatives)."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from .common import (
    FACTOR_OF_2_POWER_RULE,
    RETURNED_START,
    Mistake,
    conclude,
    start_check,
    step_count_mistakes,
)
from .core import CheckFailed, as_real, call, evaluate, passed


def check_polynomial_derivative(dg: Callable, *, seed: int | None = None) -> None:
    """Exercise 1.1: dg(x) must be g'(x) for g(x) = 2x^4 - 3x^2 + x - 7."""
    name, rng, seed = start_check("dg", dg, seed)
    x = rng.uniform(-3.0, 3.0, size=12)
    got = evaluate(name, dg, [(float(xi),) for xi in x])
    expected = 8 * x**3 - 6 * x + 1
    conclude(
        name, "dg matches g' at 12 random points", got, expected,
        [
            Mistake("sign flipped: your dg is the negative of g'. Differentiate each term as it stands.", -expected),
            Mistake(FACTOR_OF_2_POWER_RULE, 2 * expected),
            Mistake(FACTOR_OF_2_POWER_RULE, expected / 2),
            Mistake("you returned g itself, not its derivative.", 2 * x**4 - 3 * x**2 + x - 7),
            Mistake("the constant term survived: the derivative of a constant is 0 "
             "(the constant itself is not 0; its rate of change is).", expected - 7),
            Mistake("the term x is missing or wrong: its derivative is 1.", expected - 1),
            Mistake("the exponents were not lowered: the power rule turns x^n into n x^(n-1).",
             8 * x**4 - 6 * x**2 + x),
            Mistake("the coefficients are missing: the power rule brings the exponent down as a factor, "
             "n x^(n-1).", 2 * x**3 - 3 * x + 1),
        ],
        rtol=1e-9, atol=1e-9, seed=seed,
        fallback="dg(x) is not g'(x) at some points. Differentiate term by term with the power rule",
    )


def check_descend(descend: Callable, *, seed: int | None = None) -> None:
    """Exercise 1.2: descend(df, x0, learning_rate, n_steps) must return x after n_steps updates."""
    name, rng, seed = start_check("descend", descend, seed)
    rows, bowls = [], []
    for _ in range(6):
        a, c = rng.uniform(0.5, 3.0), rng.uniform(-5.0, 5.0)
        x0 = c + rng.choice([-1.0, 1.0]) * rng.uniform(2.0, 10.0)  # at least 2 from the minimum
        # 1 - 2 a eta lies in (0.5, 0.9) and n <= 20, so x_n stays far enough from c that
        # n - 1, n and n + 1 steps give clearly different answers.
        eta = rng.uniform(0.05, 0.25) / a
        n = int(rng.integers(5, 21))

        def df(x, a=a, c=c):
            return 2 * a * (x - c)

        rows.append((df, float(x0), float(eta), n))
        bowls.append((a, c, x0, eta, n))
    a, c, x0, eta, n = map(np.array, zip(*bowls))

    def after(rate: np.ndarray, steps: np.ndarray) -> np.ndarray:  # x_k = c + (1 - 2 a eta)^k (x0 - c)
        return c + (1 - 2 * a * rate) ** steps * (x0 - c)

    got = evaluate(name, descend, rows)
    conclude(
        name, "matches the closed form on 6 random bowls", got, after(eta, n),
        [
            Mistake("you stepped uphill: the update subtracts the derivative, x <- x - eta * f'(x).", after(-eta, n)),
            *step_count_mistakes(lambda extra: after(eta, n + extra)),
            Mistake(RETURNED_START.format(name=name), x0),
            Mistake("only one step was taken: the update belongs inside a loop of n_steps iterations.", after(eta, 1)),
            Mistake("the learning rate is missing from the update: x <- x - eta * f'(x).", after(1.0, n)),
        ],
        rtol=1e-9, atol=1e-9, seed=seed,
        fallback="the final x does not match x_k = c + (1 - 2 a eta)^k (x0 - c) on random bowls a (x - c)^2",
    )


def check_learning_rate_for(learning_rate_for: Callable, *, seed: int | None = None) -> None:
    """Exercise 1.3: learning_rate_for(a) must make 25 steps on a x^2 from x0 = 3 reach |x| < 1e-6."""
    name, rng, seed = start_check("learning_rate_for", learning_rate_for, seed)
    curvatures = np.sort(10.0 ** rng.uniform(-2, 2, size=8))
    too_small, too_large = [], []
    for a in curvatures:
        eta = as_real(name, call(name, learning_rate_for, float(a)), (float(a),))
        if not np.isfinite(eta) or eta <= 0:
            raise CheckFailed(
                f"{name}({a:.4g}) returned {eta!r}: a learning rate must be a positive number "
                "(with eta <= 0 the update stands still or climbs)."
            )
        factor = 1 - 2 * a * eta  # x_k = factor^k x_0
        # 3 |factor|^25 < 1e-6, compared in logarithms so that a huge eta cannot overflow
        if factor != 0 and 25 * np.log(abs(factor)) >= np.log(1e-6 / 3):
            (too_small if factor > 0 else too_large).append((a, eta, factor))
    if too_small and too_large:
        raise CheckFailed(
            f"{name}: too small for a = {too_small[0][0]:.4g} but too large for a = {too_large[0][0]:.4g}. "
            "A good learning rate depends on the curvature a: how?"
        )
    if too_large:
        a, eta, factor = too_large[0]
        if np.isclose(factor, -1.0, rtol=0, atol=1e-9):
            what = "jump back and forth between +3 and -3 for ever, never getting closer"
        elif factor < -1:
            what = "oscillate and grow (the run diverges)"
        else:
            what = "oscillate and shrink too slowly"
        raise CheckFailed(
            f"{name}: learning rate too large for a = {a:.4g}: the iterates overshoot the minimum and {what}."
        )
    if too_small:
        a, eta, factor = too_small[0]
        raise CheckFailed(
            f"{name}: learning rate too small for a = {a:.4g}: the run heads for the minimum but is still "
            "too far from it after 25 steps."
        )
    passed(name, "25 steps reach |x| < 1e-6 on 8 random bowls")
