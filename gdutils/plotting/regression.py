"""The figures of chapter 6 (Linear regression): the fitted line epoch by epoch, and loss curves."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.figure import Figure

from .. import validation as v
from ..regression import LinearFitResult
from .style import COLORS, axes_for, book_style, finish, on_log_axis


def plot_fit_evolution(x: np.ndarray, y: np.ndarray, fit: LinearFitResult, epochs: Sequence[int],
                       *, title: str | None = None, ax=None) -> Figure:
    """The data (one feature) and the fitted line after each of ``epochs`` (chapter 6).

    Lines run from light (early) to dark (late); epoch 0 is the start.
    """
    v.instance("fit", fit, LinearFitResult, "a LinearFitResult")
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
        fig, ax, created = axes_for(ax)
        ax.scatter(x, y, s=12, color="0.35", zorder=3, label="data")
        for shade, e in zip(shades, epochs):
            m, b = fit.path[int(e)]
            ax.plot(grid, m * grid + b, color=shade, linewidth=1.4,
                    label=f"epoch {int(e)}: $\\hat y = {m:.3g}\\,x {'-' if b < 0 else '+'} {abs(b):.3g}$")
        ax.set_xlabel("$x$")
        ax.set_ylabel("$y$")
        ax.legend(loc="upper left", bbox_to_anchor=(1.01, 1.0))
        finish(fig, ax, created, title or None)
    return fig


def plot_loss_curves(fits: Mapping[str, LinearFitResult], *, floor: float | None = None,
                     zoom: int | None = None, title: str | None = None, ax=None) -> Figure:
    """The MSE after each epoch of one or more fits, on a log scale (chapter 6).

    ``floor`` (optional) draws the curves as the loss minus that value (pass the
    least-squares loss: what descent still has to remove). ``zoom`` (optional)
    adds a second panel showing only the first ``zoom`` epochs (then ``ax`` must be None).
    A loss the log axis cannot show (0, or below the floor) is drawn at the bottom
    of its curve (``style.on_log_axis``).
    """
    for label, fit in fits.items():
        if not isinstance(fit, LinearFitResult):
            raise TypeError(f"fits[{label!r}] must be a LinearFitResult, got {v.show(fit)}")
    if zoom is not None:
        zoom = v.positive_int("zoom", zoom)
        if ax is not None:
            raise ValueError("ax must be None when zoom is given (the figure then has two panels)")
    with book_style():
        if zoom is None:
            fig, ax, created = axes_for(ax)
            panels = [(ax, None)]
        else:
            created = True
            fig, axes = plt.subplots(1, 2, figsize=(10, 3.8))
            panels = [(axes[0], None), (axes[1], zoom)]
        for ax, last in panels:
            for i, (label, fit) in enumerate(fits.items()):
                losses = on_log_axis(fit.losses if floor is None else fit.losses - floor)[:None if last is None else last + 1]
                ax.semilogy(np.arange(losses.size), losses, color=COLORS[i], label=label)
            ax.set_xlabel("epoch" if last is None else f"epoch (the first {last})")
            ax.set_ylabel("MSE" if floor is None else "MSE minus its least-squares minimum")
        panels[0][0].legend()
        finish(fig, panels[0][0], created, title)
    return fig
