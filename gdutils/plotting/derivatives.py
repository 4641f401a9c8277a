"""The figures of chapter 1 (Derivatives): curves with their derivatives, tangents, a run in one variable."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.figure import Figure

from .. import validation as v
from ..descent import DescentResult
from ..objectives import Objective
from .style import COLORS, axes_for, book_style, finish, line_grid, on_log_axis


def plot_with_derivatives(curves: Sequence[tuple[str, Callable]], interval: Sequence[float]) -> Figure:
    """One panel per (label, function), stacked over a shared x axis (chapter 1)."""
    x = line_grid(interval)
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
                  *, half_width: float = 0.8, title: str | None = None, ax=None) -> Figure:
    """The curve with its tangent lines at ``points`` and an arrow pointing downhill (chapter 1)."""
    x = line_grid(interval)
    with book_style():
        fig, ax, created = axes_for(ax)
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
        finish(fig, ax, created, title)
    return fig


def plot_descent_1d(objective: Objective, result: DescentResult, *, interval: Sequence[float] | None = None,
                    predicted: np.ndarray | None = None, max_points: int = 40) -> Figure:
    """Left: the iterates on the curve. Right: the distance to the minimiser on a log scale (chapter 1).

    ``predicted`` (optional) is a theoretical distance per step, drawn dashed beside the measured one.
    A distance of exactly 0 is drawn at the bottom of the log axis (``style.on_log_axis``).
    """
    v.instance("result", result, DescentResult, "a DescentResult")
    path = np.asarray(result.path, dtype=float)
    if path.ndim != 1:
        raise ValueError(f"plot_descent_1d draws runs in one variable, got a path of shape {path.shape}")
    if objective.minimizer is None:
        raise ValueError("objective must know its minimizer to plot the distance to it")
    if interval is None:
        span = max(np.abs(path - objective.minimizer).max(), 1.0) * 1.15
        interval = (objective.minimizer - span, objective.minimizer + span)
    x = line_grid(interval)
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
        right.semilogy(steps, on_log_axis(distance), color=COLORS[0], label="measured $|x_k - x^*|$")
        if predicted is not None:
            predicted = np.asarray(predicted, dtype=float)
            right.semilogy(steps[: predicted.size], predicted, "--", color=COLORS[3], label="predicted")
        right.set_xlabel("step $k$")
        right.set_ylabel("distance to the minimiser")
        right.legend()
        fig.tight_layout()
    return fig
