"""Gradient descent, returning one result object.

Introduced in chapter 1 (Derivatives) for one variable with a fixed learning rate;
the same function runs in any number of dimensions from chapter 3 on, and from
chapter 5 on takes a learning-rate schedule or a line search (see ``step_size``):
whatever it is given becomes an optimizer (``optimizers.as_optimizer``), and its loop
moves to ``x - eta * d`` with the step size and direction that optimizer returns.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

import numpy as np

from . import validation as v
from .optimizers import Evaluations, NoAcceptableStep, Optimizer, Stationary, as_optimizer

PATH_BLOW_UP: float = 1e15
"""A run stops as diverged once |x_k| (the norm) exceeds this factor times max(1, |x_0|) (chapter 1)."""

GROWTH_STEPS: int = 5
"""A run that used its budget is diverging when f rose at each of its last GROWTH_STEPS steps (chapter 1)

and f_K - f_low > GROWTH_FACTOR * (f_0 - f_low), f_low the lowest f of the run: see :func:`growing`.
"""

GROWTH_FACTOR: float = 10.0
"""How far above its lowest point a growing run must end, relative to its start (chapter 1).

A short budget ends long before |x| reaches PATH_BLOW_UP: at eta = 0.12 on
x^2 + 10 y^2, 40 steps take f from 241 to 7.8e13. Such a run is reported as
diverged, though it made every step it was asked for. Both conditions are
needed: a converging run may climb for a few steps (momentum overshoots), but it
does not end ten times further above its lowest point than it started.
"""


class Status(StrEnum):
    """Why a run stopped (chapter 1): compare ``result.status`` with these, not the message's words."""

    CONVERGED = "converged"
    DIVERGED = "diverged"
    BUDGET = "budget"
    CALLBACK = "callback"
    LINE_SEARCH_FAILED = "line search failed"


@dataclass(frozen=True)
class DescentResult:
    """What a run of gradient descent did (chapter 1).

    Attributes:
        x: the final point (a float when the start was a scalar, else a 1-D array).
        path: every point visited, the start included: shape (k+1,) or (k+1, d).
        values: f along the path when f was given, else None.
        n_steps: how many updates were made.
        converged: True when a stopping rule was met: the gradient norm fell to
            ``tol`` or below, a step was no longer than ``step_tol``, or (chapter 5)
            a line search met a gradient that is exactly zero. Each says only that
            x is (close to) a stationary point, which need not be a minimum.
        diverged: True when the run stopped because the iterates blew up.
        message: why the run stopped, in words.
        status: why the run stopped, as a :class:`Status` (a string such as "converged").
        n_grad_evals: how many times the gradient was evaluated, plus (chapter 5) the
            work of a line search counted in gradients: one per step for
            ``ExactQuadraticLineSearch``, whose product A g costs what a gradient does.
        n_f_evals: how many times f was evaluated: once per recorded value, plus the
            trial points of a line search (chapter 5). 0 when f was not given.
        step_sizes: the step size used at each step, shape (n_steps,) (chapter 5);
            None in results not made by ``gradient_descent``.
        cumulative_evals: shape (n_steps+1,): entry k is the number of evaluations of
            f and grad together that the run had made when it reached x_k (chapter 5);
            None in results not made by ``gradient_descent``.
    """

    x: float | np.ndarray
    path: np.ndarray
    values: np.ndarray | None
    n_steps: int
    converged: bool
    diverged: bool
    message: str
    status: str
    n_grad_evals: int
    n_f_evals: int = 0
    step_sizes: np.ndarray | None = None
    cumulative_evals: np.ndarray | None = None




@dataclass(frozen=True)
class _Stop:
    """Why the loop ended: a status, the step k it ended at, and what the message needs."""

    status: Status
    k: int
    detail: str = ""
    eta: float = float("nan")


