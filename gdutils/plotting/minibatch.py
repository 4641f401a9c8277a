"""The figures of chapter 7 (Minibatch gradient descent), also used in chapter 8: which batch each example
fell in, curves on a log axis, and the gradient noise against the batch size."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.collections import LineCollection
from matplotlib.colors import ListedColormap
from matplotlib.figure import Figure

from .. import validation as v
from .style import COLORS, axes_for, book_style, finish, on_log_axis


# The light half of tab20: black batch numbers on these fills have a contrast of at least 9:1.
_BATCH_FILLS = plt.get_cmap("tab20").colors[1::2]


def plot_batch_assignments(panels: Mapping[str, Sequence[Sequence[np.ndarray]]], n: int) -> Figure:
    """One panel per iterator: for each epoch (row) and example (column), the batch it fell in (chapter 7).

    ``panels`` maps a title to a list of epochs, each epoch a list of index arrays.
    Every cell shows its batch's number (1, 2, ...) on the batch's colour, and a dark line
    separates neighbours in different batches, so the batches can be told apart without
    the colours.
    """
    n = v.positive_int("n", n)
    with book_style():
        fig, axes = plt.subplots(len(panels), 1, figsize=(9.0, 1.3 + 1.1 * len(panels)), squeeze=False)
        for ax, (title, epochs) in zip(axes[:, 0], panels.items()):
            grid = _batch_grid(epochs, n)
            count = int(np.nanmax(grid)) + 1 if np.isfinite(grid).any() else 1
            fills = ListedColormap([_BATCH_FILLS[k % len(_BATCH_FILLS)] for k in range(count)])
            ax.imshow(grid, aspect="auto", cmap=fills, vmin=-0.5, vmax=count - 0.5, interpolation="nearest",
                      extent=(-0.5, n - 0.5, len(epochs) + 0.5, 0.5))
            _outline_batches(ax, grid)
            for (row, i), number in np.ndenumerate(grid):
                if np.isfinite(number):
                    ax.text(i, row + 1, str(int(number) + 1), ha="center", va="center", fontsize=8,
                            color="black")
            ax.set_title(title, loc="left")
            ax.set_ylabel("epoch")
            ax.set_yticks(range(1, len(epochs) + 1))
            ax.grid(False)
        axes[-1, 0].set_xlabel("example $i$ (number and colour: the batch it is in)")
        fig.tight_layout()
    return fig


def _batch_grid(epochs: Sequence[Sequence[np.ndarray]], n: int) -> np.ndarray:
    """Row per epoch, column per example: the number of its batch (from 0), NaN if in none."""
    grid = np.full((len(epochs), n), np.nan)
    for row, epoch in enumerate(epochs):
        for number, batch in enumerate(epoch):
            grid[row, np.asarray(batch, dtype=int)] = number
    return grid


def _outline_batches(ax, grid: np.ndarray) -> None:
    """Dark lines between neighbours of different batches, white lines between the rows."""
    rows, columns = np.nonzero(grid[:, 1:] != grid[:, :-1])
    ax.add_collection(LineCollection(
        [[(i + 0.5, row + 0.5), (i + 0.5, row + 1.5)] for row, i in zip(rows, columns)],
        colors="black", linewidths=1.2, label="batch borders"))
    width = grid.shape[1]
    ax.add_collection(LineCollection(
        [[(-0.5, row + 0.5), (width - 0.5, row + 0.5)] for row in range(1, grid.shape[0])],
        colors="white", linewidths=1.5, label="row borders"))


def plot_log_curves(curves: Mapping[str, tuple[np.ndarray, np.ndarray]], *, xlabel: str, ylabel: str,
                    logx: bool = False, styles: Mapping[str, str] | None = None, title: str | None = None,
                    ax=None) -> Figure:
    """Several curves (label -> (x, y)) on a logarithmic y axis (chapters 7-8).

    A y value the log axis cannot show (an exact zero) is drawn at the bottom of its curve
    (``style.on_log_axis``).
    ``styles`` optionally maps a label to a matplotlib line style such as ``"--"``.
    """
    with book_style():
        fig, ax, created = axes_for(ax)
        for i, (label, xs, ys) in enumerate(v.curve_pairs("curves", curves, ("x", "y"))):
            ax.plot(xs, on_log_axis(ys), (styles or {}).get(label, "-"), color=COLORS[i % len(COLORS)],
                    label=label, linewidth=1.4)
        ax.set_yscale("log")
        if logx:
            ax.set_xscale("log")
        ax.set_xlabel(xlabel)
        ax.set_ylabel(ylabel)
        ax.legend()
        finish(fig, ax, created, title)
    return fig


def plot_gradient_spread(batch_sizes: Sequence[int], measured: Sequence[float],
                         predicted: Sequence[float], independent: Sequence[float], *,
                         title: str | None = None, ax=None) -> Figure:
    """Noise of the minibatch gradient against the batch size, log-log (chapter 7).

    ``measured`` is drawn as points, ``predicted`` (with the finite-population correction)
    as a line and ``independent`` (the plain 1/sqrt(B) law) dashed. A zero (the full
    batch) is drawn at the bottom of its curve (``style.on_log_axis``).
    """
    b = v.real_array("batch_sizes", batch_sizes)
    curves = {"predicted (distinct examples)": v.real_array("predicted", predicted),
              r"$\sigma/\sqrt{B}$ (independent draws)": v.real_array("independent", independent)}
    meas = v.real_array("measured", measured)
    if not all(c.shape == b.shape for c in [meas, *curves.values()]):
        raise ValueError("batch_sizes, measured, predicted and independent must have one length")
    with book_style():
        fig, ax, created = axes_for(ax)
        for (label, ys), style, color in zip(curves.items(), ["-", "--"], [COLORS[0], COLORS[7]]):
            ax.plot(b, on_log_axis(ys), style, color=color, label=label, linewidth=1.2)
        ax.plot(b, on_log_axis(meas), "o", color=COLORS[3], label="measured", markersize=5)
        ax.set_xscale("log")
        ax.set_yscale("log")
        ax.set_xlabel("batch size $B$")
        ax.set_ylabel(r"RMS of $g_B - \nabla\,\mathrm{MSE}$")
        ax.legend()
        finish(fig, ax, created, title)
    return fig
