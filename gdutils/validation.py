"""Argument checks shared by every public function of gdutils (all chapters).

Every public function validates its arguments here, at the boundary, so that a
mistake is reported where it is made: the message names the argument, the value
received and what was expected. One function per kind of check, used everywhere:
a learning-rate schedule is checked by :func:`schedule_value`, and whatever a
reader's function returns where one number is expected by :func:`real_result`,
which refuses strings and booleans (numpy's too) alike.
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import numpy as np


def show(value: Any) -> str:
    """A short, readable rendering of a value for an error message (all chapters)."""
    if isinstance(value, np.ndarray):
        return f"array of shape {value.shape} and dtype {value.dtype}"
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def callable_arg(name: str, value: Any) -> Callable:
    """Require a function (or any callable) (chapter 1)."""
    if not callable(value):
        raise TypeError(f"{name} must be a function, got {show(value)}")
    return value


def instance(name: str, value: Any, kind: type | tuple[type, ...], what: str) -> Any:
    """Require an instance of ``kind``; ``what`` says it in words ("a DescentResult") (chapter 1)."""
    if not isinstance(value, kind):
        raise TypeError(f"{name} must be {what}, got {show(value)}")
    return value


def one_of(name: str, value: Any, options: Sequence[str]) -> str:
    """Require one of a few strings (chapter 7)."""
    if not isinstance(value, str) or value not in options:
        raise ValueError(f"{name} must be one of {', '.join(map(repr, options))}, got {show(value)}")
    return value


def real_scalar(name: str, value: Any) -> float:
    """Require a finite real number (not a bool, not complex) and return it as a float (chapter 1)."""
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        if isinstance(value, np.ndarray) and value.ndim == 0 and np.isrealobj(value) and value.dtype != bool:
            return real_scalar(name, value.item())
        raise TypeError(f"{name} must be a real number, got {show(value)}")
    value = float(value)
    if not np.isfinite(value):
        raise ValueError(f"{name} must be finite, got {value!r}")
    return value


def positive_scalar(name: str, value: Any) -> float:
    """Require a finite real number > 0 (chapter 1)."""
    value_f = real_scalar(name, value)
    if value_f <= 0:
        raise ValueError(f"{name} must be a positive number, got {value!r}")
    return value_f


def non_negative_scalar(name: str, value: Any) -> float:
    """Require a finite real number >= 0 (a tolerance) (chapter 1)."""
    return _at_least(name, real_scalar(name, value), 0, value)


def open_unit(name: str, value: Any, meaning: str) -> float:
    """Require a real number strictly between 0 and 1; ``meaning`` says what it does (chapter 5)."""
    value_f = real_scalar(name, value)
    if not 0.0 < value_f < 1.0:
        raise ValueError(f"{name} must lie strictly between 0 and 1 ({meaning}), got {value!r}")
    return value_f


def non_negative_int(name: str, value: Any) -> int:
    """Require a whole number >= 0 (a bool or a float such as 10.0 is refused) (chapter 1)."""
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(f"{name} must be a whole number (int), got {show(value)}")
    return _at_least(name, int(value), 0, value)


def positive_int(name: str, value: Any) -> int:
    """Require a whole number >= 1 (chapter 1)."""
    return _at_least(name, non_negative_int(name, value), 1, value)


def _at_least(name: str, checked: Any, low: int, given: Any) -> Any:
    """``checked`` when it is >= low, else the error, showing the value as it was ``given``."""
    if checked < low:
        raise ValueError(f"{name} must be >= {low}, got {given!r}")
    return checked


def batch_size(name: str, value: Any, n: int) -> int:
    """Require a whole number between 1 and n, the number of examples (chapter 7)."""
    bs = positive_int(name, value)
    if bs > n:
        raise ValueError(f"{name} must be between 1 and n = {n} (the number of examples), got {bs}")
    return bs


def generator(name: str, rng: Any) -> np.random.Generator:
    """Require a numpy Generator (chapter 7)."""
    if not isinstance(rng, np.random.Generator):
        raise TypeError(f"{name} must be a numpy Generator such as np.random.default_rng(0), got {show(rng)}")
    return rng


def _real_dtype(arr: np.ndarray) -> bool:
    return arr.dtype != bool and (np.issubdtype(arr.dtype, np.integer) or np.issubdtype(arr.dtype, np.floating))


def real_point(name: str, value: Any) -> np.ndarray:
    """Require a finite real scalar or 1-D array; return a float64 copy (0-d or 1-d) (chapter 1).

    The copy is what keeps every gdutils routine from modifying the caller's array.
    """
    arr = real_array(name, value, what="a real number or a 1-D array of them")
    if arr.ndim > 1:
        raise ValueError(f"{name} must be a scalar or a 1-D array, got an array of shape {arr.shape}")
    if arr.ndim == 1 and arr.size == 0:
        raise ValueError(f"{name} must not be empty")
    return arr


def real_array(name: str, value: Any, *, what: str = "a real number or an array of them") -> np.ndarray:
    """Require a finite real scalar or array of any shape; return a float64 copy (chapter 1)."""
    if isinstance(value, (bool, str, bytes)):
        raise TypeError(f"{name} must be {what}, got {show(value)}")
    try:
        arr = np.array(value)  # always a copy
    except Exception as exc:  # pragma: no cover - exotic objects
        raise TypeError(f"{name} must be {what}, got {show(value)}") from exc
    if not _real_dtype(arr):
        raise TypeError(f"{name} must be {what}, got {show(value)}")
    arr = arr.astype(np.float64)
    if not np.all(np.isfinite(arr)):
        raise ValueError(f"{name} must be finite, got {show(value) if arr.ndim else repr(float(arr))}")
    return arr


def real_data(name: str, value: Any, *, finite: bool = True) -> np.ndarray:
    """A read-only view of real data as float64, converted only when needed (chapter 6).

    gdutils never writes into it, so no copy is made: the check must stay cheap next
    to the one pass over the data that a vectorised gradient costs. ``finite=False``
    leaves out the finiteness check, for a caller whose first pass over the data
    (``fit_linear``'s first loss) finds a nan or inf anyway and then calls again.
    """
    if isinstance(value, (bool, str, bytes)):
        raise TypeError(f"{name} must be a real number or an array of them, got {show(value)}")
    arr = np.asarray(value)
    if arr.dtype != np.float64:
        if not _real_dtype(arr):
            raise TypeError(f"{name} must be an array of real numbers, got {show(value)}")
        arr = arr.astype(np.float64)
    if not finite:
        return arr
    with np.errstate(over="ignore", invalid="ignore"):
        total = arr.sum()  # finite exactly when every entry is, unless the sum overflows
    if not math.isfinite(total) and not np.all(np.isfinite(arr)):
        raise ValueError(f"{name} must be finite, got {show(value)} holding nan or inf")
    return arr


def features(name: str, X: Any, *, finite: bool = True) -> np.ndarray:
    """X as a float64 (n, d) array: a 1-D X is one feature (chapter 6)."""
    arr = real_data(name, X, finite=finite)
    if arr.ndim == 1:
        arr = arr.reshape(-1, 1)  # strides (8, 8): BLAS-friendly, unlike arr[:, None]
    if arr.ndim != 2:
        raise ValueError(f"{name} must be 1-D (one feature) or 2-D of shape (n, d), got shape {arr.shape}")
    if arr.shape[0] == 0 or arr.shape[1] == 0:
        raise ValueError(f"{name} must hold at least one example and one feature, got shape {arr.shape}")
    return arr


def dataset(X: Any, y: Any, *, finite: bool = True) -> tuple[np.ndarray, np.ndarray]:
    """Validated float64 views: X of shape (n, d) and y of shape (n,) (chapter 6)."""
    Xa = features("X", X, finite=finite)
    ya = real_data("y", y, finite=finite)
    if ya.ndim != 1:
        raise ValueError(f"y must be 1-D (one target per example), got shape {ya.shape}")
    if ya.shape[0] != Xa.shape[0]:
        raise ValueError(f"X and y must have the same number of examples, got {Xa.shape[0]} rows in X "
                         f"and {ya.shape[0]} values in y")
    return Xa, ya


def linear_params(name: str, params: Any, d: int) -> np.ndarray:
    """Params (w_1, ..., w_d, b) of a linear model with d features, as a float64 copy (chapter 6)."""
    p = real_point(name, params)
    if p.shape != (d + 1,):
        raise ValueError(f"{name} must hold {d + 1} numbers ({d} weight{'s' if d > 1 else ''}, then the intercept), "
                         f"got shape {p.shape}")
    return p


def spd_matrix(name: str, A: Any) -> np.ndarray:
    """Require a symmetric positive-definite matrix (a square 2-D real array); return a float64 copy (chapter 5)."""
    arr = real_array(name, A)
    if arr.ndim != 2 or arr.shape[0] != arr.shape[1] or arr.shape[0] == 0:
        raise ValueError(f"{name} must be a square matrix (a 2-D array of shape (d, d)), got shape {arr.shape}")
    scale = max(1.0, float(np.max(np.abs(arr))))
    if not np.allclose(arr, arr.T, rtol=0.0, atol=1e-12 * scale):
        raise ValueError(f"{name} must be symmetric (A == A.T); for a quadratic x^T A x only (A + A.T) / 2 matters")
    smallest = float(np.linalg.eigvalsh(arr)[0])
    if smallest <= 0:
        raise ValueError(f"{name} must be positive definite, but its smallest eigenvalue is {smallest:.3g} <= 0: "
                         f"then f(x) = x^T A x / 2 - b^T x has no minimum along some direction")
    return arr


def interval(name: str, value: Any) -> tuple[float, float]:
    """A (low, high) pair of finite reals with low < high (chapter 1: plot ranges, slider ranges)."""
    if isinstance(value, (str, bytes)) or not isinstance(value, Sequence | np.ndarray) or len(value) != 2:
        raise ValueError(f"{name} must be a pair (low, high), got {show(value)}")
    lo, hi = real_scalar(f"{name}[0]", value[0]), real_scalar(f"{name}[1]", value[1])
    if not lo < hi:
        raise ValueError(f"{name} must be (low, high) with low < high, got {tuple(value)!r}")
    return lo, hi


def user_point(x: np.ndarray) -> float | np.ndarray:
    """What a user's function receives: a float for a 0-d point, else a private copy of the array (chapter 1)."""
    return float(x) if x.ndim == 0 else x.copy()


def real_result_problem(value: Any, shape: tuple[int, ...] | None = ()) -> str | None:
    """Why what a reader's function returned is not real numbers of the given shape, or None (chapter 1).

    The one test of a reader's result in gdutils, behind :func:`real_result`,
    :func:`real_results`, ``optimizers.gradient_output`` and the self-checks'
    ``as_real`` and ``as_numbers``. Refused: None ("none"); a bool, Python's or
    numpy's, or an array of them ("bool"); a string, a complex number, an object or
    a ragged list ("not real"); another shape than ``shape`` ("shape"; () is one
    number, None accepts any shape). Infinity and nan are real numbers here.
    """
    if value is None:
        return "none"
    if isinstance(value, (bool, np.bool_)):
        return "bool"
    try:
        raw = np.asarray(value)
    except (TypeError, ValueError):  # a ragged list
        return "not real"
    if raw.dtype == bool:
        return "bool"
    if not np.issubdtype(raw.dtype, np.number) or np.iscomplexobj(raw):
        return "not real"
    if shape is not None and raw.shape != shape:
        return "shape"
    return None


def real_result(name: str, value: Any) -> float:
    """A reader's function must return one real number (it may be inf or nan; the caller decides) (chapter 1)."""
    problem = real_result_problem(value)
    if problem == "none":
        raise TypeError(f"{name} returned None: is a `return` missing?")
    if problem == "bool":
        raise TypeError(f"{name} must return a real number, not a bool, got {show(value)}")
    if problem == "not real":
        raise TypeError(f"{name} must return a real number, got {show(value)}")
    if problem is not None:
        raise ValueError(f"{name} must return a single real number, got {show(value)}")
    return float(value)


def real_results(name: str, value: Any, shape: tuple[int, ...] | None = None) -> np.ndarray:
    """A reader's function must return real numbers (of ``shape``, when given); a float64 array (chapter 3).

    The array version of :func:`real_result`, with the same test.
    """
    problem = real_result_problem(value, shape)
    if problem == "none":
        raise TypeError(f"{name} returned None: is a `return` missing?")
    if problem in ("bool", "not real"):
        raise TypeError(f"{name} must return real numbers, not {show(value)}")
    if problem == "shape":
        want = "a single number" if shape == () else f"an array of shape {shape}"
        raise ValueError(f"{name} must return {want}, got shape {np.shape(value)}")
    return np.asarray(value, dtype=np.float64)


def schedule_value(schedule: Callable, k: int) -> float:
    """The schedule's step size for step k, which must be a positive number (chapter 5).

    The one check of a learning-rate schedule, for ``gradient_descent`` and ``fit_linear`` alike.
    """
    raw = schedule(k)
    if raw is None:
        raise TypeError(f"learning_rate({k}) returned None: is a `return` missing in the schedule?")
    return positive_scalar(f"learning_rate({k})", raw)


# --------------------------------------------------------------------------- figures (chapters 3-5)


def grid_size(name: str, n: Any) -> int:
    """Points per axis of a grid: a whole number >= 2 (chapter 3)."""
    n_i = positive_int(name, n)
    if n_i < 2:
        raise ValueError(f"{name} must be at least 2 (points per axis), got {n!r}")
    return n_i


def _is_run(value: Any) -> bool:
    """A DescentResult (recognised by its fields: this module imports no other gdutils module)."""
    return hasattr(value, "path") and hasattr(value, "n_steps")


def plane_path(name: str, path: Any) -> np.ndarray:
    """A path in the plane, an array of shape (k+1, 2) or a DescentResult's ``.path``, as float64 (chapter 3)."""
    arr = real_array(name, path.path if _is_run(path) else path)
    if arr.ndim != 2 or arr.shape[1] != 2 or arr.shape[0] < 1:
        raise ValueError(f"{name} must be an array of shape (k+1, 2) (points in the plane), got shape {arr.shape}")
    return arr


def plane_paths(paths: Any) -> list[np.ndarray]:
    """None, one path or a sequence of paths, as a list of (k+1, 2) arrays (chapter 3)."""
    if paths is None:
        return []
    if _is_run(paths):
        return [plane_path("path", paths)]
    if isinstance(paths, np.ndarray):
        if paths.ndim == 2:
            return [plane_path("paths", paths)]
        return [plane_path(f"paths[{i}]", p) for i, p in enumerate(paths)]
    if not isinstance(paths, Sequence) or isinstance(paths, (str, bytes)):
        raise TypeError(f"paths must be a path (array of shape (k+1, 2)), a DescentResult or a list of them, "
                        f"got {show(paths)}")
    if len(paths) and not _is_run(paths[0]) and np.ndim(paths[0]) == 1:
        return [plane_path("paths", paths)]  # a single path given as a list of points
    return [plane_path(f"paths[{i}]", p) for i, p in enumerate(paths)]


def labels(name: str, value: Any, count: int) -> list[str | None]:
    """``count`` strings, one per curve or path, or ``count`` Nones when value is None (chapter 3)."""
    if value is None:
        return [None] * count
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, Sequence) or len(value) != count or not all(isinstance(s, str) for s in value):
        raise ValueError(f"{name} must be a list of {count} strings (one per path), got {show(value)}")
    return list(value)


