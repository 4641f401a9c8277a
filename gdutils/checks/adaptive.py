"""Self-checks for the exercises of chapter 11 (Adaptive methods and learning-rate schedules)."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from .common import Mistake, conclude, start_check
from .core import CheckFailed, as_numbers, call, evaluate, short


def check_adam_step(adam_step: Callable, *, seed: int | None = None) -> None:
    """Exercise 11.1: adam_step(x, m, s, g, t, learning_rate, beta1, beta2, eps) is one Adam step.

    m <- beta1 m + (1 - beta1) g, s <- beta2 s + (1 - beta2) g^2, then
    x <- x - learning_rate * m_hat / (sqrt(s_hat) + eps) with m_hat = m / (1 - beta1^t),
    s_hat = s / (1 - beta2^t); t is the number of the step, 1 for the first.
    Returns (new x, new m, new s).
    """
    name, rng, seed = start_check("adam_step", adam_step, seed)
    n = 12
    x, m, g = rng.uniform(-3.0, 3.0, size=(3, n))
    s = rng.uniform(0.0, 4.0, size=n)
    t = rng.integers(1, 30, size=n)
    m[:3], s[:3], t[:3] = 0.0, 0.0, 1  # first steps: the state starts at 0
    eta = rng.uniform(0.01, 0.2, size=n)
    b1, b2 = rng.uniform(0.5, 0.95, size=n), rng.uniform(0.9, 0.9999, size=n)
    eps = 10.0 ** rng.uniform(-3.0, -1.0, size=n)  # large enough that its place shows
    got = []
    for k in range(n):
        args = (float(x[k]), float(m[k]), float(s[k]), float(g[k]), int(t[k]), float(eta[k]), float(b1[k]),
                float(b2[k]), float(eps[k]))
        got.append(as_numbers(name, call(name, adam_step, *args), args, size=3))
    m1, s1 = b1 * m + (1 - b1) * g, b2 * s + (1 - b2) * g * g
    c1, c2 = 1 - b1**t, 1 - b2**t
    m_hat, s_hat = m1 / c1, s1 / c2

    def moved(step):
        return np.stack([x - step, m1, s1], axis=1)

    conclude(
        name, "right on 12 random steps, 3 of them first steps", np.array(got),
        moved(eta * m_hat / (np.sqrt(s_hat) + eps)),
        [
            Mistake("no bias correction: divide m by 1 - beta1**t and s by 1 - beta2**t before the step.",
                    moved(eta * m1 / (np.sqrt(s1) + eps))),
            Mistake("eps goes outside the square root: sqrt(s_hat) + eps, as torch.optim.Adam puts it.",
                    moved(eta * m_hat / np.sqrt(s_hat + eps))),
            Mistake("eps is added after the bias correction: sqrt(s / (1 - beta2**t)) + eps, not "
                    "(sqrt(s) + eps) / sqrt(1 - beta2**t).", moved(eta * m_hat * np.sqrt(c2) / (np.sqrt(s1) + eps))),
            Mistake("only m is corrected: s needs its own correction, s / (1 - beta2**t).",
                    moved(eta * m_hat / (np.sqrt(s1) + eps))),
            Mistake("the corrections use the power t, the step's number (1 at the first step); yours is off by "
                    "one.", moved(eta * (m1 / (1 - b1 ** (t + 1))) / (np.sqrt(s1 / (1 - b2 ** (t + 1))) + eps))),
            Mistake("the square root is missing: divide by sqrt(s_hat) + eps.", moved(eta * m_hat / (s_hat + eps))),
            Mistake("you moved uphill: the step is x - learning_rate * m_hat / (sqrt(s_hat) + eps).",
                    np.stack([x + eta * m_hat / (np.sqrt(s_hat) + eps), m1, s1], axis=1)),
            Mistake("s averages the squared gradient: s = beta2 * s + (1 - beta2) * g**2.",
                    np.stack([x - eta * m_hat / (np.sqrt(np.abs(b2 * s + (1 - b2) * g) / c2) + eps), m1,
                              b2 * s + (1 - b2) * g], axis=1)),
            Mistake("the betas weigh the old averages: m = beta1 * m + (1 - beta1) * g, not the other way round.",
                    _swapped_weights(x, m, s, g, t, eta, b1, b2, eps)),
            Mistake("return (new x, new m, new s) in this order.",
                    moved(eta * m_hat / (np.sqrt(s_hat) + eps))[:, ::-1]),
        ],
        rtol=1e-9, atol=1e-12, seed=seed,
        fallback="(new x, new m, new s) is not one Adam step with bias correction",
    )


def _swapped_weights(x, m, s, g, t, eta, b1, b2, eps) -> np.ndarray:
    """The step with the betas on the new gradient: m = (1 - beta1) m + beta1 g, and so for s."""
    m1, s1 = (1 - b1) * m + b1 * g, (1 - b2) * s + b2 * g * g
    step = eta * (m1 / (1 - b1**t)) / (np.sqrt(s1 / (1 - b2**t)) + eps)
    return np.stack([x - step, m1, s1], axis=1)


def check_bias_correction(debiased_averages: Callable, *, seed: int | None = None) -> None:
    """Exercise 11.2: debiased_averages(values, beta) is [m_1 / (1 - beta), ..., m_n / (1 - beta^n)].

    m_0 = 0, m_k = beta m_{k-1} + (1 - beta) values[k-1]; the k-th entry (k = 1..n) is
    m_k / (1 - beta^k), the bias-corrected exponential moving average after k values.
    """
    name, rng, seed = start_check("debiased_averages", debiased_averages, seed)
    n = int(rng.integers(8, 15))
    values = rng.normal(1.0, 2.0, size=n)
    beta = float(rng.uniform(0.6, 0.95))
    shown = f"{short(beta)}"
    # The exercise promises a list of numbers: an answer written for one (`if not values`,
    # `values + [...]`) must work, so the values go in as a list of floats, not as an array.
    try:
        result = call(name, debiased_averages, values.tolist(), beta)
    except CheckFailed as failed:
        if "ZeroDivisionError" in str(failed):  # 1 - beta**0 = 0: k counted from 0
            raise CheckFailed(f"{name} divided by 1 - beta**0 = 0: the first value is k = 1, so its correction "
                              f"is 1 - beta (count with enumerate(values, start=1)).") from None
        raise
    if result is None:
        raise CheckFailed(f"{name}(values, {shown}) returned None: is a `return` missing?")
    try:
        got = np.asarray(result, dtype=float)
    except (TypeError, ValueError):
        got = None
    if got is None or got.shape != (n,):
        raise CheckFailed(f"{name}: wrong shape: for {n} values return {n} averages (one after each value), got "
                          f"{type(result).__name__} {short(result)}")
    m, raw = 0.0, []
    for value in values:
        m = beta * m + (1 - beta) * value
        raw.append(m)
    raw, k = np.array(raw), np.arange(1, n + 1)
    conclude(
        name, "right on a random sequence and beta", got, raw / (1 - beta**k),
        [
            Mistake("those are the raw averages m_k: divide the k-th by 1 - beta**k.", raw),
            Mistake("the correction after k values is 1 - beta**k, with k = 1 for the first value; yours is off "
                    "by one.", raw / (1 - beta ** (k + 1))),
            Mistake("the correction depends on k: divide m_k by 1 - beta**k, not by 1 - beta.", raw / (1 - beta)),
            Mistake("that is the plain running mean of the values: an exponential average weighs recent values "
                    "more (m = beta * m + (1 - beta) * value).", np.cumsum(values) / k),
            Mistake("the weights are swapped: m = beta * m + (1 - beta) * value.", _swapped_average(values, beta)),
        ],
        rtol=1e-9, atol=1e-12, seed=seed,
        fallback="the values are not the bias-corrected exponential moving averages m_k / (1 - beta**k)",
    )


def _swapped_average(values: np.ndarray, beta: float) -> np.ndarray:
    m, out = 0.0, []
    for k, value in enumerate(values, start=1):
        m = (1 - beta) * m + beta * value
        out.append(m / (1 - (1 - beta) ** k))
    return np.array(out)


def check_warmup_cosine(warmup_cosine: Callable, *, seed: int | None = None) -> None:
    """Exercise 11.3: warmup_cosine(k, eta0, n_steps, warmup, eta_min) is the cosine schedule after warm-up.

    eta0 (k + 1) / W for k < W; eta_min + (eta0 - eta_min) (1 + cos(pi (k - W) / (K - W))) / 2
    for W <= k <= K; eta_min after K (K = n_steps, W = warmup), as gdutils.schedules.cosine_schedule.
    """
    name, rng, seed = start_check("warmup_cosine", warmup_cosine, seed)
    K = int(rng.integers(40, 200))
    W = int(rng.integers(3, K // 4))
    eta0 = float(rng.uniform(0.05, 1.0))
    low = float(rng.uniform(0.0, 0.2)) * eta0
    ks = np.concatenate([[0, W - 1, W, K, K + 5], rng.integers(0, K, size=15)])
    got = evaluate(name, warmup_cosine, [(int(k), eta0, K, W, low) for k in ks])

    def cosine(phase):
        return low + (eta0 - low) * (1 + np.cos(np.pi * np.clip(phase, 0.0, 1.0))) / 2

    warm = eta0 * (ks + 1) / W
    expected = np.where(ks < W, warm, cosine((ks - W) / (K - W)))
    conclude(
        name, "right at 20 steps of a random schedule", got, expected,
        [
            Mistake("the warm-up rises as eta0 * (k + 1) / W, so that step 0 already moves (eta0 / W) and step "
                    "W - 1 reaches eta0; yours starts at 0.", np.where(ks < W, eta0 * ks / W, expected)),
            Mistake("the warm-up reaches eta0 at step W - 1: eta0 * (k + 1) / W, not / (W + 1).",
                    np.where(ks < W, eta0 * (ks + 1) / (W + 1), expected)),
            Mistake("the cosine starts when the warm-up ends: its phase is (k - W) / (K - W), not k / K.",
                    np.where(ks < W, warm, cosine(ks / K))),
            Mistake("the cosine runs over the K - W steps after the warm-up: (k - W) / (K - W), not (k - W) / K.",
                    np.where(ks < W, warm, cosine((ks - W) / K))),
            Mistake("the cosine ends at eta_min: eta_min + (eta0 - eta_min) * (1 + cos(...)) / 2.",
                    np.where(ks < W, warm, eta0 * (1 + np.cos(np.pi * np.clip((ks - W) / (K - W), 0, 1))) / 2)),
            Mistake("after n_steps the rate stays at eta_min (the cosine would climb back up).",
                    np.where(ks < W, warm, low + (eta0 - low) * (1 + np.cos(np.pi * (ks - W) / (K - W))) / 2)),
            Mistake("(1 + cos) goes from 2 to 0: divide it by 2.",
                    np.where(ks < W, warm, low + (eta0 - low) * (1 + np.cos(np.pi * np.clip((ks - W) / (K - W), 0,
                                                                                          1))))),
        ],
        rtol=1e-9, atol=1e-12, seed=seed,
        fallback="the rate is not a linear warm-up over W steps followed by a cosine from eta0 to eta_min",
    )
