"""Self-checks for the exercises of chapter 9 (How fast gradient descent converges)."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from .common import Mistake, call_on_copies, conclude, start_check
from .core import as_numbers, diagnose, evaluate, passed


def check_guaranteed_decrease(guaranteed_decrease: Callable, *, seed: int | None = None) -> None:
    """Exercise 9.1: guaranteed_decrease(grad_norm, L, eta) = eta (1 - L eta / 2) grad_norm^2 (the descent lemma)."""
    name, rng, seed = start_check("guaranteed_decrease", guaranteed_decrease, seed)
    L = 10 ** rng.uniform(-1, 2, size=10)
    eta = rng.uniform(0.05, 1.9, size=10) / L
    norm = 10 ** rng.uniform(-2, 1, size=10)
    got = evaluate(name, guaranteed_decrease, list(zip(norm.tolist(), L.tolist(), eta.tolist())))
    expected = eta * (1 - L * eta / 2) * norm**2
    conclude(
        name, "the descent lemma on 10 random cases", got, expected,
        [
            Mistake("the gradient's norm enters squared: eta (1 - L eta / 2) |g|^2.", eta * (1 - L * eta / 2) * norm),
            Mistake("the curvature term is L eta^2 / 2 |g|^2, with a 1/2: eta (1 - L eta / 2) |g|^2.",
             eta * (1 - L * eta) * norm**2),
            Mistake("that is the decrease of a step that ignores curvature (eta |g|^2): subtract L eta^2 |g|^2 / 2.",
             eta * norm**2),
            Mistake("the sign: the lemma promises a decrease, a positive number for 0 < eta < 2 / L.", -expected),
            Mistake("the curvature term is (L/2) eta^2 |g|^2: L multiplies eta squared, not eta.",
             (eta - L / 2 * eta) * norm**2),
            Mistake("|g|^2 / (2L) is the promise for eta = 1/L only: use the given eta.", norm**2 / (2 * L)),
        ],
        rtol=1e-9, atol=1e-15, seed=seed,
        fallback="not the decrease that the descent lemma guarantees",
    )


def check_slowest_factor(slowest_factor: Callable, *, seed: int | None = None) -> None:
    """Exercise 9.2: slowest_factor(eta, mu, L) = max(|1 - eta mu|, |1 - eta L|)."""
    name, rng, seed = start_check("slowest_factor", slowest_factor, seed)
    mu = 10 ** rng.uniform(-2, 0, size=12)
    L = mu * 10 ** rng.uniform(0.3, 2, size=12)
    # four rates below the best step 2 / (mu + L) (there the shallow end is slowest), six between
    # it and 2 / L (the steep end is slowest), two above 2 / L (the run diverges: factor > 1)
    best, limit = 2 / (mu + L), 2 / L
    u = rng.uniform(0.1, 0.9, size=12)
    eta = np.concatenate([u[:4] * best[:4], best[4:10] + u[4:10] * (limit - best)[4:10],
                          limit[10:] * (1 + u[10:])])
    got = evaluate(name, slowest_factor, list(zip(eta.tolist(), mu.tolist(), L.tolist())))
    expected = np.maximum(np.abs(1 - eta * mu), np.abs(1 - eta * L))
    conclude(
        name, "right for 12 random (eta, mu, L)", got, expected,
        [
            Mistake("only the shallow direction: above eta = 2 / (mu + L) the steep one, |1 - eta L|, is slower.",
             1 - eta * mu),
            Mistake("only the steep direction: below eta = 2 / (mu + L) the shallow one, 1 - eta mu, is slower.",
             np.abs(1 - eta * L)),
            Mistake("the slowest direction has the factor largest in absolute value, not the smallest.",
             np.minimum(np.abs(1 - eta * mu), np.abs(1 - eta * L))),
            Mistake("that is the rate of the best step 2 / (mu + L); the question asks for this eta.",
             (L - mu) / (L + mu)),
        ],
        rtol=1e-9, atol=1e-12, seed=seed,
        fallback="not the largest |1 - eta lambda| over the curvatures lambda in [mu, L]",
    )


def _random_problem(rng: np.random.Generator, d: int):
    """f(p) = sum(a_i cosh(p_i)) + p^T B p / 2: a convex function with a non-diagonal Hessian."""
    a = rng.uniform(0.5, 2.0, size=d)
    M = rng.normal(size=(d, d))
    B = M @ M.T / d + np.eye(d)

    def grad(p):
        return a * np.sinh(p) + B @ p

    def hessian(p):
        return np.diag(a * np.cosh(p)) + B

    return grad, hessian


def check_newton_step(newton_step: Callable, *, seed: int | None = None) -> None:
    """Exercise 9.3: newton_step(grad, hessian, p) = p - H(p)^{-1} grad f(p), solved, for a 1-D array p."""
    name, rng, seed = start_check("newton_step", newton_step, seed)
    for _ in range(6):
        d = int(rng.integers(2, 6))
        grad, hessian = _random_problem(rng, d)
        p = rng.uniform(-1.5, 1.5, size=d)
        raw = call_on_copies(name, newton_step, grad, hessian, p, what="the point p",
                             example="return p - d rather than p -= d")
        got = as_numbers(name, raw, (grad, hessian, p), size=d)  # the new point: d numbers
        g, H = grad(p), hessian(p)
        expected = p - np.linalg.solve(H, g)
        diagnose(
            name, got, expected,
            [
                ("that returns the step, not the new point: subtract it from p.", np.linalg.solve(H, g)),
                ("the sign: Newton moves to p - H^{-1} grad f, downhill.", p + np.linalg.solve(H, g)),
                ("that multiplies by H; Newton divides: solve H d = grad f (np.linalg.solve(H, g)).",
                 p - H @ g),
                ("that is a gradient step with learning rate 1, not Newton's step: use the Hessian.", p - g),
                ("only the diagonal of H was used: solve with the whole Hessian.", p - g / np.diag(H)),
            ],
            rtol=1e-8, atol=1e-10, seed=seed,
            fallback="the new point is not p - H(p)^{-1} grad f(p)",
        )
    passed(name, "right on 6 random functions of 2 to 5 variables")
