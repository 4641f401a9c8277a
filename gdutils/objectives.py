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

from . import _validate as v


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


@dataclass(frozen=True)
class Surface:
    """A function of two variables with its gradient and its minimisers (chapter 4).

    ``f(p)`` and ``grad(p)`` take a point ``p = (x, y)``. The two coordinates may
    also be arrays of one shape (``p = np.array([X, Y])``), so a whole grid is
    evaluated at once, as contour plots need; ``grad`` then returns an array of
    shape ``(2, *X.shape)``. ``curvatures`` are the eigenvalues of the Hessian when
    it is constant (quadratic bowls), else None.
    """

    label: str
    f: Callable
    grad: Callable
    minimizers: tuple[tuple[float, float], ...]
    curvatures: tuple[float, ...] | None = None

    def __call__(self, p):
        return self.f(p)


def bowl(a: float = 1.0, b: float = 1.0) -> Surface:
    """f(x, y) = a x^2 + b y^2 with gradient (2a x, 2b y), minimum at (0, 0) (chapter 4).

    The Hessian is diag(2a, 2b): the curvatures are 2a and 2b, the condition number
    max(a, b) / min(a, b). ``bowl()`` is the paraboloid x^2 + y^2, ``bowl(1, 10)`` the
    elongated bowl x^2 + 10 y^2.
    """
    a = v.positive_scalar("a", a)
    b = v.positive_scalar("b", b)

    def coef(c: float) -> str:
        return "" if c == 1 else f"{c:g}"

    def f(p):
        x, y = p[0], p[1]
        return a * (x * x) + b * (y * y)

    def grad(p):
        x, y = p[0], p[1]
        return np.array([2 * a * x, 2 * b * y])

    return Surface(f"${coef(a)}x^2 + {coef(b)}y^2$", f, grad, ((0.0, 0.0),),
                   curvatures=(2 * a, 2 * b))


PARABOLOID = bowl()
"""f(x, y) = x^2 + y^2, gradient (2x, 2y), minimum at (0, 0) (chapter 4)."""

ELONGATED_BOWL = bowl(1.0, 10.0)
"""f(x, y) = x^2 + 10 y^2, gradient (2x, 20y): condition number 10 (chapter 4)."""


def _himmelblau(p):
    x, y = p[0], p[1]
    u = x * x + y - 11
    w = x + y * y - 7
    return u * u + w * w


def _himmelblau_grad(p):
    x, y = p[0], p[1]
    u = x * x + y - 11
    w = x + y * y - 7
    return np.array([4 * x * u + 2 * w, 2 * u + 4 * y * w])


HIMMELBLAU = Surface(
    "$(x^2 + y - 11)^2 + (x + y^2 - 7)^2$",
    _himmelblau,
    _himmelblau_grad,
    (
        (3.0, 2.0),
        (-2.805118086952745, 3.131312518250573),
        (-3.779310253377747, -3.2831859912861696),
        (3.5844283403304917, -1.8481265269644036),
    ),
)
"""Himmelblau's function: four minima, each with f = 0 (chapter 4).

Gradient: (4x(x^2 + y - 11) + 2(x + y^2 - 7), 2(x^2 + y - 11) + 4y(x + y^2 - 7)).
"""
