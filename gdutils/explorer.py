"""Explore gradient descent in two variables: live with sliders, or as an animation (chapter 4).

- In Jupyter, Binder or Colab, ``explore_descent(f, grad, xlim=..., ylim=...)``
  shows sliders for the learning rate, the start point and the number of steps;
  the path on the contours and the loss curve are redrawn whenever one moves.
- The published HTML has no kernel to rerun Python: there the book uses
  ``gdutils.live``, whose explorers rerun the book's own functions in the
  page, in JavaScript. ``descent_animation(...)`` makes a static counterpart
  for any function: a matplotlib animation that sweeps the learning rate
  (show it with :func:`animation_html`, which wraps ``anim.to_jshtml()``).

Both draw the same picture, computed by the same pure function,
:func:`descent_view`, from the same inputs (the slider values).
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.animation import FuncAnimation
from matplotlib.figure import Figure

from . import validation as v
from .descent import gradient_descent
from .plotting import COLORS, book_style, evaluate_on_grid, plot_contour_paths

LOSS_BOTTOM: float = 1e-12
"""The bottom of the loss axis; smaller losses leave the picture through it."""


@dataclass(frozen=True)
class DescentView:
    """Everything one picture of the explorer shows (chapter 4).

    Attributes:
        learning_rate: the learning rate of the run.
        start: the start point (x0, y0).
        path: the points visited, the start included, shape (k+1, 2).
        values: f along the path, shape (k+1,).
        message: why the run stopped, in words.
        diverged: True when the run blew up and was stopped.
    """

    learning_rate: float
    start: tuple[float, float]
    path: np.ndarray
    values: np.ndarray
    message: str
    diverged: bool

    @property
    def n_steps(self) -> int:
        """How many steps the run made (fewer than asked when it diverged)."""
        return len(self.path) - 1

    @property
    def title(self) -> str:
        """A one-line caption: the learning rate, the steps made, the last loss and whether it diverged."""
        end = f"f = {self.values[-1]:.3g}" + (", diverged" if self.diverged else "")
        return f"η = {self.learning_rate:.3g}: {self.n_steps} steps, {end}"


def _start(value: Sequence[float]) -> np.ndarray:
    start = v.real_point("start", value)
    if start.shape != (2,):
        raise ValueError(f"start must be a point (x0, y0), got shape {start.shape}")
    return start


def descent_view(f: Callable, grad: Callable, learning_rate: float, start: Sequence[float],
                 n_steps: int) -> DescentView:
    """Run descent from ``start`` and collect what the explorer draws (chapter 4).

    A pure function of the slider values: the same inputs give the same view, bit
    for bit. A diverging run is stopped and keeps its finite part.
    """
    v.callable_arg("f", f)
    run = gradient_descent(grad, _start(start), learning_rate, n_steps, f=f)
    return DescentView(
        learning_rate=float(learning_rate),
        start=tuple(float(c) for c in np.asarray(start, dtype=float)),
        path=run.path,
        values=run.values,
        message=run.message,
        diverged=run.diverged,
    )


class _Panels:
    """The explorer's figure: the path on the contours (left) and the loss curve (right).

    The contours are drawn once; :meth:`show` only moves the lines, so an
    animation or a slider redraws quickly.
    """

    def __init__(self, f: Callable, xlim: tuple[float, float], ylim: tuple[float, float],
                 max_steps: int, loss_range: tuple[float, float], *, figsize=(7.0, 3.0), dpi=100):
        with book_style():
            self.fig, (self.ax_map, self.ax_loss) = plt.subplots(
                1, 2, figsize=figsize, dpi=dpi, gridspec_kw={"width_ratios": [1.1, 1.0]})
            # one contour per tenth of the values on the grid: dense where f varies slowly
            _, _, Z = evaluate_on_grid(f, xlim=xlim, ylim=ylim, n=120)
            levels = np.unique(np.quantile(Z[np.isfinite(Z)], np.linspace(0.02, 0.98, 10) ** 2))
            plot_contour_paths(f, None, xlim=xlim, ylim=ylim, levels=levels, n=120, ax=self.ax_map)
            (self.path_line,) = self.ax_map.plot([], [], "-o", color=COLORS[3], markersize=2.5,
                                                 linewidth=1.2)
            (self.start_dot,) = self.ax_map.plot([], [], "o", color="black", markersize=5)
            (self.loss_line,) = self.ax_loss.semilogy([], [], color=COLORS[0])
            self.ax_loss.set_xlim(0, max(max_steps, 1))
            self.ax_loss.set_ylim(*loss_range)
            self.ax_loss.set_xlabel("step $k$")
            self.ax_loss.set_ylabel("$f(x_k, y_k)$")
            self.title = self.fig.suptitle(" ", fontsize=11)
            self.fig.tight_layout()

    def show(self, view: DescentView) -> None:
        self.path_line.set_data(view.path[:, 0], view.path[:, 1])
        self.start_dot.set_data([view.start[0]], [view.start[1]])
        self.loss_line.set_data(np.arange(view.values.size), np.maximum(view.values, 1e-300))
        self.title.set_text(view.title)


def _loss_range(values: Sequence[float]) -> tuple[float, float]:
    top = max(float(np.max(values)), LOSS_BOTTOM * 10)
    return LOSS_BOTTOM, top * 30


def plot_descent_view(view: DescentView, f: Callable, *, xlim: Sequence[float],
                      ylim: Sequence[float]) -> Figure:
    """One picture of the explorer: the path on the contours and the loss curve (chapter 4)."""
    if not isinstance(view, DescentView):
        raise TypeError(f"view must be a DescentView, got {v.show(view)}")
    panels = _Panels(f, v.interval("xlim", xlim), v.interval("ylim", ylim), view.n_steps,
                     _loss_range(view.values[:1]))
    panels.show(view)
    return panels.fig


def figure_png(fig: Figure, dpi: int = 80) -> bytes:
    """The figure as PNG bytes (what the explorer's image widget shows) (chapter 4)."""
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=dpi)
    return buffer.getvalue()


