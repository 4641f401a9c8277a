"""Self-checks for the exercises of chapter 6 (Linear regression)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

from .common import Mistake, conclude, start_check
from .core import CheckFailed, as_numbers, as_real, call, passed


def _pairs(name: str, func: Callable, arg_rows: Sequence[tuple]) -> np.ndarray:
    return np.array([as_numbers(name, call(name, func, *args), args) for args in arg_rows])


def _data_sets(rng: np.random.Generator, count: int) -> list[tuple[float, float, np.ndarray, np.ndarray]]:
    """(m, b, x, y) rows: random lines, random data of random size, scale and offset."""
    rows = []
    for _ in range(count):
        n = int(rng.integers(5, 40))
        x = rng.uniform(-1, 1, size=n) * 10 ** rng.uniform(-0.5, 1.0) + rng.uniform(-3, 3)
        y = rng.uniform(-3, 3) * x + rng.uniform(-3, 3) + rng.normal(size=n)
        m, b = rng.uniform(-3, 3), rng.uniform(-3, 3)
        rows.append((float(m), float(b), x, y))
    return rows


def check_mse_gradient(mse_grad: Callable, *, seed: int | None = None) -> None:
    """Exercise 6.1: mse_grad(m, b, x, y) must return (dMSE/dm, dMSE/db) of MSE = mean((y - (m x + b))^2)."""
    name, rng, seed = start_check("mse_grad", mse_grad, seed)
    rows = _data_sets(rng, 8)
    got = _pairs(name, mse_grad, [(m, b, x.copy(), y.copy()) for m, b, x, y in rows])

    def grad(residual: Callable, inner_m: Callable = lambda x: x, scale: Callable = np.mean) -> np.ndarray:
        out = []
        for m, b, x, y in rows:
            r = residual(m, b, x, y)
            out.append([scale(-2 * inner_m(x) * r), scale(-2 * r)])
        return np.array(out)

    def right(m, b, x, y):
        return y - (m * x + b)

    expected = grad(right)
    conclude(
        name, "right on 8 random data sets", got, expected,
        [
            Mistake("sign flipped: the inner derivative of y - (m x + b) with respect to m is -x, and with "
             "respect to b it is -1; keep those minus signs.", -expected),
            Mistake("the residual is written y - m x + b: the brackets matter, it is y - (m x + b), so the "
             "sign of b is wrong.", grad(lambda m, b, x, y: y - m * x + b)),
            Mistake("the 1/n is missing: the MSE is a mean, so its gradient is a mean too, not a sum.",
             grad(right, scale=np.sum)),
            Mistake("off by a factor of 2: the outer derivative of u^2 is 2u.", expected / 2),
            Mistake("off by a factor of 2: the outer derivative of u^2 is 2u (once).", expected * 2),
            Mistake("dMSE/dm lacks the factor x_i: the chain rule multiplies by the inner derivative, "
             "which for m is -x_i.", grad(right, inner_m=lambda x: 1.0)),
            Mistake("the two partial derivatives are swapped: return (dMSE/dm, dMSE/db) in that order.",
             expected[:, ::-1]),
        ],
        rtol=1e-9, atol=1e-9, seed=seed,
        fallback="the gradient does not match the partial derivatives of the MSE. Differentiate "
                 "(y_i - (m x_i + b))^2 by the chain rule and average over the examples",
    )


def _hessian_eigenvalues(x: np.ndarray) -> np.ndarray:
    """Eigenvalues (ascending) of 2 E[[x^2, x], [x, 1]], the MSE's Hessian for one feature."""
    h = 2 * np.array([[np.mean(x * x), np.mean(x)], [np.mean(x), 1.0]])
    return np.linalg.eigvalsh(h)


