"""Figures for the chapters, so that a notebook shows the idea and not the boilerplate.

Each function draws one kind of figure in the book's style and returns the
matplotlib Figure (assign it, ``fig = ...``, so the notebook shows the picture
and not a repr).
"""

from __future__ import annotations

import numbers
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager

import matplotlib as mpl
import matplotlib.pyplot as plt
import numpy as np
from matplotlib.figure import Figure

from . import validation as v
from .descent import DescentResult
from .objectives import Objective
from .regression import LinearFitResult

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


@contextmanager
def book_style() -> Iterator[None]:
    """Apply BOOK_STYLE inside a ``with`` block and restore exactly those settings after it.

    Unlike ``plt.style.context`` it leaves every other setting alone, in particular the
    interactive flag that Jupyter's inline backend sets when the first figure is made.
    """
    saved = {key: mpl.rcParams[key] for key in BOOK_STYLE}
    mpl.rcParams.update(BOOK_STYLE)
    try:
        yield
    finally:
        mpl.rcParams.update(saved)


def _grid(interval: Sequence[float], n: int = 400) -> np.ndarray:
    lo, hi = (v.real_scalar("interval[0]", interval[0]), v.real_scalar("interval[1]", interval[1]))
    if not lo < hi:
        raise ValueError(f"interval must be (low, high) with low < high, got {tuple(interval)!r}")
    return np.linspace(lo, hi, n)


def plot_with_derivatives(curves: Sequence[tuple[str, Callable]], interval: Sequence[float]) -> Figure:
    """One panel per (label, function), stacked over a shared x axis (chapter 1)."""
    x = _grid(interval)
    with book_style():
        fig, axes = plt.subplots(len(curves), 1, sharex=True, figsize=(6.4, 1.9 * len(curves) + 0.6),
                                 squeeze=False)
        for i, (ax, (label, func)) in enumerate(zip(axes[:, 0], curves)):
            ax.plot(x, func(x), color=COLORS[i])
            ax.axhline(0, color="0.4", linewidth=0.8)
            ax.set_ylabel(label)
        axes[-1, 0].set_xlabel("$x$")
        fig.tight_layout()
    return fig


def plot_tangents(objective: Objective, points: Sequence[float], interval: Sequence[float],
                  *, half_width: float = 0.8) -> Figure:
    """The curve with its tangent lines at ``points`` and an arrow pointing downhill (chapter 1)."""
    x = _grid(interval)
    with book_style():
        fig, ax = plt.subplots()
        ax.plot(x, objective.f(x), color="black", label=f"$f(x) =${objective.label}")
        y_span = float(np.ptp(objective.f(x)))
        for i, p in enumerate(points):
            p = float(p)
            slope = float(objective.df(p))
            t = np.linspace(p - half_width, p + half_width, 2)
            color = COLORS[(i + 1) % len(COLORS)]
            ax.plot(t, objective.f(p) + slope * (t - p), color=color,
                    label=f"tangent at $x={p:g}$, slope ${slope:g}$")
            ax.plot([p], [objective.f(p)], "o", color=color)
            if slope != 0:
                step = -np.sign(slope) * half_width  # downhill: against the sign of the slope
                base = objective.f(p) - 0.08 * y_span
                ax.annotate("", xy=(p + step, base), xytext=(p, base),
                            arrowprops={"arrowstyle": "->", "color": color, "linewidth": 1.5})
        ax.set_xlabel("$x$")
        ax.set_ylabel("$f(x)$")
        ax.legend(loc="upper center")
        fig.tight_layout()
    return fig


def plot_descent_1d(objective: Objective, result: DescentResult, *, interval: Sequence[float] | None = None,
                    predicted: np.ndarray | None = None, max_points: int = 40) -> Figure:
    """Left: the iterates on the curve. Right: the distance to the minimiser on a log scale (chapter 1).

    ``predicted`` (optional) is a theoretical distance per step, drawn dashed beside the measured one.
    """
    if not isinstance(result, DescentResult):
        raise TypeError(f"result must be a DescentResult, got {v.show(result)}")
    path = np.asarray(result.path, dtype=float)
    if path.ndim != 1:
        raise ValueError(f"plot_descent_1d draws runs in one variable, got a path of shape {path.shape}")
    if objective.minimizer is None:
        raise ValueError("objective must know its minimizer to plot the distance to it")
    if interval is None:
        span = max(np.abs(path - objective.minimizer).max(), 1.0) * 1.15
        interval = (objective.minimizer - span, objective.minimizer + span)
    x = _grid(interval)
    shown = path[:max_points]
    steps = np.arange(path.size)
    distance = np.abs(path - objective.minimizer)
    with book_style():
        fig, (left, right) = plt.subplots(1, 2, figsize=(10, 3.8))
        left.plot(x, objective.f(x), color="black", label=objective.label)
        left.plot(shown, objective.f(shown), "-", color=COLORS[1], linewidth=0.8, alpha=0.6)
        left.scatter(shown, objective.f(shown), c=np.arange(shown.size), cmap="viridis", s=22, zorder=3,
                     label=f"$x_k$, first {shown.size} of {path.size}" if path.size > shown.size else "$x_k$")
        left.set_xlabel("$x$")
        left.set_ylabel("$f(x)$")
        left.legend(loc="upper center")
        nonzero = distance > 0
        right.semilogy(steps[nonzero], distance[nonzero], color=COLORS[0], label="measured $|x_k - x^*|$")
        if predicted is not None:
            predicted = np.asarray(predicted, dtype=float)
            right.semilogy(steps[: predicted.size], predicted, "--", color=COLORS[3], label="predicted")
        right.set_xlabel("step $k$")
        right.set_ylabel("distance to the minimiser")
        right.legend()
        fig.tight_layout()
    return fig


