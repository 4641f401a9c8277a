"""The figures of chapter 11 (Adaptive methods and learning-rate schedules): paths on several
functions side by side, learning-rate schedules, and a learning-rate range test."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

import matplotlib as mpl
import matplotlib.pyplot as plt
import numpy as np
from matplotlib.figure import Figure

from .. import validation as v
from .gradient import plot_contour_paths
from .style import COLORS, axes_for, book_style, finish, on_log_axis

STYLES = ["-", "--", "-.", ":"]
"""Line styles taken in turn with the colours, so that curves differ by more than colour (chapter 11)."""
MARKS = [(0, (1, 1.5)), (0, (6, 2, 1, 2, 1, 2))]
"""The vertical marks of a range test: thin black dotted and dash-dot-dot lines (chapter 11)."""


def plot_paths_side_by_side(panels: Sequence[tuple[Callable, object, str]], *, xlim: Sequence[float],
                            ylim: Sequence[float], labels: Sequence[str] | None = None,
                            levels: int | Sequence[float] = 20, n: int = 200,
                            panel_size: float = 3.6) -> Figure:
    """Contour plots of different functions side by side, each with its paths (chapter 11).

    Each panel is ``(f, paths, title)``: f a function of a point (array of 2), paths what
    :func:`~gdutils.plotting.gradient.plot_contour_paths` takes, and a title. ``labels``
    names the paths, the same list in every panel (one legend, below the panels).
    All panels share ``xlim``, ``ylim`` and ``levels``.
    """
    if isinstance(panels, (str, bytes)) or not isinstance(panels, Sequence) or len(panels) == 0:
        raise ValueError(f"panels must be a non-empty list of (f, paths, title), got {v.show(panels)}")
    for panel in panels:
        if not isinstance(panel, tuple) or len(panel) != 3:
            raise ValueError(f"each panel must be a tuple (f, paths, title), got {v.show(panel)}")
    xlim, ylim = v.interval("xlim", xlim), v.interval("ylim", ylim)
    size = v.positive_scalar("panel_size", panel_size)
    ratio = (ylim[1] - ylim[0]) / (xlim[1] - xlim[0])
    with book_style():
        height = (size - 0.7) * ratio + (1.2 if labels is not None else 0.9)  # axes, titles, legend
        fig, axes = plt.subplots(1, len(panels), figsize=(size * len(panels), height), squeeze=False)
        for i, ((f, paths, title), ax) in enumerate(zip(panels, axes[0])):
            plot_contour_paths(f, paths, xlim=xlim, ylim=ylim, labels=labels if i == 0 else None,
                               levels=levels, n=n, title=title, ax=ax)
        bottom = 0.0
        if labels is not None:  # one legend for all panels, below them, off every path
            first = axes[0][0]
            handles, texts = first.get_legend_handles_labels()
            first.get_legend().remove()
            fig.legend(handles, texts, loc="lower center", ncol=len(texts), fontsize=8, frameon=False)
            bottom = 0.4 / fig.get_figheight()
        fig.tight_layout(rect=(0, bottom, 1, 1))
    return fig


def plot_schedules(schedules: Mapping[str, Callable], n_steps: int, *, logy: bool = False,
                   title: str | None = None, ax: mpl.axes.Axes | None = None) -> Figure:
    """Learning-rate schedules (label -> schedule k -> eta_k) over the steps 0..n_steps-1 (chapter 11).

    Each schedule gets its own colour and line style. It is called with the integer array of steps (the schedules of
    ``gdutils.schedules`` accept one) or, if that fails or gives another shape, step
    by step, each value checked as ``gradient_descent`` checks it.
    """
    v.non_empty_mapping("schedules", schedules, "a label -> schedule")
    n = v.positive_int("n_steps", n_steps)
    k = np.arange(n)
    with book_style():
        fig, ax, created = axes_for(ax)
        for i, (label, schedule) in enumerate(schedules.items()):
            v.callable_arg(label, schedule)
            try:
                eta = np.asarray(schedule(k), dtype=float)
            except (TypeError, ValueError):
                eta = None
            if eta is None or eta.shape != k.shape:  # a function of one step (or a constant)
                eta = np.array([v.schedule_value(schedule, int(j)) for j in k])
            ax.plot(k, eta, STYLES[i % len(STYLES)], color=COLORS[i % len(COLORS)], linewidth=1.8, label=label)
        if logy:
            ax.set_yscale("log")
        ax.set_xlabel("step $k$")
        ax.set_ylabel(r"learning rate $\eta_k$")
        ax.legend(fontsize=8)
    return finish(fig, ax, created, title)


def plot_range_test(curves: Mapping[str, tuple[np.ndarray, np.ndarray]], *,
                    marks: Mapping[str, float] | None = None, ylabel: str = "loss",
                    ylim: Sequence[float] | None = None, title: str | None = None,
                    ax: mpl.axes.Axes | None = None) -> Figure:
    """A learning-rate range test: loss against the learning rate, both on log axes (chapter 11).

    ``curves`` maps a label to (learning rates, losses), one entry per step of a run
    whose rate rises step by step, each in its own colour and line style; ``marks`` maps
    a label to a learning rate drawn as a thin black vertical line, dotted or
    dash-dotted (a stability limit, a chosen rate). ``ylim`` clips the loss axis,
    so that a run that blew up does not squash the rest of the curve.
    """
    pairs = v.curve_pairs("curves", curves, ("learning rates", "losses"))
    with book_style():
        fig, ax, created = axes_for(ax)
        for i, (label, etas, losses) in enumerate(pairs):
            ax.plot(etas, on_log_axis(losses), STYLES[i % len(STYLES)], color=COLORS[i % len(COLORS)],
                    linewidth=1.8, label=label)
        for i, (label, eta) in enumerate((marks or {}).items()):
            ax.axvline(v.positive_scalar(label, eta), color="black", linestyle=MARKS[i % len(MARKS)],
                       linewidth=1.1, label=label)
        ax.set_xscale("log")
        ax.set_yscale("log")
        if ylim is not None:
            ax.set_ylim(*v.interval("ylim", ylim))
        ax.set_xlabel(r"learning rate $\eta_k$ of the step")
        ax.set_ylabel(ylabel)
        ax.legend(fontsize=8)
    return finish(fig, ax, created, title)
