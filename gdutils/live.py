"""Live explorers for the HTML book: sliders that rerun descent in the page (chapters 1, 4, 9, 10 and 11).

``live_explorer("ELONGATED_BOWL", xlim=..., ylim=..., ...)`` returns a cell output
(``IPython.display.HTML``) that holds everything it needs: the contours as SVG and
a short JavaScript program, ``live_explorer.js`` next to this module, that reruns
gradient descent (or momentum) in the reader's browser whenever a slider moves.
It needs no kernel, no library and no network, so it works on the web page as well
as in Jupyter, Binder and Colab once the cell has run.

The JavaScript mirrors ``gradient_descent``, ``optimizers.Momentum`` and
``optimizers.Adam`` line for line, with the objectives of ``gdutils.objectives``
written in the same order of float64 operations: a run in the page is the run of
gdutils, bit for bit, with the same status and message (Adam's powers of beta
included: gdutils computes them with basic operations only, as the page does). The explorer draws only functions it knows by name
(:data:`LIVE_OBJECTIVES`); for a function of your own, use the ipywidgets
explorer, ``explorer.explore_descent``, in a running notebook.
"""

from __future__ import annotations

import html
import itertools
import json
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources

import numpy as np

from . import objectives
from . import validation as v

LIVE_OBJECTIVES: tuple[str, ...] = ("SQUARE", "SHIFTED_SQUARE", "CUBIC", "QUARTIC", "DOUBLE_WELL", "PARABOLOID",
                                    "ELONGATED_BOWL", "NARROW_BOWL", "TURNED_BOWL", "HIMMELBLAU", "ROSENBROCK")
"""The ``gdutils.objectives`` constants the page's JavaScript knows (chapter 4)."""
_ONE_VARIABLE = ("SQUARE", "SHIFTED_SQUARE", "CUBIC", "QUARTIC", "DOUBLE_WELL")

_BOX = (340, 280)  # each panel's size in SVG units (a 2-D map's height keeps x and y at one scale)
_MARGIN = {"left": 54, "right": 18, "top": 10, "bottom": 34}
_LOSS_FLOOR = 1e-16
_WAITING = "The explorer starts when its script runs (in Jupyter: when this cell has run)."
_COUNTER = itertools.count(1)  # explorer ids: unique on a page, the same on every run of a notebook


@dataclass(frozen=True)
class _Slider:
    """One slider: its name in the script, its label, range, step and starting value."""

    name: str
    label: str
    low: float
    high: float
    step: float
    value: float

    def __post_init__(self) -> None:
        # a range input snaps its value to low + k * step: the value must be one of those
        k = (self.value - self.low) / self.step
        if abs(k - round(k)) > 1e-9 * max(1.0, abs(k)):
            raise ValueError(f"{self.name} = {self.value!r} is not on its slider's grid "
                             f"{self.low!r} + k * {self.step!r}: choose a value on it, or another step")

    def html(self, uid: str) -> str:
        ident = f"{uid}-{self.name}"
        return (f'<div class="gd-control"><label for="{ident}">{html.escape(self.label)}</label> '
                f'<input type="range" id="{ident}" data-name="{self.name}" min="{self.low!r}" '
                f'max="{self.high!r}" step="{self.step!r}" value="{self.value!r}"> '
                f'<output id="{ident}-out" for="{ident}" aria-hidden="true"></output></div>')


def explorer_script() -> str:
    """The explorer's JavaScript, as shipped with gdutils (chapter 4)."""
    return resources.files("gdutils").joinpath("live_explorer.js").read_text(encoding="utf-8")


def _objective(name: str):
    v.one_of("objective", name, LIVE_OBJECTIVES)
    return getattr(objectives, name)


def _in_range(name: str, value: float, low: float, high: float) -> float:
    value = v.real_scalar(name, value)
    if not low <= value <= high:
        raise ValueError(f"{name} must lie in [{low:g}, {high:g}], got {value!r}")
    return value


