"""The functions the chapters minimise, each with its analytic derivatives.

Powers are written as products (``x * x * x``, not ``x**3``): products are exactly
rounded IEEE operations, so every machine prints the same digits.

Every derivative written here is checked against finite differences and the
complex step in ``tests/test_objectives.py``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import numpy as np

from . import validation as v


@dataclass(frozen=True)
class Objective:
    """A function of one variable with its derivatives and, where known, its minimiser (chapter 1).

    The callables accept floats and numpy arrays (real or complex), elementwise.
    """

    label: str
    f: Callable
    df: Callable
    d2f: Callable | None = None
    minimizer: float | None = None

    def __call__(self, x):
        return self.f(x)


def _square(x):
    return x * x


def _square_d(x):
    return 2 * x


def _shifted(x):
    return x * x - 4 * x + 4


def _shifted_d(x):
    return 2 * x - 4


def _cubic(x):
    return x * x * x + 2 * (x * x) - 5


def _cubic_d(x):
    return 3 * (x * x) + 4 * x


def _cubic_d2(x):
    return 6 * x + 4


def _two(x):
    return 2.0 + 0.0 * x


SQUARE = Objective("$x^2$", _square, _square_d, _two, minimizer=0.0)
"""f(x) = x^2, f'(x) = 2x, f''(x) = 2 (chapter 1)."""

SHIFTED_SQUARE = Objective("$x^2 - 4x + 4$", _shifted, _shifted_d, _two, minimizer=2.0)
"""f(x) = x^2 - 4x + 4 = (x - 2)^2, f'(x) = 2x - 4 (chapter 1)."""

CUBIC = Objective("$x^3 + 2x^2 - 5$", _cubic, _cubic_d, _cubic_d2, minimizer=0.0)
"""f(x) = x^3 + 2x^2 - 5, f' = 3x^2 + 4x, f'' = 6x + 4, f''' = 6 (chapter 1).

Its minimiser 0 is only local: f has a local maximum at -4/3 and falls without bound to the left.
"""


def quadratic(a: float, c: float = 0.0) -> Objective:
    """f(x) = a (x - c)^2 with f'(x) = 2a (x - c): the bowl whose descent has a closed form (chapter 1).

    From x_0, descent with learning rate eta gives x_k = c + (1 - 2 a eta)^k (x_0 - c).
    """
    a = v.positive_scalar("a", a)
    c = v.real_scalar("c", c)
    shift = "x" if c == 0 else f"(x {'-' if c > 0 else '+'} {abs(c):g})"
    return Objective(
        f"${'' if a == 1 else f'{a:g}'}{shift}^2$",
        lambda x: a * ((x - c) * (x - c)),
        lambda x: 2 * a * (x - c),
        lambda x: 2 * a + 0.0 * x,
        minimizer=c,
    )


# ---------------------------------------------------------------------------
# Functions of several variables (chapter 3 onwards)
#
# Each takes one point p, a 1-D array (p[0] = x, p[1] = y, ...), the convention of
# gradient_descent and numerical_gradient. They are written with p[0], p[1], ...
# and elementwise operations only, so they also accept a stack of points of shape
# (d, ...) and then return one value (or one gradient column) per point: that is how
# the plotting helpers evaluate them on a whole grid at once.
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class MultiObjective:
    """A function of a point p (1-D array) with its gradient and, where known, its minimiser (chapter 3)."""

    label: str
    f: Callable
    grad: Callable
    minimizer: tuple[float, ...] | None = None

    def __call__(self, p):
        return self.f(p)


def _paraboloid(p):
    return p[0] * p[0] + p[1] * p[1]


def _paraboloid_grad(p):
    return np.array([2 * p[0], 2 * p[1]])


def _tilted(p):
    return p[0] * p[0] - p[0] * p[1] + 2 * (p[1] * p[1])


def _tilted_grad(p):
    return np.array([2 * p[0] - p[1], 4 * p[1] - p[0]])


def _three(p):
    x, y, z = p[0], p[1], p[2]
    return x * x - 2 * x + y * y + z * z + y * z


def _three_grad(p):
    x, y, z = p[0], p[1], p[2]
    return np.array([2 * x - 2, 2 * y + z, 2 * z + y])


PARABOLOID = MultiObjective("$x^2 + y^2$", _paraboloid, _paraboloid_grad, minimizer=(0.0, 0.0))
"""f(x, y) = x^2 + y^2 with gradient (2x, 2y) (chapter 3)."""

TILTED_BOWL = MultiObjective("$x^2 - xy + 2y^2$", _tilted, _tilted_grad, minimizer=(0.0, 0.0))
"""f(x, y) = x^2 - xy + 2y^2 with gradient (2x - y, 4y - x): elliptic contours at a slant (chapter 3)."""

THREE_VARIABLE_BOWL = MultiObjective(
    "$x^2 - 2x + y^2 + z^2 + yz$", _three, _three_grad, minimizer=(1.0, 0.0, 0.0)
)
"""f(x, y, z) = x^2 - 2x + y^2 + z^2 + yz with gradient (2x - 2, 2y + z, 2z + y) (chapter 3).

Its Hessian [[2, 0, 0], [0, 2, 1], [0, 1, 2]] has eigenvalues 1, 2 and 3, so f is a
bowl with its minimum f = -1 at (1, 0, 0).
"""


