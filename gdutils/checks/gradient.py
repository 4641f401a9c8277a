"""Self-checks for the exercises of chapter 3 (Partial derivatives and the gradient)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from .common import PRECEDENCE_2H, Mistake, call_must_restore, conclude, start_check
from .. import validation
from .core import CheckFailed, as_real, call, short


def _as_vector(name: str, value: Any, size: int, shown: str) -> np.ndarray:
    """The reader's result must be ``size`` real numbers (a list, tuple or 1-D array)."""
    problem = validation.real_result_problem(value, None)  # the one test of a reader's result
    if problem == "none":
        raise CheckFailed(f"{name}({shown}) returned None: is a `return` missing?")
    if problem is not None:
        raise CheckFailed(f"{name}({shown}) should return {size} real numbers, got {type(value).__name__} "
                          f"{short(value)}")
    arr = np.asarray(value)
    if arr.shape != (size,):
        raise CheckFailed(f"{name}: wrong shape: {name}({shown}) should return {size} numbers (one per "
                          f"coordinate), got an array of shape {arr.shape}")
    return arr.astype(float)


def _point(p: np.ndarray) -> str:
    return "[" + ", ".join(f"{c:.3g}" for c in p) + "]"


# --- Exercise 3.1 -----------------------------------------------------------------------------

def check_gradient_g(grad_g: Callable, *, seed: int | None = None) -> None:
    """Exercise 3.1: grad_g(p) must be the gradient of g(x, y) = x^2 y + 3y^2 - 2x at p = [x, y]."""
    name, rng, seed = start_check("grad_g", grad_g, seed)
    points = rng.uniform(-3.0, 3.0, size=(10, 2))
    got = np.array([_as_vector(name, call(name, grad_g, p.copy()), 2, _point(p)) for p in points])
    x, y = points[:, 0], points[:, 1]

    def pair(gx: np.ndarray, gy: np.ndarray) -> np.ndarray:
        return np.column_stack([gx, gy])

    dx, dy = 2 * x * y - 2, x * x + 6 * y
    conclude(
        name, "matches the gradient of g at 10 random points", got, pair(dx, dy),
        [
            Mistake("sign flipped: the gradient points uphill; differentiate g as it stands.", -pair(dx, dy)),
            Mistake("the two partial derivatives are swapped: the first entry is dg/dx, the second dg/dy.",
             pair(dy, dx)),
            Mistake("dg/dx misses the cross term: x^2 y depends on x too (y is held constant, not dropped).",
             pair(-2 + 0 * x, dy)),
            Mistake("dg/dy misses the cross term: x^2 y depends on y too (x^2 is a constant factor).",
             pair(dx, 6 * y)),
            Mistake("in dg/dx the factor y of x^2 y went missing: holding y constant keeps it as a factor.",
             pair(2 * x - 2, dy)),
            Mistake("dg/dx misses the term -2x, whose derivative in x is -2.", pair(2 * x * y, dy)),
            Mistake("dg/dy: the derivative of 3y^2 in y is 6y.", pair(dx, x * x + 3 * y)),
        ],
        rtol=1e-9, atol=1e-9, seed=seed,
        fallback="grad_g(p) is not the gradient of g at some points; take each partial derivative "
                 "holding the other variable constant",
    )


# --- Exercise 3.2 -----------------------------------------------------------------------------

def _smooth_function(rng: np.random.Generator, d: int) -> Callable:
    """A smooth function of a point in d dimensions with random coefficients."""
    a, b, c = rng.uniform(0.5, 2.0, d), rng.uniform(0.5, 1.5, d), rng.uniform(-1.0, 1.0, d)

    def f(p):
        p = np.asarray(p, dtype=float)
        return float(np.sum(a * np.sin(b * p)) + np.dot(c, p) ** 2 + 0.1 * np.sum(p ** 3))

    return f


def _quotients(f: Callable, x: np.ndarray, h: float) -> dict[str, np.ndarray]:
    """The right central differences and the quotients of common mistakes, per coordinate."""
    plus, minus = [], []
    for i in range(x.size):
        e = np.zeros_like(x)
        e[i] = h
        plus.append(f(x + e))
        minus.append(f(x - e))
    fp, fm, f0 = np.array(plus), np.array(minus), f(x)
    ones = np.ones(x.size)  # shifting every coordinate at once gives the same quotient for each i
    return {
        "right": (fp - fm) / (2 * h),
        "diagonal": ones * (f(x + h) - f(x - h)) / (2 * h),
        "diagonal forward": ones * (f(x + h) - f0) / h,
        "forward": (fp - f0) / h,
        "backward": (f0 - fm) / h,
        "no 2h": (fp - fm) / h,
        "precedence": (fp - fm) / 2 * h,
    }


_SHIFTS_AND_BACK = ((1, -2, 1), (1, -1, -1, 1), (-1, 2, -1))
"""Ways of shifting x[i] in place and back, in multiples of h: x[i] += h, x[i] -= 2 h, x[i] += h, ..."""