def _rate_slider(learning_rate: float, rate_range: Sequence[float], rate_step: float) -> _Slider:
    lo, hi = v.interval("rate_range", rate_range)
    if lo <= 0:
        raise ValueError(f"rate_range must hold positive learning rates, got {(lo, hi)!r}")
    step = v.positive_scalar("rate_step", rate_step)
    return _Slider("learning_rate", "learning rate η", lo, hi, step,
                   _in_range("learning_rate", learning_rate, lo, hi))


def _beta_slider(name: str, label: str, value: float, bounds: Sequence[float], step: float) -> _Slider:
    """A slider for a decay rate in [0, 1): momentum's beta, Adam's beta1 or beta2."""
    lo, hi = v.interval(f"{name}_range", bounds)
    if lo < 0 or hi >= 1:
        raise ValueError(f"{name}_range must lie in [0, 1), got {(lo, hi)!r}")
    return _Slider(name, label, lo, hi, v.positive_scalar(f"{name}_step", step), _in_range(name, value, lo, hi))


def _optimizer_sliders(momentum, momentum_range, momentum_step, adam) -> list[_Slider]:
    """Momentum's beta slider, or Adam's beta1 and beta2 sliders (adam: their settings), or none."""
    if momentum is not None and adam is not None:
        raise ValueError("give momentum or adam, not both: the explorer runs one optimizer")
    if momentum is not None:
        return [_beta_slider("momentum", "momentum β", momentum, momentum_range, momentum_step)]
    if adam is None:
        return []
    settings = {"beta1": 0.9, "beta2": 0.999, "beta1_range": (0.0, 0.99), "beta1_step": 0.01,
                "beta2_range": (0.99, 0.999), "beta2_step": 0.001}
    unknown = set(adam) - set(settings)
    if unknown:
        raise ValueError(f"adam takes the keys {sorted(settings)}, got {sorted(unknown)}")
    settings.update(adam)
    return [_beta_slider("beta1", "Adam's β₁", settings["beta1"], settings["beta1_range"], settings["beta1_step"]),
            _beta_slider("beta2", "Adam's β₂", settings["beta2"], settings["beta2_range"], settings["beta2_step"])]


def _start_sliders(start, dim: int, xlim, ylim, start_step) -> list[_Slider]:
    point = v.real_point("start", start)
    if point.shape != (() if dim == 1 else (2,)):
        want = "a number" if dim == 1 else "a point (x0, y0)"
        raise ValueError(f"start must be {want} for this objective, got shape {point.shape}")
    coords = [float(point)] if dim == 1 else [float(c) for c in point]
    sliders = []
    for i, (name, label, lim) in enumerate([("x0", "start x₀", xlim), ("y0", "start y₀", ylim)][:dim]):
        step = v.positive_scalar("start_step", start_step if start_step is not None else (lim[1] - lim[0]) / 200)
        sliders.append(_Slider(name, label, lim[0], lim[1], step, _in_range(f"start[{i}]", coords[i], *lim)))
    return sliders


def _tenths(value: int) -> str:
    """A length in tenths of a unit, written short: 13 -> "1.3", -4 -> "-.4", 20 -> "2"."""
    text = f"{value / 10:g}"
    return text.replace("0.", ".", 1) if text.startswith(("0.", "-0.")) else text


def _svg_line(points: np.ndarray, min_gap: float = 1.5) -> str:
    """An SVG path through points (pixels), written with relative moves in tenths of a pixel.

    Points closer than ``min_gap`` pixels to the last one kept are dropped: at this
    size they change nothing a reader can see, and they would double the page's bytes.
    """
    kept = [points[0]]
    for point in points[1:-1]:
        if np.abs(point - kept[-1]).sum() >= min_gap:
            kept.append(point)
    kept.append(points[-1])
    tenths = np.rint(np.array(kept) * 10).astype(int)
    steps = np.diff(tenths, axis=0)
    moves = " ".join(f"{_tenths(dx)} {_tenths(dy)}" for dx, dy in steps)
    return f"M{_tenths(tenths[0, 0])} {_tenths(tenths[0, 1])}l{moves}"


