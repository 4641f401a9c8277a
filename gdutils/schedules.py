"""Learning-rate schedules: plain functions of the step k = 0, 1, 2, ... (chapter 11).

Each builder validates its arguments and returns a schedule, a callable ``k -> eta_k``
that any optimizer accepts as its ``learning_rate`` (``GradientDescent``, ``Momentum``,
``Adam``, ...). Called with a whole number k >= 0 it returns a float; called with an
integer array of them (for a plot) it returns an array. The formulas, with eta0 the
largest rate:

- :func:`step_decay`: eta_k = eta0 * gamma ** (k // every) (``torch.optim.lr_scheduler.StepLR``);
- :func:`exponential_decay`: eta_k = eta0 * gamma ** k (``ExponentialLR``);
- :func:`cosine_schedule`: over K = n_steps steps,
  eta_k = eta_min + (eta0 - eta_min) (1 + cos(pi k / K)) / 2 for k <= K, and eta_min
  after (``CosineAnnealingLR`` for k <= K); with ``warmup=W`` the first W steps
  rise linearly, eta_k = eta0 (k + 1) / W, and the cosine runs over the K - W steps
  after them, (k - W) / (K - W) in place of k / K (torch's ``LinearLR`` with
  start_factor 1/W over W - 1 steps, then ``CosineAnnealingLR``, in ``SequentialLR``);
- :func:`exponential_ramp`: eta_k rising geometrically from ``low`` at k = 0 to
  ``high`` at k = n_steps - 1, the ramp of a learning-rate range test.

Chapter 5's eta0 / (1 + k / tau) is ``step_size.decaying_learning_rate``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from . import validation as v


def steps_arg(k: int | np.ndarray) -> int | np.ndarray:
    """k as a whole number >= 0, or an integer array of them (chapter 11)."""
    if isinstance(k, np.ndarray):
        if not np.issubdtype(k.dtype, np.integer) or np.any(k < 0):
            raise ValueError(f"k must hold whole numbers >= 0, got {v.show(k)}")
        return k
    return v.non_negative_int("k", k)


def factor(name: str, value: float) -> float:
    """A decay factor strictly between 0 and 1 (chapter 11)."""
    return v.open_unit(name, value, "the factor that multiplies the learning rate")


@dataclass(frozen=True)
class StepDecay:
    """eta_k = eta0 * gamma ** (k // every); build it with :func:`step_decay` (chapter 11)."""

    eta0: float
    gamma: float
    every: int

    def __call__(self, k: int | np.ndarray) -> float | np.ndarray:
        k = steps_arg(k)
        return self.eta0 * self.gamma ** (k // self.every)

    def __str__(self) -> str:
        return f"eta_k = {self.eta0:g} * {self.gamma:g} ** (k // {self.every})"


def step_decay(eta0: float, gamma: float, every: int) -> StepDecay:
    """Multiply the rate by ``gamma`` (in (0, 1)) every ``every`` steps, from eta0 (chapter 11)."""
    return StepDecay(v.positive_scalar("eta0", eta0), factor("gamma", gamma), v.positive_int("every", every))


@dataclass(frozen=True)
class ExponentialDecay:
    """eta_k = eta0 * gamma ** k; build it with :func:`exponential_decay` (chapter 11)."""

    eta0: float
    gamma: float

    def __call__(self, k: int | np.ndarray) -> float | np.ndarray:
        k = steps_arg(k)
        return self.eta0 * self.gamma ** k

    def __str__(self) -> str:
        return f"eta_k = {self.eta0:g} * {self.gamma:g} ** k"


def exponential_decay(eta0: float, gamma: float) -> ExponentialDecay:
    """Multiply the rate by ``gamma`` (in (0, 1)) at every step, from eta0 (chapter 11)."""
    return ExponentialDecay(v.positive_scalar("eta0", eta0), factor("gamma", gamma))


@dataclass(frozen=True)
class CosineSchedule:
    """Cosine decay from eta0 to eta_min over n_steps steps, after ``warmup`` steps of linear
    warm-up; build it with :func:`cosine_schedule` (chapter 11)."""

    eta0: float
    n_steps: int
    eta_min: float
    warmup: int

    def __call__(self, k: int | np.ndarray) -> float | np.ndarray:
        k = steps_arg(k)
        span = self.n_steps - self.warmup
        if not isinstance(k, np.ndarray):  # math.cos: the C library's, whatever numpy's SIMD loops
            if k < self.warmup:
                return self.eta0 * (k + 1) / self.warmup
            phase = min(k - self.warmup, span) / span
            return self.eta_min + (self.eta0 - self.eta_min) * (1 + math.cos(math.pi * phase)) / 2
        phase = np.minimum(np.maximum(k - self.warmup, 0), span) / span
        cosine = self.eta_min + (self.eta0 - self.eta_min) * (1 + np.cos(np.pi * phase)) / 2
        if not self.warmup:
            return cosine
        return np.where(k < self.warmup, self.eta0 * (k + 1) / self.warmup, cosine)

    def __str__(self) -> str:
        text = f"cosine from {self.eta0:g} to {self.eta_min:g} over {self.n_steps} steps"
        return text + (f" after {self.warmup} steps of linear warm-up" if self.warmup else "")


def cosine_schedule(eta0: float, n_steps: int, eta_min: float = 0.0, warmup: int = 0) -> CosineSchedule:
    """eta_k = eta_min + (eta0 - eta_min) (1 + cos(pi k / K)) / 2, K = n_steps (chapter 11).

    With ``warmup = W`` (0 <= W < n_steps) the first W steps rise as eta0 (k + 1) / W and
    the cosine runs from k = W to k = n_steps. After n_steps the rate stays at
    ``eta_min`` (0 <= eta_min < eta0); a run longer than n_steps with eta_min = 0 stops
    with an error at that step, as every schedule that returns 0 does.
    """
    eta0 = v.positive_scalar("eta0", eta0)
    n_steps = v.positive_int("n_steps", n_steps)
    eta_min = v.non_negative_scalar("eta_min", eta_min)
    if not eta_min < eta0:
        raise ValueError(f"eta_min must be smaller than eta0 = {eta0!r}, got {eta_min!r}")
    warmup = v.non_negative_int("warmup", warmup)
    if not warmup < n_steps:
        raise ValueError(f"warmup must be smaller than n_steps = {n_steps} (the cosine needs at least "
                         f"one step), got {warmup}")
    return CosineSchedule(eta0, n_steps, eta_min, warmup)


@dataclass(frozen=True)
class ExponentialRamp:
    """eta_k = low * (high / low) ** (k / (n_steps - 1)); build it with :func:`exponential_ramp` (chapter 11)."""

    low: float
    high: float
    n_steps: int

    def __call__(self, k: int | np.ndarray) -> float | np.ndarray:
        k = steps_arg(k)
        return self.low * (self.high / self.low) ** (k / (self.n_steps - 1))

    def __str__(self) -> str:
        return f"from {self.low:g} to {self.high:g} geometrically over {self.n_steps} steps"


def exponential_ramp(low: float, high: float, n_steps: int) -> ExponentialRamp:
    """A rate rising geometrically from ``low`` (k = 0) to ``high`` (k = n_steps - 1): the ramp of
    a learning-rate range test, which runs once with it and reads the loss against eta_k (chapter 11)."""
    low, high = v.positive_scalar("low", low), v.positive_scalar("high", high)
    if not low < high:
        raise ValueError(f"high must be larger than low = {low!r}, got {high!r}")
    n_steps = v.positive_int("n_steps", n_steps)
    if n_steps < 2:
        raise ValueError(f"n_steps must be at least 2 (the ramp needs two ends), got {n_steps}")
    return ExponentialRamp(low, high, n_steps)

