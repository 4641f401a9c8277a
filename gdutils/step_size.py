"""Ways to choose the step size of gradient descent (chapter 5).

``gradient_descent`` takes as its ``learning_rate`` any of:

- a positive number: the same step size at every step (chapters 1-4);
- a *schedule*, any function ``k -> eta_k`` of the step number k = 0, 1, 2, ...
  returning a positive number, for example :func:`decaying_learning_rate`;
- a *line search*, an object that looks along the ray ``x - t * grad f(x)``, t > 0,
  for a good step: :class:`ExactQuadraticLineSearch` (the exact minimiser along
  the ray of a quadratic, in closed form), :class:`NumericalLineSearch` (the same
  minimiser found numerically, for any f) or :class:`Backtracking` (shrink a trial
  step until the Armijo sufficient-decrease condition holds).

A backtracking search gives up when its trial step has become so small that
x - t g is x itself in float64: no smaller step can change anything. That limit is
a step, not a count: from t0 it takes about ln(t_min / t0) / ln(shrink) trials,
where t_min is the smallest step that still moves x (about 61 for shrink 0.5 and
42,000 for shrink 0.999 when t_min / t0 is near 5e-19). The numerical exact search
gives up at the same limit, or after ``max_evals`` evaluations of f. At a point
where the gradient is exactly zero there is nothing to search along: the run stops
as converged, at a stationary point, which need not be a minimum (a saddle or a
maximum stops it too).

The line searches are optimizers (:class:`~gdutils.optimizers.Optimizer`): each step they
return the step size they found and the direction -grad f(x), so ``gradient_descent`` and
``fit_linear`` run them like any other. The two line-search step rules are also available
as plain functions, :func:`exact_quadratic_step` and :func:`backtracking_step`, to use one
step at a time.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from . import validation as v
from .optimizers import Evaluations, NoAcceptableStep, Optimizer, Stationary


# ---------------------------------------------------------------------------
# Schedules
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class DecayingLearningRate:
    """The schedule eta_k = eta0 / (1 + k / tau), k = 0, 1, 2, ... (chapter 5).

    eta_0 = eta0; after tau steps the step size has halved, after 3 tau steps it is a
    quarter. Call it with a step number (an int >= 0) or an array of them. Build it
    with :func:`decaying_learning_rate`, which validates the arguments.
    """

    eta0: float
    tau: float

    def __call__(self, k: int | np.ndarray) -> float | np.ndarray:
        if isinstance(k, np.ndarray):
            if not np.issubdtype(k.dtype, np.integer) or np.any(k < 0):
                raise ValueError(f"k must hold whole numbers >= 0, got {v.show(k)}")
            return self.eta0 / (1.0 + k / self.tau)
        k = v.non_negative_int("k", k)
        return self.eta0 / (1.0 + k / self.tau)

    def __str__(self) -> str:
        return f"eta_k = {self.eta0:g} / (1 + k / {self.tau:g})"


def decaying_learning_rate(eta0: float, tau: float) -> DecayingLearningRate:
    """The schedule eta_k = eta0 / (1 + k / tau): starts at eta0, halves after tau steps (chapter 5).

    Both ``eta0`` and ``tau`` must be positive numbers. Pass the result to
    ``gradient_descent`` as its ``learning_rate``.
    """
    return DecayingLearningRate(v.positive_scalar("eta0", eta0), v.positive_scalar("tau", tau))


# ---------------------------------------------------------------------------
# Line searches
# ---------------------------------------------------------------------------


def _flat(name: str, g: object) -> np.ndarray:
    arr = v.real_array(name, g)
    if arr.ndim > 1:
        raise ValueError(f"{name} must be a number or a 1-D array, got an array of shape {arr.shape}")
    return arr.reshape(-1)


def exact_quadratic_step(A: object, g: object) -> float:
    """The step t that minimises f(x - t g) for f(x) = x^T A x / 2 - b^T x, when g = grad f(x) (chapter 5).

    Along the ray, f(x - t g) = f(x) - t g^T g + t^2 g^T A g / 2, a parabola in t with
    its minimum at t = g^T g / g^T A g. ``A`` must be symmetric positive definite;
    a zero gradient gives the step 0 (there is nothing to search along).
    """
    A = v.spd_matrix("A", A)
    g_flat = _flat("g", g)
    if g_flat.size != A.shape[0]:
        raise ValueError(f"g must have {A.shape[0]} entries (the size of A), got {g_flat.size}")
    return _exact_step(A, g_flat)


def _exact_step(A: np.ndarray, g: np.ndarray) -> float:
    gg = float(g @ g)
    if gg == 0.0:
        return 0.0
    return gg / float(g @ (A @ g))


@dataclass(frozen=True)
class BacktrackingStep:
    """What one backtracking search found (chapter 5).

    Attributes:
        t: the accepted step (0.0 when no trial step was accepted).
        f_new: f(x - t g) at the accepted step (f(x) when none was accepted).
        n_f_evals: how many times f was evaluated (f(x) itself not included).
        accepted: False when no trial step was acceptable, down to the smallest
            step that still moves x in float64.
        n_grad_evals: other work the search did, in units of one gradient evaluation:
            1 for the exact quadratic search (its product A g costs what the gradient
            A x - b of the quadratic costs), 0 for searches that only evaluate f.
        reason: when no step was accepted, what was tried and why the search
            stopped, in words (empty when a step was accepted).
    """

    t: float
    f_new: float
    n_f_evals: int
    accepted: bool
    n_grad_evals: int = 0
    reason: str = ""


UNRESOLVED = ("either -grad is not a descent direction here (is grad the gradient of f?) or f cannot "
              "fall by more than its rounding error near x")
"""The two reasons why no step that still moves x can lower f (chapter 5).