def plot_quotient_vs_derivative(objective: Objective, quotient: Callable, h: float,
                                interval: Sequence[float], *, name: str = "forward quotient") -> Figure:
    """f, its derivative and ``quotient(f, x, h)`` on one axis (chapter 2)."""
    x = _grid(interval, 200)
    h = v.positive_scalar("h", h)
    with book_style():
        fig, ax = plt.subplots()
        ax.plot(x, objective.f(x), color="black", label=f"$f(x) =${objective.label}")
        ax.plot(x, objective.df(x), color=COLORS[0], label="derivative $f'(x)$")
        ax.plot(x, quotient(objective.f, x, h), "--", color=COLORS[3], label=f"{name}, $h = {h:g}$")
        ax.set_xlabel("$x$")
        ax.legend()
        fig.tight_layout()
    return fig


def plot_error_vs_h(hs: np.ndarray, errors: Mapping[str, np.ndarray],
                    models: Mapping[str, np.ndarray] | None = None,
                    best: Mapping[str, float] | None = None) -> Figure:
    """Absolute error of derivative estimates against the step h, log-log (chapter 2).

    ``errors`` maps a method's name to its measured errors; ``models`` maps a label
    to a predicted error curve (drawn dashed); ``best`` marks chosen values of h.
    Zero errors (exact results) are drawn at the bottom of the axis.
    """
    hs = v.real_array("hs", hs)
    floor = 1e-17
    with book_style():
        fig, ax = plt.subplots(figsize=(9.0, 4.6))
        for i, (label, err) in enumerate(errors.items()):
            err = np.asarray(err, dtype=float)
            ax.loglog(hs, np.maximum(err, floor), "o-", markersize=2.5, linewidth=1.2,
                      color=COLORS[i], label=label)
        for i, (label, model) in enumerate((models or {}).items()):
            ax.loglog(hs, model, "--", linewidth=1.0, color=COLORS[(i + 4) % len(COLORS)], label=label)
        for label, h in (best or {}).items():
            ax.axvline(h, color="0.5", linewidth=0.8, linestyle=":")
            ax.text(h, 1e-15, f" {label}", rotation=90, va="bottom", ha="right", fontsize=8, color="0.3")
        ax.set_ylim(floor / 2, 10)
        ax.set_xlabel("step $h$")
        ax.set_ylabel("absolute error")
        ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0))
        fig.tight_layout()
    return fig


# ---------------------------------------------------------------------------
# Functions of two variables: grids, gradient fields, contours with descent
# paths, surfaces (chapters 3, 4 and 5)
#
# Conventions shared by every function of this section:
# - ``f`` is a function of one point ``p``, a length-2 array (p[0] = x, p[1] = y),
#   returning one real number: the convention of gradient_descent and
#   numerical_gradient. ``grad`` likewise returns a length-2 array.
#   On a grid, f is first called once with p of shape (2, ny, nx) (so that
#   ``p[0] * p[0] + p[1] * p[1]`` evaluates the whole grid at once); if that
#   fails or disagrees with point-by-point calls, f is called point by point.
# - ``xlim`` and ``ylim`` are (low, high) pairs with low < high.
# - A path is an array of shape (k+1, 2) (the start and every step) or a
#   DescentResult, whose ``.path`` is used.
# - ``ax=None`` makes a new figure; pass an Axes to draw on it instead (for
#   several panels side by side). Either way the Figure is returned.
# ---------------------------------------------------------------------------


def _limits(name: str, value: object) -> tuple[float, float]:
    """A (low, high) pair of finite reals with low < high."""
    if isinstance(value, (str, bytes)) or not isinstance(value, Sequence | np.ndarray) or len(value) != 2:
        raise ValueError(f"{name} must be a pair (low, high), got {v.show(value)}")
    lo, hi = v.real_scalar(f"{name}[0]", value[0]), v.real_scalar(f"{name}[1]", value[1])
    if not lo < hi:
        raise ValueError(f"{name} must be (low, high) with low < high, got {tuple(value)!r}")
    return lo, hi


def _grid_size(name: str, n: object) -> int:
    n_i = v.positive_int(name, n)
    if n_i < 2:
        raise ValueError(f"{name} must be at least 2 (points per axis), got {n!r}")
    return n_i


