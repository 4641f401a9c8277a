"""Self-checks for the exercises of chapter 5 (Choosing the step size)."""

from __future__ import annotations

import math
from collections.abc import Callable
from fractions import Fraction

import numpy as np

from .common import Mistake, conclude, start_check
from .core import CheckFailed, as_real, call, diagnose, evaluate, passed, short


def _spd(rng: np.random.Generator, d: int) -> np.ndarray:
    """A random symmetric positive-definite matrix with eigenvalues in [0.5, 20]."""
    Q, _ = np.linalg.qr(rng.normal(size=(d, d)))
    A = Q @ np.diag(rng.uniform(0.5, 20.0, size=d)) @ Q.T
    return (A + A.T) / 2


def check_exact_step(exact_step: Callable, *, seed: int | None = None) -> None:
    """Exercise 5.1: exact_step(A, g) must be g^T g / g^T A g, the minimiser of f(x - t g) on a quadratic."""
    name, rng, seed = start_check("exact_step", exact_step, seed)
    rows = []
    for _ in range(8):
        d = int(rng.integers(2, 5))
        rows.append((_spd(rng, d), rng.normal(size=d) * rng.uniform(0.5, 5.0)))
    got = evaluate(name, exact_step, [(A.copy(), g.copy()) for A, g in rows])
    gg = np.array([g @ g for _, g in rows])
    gAg = np.array([g @ A @ g for A, g in rows])
    AAg = np.array([(A @ g) @ (A @ g) for A, g in rows])
    expected = gg / gAg
    conclude(
        name, "matches g^T g / g^T A g on 8 random quadratics", got, expected,
        [
            Mistake("the fraction is upside down: the step is g^T g divided by g^T A g.", gAg / gg),
            Mistake("factor of 2: the 1/2 in f(x) = x^T A x / 2 cancels the 2 from differentiating t^2.",
             2 * expected),
            Mistake("factor of 2: set the derivative -g^T g + t g^T A g to zero; no 1/2 is left.", expected / 2),
            Mistake("the step has the wrong sign: t must be positive, we move along -g.", -expected),
            Mistake("the numerator is g^T g, the squared length of g, not its length.", np.sqrt(gg) / gAg),
            Mistake("that is the step that minimises |grad f| along the ray, not f: use g^T g / g^T A g.",
             gAg / AAg),
        ],
        rtol=1e-9, atol=1e-12, seed=seed,
        fallback="the step is not the minimiser of f(x - t g) along the ray",
    )


class _Counted:
    """f with a call budget: a search that never ends is stopped and named. f(x) = x^T A x / 2 - b^T x,
    or, with ``centre`` m, (x - m)^T A (x - m) / 2 (the same shape, written to round less near m)."""

    LIMIT = 5000

    def __init__(self, A: np.ndarray, b: np.ndarray, centre: np.ndarray | None = None) -> None:
        self.A, self.b, self.centre, self.calls = A, b, centre, 0

    def __call__(self, x):
        self.calls += 1
        if self.calls > self.LIMIT:
            raise RuntimeError("too many evaluations")
        x = np.asarray(x, dtype=float)
        if self.centre is not None:
            d = x - self.centre
            return float(0.5 * d @ self.A @ d)
        return float(0.5 * x @ self.A @ x - self.b @ x)


def _reference_backtrack(A: np.ndarray, g: np.ndarray, initial: float, shrink: float, c: float,
                         mode: str = "right") -> float:
    """The accepted step on a quadratic, from the closed form of the Armijo test (and some wrong variants).

    On f(x) = x^T A x / 2 - b^T x, f(x - t g) <= f(x) - c t g^T g holds exactly when
    t <= 2 (1 - c) g^T g / g^T A g; with c t ||g|| in place of c t g^T g (the length not
    squared, mode "norm"), when t <= 2 (g^T g - c ||g||) / g^T A g.
    """
    gg, gAg = g @ g, g @ A @ g
    if mode == "norm":
        limit = 2 * (gg - c * np.sqrt(gg)) / gAg
    else:
        limit = {"right": 2 * (1 - c), "plain_decrease": 2.0, "plus_c": 2 * (1 + c)}[mode] * gg / gAg
    t = initial
    for _ in range(300):
        if t <= limit:
            return t
        t *= shrink
    return t


def _clearly_decided(trials: np.ndarray, A: np.ndarray, g: np.ndarray, c: float) -> bool:
    """No trial step within a relative 1e-6 of a threshold of the right test or of a mistaken one."""
    gg, gAg = g @ g, g @ A @ g
    limits = 2 * np.array([(1 - c) * gg, gg, gg - c * np.sqrt(gg), (1 + c) * gg]) / gAg
    return bool(np.min(np.abs(trials[:, None] / limits - 1)) >= 1e-6)


