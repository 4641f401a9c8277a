"""Gradient descent, returning one result object.

Introduced in chapter 1 (Derivatives) for one variable with a fixed learning rate;
the same function runs in any number of dimensions from chapter 3 on, and from
chapter 5 on takes a learning-rate schedule or a line search (see ``step_size``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from . import _validate as v
from .step_size import LineSearch

BLOW_UP_FACTOR: float = 1e15
"""A run stops as diverged once |x_k| (the norm) exceeds this factor times max(1, |x_0|) (chapter 1)."""


@dataclass(frozen=True)
class DescentResult:
    """What a run of gradient descent did (chapter 1).

    Attributes:
        x: the final point (a float when the start was a scalar, else a 1-D array).
        path: every point visited, the start included: shape (k+1,) or (k+1, d).
        values: f along the path when f was given, else None.
        n_steps: how many updates were made.
        converged: True when a stopping rule was met: the gradient norm fell to
            ``tol`` or below, or a step was no longer than ``step_tol``.
        diverged: True when the run stopped because the iterates blew up.
        message: why the run stopped, in words.
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
    n_grad_evals: int
    n_f_evals: int = 0
    step_sizes: np.ndarray | None = None
    cumulative_evals: np.ndarray | None = None


def _gradient_at(grad: Callable, x: np.ndarray, step: int) -> np.ndarray:
    """grad(x) as a float64 array shaped like x, or a clear error."""
    raw = grad(v.user_point(x))
    if raw is None:
        raise TypeError(f"grad returned None at step {step}: is a `return` missing?")
    if np.iscomplexobj(raw):
        raise TypeError(f"grad must return real numbers, got complex {v._show(raw)} at step {step}")
    try:
        g = np.asarray(raw, dtype=np.float64)
    except (TypeError, ValueError) as exc:
        raise TypeError(f"grad must return real numbers, got {v._show(raw)} at step {step}") from exc
    if g.shape != x.shape:
        want = "a single number" if x.ndim == 0 else f"an array of shape {x.shape}"
        raise ValueError(f"grad must return {want} (the shape of x0), got shape {g.shape} at step {step}")
    return g


def _value_at(f: Callable, x: np.ndarray) -> float:
    """f(x) as a float (may be inf or nan on a diverging run; the caller checks)."""
    return v.scalar_output("f", f(v.user_point(x)))


def _blame(too_large: str, values: list[float] | None) -> str:
    """Why a run blew up: f still falling means f is unbounded below; otherwise the step is too large."""
    if values is not None and len(values) > 1 and values[-1] < values[0] and values[-1] <= min(values):
        return f"f kept falling (to {values[-1]:.3g}): f looks unbounded below"
    return too_large


def _scheduled(schedule: Callable, k: int) -> float:
    """The schedule's step size for step k, which must be a positive number (chapter 5)."""
    raw = schedule(k)
    if raw is None:
        raise TypeError(f"learning_rate({k}) returned None: is a `return` missing in the schedule?")
    return v.positive_scalar(f"learning_rate({k})", raw)


def _last_step(k: int, step_len: float, step_tol: float) -> str:
    """The step-length rule's part of a 'budget used up' message."""
    if k == 0:
        return f"no step was taken, so step_tol {step_tol:g} was never tested"
    return f"the last step, of length {step_len:.3g}, is still above step_tol {step_tol:g}"


