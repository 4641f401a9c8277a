"""The shared machinery of the figures of functions of two variables (chapters 3, 4 and 5).

Conventions shared by every figure of a function of two variables:

- ``f`` is a function of one point ``p``, a length-2 array (p[0] = x, p[1] = y),
  returning one real number: the convention of gradient_descent and
  numerical_gradient. ``grad`` likewise returns a length-2 array.
  On a grid, f is first called once with p of shape (2, ny, nx) (so that
  ``p[0] * p[0] + p[1] * p[1]`` evaluates the whole grid at once); if that
  fails or disagrees with point-by-point calls, f is called point by point.
- ``xlim`` and ``ylim`` are (low, high) pairs with low < high.
- A path is an array of shape (k+1, 2) (the start and every step) or a
  DescentResult, whose ``.path`` is used.
- ``ax=None`` makes a new figure; pass an Axes to draw on it instead (for
  several panels side by side). Either way the Figure is returned.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np

from .. import validation as v
from .style import COLORS


def on_grid(func: Callable, name: str, X: np.ndarray, Y: np.ndarray, out_shape: tuple[int, ...]) -> np.ndarray:
    """func at every grid point; result shaped ``out_shape + X.shape`` (chapter 3).

    Tries one vectorised call with p of shape (2, ny, nx) and confirms it on a few
    grid points; otherwise (or if it disagrees) evaluates point by point.
    """
    shape = out_shape + X.shape
    probes = [(0, 0), (X.shape[0] - 1, X.shape[1] - 1), (X.shape[0] // 3, (2 * X.shape[1]) // 3)]

    def at(i: int, j: int) -> np.ndarray:
        raw = func(np.array([X[i, j], Y[i, j]]))
        if out_shape == ():  # the one check of a reader's result: refuses None, str and bool alike
            return np.asarray(v.real_result(name, raw))
        return v.real_results(name, raw, out_shape)

    expected = [at(i, j) for i, j in probes]  # also validates func on a single point
    try:
        with np.errstate(all="ignore"):
            whole = np.asarray(func(np.stack([X, Y])), dtype=np.float64)
        if whole.shape == shape and all(
            np.allclose(whole[(..., i, j)], e, rtol=1e-12, atol=0, equal_nan=True)
            for (i, j), e in zip(probes, expected)
        ):
            return whole
    except Exception:  # f does not accept a grid: evaluate point by point below
        pass
    out = np.empty(shape)
    for i in range(X.shape[0]):
        for j in range(X.shape[1]):
            out[(..., i, j)] = at(i, j)
    return out


def evaluate_on_grid(f: Callable, *, xlim: Sequence[float], ylim: Sequence[float],
                     n: int = 200) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """``X, Y, Z`` with ``Z[i, j] = f([X[i, j], Y[i, j]])`` on an n-by-n grid over xlim x ylim (chapter 3).

    ``f`` takes a point p (length-2 array) and returns a number. A vectorised f
    (written with ``p[0]``, ``p[1]`` and numpy operations) is evaluated in one call;
    any other f point by point. Non-finite values are kept (contours skip them).
    """
    v.callable_arg("f", f)
    (x0, x1), (y0, y1) = v.interval("xlim", xlim), v.interval("ylim", ylim)
    n = v.grid_size("n", n)
    X, Y = np.meshgrid(np.linspace(x0, x1, n), np.linspace(y0, y1, n))
    return X, Y, on_grid(f, "f", X, Y, ())


def plane_figsize(xlim: tuple[float, float], ylim: tuple[float, float], equal_aspect: bool) -> tuple[float, float]:
    """A figure size that fits the plot box: wide limits give a wide, low figure (chapter 3)."""
    if not equal_aspect:
        return (6.0, 4.6)
    ratio = (ylim[1] - ylim[0]) / (xlim[1] - xlim[0])
    width = 6.4 if ratio < 0.8 else 5.6
    return (width, float(np.clip(0.8 * width * ratio + 0.9, 2.4, 6.4)))


def draw_contours(ax, X: np.ndarray, Y: np.ndarray, Z: np.ndarray, levels: int | np.ndarray) -> None:
    """Filled and line contours of Z on ax, skipping non-finite values (chapter 3)."""
    finite = np.isfinite(Z)
    if not finite.any():
        raise ValueError("f is not finite anywhere on the grid: nothing to draw")
    Zm = np.ma.masked_invalid(Z)
    ax.contourf(X, Y, Zm, levels=levels, cmap="Blues", alpha=0.35, extend="both")
    ax.contour(X, Y, Zm, levels=levels, colors="0.45", linewidths=0.6)


def draw_paths(ax, paths: list[np.ndarray], labels: list[str | None], *, start_index: int = 0) -> None:
    """Each path as a line through its points, a circle at its start and a star at its end (chapter 3)."""
    for i, (p, label) in enumerate(zip(paths, labels)):
        color = COLORS[(start_index + i) % len(COLORS)]
        ax.plot(p[:, 0], p[:, 1], ".-", color=color, markersize=3.5, linewidth=1.3, label=label, zorder=3)
        ax.plot(p[0, 0], p[0, 1], "o", color=color, markeredgecolor="white", markersize=8, zorder=4)
        ax.plot(p[-1, 0], p[-1, 1], "*", color=color, markeredgecolor="black", markeredgewidth=0.5,
                markersize=12, zorder=4)


def finish_plane(ax, xlim, ylim, title: str | None, equal_aspect: bool, legend: bool) -> None:
    """Limits, aspect, axis labels, title and legend of a panel in the plane (chapter 3)."""
    ax.set_xlim(*xlim)
    ax.set_ylim(*ylim)
    if equal_aspect:
        ax.set_aspect("equal")
    ax.set_xlabel("$x$")
    ax.set_ylabel("$y$")
    ax.grid(False)
    if title is not None:
        ax.set_title(title)
    if legend:
        ax.legend(loc="upper right", frameon=True, framealpha=0.85)