def _contours(f, xlim, ylim, levels: int, box) -> str:
    """SVG paths of f's contours in the map's pixel coordinates (quantile levels, as explore_descent)."""
    import contourpy  # matplotlib's contour generator

    n = 121
    X, Y = np.meshgrid(np.linspace(*xlim, n), np.linspace(*ylim, n))
    Z = f(np.stack([X, Y]))
    values = np.quantile(Z[np.isfinite(Z)], np.linspace(0.02, 0.98, levels) ** 2)
    W, H, M = box[0], box[1], _MARGIN
    generator = contourpy.contour_generator(X, Y, Z)
    lines = []
    for level in np.unique(values):
        for line in generator.lines(level):
            px = M["left"] + (line[:, 0] - xlim[0]) / (xlim[1] - xlim[0]) * (W - M["left"] - M["right"])
            py = H - M["bottom"] - (line[:, 1] - ylim[0]) / (ylim[1] - ylim[0]) * (H - M["top"] - M["bottom"])
            lines.append(_svg_line(np.column_stack([px, py])))
    return f'<path d="{"".join(lines)}" fill="none" stroke="#858585" stroke-width="0.8"/>'


def _curve(f, xlim, ylim, box) -> str:
    """The graph of a function of one variable over xlim, as an SVG path (the 1-D map)."""
    W, H, M = box[0], box[1], _MARGIN
    xs = np.linspace(*xlim, 241)
    ys = np.clip(f(xs), ylim[0] - (ylim[1] - ylim[0]), ylim[1] + (ylim[1] - ylim[0]))
    px = M["left"] + (xs - xlim[0]) / (xlim[1] - xlim[0]) * (W - M["left"] - M["right"])
    py = H - M["bottom"] - (ys - ylim[0]) / (ylim[1] - ylim[0]) * (H - M["top"] - M["bottom"])
    return f'<path d="{_svg_line(np.column_stack([px, py]))}" fill="none" stroke="#555555" stroke-width="1.4"/>'


def _axes(xlim, ylim, xlabel: str, ylabel: str, box) -> str:
    """The map's frame, five ticks per axis and the axis labels, as SVG."""
    W, H, M = box[0], box[1], _MARGIN
    x0, x1, y0, y1 = M["left"], W - M["right"], H - M["bottom"], M["top"]
    parts = [f'<rect x="{x0}" y="{y1}" width="{x1 - x0}" height="{y0 - y1}" fill="none" stroke="#333333" '
             f'stroke-width="0.8"/>']
    for t in np.linspace(*xlim, 5):
        x = x0 + (t - xlim[0]) / (xlim[1] - xlim[0]) * (x1 - x0)
        parts.append(f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{y0}" y2="{y0 + 4}" stroke="#333333"/>'
                     f'<text x="{x:.1f}" y="{y0 + 16}" text-anchor="middle" font-size="11" '
                     f'fill="#333333">{t:g}</text>')
    for t in np.linspace(*ylim, 5):
        y = y0 - (t - ylim[0]) / (ylim[1] - ylim[0]) * (y0 - y1)
        parts.append(f'<line x1="{x0 - 4}" x2="{x0}" y1="{y:.1f}" y2="{y:.1f}" stroke="#333333"/>'
                     f'<text x="{x0 - 6}" y="{y + 4:.1f}" text-anchor="end" font-size="11" '
                     f'fill="#333333">{t:.3g}</text>')
    parts.append(f'<text x="{(x0 + x1) / 2}" y="{H - 4}" text-anchor="middle" font-size="12" '
                 f'fill="#333333">{xlabel}</text>')
    parts.append(f'<text x="12" y="{(y0 + y1) / 2}" text-anchor="middle" font-size="12" fill="#333333" '
                 f'transform="rotate(-90 12 {(y0 + y1) / 2})">{ylabel}</text>')
    return "".join(parts)


