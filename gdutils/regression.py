"""Linear regression by gradient descent on the mean squared error (chapter 6).

The model is y_hat = X w + b. Appending a column of ones to X gives the design
matrix A = [X, 1], and with params p = (w, b), weights first and the intercept
last, y_hat = A p and

    MSE(p) = (1/n) sum_i (y_i - (x_i . w + b))^2 = (1/n) |A p - y|^2,
    grad MSE(p) = (1/n) sum_i -2 [x_i, 1] (y_i - (x_i . w + b)) = (2/n) A^T (A p - y).

``fit_linear`` runs full-batch (chapter 6), minibatch (chapter 7) or stochastic
(chapter 8) gradient descent on it. Its inner loop is written for speed: the
design matrix is built once, the data are permuted once per epoch (one fancy
index) and each step works on a contiguous slice with no validation.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from . import _validate as v
from .minibatch import _generator

BLOW_UP_FACTOR: float = 1e15
"""A fit stops as diverged once the loss exceeds this factor times its reference scale (chapter 6)."""

SAMPLINGS: tuple[str, ...] = ("shuffle", "in_order", "with_replacement")
"""How ``fit_linear`` forms minibatches (chapters 7 and 8)."""


# --------------------------------------------------------------------------- data


def _real(name: str, value: Any) -> np.ndarray:
    """A read-only view of real data as float64 (converted only when needed), or a clear error.

    gdutils never writes into it, so no copy is made: the checks must stay cheap
    next to the one pass over the data that a vectorised gradient costs.
    """
    if isinstance(value, (bool, str, bytes)):
        raise TypeError(f"{name} must be a real number or an array of them, got {v._show(value)}")
    arr = np.asarray(value)
    if arr.dtype != np.float64:
        if arr.dtype == bool or not (np.issubdtype(arr.dtype, np.integer) or np.issubdtype(arr.dtype, np.floating)):
            raise TypeError(f"{name} must be an array of real numbers, got {v._show(value)}")
        arr = arr.astype(np.float64)
    with np.errstate(over="ignore", invalid="ignore"):
        total = arr.sum()  # finite exactly when every entry is, unless the sum overflows
    if not math.isfinite(total) and not np.all(np.isfinite(arr)):
        raise ValueError(f"{name} must be finite, got {v._show(value)} holding nan or inf")
    return arr


def _features(name: str, X: Any) -> np.ndarray:
    """X as a float64 (n, d) array: a 1-D X is one feature."""
    arr = _real(name, X)
    if arr.ndim == 1:
        arr = arr.reshape(-1, 1)  # strides (8, 8): BLAS-friendly, unlike arr[:, None]
    if arr.ndim != 2:
        raise ValueError(
            f"{name} must be 1-D (one feature) or 2-D of shape (n, d), got shape {arr.shape}"
        )
    if arr.shape[0] == 0 or arr.shape[1] == 0:
        raise ValueError(f"{name} must hold at least one example and one feature, got shape {arr.shape}")
    return arr


def _data(X: Any, y: Any) -> tuple[np.ndarray, np.ndarray]:
    """Validated float64 views: X of shape (n, d) and y of shape (n,)."""
    Xa = _features("X", X)
    ya = _real("y", y)
    if ya.ndim != 1:
        raise ValueError(f"y must be 1-D (one target per example), got shape {ya.shape}")
    if ya.shape[0] != Xa.shape[0]:
        raise ValueError(
            f"X and y must have the same number of examples, got {Xa.shape[0]} rows in X "
            f"and {ya.shape[0]} values in y"
        )
    return Xa, ya


def _params(name: str, params: Any, d: int) -> np.ndarray:
    p = v.real_point(name, params)
    if p.shape != (d + 1,):
        raise ValueError(
            f"{name} must hold {d + 1} numbers ({d} weight{'s' if d > 1 else ''}, then the intercept), "
            f"got shape {p.shape}"
        )
    return p


def design_matrix(X: Any) -> np.ndarray:
    """[X, 1]: the features with a column of ones appended for the intercept, shape (n, d+1) (chapter 6)."""
    return _design(_features("X", X))


def _design(Xa: np.ndarray) -> np.ndarray:
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
    Xa, ya = _data(X, y)
    r = _residual(_params("params", params, Xa.shape[1]), Xa, ya)
    return float(r @ r) / ya.size


def mse_gradient(params: Any, X: Any, y: Any) -> np.ndarray:
    """The gradient (2/n) A^T (A p - y) of the MSE, weights first, then the intercept (chapter 6).

    Computed without building A = [X, 1]: the weights' part is (2/n) X^T r and the
    intercept's part (2/n) sum(r), with r = A p - y.
    """
    Xa, ya = _data(X, y)
    r = _residual(_params("params", params, Xa.shape[1]), Xa, ya)
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
    Xa, ya = _data(X, y)
    p = _params("params", params, Xa.shape[1])
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


@dataclass(frozen=True)
class LinearFitResult:
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
    """

    params: np.ndarray
    path: np.ndarray
    losses: np.ndarray
    n_epochs: int
    n_steps: int
    batch_size: int
    diverged: bool
    message: str

    @property
    def weights(self) -> np.ndarray:
        """The fitted weights (all params but the last)."""
        return self.params[:-1].copy()

    @property
    def intercept(self) -> float:
        """The fitted intercept (the last param)."""
        return float(self.params[-1])


