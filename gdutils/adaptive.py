"""Adaptive optimizers: AdaGrad, RMSProp, Adam and AdamW, as torch.optim (chapter 11).

Each coordinate gets its own step: the gradient is divided, coordinate by coordinate,
by the square root of a running sum or average of squared gradients. The classes are
re-exported by ``gdutils.optimizers``; each follows the single-tensor CPU update of
the torch.optim class of the same name (torch 2.13) to the order of operations, so the
same hyperparameters give the same iterates (tests/test_adaptive_torch.py compares
them with torch's own trajectories). Writing ``s``, ``m`` for the state, ``t`` for the
number of steps made so far (1 at the first step), ``eta`` for the learning rate of
the step and ``g`` for the gradient, every operation rounded once, in this order:

- AdaGrad (``torch.optim.Adagrad``, lr_decay 0)::

      s = s + g * g
      x = x - (eta * g) / (sqrt(s) + eps)

- RMSProp (``torch.optim.RMSprop``, no momentum, not centred)::

      s = alpha * s + ((1 - alpha) * g) * g
      x = x - (eta * g) / (sqrt(s) + eps)

- Adam (``torch.optim.Adam``)::

      m = m + (1 - beta1) * (g - m)       # m.lerp_(g, 1 - beta1)
      s = beta2 * s + ((1 - beta2) * g) * g
      c1 = 1 - beta1 ** t                 # bias corrections,
      c2 = 1 - beta2 ** t                 # Python floats
      denom = sqrt(s) / sqrt(c2) + eps    # eps outside the root
      x = x - ((eta / c1) * m) / denom

  torch computes ``beta ** t`` and ``c2 ** 0.5`` with the C library's ``pow``, which is not
  correctly rounded in every case, nor in the same cases on every machine; a bit of
  difference there can send a run on Rosenbrock, or a two-cycle, elsewhere. Here
  ``beta ** t`` is kept to about 100 bits (a double-double product, one factor per step,
  :func:`times_double`) and rounded once, and ``sqrt(c2)`` is IEEE's correctly rounded
  square root: basic operations only, so every machine (and the book's live explorers,
  in JavaScript) gets the same bits.

  With ``amsgrad=True`` the running maximum of s replaces s in ``denom``.
- AdamW (``torch.optim.AdamW``): first ``x = x * (1 - eta * weight_decay)``, then
  Adam's step. The decay is applied to x, not added to the gradient (that would be an
  L2 term, which Adam divides by sqrt(s) like the rest of the gradient).

The state is created in ``start`` (every run starts afresh) and updated in place:
a step allocates no array except, in ``gradient_descent``, the new point itself.
Torch's ``lerp_`` and ``addcmul_`` fuse a multiplication and an addition (one
rounding instead of two), and its float64 square root is not always correctly
rounded; numpy does neither, so the iterates agree with torch's to rounding (about
1e-15 relative), not bit for bit.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np

from . import validation as v
from .optimizers import Constant, Evaluations, Optimizer, as_schedule


def beta_value(name: str, value: float, meaning: str) -> float:
    """A decay rate in [0, 1), as a float, or a clear error (chapter 11)."""
    beta = v.real_scalar(name, value)
    if not 0.0 <= beta < 1.0:
        raise ValueError(f"{name} must lie in [0, 1) ({meaning}), got {value!r}")
    return beta


class Adaptive(Optimizer):
    """What the adaptive optimizers share: a learning rate or schedule, eps, a step count (chapter 11).

    Subclasses create their state arrays in :meth:`reset` and take one step, in place,
    in :meth:`advance`. ``move`` (used by ``gradient_descent``) steps a copy of x;
    ``apply`` (used by ``fit_linear``) steps x itself; ``update`` returns
    ``(eta, d, None)`` with ``d = (x - x_new) / eta``, for callers that want a direction.
    """

    name = "an adaptive optimizer"

    def __init__(self, learning_rate: float | Callable[[int], float], eps: float) -> None:
        self.schedule = as_schedule(learning_rate)
        self.rate = self.schedule.eta if isinstance(self.schedule, Constant) else None
        self.eps = v.positive_scalar("eps", eps)
        self.steps = 0

    def start(self, x0: np.ndarray, evals: Evaluations | None) -> None:
        super().start(x0, evals)
        self.steps = 0
        self.delta = np.zeros(np.shape(x0))  # the step, x_k - x_{k+1}
        self.work = np.zeros(np.shape(x0))  # scratch: a product, then the denominator
        self.reset(np.shape(x0))

    def reset(self, shape: tuple[int, ...]) -> None:
        """Create the state arrays for parameters of this shape."""
        raise NotImplementedError

    def advance(self, x: np.ndarray, g: np.ndarray, eta: float) -> None:
        """One step from x, in place, with gradient g (left unchanged) and learning rate eta."""
        raise NotImplementedError

    def learning_rate(self, k: int) -> float:
        """eta_k, the learning rate of step k."""
        return self.rate if self.rate is not None else v.schedule_value(self.schedule, k)

    def move(self, x, g, k, fx):
        eta = self.learning_rate(k)
        x_new = np.array(x, dtype=np.float64)  # a copy: gradient_descent keeps x in its path
        self.advance(x_new, g, eta)
        return eta, x_new, None

    def update(self, x, g, k, fx):
        eta, x_new, _ = self.move(x, g, k, fx)
        return eta, (x - x_new) / eta, None

    def apply(self, x, g, k, times=1.0, over=1.0, fx=None) -> None:
        if times != over:  # (g * 1.0 is g: skip a pass over memory)
            g *= times / over
        self.advance(x, g, self.learning_rate(k))

    def divide_step(self, x: np.ndarray, g_or_m: np.ndarray, size: float, denom: np.ndarray) -> None:
        """x = x - (size * g_or_m) / denom, in place, rounded as torch's ``addcdiv_``."""
        np.multiply(g_or_m, size, out=self.delta)
        self.delta /= denom
        x -= self.delta

    def blame(self, eta: float, k: int) -> str:
        at = "" if self.rate is not None else f" (the schedule's value at step {k})"
        return f"the learning rate {eta:g}{at} is too large for {self.name}"

    def rate_repr(self) -> str:
        return repr(self.rate if self.rate is not None else self.schedule)


