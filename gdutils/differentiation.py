"""Numerical derivatives: difference quotients, the complex step, gradients.

Introduced in chapter 2 (Difference quotients) and chapter 3 (Partial derivatives
and the gradient).
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from . import validation as v

EPS: float = float(np.finfo(np.float64).eps)
"""Machine epsilon of float64, about 2.2e-16 (chapter 2)."""

H_FORWARD: float = float(np.sqrt(EPS))
"""Default step of the one-sided quotients, sqrt(eps) ~ 1.5e-8 (chapter 2)."""

H_CENTRAL: float = 6.0554544523933395e-06
"""Default step of the central quotient, cbrt(eps) ~ 6.1e-6 (chapter 2).

Written out as the correctly rounded cube root of eps: ``np.cbrt`` is not correctly
rounded on every machine (its SIMD and libm versions differ in the last bit), and
every central difference in the book would inherit that difference.
"""

H_COMPLEX: float = 1e-20
"""Default step of the complex-step derivative; any tiny h works (chapter 2)."""


def _output(f_name: str, value: object, shape: tuple[int, ...]) -> np.ndarray:
    """Check that f returned real numbers shaped like its input."""
    if value is None:
        raise TypeError(f"{f_name} returned None: is a `return` missing?")
    arr = np.asarray(value)
    if arr.dtype == object or arr.dtype == bool or not np.issubdtype(arr.dtype, np.number):
        raise TypeError(f"{f_name} must return real numbers, got {v.show(value)}")
    if arr.shape != shape:
        raise ValueError(
            f"{f_name} must return one real number per input point (shape {shape}), "
            f"got shape {arr.shape}"
        )
    return arr


def _real(arr: np.ndarray) -> np.ndarray:
    """Refuse complex values, whose imaginary part a quotient would silently drop."""
    if np.iscomplexobj(arr):
        raise TypeError("f must return real numbers for real x, got complex values")
    return arr


def _quotient(f: Callable, x: object, h: object, offsets: tuple[float, float], divisor: float) -> float | np.ndarray:
    """(f(x + a h) - f(x + b h)) / (divisor h), validated; the shared core of the quotients."""
    v.callable_arg("f", f)
    x_arr = v.real_array("x", x)
    h_f = v.positive_scalar("h", h)
    a, b = offsets
    xa, xb = x_arr + a * h_f, x_arr + b * h_f
    arg = (lambda z: float(z)) if x_arr.ndim == 0 else (lambda z: z)
    fa = _real(_output("f", f(arg(xa)), x_arr.shape))
    fb = _real(_output("f", f(arg(xb)), x_arr.shape))
    result = (fa - fb) / (divisor * h_f)
    return float(result) if x_arr.ndim == 0 else np.asarray(result, dtype=np.float64)


def forward_difference(f: Callable, x: float | np.ndarray, h: float = H_FORWARD) -> float | np.ndarray:
    """(f(x + h) - f(x)) / h: error O(h) (chapter 2).

    ``x`` may be an array, in which case ``f`` must accept arrays and the quotient
    is taken elementwise.
    """
    return _quotient(f, x, h, (1.0, 0.0), 1.0)


def backward_difference(f: Callable, x: float | np.ndarray, h: float = H_FORWARD) -> float | np.ndarray:
    """(f(x) - f(x - h)) / h: error O(h) (chapter 2)."""
    return _quotient(f, x, h, (0.0, -1.0), 1.0)


def central_difference(f: Callable, x: float | np.ndarray, h: float = H_CENTRAL) -> float | np.ndarray:
    """(f(x + h) - f(x - h)) / (2h): error O(h^2) (chapter 2)."""
    return _quotient(f, x, h, (1.0, -1.0), 2.0)


def complex_step(f: Callable, x: float | np.ndarray, h: float = H_COMPLEX) -> float | np.ndarray:
    """Im f(x + ih) / h: exact to rounding for analytic f written with complex-safe operations (chapter 2).

    ``f`` must accept complex arguments (use ``np.exp``, ``np.sin``, ..., not ``math``);
    ``abs`` returns the modulus and loses the derivative; a branch must test the real part
    (``z.real > 0``), as chapter 12's complex relu does.
    """
    v.callable_arg("f", f)
    x_arr = v.real_array("x", x)
    h_f = v.positive_scalar("h", h)
    z = x_arr + 1j * h_f
    fz = _output("f", f(complex(z) if x_arr.ndim == 0 else z), x_arr.shape)
    if not np.iscomplexobj(fz):
        raise TypeError(
            "f returned a real value for a complex argument, so the complex step cannot "
            "see the derivative; write f with numpy functions that accept complex numbers "
            "(np.abs, for one, is not analytic; a constant f has derivative 0)"
        )
    result = np.imag(fz) / h_f
    return float(result) if x_arr.ndim == 0 else np.asarray(result, dtype=np.float64)


def numerical_gradient(f: Callable, x: float | np.ndarray, h: float | None = None) -> float | np.ndarray:
    """Gradient of ``f`` at ``x`` by central differences, one coordinate at a time (chapter 3).

    ``f`` maps a 1-D array to a real number. Returns an array shaped like ``x``
    (a float for a scalar ``x``). ``x`` is never modified. With ``h=None`` each
    coordinate uses ``cbrt(eps) * max(1, |x_i|)``.
    """
    v.callable_arg("f", f)
    x_arr = v.real_point("x", x)  # a private copy
    if x_arr.ndim == 0:
        return central_difference(f, float(x_arr), H_CENTRAL * max(1.0, abs(float(x_arr))) if h is None else h)
    if h is None:
        steps = H_CENTRAL * np.maximum(1.0, np.abs(x_arr))
    else:
        steps = np.full(x_arr.shape, v.positive_scalar("h", h))
    grad = np.empty_like(x_arr)
    for i, step in enumerate(steps):
        plus, minus = x_arr.copy(), x_arr.copy()
        plus[i] += step
        minus[i] -= step
        f_plus, f_minus = v.real_result("f", f(plus)), v.real_result("f", f(minus))
        grad[i] = (f_plus - f_minus) / (2.0 * step)
    return grad


def gradient_check(f: Callable, grad: Callable, x: float | np.ndarray, h: float | None = None) -> float:
    """Relative error ||g - n|| / max(||g||, ||n||) between ``grad(x)`` and the numerical gradient (chapter 3).

    A right analytic gradient typically gives about 1e-10 or less (chapter 3 accepts
    anything below 1e-8); a wrong one gives 1e-2 to 1. Check at a random point, not
    near a minimum, where the gradient is small and rounding dominates. Returns 0.0
    when both gradients are exactly zero.
    """
    v.callable_arg("grad", grad)
    x_arr = v.real_point("x", x)
    analytic = v.real_results("grad", grad(v.user_point(x_arr)))
    if analytic.shape != x_arr.shape:
        raise ValueError(f"grad must return an array shaped like x {x_arr.shape}, got shape {analytic.shape}")
    numeric = np.asarray(numerical_gradient(f, x_arr, h))
    scale = max(float(np.linalg.norm(analytic)), float(np.linalg.norm(numeric)))
    if scale == 0.0:
        return 0.0
    return float(np.linalg.norm(analytic - numeric) / scale)


def numerical_hessian(grad: Callable, x: np.ndarray, h: float | None = None) -> np.ndarray:
    """The Hessian at ``x`` by central differences of ``grad``, one column per coordinate (chapter 9).

    ``grad`` maps a 1-D array to the gradient there. Column i is
    (grad(x + h e_i) - grad(x - h e_i)) / (2h); the result is symmetrised,
    (H + H^T) / 2, since a Hessian is symmetric and the two halves differ only by
    rounding. ``x`` is never modified. With ``h=None`` each coordinate uses
    ``cbrt(eps) * max(1, |x_i|)``, as :func:`numerical_gradient` does.
    """
    v.callable_arg("grad", grad)
    x_arr = v.real_point("x", x)
    if x_arr.ndim != 1:
        raise ValueError(f"x must be a 1-D array (a point), got {x!r}; for one variable difference f' instead")
    if h is None:
        steps = H_CENTRAL * np.maximum(1.0, np.abs(x_arr))
    else:
        steps = np.full(x_arr.shape, v.positive_scalar("h", h))
    columns = []
    for i, step in enumerate(steps):
        plus, minus = x_arr.copy(), x_arr.copy()
        plus[i] += step
        minus[i] -= step
        g_plus, g_minus = (_output("grad", grad(q), x_arr.shape) for q in (plus, minus))
        columns.append((g_plus - g_minus) / (2.0 * step))
    H = np.column_stack(columns)
    return (H + H.T) / 2
