"""The figures of chapter 3 (Partial derivatives and the gradient): contours with paths, gradient fields,
surfaces and directional derivatives. Chapters 4 and 5 draw their runs with the same functions."""

from __future__ import annotations

from collections.abc import Callable, Sequence

import matplotlib as mpl
import matplotlib.pyplot as plt
import numpy as np
from matplotlib.figure import Figure

from .. import validation as v
from .plane import draw_contours, draw_paths, evaluate_on_grid, finish_plane, on_grid, plane_figsize
from .style import COLORS, axes_for, book_style, finish


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
    xlim, ylim = v.interval("xlim", xlim), v.interval("ylim", ylim)
    path_list = v.plane_paths(paths)
    label_list = v.labels("labels", labels, len(path_list))
    lv = v.contour_levels(levels)
    n = v.grid_size("n", n)
    with book_style():
        fig, ax, created = axes_for(ax, figsize=plane_figsize(xlim, ylim, equal_aspect))
        X, Y, Z = evaluate_on_grid(f, xlim=xlim, ylim=ylim, n=n)
        draw_contours(ax, X, Y, Z, lv)
        draw_paths(ax, path_list, label_list)
        finish_plane(ax, xlim, ylim, title, equal_aspect, legend=any(s is not None for s in label_list))
        if created:
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
    xlim, ylim = v.interval("xlim", xlim), v.interval("ylim", ylim)
    n = v.grid_size("n", n)
    lv = v.contour_levels(levels)
    if points is None:
        # arrows start at the centres of an n-by-n tiling, so that none starts on the frame
        dx, dy = (xlim[1] - xlim[0]) / n, (ylim[1] - ylim[0]) / n
        AX, AY = np.meshgrid(np.linspace(xlim[0] + dx / 2, xlim[1] - dx / 2, n),
                             np.linspace(ylim[0] + dy / 2, ylim[1] - dy / 2, n))
        spacing = min(dx, dy)
    else:
        pts = v.plane_path("points", points)
        AX, AY = pts[:, :1], pts[:, 1:]
        spacing = min((xlim[1] - xlim[0]), (ylim[1] - ylim[0])) / 8
    G = on_grid(grad, "grad", AX, AY, (2,))
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
        fig, ax, created = axes_for(ax, figsize=plane_figsize(xlim, ylim, equal_aspect))
        if f is not None:
            X, Y, Z = evaluate_on_grid(f, xlim=xlim, ylim=ylim, n=200)
            draw_contours(ax, X, Y, Z, lv)
        ax.quiver(AX, AY, U, V, magnitude, cmap="plasma", norm=norm, angles="xy", scale_units="xy",
                  scale=scale, width=0.005, zorder=3)
        finish_plane(ax, xlim, ylim, title, equal_aspect, legend=False)
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
    xlim, ylim = v.interval("xlim", xlim), v.interval("ylim", ylim)
    n = v.grid_size("n", n)
    p = None if path is None else v.plane_path("path", path)
    if label is not None:
        v.instance("label", label, str, "a string or None")
    elev, azim = v.real_scalar("elev", elev), v.real_scalar("azim", azim)
    X, Y, Z = evaluate_on_grid(f, xlim=xlim, ylim=ylim, n=n)
    with book_style():
        fig, ax, created = axes_for(ax, three_d=True, figsize=(6.4, 5.0))
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
        fig, ax, created = axes_for(ax, figsize=(6.4, 3.6))
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