def contour_levels(levels: Any) -> int | np.ndarray:
    """A number of contour levels, or an increasing 1-D sequence of level values (chapter 3)."""
    if isinstance(levels, numbers.Integral) and not isinstance(levels, bool):
        return positive_int("levels", levels)
    arr = real_array("levels", levels)
    if arr.ndim != 1 or arr.size < 1 or np.any(np.diff(arr) <= 0):
        raise ValueError(f"levels must be a whole number or an increasing 1-D sequence of values, got {show(levels)}")
    return arr


def non_empty_mapping(name: str, value: Any, what: str, *, most: int | None = None) -> Any:
    """Require a non-empty dict (label -> ``what``), of at most ``most`` entries (chapter 5)."""
    if not isinstance(value, Mapping) or not value:
        raise TypeError(f"{name} must be a non-empty dict of label -> {what}, got {show(value)}")
    if most is not None and len(value) > most:
        raise ValueError(f"{name} can hold at most {most} curves, got {len(value)}")
    return value


def curve_pairs(name: str, value: Any, parts: tuple[str, str], *,
                most: int | None = None) -> list[tuple[str, np.ndarray, np.ndarray]]:
    """A dict label -> (xs, ys) of 1-D real arrays of one length, as (label, xs, ys) (chapter 7).

    ``parts`` names the two arrays in messages, for example ("k", "distances").
    """
    non_empty_mapping(name, value, f"({parts[0]}, {parts[1]})", most=most)
    found = []
    for label, pair in value.items():
        if not isinstance(pair, (tuple, list)) or len(pair) != 2:
            raise TypeError(f"{name}[{label!r}] must be a pair ({parts[0]}, {parts[1]}), got {show(pair)}")
        xs, ys = (real_array(f"{label}: {part}", array) for part, array in zip(parts, pair))
        if xs.ndim != 1 or xs.shape != ys.shape:
            raise ValueError(f"curve {label!r}: {parts[0]} and {parts[1]} must be 1-D of one length, "
                             f"got {xs.shape}, {ys.shape}")
        found.append((label, xs, ys))
    return found


