"""The figures of chapter 4 (The paraboloid): runs side by side on one contour map, distances against theory."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.figure import Figure

from .. import validation as v
from .plane import draw_contours, draw_paths, evaluate_on_grid, finish_plane
from .style import COLORS, axes_for, book_style, finish, on_log_axis


def plot_contour_panels(f: Callable, panels: Sequence[object], *, xlim: Sequence[float], ylim: Sequence[float],
                        titles: Sequence[str] | None = None, labels: Sequence[Sequence[str] | None] | None = None,
                        levels: int | Sequence[float] = 20, n: int = 200, ncols: int | None = None,
                        panel_size: float = 3.4, equal_aspect: bool = True) -> Figure:
    """Several contour plots of the same f side by side, one per entry of ``panels`` (chapters 4-5).

    Each entry of ``panels`` is what :func:`~gdutils.plotting.gradient.plot_contour_paths` takes as ``paths``;
    ``titles`` has one string per panel; ``labels`` one list of labels (or None) per panel.
    ``panel_size`` is the width of one panel in inches. The grid of f is evaluated once
    and shared.
    """
    v.callable_arg("f", f)
    if isinstance(panels, (str, bytes)) or not isinstance(panels, Sequence) or len(panels) == 0:
        raise ValueError(f"panels must be a non-empty list (one entry of paths per panel), got {v.show(panels)}")
    xlim, ylim = v.interval("xlim", xlim), v.interval("ylim", ylim)
    count = len(panels)
    title_list = v.labels("titles", titles, count) if titles is not None else [None] * count
    if labels is not None and (not isinstance(labels, Sequence) or len(labels) != count):
        raise ValueError(f"labels must have one entry per panel ({count}), got {v.show(labels)}")
    path_lists = [v.plane_paths(p) for p in panels]
    label_lists = [v.labels("labels", None if labels is None else labels[i], len(p)) for i, p in enumerate(path_lists)]
    lv = v.contour_levels(levels)
    n = v.grid_size("n", n)
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
            draw_contours(ax, X, Y, Z, lv)
            draw_paths(ax, path_lists[k], label_lists[k])
            finish_plane(ax, xlim, ylim, title_list[k], equal_aspect,
                       legend=any(s is not None for s in label_lists[k]))
        fig.tight_layout()
    return fig


def plot_distance_curves(measured: Mapping[str, np.ndarray],
                         predicted: Mapping[str, np.ndarray] | None = None, *,
                         ylabel: str = "distance to the minimiser", floor: float = 1e-16,
                         title: str | None = None, ax=None) -> Figure:
    """Measured distances per step (solid) beside predicted ones (dashed, same colour), log scale (chapter 4).

    ``measured`` and ``predicted`` map a label to one value per step k = 0, 1, ...;
    a predicted curve takes the colour of the measured curve in the same position.
    Values below ``floor`` (an exact 0 has no logarithm) are drawn at ``floor`` (``style.on_log_axis``).
    """
    if not isinstance(measured, Mapping) or not measured:
        raise ValueError(f"measured must be a non-empty mapping of label to values, got {v.show(measured)}")
    predicted = {} if predicted is None else predicted
    if not isinstance(predicted, Mapping) or len(predicted) > len(measured):
        raise ValueError(f"predicted must map at most one label per measured curve, got {v.show(predicted)}")
    floor = v.positive_scalar("floor", floor)
    with book_style():
        fig, ax, created = axes_for(ax, figsize=(7.0, 4.0))
        for i, (label, values) in enumerate(measured.items()):
            d = v.real_array(f"measured[{label!r}]", values)
            ax.semilogy(np.arange(d.size), on_log_axis(d, floor), color=COLORS[i], label=label)
        for i, (label, values) in enumerate(predicted.items()):
            d = v.real_array(f"predicted[{label!r}]", values)
            ax.semilogy(np.arange(d.size), on_log_axis(d, floor), "--", color=COLORS[i], linewidth=2.6, alpha=0.55,
                        label=label)
        ax.set_xlabel("step $k$")
        ax.set_ylabel(ylabel)
        ax.legend(loc="upper right")
        finish(fig, ax, created, title)
    return fig