def _slider_ranges(rate_range: Sequence[float], learning_rate: float, max_steps: int,
                   n_steps: int) -> tuple[float, float, float, int, int]:
    """The explorer's slider settings, validated: (lowest rate, highest rate, rate, max_steps, n_steps)."""
    lo_rate, hi_rate = v.interval("rate_range", rate_range)
    if lo_rate <= 0:
        raise ValueError(f"rate_range must hold positive learning rates, got {(lo_rate, hi_rate)!r}")
    max_steps = v.positive_int("max_steps", max_steps)
    n_steps = v.non_negative_int("n_steps", n_steps)
    if n_steps > max_steps:
        raise ValueError(f"n_steps must be at most max_steps = {max_steps}, got {n_steps}")
    rate = v.positive_scalar("learning_rate", learning_rate)
    if not lo_rate <= rate <= hi_rate:
        raise ValueError(f"learning_rate must lie in rate_range {(lo_rate, hi_rate)!r}, got {rate!r}")
    return lo_rate, hi_rate, rate, max_steps, n_steps


def _start_inside(start: Sequence[float] | None, xlim: tuple[float, float], ylim: tuple[float, float]) -> np.ndarray:
    """The start point, inside the limits; None means three quarters of the way to the top right corner."""
    if start is None:
        start = (xlim[0] + 0.875 * (xlim[1] - xlim[0]), ylim[0] + 0.875 * (ylim[1] - ylim[0]))
    x0, y0 = _start(start)
    if not (xlim[0] <= x0 <= xlim[1] and ylim[0] <= y0 <= ylim[1]):
        raise ValueError(f"start must lie inside xlim and ylim, got {(float(x0), float(y0))!r}")
    return np.array([x0, y0])


EXPLORER_PLACEHOLDER = "Descent explorer: run this cell (Jupyter, Binder or Colab) to get its sliders."
"""What a notebook saved with the explorer shows until its cell runs again (the widget's text)."""


def _explorer_box(widgets):
    """A VBox whose text form, saved in the notebook, is a readable placeholder, not its children."""

    class DescentExplorer(widgets.VBox):
        def __repr__(self) -> str:
            return EXPLORER_PLACEHOLDER

    return DescentExplorer


def explore_descent(f: Callable, grad: Callable, *, xlim: Sequence[float], ylim: Sequence[float],
                    learning_rate: float = 0.1, start: Sequence[float] | None = None,
                    n_steps: int = 20, max_steps: int = 100,
                    rate_range: Sequence[float] = (1e-3, 1.5)):
    """Sliders for the learning rate, the start point and the steps, with a live picture (chapter 4).

    Returns an ipywidgets box: the last expression of a cell, it shows in Jupyter,
    Binder or Colab. Moving a slider reruns :func:`descent_view` and redraws the
    path on the contours of f and the loss curve. The published HTML has no kernel
    to rerun anything: there the book shows ``gdutils.live``'s explorers, which
    rerun its own functions in the page, or :func:`descent_animation`.
    """
    import ipywidgets as widgets  # imported here: only the live explorer needs it

    v.callable_arg("f", f)
    v.callable_arg("grad", grad)
    xlim, ylim = v.interval("xlim", xlim), v.interval("ylim", ylim)
    lo_rate, hi_rate, rate, max_steps, n_steps = _slider_ranges(rate_range, learning_rate, max_steps, n_steps)
    x0, y0 = _start_inside(start, xlim, ylim)
    style = {"description_width": "7em"}
    layout = widgets.Layout(width="22em")
    sliders = {
        "learning_rate": widgets.FloatLogSlider(
            value=rate, base=10, min=np.log10(lo_rate), max=np.log10(hi_rate), step=0.01,
            description="learning rate η", readout_format=".3g", style=style, layout=layout),
        "x0": widgets.FloatSlider(value=float(x0), min=xlim[0], max=xlim[1], step=(xlim[1] - xlim[0]) / 200,
                                  description="start x₀", style=style, layout=layout),
        "y0": widgets.FloatSlider(value=float(y0), min=ylim[0], max=ylim[1], step=(ylim[1] - ylim[0]) / 200,
                                  description="start y₀", style=style, layout=layout),
        "n_steps": widgets.IntSlider(value=n_steps, min=0, max=max_steps, description="steps",
                                     style=style, layout=layout),
    }
    image = widgets.Image(format="png")
    status = widgets.Label()
    panels = _Panels(f, xlim, ylim, max_steps, _loss_range([f(np.array([x, y])) for x in xlim for y in ylim]))
    plt.close(panels.fig)  # drawn into the image widget, never shown by pyplot

    def redraw(_change=None) -> None:
        view = descent_view(f, grad, sliders["learning_rate"].value,
                            (sliders["x0"].value, sliders["y0"].value), sliders["n_steps"].value)
        panels.show(view)
        image.value = figure_png(panels.fig)
        status.value = view.message

    for slider in sliders.values():
        slider.observe(redraw, names="value")
    redraw()
    controls = widgets.HBox([widgets.VBox([sliders["learning_rate"], sliders["n_steps"]]),
                             widgets.VBox([sliders["x0"], sliders["y0"]])])
    box = _explorer_box(widgets)([controls, image, status])
    box.sliders = sliders  # for tests and for readers who want to set values in code
    return box


