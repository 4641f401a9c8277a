"""The figures of chapter 12 (Automatic differentiation): a computational graph drawn as boxes and arrows."""

from __future__ import annotations

import matplotlib as mpl
from matplotlib.figure import Figure

from .. import validation as v
from ..autodiff import Value
from .style import axes_for, book_style, finish

INPUT, OUTPUT = "#c6dbef", "#fdd0a2"  # light blue and light orange boxes


def graph_layers(root: Value) -> dict[int, int]:
    """Each node's column: 0 for the inputs, else one more than its furthest parent (chapter 12).

    Keys are ``id(node)`` for the nodes of ``root.graph()``.
    """
    v.instance("root", root, Value, "a Value")
    layer: dict[int, int] = {}
    for node in root.graph():  # parents come first
        layer[id(node)] = 1 + max((layer[id(p)] for p in node.parents), default=-1)
    return layer


def _node_text(node: Value, show_grad: bool) -> str:
    """The text of a node's box: its name or operation, its value and (optionally) its gradient."""
    name = node.label or node.op or "const"
    text = f"{name}\n{node.data:.4g}"
    return text + f"\ngrad {node.grad:.4g}" if show_grad else text


def _draw_arrows(ax: mpl.axes.Axes, order: list[Value], place: dict[int, tuple[float, float]],
                 show_local: bool) -> None:
    """One arrow from each parent to each node it feeds, labelled with the local derivative.

    The labels of the arrows that leave one box alternate above and below their arrows
    (and move further along after the first two), so that they stay apart.
    """
    leaving: dict[int, int] = {}
    for node in order:
        locals_by_parent: dict[int, float] = {}
        for parent, local in zip(node.parents, node.local_grads):
            locals_by_parent[id(parent)] = locals_by_parent.get(id(parent), 0.0) + local
        for parent in {id(p): p for p in node.parents}.values():
            (x0, y0), (x1, y1) = place[id(parent)], place[id(node)]
            ax.annotate("", xy=(x1 - 0.5, y1), xytext=(x0 + 0.5, y0),
                        arrowprops={"arrowstyle": "->", "color": "0.35", "linewidth": 1.0})
            if show_local:
                k = leaving.get(id(parent), 0)
                leaving[id(parent)] = k + 1
                share, above = 0.2 + 0.1 * (k // 2), k % 2 == 0
                ax.text((1 - share) * (x0 + 0.5) + share * (x1 - 0.5),
                        (1 - share) * y0 + share * y1 + (0.06 if above else -0.06),
                        f"{locals_by_parent[id(parent)]:.3g}", fontsize=8, ha="center",
                        va="bottom" if above else "top", color="0.25")


def plot_graph(root: Value, *, show_grad: bool = True, show_local: bool = True, title: str | None = None,
               ax: mpl.axes.Axes | None = None) -> Figure:
    """The computational graph of ``root`` from left (inputs) to right (output) (chapter 12).

    Each node is a box with its label (for an input) or its operation, its value and,
    with ``show_grad``, its ``grad``; inputs (the nodes with a label) are blue,
    constants grey, the output orange. An arrow runs from each parent to the node it feeds, labelled with the
    local derivative (with ``show_local``), written near its start (above and below it
    in turn where several arrows leave one box). A node that uses a parent twice (``x * x``)
    gets one arrow for each use, labelled with the sum of its local derivatives.
    """
    layer = graph_layers(root)
    order = root.graph()
    columns: dict[int, list[Value]] = {}
    for node in order:
        columns.setdefault(layer[id(node)], []).append(node)
    place = {}
    for col, nodes in columns.items():
        for row, node in enumerate(nodes):
            place[id(node)] = (col * 2.2, (len(nodes) - 1) / 2 - row)
    tallest = max(len(nodes) for nodes in columns.values())
    with book_style():
        fig, ax, created = axes_for(ax, figsize=(1.8 + 1.7 * len(columns), 0.8 + 1.3 * tallest))
        _draw_arrows(ax, order, place, show_local)
        for node in order:
            x, y = place[id(node)]
            colour = OUTPUT if node is root else (INPUT if node.label else
                                                  ("0.85" if not node.parents else "white"))
            ax.text(x, y, _node_text(node, show_grad), ha="center", va="center", fontsize=9,
                    bbox={"boxstyle": "round,pad=0.35", "facecolor": colour, "edgecolor": "0.2",
                          "linewidth": 1.0})
        ax.set_xlim(-0.9, 2.2 * (len(columns) - 1) + 0.9)
        ax.set_ylim(-tallest / 2 - 0.2, tallest / 2 + 0.2)
        ax.set_axis_off()
    return finish(fig, ax, created, title)