def check_learning_rate_for_data(learning_rate_for: Callable, *, seed: int | None = None) -> None:
    """Exercise 6.2: learning_rate_for(x) must lie in [limit / 2, limit), limit = 2 / lambda_max."""
    name, rng, seed = start_check("learning_rate_for", learning_rate_for, seed)
    for _ in range(8):
        n = int(rng.integers(10, 60))
        x = rng.uniform(0, 1, size=n) * 10 ** rng.uniform(-1, 2) + rng.uniform(-20, 20)
        lam_min, lam_max = _hessian_eigenvalues(x)
        limit = 2 / lam_max
        eta = as_real(name, call(name, learning_rate_for, x.copy()), (x,))
        where = f"for x of mean {x.mean():.3g} and spread {np.ptp(x):.3g}"
        if not np.isfinite(eta) or eta <= 0:
            raise CheckFailed(f"{name} returned {eta!r} {where}: a learning rate must be a positive number.")
        # the lower end with a relative slack of 1e-9: exactly half the limit, 1 / lambda_max, is a
        # right answer, and a different (correct) way of computing lambda_max can land a few ulps off
        if limit / 2 * (1 - 1e-9) <= eta < limit:
            continue
        if np.isclose(eta, limit, rtol=1e-9):
            raise CheckFailed(
                f"{name}: exactly at the stability limit {where}: the fastest direction then flips sign "
                "each epoch without shrinking. Stay strictly below the limit."
            )
        if limit < eta < 2 * limit:
            raise CheckFailed(
                f"{name}: too large (by less than a factor of 2) {where}: descent on the MSE diverges. "
                "The Hessian of the MSE is 2 E[[x^2, x], [x, 1]]: was its factor 2 left out?"
            )
        if 0.99 / lam_min <= eta < 2 / lam_min:
            raise CheckFailed(
                f"{name}: too large {where}: stability is set by the largest eigenvalue of the Hessian, "
                "the steepest direction, not the smallest."
            )
        if eta >= limit:
            raise CheckFailed(
                f"{name}: too large {where}: descent on the MSE diverges. The limit is 2 over the largest "
                "eigenvalue of the Hessian."
            )
        if limit / 2 <= eta * n < limit:
            raise CheckFailed(
                f"{name}: too small by a factor of n = {n} {where}: the Hessian of the MSE holds means "
                "over the examples, 2 E[[x^2, x], [x, 1]], not sums."
            )
        raise CheckFailed(
            f"{name}: safe but slow {where}: it is less than half of the stability limit. Aim for at "
            "least half of it (and stay below it)."
        )
    passed(name, "stable and fast on 8 random data sets")


def check_to_original_scale(to_original: Callable, *, seed: int | None = None) -> None:
    """Exercise 6.3: to_original(m_z, b_z, mean, std) must return (m, b) for the unscaled feature."""
    name, rng, seed = start_check("to_original", to_original, seed)
    rows = []
    for _ in range(8):
        rows.append((float(rng.uniform(-5, 5)), float(rng.uniform(-5, 5)), float(rng.uniform(-20, 20)),
                     float(10 ** rng.uniform(-1, 1.5))))
    got = _pairs(name, to_original, rows)
    mz, bz, mu, sd = (np.array(c) for c in zip(*rows))
    m = mz / sd
    expected = np.column_stack([m, bz - m * mu])
    conclude(
        name, "8 random lines mapped back correctly", got, expected,
        [
            Mistake("the slope is scaled the wrong way: z = (x - mean) / std, so the slope per unit of x is "
             "m_z / std.", np.column_stack([mz * sd, bz - mz * sd * mu])),
            Mistake("the slope is scaled the wrong way: z = (x - mean) / std, so the slope per unit of x is "
             "m_z / std.", np.column_stack([mz * sd, bz - mz * mu])),
            Mistake("the intercept was left as b_z: shifting x by its mean moves the intercept too.",
             np.column_stack([m, bz])),
            Mistake("the intercept moved the wrong way: expand m_z (x - mean) / std + b_z and collect the "
             "constant terms.", np.column_stack([m, bz + m * mu])),
            Mistake("the intercept's shift misses the 1/std: expand m_z (x - mean) / std + b_z.",
             np.column_stack([m, bz - mz * mu])),
            Mistake("the slope was left as m_z: it is a slope per standard deviation of x, not per unit.",
             np.column_stack([mz, bz - mz * mu])),
            Mistake("(m, b) are swapped: return the slope first.", expected[:, ::-1]),
        ],
        rtol=1e-9, atol=1e-9, seed=seed,
        fallback="(m, b) do not reproduce the standardised line m_z (x - mean) / std + b_z. Expand it "
                 "and collect the terms in x and the constant",
    )