def _on_grid(func: Callable, name: str, X: np.ndarray, Y: np.ndarray, out_shape: tuple[int, ...]) -> np.ndarray:
    """func at every grid point; result shaped ``out_shape + X.shape``.

    Tries one vectorised call with p of shape (2, ny, nx) and confirms it on a few
    grid points; otherwise (or if it disagrees) evaluates point by point.
    """
    shape = out_shape + X.shape
    probes = [(0, 0), (X.shape[0] - 1, X.shape[1] - 1), (X.shape[0] // 3, (2 * X.shape[1]) // 3)]

    def at(i: int, j: int) -> np.ndarray:
        raw = func(np.array([X[i, j], Y[i, j]]))
        if raw is None:
            raise TypeError(f"{name} returned None: is a `return` missing?")
        arr = np.asarray(raw)
        if arr.shape != out_shape or arr.dtype == object or not np.isrealobj(arr):
            want = "a single real number" if out_shape == () else f"a real array of shape {out_shape}"
            raise ValueError(f"{name} must return {want} for a point p of shape (2,), got {v.show(arr)}")
        return arr.astype(np.float64)

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
    (x0, x1), (y0, y1) = _limits("xlim", xlim), _limits("ylim", ylim)
    n = _grid_size("n", n)
    X, Y = np.meshgrid(np.linspace(x0, x1, n), np.linspace(y0, y1, n))
    return X, Y, _on_grid(f, "f", X, Y, ())


def _as_path(name: str, path: object) -> np.ndarray:
    """A path as a float array of shape (k+1, 2)."""
    raw = path.path if isinstance(path, DescentResult) else path
    arr = v.real_array(name, raw)
    if arr.ndim != 2 or arr.shape[1] != 2 or arr.shape[0] < 1:
        raise ValueError(f"{name} must be an array of shape (k+1, 2) (points in the plane), "
                         f"got shape {arr.shape}")
    return arr


def _as_paths(paths: object) -> list[np.ndarray]:
    """One path or a sequence of paths, as a list of (k+1, 2) arrays."""
    if paths is None:
        return []
    if isinstance(paths, DescentResult):
        return [_as_path("path", paths)]
    if isinstance(paths, np.ndarray):
        return [_as_path("paths", paths)] if paths.ndim == 2 else [_as_path(f"paths[{i}]", p) for i, p in enumerate(paths)]
    if not isinstance(paths, Sequence) or isinstance(paths, (str, bytes)):
        raise TypeError(f"paths must be a path (array of shape (k+1, 2)), a DescentResult or a list of them, "
                        f"got {v.show(paths)}")
    if len(paths) and not isinstance(paths[0], DescentResult) and np.ndim(paths[0]) == 1:
        return [_as_path("paths", paths)]  # a single path given as a list of points
    return [_as_path(f"paths[{i}]", p) for i, p in enumerate(paths)]


def _labels(labels: object, count: int) -> list[str | None]:
    if labels is None:
        return [None] * count
    if isinstance(labels, str):
        labels = [labels]
    if not isinstance(labels, Sequence) or len(labels) != count or not all(isinstance(s, str) for s in labels):
        raise ValueError(f"labels must be a list of {count} strings (one per path), got {v.show(labels)}")
    return list(labels)


def _levels(levels: object) -> int | np.ndarray:
    if isinstance(levels, numbers.Integral) and not isinstance(levels, bool):
        return v.positive_int("levels", levels)
    arr = v.real_array("levels", levels)
    if arr.ndim != 1 or arr.size < 1 or np.any(np.diff(arr) <= 0):
        raise ValueError(f"levels must be a whole number or an increasing 1-D sequence of values, got {v.show(levels)}")
    return arr


def _axes(ax: object, *, three_d: bool = False, figsize: tuple[float, float] = (5.6, 4.8)):
    """(figure, axes, created): a new figure, or the given Axes and its figure."""
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


def _figsize_2d(xlim: tuple[float, float], ylim: tuple[float, float], equal_aspect: bool) -> tuple[float, float]:
    """A figure size that fits the plot box: wide limits give a wide, low figure."""
    if not equal_aspect:
        return (6.0, 4.6)
    ratio = (ylim[1] - ylim[0]) / (xlim[1] - xlim[0])
    width = 6.4 if ratio < 0.8 else 5.6
    return (width, float(np.clip(0.8 * width * ratio + 0.9, 2.4, 6.4)))


def _draw_contours(ax, X: np.ndarray, Y: np.ndarray, Z: np.ndarray, levels: int | np.ndarray) -> None:
    finite = np.isfinite(Z)
    if not finite.any():
        raise ValueError("f is not finite anywhere on the grid: nothing to draw")
    Zm = np.ma.masked_invalid(Z)
    ax.contourf(X, Y, Zm, levels=levels, cmap="Blues", alpha=0.35, extend="both")
    ax.contour(X, Y, Zm, levels=levels, colors="0.45", linewidths=0.6)


def _draw_paths(ax, paths: list[np.ndarray], labels: list[str | None], *, start_index: int = 0) -> None:
    for i, (p, label) in enumerate(zip(paths, labels)):
        color = COLORS[(start_index + i) % len(COLORS)]
        ax.plot(p[:, 0], p[:, 1], ".-", color=color, markersize=3.5, linewidth=1.3, label=label, zorder=3)
        ax.plot(p[0, 0], p[0, 1], "o", color=color, markeredgecolor="white", markersize=8, zorder=4)
        ax.plot(p[-1, 0], p[-1, 1], "*", color=color, markeredgecolor="black", markeredgewidth=0.5,
                markersize=12, zorder=4)


def _finish_2d(ax, xlim, ylim, title: str | None, equal_aspect: bool, legend: bool) -> None:
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


def plot_contour_paths(f: Callable, paths: object = None, *, xlim: Sequence[float], ylim: Sequence[float],
                       labels: Sequence[str] | None = None, levels: int | Sequence[float] = 20,
                       n: int = 200, title: str | None = None, equal_aspect: bool = True,
                       ax: mpl.axes.Axes | None = None) -> Figure:
    """Contours of f over xlim x ylim with zero or more descent paths on top (chapters 3-5).

    ``paths``: None, one path (array (k+1, 2) or DescentResult) or a list of them.
    Each path is drawn as a line through its points in ``COLORS[i]``, with a circle
    at the start and a star at the end; ``labels`` (one string per path) fill the
    legend. ``levels`` is a number of contour levels or an increasing list of values.
    """
    v.callable_arg("f", f)
    xlim, ylim = _limits("xlim", xlim), _limits("ylim", ylim)
    path_list = _as_paths(paths)
    label_list = _labels(labels, len(path_list))
    lv = _levels(levels)
    n = _grid_size("n", n)
    with book_style():
        fig, ax, created = _axes(ax, figsize=_figsize_2d(xlim, ylim, equal_aspect))
        X, Y, Z = evaluate_on_grid(f, xlim=xlim, ylim=ylim, n=n)
        _draw_contours(ax, X, Y, Z, lv)
        _draw_paths(ax, path_list, label_list)
        _finish_2d(ax, xlim, ylim, title, equal_aspect, legend=any(s is not None for s in label_list))
        if created:
            fig.tight_layout()
    return fig


def plot_contour_panels(f: Callable, panels: Sequence[object], *, xlim: Sequence[float], ylim: Sequence[float],
                        titles: Sequence[str] | None = None, labels: Sequence[Sequence[str] | None] | None = None,
                        levels: int | Sequence[float] = 20, n: int = 200, ncols: int | None = None,
                        panel_size: float = 3.4, equal_aspect: bool = True) -> Figure:
    """Several contour plots of the same f side by side, one per entry of ``panels`` (chapters 4-5).

    Each entry of ``panels`` is what :func:`plot_contour_paths` takes as ``paths``;
    ``titles`` has one string per panel; ``labels`` one list of labels (or None) per panel.
    ``panel_size`` is the width of one panel in inches. The grid of f is evaluated once
    and shared.
    """
    v.callable_arg("f", f)
    if isinstance(panels, (str, bytes)) or not isinstance(panels, Sequence) or len(panels) == 0:
        raise ValueError(f"panels must be a non-empty list (one entry of paths per panel), got {v.show(panels)}")
    xlim, ylim = _limits("xlim", xlim), _limits("ylim", ylim)
    count = len(panels)
    title_list = _labels(titles, count) if titles is not None else [None] * count
    if labels is not None and (not isinstance(labels, Sequence) or len(labels) != count):
        raise ValueError(f"labels must have one entry per panel ({count}), got {v.show(labels)}")
    path_lists = [_as_paths(p) for p in panels]
    label_lists = [_labels(None if labels is None else labels[i], len(p)) for i, p in enumerate(path_lists)]
    lv = _levels(levels)
    n = _grid_size("n", n)
    ncols = count if ncols is None else v.positive_int("ncols", ncols)
    nrows = -(-count // ncols)
    panel_size = v.positive_scalar("panel_size", panel_size)
    X, Y, Z = evaluate_on_grid(f, xlim=xlim, ylim=ylim, n=n)
    with book_style():
        ratio = (ylim[1] - ylim[0]) / (xlim[1] - xlim[0]) if equal_aspect else 1.0
        row_height = float(np.clip(0.85 * panel_size * ratio + 0.9, 1.8, 1.5 * panel_size))
        fig, axes = plt.subplots(nrows, ncols, figsize=(panel_size * ncols, row_height * nrows),
                                 squeeze=False)
        for k, ax in enumerate(axes.flat):
            if k >= count:
                ax.set_visible(False)
                continue
            _draw_contours(ax, X, Y, Z, lv)
            _draw_paths(ax, path_lists[k], label_lists[k])
            _finish_2d(ax, xlim, ylim, title_list[k], equal_aspect,
                       legend=any(s is not None for s in label_lists[k]))
        fig.tight_layout()
    return fig


def plot_gradient_field(grad: Callable, *, xlim: Sequence[float], ylim: Sequence[float], n: int = 11,
                        f: Callable | None = None, levels: int | Sequence[float] = 15,
                        points: object = None, normalize: bool = False, title: str | None = None,
                        equal_aspect: bool = True, ax: mpl.axes.Axes | None = None) -> Figure:
    """Arrows of ``grad`` (pointing to steepest ascent) on an n-by-n grid, over contours of f if given (chapter 3).

    The arrows start at the centres of an n-by-n tiling of xlim x ylim. Their lengths
    are proportional to |grad| (the longest at most 0.8 of the spacing, and short
    enough for every arrow to end inside the frame), or all equal with
    ``normalize=True``; their colour shows |grad| in both cases. ``points`` (an array
    of shape (m, 2)) draws arrows at those points instead of on a grid.
    """
    v.callable_arg("grad", grad)
    if f is not None:
        v.callable_arg("f", f)
    xlim, ylim = _limits("xlim", xlim), _limits("ylim", ylim)
    n = _grid_size("n", n)
    lv = _levels(levels)
    if points is None:
        # arrows start at the centres of an n-by-n tiling, so that none starts on the frame
        dx, dy = (xlim[1] - xlim[0]) / n, (ylim[1] - ylim[0]) / n
        AX, AY = np.meshgrid(np.linspace(xlim[0] + dx / 2, xlim[1] - dx / 2, n),
                             np.linspace(ylim[0] + dy / 2, ylim[1] - dy / 2, n))
        spacing = min(dx, dy)
    else:
        pts = _as_path("points", points)
        AX, AY = pts[:, :1], pts[:, 1:]
        spacing = min((xlim[1] - xlim[0]), (ylim[1] - ylim[0])) / 8
    G = _on_grid(grad, "grad", AX, AY, (2,))
    if not np.all(np.isfinite(G)):
        raise ValueError("grad must be finite at every arrow's base point")
    U, V = G[0], G[1]
    magnitude = np.hypot(U, V)  # the colour of an arrow shows |grad| even when lengths are equal
    if normalize:
        with np.errstate(invalid="ignore", divide="ignore"):
            U = np.where(magnitude > 0, U / magnitude, 0.0)
            V = np.where(magnitude > 0, V / magnitude, 0.0)
    longest = float(np.hypot(U, V).max())
    scale = longest / (0.8 * spacing) if longest > 0 else 1.0
    if points is None:  # shorten all arrows (by one factor) until every head is inside the frame
        with np.errstate(divide="ignore", invalid="ignore"):
            room = np.concatenate([
                np.where(U > 0, U / (xlim[1] - AX), 0.0).ravel(), np.where(U < 0, U / (xlim[0] - AX), 0.0).ravel(),
                np.where(V > 0, V / (ylim[1] - AY), 0.0).ravel(), np.where(V < 0, V / (ylim[0] - AY), 0.0).ravel(),
            ])
        scale = max(scale, float(room.max()) / 0.85)  # and keep a small margin
    top = float(magnitude.max())
    norm = mpl.colors.Normalize(0.0, 1.3 * top if top > 0 else 1.0)  # stop short of the pale end
    with book_style():
        fig, ax, created = _axes(ax, figsize=_figsize_2d(xlim, ylim, equal_aspect))
        if f is not None:
            X, Y, Z = evaluate_on_grid(f, xlim=xlim, ylim=ylim, n=200)
            _draw_contours(ax, X, Y, Z, lv)
        ax.quiver(AX, AY, U, V, magnitude, cmap="plasma", norm=norm, angles="xy", scale_units="xy",
                  scale=scale, width=0.005, zorder=3)
        _finish_2d(ax, xlim, ylim, title, equal_aspect, legend=False)
        if created:
            fig.tight_layout()
    return fig


def plot_surface(f: Callable, *, xlim: Sequence[float], ylim: Sequence[float], path: object = None,
                 label: str | None = None, n: int = 60, elev: float = 30.0, azim: float = -60.0,
                 title: str | None = None, ax: mpl.axes.Axes | None = None) -> Figure:
    """f as a 3-D surface over xlim x ylim, with an optional descent path drawn on it (chapters 3-4).

    ``path`` is an array of shape (k+1, 2) or a DescentResult; its points are lifted
    to height f(point) and drawn in ``COLORS[3]`` with a circle at the start and a
    star at the end. ``elev`` and ``azim`` set the viewing angles (degrees).
    """
    v.callable_arg("f", f)
    xlim, ylim = _limits("xlim", xlim), _limits("ylim", ylim)
    n = _grid_size("n", n)
    p = None if path is None else _as_path("path", path)
    if label is not None and not isinstance(label, str):
        raise TypeError(f"label must be a string or None, got {v.show(label)}")
    elev, azim = v.real_scalar("elev", elev), v.real_scalar("azim", azim)
    X, Y, Z = evaluate_on_grid(f, xlim=xlim, ylim=ylim, n=n)
    with book_style():
        fig, ax, created = _axes(ax, three_d=True, figsize=(6.4, 5.0))
        ax.plot_surface(X, Y, np.ma.masked_invalid(Z), cmap="viridis", alpha=0.55, linewidth=0,
                        antialiased=True, rstride=1, cstride=1)
        if p is not None:
            pz = np.array([v.real_result("f", f(point.copy())) for point in p])
            color = COLORS[3]
            ax.plot(p[:, 0], p[:, 1], pz, ".-", color=color, markersize=4, linewidth=1.6, label=label,
                    zorder=10)
            ax.plot([p[0, 0]], [p[0, 1]], [pz[0]], "o", color=color, markeredgecolor="white", markersize=8,
                    zorder=11)
            ax.plot([p[-1, 0]], [p[-1, 1]], [pz[-1]], "*", color=color, markeredgecolor="black",
                    markeredgewidth=0.5, markersize=13, zorder=11)
            if label is not None:
                ax.legend(loc="upper left")
        ax.set_xlim(*xlim)
        ax.set_ylim(*ylim)
        ax.set_xlabel("$x$")
        ax.set_ylabel("$y$")
        ax.set_zlabel("$f(x, y)$")
        ax.view_init(elev=elev, azim=azim)
        if title is not None:
            ax.set_title(title)
        if created:
            fig.tight_layout()
    return fig


def plot_directional_derivatives(angles: np.ndarray, slopes: np.ndarray, *,
                                 gradient: Sequence[float] | None = None, title: str | None = None,
                                 ax: mpl.axes.Axes | None = None) -> Figure:
    """Slope of f along the unit direction at each angle (degrees), with the gradient's angle marked (chapter 3).

    ``gradient`` (optional, length 2) adds a dashed vertical line at its angle and
    dotted horizontal lines at +|gradient| and -|gradient|, the largest and smallest
    possible slopes.
    """
    angles = v.real_array("angles", angles)
    slopes = v.real_array("slopes", slopes)
    if angles.ndim != 1 or angles.shape != slopes.shape or angles.size < 2:
        raise ValueError(f"angles and slopes must be 1-D arrays of the same length (at least 2), "
                         f"got shapes {angles.shape} and {slopes.shape}")
    with book_style():
        fig, ax, created = _axes(ax, figsize=(6.4, 3.6))
        ax.plot(angles, slopes, color=COLORS[0], label="slope along the direction")
        if gradient is not None:
            g = v.real_point("gradient", gradient)
            if g.shape != (2,):
                raise ValueError(f"gradient must have 2 components, got shape {g.shape}")
            norm = float(np.hypot(g[0], g[1]))
            angle = float(np.degrees(np.arctan2(g[1], g[0]))) % 360.0
            ax.axvline(angle, color=COLORS[3], linestyle="--", linewidth=1.2,
                       label=f"direction of the gradient ({angle:.1f}°)")
            for sign in (1, -1):
                ax.axhline(sign * norm, color="0.4", linestyle=":", linewidth=1.0,
                           label=f"$\\pm|\\nabla f| = \\pm{norm:.4g}$" if sign == 1 else None)
        ax.axhline(0, color="0.6", linewidth=0.8)
        ax.set_xlabel("angle of the direction (degrees)")
        ax.set_ylabel("slope (directional derivative)")
        if title is not None:
            ax.set_title(title)
        ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0))
        if created:
            fig.tight_layout()
    return fig


def plot_distance_curves(measured: Mapping[str, np.ndarray],
                         predicted: Mapping[str, np.ndarray] | None = None, *,
                         ylabel: str = "distance to the minimiser", floor: float = 1e-16) -> Figure:
    """Measured distances per step (solid) beside predicted ones (dashed, same colour), log scale (chapter 4).

    ``measured`` and ``predicted`` map a label to one value per step k = 0, 1, ...;
    a predicted curve takes the colour of the measured curve in the same position.
    Values below ``floor`` (an exact 0 has no logarithm) are left out.
    """
    if not isinstance(measured, Mapping) or not measured:
        raise ValueError(f"measured must be a non-empty mapping of label to values, got {v.show(measured)}")
    predicted = {} if predicted is None else predicted
    if not isinstance(predicted, Mapping) or len(predicted) > len(measured):
        raise ValueError(f"predicted must map at most one label per measured curve, got {v.show(predicted)}")
    floor = v.positive_scalar("floor", floor)
    with book_style():
        fig, ax = plt.subplots(figsize=(7.0, 4.0))
        for i, (label, values) in enumerate(measured.items()):
            d = v.real_array(f"measured[{label!r}]", values)
            k = np.arange(d.size)
            keep = d >= floor
            ax.semilogy(k[keep], d[keep], color=COLORS[i], label=label)
        for i, (label, values) in enumerate(predicted.items()):
            d = v.real_array(f"predicted[{label!r}]", values)
            k = np.arange(d.size)
            keep = d >= floor
            ax.semilogy(k[keep], d[keep], "--", color=COLORS[i], linewidth=2.6, alpha=0.55, label=label)
        ax.set_xlabel("step $k$")
        ax.set_ylabel(ylabel)
        ax.legend(loc="upper right")
        fig.tight_layout()
    return fig


# ---------------------------------------------------------------------------
# Choosing the step size (chapter 5)
# ---------------------------------------------------------------------------


def _values_along(f: Callable, run: DescentResult) -> np.ndarray:
    """f at every point of the run's path: the recorded values, else f evaluated here."""
    if run.values is not None:
        return np.asarray(run.values, dtype=float)
    return np.array([v.real_result("f", f(v.user_point(np.asarray(p)))) for p in run.path])


def plot_gap_vs_evals(runs: Mapping[str, DescentResult], f: Callable, f_min: float, *,
                      floor: float = 1e-16, title: str | None = None,
                      ax: mpl.axes.Axes | None = None) -> Figure:
    """f(x_k) - f_min against the evaluations of f and grad spent to reach x_k, log y axis (chapter 5).

    ``runs`` maps a label to a DescentResult made by ``gradient_descent`` (its
    ``cumulative_evals`` is the x axis). Values below ``floor`` (an exact minimum
    gives 0) are drawn at ``floor``.
    """
    v.callable_arg("f", f)
    f_min = v.real_scalar("f_min", f_min)
    floor = v.positive_scalar("floor", floor)
    if not isinstance(runs, Mapping) or not runs:
        raise TypeError(f"runs must be a non-empty dict of label -> DescentResult, got {v.show(runs)}")
    for label, run in runs.items():
        if not isinstance(run, DescentResult) or run.cumulative_evals is None:
            raise TypeError(f"runs[{label!r}] must be a DescentResult made by gradient_descent, got {v.show(run)}")
    with book_style():
        fig, ax, created = _axes(ax, figsize=(6.0, 4.2))
        lowest = np.inf
        for i, (label, run) in enumerate(runs.items()):
            gap = np.maximum(_values_along(f, run) - f_min, floor)
            lowest = min(lowest, float(gap.min()))
            ax.semilogy(run.cumulative_evals, gap, ".-" if gap.size <= 300 else "-", markersize=3,
                        linewidth=1.3, color=COLORS[i % len(COLORS)], label=label)
        ax.set_ylim(bottom=lowest / 5)
        ax.set_xlabel("evaluations of $f$ and $\\nabla f$")
        ax.set_ylabel("$f(x_k) - f^*$")
        if title is not None:
            ax.set_title(title)
        ax.legend(loc="upper right", frameon=True, framealpha=0.85)
        if created:
            fig.tight_layout()
    return fig


def plot_step_size_comparison(objective, runs: Mapping[str, DescentResult], *, xlim: Sequence[float],
                              ylim: Sequence[float], levels: int | Sequence[float] = 20,
                              title: str | None = None, log_evals: bool = False) -> Figure:
    """Two panels for one problem: the runs' paths on the contours of f, and f - f* against evaluations (chapter 5).

    ``objective`` has ``f`` and ``f_min`` (a ``SurfaceObjective``); ``runs`` maps a
    label to a DescentResult. ``log_evals=True`` puts the evaluations on a log axis,
    for runs of very different lengths.
    """
    if not isinstance(runs, Mapping) or not runs:
        raise TypeError(f"runs must be a non-empty dict of label -> DescentResult, got {v.show(runs)}")
    with book_style():
        fig, (left, right) = plt.subplots(1, 2, figsize=(9.6, 4.2), width_ratios=[1.0, 1.1])
        plot_contour_paths(objective.f, list(runs.values()), xlim=xlim, ylim=ylim, levels=levels,
                           labels=list(runs.keys()), ax=left, title="paths on the contours of $f$")
        left.get_legend().remove()
        plot_gap_vs_evals(runs, objective.f, objective.f_min, ax=right, title="$f - f^*$ against cost")
        if log_evals:
            right.set_xscale("log")
        if title is not None:
            fig.suptitle(title)
        fig.tight_layout()
    return fig


# --------------------------------------------------------------------------- chapter 6: linear regression


def plot_fit_evolution(x: np.ndarray, y: np.ndarray, fit: LinearFitResult, epochs: Sequence[int],
                       *, title: str | None = None) -> Figure:
    """The data (one feature) and the fitted line after each of ``epochs`` (chapter 6).

    Lines run from light (early) to dark (late); epoch 0 is the start.
    """
    if not isinstance(fit, LinearFitResult):
        raise TypeError(f"fit must be a LinearFitResult, got {v.show(fit)}")
    x = v.real_array("x", x)
    y = v.real_array("y", y)
    if x.ndim != 1 or fit.path.shape[1] != 2:
        raise ValueError("plot_fit_evolution draws one feature: x must be 1-D and the fit must have 2 params")
    for e in epochs:
        if not 0 <= int(e) <= fit.n_epochs:
            raise ValueError(f"epochs must lie between 0 and {fit.n_epochs}, got {e!r}")
    grid = np.linspace(x.min(), x.max(), 2)
    shades = plt.get_cmap("viridis")(np.linspace(0.9, 0.0, len(epochs)))
    with book_style():
        fig, ax = plt.subplots()
        ax.scatter(x, y, s=12, color="0.35", zorder=3, label="data")
        for shade, e in zip(shades, epochs):
            m, b = fit.path[int(e)]
            ax.plot(grid, m * grid + b, color=shade, linewidth=1.4,
                    label=f"epoch {int(e)}: $\\hat y = {m:.3g}\\,x {'-' if b < 0 else '+'} {abs(b):.3g}$")
        ax.set_xlabel("$x$")
        ax.set_ylabel("$y$")
        if title:
            ax.set_title(title)
        ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0))
        fig.tight_layout()
    return fig