def bowl(a: float, b: float) -> MultiObjective:
    """f(x, y) = a x^2 + b y^2 with gradient (2a x, 2b y), minimum at (0, 0) (chapter 4).

    The Hessian is diag(2a, 2b): the curvatures along the axes are 2a and 2b, and
    the condition number is max(a, b) / min(a, b).
    """
    a = v.positive_scalar("a", a)
    b = v.positive_scalar("b", b)

    def coef(c: float) -> str:
        return "" if c == 1 else f"{c:g}"

    def f(p):
        return a * (p[0] * p[0]) + b * (p[1] * p[1])

    def grad(p):
        return np.array([2 * a * p[0], 2 * b * p[1]])

    return MultiObjective(f"${coef(a)}x^2 + {coef(b)}y^2$", f, grad, minimizer=(0.0, 0.0))


ELONGATED_BOWL = bowl(1.0, 10.0)
"""f(x, y) = x^2 + 10 y^2 with gradient (2x, 20y): curvatures 2 and 20, condition number 10 (chapter 4)."""

NARROW_BOWL = bowl(1.0, 100.0)
"""f(x, y) = x^2 + 100 y^2 with gradient (2x, 200y): curvatures 2 and 200, condition number 100 (chapter 10)."""


def _turned(p):
    return 0.5 * (101 * p[0] * p[0] - 198 * p[0] * p[1] + 101 * p[1] * p[1])


def _turned_grad(p):
    return np.array([101 * p[0] - 99 * p[1], 101 * p[1] - 99 * p[0]])


TURNED_BOWL = MultiObjective("$x^2 + 100y^2$ turned by 45°", _turned, _turned_grad, minimizer=(0.0, 0.0))
"""NARROW_BOWL turned by 45 degrees: f(p) = p^T A p / 2 with A = [[101, -99], [-99, 101]] (chapter 11).

f(x, y) = (101 x^2 - 198 xy + 101 y^2) / 2, gradient A p = (101x - 99y, 101y - 99x).
A = Q diag(2, 200) Q^T, Q the rotation by 45 degrees: the curvatures 2 and 200 of
x^2 + 100 y^2 lie along the diagonals (1, 1) and (1, -1) instead of the axes.
"""


def _himmelblau(p):
    u = p[0] * p[0] + p[1] - 11
    w = p[0] + p[1] * p[1] - 7
    return u * u + w * w


def _himmelblau_grad(p):
    u = p[0] * p[0] + p[1] - 11
    w = p[0] + p[1] * p[1] - 7
    return np.array([4 * p[0] * u + 2 * w, 2 * u + 4 * p[1] * w])


HIMMELBLAU = MultiObjective("$(x^2 + y - 11)^2 + (x + y^2 - 7)^2$", _himmelblau, _himmelblau_grad)
"""Himmelblau's function, with four minima, all with f = 0 (chapter 4); see HIMMELBLAU_MINIMA.

Gradient: (4x(x^2 + y - 11) + 2(x + y^2 - 7), 2(x^2 + y - 11) + 4y(x + y^2 - 7)).
"""

HIMMELBLAU_MINIMA: tuple[tuple[float, float], ...] = (
    (3.0, 2.0),
    (-2.805118086952745, 3.131312518250573),
    (-3.779310253377747, -3.2831859912861696),
    (3.5844283403304917, -1.8481265269644036),
)
"""The four minimisers of Himmelblau's function, to float64 precision (Newton's method) (chapter 4)."""
# ---------------------------------------------------------------------------
# Bowls and valleys that know their minimum (chapter 5)
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class SurfaceObjective(MultiObjective):
    """A MultiObjective that also knows its minimum value ``f_min`` and, for a quadratic, its matrix ``A`` (chapter 5).

    ``A`` is the matrix of a quadratic f(p) = p^T A p / 2 - b^T p, else None.
    """

    f_min: float = 0.0
    A: object = None


def quadratic_bowl(A, b=None, label: str | None = None) -> SurfaceObjective:
    """f(p) = p^T A p / 2 - b^T p, grad f = A p - b, for a symmetric positive-definite A (chapter 5).

    The minimiser solves A p = b; the minimum is -b^T A^{-1} b / 2. With A = 2I and
    b = 0 this is x^2 + y^2; with A = diag(2, 20), x^2 + 10 y^2. f also accepts a
    stack of points of shape (d, ...) (a grid).
    """
    A = v.spd_matrix("A", A)
    d = A.shape[0]
    b = np.zeros(d) if b is None else v.real_array("b", b)
    if b.shape != (d,):
        raise ValueError(f"b must be a 1-D array of {d} entries (the size of A), got shape {b.shape}")
    A.setflags(write=False)
    b.setflags(write=False)
    x_star = np.linalg.solve(A, b)

    def f(p):
        p = np.asarray(p)
        return 0.5 * np.einsum("i...,ij,j...->...", p, A, p) - np.tensordot(b, p, axes=1)

    def grad(p):
        p = np.asarray(p, dtype=float)
        return np.tensordot(A, p, axes=1) - b.reshape((d,) + (1,) * (p.ndim - 1))

    return SurfaceObjective(label or "quadratic bowl", f, grad, tuple(float(c) for c in x_star),
                            float(-0.5 * b @ x_star), A)


