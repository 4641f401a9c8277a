"""Figures for the chapters, so that a notebook shows the idea and not the boilerplate.

Each function draws one kind of figure in the book's style and returns the
matplotlib Figure (assign it, ``fig = ...``, so the notebook shows the picture
and not a repr).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager

import matplotlib as mpl
import matplotlib.pyplot as plt
import numpy as np
from matplotlib.figure import Figure

from . import _validate as v
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
        raise TypeError(f"result must be a DescentResult, got {v._show(result)}")
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


# --------------------------------------------------------------------------- chapter 6: linear regression


def plot_fit_evolution(x: np.ndarray, y: np.ndarray, fit: LinearFitResult, epochs: Sequence[int],
                       *, title: str | None = None) -> Figure:
    """The data (one feature) and the fitted line after each of ``epochs`` (chapter 6).

    Lines run from light (early) to dark (late); epoch 0 is the start.
    """
    if not isinstance(fit, LinearFitResult):
        raise TypeError(f"fit must be a LinearFitResult, got {v._show(fit)}")
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
            raise TypeError(f"fits[{label!r}] must be a LinearFitResult, got {v._show(fit)}")
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