def plot_loss_curves(fits: Mapping[str, LinearFitResult], *, floor: float | None = None,
                     zoom: int | None = None) -> Figure:
    """The MSE after each epoch of one or more fits, on a log scale (chapter 6).

    ``floor`` (optional) draws the curves as the loss minus that value (pass the
    least-squares loss: what descent still has to remove). ``zoom`` (optional)
    adds a second panel showing only the first ``zoom`` epochs.
    """
    for label, fit in fits.items():
        if not isinstance(fit, LinearFitResult):
            raise TypeError(f"fits[{label!r}] must be a LinearFitResult, got {v.show(fit)}")
    if zoom is not None:
        zoom = v.positive_int("zoom", zoom)
    with book_style():
        if zoom is None:
            fig, ax = plt.subplots()
            panels = [(ax, None)]
        else:
            fig, axes = plt.subplots(1, 2, figsize=(10, 3.8))
            panels = [(axes[0], None), (axes[1], zoom)]
        for ax, last in panels:
            for i, (label, fit) in enumerate(fits.items()):
                losses = fit.losses if floor is None else fit.losses - floor
                epochs = np.arange(losses.size)
                keep = losses > 0
                if last is not None:
                    keep &= epochs <= last
                ax.semilogy(epochs[keep], losses[keep], color=COLORS[i], label=label)
            ax.set_xlabel("epoch" if last is None else f"epoch (the first {last})")
            ax.set_ylabel("MSE" if floor is None else "MSE minus its least-squares minimum")
        panels[0][0].legend()
        fig.tight_layout()
    return fig