def _rosenbrock(p):
    x, y = p[0], p[1]
    return (1 - x) * (1 - x) + 100 * ((y - x * x) * (y - x * x))


def _rosenbrock_grad(p):
    x, y = p[0], p[1]
    return np.array([-2 * (1 - x) - 400 * x * (y - x * x), 200 * (y - x * x)])


ROSENBROCK = SurfaceObjective("Rosenbrock", _rosenbrock, _rosenbrock_grad, (1.0, 1.0), 0.0)
"""f(x, y) = (1 - x)^2 + 100 (y - x^2)^2, a curved valley with its minimum 0 at (1, 1) (chapter 5).

grad f = (-2 (1 - x) - 400 x (y - x^2), 200 (y - x^2)).
"""


# ---------------------------------------------------------------------------
# Convexity and rates (chapter 9)
# ---------------------------------------------------------------------------


def _quartic(x):
    return (x * x) * (x * x)


def _quartic_d(x):
    return 4 * (x * x * x)


def _quartic_d2(x):
    return 12 * (x * x)


QUARTIC = Objective("$x^4$", _quartic, _quartic_d, _quartic_d2, minimizer=0.0)
"""f(x) = x^4, f' = 4x^3, f'' = 12x^2: convex, but flat at its minimum (chapter 9).

Its curvature vanishes at 0, so f is not strongly convex there and descent slows down
as it approaches: the iterates decay like 1/sqrt(8 eta k), not geometrically.
"""


def _double_well(x):
    return (x * x) * (x * x) - 2 * (x * x)


def _double_well_d(x):
    return 4 * (x * x * x) - 4 * x


def _double_well_d2(x):
    return 12 * (x * x) - 4


DOUBLE_WELL = Objective("$x^4 - 2x^2$", _double_well, _double_well_d, _double_well_d2, minimizer=1.0)
"""f(x) = x^4 - 2x^2, f' = 4x^3 - 4x, f'' = 12x^2 - 4: not convex (chapter 9).

Two minima, at -1 and 1 (f = -1), and a local maximum at 0; f'' < 0 for |x| < 1/sqrt(3).
"""

COSH = Objective(r"$\cosh x$", np.cosh, np.sinh, np.cosh, minimizer=0.0)
"""f(x) = cosh x, f' = sinh x, f'' = cosh x >= 1: 1-strongly convex, not L-smooth on all of R (chapter 9).

Newton's step is x - sinh(x) / cosh(x) = x - tanh(x), about x^3 / 3 for small x.
"""


def _saddle(p):
    return p[0] * p[0] - p[1] * p[1]


def _saddle_grad(p):
    return np.array([2 * p[0], -2 * p[1]])


SADDLE = MultiObjective("$x^2 - y^2$", _saddle, _saddle_grad)
"""f(x, y) = x^2 - y^2 with gradient (2x, -2y): a saddle point at (0, 0), no minimum (chapter 9).

Descent shrinks x by 1 - 2 eta per step and stretches y by 1 + 2 eta.
"""


def pseudo_huber_bowl(mu: float = 0.0) -> SurfaceObjective:
    """f(x, y) = sqrt(1 + x^2) + sqrt(1 + y^2) - 2 + (mu / 2)(x^2 + y^2), minimum 0 at (0, 0) (chapter 9).

    A bowl that is not a quadratic: near the minimum it curves like one, far away each
    sqrt grows only linearly. Its Hessian is diagonal with entries
    (1 + x^2)^(-3/2) + mu and (1 + y^2)^(-3/2) + mu, all between mu and 1 + mu, so f is
    L-smooth with L = 1 + mu, reached at the minimum, and mu-strongly convex (for
    mu > 0; with mu = 0 it is convex, but its curvature fades to 0 far away). Written
    with sqrt and elementwise products only: every machine computes the same digits.
    """
    mu = v.non_negative_scalar("mu", mu)

    def f(p):
        x, y = p[0], p[1]
        # sqrt(1 + x^2) - 1 written as x^2 / (sqrt(1 + x^2) + 1): no cancellation near 0
        return (x * x / (np.sqrt(1 + x * x) + 1) + y * y / (np.sqrt(1 + y * y) + 1)
                + (mu / 2) * (x * x + y * y))

    def grad(p):
        x, y = np.asarray(p[0], dtype=float), np.asarray(p[1], dtype=float)
        return np.array([x / np.sqrt(1 + x * x) + mu * x, y / np.sqrt(1 + y * y) + mu * y])

    label = "pseudo-Huber bowl" + ("" if mu == 0 else f", mu = {mu:g}")
    return SurfaceObjective(label, f, grad, (0.0, 0.0), 0.0)