HUGE_SHRINKS = 67
"""Row 8 of exercise 5.2's check starts this many halvings above the first step that passes."""


def _backtracking_rows(rng: np.random.Generator) -> tuple[list[tuple], list[tuple]]:
    """9 searches (x, g, initial, shrink, c) on random quadratics (A, b), every trial clearly decided.

    Rows 3 and 6: the first trial passes. Rows 0, 2 and 4 tell the Armijo test from a plain
    decrease, and row 0 a plain decrease from + c t g^T g; rows 1, 5 and 7 (|g| between 1
    and 4) tell c t ||g|| from the right test and from a plain decrease. Row 8 halves a huge
    initial step HUGE_SHRINKS times (2^67 > 1e20) before a step passes: more than 60 shrinks,
    and a step below 1e-16 * initial.
    """
    rows, funcs = [], []
    while len(rows) < 9:
        i = len(rows)
        d = int(rng.integers(2, 4))
        A, b, x = _spd(rng, d), rng.normal(size=d), rng.normal(size=d) * (0.1 if i in (1, 5, 7) else 3)
        g = A @ x - b
        shrink, c = float(rng.uniform(0.3, 0.7)), float(rng.uniform(0.05, 0.45))
        exact = (g @ g) / (g @ A @ g)
        factor = rng.uniform(0.3, 0.9) if i in (3, 6) else rng.uniform(1.5, 20.0)
        if i == 8:
            shrink, factor = 0.5, 2.0 ** (HUGE_SHRINKS - 1) * rng.uniform(1.1, 1.9)
        initial = float(2 * (1 - c) * exact * factor)
        if not (np.linalg.norm(g) >= 1 and _clearly_decided(initial * shrink ** np.arange(90), A, g, c)):
            continue
        right, plain, norm, plus = (_reference_backtrack(A, g, initial, shrink, c, mode)
                                    for mode in ("right", "plain_decrease", "norm", "plus_c"))
        if i in (3, 6):  # the first trial passes: a loop that shrinks while the test holds never ends
            if right != initial:
                continue
        elif i == 8:
            if right != initial * 0.5**HUGE_SHRINKS:
                continue
        elif right == initial or (i in (0, 2, 4) and right == plain) or (i == 0 and plus == plain) or (
                i in (1, 5, 7) and (norm == right or norm == plain or np.linalg.norm(g) > 4)):
            continue
        rows.append((x, g, initial, shrink, c))
        funcs.append((A, b))
    return rows, funcs


def _uphill_row(rng: np.random.Generator) -> tuple[tuple, _Counted]:
    """A search that must give up: g = -grad f, so f(x - t g) > f(x) for every t > 0.

    x sits about 1 from the centre m of f, with |m| near 1000: at the last trial that still moves
    x, f rises by a relative 1e-13 or so, far above f's own rounding (1e-16), and c t g^T g is
    still far above half an ulp of f(x). So every trial fails the Armijo test, in any order of
    the test and the check that x moves, and a search that follows the exercise raises.
    """
    d = int(rng.integers(2, 4))
    A, centre = _spd(rng, d), rng.choice([-1.0, 1.0], size=d) * rng.uniform(500, 1000, size=d)
    x = centre + rng.normal(size=d)
    f = _Counted(A, A @ centre, centre)
    return (x, -(A @ (x - centre)), float(rng.uniform(0.5, 2.0)), float(rng.uniform(0.3, 0.7)),
            float(rng.uniform(0.05, 0.45))), f


RAISED_WHERE_A_STEP_PASSES = (
    "{name} raised an error ({error}) on a search where a step passes: t = {t:.3g} satisfies "
    "f(x - t g) <= f(x) - c t g^T g. Check that the trial point is x - t g (x + t g goes uphill), "
    "that the test has c (f(x) - c t g^T g: without c it asks for the whole decrease the tangent "
    "line predicts, which a convex f never gives) and that the inequality points that way.")
GAVE_UP_TOO_EARLY = (
    "{name} raised an error ({error}) after too few shrinks: this search starts at a huge initial "
    "step and needs {shrinks} halvings, down to t = {t:.3g}, below 1e-16 * initial. Give up only "
    "when x - t * g equals x, not after a fixed number of shrinks or at a fraction of initial.")