# --------------------------------------------------------------------------- chapters 7-8
# Minibatch gradient descent and SGD: which batch each example falls in, noise against
# batch size, and curves on a logarithmic axis.


def plot_batch_assignments(panels: Mapping[str, Sequence[Sequence[np.ndarray]]], n: int) -> Figure:
    """One panel per iterator: for each epoch (row) and example (column), the batch it fell in (chapter 7).

    ``panels`` maps a title to a list of epochs, each epoch a list of index arrays.
    Examples that share a colour in a row were in the same batch in that epoch.
    """
    n = v.positive_int("n", n)
    with book_style():
        fig, axes = plt.subplots(len(panels), 1, figsize=(9.0, 1.3 + 1.1 * len(panels)), squeeze=False)
        for ax, (title, epochs) in zip(axes[:, 0], panels.items()):
            grid = np.full((len(epochs), n), np.nan)
            for row, epoch in enumerate(epochs):
                for number, batch in enumerate(epoch):
                    grid[row, np.asarray(batch, dtype=int)] = number
            ax.imshow(grid, aspect="auto", cmap="tab20", interpolation="nearest",
                      extent=(-0.5, n - 0.5, len(epochs) + 0.5, 0.5))
            ax.set_title(title, loc="left")
            ax.set_ylabel("epoch")
            ax.set_yticks(range(1, len(epochs) + 1))
            ax.grid(False)
        axes[-1, 0].set_xlabel("example $i$ (colour: the batch it is in)")
        fig.tight_layout()
    return fig


