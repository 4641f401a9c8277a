"""The style every figure of the book shares, and the rules every figure follows (all chapters).

- :func:`book_style` applies ``BOOK_STYLE``; curve i is drawn in ``COLORS[i]``.
- :func:`axes_for`: a single-panel figure draws on a new figure, or on the ``ax=`` it is given
  (then the caller lays the figure out); :func:`finish` sets the ``title=`` and lays out.
- :func:`on_log_axis`: the one rule for a logarithmic axis: a value it cannot show (zero,
  negative, or below the floor) is drawn at the floor, the bottom of the axis.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager

import matplotlib as mpl
import matplotlib.pyplot as plt
import numpy as np
from matplotlib.figure import Figure

from .. import validation as v

BOOK_STYLE: dict = {
    "figure.figsize": (6.4, 4.0),
    "figure.dpi": 100,
    "axes.grid": True,
    "grid.alpha": 0.3,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.titlesize": 11,
    "axes.labelsize": 10,
    "legend.fontsize": 9,
    "legend.frameon": False,
    "lines.linewidth": 1.8,
}
"""Matplotlib settings shared by every figure of the book."""

COLORS = plt.get_cmap("tab10").colors
"""The book's colour cycle: curve i of a figure is drawn in COLORS[i]."""


@contextmanager
def book_style() -> Iterator[None]:
    """Apply BOOK_STYLE inside a ``with`` block and restore exactly those settings after it (chapter 1).

    Unlike ``plt.style.context`` it leaves every other setting alone, in particular the
    interactive flag that Jupyter's inline backend sets when the first figure is made.
    """
    saved = {key: mpl.rcParams[key] for key in BOOK_STYLE}
    mpl.rcParams.update(BOOK_STYLE)
    try:
        yield
    finally:
        mpl.rcParams.update(saved)


def axes_for(ax: object, *, three_d: bool = False, figsize: tuple[float, float] | None = None):
    """(figure, axes, created): a new figure of ``figsize`` (the style's size when None), or the given
    Axes and the figure that holds it (chapter 3)."""
    if ax is None:
        if three_d:
            fig = plt.figure(figsize=figsize)
            return fig, fig.add_subplot(projection="3d"), True
        fig, new_ax = plt.subplots(figsize=figsize)
        return fig, new_ax, True
    if not isinstance(ax, mpl.axes.Axes):
        raise TypeError(f"ax must be a matplotlib Axes or None, got {v.show(ax)}")
    if three_d != (ax.name == "3d"):
        want = "a 3-D Axes (projection='3d')" if three_d else "a 2-D Axes (not projection='3d')"
        raise ValueError(f"ax must be {want}, got an Axes of projection {ax.name!r}")
    fig = ax.figure
    while not isinstance(fig, Figure):  # a SubFigure: return the figure that holds it
        fig = fig.figure
    return fig, ax, False


def finish(fig: Figure, ax, created: bool, title: str | None) -> Figure:
    """Set the panel's title, if any, and lay out a figure made here (one given by the caller is its own) (chapter 1)."""
    if title is not None:
        if not isinstance(title, str):
            raise TypeError(f"title must be a string or None, got {v.show(title)}")
        ax.set_title(title)
    if created:
        fig.tight_layout()
    return fig


def on_log_axis(values: Sequence[float] | np.ndarray, floor: float | None = None) -> np.ndarray:
    """Values ready for a logarithmic axis: the one rule of the book's figures (all chapters).

    A value the axis cannot show (zero, negative, or below ``floor``) is drawn at the
    floor, the bottom of the axis. Without a floor it is the smallest positive value
    given; nan stays nan (not drawn).
    """
    y = np.asarray(values, dtype=float)
    if floor is None:
        positive = y[y > 0]
        floor = float(positive.min()) if positive.size else np.nan
    with np.errstate(invalid="ignore"):
        return np.where(np.isnan(y), np.nan, np.maximum(y, floor))


def line_grid(interval: Sequence[float], n: int = 400) -> np.ndarray:
    """n points evenly spaced over interval = (low, high) (chapter 1)."""
    lo, hi = (v.real_scalar("interval[0]", interval[0]), v.real_scalar("interval[1]", interval[1]))
    if not lo < hi:
        raise ValueError(f"interval must be (low, high) with low < high, got {tuple(interval)!r}")
    return np.linspace(lo, hi, n)