def gradient_descent(
    grad: Callable,
    x0: float | np.ndarray,
    learning_rate: float | Callable[[int], float] | LineSearch,
    n_steps: int,
    *,
    f: Callable | None = None,
    tol: float | None = None,
    callback: Callable | None = None,
    step_tol: float | None = None,
) -> DescentResult:
    """Repeat ``x <- x - learning_rate * grad(x)`` from ``x0`` for at most ``n_steps`` steps (chapter 1).

    ``learning_rate`` is a positive number (the same step every time), or (chapter 5)
    a schedule, a function ``k -> eta_k`` of the step number k = 0, 1, ... such as
    ``decaying_learning_rate(eta0, tau)``, or a line search from ``gdutils.step_size``
    (``ExactQuadraticLineSearch(A)``, ``NumericalLineSearch()``,
    ``Backtracking(initial, shrink, c)``) that chooses each step along ``-grad(x)``;
    the last two need ``f``. ``n_f_evals`` and ``n_grad_evals`` count the work.

    Stops early when ``tol`` is given and ``||grad(x)|| <= tol`` (converged), when
    ``step_tol`` is given and the step just taken, ``||x_k - x_{k-1}||``, is no
    longer than ``step_tol`` (converged; chapter 4), when the iterates blow up
    (diverged: non-finite, or growing past ``BLOW_UP_FACTOR`` times the start),
    when a line search finds no acceptable step (the message says so), or when
    ``callback(k, x)`` returns True after step k.
    ``x0`` is never modified; the arithmetic is plain float64, so runs are
    reproducible bit for bit.
    """
    v.callable_arg("grad", grad)
    x = v.real_point("x0", x0)
    search: LineSearch | None = None
    schedule: Callable | None = None
    lr = 0.0
    if isinstance(learning_rate, type) and issubclass(learning_rate, LineSearch):
        name = learning_rate.__name__
        raise TypeError(f"learning_rate must be a line search object such as {name}(), "
                        f"not the class {name} itself")
    if isinstance(learning_rate, LineSearch):
        search = learning_rate
        search.check_point(x)
    elif callable(learning_rate):
        schedule = learning_rate
    else:
        lr = v.positive_scalar("learning_rate", learning_rate)
    budget = v.non_negative_int("n_steps", n_steps)
    if f is not None:
        v.callable_arg("f", f)
    elif search is not None and search.needs_f:
        raise ValueError(f"learning_rate={search!r} evaluates f along the ray: pass f=... too")
    if tol is not None:
        tol = v.real_scalar("tol", tol)
        if tol < 0:
            raise ValueError(f"tol must be >= 0, got {tol!r}")
    if callback is not None:
        v.callable_arg("callback", callback)
    if step_tol is not None:
        step_tol = v.real_scalar("step_tol", step_tol)
        if step_tol < 0:
            raise ValueError(f"step_tol must be >= 0, got {step_tol!r}")

    limit = BLOW_UP_FACTOR * max(1.0, float(np.linalg.norm(x)))
    path = [x.copy()]
    values = [_value_at(f, x)] if f is not None else None
    f_evals = 0 if f is None else 1
    etas: list[float] = []
    cumulative = [f_evals]
    too_large = ""  # why the last step blew up, if it did; set with each step
    if values is not None and not np.isfinite(values[0]):
        raise ValueError(f"f must be finite at x0, got f(x0) = {values[0]!r}")
    converged = diverged = False
    message = ""
    evals = 0
    k = 0
    step_len = float("nan")  # length of the last step taken (for the messages)
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        while True:
            if k == budget and tol is None:
                if step_tol is None:
                    message = f"used the whole step budget of {budget} steps (no tolerance was given)"
                else:
                    message = (f"used the whole step budget of {budget} steps; "
                               f"{_last_step(k, step_len, step_tol)}")
                break
            g = _gradient_at(grad, x, k)
            evals += 1
            if not np.all(np.isfinite(g)):
                if k == 0:
                    raise ValueError("grad must be finite at x0, got a non-finite gradient")
                diverged = True
                message = f"diverged at step {k}: the gradient became non-finite; {_blame(too_large, values)}"
                break
            g_norm = float(np.linalg.norm(g))
            if tol is not None and g_norm <= tol:
                converged = True
                message = f"converged after {k} steps: gradient norm {g_norm:.3g} <= tol {tol:g}"
                break
            if k == budget:
                message = (f"used the whole step budget of {budget} steps; "
                           f"gradient norm {g_norm:.3g} is still above tol {tol:g}")
                if step_tol is not None:
                    message += f"; {_last_step(k, step_len, step_tol)}"
                break
            value = None
            if search is not None:
                found = search.search(f, x, g, None if values is None else values[-1])
                f_evals += found.n_f_evals
                evals += found.n_grad_evals
                if not found.accepted:
                    message = (f"stopped at step {k}: the {search} found no step with sufficient "
                               f"decrease in {found.n_f_evals} trials; is grad the gradient of f?")
                    break
                eta = found.t
                if np.isfinite(found.f_new):
                    value = found.f_new  # f at exactly x - eta * g, evaluated by the search
                too_large = f"the step {eta:g} chosen by the {search} is too large"
            elif schedule is not None:
                eta = _scheduled(schedule, k)
                too_large = f"the learning rate {eta:g} (the schedule's value at step {k}) is too large"
            else:
                eta = lr
                too_large = f"the learning rate {lr:g} is too large"
            x_new = x - eta * g
            if value is None:
                value = _value_at(f, x_new) if f is not None else 0.0
                f_evals += int(f is not None)
            if not (np.all(np.isfinite(x_new)) and np.isfinite(value)):
                blown = "x became non-finite"
            elif float(np.linalg.norm(x_new)) > limit:
                blown = f"|x| passed {limit:.3g}"
            else:
                blown = None
            if blown:  # keep the finite path; the step that blew up is not counted
                diverged = True
                message = f"diverged at step {k + 1}: {blown}; {_blame(too_large, values)}"
                break
            step_len = float(np.linalg.norm(x_new - x))
            x = x_new
            etas.append(eta)
            cumulative.append(evals + f_evals)
            k += 1
            path.append(x.copy())
            if values is not None:
                values.append(value)
            stop = callback is not None and callback(k, v.user_point(x))
            if step_tol is not None and step_len <= step_tol:
                converged = True
                message = f"converged after {k} steps: step length {step_len:.3g} <= step_tol {step_tol:g}"
                break
            if stop:
                message = f"stopped by the callback after {k} steps"
                break

    return DescentResult(
        x=v.user_point(x),
        path=np.array(path),
        values=None if values is None else np.array(values),
        n_steps=k,
        converged=converged,
        diverged=diverged,
        message=message,
        n_grad_evals=evals,
        n_f_evals=f_evals,
        step_sizes=np.array(etas),
        cumulative_evals=np.array(cumulative),
    )