def plot_log_curves(curves: Mapping[str, tuple[np.ndarray, np.ndarray]], *, xlabel: str, ylabel: str,
                    logx: bool = False, styles: Mapping[str, str] | None = None) -> Figure:
    """Several curves (label -> (x, y)) on a logarithmic y axis (chapters 7-8).

    Non-positive y values (exact zeros) are left out, since a log axis cannot show them.
    ``styles`` optionally maps a label to a matplotlib line style such as ``"--"``.
    """
    with book_style():
        fig, ax = plt.subplots()
        for i, (label, (xs, ys)) in enumerate(curves.items()):
            xs, ys = v.real_array("x", xs), v.real_array("y", ys)
            if xs.shape != ys.shape or xs.ndim != 1:
                raise ValueError(f"curve {label!r}: x and y must be 1-D of one length, got {xs.shape}, {ys.shape}")
            keep = ys > 0
            ax.plot(xs[keep], ys[keep], (styles or {}).get(label, "-"), color=COLORS[i % len(COLORS)],
                    label=label, linewidth=1.4)
        ax.set_yscale("log")
        if logx:
            ax.set_xscale("log")
        ax.set_xlabel(xlabel)
        ax.set_ylabel(ylabel)
        ax.legend()
        fig.tight_layout()
    return fig


