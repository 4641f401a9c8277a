"""Measuring minibatch and stochastic gradient descent (chapters 7 and 8).

The fitting itself is ``regression.fit_linear`` (its epochs run by ``epoch``) and
the batches come from ``minibatch``; this module measures them: how noisy a minibatch gradient is,
how much of the data an epoch drawn with replacement misses, and what one
epoch costs.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from typing import Any

import numpy as np

from . import validation as v
from .minibatch import minibatches, sample_with_replacement
from .optimizers import GradientDescent
from .epoch import batch_steps, epoch_chunks, epoch_order
from .regression import design_matrix, mse_gradient


def per_example_gradients(params: Any, X: Any, y: Any) -> np.ndarray:
    """The MSE gradient of each example on its own, one row per example, shape (n, d+1) (chapter 7).

    Row i is ``mse_gradient(params, X[i:i+1], y[i:i+1])``; the full gradient is their mean.
    """
    Xa, ya = v.dataset(X, y)
    p = v.linear_params("params", params, Xa.shape[1])
    return np.array([mse_gradient(p, Xa[i:i + 1], ya[i:i + 1]) for i in range(ya.size)])


def predicted_spread(params: Any, X: Any, y: Any, batch_size: int) -> float:
    """Root-mean-square distance of a shuffled minibatch gradient from the full gradient (chapter 7).

    With per-example gradients g_i, their mean g and sigma^2 = mean |g_i - g|^2, a
    batch of B distinct examples drawn at random has
    E|g_B - g|^2 = sigma^2 / B * (n - B) / (n - 1): the 1/B law of independent
    draws times the finite-population correction, which is 0 for a full batch.
    """
    G = per_example_gradients(params, X, y)
    n = G.shape[0]
    bs = v.batch_size("batch_size", batch_size, n)
    sigma2 = float(np.mean(np.sum((G - G.mean(axis=0)) ** 2, axis=1)))
    return math.sqrt(sigma2 / bs * ((n - bs) / (n - 1) if n > 1 else 0.0))


def measured_spread(params: Any, X: Any, y: Any, batch_size: int, *, epochs: int,
                    rng: np.random.Generator) -> float:
    """The same root-mean-square distance, measured over ``epochs`` shuffled epochs (chapter 7).

    Only full batches count (a last partial batch is noisier by construction).
    """
    Xa, ya = v.dataset(X, y)
    p = v.linear_params("params", params, Xa.shape[1])
    n_epochs = v.positive_int("epochs", epochs)
    full = mse_gradient(p, Xa, ya)
    squares = []
    for _ in range(n_epochs):
        for b in minibatches(ya.size, batch_size, rng=rng):
            if b.size == batch_size:
                squares.append(float(np.sum((mse_gradient(p, Xa[b], ya[b]) - full) ** 2)))
    return math.sqrt(float(np.mean(squares)))


def missed_per_epoch(n: int, *, epochs: int, rng: np.random.Generator) -> np.ndarray:
    """The fraction of n examples that an epoch of n draws with replacement never picks, per epoch (chapter 8).

    Each epoch is n independent uniform draws from ``minibatch.sample_with_replacement``
    (taken as one batch of n, which is the same n draws as n batches of one).
    """
    n_i = v.positive_int("n", n)
    n_epochs = v.positive_int("epochs", epochs)
    out = np.empty(n_epochs)
    for e in range(n_epochs):
        drawn = next(sample_with_replacement(n_i, n_i, 1, rng=rng))
        out[e] = 1.0 - np.unique(drawn).size / n_i
    return out


def best_time(func: Callable[[], Any], *, repeat: int = 5, number: int = 1) -> float:
    """The fastest of ``repeat`` timings of ``number`` calls of ``func()``, in seconds per call (chapter 7).

    The minimum is the least disturbed by other work on the machine. Timings vary
    from machine to machine and run to run: compare them as ratios.
    """
    v.callable_arg("func", func)
    rep = v.positive_int("repeat", repeat)
    num = v.positive_int("number", number)
    best = math.inf
    for _ in range(rep):
        start = time.perf_counter()
        for _ in range(num):
            func()
        best = min(best, (time.perf_counter() - start) / num)
    return best


def epoch_time_parts(X: Any, y: Any, batch_size: int, *, rng: np.random.Generator,
                     repeat: int = 5) -> dict[str, float]:
    """Where the time of one shuffled minibatch epoch goes, in seconds (chapter 7).

    Times the pieces ``fit_linear`` is made of, with the functions it calls:
    ``epoch.epoch_order`` draws the permutation, ``epoch.epoch_chunks`` gathers
    the rows chunk by chunk (``np.take`` into a small buffer it reuses), and
    ``epoch.batch_steps`` takes one step per contiguous slice. Returns the
    best-of-``repeat`` times of:

    - ``"full gradient"``: one full-batch gradient (2/n) A^T (A p - y), the one-pass floor;
    - ``"shuffle"``: drawing the permutation;
    - ``"gather"``: copying the rows and targets into the shuffled order;
    - ``"batch gradients"``: every batch's gradient and update, on contiguous slices;
    - ``"python loop"``: the same loop doing nothing but slicing (the interpreter's share);
    - ``"fancy per batch"``: the alternative of indexing ``A[batch]`` in every step,
      with no gather (the batch gradients and updates included).
    """
    Xa, ya = v.dataset(X, y)
    rng = v.generator("rng", rng)
    n = ya.size
    bs = v.batch_size("batch_size", batch_size, n)
    A = design_matrix(Xa)
    p = np.zeros(A.shape[1])
    opt = GradientDescent(1e-9)
    order = epoch_order(n, bs, "shuffle", rng)
    As, ys = A[order], ya[order]
    starts = range(0, n, bs)

    def full() -> None:
        r = np.dot(A, p)
        r -= ya
        _ = (2.0 / n) * np.dot(r, A)

    def gather() -> None:
        for _ in epoch_chunks(Xa, ya, order, bs):
            pass

    def loop() -> None:
        for s in starts:
            _ = As[s:s + bs], ys[s:s + bs]

    def fancy() -> None:
        q = p.copy()
        for s in starts:
            idx = order[s:s + bs]
            batch_steps(A[idx], ya[idx], q, bs, opt, 0)

    return {
        "full gradient": best_time(full, repeat=repeat),
        "shuffle": best_time(lambda: epoch_order(n, bs, "shuffle", rng), repeat=repeat),
        "gather": best_time(gather, repeat=repeat),
        "batch gradients": best_time(lambda: batch_steps(As, ys, p.copy(), bs, opt, 0), repeat=repeat),
        "python loop": best_time(loop, repeat=repeat),
        "fancy per batch": best_time(fancy, repeat=repeat),
    }


def sgd_updates(X: Any, y: Any, params0: Any, learning_rate: float, order: Any) -> np.ndarray:
    """Every intermediate point of SGD over the examples in ``order``, one update each (chapter 8).

    Returns an array of shape (len(order) + 1, d + 1): the start, then the params
    after each update p <- p - learning_rate * mse_gradient(p, X[i:i+1], y[i:i+1]).
    ``fit_linear`` records params only at the end of each epoch; this shows what
    happens inside one. Stops early (returning the finite part) if the params overflow.
    """
    Xa, ya = v.dataset(X, y)
    p = v.linear_params("params0", params0, Xa.shape[1])
    eta = v.positive_scalar("learning_rate", learning_rate)
    idx = np.asarray(order)
    if idx.ndim != 1 or not np.issubdtype(idx.dtype, np.integer):
        raise TypeError(f"order must be a 1-D array of integer indices, got {v.show(order)}")
    if idx.size and (idx.min() < 0 or idx.max() >= ya.size):
        raise ValueError(f"order must hold indices in 0 .. {ya.size - 1}, got {idx.min()} .. {idx.max()}")
    path = [p.copy()]
    with np.errstate(over="ignore", invalid="ignore"):
        for i in idx.tolist():
            p = p - eta * mse_gradient(p, Xa[i:i + 1], ya[i:i + 1])
            if not np.all(np.isfinite(p)):
                break
            path.append(p)
    return np.array(path)