def _run_rows(name: str, backtrack: Callable, rows: list[tuple], funcs: list[tuple],
              expected: np.ndarray) -> np.ndarray:
    """The reader's step on each row, with a hint when the search never ends or raises where a step passes."""
    got = []
    for i, ((x, g, initial, shrink, c), (A, b)) in enumerate(zip(rows, funcs)):
        f = _Counted(A, b)
        args = (f, x.copy(), g.copy(), initial, shrink, c)
        try:
            value = call(name, backtrack, *args)
        except CheckFailed as failed:
            if f.calls > _Counted.LIMIT:
                raise CheckFailed(
                    f"{name}: the search never stopped (f was evaluated more than {_Counted.LIMIT} times): "
                    "keep shrinking while the test fails, f(x - t g) > f(x) - c t g^T g (check the "
                    "direction of the inequality), multiply t by shrink each time, and stop at the first "
                    "t that passes."
                ) from None
            if type(failed) is not CheckFailed:  # not attempted
                raise
            error = str(failed).split(" raised ", 1)[-1]
            hint = GAVE_UP_TOO_EARLY if i == 8 else RAISED_WHERE_A_STEP_PASSES
            raise CheckFailed(hint.format(name=name, error=error, t=expected[i], shrinks=HUGE_SHRINKS)) from None
        got.append(as_real(name, value, args))
    return np.array(got)


def _check_gives_up(name: str, backtrack: Callable, rng: np.random.Generator) -> None:
    """The rule of the exercise: on a ray where no step passes, raise once x - t g equals x."""
    (x, g, initial, shrink, c), f = _uphill_row(rng)
    args = (f, x.copy(), g.copy(), initial, shrink, c)
    try:
        value = call(name, backtrack, *args)
    except CheckFailed as failed:
        if type(failed) is not CheckFailed or f.calls <= _Counted.LIMIT:
            return
        raise CheckFailed(
            f"{name}: on a search where no step passes (g = -grad f: -g points uphill), f was evaluated "
            f"more than {_Counted.LIMIT} times: stop when x - t * g equals x and raise an error."
        ) from None
    raise CheckFailed(
        f"{name} returned {short(value)} on a search where no step passes: there g = -grad f, so -g "
        "points uphill and f(x - t g) > f(x) for every t that moves x. The exercise asks for an error "
        "there: when t becomes so small that x - t * g equals x without passing, raise, e.g. "
        "RuntimeError(\"no step with sufficient decrease\"). (A loop without that exit ends by accepting "
        "a step that no longer moves x, once c t g^T g falls below f's rounding.)"
    )


def check_backtracking(backtrack: Callable, *, seed: int | None = None) -> None:
    """Exercise 5.2: backtrack(f, x, g, initial, shrink, c) returns the first t = initial * shrink^j
    with f(x - t g) <= f(x) - c t g^T g, and raises once x - t g equals x without passing."""
    name, rng, seed = start_check("backtrack", backtrack, seed)
    rows, funcs = _backtracking_rows(rng)

    def sim(mode: str = "right", extra: int = 0) -> np.ndarray:
        return np.array([_reference_backtrack(A, g, initial, shrink, c, mode) * shrink**extra
                         for (x, g, initial, shrink, c), (A, _) in zip(rows, funcs)])

    expected = sim()
    got = _run_rows(name, backtrack, rows, funcs, expected)
    if np.all(got > 0) and np.all(got < 1e-6 * expected):
        raise CheckFailed(f"{name}: the steps came out tiny. Either the trial point is x + t g (uphill: it "
                          "must be x - t g), or the test has no c: f(x - t g) <= f(x) - t g^T g asks for the "
                          "whole decrease the tangent line predicts, which a convex f never gives; "
                          "use f(x) - c t g^T g.")
    diagnose(
        name, got, expected,
        [
            Mistake("backtrack never shrinks the step: it returned the initial step, which fails the Armijo test "
             "in some of these cases; multiply t by shrink until the test passes.",
             np.array([r[2] for r in rows])),
            Mistake("the Armijo test uses the squared length of g: f(x - t g) <= f(x) - c t g^T g, with "
             "g^T g = ||g||^2, not c t ||g||.", sim("norm")),
            Mistake("that accepts any decrease, f(x - t g) < f(x): the Armijo test demands at least c t g^T g.",
             sim("plain_decrease")),
            Mistake("one shrink too many: return the first t that passes the test, before shrinking it again.",
             sim(extra=1)),
            Mistake("the sign of the c term: the test is f(x - t g) <= f(x) - c t g^T g, a decrease of at least "
             "c t g^T g; with + c t g^T g it accepts steps that raise f.", sim("plus_c")),
        ],
        rtol=1e-9, atol=1e-12, seed=seed,
        fallback="the step is not the first trial initial * shrink^j that satisfies the Armijo condition",
    )
    _check_gives_up(name, backtrack, rng)
    passed(name, "9 Armijo steps, and an error where no step passes")