def plot_gradient_spread(batch_sizes: Sequence[int], measured: Sequence[float],
                         predicted: Sequence[float], independent: Sequence[float]) -> Figure:
    """Noise of the minibatch gradient against the batch size, log-log (chapter 7).

    ``measured`` is drawn as points, ``predicted`` (with the finite-population correction)
    as a line and ``independent`` (the plain 1/sqrt(B) law) dashed. A zero (the full
    batch) is left out of the log axis.
    """
    b = v.real_array("batch_sizes", batch_sizes)
    curves = {"predicted (distinct examples)": v.real_array("predicted", predicted),
              r"$\sigma/\sqrt{B}$ (independent draws)": v.real_array("independent", independent)}
    meas = v.real_array("measured", measured)
    if not all(c.shape == b.shape for c in [meas, *curves.values()]):
        raise ValueError("batch_sizes, measured, predicted and independent must have one length")
    with book_style():
        fig, ax = plt.subplots()
        for (label, ys), style, color in zip(curves.items(), ["-", "--"], [COLORS[0], COLORS[7]]):
            keep = ys > 0
            ax.plot(b[keep], ys[keep], style, color=color, label=label, linewidth=1.2)
        keep = meas > 0
        ax.plot(b[keep], meas[keep], "o", color=COLORS[3], label="measured", markersize=5)
        ax.set_xscale("log")
        ax.set_yscale("log")
        ax.set_xlabel("batch size $B$")
        ax.set_ylabel(r"RMS of $g_B - \nabla\,\mathrm{MSE}$")
        ax.legend()
        fig.tight_layout()
    return fig