def _schedule(learning_rate: Any) -> tuple[float | None, Callable | None]:
    """A constant learning rate (float) or a schedule step -> eta (callable)."""
    if callable(learning_rate):
        return None, learning_rate
    return v.positive_scalar("learning_rate", learning_rate), None


def _eta_at(schedule: Callable, step: int) -> float:
    raw = schedule(step)
    try:
        eta = float(raw)
    except (TypeError, ValueError):
        raise TypeError(
            f"learning_rate(step) must return a positive number, got {v._show(raw)} at step {step}"
        ) from None
    if not (math.isfinite(eta) and eta > 0):
        raise ValueError(f"learning_rate(step) must return a positive number, got {eta!r} at step {step}")
    return eta


def _loss(A: np.ndarray, y: np.ndarray, p: np.ndarray) -> float:
    r = A @ p
    r -= y
    return float(r @ r) / y.size


def _buffers(A: np.ndarray, y: np.ndarray, bs: int, sampling: str) -> tuple[np.ndarray, np.ndarray]:
    """Reusable arrays for one epoch's reordered copy of A and y (allocated once per fit)."""
    if sampling == "in_order":
        return A, y
    rows = y.size if sampling == "shuffle" else -(-y.size // bs) * bs
    return np.empty((rows, A.shape[1])), np.empty(rows)


def _epoch(A: np.ndarray, y: np.ndarray, p: np.ndarray, bs: int, lr: float | None,
           schedule: Callable | None, step: int, sampling: str,
           rng: np.random.Generator | None, As: np.ndarray, ys: np.ndarray) -> int:
    """One epoch of minibatch descent, updating p in place; returns the step count after it.

    The data are reordered once into the buffers As, ys (one permutation, or one
    draw with replacement, gathered with ``np.take``) and then cut into
    contiguous slices, so a step costs two small matrix-vector products and no
    fancy indexing.
    """
    n = y.size
    if sampling == "shuffle":
        order = rng.permutation(n)
    elif sampling == "with_replacement":  # ceil(n / bs) full batches
        order = rng.integers(0, n, size=(-(-n // bs), bs)).ravel()
    if sampling != "in_order":  # mode="clip" lets take write into `out` unbuffered
        np.take(A, order, axis=0, out=As, mode="clip")
        np.take(y, order, out=ys, mode="clip")
    total = ys.size
    scale = 2.0 / bs
    for start in range(0, total, bs):
        Ab = As[start:start + bs]
        r = np.dot(Ab, p)
        r -= ys[start:start + bs]
        g = np.dot(r, Ab)
        if schedule is not None:
            lr = _eta_at(schedule, step)
        if start + bs > total:  # the last, partial batch
            scale = 2.0 / (total - start)
        g *= lr * scale
        p -= g
        step += 1
    return step


def fit_linear(
    X: Any,
    y: Any,
    *,
    learning_rate: float | Callable[[int], float],
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
        learning_rate: a positive number, or a schedule: a function of the step
            (the number of updates made so far) returning a positive number.
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
    Xa, ya = _data(X, y)
    n, d = Xa.shape
    lr, schedule = _schedule(learning_rate)
    n_epochs = v.non_negative_int("epochs", epochs)
    if not isinstance(sampling, str) or sampling not in SAMPLINGS:
        raise ValueError(f"sampling must be one of {', '.join(map(repr, SAMPLINGS))}, got {v._show(sampling)}")
    if batch_size is None:
        if sampling == "with_replacement":
            raise ValueError(
                "sampling='with_replacement' needs a batch_size; batch_size=None means full batch"
            )
        bs = n
    else:
        bs = v.positive_int("batch_size", batch_size)
        if bs > n:
            raise ValueError(f"batch_size must be between 1 and n = {n} (the number of examples), got {bs}")
    needs_rng = batch_size is not None and sampling != "in_order"
    if needs_rng:
        if rng is None:
            raise TypeError(
                f"rng is required for sampling={sampling!r} with batch_size={bs}: "
                "pass rng=np.random.default_rng(seed), or sampling='in_order'"
            )
        rng = _generator("rng", rng)
    elif rng is not None:
        _generator("rng", rng)
    p = np.zeros(d + 1) if params0 is None else _params("params0", params0, d)

    A = _design(Xa)
    loss0 = _loss(A, ya, p)
    scale = max(loss0, float(ya @ ya) / n, np.finfo(float).tiny)
    limit = BLOW_UP_FACTOR * scale
    path = [p.copy()]
    losses = [loss0]
    step = steps_done = 0
    diverged = False
    message = f"ran all {n_epochs} epochs"
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):
        if batch_size is None:
            r = A @ p
            r -= ya
        else:
            As, ys = _buffers(A, ya, bs, sampling)
        for epoch in range(1, n_epochs + 1):
            eta = lr
            if batch_size is None:  # full batch: the residual r is shared with the loss
                if schedule is not None:
                    eta = _eta_at(schedule, step)
                p -= (eta * 2.0 / n) * (A.T @ r)
                step += 1
                r = A @ p
                r -= ya
                loss = float(r @ r) / n
            else:
                step = _epoch(A, ya, p, bs, lr, schedule, step, sampling, rng, As, ys)
                loss = _loss(A, ya, p)
            if not (math.isfinite(loss) and loss <= limit and np.all(np.isfinite(p))):
                diverged = True
                shown = f"{loss:.3g}" if math.isfinite(loss) else "overflow"
                rate = (f"the learning rate {lr:g} is too large" if schedule is None else
                        f"the learning rate schedule is too large (learning_rate({step - 1}) = "
                        f"{_eta_at(schedule, step - 1):g})")
                message = (f"diverged in epoch {epoch}: the loss grew from {loss0:.3g} to {shown}; "
                           f"{rate}; stopped at epoch {epoch - 1}")
                p = path[-1].copy()
                break
            path.append(p.copy())
            losses.append(loss)
            steps_done = step

    return LinearFitResult(
        params=p.copy(),
        path=np.array(path),
        losses=np.array(losses),
        n_epochs=len(path) - 1,
        n_steps=steps_done,
        batch_size=bs,
        diverged=diverged,
        message=message,
    )


def closed_form(X: Any, y: Any) -> np.ndarray:
    """The least-squares params (w, b) from ``np.linalg.lstsq`` on the design matrix (chapter 6)."""
    Xa, ya = _data(X, y)
    return np.linalg.lstsq(_design(Xa), ya, rcond=None)[0]


def standardise(X: Any) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """(Z, mean, std): each feature shifted to mean 0 and scaled to standard deviation 1 (chapter 6).

    The std is the population one (divide by n), so that the MSE's Hessian in the
    new coordinates has 2 on its diagonal. A feature that is constant cannot be
    scaled and is refused.
    """
    Xa = _features("X", X)
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
    p = _params("params_z", params_z, mean_a.size)
    if std_a.shape != mean_a.shape:
        raise ValueError(f"mean and std must have the same shape, got {mean_a.shape} and {std_a.shape}")
    if not np.all(std_a > 0):
        raise ValueError(f"std must hold positive numbers (standard deviations), got {v._show(std)}")
    w = p[:-1] / std_a
    return np.append(w, p[-1] - float(w @ mean_a))


def format_fit_trace(fit: LinearFitResult, every: int = 1, *, epochs: Any = None,
                     fmt: str = ".6f", loss_fmt: str = ".6e") -> str:
    """The fit as a table: epoch, each param and the MSE, at a fixed precision (chapter 6).

    Rows: epoch 0, every ``every``-th epoch and the last one, or exactly ``epochs``
    when that list is given. Columns are named m, b for one feature, else w1..wd, b.
    """
    if not isinstance(fit, LinearFitResult):
        raise TypeError(f"fit must be a LinearFitResult, got {v._show(fit)}")
    if epochs is None:
        every = v.positive_int("every", every)
        rows = list(range(0, fit.n_epochs + 1, every))
        if rows[-1] != fit.n_epochs:
            rows.append(fit.n_epochs)
    else:
        rows = [v.non_negative_int("epochs[i]", e) for e in epochs]
        if any(e > fit.n_epochs for e in rows):
            raise ValueError(f"epochs must lie between 0 and {fit.n_epochs}, got {list(epochs)!r}")
    d = fit.path.shape[1] - 1
    names = ["m"] if d == 1 else [f"w{j + 1}" for j in range(d)]
    header = ["epoch", *names, "b", "MSE"]
    table = [[str(e), *(format(float(c) + 0.0, fmt) for c in fit.path[e]), format(float(fit.losses[e]), loss_fmt)]
             for e in rows]
    widths = [max(len(r[i]) for r in [header, *table]) for i in range(len(header))]
    return "\n".join("  ".join(c.rjust(w) for c, w in zip(r, widths)) for r in [header, *table])


def print_fit_trace(fit: LinearFitResult, every: int = 1, *, epochs: Any = None,
                    fmt: str = ".6f", loss_fmt: str = ".6e") -> None:
    """Print :func:`format_fit_trace` followed by the fit's message (chapter 6)."""
    print(format_fit_trace(fit, every, epochs=epochs, fmt=fmt, loss_fmt=loss_fmt))
    print(fit.message)
