"""Self-checks for the exercises of chapter 8 (Stochastic gradient descent)."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from .common import RESIDUAL_BRACKETS, Mistake, call_on_copies, conclude, start_check
from .core import as_numbers, evaluate


def check_sgd_step(sgd_step: Callable, *, seed: int | None = None) -> None:
    """Exercise 8.1: sgd_step(params, x_i, y_i, learning_rate) is one update on one example."""
    name, rng, seed = start_check("sgd_step", sgd_step, seed)
    m, b = rng.uniform(-3.0, 3.0, size=(2, 12))
    xi = rng.choice([-1.0, 1.0], size=12) * rng.uniform(0.5, 3.0, size=12)
    yi = rng.uniform(-5.0, 5.0, size=12)
    eta = rng.uniform(0.01, 0.1, size=12)
    got = []
    for k in range(12):
        params = np.array([m[k], b[k]])
        args = (params, float(xi[k]), float(yi[k]), float(eta[k]))
        got.append(as_numbers(name, call_on_copies(name, sgd_step, *args, what="params",
                                                   example="return params - learning_rate * g"), args))
    r = yi - (m * xi + b)
    g = np.stack([-2 * xi * r, -2 * r], axis=1)
    start = np.stack([m, b], axis=1)
    step = eta[:, None]
    r_bad = yi - m * xi + b
    m_new = m - eta * g[:, 0]
    conclude(
        name, "right on 12 random examples", np.array(got), start - step * g,
        [
            Mistake("you stepped uphill: subtract the learning rate times the gradient (and check the sign of "
             "the derivative of the residual).", start + step * g),
            Mistake("the step is half as large as it should be: the derivative of the square (y - y_hat)^2 "
             "brings down a factor of 2.", start - step * g / 2),
            Mistake(RESIDUAL_BRACKETS,
             start - step * np.stack([-2 * xi * r_bad, -2 * r_bad], axis=1)),
            Mistake("the intercept's derivative has no factor x: the prediction changes by 1 per unit of b.",
             start - step * np.stack([-2 * xi * r, -2 * xi * r], axis=1)),
            Mistake("the slope's and the intercept's derivatives are swapped.", start - step * g[:, ::-1]),
            Mistake("the intercept's derivative was taken at the already-updated slope: compute both "
             "partial derivatives at the same point, then update m and b together.",
             np.stack([m_new, b - eta * -2 * (yi - (m_new * xi + b))], axis=1)),
        ],
        rtol=1e-9, atol=1e-12, seed=seed,
        fallback="the new (m, b) is not one gradient step on the squared error of the example",
    )


def check_decaying_rate(decaying_rate: Callable, *, seed: int | None = None) -> None:
    """Exercise 8.2: decaying_rate(k, eta0, tau) is eta0 / (1 + k / tau)."""
    name, rng, seed = start_check("decaying_rate", decaying_rate, seed)
    k = np.concatenate([[0], rng.integers(1, 10_000, size=11)])
    eta0 = rng.uniform(0.001, 0.5, size=12)
    tau = rng.uniform(2.0, 500.0, size=12)
    got = evaluate(name, decaying_rate, [(int(a), float(b), float(c)) for a, b, c in zip(k, eta0, tau)])
    expected = eta0 / (1 + k / tau)
    conclude(
        name, "right for 12 random (k, eta0, tau)", got, expected,
        [
            Mistake("operator precedence: eta0 / (1 + k) / tau divides by tau once more; put k / tau "
             "inside the brackets.", eta0 / (1 + k) / tau),
            Mistake("k is multiplied by tau: the step should halve when k reaches tau, so divide k by tau.",
             eta0 / (1 + k * tau)),
            Mistake("your step grows with k: divide eta0 by (1 + k / tau), do not multiply.", eta0 * (1 + k / tau)),
            Mistake("off by one: at k = 0 the step must be eta0 itself.", eta0 / (1 + (k + 1) / tau)),
            Mistake("that is an exponential decay: this schedule falls like 1/k for large k.", eta0 * np.exp(-k / tau)),
            Mistake("that decays like 1/sqrt(k); this schedule falls like 1/k for large k.",
             eta0 / np.sqrt(1 + k / tau)),
            Mistake("operator precedence: eta0 / 1 + k / tau adds k / tau to eta0; put the whole "
             "denominator in brackets.", eta0 + k / tau),
            Mistake("k // tau is floor division, which makes the step fall in stairs: use k / tau.",
             eta0 / (1 + k // tau)),
        ],
        rtol=1e-9, atol=1e-15, seed=seed,
        fallback="the value is not the decaying step eta0 / (1 + k / tau)",
    )


def check_fraction_missed(fraction_missed: Callable, *, seed: int | None = None) -> None:
    """Exercise 8.3: fraction_missed(n): expected share of n examples that n draws with replacement miss."""
    name, rng, seed = start_check("fraction_missed", fraction_missed, seed)
    n = np.concatenate([[2, 3], rng.integers(4, 20, size=4), rng.integers(20, 100_000, size=6)])
    got = evaluate(name, fraction_missed, [(int(k),) for k in n])
    miss_one = 1 - 1 / n
    expected = miss_one**n
    conclude(
        name, "right for n from 2 to 100,000", got, expected,
        [
            Mistake("that is 1/e, the limit for large n: for a finite n the fraction is a little smaller "
             "(at n = 2 it is exactly 1/4).", np.full(n.shape, np.exp(-1.0))),
            Mistake("that is the share of examples drawn at least once: the question asks for those never drawn.",
             1 - expected),
            Mistake("that is the chance that ONE draw misses a given example; an epoch makes n independent draws.",
             miss_one),
            Mistake("one draw too few: an epoch with replacement makes n draws.", miss_one ** (n - 1)),
            Mistake("that is the chance that one draw picks a given example, not the share never picked.", 1 / n),
        ],
        rtol=1e-9, atol=1e-12, seed=seed,
        fallback="the value is not the expected share of examples that n draws with replacement never pick",
    )