# --------------------------------------------------------------------------- chapter 5 (continued)
# The line-search picture of chapter 5 (it landed after the chapters 7-8 section in a merge).


def plot_line_search(f: Callable, x: object, g: object, *, initial: float = 1.0, shrink: float = 0.5,
                     c: float = 0.3, t_exact: float | None = None, t_max: float | None = None) -> Figure:
    """f along the ray, phi(t) = f(x - t g), with the tangent line, the Armijo line and the trial steps (chapter 5).

    Draws phi(t), the tangent phi(0) - t ||g||^2, the Armijo line phi(0) - c t ||g||^2,
    the backtracking trials t = initial * shrink^j (rejected: crosses; accepted: a
    filled circle) and, if given, the exact minimiser ``t_exact``.
    """
    from .step_size import backtracking_step  # the same search that gradient_descent runs

    v.callable_arg("f", f)
    x_arr, g_arr = v.real_point("x", x), v.real_point("g", g)
    found = backtracking_step(f, x_arr, g_arr, initial=initial, shrink=shrink, c=c)
    t_hi = v.positive_scalar("t_max", t_max) if t_max is not None else 1.1 * initial
    ts = np.linspace(0.0, t_hi, 400)

    def phi(t: float) -> float:
        return v.real_result("f", f(v.user_point(x_arr - t * g_arr)))

    phis = np.array([phi(t) for t in ts])
    f0, gg = phi(0.0), float(np.sum(g_arr * g_arr))
    trials = [initial * shrink**j for j in range(found.n_f_evals)]
    with book_style():
        fig, ax = plt.subplots(figsize=(7.2, 4.4))
        ax.plot(ts, phis, color=COLORS[0], label=r"$\varphi(t) = f(x - t\,\nabla f(x))$")
        ax.plot(ts, f0 - ts * gg, "--", color="0.4", linewidth=1.0, label=r"tangent $\varphi(0) - t\,\|\nabla f\|^2$")
        ax.plot(ts, f0 - c * ts * gg, "-", color=COLORS[2], linewidth=1.2,
                label=rf"Armijo line $\varphi(0) - {c:g}\,t\,\|\nabla f\|^2$")
        for j, t in enumerate(trials):
            ok = found.accepted and j == len(trials) - 1
            ax.plot(t, phi(t), "o" if ok else "x", color=COLORS[2] if ok else COLORS[3],
                    markersize=8 if ok else 7, markeredgewidth=2, zorder=4,
                    label=("accepted trial" if ok else ("rejected trials" if j == 0 else None)))
        if t_exact is not None:
            ax.axvline(t_exact, color=COLORS[1], linestyle=":", linewidth=1.2, label="exact minimiser along the ray")
        shown = [f0, *[phi(t) for t in trials if t <= t_hi]]
        low = min(float(np.nanmin(phis)), f0 - c * t_hi * gg)
        high = max(q for q in shown if np.isfinite(q))
        pad = 0.06 * (high - low) + 1e-12
        ax.set_ylim(low - pad, high + pad)
        ax.set_xlim(0, t_hi)
        ax.set_xlabel("step $t$")
        ax.set_ylabel("$f$ along the ray")
        ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0))
        fig.tight_layout()
    return fig
