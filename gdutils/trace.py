"""Printing a run of gradient descent as a table, at a fixed precision (chapter 1)."""

from __future__ import annotations

import numpy as np

from . import _validate as v
from .descent import DescentResult


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
    if not isinstance(result, DescentResult):
        raise TypeError(f"result must be a DescentResult, got {v._show(result)}")
    every = v.positive_int("every", every)
    if fmt is not None and not isinstance(fmt, str):
        raise TypeError(f"fmt must be a format spec string such as '.6f', got {v._show(fmt)}")
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