def gradient_descent(grad: Callable, x0: float | np.ndarray, learning_rate: float | Callable[[int], float] | Optimizer,
                     n_steps: int, *, f: Callable | None = None, tol: float | None = None,
                     callback: Callable | None = None, step_tol: float | None = None) -> DescentResult:
    """Repeat ``x <- x - learning_rate * grad(x)`` from ``x0`` for at most ``n_steps`` steps (chapter 1).

    ``learning_rate`` is a positive number, or (chapter 5) a schedule ``k -> eta_k`` such as
    ``decaying_learning_rate(eta0, tau)``, a line search from ``gdutils.step_size`` (``Backtracking``
    and ``NumericalLineSearch`` need ``f``), or any optimizer from ``gdutils.optimizers``, which
    gives the step size eta and the direction d of the update ``x - eta * d``.

    Stops early when ``tol`` is given and ``||grad(x)|| <= tol``, when ``step_tol`` is given and
    the step just taken is no longer than it (chapter 4), when the iterates blow up (non-finite,
    or past ``PATH_BLOW_UP`` times max(1, |x0|)), when a line search finds no acceptable step or meets
    a zero gradient (converged: a stationary point, not necessarily a minimum), or
    when ``callback(k, x)`` returns True after step k: ``status`` says which, ``message`` says it
    in words. A run that made all its steps but is clearly growing (f given, :func:`growing`) is
    reported as diverged too, with the whole path. ``x0`` is never modified; runs are reproducible bit for bit.
    """
    x, opt, budget, tol, step_tol = _arguments(grad, x0, learning_rate, n_steps, f, tol, callback, step_tol)
    evals = Evaluations(grad, f)
    opt.start(x, evals)
    record = _Record(x, None if f is None else _start_value(evals, x), evals)
    limit = PATH_BLOW_UP * max(1.0, float(np.linalg.norm(x)))
    near_limit = (0.999 * limit) ** 2  # below this |x|^2, x is finite and inside the limit
    k, stop, g_norm, step_len = 0, None, float("nan"), float("nan")
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        while not (k == budget and tol is None):
            g = evals.gradient(x, k)
            if tol is not None or opt.needs_f:  # |g| is needed, or g must be finite, before the step
                g_norm = float(np.linalg.norm(g))
                stop = _gradient_stop(g, g_norm, k, tol, record.etas)
                if stop or k == budget:
                    break
            try:
                eta, x_new, value = opt.move(x, g, k, record.last_value)  # x_new = x - eta * d
            except NoAcceptableStep as failed:
                stop = _Stop(Status.LINE_SEARCH_FAILED, k, failed.reason)
                break
            except Stationary:
                stop = _Stop(Status.CONVERGED, k, "stationary")
                break
            if record.values is not None and value is None:
                value = evals.value(x_new)
            if not float(np.dot(x_new, x_new)) <= near_limit or not math.isfinite(value or 0.0):
                stop = _bad_step(x_new, value, limit, g, k, eta, record.etas)
                if stop:  # keep the finite path; the step that blew up is not counted
                    break
            if step_tol is not None:
                step_len = float(np.linalg.norm(x_new - x))
            x, k = x_new, k + 1
            record.add(x, eta, value)
            asked = callback is not None and callback(k, v.user_point(x))
            if step_tol is not None and step_len <= step_tol:
                stop = _Stop(Status.CONVERGED, k, "step")
                break
            if asked:
                stop = _Stop(Status.CALLBACK, k)
                break
    stop = stop or _budget_stop(k, record.values, record.etas)
    return record.result(stop, _message(stop, opt, budget, tol, step_tol, g_norm, step_len, record.values))


class _Record:
    """What a run records: every point, f there (when f is given), each step size and the evaluations so far."""

    def __init__(self, x0: np.ndarray, f0: float | None, evals: Evaluations) -> None:
        self.path, self.values, self.etas = [x0], None if f0 is None else [f0], []
        self.evals = evals
        self.counts = [evals.n_f + evals.n_grad]
        self.last_value = f0

    def add(self, x: np.ndarray, eta: float, value: float | None) -> None:
        self.path.append(x)
        self.etas.append(eta)
        self.counts.append(self.evals.n_f + self.evals.n_grad)
        if self.values is not None:
            self.values.append(value)
            self.last_value = value

    def result(self, stop: _Stop, message: str) -> DescentResult:
        return DescentResult(
            x=v.user_point(self.path[-1]), path=np.array(self.path),
            values=None if self.values is None else np.array(self.values), n_steps=len(self.path) - 1,
            converged=stop.status == Status.CONVERGED, diverged=stop.status == Status.DIVERGED,
            message=message, status=stop.status, n_grad_evals=self.evals.n_grad, n_f_evals=self.evals.n_f,
            step_sizes=np.array(self.etas), cumulative_evals=np.array(self.counts),
        )


def _gradient_stop(g: np.ndarray, g_norm: float, k: int, tol: float | None, etas: list[float]) -> _Stop | None:
    """The stop at x_k decided by its gradient: non-finite (diverged) or short enough (converged)."""
    if not math.isfinite(g_norm) and not np.all(np.isfinite(g)):
        return _bad_gradient(k, etas)
    if tol is not None and g_norm <= tol:
        return _Stop(Status.CONVERGED, k, "gradient")
    return None


def _arguments(grad, x0, learning_rate, n_steps, f, tol, callback, step_tol) -> tuple:
    """gradient_descent's arguments, validated: (x, optimizer, budget, tol, step_tol)."""
    v.callable_arg("grad", grad)
    x = v.real_point("x0", x0)
    opt = as_optimizer(learning_rate)
    budget = v.non_negative_int("n_steps", n_steps)
    if f is not None:
        v.callable_arg("f", f)
    elif opt.needs_f:
        raise ValueError(f"learning_rate={opt!r} evaluates f along the ray: pass f=... too")
    if callback is not None:
        v.callable_arg("callback", callback)
    tol = None if tol is None else v.non_negative_scalar("tol", tol)
    step_tol = None if step_tol is None else v.non_negative_scalar("step_tol", step_tol)
    return x, opt, budget, tol, step_tol


