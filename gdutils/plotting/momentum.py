"""The figures of chapter 10 (Momentum): the heavy ball's rate over (eta lam, beta), distances measured
against predicted, and rates measured against predicted over the condition number."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

import matplotlib as mpl
import numpy as np
from matplotlib.figure import Figure

from .. import validation as v
from ..momentum import momentum_rate
from .style import COLORS, axes_for, book_style, finish, on_log_axis


def plot_rate_map(*, eta_lam_max: float = 4.2, n: int = 301,
                  points: Mapping[str, tuple[float, float]] | None = None, title: str | None = None,
                  ax: mpl.axes.Axes | None = None) -> Figure:
    """The heavy ball's rate max|eig M| over the plane (eta lam, beta), 0 <= beta < 1 (chapter 10).

    Colour shows the rate where it is below 1 (grey: the run diverges), with contour
    lines at a few rates. The solid line is the edge of the convergence region,
    eta lam = 2 (1 + beta); between the dashed lines eta lam = (1 - sqrt(beta))^2 and
    (1 + sqrt(beta))^2 the eigenvalues of M are complex and the rate is sqrt(beta).
    ``points`` maps a label to (eta lam, beta), drawn as marked points.
    """
    top = v.positive_scalar("eta_lam_max", eta_lam_max)
    n = v.grid_size("n", n)
    marks = {} if points is None else dict(v.non_empty_mapping("points", points, "a label -> (eta lam, beta)"))
    h = np.linspace(0.0, top, n)
    beta = np.linspace(0.0, 0.995, n)
    H, B = np.meshgrid(h, beta)
    rate = momentum_rate(H, B)
    shown = np.where(rate < 1, rate, np.nan)
    with book_style():
        fig, ax, created = axes_for(ax, figsize=(6.4, 5.2))
        cmap = mpl.colormaps["viridis"].with_extremes(bad="0.85")
        image = ax.pcolormesh(H, B, shown, cmap=cmap, vmin=0.0, vmax=1.0, shading="auto", rasterized=True)
        fig.colorbar(image, ax=ax, label=r"rate $\max|\mathrm{eig}\,M|$ (grey: diverges)")
        lines = ax.contour(H, B, rate, levels=[0.5, 0.7, 0.8, 0.9, 0.95], colors="white", linewidths=0.8)
        ax.clabel(lines, fontsize=7, fmt="%.2f")
        ax.plot(2 * (1 + beta), beta, color="black", linewidth=1.6, label=r"$\eta\lambda = 2(1 + \beta)$")
        root = np.sqrt(beta)
        ax.plot((1 - root) ** 2, beta, "--", color="black", linewidth=1.0,
                label=r"$\eta\lambda = (1 \pm \sqrt{\beta})^2$")
        ax.plot((1 + root) ** 2, beta, "--", color="black", linewidth=1.0)
        for i, (label, (x, y)) in enumerate(marks.items()):
            ax.plot([v.real_scalar("eta lam", x)], [v.real_scalar("beta", y)], "o", color=COLORS[(i + 1) % 10],
                    markeredgecolor="black", markersize=7, label=label)
        ax.set_xlim(0, top)
        ax.set_ylim(0, 1)
        ax.set_xlabel(r"$\eta\lambda$")
        ax.set_ylabel(r"momentum $\beta$")
        ax.grid(False)
        ax.legend(loc="upper center", bbox_to_anchor=(0.5, -0.16), ncol=2, fontsize=8)
    return finish(fig, ax, created, title)


def plot_distances(measured: Mapping[str, tuple[np.ndarray, np.ndarray]],
                   predicted: Mapping[str, tuple[np.ndarray, np.ndarray]] | None = None, *,
                   xlabel: str = "step $k$", ylabel: str = r"$\|p_k - p^*\|$",
                   xlim: Sequence[float] | None = None, ylim: Sequence[float] | None = None,
                   title: str | None = None, ax: mpl.axes.Axes | None = None) -> Figure:
    """Measured distances (label -> (k, d)) as coloured lines, predicted ones thin and black on top (chapter 10).

    A logarithmic y axis; a value it cannot show (an exact 0) is drawn at the bottom
    (``style.on_log_axis``). The predicted curves take the line styles ``:``, ``--``,
    ``-.`` in turn, so that a prediction that coincides with a run stays visible.
    """
    runs = v.curve_pairs("measured", measured, ("k", "distances"))
    predictions = v.curve_pairs("predicted", predicted, ("k", "distances")) if predicted else []
    with book_style():
        fig, ax, created = axes_for(ax)
        for i, (label, xs, ys) in enumerate(runs):
            ax.plot(xs, on_log_axis(ys), color=COLORS[i % len(COLORS)], linewidth=2.6, alpha=0.8, label=label)
        for i, (label, xs, ys) in enumerate(predictions):
            ax.plot(xs, on_log_axis(ys), [":", "--", "-."][i % 3], color="black", linewidth=1.2, label=label)
        ax.set_yscale("log")
        if xlim is not None:
            ax.set_xlim(*v.interval("xlim", xlim))
        if ylim is not None:
            ax.set_ylim(*v.interval("ylim", ylim))
        ax.set_xlabel(xlabel)
        ax.set_ylabel(ylabel)
        ax.legend(fontsize=8)
    return finish(fig, ax, created, title)


def plot_rates_against_kappa(kappas: Sequence[float], measured: Mapping[str, Sequence[float]],
                             predicted: Mapping[str, Callable[[np.ndarray], np.ndarray]], *,
                             kappa_range: Sequence[float] = (3.0, 3000.0), title: str | None = None,
                             ax: mpl.axes.Axes | None = None) -> Figure:
    """1 - rate against the condition number kappa, log-log: predicted as lines, measured as points (chapter 10).

    ``measured`` maps a label to the measured rates at ``kappas``; ``predicted`` maps the
    same labels to functions kappa -> predicted rate (vectorised), drawn over
    ``kappa_range`` in the same colour (a measured rate of 1 or more is drawn at the
    bottom, ``style.on_log_axis``). 1 - rate is what a step gains: a rate r needs
    about ln(10) / (1 - r) steps per digit when r is close to 1.
    """
    ks = v.real_array("kappas", kappas)
    v.non_empty_mapping("measured", measured, "a label -> measured rates")
    if set(measured) != set(v.non_empty_mapping("predicted", predicted, "a label -> function of kappa")):
        raise ValueError("measured and predicted must have the same labels")
    lo, hi = v.interval("kappa_range", kappa_range)
    grid = np.geomspace(lo, hi, 200)
    with book_style():
        fig, ax, created = axes_for(ax)
        for i, (label, rates) in enumerate(measured.items()):
            rates = v.real_array(label, rates)
            if rates.shape != ks.shape:
                raise ValueError(f"{label!r}: {rates.shape[0] if rates.ndim else 1} rates for {ks.size} kappas")
            colour = COLORS[i % len(COLORS)]
            ax.plot(grid, 1 - v.real_results(f"predicted[{label!r}]", predicted[label](grid), grid.shape), color=colour,
                    label=f"{label}, predicted")
            ax.plot(ks, on_log_axis(1 - rates), "o", color=colour, markersize=7, markerfacecolor="white",
                    markeredgewidth=1.8, label=f"{label}, measured")
        ax.set_xscale("log")
        ax.set_yscale("log")
        ax.set_xlabel(r"condition number $\kappa = L/\mu$")
        ax.set_ylabel(r"$1 - $ rate (gain per step)")
        ax.legend()
    return finish(fig, ax, created, title)
