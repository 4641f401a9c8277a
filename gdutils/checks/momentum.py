"""Self-checks for the exercises of chapter 10 (Momentum)."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from .common import Mistake, conclude, start_check
from .core import as_numbers, call, evaluate


def check_momentum_step(momentum_step: Callable, *, seed: int | None = None) -> None:
    """Exercise 10.1: momentum_step(x, v, g, learning_rate, momentum) is one heavy-ball step in torch's form.

    v <- momentum * v + g, then x <- x - learning_rate * v; returns (new x, new v).
    """
    name, rng, seed = start_check("momentum_step", momentum_step, seed)
    n = 12
    x, v, g = rng.uniform(-3.0, 3.0, size=(3, n))
    v[0] = 0.0  # the first step: v = 0, so v becomes g
    eta = rng.uniform(0.01, 0.2, size=n)
    beta = rng.uniform(0.5, 0.95, size=n)
    got = []
    for k in range(n):
        args = (float(x[k]), float(v[k]), float(g[k]), float(eta[k]), float(beta[k]))
        got.append(as_numbers(name, call(name, momentum_step, *args), args))
    v_new = beta * v + g
    expected = np.stack([x - eta * v_new, v_new], axis=1)
    v_subtract = beta * v - eta * g  # the other convention, fed torch's v
    v_eta = beta * v + eta * g
    v_damp = beta * v + (1 - beta) * g
    conclude(
        name, "right on 12 random steps (v = 0 too)", np.array(got), expected,
        [
            Mistake("you moved uphill: the step is x - learning_rate * v, with v = momentum * v + g.",
                    np.stack([x + eta * v_new, v_new], axis=1)),
            Mistake("x moved with the old velocity: update v first (v = momentum * v + g), then step with the new v.",
                    np.stack([x - eta * v, v_new], axis=1)),
            Mistake("that is the other convention (v = momentum * v - learning_rate * g, x = x + v): in torch's "
                    "form v sums gradients and the learning rate multiplies it in the step.",
                    np.stack([x + v_subtract, v_subtract], axis=1)),
            Mistake("the learning rate went into the velocity: in torch's form v = momentum * v + g, and the "
                    "step is x - learning_rate * v.", np.stack([x - v_eta, v_eta], axis=1)),
            Mistake("that is dampening (v = momentum * v + (1 - momentum) * g); torch's default has none: "
                    "v = momentum * v + g.", np.stack([x - eta * v_damp, v_damp], axis=1)),
            Mistake("that is Nesterov's step (x - learning_rate * (g + momentum * v)); the heavy ball steps "
                    "with v itself.", np.stack([x - eta * (g + beta * v_new), v_new], axis=1)),
            Mistake("the momentum multiplies g instead of v: v = momentum * v + g.",
                    np.stack([x - eta * (v + beta * g), v + beta * g], axis=1)),
            Mistake("the pair is in the wrong order: return (new x, new v), the parameter first.",
                    np.stack([v_new, x - eta * v_new], axis=1)),
        ],
        rtol=1e-9, atol=1e-12, seed=seed,
        fallback="(new x, new v) is not one heavy-ball step v = momentum * v + g, x = x - learning_rate * v",
    )


def check_heavy_ball_rate(heavy_ball_rate: Callable, *, seed: int | None = None) -> None:
    """Exercise 10.2: heavy_ball_rate(eta_lam, beta) is the spectral radius of [[1 + beta - eta_lam, -beta], [1, 0]]."""
    name, rng, seed = start_check("heavy_ball_rate", heavy_ball_rate, seed)
    beta = rng.uniform(0.05, 0.95, size=16)
    root = np.sqrt(beta)
    # four in the complex region, four below it, four above it (inside the region), four that diverge
    low, high = (1 - root) ** 2, (1 + root) ** 2
    share = rng.uniform(0.1, 0.9, size=16)
    h = np.concatenate([
        low[:4] + share[:4] * (high[:4] - low[:4]),
        share[4:8] * low[4:8],
        high[8:12] + share[8:12] * (2 * (1 + beta[8:12]) - high[8:12]),
        2 * (1 + beta[12:]) + share[12:],
    ])
    got = evaluate(name, heavy_ball_rate, [(float(a), float(b)) for a, b in zip(h, beta)])
    t = 1 + beta - h
    disc = t * t - 4 * beta
    real_root = np.sqrt(np.maximum(disc, 0.0))
    expected = np.where(disc < 0, root, (np.abs(t) + real_root) / 2)
    larger_in_absolute_value = ("take the larger of the two roots in absolute value: for 1 + beta - eta_lam < 0 "
                                "the root with the minus sign is the larger one.")
    conclude(
        name, "right on 16 random (eta_lam, beta)", got, expected,
        [
            Mistake("that is sqrt(beta) everywhere: true only where the eigenvalues are complex "
                    "((1 - sqrt(beta))^2 < eta_lam < (1 + sqrt(beta))^2); outside, take the larger |root|.",
                    root),
            Mistake("that is |1 - eta_lam|, the rate without momentum: M has beta in its first row too.",
                    np.abs(1 - h)),
            Mistake("that is |1 + beta - eta_lam|, the first entry of M: the rate is the largest |eigenvalue|.",
                    np.abs(t)),
            Mistake(larger_in_absolute_value, np.where(disc < 0, root, np.abs(t + real_root) / 2)),
            # the signed root (t + sqrt(D)) / 2, which is also max(r1, r2) without abs
            Mistake(larger_in_absolute_value, np.where(disc < 0, root, (t + real_root) / 2)),
            Mistake("where t^2 < 4 beta the roots are complex; their modulus is sqrt(beta), not the real part |t| / 2.",
                    np.where(disc < 0, np.abs(t) / 2, expected)),
        ],
        rtol=1e-7, atol=1e-9, seed=seed,
        fallback="the value is not the spectral radius of M = [[1 + beta - eta_lam, -beta], [1, 0]]",
    )


def check_optimal_momentum(best_momentum: Callable, *, seed: int | None = None) -> None:
    """Exercise 10.3: best_momentum(mu, L) is (4 / (sqrt(L) + sqrt(mu))^2, ((sqrt(k) - 1) / (sqrt(k) + 1))^2)."""
    name, rng, seed = start_check("best_momentum", best_momentum, seed)
    mu = rng.uniform(0.1, 5.0, size=10)
    L = mu * np.exp(rng.uniform(np.log(2.0), np.log(5000.0), size=10))
    got = []
    for a, b in zip(mu, L):
        args = (float(a), float(b))
        got.append(as_numbers(name, call(name, best_momentum, *args), args))
    got = np.array(got)
    rm, rl = np.sqrt(mu), np.sqrt(L)
    kappa = L / mu
    eta = 4 / (rl + rm) ** 2
    ratio = (np.sqrt(kappa) - 1) / (np.sqrt(kappa) + 1)
    beta = ratio**2
    expected = np.stack([eta, beta], axis=1)
    descent = 2 / (mu + L)
    conclude(
        name, "right for 10 random [mu, L], kappa 2 to 5000", got, expected,
        [
            Mistake("that is the (eta, beta) pair swapped: return (learning rate, momentum).", expected[:, ::-1]),
            Mistake("beta is the square of (sqrt(kappa) - 1) / (sqrt(kappa) + 1); that ratio itself is the rate.",
                    np.stack([eta, ratio], axis=1)),
            Mistake("beta uses sqrt(kappa), not kappa: ((sqrt(kappa) - 1) / (sqrt(kappa) + 1))^2.",
                    np.stack([eta, ((kappa - 1) / (kappa + 1)) ** 2], axis=1)),
            Mistake("that is descent's best step 2 / (mu + L); the heavy ball's is 4 / (sqrt(L) + sqrt(mu))^2.",
                    np.stack([descent, beta], axis=1)),
            Mistake("square the sum of the square roots: 4 / (sqrt(L) + sqrt(mu))^2, not 4 / (L + mu).",
                    np.stack([4 / (L + mu), beta], axis=1)),
            Mistake("the learning rate is 4 / (sqrt(L) + sqrt(mu))^2: the 4 is missing or misplaced.",
                    np.stack([1 / (rl + rm) ** 2, beta], axis=1)),
        ],
        rtol=1e-9, atol=1e-12, seed=seed,
        fallback="(eta, beta) is not the heavy ball's optimal pair for eigenvalues in [mu, L]",
    )