def descent_animation(f: Callable, grad: Callable, *, xlim: Sequence[float], ylim: Sequence[float],
                      start: Sequence[float], learning_rates: Sequence[float], n_steps: int,
                      dpi: int = 60, interval: int = 400) -> FuncAnimation:
    """The explorer for readers without a kernel: one frame per learning rate (chapter 4).

    Each frame is :func:`descent_view` for one entry of ``learning_rates``, from
    the same start and with the same step budget: the path on the contours and the
    loss curve. Show it with :func:`animation_html`; every
    frame is a PNG embedded in the page, so keep the frames few and small
    (``dpi``). The figure is closed, so the notebook does not show it a second time.
    """
    xlim, ylim = v.interval("xlim", xlim), v.interval("ylim", ylim)
    rates = [v.positive_scalar("learning_rates[i]", r) for r in learning_rates]
    if not rates:
        raise ValueError("learning_rates must hold at least one learning rate")
    n_steps = v.positive_int("n_steps", n_steps)
    dpi = v.positive_int("dpi", dpi)
    views = [descent_view(f, grad, r, start, n_steps) for r in rates]
    panels = _Panels(f, xlim, ylim, n_steps, _loss_range(views[0].values[:1]), dpi=dpi)
    plt.close(panels.fig)

    def frame(i: int):
        panels.show(views[i])
        return panels.path_line, panels.start_dot, panels.loss_line, panels.title

    return FuncAnimation(panels.fig, frame, frames=len(views), interval=interval, repeat=True)


# The buttons of matplotlib's JavaScript player are Font Awesome icons, loaded
# from a CDN. The book loads nothing from third-party hosts, so the icons are
# replaced by plain Unicode symbols that every browser draws.
_FONT_AWESOME_LINK = re.compile(r'<link rel="stylesheet"\s+href="https://[^"]*font-awesome[^"]*">\s*')
_BUTTON_SYMBOLS = {  # only the two triangles and ASCII: fonts everywhere have them
    "fa fa-minus": "\N{MINUS SIGN}",
    "fa fa-fast-backward": "|\N{BLACK LEFT-POINTING TRIANGLE}\N{BLACK LEFT-POINTING TRIANGLE}",
    "fa fa-step-backward": "\N{BLACK LEFT-POINTING TRIANGLE}|",
    "fa fa-play fa-flip-horizontal": "\N{BLACK LEFT-POINTING TRIANGLE}",
    "fa fa-pause": "||",
    "fa fa-play": "\N{BLACK RIGHT-POINTING TRIANGLE}",
    "fa fa-step-forward": "|\N{BLACK RIGHT-POINTING TRIANGLE}",
    "fa fa-fast-forward": "\N{BLACK RIGHT-POINTING TRIANGLE}\N{BLACK RIGHT-POINTING TRIANGLE}|",
    "fa fa-plus": "+",
}


def animation_html(anim: FuncAnimation, *, default_mode: str = "loop"):
    """The animation as a self-contained player for the page: ``IPython.display.HTML`` (chapter 4).

    This is ``anim.to_jshtml()`` (every frame embedded as a PNG, played by a few
    lines of JavaScript, no kernel needed) with the player's Font Awesome
    stylesheet, which would load from a CDN, replaced by plain symbols on the buttons.
    """
    from IPython.display import HTML

    if not isinstance(anim, FuncAnimation):
        raise TypeError(f"anim must be a matplotlib FuncAnimation, got {v.show(anim)}")
    if default_mode not in ("once", "loop", "reflect"):
        raise ValueError(f"default_mode must be 'once', 'loop' or 'reflect', got {default_mode!r}")
    html = _FONT_AWESOME_LINK.sub("", anim.to_jshtml(default_mode=default_mode), count=1)
    for icon, symbol in _BUTTON_SYMBOLS.items():
        html = html.replace(f'<i class="{icon}"></i>', symbol)
    return HTML(html)
