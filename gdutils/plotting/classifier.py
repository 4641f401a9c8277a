"""The figures of chapter 13 (A classifier on real data): a decision boundary in the plane, the
norm of the weights during training, training and test losses, a confusion matrix, and digits shown
as images. Curves are told apart by marker and dash as well as by colour."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import matplotlib.pyplot as plt
import numpy as np
from matplotlib.figure import Figure

from .. import validation as v
from .style import COLORS, axes_for, book_style, finish, on_log_axis


def plot_decision_boundary(X: np.ndarray, y: np.ndarray, params: Sequence[float], *,
                           labels: Sequence[str] = ("class 0", "class 1"),
                           axis_labels: Sequence[str] = ("$x_1$", "$x_2$"),
                           title: str | None = None, ax=None) -> Figure:
    """Two features, the examples of each class as points, and the line w . x + b = 0 (chapter 13).

    ``params`` is (w_1, w_2, b). The shading shows the model's probability of class 1,
    sigma(w . x + b), from white (0) to the colour of class 1 (1); the boundary is
    where it is 1/2. ``labels`` name the classes, ``axis_labels`` the features.
    """
    Xa, ya = v.dataset(X, y)
    if Xa.shape[1] != 2:
        raise ValueError(f"X must have two columns (two features), got shape {Xa.shape}")
    labels_y = v.class_labels("y", ya, 2)
    p = v.linear_params("params", params, 2)
    if p[1] == 0:
        raise ValueError("params must have w_2 != 0: the boundary is drawn as x_2 = -(w_1 x_1 + b) / w_2")
    with book_style():
        fig, ax, created = axes_for(ax, figsize=(6.0, 4.6))
        pad = 0.5
        (x_lo, y_lo), (x_hi, y_hi) = Xa.min(axis=0) - pad, Xa.max(axis=0) + pad
        gx, gy = np.meshgrid(np.linspace(x_lo, x_hi, 200), np.linspace(y_lo, y_hi, 200))
        z = p[0] * gx + p[1] * gy + p[2]
        prob = 0.5 * (1.0 + np.tanh(0.5 * z))  # the sigmoid, without overflow
        ax.contourf(gx, gy, prob, levels=np.linspace(0, 1, 11), cmap="Blues", vmin=0.0, vmax=2.0, alpha=0.5)
        for k, marker in ((0, "o"), (1, "s")):
            mask = labels_y == k
            ax.scatter(Xa[mask, 0], Xa[mask, 1], s=14, marker=marker, color=COLORS[1 - k],
                       edgecolor="white", linewidth=0.4, label=f"{labels[k]} ({int(mask.sum())})")
        xs = np.array([x_lo, x_hi])
        ax.plot(xs, -(p[0] * xs + p[2]) / p[1], color="black", label="boundary: probability 1/2")
        ax.set_xlim(x_lo, x_hi)
        ax.set_ylim(y_lo, y_hi)
        ax.set_xlabel(axis_labels[0])
        ax.set_ylabel(axis_labels[1])
        ax.legend(loc="upper right")
    return finish(fig, ax, created, title)


MARKERS: tuple[str, ...] = ("o", "s", "^", "D", "v", "P", "X")
"""The markers that tell the curves of one figure apart, with their dashes and colours (chapter 13)."""

DASHES: tuple = ("-", "--", ":", "-.", (0, (6, 2, 1, 2, 1, 2)), (0, (1, 3)), (0, (8, 3)))
"""The line styles that go with ``MARKERS`` (chapter 13)."""


def plot_weight_norms(norms: Mapping[str, Sequence[float]], *, ylabel: str = r"$\|w\|$",
                      title: str | None = None, ax=None) -> Figure:
    """The norm of the weights after each epoch, label -> values from epoch 0, on log-log axes (chapter 13).

    Epoch 0 (the start) is left out, since a log axis cannot show it. Curve i has its own
    colour, dash (``DASHES[i]``) and marker (``MARKERS[i]``, at a dozen epochs spread
    evenly on the log axis), so that no two curves differ by colour alone.
    """
    v.non_empty_mapping("norms", norms, "a label -> norms after each epoch", most=len(MARKERS))
    with book_style():
        fig, ax, created = axes_for(ax)
        for i, (label, values) in enumerate(norms.items()):
            ys = v.real_array(label, values)
            if ys.ndim != 1 or ys.size < 2:
                raise ValueError(f"norms[{label!r}] must be 1-D with epoch 0 and at least one more, got {ys.shape}")
            epochs = np.arange(1, ys.size)
            marks = np.unique(np.geomspace(1, ys.size - 1, 12).round().astype(int)) - 1
            ax.plot(epochs, on_log_axis(ys[1:]), linestyle=DASHES[i], marker=MARKERS[i], markevery=list(marks),
                    markersize=5, color=COLORS[i % len(COLORS)], label=label)
        ax.set_xscale("log")
        ax.set_yscale("log")
        ax.set_xlabel("epoch")
        ax.set_ylabel(ylabel)
        ax.legend(fontsize=8)
    return finish(fig, ax, created, title)


def plot_train_test_losses(curves: Mapping[str, tuple[Sequence[float], Sequence[float]]], *,
                           ylabel: str = "mean cross-entropy", title: str | None = None, ax=None) -> Figure:
    """Loss against epoch for several runs, label -> (training losses, test losses) (chapter 13).

    Each run has one colour and one marker (``MARKERS[i]``, every few epochs): its training
    loss dashed, its test loss solid, on a logarithmic y axis (``style.on_log_axis``).
    Epoch 0 is the start.
    """
    runs = v.curve_pairs("curves", curves, ("training losses", "test losses"), most=len(MARKERS))
    with book_style():
        fig, ax, created = axes_for(ax)
        for i, (label, train, test) in enumerate(runs):
            colour = COLORS[i % len(COLORS)]
            epochs = np.arange(train.size)
            every = max(1, train.size // 8)
            style = {"color": colour, "marker": MARKERS[i], "markersize": 5, "markevery": (i % every, every)}
            ax.plot(epochs, on_log_axis(train), "--", linewidth=1.4, markerfacecolor="white",
                    label=f"{label}, training", **style)
            ax.plot(epochs, on_log_axis(test), "-", linewidth=1.8, label=f"{label}, test", **style)
        ax.set_yscale("log")
        ax.set_xlabel("epoch")
        ax.set_ylabel(ylabel)
        ax.legend(fontsize=8, ncol=2 if len(curves) > 2 else 1)
    return finish(fig, ax, created, title)


def plot_confusion_matrix(C: np.ndarray, *, class_names: Sequence[str] | None = None,
                          title: str | None = None, ax=None) -> Figure:
    """A confusion matrix as a grid of counts: row = true class, column = prediction (chapter 13).

    The diagonal (right answers) is drawn in grey; an off-diagonal cell that is not 0
    is coloured by its count, so that the mistakes stand out.
    """
    M = v.real_array("C", C)
    if M.ndim != 2 or M.shape[0] != M.shape[1] or np.any(M < 0) or np.any(M != np.round(M)):
        raise ValueError(f"C must be a square matrix of counts, got shape {M.shape}")
    k = M.shape[0]
    names = [str(i) for i in range(k)] if class_names is None else [str(c) for c in class_names]
    if len(names) != k:
        raise ValueError(f"class_names must name the {k} classes, got {len(names)} names")
    off = np.where(np.eye(k, dtype=bool), np.nan, np.where(M > 0, M, np.nan))
    with book_style():
        fig, ax, created = axes_for(ax, figsize=(5.4, 4.8))
        ax.imshow(np.where(np.eye(k, dtype=bool), 1.0, np.nan), cmap="Greys", vmin=0, vmax=6)
        worst = float(np.nanmax(off)) if np.any(M[~np.eye(k, dtype=bool)]) else 1.0
        ax.imshow(off, cmap="Reds", vmin=0, vmax=2.0 * worst)  # the darkest red stays readable
        for i in range(k):
            for j in range(k):
                if M[i, j] or i == j:
                    ax.text(j, i, f"{int(M[i, j])}", ha="center", va="center", fontsize=9,
                            fontweight="bold" if i != j else "normal")
        ax.set_xticks(range(k), names)
        ax.set_yticks(range(k), names)
        ax.set_xlabel("predicted class")
        ax.set_ylabel("true class")
        ax.grid(False)
    return finish(fig, ax, created, title)


def plot_digit_images(images: np.ndarray, captions: Sequence[str], *, ncols: int = 8,
                      title: str | None = None) -> Figure:
    """Small grey-scale images in a grid, each with a caption underneath (chapter 13).

    ``images`` has shape (m, 8, 8) or (m, 64) (rows of pixels, as ``load_digits``
    gives them; dark is ink). One caption per image.
    """
    imgs = v.real_array("images", images)
    if imgs.ndim == 2:
        side = int(round(np.sqrt(imgs.shape[1])))
        if side * side != imgs.shape[1]:
            raise ValueError(f"images of shape (m, d) need d to be a square number, got d = {imgs.shape[1]}")
        imgs = imgs.reshape(-1, side, side)
    if imgs.ndim != 3 or imgs.shape[0] == 0:
        raise ValueError(f"images must have shape (m, side, side) or (m, side * side), got {imgs.shape}")
    texts = list(captions)
    if len(texts) != imgs.shape[0]:
        raise ValueError(f"captions must hold one caption per image: {imgs.shape[0]} images, {len(texts)} captions")
    cols = min(v.positive_int("ncols", ncols), imgs.shape[0])
    rows = -(-imgs.shape[0] // cols)
    with book_style():
        fig, axes = plt.subplots(rows, cols, figsize=(1.1 * cols, 1.35 * rows + (0.3 if title else 0)),
                                 squeeze=False)
        for i, ax in enumerate(axes.flat):
            ax.axis("off")
            if i < imgs.shape[0]:
                ax.imshow(imgs[i], cmap="gray_r", interpolation="nearest")
                ax.set_title(texts[i], fontsize=8)
        if title is not None:
            if not isinstance(title, str):
                raise TypeError(f"title must be a string or None, got {v.show(title)}")
            fig.suptitle(title, fontsize=11)
        fig.tight_layout()
    return fig
