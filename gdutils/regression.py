"""Linear regression by gradient descent on the mean squared error (chapter 6).

The model is y_hat = X w + b. Appending a column of ones to X gives the design
matrix A = [X, 1], and with params p = (w, b), weights first and the intercept
last, y_hat = A p and

    MSE(p) = (1/n) sum_i (y_i - (x_i . w + b))^2 = (1/n) |A p - y|^2,
    grad MSE(p) = (1/n) sum_i -2 [x_i, 1] (y_i - (x_i . w + b)) = (2/n) A^T (A p - y).

``fit_linear`` runs full-batch (chapter 6), minibatch (chapter 7) or stochastic
(chapter 8) gradient descent on it, with any learning rate or optimizer that
``gradient_descent`` accepts. Its minibatch epochs are run by the module
``epoch`` (``epoch.epoch_steps``), written for speed: the data are reordered chunk
by chunk into a small buffer and each step works on a contiguous slice.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import partial
from typing import Any

import numpy as np

from . import validation as v
from .epoch import batch_mse, epoch_batching, epoch_order, epoch_steps
from .optimizers import Evaluations, GradientDescent, NoAcceptableStep, Optimizer, as_optimizer

LOSS_BLOW_UP: float = 1e15
"""A fit stops as diverged once the loss exceeds this factor times its reference scale (chapter 6)."""


def design_matrix(X: Any) -> np.ndarray:
    """[X, 1]: the features with a column of ones appended for the intercept, shape (n, d+1) (chapter 6)."""
    Xa = v.features("X", X)
    A = np.empty((Xa.shape[0], Xa.shape[1] + 1))
    A[:, :-1] = Xa
    A[:, -1] = 1.0
    return A


# --------------------------------------------------------------------------- loss and gradient


def _residual(p: np.ndarray, Xa: np.ndarray, ya: np.ndarray) -> np.ndarray:
    """(x_i . w + b) - y_i for every example: the prediction minus the target."""
    r = np.dot(Xa, p[:-1])  # np.dot, not @: matmul is slow for a single column
    r += p[-1]
    r -= ya
    return r


def mse(params: Any, X: Any, y: Any) -> float:
    """Mean squared error (1/n) sum (y_i - (x_i . w + b))^2 of params = (w, b) (chapter 6)."""
    Xa, ya = v.dataset(X, y)
    return _mse(v.linear_params("params", params, Xa.shape[1]), Xa, ya)


def _mse(p: np.ndarray, Xa: np.ndarray, ya: np.ndarray) -> float:
    r = _residual(p, Xa, ya)
    return float(r @ r) / ya.size


def mse_gradient(params: Any, X: Any, y: Any) -> np.ndarray:
    """The gradient (2/n) A^T (A p - y) of the MSE, weights first, then the intercept (chapter 6).

    Computed without building A = [X, 1]: the weights' part is (2/n) X^T r and the
    intercept's part (2/n) sum(r), with r = A p - y.
    """
    Xa, ya = v.dataset(X, y)
    r = _residual(v.linear_params("params", params, Xa.shape[1]), Xa, ya)
    g = np.empty(Xa.shape[1] + 1)
    g[:-1] = np.dot(r, Xa)
    g[-1] = r.sum()
    g *= 2.0 / ya.size
    return g


def mse_gradient_loop(params: Any, X: Any, y: Any) -> np.ndarray:
    """The same gradient summed example by example in plain Python: slow on purpose (chapter 6).

    For each example: the residual y_i - (x_i . w + b), then -2 x_ij times it added
    to the j-th weight's sum and -2 times it to the intercept's sum; divide by n.
    """
    Xa, ya = v.dataset(X, y)
    p = v.linear_params("params", params, Xa.shape[1])
    w, b = p[:-1].tolist(), float(p[-1])
    d = len(w)
    sums = [0.0] * (d + 1)
    for row, target in zip(Xa.tolist(), ya.tolist()):
        prediction = b
        for j in range(d):
            prediction += w[j] * row[j]
        residual = target - prediction
        for j in range(d):
            sums[j] += -2.0 * row[j] * residual
        sums[d] += -2.0 * residual
    n = len(ya)
    return np.array([s / n for s in sums])


# --------------------------------------------------------------------------- the fit


class WeightsAndIntercept:
    """``weights`` and ``intercept`` of a fit: ``params`` holds the weights, then the intercept (ch. 6)."""

    @property
    def weights(self) -> np.ndarray:
        """The fitted weights (all params but the last)."""
        return self.params[:-1].copy()

    @property
    def intercept(self) -> float:
        """The fitted intercept (the last param)."""
        return float(self.params[-1])


@dataclass(frozen=True)
class LinearFitResult(WeightsAndIntercept):
    """What ``fit_linear`` did (chapter 6).

    Attributes:
        params: the final (w_1, ..., w_d, b): weights first, the intercept last.
        path: params after each completed epoch, epoch 0 being the start: shape (epochs+1, d+1).
        losses: the MSE on the full data after each epoch (losses[0] at the start).
        n_epochs: how many epochs were completed.
        n_steps: how many updates were made.
        batch_size: the batch size used (n for full batch).
        diverged: True when the fit stopped because the loss blew up.
        message: why the fit stopped, in words.
        status: why the fit stopped: "completed", "diverged" or "line search failed".
    """

    params: np.ndarray
    path: np.ndarray
    losses: np.ndarray
    n_epochs: int
    n_steps: int
    batch_size: int
    diverged: bool
    message: str
    status: str = "completed"


def _full_batch(Xa: np.ndarray, ya: np.ndarray, p: np.ndarray, opt: Optimizer, *_: Any) -> Iterator[tuple[float, int]]:
    """The MSE at the start, then (MSE, steps made) after each full-batch epoch (chapter 6).

    One step per epoch, p -= eta * (2/n) A^T r, and the residual r = A p - y serves
    both the loss and the next gradient.
    """
    A = design_matrix(Xa)
    n, step = ya.size, 0
    if opt.needs_f:  # a line search evaluates the MSE itself
        opt.evals.f = partial(batch_mse, A, ya)
    while True:
        r = A @ p
        r -= ya
        loss = float(r @ r) / n
        yield loss, step
        opt.apply(p, A.T @ r, step, 2.0, n, loss)
        step += 1


def _minibatches(Xa: np.ndarray, ya: np.ndarray, p: np.ndarray, opt: Optimizer, bs: int, sampling: str,
                 rng: np.random.Generator | None) -> Iterator[tuple[float, int]]:
    """The MSE at the start, then (MSE, steps made) after each minibatch epoch (chapters 7 and 8).

    From p = 0 the residual is -y exactly, so the first loss needs no pass over X.
    """
    yield (float(ya @ ya) / ya.size if not p.any() else _mse(p, Xa, ya)), 0
    step, X_c = 0, np.ascontiguousarray(Xa)  # rows in C order, as epoch_chunks needs: copied once, if at all
    while True:
        step = epoch_steps(X_c, ya, p, bs, opt, step, epoch_order(ya.size, bs, sampling, rng))
        yield _mse(p, Xa, ya), step


def fit_linear(
    X: Any,
    y: Any,
    *,
    learning_rate: float | Callable[[int], float] | Optimizer,
    epochs: int,
    batch_size: int | None = None,
    rng: np.random.Generator | None = None,
    params0: Any = None,
    sampling: str = "shuffle",
) -> LinearFitResult:
    """Fit y ~ X w + b by gradient descent on the MSE (chapter 6; minibatches chapter 7, SGD chapter 8).

    Args:
        X: the features, shape (n,) for one feature or (n, d).
        y: the targets, shape (n,).
        learning_rate: what ``gradient_descent`` accepts: a positive number, a schedule
            (a function of the step, the number of updates made so far), or an
            optimizer from ``gdutils.optimizers``; one that evaluates f (a line search)
            is given the MSE of the current batch.
        epochs: how many passes over the data.
        batch_size: examples per update; None means full batch (one update per epoch).
        rng: a numpy Generator; required for ``sampling="shuffle"`` or
            ``"with_replacement"`` when ``batch_size`` is given.
        params0: the start (w_1, ..., w_d, b); zeros when None. Never modified.
        sampling: "shuffle" (a fresh permutation every epoch, each example once),
            "in_order" (examples 0..n-1 in order every epoch) or "with_replacement"
            (ceil(n / batch_size) batches drawn independently with replacement).

    Returns a ``LinearFitResult``. A fit whose loss blows up stops at the last
    finite epoch and its message says the learning rate is too large. With a
    seeded ``np.random.default_rng`` the result is reproducible bit for bit.
    """
    Xa, ya = v.dataset(X, y, finite=False)  # the losses find a nan or inf: see _epochs
    n, d = Xa.shape
    opt = as_optimizer(learning_rate)
    n_epochs = v.non_negative_int("epochs", epochs)
    bs, sampling, rng = epoch_batching(n, batch_size, sampling, rng)
    p = np.zeros(d + 1) if params0 is None else v.linear_params("params0", params0, d)
    opt.start(p, Evaluations(None, None))
    run = (_full_batch if batch_size is None else _minibatches)(Xa, ya, p, opt, bs, sampling, rng)
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        path, losses, stop = _epochs(run, n_epochs, p, float(ya @ ya) / n, (X, y))
    return LinearFitResult(params=path[-1].copy(), path=np.array(path), losses=np.array(losses),
                           n_epochs=len(path) - 1, n_steps=stop.steps, batch_size=bs,
                           diverged=stop.status == "diverged", message=_fit_message(stop, losses[0], opt),
                           status=stop.status)


@dataclass(frozen=True)
class _FitStop:
    """Why a fit stopped, in the epoch that ended it, with the updates made until then."""

    status: str
    epoch: int
    steps: int
    loss: float = float("nan")
    steps_tried: int = 0
    reason: str = ""


def _epochs(run: Iterator[tuple[float, int]], n_epochs: int, p: np.ndarray, mean_y2: float,
            data: tuple[Any, Any]) -> tuple[list[np.ndarray], list[float], _FitStop]:
    """Up to n_epochs epochs of ``run``, stopping when the loss blows up or a line search fails.

    The data were not checked for nan and inf up front (that is a whole pass over X):
    a nan or inf in them makes the first loss computed from X non-finite, and then
    ``v.dataset`` names it. The loss blows up when it passes ``LOSS_BLOW_UP`` times
    the larger of the first loss and mean(y^2).
    """
    loss0, _ = next(run)
    _check_data_if(not math.isfinite(loss0) or n_epochs == 0, *data)
    path, losses, steps = [p.copy()], [loss0], 0
    limit = LOSS_BLOW_UP * max(loss0, mean_y2, np.finfo(float).tiny)
    for epoch in range(1, n_epochs + 1):
        try:
            loss, after = next(run)
        except NoAcceptableStep as failed:
            return path, losses, _FitStop("line search failed", epoch, steps, reason=failed.reason)
        _check_data_if(epoch == 1 and not math.isfinite(loss), *data)
        if not (math.isfinite(loss) and loss <= limit and np.all(np.isfinite(p))):
            return path, losses, _FitStop("diverged", epoch, steps, loss, after)
        steps = after
        path.append(p.copy())
        losses.append(loss)
    return path, losses, _FitStop("completed", n_epochs, steps)


def _check_data_if(needed: bool, X: Any, y: Any) -> None:
    if needed:
        v.dataset(X, y)  # raises, naming X or y, when either holds a nan or inf


def _fit_message(stop: _FitStop, loss0: float, opt: Optimizer) -> str:
    """Why the fit stopped, in words."""
    epoch = stop.epoch
    if stop.status == "completed":
        return f"ran all {epoch} epochs"
    if stop.status == "line search failed":
        return f"stopped in epoch {epoch}: the {opt} {stop.reason}; stopped at epoch {epoch - 1}"
    shown = f"{stop.loss:.3g}" if math.isfinite(stop.loss) else "overflow"
    if isinstance(opt, GradientDescent) and opt.rate is not None:
        rate = f"the learning rate {opt.rate:g} is too large"
    elif isinstance(opt, GradientDescent):
        last = stop.steps_tried - 1
        rate = f"the learning rate schedule is too large (learning_rate({last}) = {opt.learning_rate(last):g})"
    else:
        rate = f"the steps of {opt!r} are too large"
    return (f"diverged in epoch {epoch}: the loss grew from {loss0:.3g} to {shown}; {rate}; "
            f"stopped at epoch {epoch - 1}")


def closed_form(X: Any, y: Any) -> np.ndarray:
    """The least-squares params (w, b) from ``np.linalg.lstsq`` on the design matrix (chapter 6)."""
    Xa, ya = v.dataset(X, y)
    return np.linalg.lstsq(design_matrix(Xa), ya, rcond=None)[0]


def standardise(X: Any) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(Z, mean, std): each feature shifted to mean 0 and scaled to standard deviation 1 (chapter 6).

    The std is the population one (divide by n), so that the MSE's Hessian in the
    new coordinates has 2 on its diagonal. A feature that is constant cannot be
    scaled and is refused.
    """
    Xa = v.features("X", X)
    mean = Xa.mean(axis=0)
    std = Xa.std(axis=0)
    if np.any(std == 0):
        raise ValueError(f"X has a constant feature (column {int(np.argmin(std))}): it cannot be standardised")
    Z = (Xa - mean) / std
    return (Z[:, 0] if np.ndim(X) == 1 else Z), mean, std


def to_original_scale(params_z: Any, mean: Any, std: Any) -> np.ndarray:
    """Params (w_z, b_z) fitted on standardised features, expressed for the original ones (chapter 6).

    From y = sum_j w_z,j (x_j - mean_j) / std_j + b_z: w_j = w_z,j / std_j and
    b = b_z - sum_j w_z,j mean_j / std_j.
    """
    mean_a = np.atleast_1d(v.real_array("mean", mean))
    std_a = np.atleast_1d(v.real_array("std", std))
    p = v.linear_params("params_z", params_z, mean_a.size)
    if std_a.shape != mean_a.shape:
        raise ValueError(f"mean and std must have the same shape, got {mean_a.shape} and {std_a.shape}")
    if not np.all(std_a > 0):
        raise ValueError(f"std must hold positive numbers (standard deviations), got {v.show(std)}")
    w = p[:-1] / std_a
    return np.append(w, p[-1] - float(w @ mean_a))
