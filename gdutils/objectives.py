"""The functions the chapters minimise, each with its analytic derivatives.

Powers are written as products (``x * x * x``, not ``x**3``): products are exactly
rounded IEEE operations, so every machine prints the same digits.

Every derivative written here is checked against finite differences and the
complex step in ``tests/test_objectives.py``.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

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