def _tie(rng: np.random.Generator, k: int) -> tuple[float, float, float]:
    """(eta0, tau, L) with eta_k = 2 / L exactly: L and tau powers of 2, so that every number
    involved, eta0 = 2 (tau + k) / (L tau) included, is exact in float64."""
    L, tau = 2.0 ** int(rng.integers(-3, 7)), 2.0 ** int(rng.integers(0, 8))
    return 2 * (tau + k) / (L * tau), tau, L


def _stable_rows(rng: np.random.Generator) -> list[tuple[float, float, float]]:
    """10 (eta0, tau, L): rows 0 and 4 exact ties at some k > 0, row 8 a tie at k = 0 (eta0 = 2 / L),
    rows 2 and 7 already stable; the others clear of ties, with fractional parts of the bound
    tau (eta0 L / 2 - 1) both below and above one half."""
    while True:
        rows = []
        for i in range(10):
            if i in (0, 4, 8):
                rows.append(_tie(rng, 0 if i == 8 else int(rng.integers(1, 300))))
                continue
            while True:
                L, tau = float(10 ** rng.uniform(-1, 2)), float(rng.integers(1, 200))
                factor = rng.uniform(0.3, 0.95) if i in (2, 7) else rng.uniform(1.2, 6.0)
                eta0 = float(factor * 2 / L)
                x = tau * (eta0 * L / 2 - 1)
                if abs(x - round(x)) >= 1e-6:  # clear of ties: floating point decides them right
                    break
            rows.append((eta0, tau, L))
        parts = [x % 1 for x in (tau * (eta0 * L / 2 - 1) for eta0, tau, L in rows) if x > 0 and x % 1]
        if min(parts) < 0.5 < max(parts):
            return rows


def _first_stable_exact(eta0: float, tau: float, L: float) -> int:
    """The first k >= 0 with eta0 / (1 + k / tau) < 2 / L, in exact rational arithmetic.

    The inequality is k > tau (eta0 L / 2 - 1); at a tie (a whole-number bound) eta_k = 2 / L
    and k itself is not yet stable.
    """
    bound = Fraction(tau) * (Fraction(eta0) * Fraction(L) / 2 - 1)
    return max(0, math.floor(bound) + 1)


def check_first_stable_step(first_stable_step: Callable, *, seed: int | None = None) -> None:
    """Exercise 5.3: first_stable_step(eta0, tau, L) is the first k with eta0 / (1 + k / tau) < 2 / L,
    in exact arithmetic: at a tie, eta_k = 2 / L, step k is not yet stable."""
    name, rng, seed = start_check("first_stable_step", first_stable_step, seed)
    rows = _stable_rows(rng)
    expected = np.array([_first_stable_exact(*row) for row in rows], dtype=float)
    got = evaluate(name, first_stable_step, rows)
    if not np.all(np.isfinite(got)) or not np.all(got == np.round(got)):
        raise CheckFailed(f"{name}: return a whole number of steps k (an int), e.g. with math.floor; "
                          f"got {got[~(got == np.round(got))][:1]}")
    x = np.array([tau * (eta0 * L / 2 - 1) for eta0, tau, L in rows])
    x1 = np.array([tau * (eta0 * L - 1) for eta0, tau, L in rows])
    conclude(
        name, "10 random cases, 3 of them exact ties", got, expected,
        [
            Mistake("the stability limit is eta < 2 / L, not 1 / L.", np.maximum(np.floor(x1) + 1, 0)),
            Mistake("one step too late: the first stable k is the smallest whole number above tau (eta0 L / 2 - 1).",
             expected + 1),
            Mistake("wrong at a tie: when tau (eta0 L / 2 - 1) is a whole number k, eta_k = 2 / L exactly, the "
             "factor is -1 and step k is not yet stable; the answer is the first whole number strictly above "
             "the bound, which ceil does not give at a tie.", np.maximum(np.ceil(x), 0)),
            Mistake("one step too early: at that k the schedule is still at or above 2 / L; "
             "take the next whole number.", expected - 1),
            Mistake("when eta0 is already below 2 / L the answer is 0, not a negative number.",
             np.floor(x) + 1),
            Mistake("round up, not to the nearest whole number: every k before the answer is still unstable.",
             np.maximum(np.round(x), 0)),
        ],
        rtol=0, atol=1e-9, seed=seed,
        fallback="k is not the first step at which eta0 / (1 + k / tau) falls below 2 / L",
    )