def _drifting(rng: np.random.Generator, h: float, shifts: tuple[int, ...]) -> float:
    """A coordinate in [-2, 2) that these shifts by h do not bring back exactly (about every other one)."""
    while True:
        value = moved = float(rng.uniform(-2.0, 2.0))
        for s in shifts:
            moved += s * h
        if moved != value:
            return value


def check_numerical_gradient(my_numerical_gradient: Callable, *, seed: int | None = None) -> None:
    """Exercise 3.2: central differences in any dimension, leaving the caller's x unchanged."""
    name, rng, seed = start_check("my_numerical_gradient", my_numerical_gradient, seed)
    # x is handed over as a writable copy that must come back bit for bit: saving x[i] and restoring
    # it is allowed; shifting it by h and back is not exact, and the 5-D case makes sure it shows.
    got, rows = [], []
    for d in (1, 2, 3, 4, 5):
        f = _smooth_function(rng, d)
        x = rng.uniform(-2.0, 2.0, d)
        h = float(10 ** rng.uniform(-3.0, -2.0))
        if d == 5:
            x[:3] = [_drifting(rng, h, shifts) for shifts in _SHIFTS_AND_BACK]
        rows.append(_quotients(f, x, h))
        value = call_must_restore(name, my_numerical_gradient, f, x, h, what="x",
                                  example="xp = x.copy(); xp[i] += h")
        got.append(_as_vector(name, value, d, f"f, {_point(x)}, {h:.3g}"))
    got_all = np.concatenate(got)

    def join(key: str) -> np.ndarray:
        return np.concatenate([r[key] for r in rows])

    diagonal = ("x + h shifts every coordinate at once: that is a slope along the diagonal, not a partial "
                "derivative. Shift only coordinate i: x + h e_i and x - h e_i.")
    conclude(
        name, "1 to 5 dimensions, x untouched", got_all, join("right"),
        [
            (diagonal, join("diagonal")),
            (diagonal, join("diagonal forward")),
            Mistake("that is the forward difference (f(x + h e_i) - f(x)) / h; use x + h e_i and x - h e_i.",
             join("forward")),
            Mistake("that is the backward difference; use x + h e_i and x - h e_i.", join("backward")),
            Mistake("factor of 2: x + h e_i and x - h e_i are 2h apart, so divide by 2h.", join("no 2h")),
            Mistake(PRECEDENCE_2H,
             join("precedence")),
            Mistake("sign flipped: subtract f(x - h e_i) from f(x + h e_i).", -join("right")),
        ],
        rtol=1e-8, atol=1e-10, seed=seed,
        fallback="the result is not the central-difference gradient with step h in every coordinate "
                 "(tried 1 to 5 dimensions)",
    )


# --- Exercise 3.3 -----------------------------------------------------------------------------

def check_directional_derivative(directional_derivative: Callable, *, seed: int | None = None) -> None:
    """Exercise 3.3: directional_derivative(grad, p, v) must be grad(p) . v / |v|."""
    name, rng, seed = start_check("directional_derivative", directional_derivative, seed)
    rows, expected, raw, over_sq, norms, unit_grad = [], [], [], [], [], []
    for d in (2, 2, 2, 3, 3, 4):
        m = rng.uniform(-1.0, 1.0, (d, d))
        a = m @ m.T + np.eye(d)  # f(p) = p.A p / 2 + b.p has gradient A p + b
        b = rng.uniform(-1.0, 1.0, d)

        def grad(p, a=a, b=b):
            return a @ np.asarray(p, dtype=float) + b

        p = rng.uniform(-2.0, 2.0, d)
        v = rng.uniform(-1.0, 1.0, d)
        v *= rng.uniform(2.0, 5.0) / np.linalg.norm(v)  # never a unit vector
        g = grad(p)
        rows.append((grad, p, v))
        raw.append(g @ v)
        expected.append(g @ v / np.linalg.norm(v))
        over_sq.append(g @ v / (v @ v))
        norms.append(np.linalg.norm(g))
        unit_grad.append(g @ v / np.linalg.norm(g))
    got = []
    for grad, p, v in rows:
        p_in, v_in = p.copy(), v.copy()
        value = call(name, directional_derivative, grad, p_in, v_in)
        got.append(as_real(name, value, (), shown=f"grad, {_point(p)}, {_point(v)}",
                           want="one number (a slope)"))
    expected_a = np.array(expected)
    conclude(
        name, "6 random functions and directions", np.array(got), expected_a,
        [
            Mistake("v is not a unit vector: divide by its length |v| first (the slope per unit of distance).",
             np.array(raw)),
            Mistake("divide by the length |v|, not by |v|^2.", np.array(over_sq)),
            Mistake("sign flipped: the slope along v is grad(p) . v / |v|.", -expected_a),
            Mistake("that is |grad f(p)|, the largest slope over all directions; the slope along v depends on v.",
             np.array(norms)),
            Mistake("you normalised the gradient instead of the direction v.", np.array(unit_grad)),
        ],
        rtol=1e-9, atol=1e-9, seed=seed,
        fallback="the result is not the slope of f at p along the direction of v",
    )
