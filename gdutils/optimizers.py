"""Optimizers: how gradient descent turns a gradient into a step (chapter 1; step rules chapter 5).

Shaped like ``torch.optim`` and ``optax``: an optimizer is an object that holds its
hyperparameters and its state, and computes one update from a gradient. The loop
that calls it (``gradient_descent``, ``fit_linear``) is not its business. Each step
the loop asks ``eta, d, value = opt.update(x, g, k, fx)`` and moves to

    x_new = x - eta * d

where ``d`` is the direction (the gradient itself for plain gradient descent).

- :class:`GradientDescent` is the plain update x <- x - eta_k g, with a learning
  rate that is a number or a schedule k -> eta_k (chapter 1; schedules chapter 5);
- the line searches of chapter 5 (``step_size.ExactQuadraticLineSearch``,
  ``NumericalLineSearch``, ``Backtracking``) choose eta along -g;
- optimizers with state keep it on the object, created in :meth:`Optimizer.start`,
  as torch.optim keeps its ``state`` per parameter: :class:`Momentum`, the heavy
  ball and Nesterov's variant (chapter 10); the adaptive optimizers ``AdaGrad``,
  ``RMSProp``, ``Adam`` and ``AdamW`` (chapter 11, in ``gdutils.adaptive``,
  re-exported here), whose step is per coordinate, so they override
  :meth:`Optimizer.move`.

A learning rate is normalised in one place, :func:`as_schedule`, and whatever a
loop is given as its learning rate becomes an optimizer in one place, :func:`as_optimizer`.

A new optimizer subclasses :class:`Optimizer`, creates its state in ``start`` and
follows torch.optim's order of operations in ``update``, so that the same
hyperparameters give the same iterates as torch. Momentum, for example, is
torch.optim.SGD's ``buf = g`` at the first step, then ``buf = momentum * buf + g``,
and ``d = g + momentum * buf`` with Nesterov, else ``d = buf``; ``update`` returns
``(learning_rate(k), d, None)``. ``fit_linear`` calls ``apply``, which by default
scales the gradient and calls ``update``: a new optimizer needs nothing more.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from . import validation as v


class Evaluations:
    """f and grad of one run, each evaluation counted here and nowhere else (chapter 5).

    ``n_f`` counts calls of f (including those of a line search), ``n_grad`` calls of
    grad plus other work charged in gradients (:meth:`charge_gradient`).
    """

    def __init__(self, grad: Callable | None, f: Callable | None) -> None:
        self.grad, self.f = grad, f
        self.n_f = self.n_grad = 0

    def value(self, x: np.ndarray) -> float:
        """f(x) as a float (inf or nan allowed: the caller decides)."""
        self.n_f += 1
        return v.real_result("f", self.f(v.user_point(x)))

    def gradient(self, x: np.ndarray, k: int) -> np.ndarray:
        """grad(x) as a float64 array shaped like x, or a clear error naming step k."""
        self.n_grad += 1
        raw = self.grad(float(x) if x.ndim == 0 else x.copy())  # a copy: grad may write into it
        if type(raw) is np.ndarray and raw.dtype == np.float64 and raw.shape == x.shape:
            return raw  # the common case, checked cheaply
        return gradient_output(raw, x.shape, k)

    def charge_gradient(self, count: int = 1) -> None:
        """Count work that costs what a gradient evaluation does (a product A g)."""
        self.n_grad += count


def gradient_output(raw: Any, shape: tuple[int, ...], k: int) -> np.ndarray:
    """What a reader's grad returned, as a float64 array of the given shape, or a clear error (chapter 1)."""
    problem = v.real_result_problem(raw, shape)  # the one test of a reader's result
    if problem == "none":
        raise TypeError(f"grad returned None at step {k}: is a `return` missing?")
    if problem in ("bool", "not real"):
        what = "complex " if np.iscomplexobj(raw) else ""
        raise TypeError(f"grad must return real numbers, got {what}{v.show(raw)} at step {k}")
    if problem == "shape":
        want = "a single number" if shape == () else f"an array of shape {shape}"
        raise ValueError(f"grad must return {want} (the shape of x0), got shape {np.shape(raw)} at step {k}")
    return np.asarray(raw, dtype=np.float64)


class NoAcceptableStep(Exception):
    """A line search found no acceptable step; ``n_f_evals`` trials were made (chapter 5).

    ``reason`` says what the search tried and why it stopped, in words that follow
    "the <search> ...", e.g. "found no step with sufficient decrease in 61 trials, ...".
    """

    def __init__(self, n_f_evals: int, reason: str = "") -> None:
        self.reason = reason or f"found no acceptable step in {n_f_evals} trials"
        super().__init__(self.reason)
        self.n_f_evals = n_f_evals