_STYLE = """<style>
.gd-explorer{max-width:720px;margin:1em 0;padding:.6em .8em;border:1px solid #c8c8c8;border-radius:6px;
background:#ffffff;color:#1a1a1a;font-size:.92em}
.gd-explorer .gd-title{font-weight:600;margin:0 0 .4em}
.gd-explorer .gd-controls{display:grid;grid-template-columns:repeat(auto-fit,minmax(21em,1fr));gap:.2em 1.5em}
.gd-explorer .gd-control{display:flex;align-items:center;gap:.5em;min-width:0}
.gd-explorer .gd-control label{flex:0 0 8.5em}
.gd-explorer .gd-control input{flex:1 1 auto;min-width:5em;width:5em}
.gd-explorer .gd-control output{flex:0 0 6.5em;white-space:nowrap;font-variant-numeric:tabular-nums}
.gd-explorer .gd-panels{display:flex;flex-wrap:wrap;gap:.4em}
.gd-explorer svg{flex:1 1 300px;max-width:360px;height:auto;background:#ffffff}
.gd-explorer svg.gd-map{cursor:crosshair}
.gd-explorer .gd-status{margin:.3em 0 0;min-height:2.6em}
.gd-explorer input:focus-visible{outline:2px solid #1f5fa8;outline-offset:2px}
</style>"""


def _box(dim: int, xlim, ylim) -> tuple[int, int]:
    """The panels' size: a 2-D map draws x and y at the same scale, within 150 to 340 units high."""
    if dim == 1:
        return _BOX
    width = _BOX[0] - _MARGIN["left"] - _MARGIN["right"]
    height = width * (ylim[1] - ylim[0]) / (xlim[1] - xlim[0])
    return _BOX[0], int(round(min(max(height, 116), 296))) + _MARGIN["top"] + _MARGIN["bottom"]


def _panel(cls: str, label: str, body: str, uid: str, box) -> str:
    W, H = box
    return (f'<svg class="{cls}" viewBox="0 0 {W} {H}" width="{W}" height="{H}" role="img" '
            f'aria-label="{html.escape(label)}" xmlns="http://www.w3.org/2000/svg">'
            f'<defs><clipPath id="{uid}-clip-{cls}"><rect x="{_MARGIN["left"]}" y="{_MARGIN["top"]}" '
            f'width="{W - _MARGIN["left"] - _MARGIN["right"]}" height="{H - _MARGIN["top"] - _MARGIN["bottom"]}"/>'
            f'</clipPath></defs>{body}</svg>')


def _map_body(obj, dim: int, xlim, ylim, levels: int, uid: str, box) -> str:
    if dim == 1:
        drawn, axes = _curve(obj.f, xlim, ylim, box), _axes(xlim, ylim, "x", "f(x)", box)
    else:
        drawn, axes = _contours(obj.f, xlim, ylim, levels, box), _axes(xlim, ylim, "x", "y", box)
    return (f'{axes}<g clip-path="url(#{uid}-clip-gd-map)">{drawn}'
            f'<g class="gd-path-layer"></g></g>')


def _f_low(obj) -> float:
    """The lowest value of f that the loss curve measures from: f at the (local) minimiser."""
    points = objectives.HIMMELBLAU_MINIMA if obj is objectives.HIMMELBLAU else [obj.minimizer]
    return min(float(obj.f(np.array(point, dtype=float))) for point in points)


