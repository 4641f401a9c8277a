"""Logistic regression by gradient descent on the cross-entropy (chapter 13).

The model gives the probability that example x belongs to class 1 as
sigma(x . w + b), with the sigmoid sigma(z) = 1 / (1 + e^-z). With params
p = (w, b), weights first and the intercept last, and the design matrix
A = [X, 1], the logits are z = A p and the mean cross-entropy of labels y in {0, 1} is

    L(p) = (1/n) sum_i [log(1 + e^{z_i}) - y_i z_i],
    grad L(p) = (1/n) A^T (sigma(A p) - y).

An L2 term (lam/2) |w|^2 (the intercept is not penalised) adds lam w to the
weights' gradient. ``fit_logistic`` runs full-batch or minibatch descent on it
with any learning rate or optimizer that ``fit_linear`` accepts, and visits the
examples with ``fit_linear``'s own epoch machinery (``epoch.epoch_order``,
``epoch.epoch_chunks``), so that a seed gives the same batches in both.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import Any

import numpy as np

from . import validation as v
from .optimizers import Evaluations, NoAcceptableStep, Optimizer, as_optimizer
from .epoch import epoch_chunks, epoch_order
from .regression import WeightsAndIntercept, design_matrix


def sigmoid(z: Any) -> np.ndarray | float:
    """sigma(z) = 1 / (1 + e^-z), computed without overflow for any z (chapter 13).

    For z >= 0 it is 1 / (1 + e^-z); for z < 0 the same number written as
    e^z / (1 + e^z). Either way the exponent is -|z| <= 0, so e^-|z| never overflows.
    """
    za = v.real_array("z", z)
    out = _sigmoid(za)
    return float(out) if out.ndim == 0 else out


def _sigmoid(z: np.ndarray) -> np.ndarray:
    e = np.exp(-np.abs(z))
    return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def _cross_entropy(z: np.ndarray, y: np.ndarray) -> float:
    """(1/n) sum [log(1 + e^z) - y z], with log(1 + e^z) = logaddexp(0, z): no overflow."""
    return float(np.mean(np.logaddexp(0.0, z) - y * z))


def _data(X: Any, y: Any) -> tuple[np.ndarray, np.ndarray]:
    """X of shape (n, d) and labels y in {0, 1} as float64, both finite and of the same length."""
    Xa, ya = v.dataset(X, y)
    return Xa, v.class_labels("y", ya, 2).astype(np.float64)


def _logits(p: np.ndarray, Xa: np.ndarray) -> np.ndarray:
    z = np.dot(Xa, p[:-1])
    z += p[-1]
    return z


def logistic_loss(params: Any, X: Any, y: Any, l2: float = 0.0) -> float:
    """The mean cross-entropy of params = (w, b) on labels y in {0, 1}, plus (l2/2) |w|^2 (chapter 13)."""
    Xa, ya = _data(X, y)
    p = v.linear_params("params", params, Xa.shape[1])
    lam = v.non_negative_scalar("l2", l2)
    return _cross_entropy(_logits(p, Xa), ya) + 0.5 * lam * float(p[:-1] @ p[:-1])


def logistic_gradient(params: Any, X: Any, y: Any, l2: float = 0.0) -> np.ndarray:
    """(1/n) A^T (sigma(A p) - y) + l2 (w, 0): the gradient of ``logistic_loss`` (chapter 13).

    Weights first, then the intercept, as in ``params``.
    """
    Xa, ya = _data(X, y)
    p = v.linear_params("params", params, Xa.shape[1])
    lam = v.non_negative_scalar("l2", l2)
    r = _sigmoid(_logits(p, Xa)) - ya
    g = np.empty(p.size)
    g[:-1] = np.dot(r, Xa) / ya.size + lam * p[:-1]
    g[-1] = r.mean()
    return g


def predict_proba(params: Any, X: Any) -> np.ndarray:
    """sigma(x_i . w + b) for every row of X: the probability of class 1 (chapter 13)."""
    Xa = v.features("X", X)
    return _sigmoid(_logits(v.linear_params("params", params, Xa.shape[1]), Xa))


def logits(params: Any, X: Any) -> np.ndarray:
    """z_i = x_i . w + b for every row of X; class 1 is predicted where z_i > 0 (chapter 13)."""
    Xa = v.features("X", X)
    return _logits(v.linear_params("params", params, Xa.shape[1]), Xa)


@dataclass(frozen=True)
class LogisticFitResult(WeightsAndIntercept):
    """What ``fit_logistic`` did (chapter 13).

    Attributes:
        params: the final (w_1, ..., w_d, b): weights first, the intercept last.
        path: params after each completed epoch, epoch 0 being the start: shape (epochs+1, d+1).
        losses: the loss (mean cross-entropy plus the L2 term) on the full data after each epoch.
        n_steps: how many updates were made.
        batch_size: the batch size used (n for full batch).
        status: "completed", "diverged" (the loss or the params stopped being finite)
            or "line search failed".
        message: why the fit stopped, in words.
    """

    params: np.ndarray
    path: np.ndarray
    losses: np.ndarray
    n_steps: int
    batch_size: int
    status: str
    message: str


def _batch_loss(A: np.ndarray, y: np.ndarray, lam: float, p: np.ndarray) -> float:
    """The loss of params p on the rows of the design matrix A: what a line search evaluates."""
    return _cross_entropy(np.dot(A, p), y) + 0.5 * lam * float(p[:-1] @ p[:-1])


def _step(A: np.ndarray, y: np.ndarray, p: np.ndarray, lam: float, opt: Optimizer, step: int) -> None:
    """One update of p (in place) on the batch (A, y): the gradient is (1/b) [A^T (sigma(A p) - y) + b lam (w, 0)]."""
    b = y.size
    r = _sigmoid(np.dot(A, p))
    r -= y
    g = np.dot(r, A)
    if lam:
        g[:-1] += (b * lam) * p[:-1]
    fx = None
    if opt.needs_f:
        opt.evals.f = partial(_batch_loss, A, y, lam)
        fx = opt.evals.f(p)
    opt.apply(p, g, step, 1.0, b, fx)


def _epoch(Xa: np.ndarray, ya: np.ndarray, p: np.ndarray, lam: float, opt: Optimizer, bs: int,
           order: np.ndarray | None, step: int) -> int:
    """One epoch of minibatch descent in ``fit_linear``'s order; returns the step count after it."""
    for A, y_chunk in epoch_chunks(Xa, ya, order, bs):
        for start in range(0, y_chunk.size, bs):
            _step(A[start:start + bs], y_chunk[start:start + bs], p, lam, opt, step)
            step += 1
    return step


