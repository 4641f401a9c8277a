"""The figures of chapter 5 (Choosing the step size): the gap against the cost, paths and costs side by side,
and a backtracking line search drawn along the ray."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

import matplotlib as mpl
import matplotlib.pyplot as plt
import numpy as np
from matplotlib.figure import Figure

from .. import validation as v
from ..descent import DescentResult
from ..step_size import backtracking_step
from .gradient import plot_contour_paths
from .style import COLORS, axes_for, book_style, finish, on_log_axis


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
    gives 0) are drawn at ``floor`` (``style.on_log_axis``).
    """
    v.callable_arg("f", f)
    f_min = v.real_scalar("f_min", f_min)
    floor = v.positive_scalar("floor", floor)
    v.non_empty_mapping("runs", runs, "DescentResult")
    for label, run in runs.items():
        if not isinstance(run, DescentResult) or run.cumulative_evals is None:
            raise TypeError(f"runs[{label!r}] must be a DescentResult made by gradient_descent, got {v.show(run)}")
    with book_style():
        fig, ax, created = axes_for(ax, figsize=(6.0, 4.2))
        lowest = np.inf
        for i, (label, run) in enumerate(runs.items()):
            gap = on_log_axis(_values_along(f, run) - f_min, floor)
            lowest = min(lowest, float(gap.min()))
            ax.semilogy(run.cumulative_evals, gap, ".-" if gap.size <= 300 else "-", markersize=3,
                        linewidth=1.3, color=COLORS[i % len(COLORS)], label=label)
        ax.set_ylim(bottom=lowest / 5)
        ax.set_xlabel("evaluations of $f$ and $\\nabla f$")
        ax.set_ylabel("$f(x_k) - f^*$")
        if title is not None:
            ax.set_title(title)  # also on an Axes given by the caller
        ax.legend(loc="upper right", frameon=True, framealpha=0.85)
        finish(fig, ax, created, None)
    return fig


def plot_step_size_comparison(objective, runs: Mapping[str, DescentResult], *, xlim: Sequence[float],
                              ylim: Sequence[float], levels: int | Sequence[float] = 20,
                              title: str | None = None, log_evals: bool = False) -> Figure:
    """Two panels for one problem: the runs' paths on the contours of f, and f - f* against evaluations (chapter 5).

    ``objective`` has ``f`` and ``f_min`` (a ``SurfaceObjective``); ``runs`` maps a
    label to a DescentResult. ``log_evals=True`` puts the evaluations on a log axis,
    for runs of very different lengths.
    """
    v.non_empty_mapping("runs", runs, "DescentResult")
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


def plot_line_search(f: Callable, x: object, g: object, *, initial: float = 1.0, shrink: float = 0.5,
                     c: float = 0.3, t_exact: float | None = None, t_max: float | None = None,
                     title: str | None = None, ax=None) -> Figure:
    """f along the ray, phi(t) = f(x - t g), with the tangent line, the Armijo line and the trial steps (chapter 5).

    Draws phi(t), the tangent phi(0) - t ||g||^2, the Armijo line phi(0) - c t ||g||^2,
    the backtracking trials t = initial * shrink^j (rejected: crosses; accepted: a
    filled circle) and, if given, the exact minimiser ``t_exact``.
    """
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
        fig, ax, created = axes_for(ax, figsize=(7.2, 4.4))
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
        finish(fig, ax, created, title)
    return fig