def explorer_html(objective: str, *, xlim: Sequence[float], ylim: Sequence[float], learning_rate: float,
                  rate_range: Sequence[float], rate_step: float, start, n_steps: int, max_steps: int,
                  momentum: float | None = None, momentum_range: Sequence[float] = (0.0, 0.99),
                  momentum_step: float = 0.01, adam: dict | None = None, tol: float | None = None,
                  start_step: float | None = None, title: str = "", levels: int = 10) -> str:
    """The HTML of one live explorer: controls, two SVG panels, a status line and the script (chapter 4).

    ``objective`` names a constant of ``gdutils.objectives`` (:data:`LIVE_OBJECTIVES`).
    For a function of one variable the left panel is its graph over ``xlim``, drawn
    up to ``ylim``; for two variables, its contours over ``xlim`` by ``ylim``. The
    sliders start at ``learning_rate``, ``n_steps`` (of at most ``max_steps``),
    ``start`` and, when given, ``momentum`` (then the runs use
    ``Momentum(learning_rate, momentum)``). ``adam``, a dict (chapter 11), makes the
    runs use ``Adam(learning_rate, beta1, beta2)`` with sliders for beta1 and beta2;
    its keys (all optional) are ``beta1`` (0.9), ``beta2`` (0.999), ``beta1_range``
    ((0, 0.99)), ``beta1_step`` (0.01), ``beta2_range`` ((0.99, 0.999)) and
    ``beta2_step`` (0.001). ``tol`` is gradient_descent's ``tol``.
    """
    obj = _objective(objective)
    dim = 1 if objective in _ONE_VARIABLE else 2
    xlim, ylim = v.interval("xlim", xlim), v.interval("ylim", ylim)
    max_steps = v.positive_int("max_steps", max_steps)
    n_steps = int(_in_range("n_steps", v.non_negative_int("n_steps", n_steps), 0, max_steps))
    tol = None if tol is None else v.non_negative_scalar("tol", tol)
    sliders = [_rate_slider(learning_rate, rate_range, rate_step)]
    rule = _optimizer_sliders(momentum, momentum_range, momentum_step, adam)
    steps = _Slider("n_steps", "number of steps", 0, max_steps, 1, n_steps)
    # in two columns: Adam's beta1 and beta2 side by side, after the steps
    sliders += [steps, *rule] if adam is not None else [*rule, steps]
    sliders += _start_sliders(start, dim, xlim, ylim, start_step)
    uid = f"gd-explorer-{objective.lower().replace('_', '-')}-{next(_COUNTER)}"
    f_low, box = _f_low(obj), _box(dim, xlim, ylim)
    config = {"objective": objective, "xlim": xlim, "ylim": ylim, "tol": tol, "f_low": f_low,
              "loss_floor": _LOSS_FLOOR, "box": box, "margin": _MARGIN,
              "loss_label": ("f(xₖ)" if dim == 1 else "f(pₖ)") + ("" if f_low == 0 else f" − ({f_low:g})")}
    what = "its graph" if dim == 1 else "its contours"
    heading = title or f"Live explorer: descent on {objective}"
    return "".join([
        _STYLE,
        f'<div class="gd-explorer" id="{uid}" data-objective="{objective}" role="group" '
        f'aria-labelledby="{uid}-title">',
        f'<p class="gd-title" id="{uid}-title">{html.escape(heading)}</p>',
        '<div class="gd-controls">', *(s.html(uid) for s in sliders), '</div>',
        '<div class="gd-panels">',
        _panel("gd-map", f"The path of the run on {what}; click to set the start.",
               _map_body(obj, dim, xlim, ylim, levels, uid, box), uid, box),
        _panel("gd-loss", "The loss curve: f minus its minimum at each step, on a log scale.", "", uid, box),
        '</div>',
        f'<p class="gd-status" role="status" aria-live="polite" id="{uid}-status">{_WAITING}</p>',
        f'<script>{explorer_script()}\n'
        f'window.gdExplorer.mount(document.currentScript ? document.currentScript.parentNode : '
        f'document.getElementById("{uid}"), {json.dumps(config)});</script>',
        '</div>',
    ])


def live_explorer(objective: str, **settings):
    """A live explorer as a cell output: ``IPython.display.HTML`` of :func:`explorer_html` (chapter 4).

    Make it the last expression of a cell. It runs in the page, with no kernel: in
    the HTML book, and in Jupyter, Binder or Colab once the cell has run.
    """
    from IPython.display import HTML

    return HTML(explorer_html(objective, **settings))
