"""Forward-mode automatic differentiation with dual numbers: ``Dual`` (chapter 12).

A dual number ``a + b eps`` has a value part ``a`` and a derivative part ``b``,
with the rule ``eps^2 = 0``. Then, for any function built from the operations
below, ``f(a + b eps) = f(a) + f'(a) b eps`` exactly: the derivative part carries
the derivative through every operation by the chain rule. Seeding ``b = 1`` at an
input gives ``f'(a)`` in one evaluation (:func:`derivative`).

Chapter 2's complex step is the same idea with ``i^2 = -1`` in place of
``eps^2 = 0``: ``f(x + ih) = f(x) + f'(x) i h - f''(x) h^2 / 2 + ...``, and with a
tiny ``h`` the ``h^2`` term drops below rounding. Dual numbers drop it exactly,
for any ``h``.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Callable
from typing import Any

from . import validation as v
from .autodiff import integer_exponent

Number = int | float


class Dual:
    """A dual number ``value + dual * eps`` with eps^2 = 0 (chapter 12)."""

    __slots__ = ("value", "dual")

    def __init__(self, value: Number, dual: Number = 0.0) -> None:
        self.value = v.real_scalar("value", value)
        self.dual = v.real_scalar("dual", dual)

    def __repr__(self) -> str:
        return f"Dual({self.value:.6g}, {self.dual:.6g})"

    def __add__(self, other: Dual | Number) -> Dual:
        other = as_dual(other)
        return Dual(self.value + other.value, self.dual + other.dual)

    def __sub__(self, other: Dual | Number) -> Dual:
        other = as_dual(other)
        return Dual(self.value - other.value, self.dual - other.dual)

    def __mul__(self, other: Dual | Number) -> Dual:
        other = as_dual(other)  # (a + b eps)(c + d eps) = ac + (ad + bc) eps
        return Dual(self.value * other.value, self.value * other.dual + self.dual * other.value)

    def __truediv__(self, other: Dual | Number) -> Dual:
        other = as_dual(other)
        if other.value == 0.0:
            raise ZeroDivisionError(f"division by a Dual whose value is 0 (dividing {self.value!r})")
        quotient = self.value / other.value  # (a/c) + (b - (a/c) d)/c eps
        return Dual(quotient, (self.dual - quotient * other.dual) / other.value)

    def __radd__(self, other: Number) -> Dual:
        return as_dual(other) + self

    def __rsub__(self, other: Number) -> Dual:
        return as_dual(other) - self

    def __rmul__(self, other: Number) -> Dual:
        return as_dual(other) * self

    def __rtruediv__(self, other: Number) -> Dual:
        return as_dual(other) / self

    def __neg__(self) -> Dual:
        return Dual(-self.value, -self.dual)

    def __pow__(self, n: int) -> Dual:
        n = integer_exponent(n)
        if n < 0 and self.value == 0.0:
            raise ZeroDivisionError(f"0 to the negative power {n}")
        slope = 0.0 if n == 0 else n * self.value ** (n - 1)
        return Dual(self.value**n, slope * self.dual)

    def exp(self) -> Dual:
        """exp(a + b eps) = exp(a) + exp(a) b eps."""
        out = math.exp(self.value)
        return Dual(out, out * self.dual)

    def log(self) -> Dual:
        """log(a + b eps) = log(a) + (b / a) eps, for a > 0."""
        if self.value <= 0.0:
            raise ValueError(f"log needs a positive number, got value = {self.value!r}")
        return Dual(math.log(self.value), self.dual / self.value)

    def tanh(self) -> Dual:
        """tanh(a + b eps) = tanh(a) + (1 - tanh(a)^2) b eps."""
        t = math.tanh(self.value)
        return Dual(t, (1.0 - t * t) * self.dual)

    def relu(self) -> Dual:
        """max(a, 0), with derivative part b for a > 0 and 0 otherwise."""
        return Dual(self.value, self.dual) if self.value > 0.0 else Dual(0.0, 0.0)


def as_dual(x: Dual | Number) -> Dual:
    """``x`` itself if it is a Dual, else the constant ``x + 0 eps`` (chapter 12)."""
    if isinstance(x, Dual):
        return x
    if isinstance(x, bool) or not isinstance(x, numbers.Real):
        raise TypeError(f"a Dual can be combined with Duals and real numbers only, got {v.show(x)}")
    return Dual(x, 0.0)


def derivative(f: Callable[[Dual], Any], x: Number) -> float:
    """f'(x) by forward mode: the derivative part of f(x + 1 eps) (chapter 12)."""
    v.callable_arg("f", f)
    out = f(Dual(v.real_scalar("x", x), 1.0))
    if not isinstance(out, Dual):
        if isinstance(out, numbers.Real) and not isinstance(out, bool):
            return 0.0  # f ignored its argument: a constant
        raise TypeError(f"f must return a Dual (or a constant number), got {v.show(out)}")
    return out.dual


def directional_derivative(f: Callable[[list[Dual]], Any], x: Any, direction: Any) -> float:
    """The derivative of f at ``x`` along ``direction``, grad f(x) . direction, in one forward pass (chapter 12).

    ``f`` takes a list of Duals (one per coordinate). Seeding coordinate i with
    derivative part ``direction[i]`` makes the output's derivative part the
    directional derivative; ``d`` such passes, one per unit vector, give the gradient.
    """
    v.callable_arg("f", f)
    xs, ds = list(x), list(direction)
    if len(xs) != len(ds):
        raise ValueError(f"x and direction must have the same length, got {len(xs)} and {len(ds)}")
    out = f([Dual(a, b) for a, b in zip(xs, ds)])
    if not isinstance(out, Dual):
        raise TypeError(f"f must return a Dual (build it from the Duals it receives), got {v.show(out)}")
    return out.dual
