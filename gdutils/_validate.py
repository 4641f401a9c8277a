"""Argument checks shared by the public functions of gdutils.

Every public function validates its arguments here, at the boundary, so that a
mistake is reported where it is made: the message names the argument, the value
received and what was expected.
"""

from __future__ import annotations

import numbers
from collections.abc import Callable
from typing import Any

import numpy as np


def _show(value: Any) -> str:
    """A short, readable rendering of a value for an error message."""
    if isinstance(value, np.ndarray):
        return f"array of shape {value.shape} and dtype {value.dtype}"
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def callable_arg(name: str, value: Any) -> Callable:
    """Require a function (or any callable)."""
    if not callable(value):
        raise TypeError(f"{name} must be a function, got {_show(value)}")
    return value


def real_scalar(name: str, value: Any) -> float:
    """Require a finite real number (not a bool, not complex) and return it as a float."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        if isinstance(value, np.ndarray) and value.ndim == 0 and np.isrealobj(value):
            return real_scalar(name, value.item())
        raise TypeError(f"{name} must be a real number, got {_show(value)}")
    value = float(value)
    if not np.isfinite(value):
        raise ValueError(f"{name} must be finite, got {value!r}")
    return value


def positive_scalar(name: str, value: Any) -> float:
    """Require a finite real number > 0."""
    value_f = real_scalar(name, value)
    if value_f <= 0:
        raise ValueError(f"{name} must be a positive number, got {value!r}")
    return value_f


def non_negative_int(name: str, value: Any) -> int:
    """Require a whole number >= 0 (a bool or a float such as 10.0 is refused)."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} must be a whole number (int), got {_show(value)}")
    if value < 0:
        raise ValueError(f"{name} must be >= 0, got {value!r}")
    return int(value)


def positive_int(name: str, value: Any) -> int:
    """Require a whole number >= 1."""
    value_i = non_negative_int(name, value)
    if value_i < 1:
        raise ValueError(f"{name} must be >= 1, got {value!r}")
    return value_i


def real_point(name: str, value: Any) -> np.ndarray:
    """Require a finite real scalar or 1-D array; return a float64 copy (0-d or 1-d).

    The copy is what keeps every gdutils routine from modifying the caller's array.
    """
    if isinstance(value, bool) or isinstance(value, (str, bytes)):
        raise TypeError(f"{name} must be a real number or a 1-D array of them, got {_show(value)}")
    try:
        arr = np.array(value)  # always a copy
    except Exception as exc:  # pragma: no cover - exotic objects
        raise TypeError(f"{name} must be a real number or a 1-D array of them, got {_show(value)}") from exc
    if arr.dtype == bool or not (np.issubdtype(arr.dtype, np.integer) or np.issubdtype(arr.dtype, np.floating)):
        raise TypeError(
            f"{name} must be a real number or a 1-D array of real numbers, got {_show(value)}"
        )
    if arr.ndim > 1:
        raise ValueError(f"{name} must be a scalar or a 1-D array, got an array of shape {arr.shape}")
    if arr.ndim == 1 and arr.size == 0:
        raise ValueError(f"{name} must not be empty")
    arr = arr.astype(np.float64)
    if not np.all(np.isfinite(arr)):
        raise ValueError(f"{name} must be finite, got {_show(value) if arr.ndim else repr(float(arr))}")
    return arr


def real_array(name: str, value: Any) -> np.ndarray:
    """Require a finite real scalar or array of any shape; return a float64 copy."""
    if isinstance(value, bool) or isinstance(value, (str, bytes)):
        raise TypeError(f"{name} must be a real number or an array of them, got {_show(value)}")
    arr = np.array(value)
    if arr.dtype == bool or not (np.issubdtype(arr.dtype, np.integer) or np.issubdtype(arr.dtype, np.floating)):
        raise TypeError(f"{name} must be a real number or an array of real numbers, got {_show(value)}")
    arr = arr.astype(np.float64)
    if not np.all(np.isfinite(arr)):
        raise ValueError(f"{name} must be finite, got {_show(value)}")
    return arr


def user_point(x: np.ndarray) -> float | np.ndarray:
    """What a user's function receives: a float for a 0-d point, else a private copy of the array."""
    return float(x) if x.ndim == 0 else x.copy()


def scalar_output(name: str, value: Any) -> float:
    """A user's function must return one real number (it may be inf or nan; the caller decides)."""
    if value is None:
        raise TypeError(f"{name} returned None: is a `return` missing?")
    raw = np.asarray(value)
    if raw.shape != () or not np.isrealobj(raw) or raw.dtype == object:
        raise ValueError(f"{name} must return a single real number, got {_show(raw)}")
    return float(raw)