class Stationary(Exception):
    """The gradient is exactly zero: a line search has no ray to search along (chapter 5).

    A run that meets it stops as converged: x is a stationary point of f, which need
    not be a minimum (a saddle or a maximum stops the run too).
    """


class Optimizer:
    """Base class: hyperparameters and state, and one update from a gradient (chapter 1).

    Subclasses implement :meth:`update`; those with state (a velocity, moment
    estimates, a step count) create it in :meth:`start`, which every run calls
    first, so one object can serve several runs. ``needs_f`` says whether the
    optimizer evaluates f (a line search does).
    """

    needs_f: bool = False

    def start(self, x0: np.ndarray, evals: Evaluations | None) -> None:
        """Prepare a run from x0 (reset the state); ``evals`` evaluates and counts f and grad."""
        self.evals = evals

    def update(self, x: np.ndarray, g: np.ndarray, k: int,
               fx: float | None) -> tuple[float, np.ndarray, float | None]:
        """(eta, d, value) for step k at x with gradient g and f(x) = fx (None when f is unknown).

        The loop moves to ``x - eta * d``; ``value`` is f there when the optimizer
        evaluated it (a line search does), else None. Raises :class:`~gdutils.optimizers.NoAcceptableStep`
        when no step can be taken.
        """
        raise NotImplementedError

    def move(self, x: np.ndarray, g: np.ndarray, k: int,
             fx: float | None) -> tuple[float, np.ndarray, float | None]:
        """(eta, x_new, value): the point that step k moves to from x, a new array (chapter 11).

        ``gradient_descent`` calls this. By default it is ``x - eta * d`` with
        ``(eta, d, value)`` from :meth:`update`; an optimizer whose step is not one
        number times a direction (Adam's is per coordinate) overrides it, so that
        x_new is rounded as torch rounds it.
        """
        eta, d, value = self.update(x, g, k, fx)
        return eta, x - eta * d, value

    def apply(self, x: np.ndarray, g: np.ndarray, k: int, times: float = 1.0, over: float = 1.0,
              fx: float | None = None) -> None:
        """Update x in place for the gradient ``g * times / over`` (g may be overwritten), as torch's ``step()``.

        ``fit_linear`` calls this with the unscaled sum A_b^T r and the factor 2 / b.
        """
        g *= times / over
        eta, d, _ = self.update(x, g, k, fx)
        x -= eta * d

    def blame(self, eta: float, k: int) -> str:
        """What to say when step k, of size eta, blew up."""
        return f"the step {eta:g} chosen by the {self} is too large"


@dataclass(frozen=True)
class Constant:
    """The schedule eta_k = eta for every k: a fixed learning rate (chapter 1)."""

    eta: float

    def __call__(self, k: int) -> float:
        return self.eta

    def __str__(self) -> str:
        return f"eta_k = {self.eta:g}"


def as_schedule(learning_rate: float | Callable[[int], float], name: str = "learning_rate") -> Callable[[int], float]:
    """A learning rate as a schedule k -> eta_k: a number becomes :class:`Constant` (chapters 1 and 5).

    A schedule's values are checked when it is used, by ``validation.schedule_value``.
    """
    if callable(learning_rate):
        return learning_rate
    return Constant(v.positive_scalar(name, learning_rate))


class GradientDescent(Optimizer):
    """Plain gradient descent: x <- x - eta_k g (chapter 1; schedules chapter 5).

    ``learning_rate`` is a positive number or a schedule, a function k -> eta_k of the
    step number k = 0, 1, ... (such as ``step_size.decaying_learning_rate``). Like
    ``torch.optim.SGD`` with no momentum::

        eta = learning_rate(k)
        x = x - eta * g
    """

    def __init__(self, learning_rate: float | Callable[[int], float]) -> None:
        self.schedule = as_schedule(learning_rate)
        self.rate = self.schedule.eta if isinstance(self.schedule, Constant) else None

    def update(self, x, g, k, fx):
        eta = self.rate if self.rate is not None else v.schedule_value(self.schedule, k)
        return eta, g, None

    def learning_rate(self, k: int) -> float:
        """eta_k, the learning rate of step k."""
        return self.rate if self.rate is not None else v.schedule_value(self.schedule, k)

    def apply(self, x, g, k, times=1.0, over=1.0, fx=None) -> None:
        eta = self.rate if self.rate is not None else v.schedule_value(self.schedule, k)
        g *= eta * times / over  # one scalar factor, eta * 2 / b, as chapter 6 writes it
        x -= g

    def blame(self, eta: float, k: int) -> str:
        if self.rate is not None:
            return f"the learning rate {eta:g} is too large"
        return f"the learning rate {eta:g} (the schedule's value at step {k}) is too large"

    def __repr__(self) -> str:
        return f"GradientDescent({self.rate if self.rate is not None else self.schedule!r})"