def class_labels(name: str, y: Any, n_classes: int | None = None) -> np.ndarray:
    """Class labels 0, 1, ..., K-1 as an int64 array of shape (n,) (chapter 13).

    Whole numbers only (floats such as 1.0 are accepted, 0.5 and bools are not);
    ``n_classes=2`` asks for 0/1 labels, as logistic regression needs. With
    ``n_classes=None`` any labels from 0 upwards are accepted.
    """
    if isinstance(y, (bool, str, bytes)):
        raise TypeError(f"{name} must be an array of class labels 0, 1, ..., got {show(y)}")
    arr = np.asarray(y)
    if arr.dtype == bool or not _real_dtype(arr):
        raise TypeError(f"{name} must hold whole numbers (class labels 0, 1, ...), got {show(y)}")
    if arr.ndim != 1 or arr.size == 0:
        raise ValueError(f"{name} must be 1-D with one label per example, got shape {arr.shape}")
    if not np.all(np.isfinite(arr)):
        raise ValueError(f"{name} must be finite, got {show(y)} holding nan or inf")
    labels = arr.astype(np.int64)
    if not np.array_equal(labels, arr):
        raise ValueError(f"{name} must hold whole numbers (class labels), got {show(y)}")
    high = None if n_classes is None else n_classes - 1
    if labels.min() < 0 or (high is not None and labels.max() > high):
        wanted = "0 or 1" if n_classes == 2 else ("0, 1, ..." if high is None else f"0 to {high}")
        bad = labels[(labels < 0) | (labels > (labels.max() if high is None else high))][0]
        raise ValueError(f"{name} must hold class labels {wanted}, got {int(bad)}")
    return labels