They hold only after at least one trial that moved x was rejected; when the first trial
already leaves x unchanged, :func:`too_small_initial` says so instead.
"""


def too_small_initial(initial: float) -> str:
    """Why a search stopped before its first trial: ``initial`` is too small to move x (chapter 5)."""
    return (f"made no trial: the initial step t0 = {initial:g} does not move x in float64 (t0 |g| is "
            "below the rounding of x's entries); use a larger initial step")


def moves(x: np.ndarray, t: float, g: np.ndarray) -> bool:
    """Whether the trial point x - t g differs from x in float64 (chapter 5).

    Once it does not, every smaller step gives x itself, and f cannot fall there:
    a line search stops shrinking at this step, whatever its shrink factor.
    """
    with np.errstate(under="ignore"):
        return bool(np.any(x - t * g != x))


def _armijo_search(value: Callable[[np.ndarray], float], x: np.ndarray, g: np.ndarray, fx: float,
                   initial: float, shrink: float, c: float) -> BacktrackingStep:
    """The search itself; arguments already validated, g finite and not zero.

    Trials t = initial * shrink^j, j = 0, 1, ..., for as long as x - t g still differs
    from x: the limit is the smallest useful step, not a number of shrinks.
    """
    gg = float(np.sum(g * g))
    t, last, evals = initial, initial, 0
    with np.errstate(over="ignore", invalid="ignore", under="ignore"):
        while np.any((point := x - t * g) != x):  # the point moves: see moves()
            trial = value(point)
            evals += 1
            if trial <= fx - c * t * gg:  # False for nan: a non-finite trial is rejected
                return BacktrackingStep(t, trial, evals, True)
            last, t = t, t * shrink
    if evals == 0:
        return BacktrackingStep(0.0, fx, 0, False, reason=too_small_initial(initial))
    reason = (f"found no step with sufficient decrease in {evals} trials, t = {initial:g} down to "
              f"{last:.2g}, where one more shrink would leave x unchanged in float64: {UNRESOLVED}")
    return BacktrackingStep(0.0, fx, evals, False, reason=reason)


def _search_params(initial: object, shrink: object, c: object) -> tuple[float, float, float]:
    return (v.positive_scalar("initial", initial),
            v.open_unit("shrink", shrink, "the trial step is multiplied by it"),
            v.open_unit("c", c, "the fraction of the predicted decrease that Armijo demands"))


def backtracking_step(f: Callable, x: object, g: object, *, initial: float = 1.0, shrink: float = 0.5,
                      c: float = 1e-4) -> BacktrackingStep:
    """One backtracking line search from x along -g, with the Armijo condition (chapter 5).

    Tries t = initial, initial * shrink, initial * shrink^2, ... and accepts the first
    t with f(x - t g) <= f(x) - c t g^T g (sufficient decrease: at least the fraction
    c of the decrease that the tangent line predicts). Gives up, ``accepted=False``,
    when the next trial step would no longer move x in float64 (:func:`moves`),
    however many shrinks that takes: about ln(t_min / initial) / ln(shrink) trials,
    with t_min the smallest step that still moves x (so many more for a shrink close
    to 1). ``reason`` then says so, or that ``initial`` itself does not move x (no
    trial at all). A zero g is refused: there is no ray to search along. f(x) is
    evaluated once more here and not counted.
    """
    v.callable_arg("f", f)
    x_arr = v.real_point("x", x)
    g_arr = v.real_array("g", g)
    if g_arr.shape != x_arr.shape:
        raise ValueError(f"g must have the shape of x, {x_arr.shape}, got {g_arr.shape}")
    if not np.all(np.isfinite(g_arr)) or not np.any(g_arr):
        raise ValueError(f"g must be finite and not zero (a ray to search along), got {v.show(g_arr)}")
    params = _search_params(initial, shrink, c)
    evals = Evaluations(None, f)
    fx = evals.value(x_arr)
    if not np.isfinite(fx):
        raise ValueError(f"f must be finite at x, got {fx!r}")
    return _armijo_search(evals.value, x_arr, g_arr, fx, *params)


class LineSearch(Optimizer):
    """Base class of the step rules that search along -grad f for the step size (chapter 5).

    An :class:`~gdutils.optimizers.Optimizer` whose direction is the gradient itself
    and whose step size eta comes from a search: ``update`` returns (eta, g, f at the
    new point or None). It raises ``Stationary`` when g is exactly zero (there is no
    ray to search along: the run stops as converged, at a stationary point, which need
    not be a minimum; a saddle or a maximum stops it too) and ``NoAcceptableStep``,
    with the search's reason, when the search fails or g is not finite.
    """

    def search(self, x: np.ndarray, g: np.ndarray, fx: float | None) -> BacktrackingStep:
        raise NotImplementedError

    def update(self, x, g, k, fx):
        if not np.any(g):
            raise Stationary()
        if not np.all(np.isfinite(g)):
            raise NoAcceptableStep(0, "was given a gradient that is not finite")
        found = self.search(x, g, fx)
        if not found.accepted:
            raise NoAcceptableStep(found.n_f_evals, found.reason)
        return found.t, g, (found.f_new if np.isfinite(found.f_new) else None)

    def apply(self, x, g, k, times=1.0, over=1.0, fx=None) -> None:
        """As :meth:`~gdutils.optimizers.Optimizer.apply`; a batch whose gradient is exactly zero leaves x where it is."""
        try:
            super().apply(x, g, k, times, over, fx)
        except Stationary:
            pass


class ExactQuadraticLineSearch(LineSearch):
    """Exact line search on f(x) = x^T A x / 2 - b^T x: t = g^T g / g^T A g at every step (chapter 5).

    Needs the matrix A (symmetric positive definite), not f: the step comes in closed
    form, so it costs no function evaluations, but each step multiplies A by g. That
    product costs as much as the gradient A x - b itself, so it is counted as one
    more gradient evaluation. Only valid when ``grad`` is A x - b.
    """

    def __init__(self, A: object) -> None:
        self.A = v.spd_matrix("A", A)

    def start(self, x0: np.ndarray, evals: Evaluations | None) -> None:
        if x0.size != self.A.shape[0]:
            raise ValueError(f"the line search's A is {self.A.shape[0]}x{self.A.shape[0]}, "
                             f"but x0 has {x0.size} entries")
        self.evals = evals

    def search(self, x, g, fx) -> BacktrackingStep:
        g_flat = g.reshape(-1)
        if np.any(g_flat != 0):
            self.evals.charge_gradient()  # the product A g
        return BacktrackingStep(_exact_step(self.A, g_flat), float("nan"), 0, True)

    def __repr__(self) -> str:
        return f"ExactQuadraticLineSearch(A of shape {self.A.shape})"

    def __str__(self) -> str:
        return "exact line search (closed form for a quadratic)"


class Backtracking(LineSearch):
    """Backtracking line search with the Armijo condition (chapter 5).

    At each step tries t = initial, initial * shrink, ... and accepts the first t with
    f(x - t g) <= f(x) - c t ||g||^2. Needs f (pass ``f=`` to ``gradient_descent``).
    ``initial`` > 0, ``shrink`` and ``c`` strictly between 0 and 1. The search gives
    up only when the next trial step would no longer move x in float64, however
    many shrinks that takes (then the run stops and says why). A failing search
    therefore costs about ln(t_min / initial) / ln(shrink) evaluations of f, t_min the
    smallest step that moves x: 61 with shrink 0.5 when t_min / initial is about
    5e-19, but about 42,000 with shrink 0.999.
    """

    needs_f = True

    def __init__(self, initial: float = 1.0, shrink: float = 0.5, c: float = 1e-4) -> None:
        self.initial, self.shrink, self.c = _search_params(initial, shrink, c)

    def search(self, x, g, fx) -> BacktrackingStep:
        return _armijo_search(self.evals.value, x, g, fx, self.initial, self.shrink, self.c)

    def __repr__(self) -> str:
        return f"Backtracking(initial={self.initial:g}, shrink={self.shrink:g}, c={self.c:g})"

    def __str__(self) -> str:
        return f"backtracking search (initial {self.initial:g}, shrink {self.shrink:g}, c {self.c:g})"


GOLDEN_FRACTION: float = 0.3819660112501051
"""(3 - sqrt(5)) / 2: where golden-section search places its next trial (chapter 5)."""


class NumericalLineSearch(LineSearch):
    """Exact line search for any f, done numerically: minimise phi(t) = f(x - t g) over t > 0 (chapter 5).

    First brackets the minimum along the ray (halving ``initial`` until f decreases,
    then doubling while it keeps decreasing), then narrows the bracket by golden-
    section search until its width is at most ``rtol`` times the step. Costs tens of
    evaluations of f per step: this is why exact line search is rarely used outside
    quadratics. Assumes phi has one minimum in the bracket. Needs f.

    The halving stops when the next trial would no longer move x in float64 (then
    no step lowers f, and the run stops and says why), or before the first trial when
    ``initial`` itself does not move x; ``max_evals`` caps the evaluations of one search.
    """

    needs_f = True

    def __init__(self, initial: float = 1.0, rtol: float = 1e-6, *, max_evals: int = 200) -> None:
        self.initial = v.positive_scalar("initial", initial)
        self.rtol = v.open_unit("rtol", rtol, "a relative width")
        self.max_evals = v.positive_int("max_evals", max_evals)

    def search(self, x, g, fx) -> BacktrackingStep:
        trials = [0]

        def phi(t: float) -> float:
            trials[0] += 1
            return self.evals.value(x - t * g)

        with np.errstate(over="ignore", invalid="ignore"):
            bracket = self._bracket(phi, fx, trials, lambda t: moves(x, t, g))
            if isinstance(bracket, str):
                return BacktrackingStep(0.0, fx, trials[0], False, reason=bracket)
            b, fb = self._golden(phi, *bracket, trials)
        return BacktrackingStep(b, fb, trials[0], True)

    def _bracket(self, phi, fx, trials, still_moves) -> tuple | str:
        """(a, b, fb, c) with f(b) below f(a) and f(c), or why no bracket was found."""
        c = None
        if not still_moves(self.initial):
            return too_small_initial(self.initial)
        b, fb = self.initial, phi(self.initial)
        while not fb < fx:  # halve until f decreases; also rejects nan and inf
            if trials[0] >= self.max_evals:
                return f"found no step that lowers f in its max_evals = {self.max_evals} trials"
            if not still_moves(b / 2):
                return (f"found no step that lowers f in {trials[0]} trials, t = {self.initial:g} down to "
                        f"{b:.2g}, where one more halving would leave x unchanged in float64: {UNRESOLVED}")
            c = b
            b, fb = b / 2, phi(b / 2)
        a = 0.0
        while c is None:  # double while f keeps decreasing
            if trials[0] >= self.max_evals:
                return (f"was still doubling the step after its max_evals = {self.max_evals} trials "
                        f"(t = {b:.3g}, f = {fb:.3g}): f may be unbounded below along the ray")
            t, ft = 2 * b, phi(2 * b)
            if ft < fb:
                a, b, fb = b, t, ft
            else:
                c = t
        return a, b, fb, c

    def _golden(self, phi, a, b, fb, c, trials) -> tuple[float, float]:
        """Golden section on [a, c] around b, where f(b) <= f(a) and f(b) <= f(c)."""
        while c - a > self.rtol * b and trials[0] < self.max_evals:
            if c - b > b - a:
                t = b + GOLDEN_FRACTION * (c - b)
                ft = phi(t)
                if ft < fb:
                    a, b, fb = b, t, ft
                else:
                    c = t
            else:
                t = b - GOLDEN_FRACTION * (b - a)
                ft = phi(t)
                if ft < fb:
                    c, b, fb = b, t, ft
                else:
                    a = t
        return b, fb

    def __repr__(self) -> str:
        return f"NumericalLineSearch(initial={self.initial:g}, rtol={self.rtol:g})"

    def __str__(self) -> str:
        return "numerical exact line search (golden section)"