def as_optimizer(learning_rate: Any) -> Optimizer:
    """What a loop was given as its learning rate, as an Optimizer (chapter 5).

    An Optimizer (a line search, or a stateful optimizer of later chapters) is used
    as it is; a number or a schedule becomes :class:`GradientDescent`.
    """
    if isinstance(learning_rate, type) and issubclass(learning_rate, Optimizer):
        name = learning_rate.__name__
        raise TypeError(f"learning_rate must be an optimizer or line search object such as {name}(), "
                        f"not the class {name} itself")
    if isinstance(learning_rate, Optimizer):
        return learning_rate
    return GradientDescent(learning_rate)


class Momentum(Optimizer):
    """Gradient descent with momentum, heavy ball or Nesterov, as torch.optim.SGD (chapter 10).

    ``Momentum(learning_rate, momentum=0.9, nesterov=False)`` is
    ``torch.optim.SGD(params, lr=learning_rate, momentum=momentum, nesterov=nesterov)``
    (dampening 0, no weight decay), with the same order of operations, so the same
    hyperparameters give the same iterates. At step k, with gradient g::

        eta = learning_rate(k)            # a number, or a schedule k -> eta_k
        if k == 0:  buf = g               # the first step is a plain gradient step
        else:       buf = momentum * buf + g
        d = g + momentum * buf if nesterov else buf
        x = x - eta * d

    Written out, the heavy ball is x_{k+1} = x_k - eta g_k + momentum (x_k - x_{k-1})
    for a constant eta. The buffer ``buf`` is a sum of gradients, not a step: eta
    multiplies it, as in torch (the other common form, v <- beta v - eta g,
    x <- x + v, moves the same way only while eta is constant).

    ``learning_rate`` is a positive number or a schedule; ``momentum`` (beta) lies in
    [0, 1) (0 is plain gradient descent); ``nesterov`` is True or False, and True needs
    a momentum above 0 (torch refuses it too: "Nesterov momentum requires a momentum and
    zero dampening"). The state
    (``buf``) is reset at the start of every run, so one object can serve several runs.
    """

    def __init__(self, learning_rate: float | Callable[[int], float], momentum: float = 0.9,
                 nesterov: bool = False) -> None:
        self.schedule = as_schedule(learning_rate)
        self.rate = self.schedule.eta if isinstance(self.schedule, Constant) else None
        beta = v.real_scalar("momentum", momentum)
        if not 0.0 <= beta < 1.0:
            raise ValueError(f"momentum must lie in [0, 1) (0 is plain gradient descent; 1 or more never "
                             f"forgets a gradient and does not converge), got {momentum!r}")
        if not isinstance(nesterov, (bool, np.bool_)):
            raise TypeError(f"nesterov must be True or False, got {v.show(nesterov)}")
        if nesterov and beta == 0.0:
            raise ValueError("Nesterov momentum requires a momentum above 0 (as in torch.optim.SGD, which refuses "
                             "nesterov=True with momentum=0); for plain gradient descent use nesterov=False")
        self.momentum, self.nesterov = beta, bool(nesterov)
        self.buf: np.ndarray | None = None

    def start(self, x0: np.ndarray, evals: Evaluations | None) -> None:
        super().start(x0, evals)
        self.buf = None

    def update(self, x, g, k, fx):
        eta = self.rate if self.rate is not None else v.schedule_value(self.schedule, k)
        if self.buf is None:
            self.buf = np.array(g, dtype=np.float64)  # a copy: g may be overwritten by the caller
        else:
            self.buf *= self.momentum
            self.buf += g
        d = g + self.momentum * self.buf if self.nesterov else self.buf
        return eta, d, None

    def learning_rate(self, k: int) -> float:
        """eta_k, the learning rate of step k."""
        return self.rate if self.rate is not None else v.schedule_value(self.schedule, k)

    def blame(self, eta: float, k: int) -> str:
        what = "Nesterov momentum" if self.nesterov else "momentum"
        at = "" if self.rate is not None else f" (the schedule's value at step {k})"
        return f"the learning rate {eta:g}{at} is too large for {what} {self.momentum:g}"

    def __repr__(self) -> str:
        rate = self.rate if self.rate is not None else self.schedule
        return f"Momentum({rate!r}, momentum={self.momentum!r}, nesterov={self.nesterov})"


# The adaptive optimizers of chapter 11 live in their own module (one concept per module)
# and are re-exported here: ``from gdutils.optimizers import Adam`` works.
from .adaptive import AdaGrad, Adam, AdamW, RMSProp  # noqa: E402  (needs Optimizer, defined above)