def _start_value(evals: Evaluations, x: np.ndarray) -> float:
    value = evals.value(x)
    if not np.isfinite(value):
        raise ValueError(f"f must be finite at x0, got f(x0) = {value!r}")
    return value


def _bad_gradient(k: int, etas: list[float]) -> _Stop:
    """The stop for a non-finite gradient at x_k; at x0 it is the caller's mistake."""
    if k == 0:
        raise ValueError("grad must be finite at x0, got a non-finite gradient")
    return _Stop(Status.DIVERGED, k, "the gradient became non-finite", etas[-1])


def _bad_step(x_new: np.ndarray, value: float | None, limit: float, g: np.ndarray, k: int, eta: float,
              etas: list[float]) -> _Stop | None:
    """The stop when step k to x_new blew up, None when it did not (|x_new| just below the limit).

    A non-finite gradient at x_k is reported as such (the loop checks g only through x_new).
    """
    if not np.all(np.isfinite(g)):
        return _bad_gradient(k, etas)
    if not (np.all(np.isfinite(x_new)) and (value is None or np.isfinite(value))):
        return _Stop(Status.DIVERGED, k + 1, "x became non-finite", eta)
    if float(np.linalg.norm(x_new)) > limit:
        return _Stop(Status.DIVERGED, k + 1, f"|x| passed {limit:.3g}", eta)
    return None


def _budget_stop(k: int, values: list[float] | None, etas: list[float]) -> _Stop:
    """The stop of a run that made its k steps: diverged when f is clearly growing, else budget used.

    Needs f: with only the path, a run escaping a plateau looks like one that blows up.
    """
    if values is not None and k >= GROWTH_STEPS and growing(values):
        detail = (f"f rose at each of the last {GROWTH_STEPS} steps, "
                  f"to {values[-1]:.3g} from {values[0]:.3g} at the start")
        return _Stop(Status.DIVERGED, k, detail, etas[-1])
    return _Stop(Status.BUDGET, k)


def growing(values) -> bool:
    """True when f rose at each of the last GROWTH_STEPS steps and ends clearly above its start (chapter 1).

    Clearly above: f_K - f_low > GROWTH_FACTOR * (f_0 - f_low), f_low the lowest value
    along the run. ``values`` is f along the run, the start first.
    """
    if len(values) <= GROWTH_STEPS:
        return False
    last = values[-GROWTH_STEPS - 1:]
    if not all(a < b for a, b in zip(last[:-1], last[1:])):
        return False
    low = min(values)
    return values[-1] - low > GROWTH_FACTOR * (values[0] - low)


def _blame(too_large: str, values: list[float] | None) -> str:
    """Why a run blew up: f still falling means f is unbounded below; otherwise the step is too large."""
    if values is not None and len(values) > 1 and values[-1] < values[0] and values[-1] <= min(values):
        return f"f kept falling (to {values[-1]:.3g}): f looks unbounded below"
    return too_large


def _last_step(k: int, step_len: float, step_tol: float) -> str:
    """The step-length rule's part of a 'budget used up' message."""
    if k == 0:
        return f"no step was taken, so step_tol {step_tol:g} was never tested"
    return f"the last step, of length {step_len:.3g}, is still above step_tol {step_tol:g}"


def _message(stop: _Stop, opt: Optimizer, budget: int, tol: float | None, step_tol: float | None,
             g_norm: float, step_len: float, values: list[float] | None) -> str:
    """Why the run stopped, in words, chosen once after the loop."""
    k = stop.k
    if stop.status == Status.CONVERGED and stop.detail == "gradient":
        return f"converged after {k} steps: gradient norm {g_norm:.3g} <= tol {tol:g}"
    if stop.status == Status.CONVERGED and stop.detail == "stationary":
        return (f"converged after {k} steps: the gradient is exactly 0 at x_{k}, a stationary point "
                f"(the {opt} has no ray to search along)")
    if stop.status == Status.CONVERGED:
        return f"converged after {k} steps: step length {step_len:.3g} <= step_tol {step_tol:g}"
    if stop.status == Status.DIVERGED and k == budget and stop.detail.startswith("f rose"):
        return (f"diverging: used the whole step budget of {budget} steps, but {stop.detail}; "
                f"{opt.blame(stop.eta, k - 1)}")
    if stop.status == Status.DIVERGED:
        return f"diverged at step {k}: {stop.detail}; {_blame(opt.blame(stop.eta, k - 1), values)}"
    if stop.status == Status.LINE_SEARCH_FAILED:
        return f"stopped at step {k}: the {opt} {stop.detail}"
    if stop.status == Status.CALLBACK:
        return f"stopped by the callback after {k} steps"
    parts = [f"used the whole step budget of {budget} steps"]
    if tol is not None:
        parts.append(f"gradient norm {g_norm:.3g} is still above tol {tol:g}")
    if step_tol is not None:
        parts.append(_last_step(k, step_len, step_tol))
    if tol is None and step_tol is None:
        return parts[0] + " (no tolerance was given)"
    return "; ".join(parts)