class AdaGrad(Adaptive):
    """AdaGrad, as ``torch.optim.Adagrad(params, lr=learning_rate, eps=eps)`` (chapter 11).

    The sum of squared gradients s grows for ever, so each coordinate's step
    eta g / (sqrt(s) + eps) shrinks like 1/sqrt(t) under a steady gradient.
    """

    name = "AdaGrad"

    def __init__(self, learning_rate: float | Callable[[int], float], eps: float = 1e-10) -> None:
        super().__init__(learning_rate, eps)

    def reset(self, shape):
        self.sum = np.zeros(shape)

    def advance(self, x, g, eta):
        self.steps += 1
        np.multiply(g, g, out=self.work)
        self.sum += self.work
        np.sqrt(self.sum, out=self.work)
        self.work += self.eps
        self.divide_step(x, g, eta, self.work)

    def __repr__(self) -> str:
        return f"AdaGrad({self.rate_repr()}, eps={self.eps!r})"


class RMSProp(Adaptive):
    """RMSProp, as ``torch.optim.RMSprop(params, lr=learning_rate, alpha=alpha, eps=eps)`` (chapter 11).

    s is an exponential moving average of squared gradients (alpha in [0, 1) is how
    much of it each step keeps), so the step eta g / (sqrt(s) + eps) does not shrink
    for ever as AdaGrad's does.
    """

    name = "RMSProp"

    def __init__(self, learning_rate: float | Callable[[int], float], alpha: float = 0.99,
                 eps: float = 1e-8) -> None:
        super().__init__(learning_rate, eps)
        self.alpha = beta_value("alpha", alpha, "the share of the average of squared gradients kept each step")

    def reset(self, shape):
        self.square_avg = np.zeros(shape)

    def advance(self, x, g, eta):
        self.steps += 1
        self.square_avg *= self.alpha
        np.multiply(g, 1.0 - self.alpha, out=self.work)
        self.work *= g
        self.square_avg += self.work
        np.sqrt(self.square_avg, out=self.work)
        self.work += self.eps
        self.divide_step(x, g, eta, self.work)

    def __repr__(self) -> str:
        return f"RMSProp({self.rate_repr()}, alpha={self.alpha!r}, eps={self.eps!r})"


def two_product(a: float, b: float) -> tuple[float, float]:
    """a * b = hi + lo exactly, with float64 operations only (Dekker, Veltkamp; chapter 11)."""
    hi, split = a * b, 134217729.0  # 2 ** 27 + 1
    a1, b1 = a * split, b * split
    ah, bh = a1 - (a1 - a), b1 - (b1 - b)
    al, bl = a - ah, b - bh
    return hi, ((ah * bh - hi) + ah * bl + al * bh) + al * bl