def fit_logistic(
    X: Any,
    y: Any,
    *,
    learning_rate: float | Callable[[int], float] | Optimizer,
    epochs: int,
    batch_size: int | None = None,
    rng: np.random.Generator | None = None,
    params0: Any = None,
    l2: float = 0.0,
) -> LogisticFitResult:
    """Fit P(y = 1 | x) = sigma(x . w + b) by gradient descent on the mean cross-entropy (chapter 13).

    Args:
        X: the features, shape (n,) for one feature or (n, d); finite.
        y: the labels, 0 or 1, shape (n,).
        learning_rate: a positive number, a schedule (a function of the step) or an
            optimizer from ``gdutils.optimizers``, as for ``fit_linear``.
        epochs: how many passes over the data.
        batch_size: examples per update; None means full batch (one update per epoch).
        rng: a numpy Generator, required when ``batch_size`` is given: every epoch
            visits the examples in a fresh permutation, ``rng.permutation(n)``.
        params0: the start (w_1, ..., w_d, b); zeros when None. Never modified.
        l2: the weight lam of the penalty (lam/2) |w|^2 (0 for none).

    Returns a ``LogisticFitResult`` with the loss on the full data after every epoch.
    """
    Xa, ya = _data(X, y)
    n, d = Xa.shape
    opt = as_optimizer(learning_rate)
    n_epochs = v.non_negative_int("epochs", epochs)
    lam = v.non_negative_scalar("l2", l2)
    if batch_size is None:
        bs, gen = n, None
    else:
        bs = v.batch_size("batch_size", batch_size, n)
        if rng is None:
            raise TypeError(f"rng is required with batch_size={bs}: pass rng=np.random.default_rng(seed)")
        gen = v.generator("rng", rng)
    p = np.zeros(d + 1) if params0 is None else v.linear_params("params0", params0, d)
    opt.start(p, Evaluations(None, None))
    with np.errstate(over="ignore", invalid="ignore"):
        path, losses, step, status = _epochs(Xa, ya, p, lam, opt, bs, gen, n_epochs)
    message = {"completed": f"ran all {n_epochs} epochs",
               "diverged": f"diverged in epoch {len(path)}: the steps of {opt!r} are too large",
               "line search failed": f"stopped in epoch {len(path)}: the line search found no step"}[status]
    return LogisticFitResult(params=path[-1].copy(), path=np.array(path), losses=np.array(losses),
                             n_steps=step, batch_size=bs, status=status, message=message)


def _epochs(Xa: np.ndarray, ya: np.ndarray, p: np.ndarray, lam: float, opt: Optimizer, bs: int,
            gen: np.random.Generator | None, n_epochs: int) -> tuple[list, list, int, str]:
    """Up to n_epochs epochs (full batch when gen is None): (path, losses, steps, status)."""
    A = design_matrix(Xa)
    path, losses, step = [p.copy()], [_batch_loss(A, ya, lam, p)], 0
    for _ in range(n_epochs):
        try:
            if gen is None:
                _step(A, ya, p, lam, opt, step)
                step += 1
            else:
                step = _epoch(Xa, ya, p, lam, opt, bs, epoch_order(ya.size, bs, "shuffle", gen), step)
        except NoAcceptableStep:
            return path, losses, step, "line search failed"
        loss = _batch_loss(A, ya, lam, p)
        if not (math.isfinite(loss) and np.all(np.isfinite(p))):
            return path, losses, step, "diverged"
        path.append(p.copy())
        losses.append(loss)
    return path, losses, step, "completed"


def accuracy(y_true: Any, y_pred: Any) -> float:
    """The fraction of predictions equal to the labels (chapter 13)."""
    t, p = _label_pair(y_true, y_pred)
    return float(np.mean(t == p))


def confusion_matrix(y_true: Any, y_pred: Any, n_classes: int | None = None) -> np.ndarray:
    """C[i, j] = how many examples of class i were predicted as class j (chapter 13).

    Rows are the true classes, columns the predictions (scikit-learn's convention);
    the diagonal counts the right answers. ``n_classes`` defaults to the largest label + 1.
    """
    t, p = _label_pair(y_true, y_pred)
    k = int(max(t.max(), p.max())) + 1 if n_classes is None else v.positive_int("n_classes", n_classes)
    if max(t.max(), p.max()) >= k:
        raise ValueError(f"n_classes={k} is too small for the labels, which go up to {max(t.max(), p.max())}")
    C = np.zeros((k, k), dtype=np.int64)
    np.add.at(C, (t, p), 1)
    return C


def _label_pair(y_true: Any, y_pred: Any) -> tuple[np.ndarray, np.ndarray]:
    t = v.class_labels("y_true", y_true)
    p = v.class_labels("y_pred", y_pred)
    if t.size != p.size:
        raise ValueError(f"y_true and y_pred must have the same length, got {t.size} and {p.size}")
    return t, p
