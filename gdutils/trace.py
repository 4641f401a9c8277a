"""Printing a run of gradient descent (chapter 1) or a linear fit (chapter 6) as a table, at a fixed precision."""

from __future__ import annotations

from typing import Any

import numpy as np

from . import validation as v
from .descent import DescentResult
from .regression import LinearFitResult


def format_number(value: float, fmt: str | None = None) -> str:
    """One number as text: shortest round-trip form when ``fmt`` is None, else ``format(value, fmt)``.

    ``-0.0`` is printed as ``0.0``, so equal runs always print equal text (chapter 1).
    """
    number = float(value) + 0.0  # turns -0.0 into 0.0
    return repr(number) if fmt is None else format(number, fmt)


def format_trace(result: DescentResult, every: int = 1, *, fmt: str | None = None) -> str:
    """The run as a table: step 0, every ``every``-th step and the last step (chapter 1).

    Columns: the step k, the point x_k (a list for several variables) and f(x_k)
    when the run recorded values. ``fmt`` is a format spec such as ``".6f"``; the
    default prints every float in its shortest form that reads back exactly.
    """
    v.instance("result", result, DescentResult, "a DescentResult")
    every = v.positive_int("every", every)
    if fmt is not None and not isinstance(fmt, str):
        raise TypeError(f"fmt must be a format spec string such as '.6f', got {v.show(fmt)}")
    steps = list(range(0, result.n_steps + 1, every))
    if steps[-1] != result.n_steps:
        steps.append(result.n_steps)

    def point(k: int) -> str:
        p = result.path[k]
        if np.ndim(p) == 0:
            return format_number(p, fmt)
        return "[" + ", ".join(format_number(c, fmt) for c in p) + "]"

    header = ["step", "x"]
    rows = [[str(k), point(k)] for k in steps]
    if result.values is not None:
        header.append("f(x)")
        for row, k in zip(rows, steps):
            row.append(format_number(result.values[k], fmt))
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]
    lines = []
    for row in [header, *rows]:
        cells = [row[0].rjust(widths[0])] + [c.ljust(w) for c, w in zip(row[1:], widths[1:])]
        lines.append("  ".join(cells).rstrip())
    return "\n".join(lines)


def print_trace(result: DescentResult, every: int = 1, *, fmt: str | None = None) -> None:
    """Print :func:`format_trace` followed by why the run stopped (chapter 1)."""
    print(format_trace(result, every, fmt=fmt))
    print(result.message)


def format_or_bound(value: float, floor: float, fmt: str = ".1e") -> str:
    """``value`` formatted with ``fmt``, or ``"< floor"`` when it is below ``floor`` (chapter 8).

    Errors and losses that fall to the level of rounding errors have digits that
    differ from machine to machine (another BLAS kernel rounds differently), so the
    book prints a bound there instead: ``format_or_bound(3e-13, 1e-12)`` is
    ``'< 1e-12'``, ``format_or_bound(5.2e-5, 1e-12)`` is ``'5.2e-05'``.
    """
    number = float(value)
    if isinstance(floor, bool) or not isinstance(floor, (int, float)) or not 0 < floor < np.inf:
        raise ValueError(f"floor must be a positive number, got {floor!r}")
    if number < floor:
        return f"< {floor:g}"
    return format_number(number, fmt)


def format_fit_trace(fit: LinearFitResult, every: int = 1, *, epochs: Any = None,
                     fmt: str = ".6f", loss_fmt: str = ".6e") -> str:
    """The fit as a table: epoch, each param and the MSE, at a fixed precision (chapter 6).

    Rows: epoch 0, every ``every``-th epoch and the last one, or exactly ``epochs``
    when that list is given. Columns are named m, b for one feature, else w1..wd, b.
    """
    v.instance("fit", fit, LinearFitResult, "a LinearFitResult")
    if epochs is None:
        every = v.positive_int("every", every)
        rows = list(range(0, fit.n_epochs + 1, every))
        if rows[-1] != fit.n_epochs:
            rows.append(fit.n_epochs)
    else:
        rows = [v.non_negative_int("epochs[i]", e) for e in epochs]
        if any(e > fit.n_epochs for e in rows):
            raise ValueError(f"epochs must lie between 0 and {fit.n_epochs}, got {list(epochs)!r}")
    d = fit.path.shape[1] - 1
    names = ["m"] if d == 1 else [f"w{j + 1}" for j in range(d)]
    header = ["epoch", *names, "b", "MSE"]
    table = [[str(e), *(format(float(c) + 0.0, fmt) for c in fit.path[e]), format(float(fit.losses[e]), loss_fmt)]
             for e in rows]
    widths = [max(len(r[i]) for r in [header, *table]) for i in range(len(header))]
    return "\n".join("  ".join(c.rjust(w) for c, w in zip(r, widths)) for r in [header, *table])


def print_fit_trace(fit: LinearFitResult, every: int = 1, *, epochs: Any = None,
                    fmt: str = ".6f", loss_fmt: str = ".6e") -> None:
    """Print :func:`format_fit_trace` followed by the fit's message (chapter 6)."""
    print(format_fit_trace(fit, every, epochs=epochs, fmt=fmt, loss_fmt=loss_fmt))
    print(fit.message)