def times_double(u: tuple[float, float], b: float) -> tuple[float, float]:
    """The double-double u = hi + lo times the float b, as a double-double (chapter 11)."""
    p_hi, p_lo = two_product(u[0], b)
    lo = p_lo + u[1] * b
    hi = p_hi + lo
    return hi, lo - (hi - p_hi)


class Adam(Adaptive):
    """Adam, as ``torch.optim.Adam(params, lr=learning_rate, betas=(beta1, beta2), eps=eps)`` (chapter 11).

    m and s are exponential moving averages of the gradient and of its square, both
    started at 0 and so biased towards 0; dividing by 1 - beta ** t removes the bias
    (the module's docstring gives the update). ``amsgrad=True`` divides by the running
    maximum of s instead (Reddi, Kale and Kumar, 2018), as torch's ``amsgrad=True``.
    """

    name = "Adam"

    def __init__(self, learning_rate: float | Callable[[int], float] = 1e-3, beta1: float = 0.9,
                 beta2: float = 0.999, eps: float = 1e-8, *, amsgrad: bool = False) -> None:
        super().__init__(learning_rate, eps)
        self.beta1 = beta_value("beta1", beta1, "the share of the average gradient kept each step")
        self.beta2 = beta_value("beta2", beta2, "the share of the average squared gradient kept each step")
        if not isinstance(amsgrad, (bool, np.bool_)):
            raise TypeError(f"amsgrad must be True or False, got {v.show(amsgrad)}")
        self.amsgrad = bool(amsgrad)
        self.weight_decay = 0.0

    def reset(self, shape):
        self.exp_avg = np.zeros(shape)
        self.exp_avg_sq = np.zeros(shape)
        self.max_exp_avg_sq = np.zeros(shape) if self.amsgrad else None
        self.powers = ((1.0, 0.0), (1.0, 0.0))  # beta1 ** t and beta2 ** t, as double-doubles

    def advance(self, x, g, eta):
        self.steps += 1
        t, m, s, work = float(self.steps), self.exp_avg, self.exp_avg_sq, self.work
        if self.weight_decay != 0.0:
            x *= 1.0 - eta * self.weight_decay  # AdamW's decoupled decay, before the step
        np.subtract(g, m, out=work)  # m = m + (1 - beta1) (g - m), torch's lerp_
        work *= 1.0 - self.beta1
        m += work
        s *= self.beta2
        np.multiply(g, 1.0 - self.beta2, out=work)
        work *= g
        s += work
        self.powers = (times_double(self.powers[0], self.beta1), times_double(self.powers[1], self.beta2))
        c1 = 1.0 - (self.powers[0][0] + self.powers[0][1])  # 1 - beta1 ** t
        c2 = 1.0 - (self.powers[1][0] + self.powers[1][1])  # 1 - beta2 ** t
        if self.amsgrad:
            np.maximum(self.max_exp_avg_sq, s, out=self.max_exp_avg_sq)
            s = self.max_exp_avg_sq
        np.sqrt(s, out=work)
        work /= math.sqrt(c2)
        work += self.eps
        self.divide_step(x, m, eta / c1, work)

    def __repr__(self) -> str:
        extra = ", amsgrad=True" if self.amsgrad else ""
        return (f"Adam({self.rate_repr()}, beta1={self.beta1!r}, beta2={self.beta2!r}, "
                f"eps={self.eps!r}{extra})")


class AdamW(Adam):
    """AdamW, as ``torch.optim.AdamW(params, lr=learning_rate, betas=(beta1, beta2), eps=eps,
    weight_decay=weight_decay)`` (chapter 11).

    Adam's step after ``x = x * (1 - eta * weight_decay)``: the decay shrinks x by the
    same factor in every coordinate, whatever the gradients have been (Loshchilov and
    Hutter, 2019). ``weight_decay`` is a number >= 0; 0 makes AdamW Adam.
    """

    name = "AdamW"

    def __init__(self, learning_rate: float | Callable[[int], float] = 1e-3, beta1: float = 0.9,
                 beta2: float = 0.999, eps: float = 1e-8, weight_decay: float = 0.01, *,
                 amsgrad: bool = False) -> None:
        super().__init__(learning_rate, beta1, beta2, eps, amsgrad=amsgrad)
        self.weight_decay = v.non_negative_scalar("weight_decay", weight_decay)

    def __repr__(self) -> str:
        extra = ", amsgrad=True" if self.amsgrad else ""
        return (f"AdamW({self.rate_repr()}, beta1={self.beta1!r}, beta2={self.beta2!r}, "
                f"eps={self.eps!r}, weight_decay={self.weight_decay!r}{extra})")
