"""Measuring minibatch and stochastic gradient descent (chapters 7 and 8).

The fitting itself is ``regression.fit_linear`` and the batches come from
``minibatch``; this module measures them: how noisy a minibatch gradient is,
how much of the data an epoch drawn with replacement misses, and what one
epoch costs.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from typing import Any

import numpy as np

from . import _validate as v
from .minibatch import _generator, minibatches, sample_with_replacement
from .regression import _data, _params, mse_gradient


def per_example_gradients(params: Any, X: Any, y: Any) -> np.ndarray:
    """The MSE gradient of each example on its own, one row per example, shape (n, d+1) (chapter 7).

    Row i is ``mse_gradient(params, X[i:i+1], y[i:i+1])``; the full gradient is their mean.
    """
    Xa, ya = _data(X, y)
    p = _params("params", params, Xa.shape[1])
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
    bs = v.positive_int("batch_size", batch_size)
    if bs > n:
        raise ValueError(f"batch_size must be between 1 and n = {n}, got {bs}")
    sigma2 = float(np.mean(np.sum((G - G.mean(axis=0)) ** 2, axis=1)))
    return math.sqrt(sigma2 / bs * ((n - bs) / (n - 1) if n > 1 else 0.0))


def measured_spread(params: Any, X: Any, y: Any, batch_size: int, *, epochs: int,
                    rng: np.random.Generator) -> float:
    """The same root-mean-square distance, measured over ``epochs`` shuffled epochs (chapter 7).

    Only full batches count (a last partial batch is noisier by construction).
    """
    Xa, ya = _data(X, y)
    p = _params("params", params, Xa.shape[1])
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

    Each epoch draws n batches of one example from ``minibatch.sample_with_replacement``.
    """
    n_i = v.positive_int("n", n)
    n_epochs = v.positive_int("epochs", epochs)
    out = np.empty(n_epochs)
    for e in range(n_epochs):
        drawn = np.concatenate(list(sample_with_replacement(n_i, 1, n_i, rng=rng)))
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

    Returns the best-of-``repeat`` times of: ``"full gradient"``, one full-batch
    gradient (the one-pass floor); ``"shuffle"``, drawing the permutation;
    ``"gather"``, copying the rows into the shuffled order (fancy indexing);
    ``"batch gradients"``, the gradient of every batch of the epoch on contiguous
    slices, with the update; ``"python loop"``, the same loop doing nothing but
    slicing, i.e. the per-step overhead of the interpreter.
    """
    Xa, ya = _data(X, y)
    rng = _generator("rng", rng)
    bs = v.positive_int("batch_size", batch_size)
    n = ya.size
    if bs > n:
        raise ValueError(f"batch_size must be between 1 and n = {n}, got {bs}")
    A = np.empty((n, Xa.shape[1] + 1))
    A[:, :-1], A[:, -1] = Xa, 1.0
    p = np.zeros(A.shape[1])
    order = rng.permutation(n)
    As, ys = A[order], ya[order]
    starts = range(0, n, bs)

    def full() -> None:
        r = A @ p - ya
        _ = (2.0 / n) * (A.T @ r)

    def gather() -> None:
        _ = A[order], ya[order]

    def batches() -> None:
        q = p.copy()
        for s in starts:
            Ab = As[s:s + bs]
            r = Ab @ q - ys[s:s + bs]
            q -= (1e-9 * 2.0 / Ab.shape[0]) * (Ab.T @ r)

    def loop() -> None:
        for s in starts:
            _ = As[s:s + bs], ys[s:s + bs]

    return {
        "full gradient": best_time(full, repeat=repeat),
        "shuffle": best_time(lambda: rng.permutation(n), repeat=repeat),
        "gather": best_time(gather, repeat=repeat),
        "batch gradients": best_time(batches, repeat=repeat),
        "python loop": best_time(loop, repeat=repeat),
    }
