"""The figures of chapter 2 (Difference quotients): a quotient beside the derivative, the error against h."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.figure import Figure

from .. import validation as v
from ..objectives import Objective
from .style import COLORS, axes_for, book_style, finish, line_grid, on_log_axis


def plot_quotient_vs_derivative(objective: Objective, quotient: Callable, h: float,
                                interval: Sequence[float], *, name: str = "forward quotient",
                                title: str | None = None, ax=None) -> Figure:
    """f, its derivative and ``quotient(f, x, h)`` on one axis (chapter 2)."""
    x = line_grid(interval, 200)
    h = v.positive_scalar("h", h)
    with book_style():
        fig, ax, created = axes_for(ax)
        ax.plot(x, objective.f(x), color="black", label=f"$f(x) =${objective.label}")
        ax.plot(x, objective.df(x), color=COLORS[0], label="derivative $f'(x)$")
        ax.plot(x, quotient(objective.f, x, h), "--", color=COLORS[3], label=f"{name}, $h = {h:g}$")
        ax.set_xlabel("$x$")
        ax.legend()
        finish(fig, ax, created, title)
    return fig


def plot_error_vs_h(hs: np.ndarray, errors: Mapping[str, np.ndarray],
                    models: Mapping[str, np.ndarray] | None = None,
                    best: Mapping[str, float] | None = None, *, title: str | None = None, ax=None) -> Figure:
    """Absolute error of derivative estimates against the step h, log-log (chapter 2).

    ``errors`` maps a method's name to its measured errors; ``models`` maps a label
    to a predicted error curve (drawn dashed); ``best`` marks chosen values of h.
    Zero errors (exact results) are drawn at the bottom of the axis, 1e-17 (``style.on_log_axis``).
    """
    hs = v.real_array("hs", hs)
    floor = 1e-17
    with book_style():
        fig, ax, created = axes_for(ax, figsize=(9.0, 4.6))
        for i, (label, err) in enumerate(errors.items()):
            err = np.asarray(err, dtype=float)
            ax.loglog(hs, on_log_axis(err, floor), "o-", markersize=2.5, linewidth=1.2,
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
        finish(fig, ax, created, title)
    return fig
