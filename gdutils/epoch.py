"""One epoch of minibatch descent on the MSE: its order, its chunks, its steps (chapters 7 and 8).

``fit_linear`` (in ``regression``) runs every minibatch epoch through these
pieces, and ``fit_logistic`` (in ``classification``) visits its examples with the
first two, so that a seed gives the same batches in both:

- :func:`epoch_order`: the order in which one epoch visits the n examples, drawn
  from a generator (``"shuffle"``, ``"with_replacement"``) or None (``"in_order"``);
- :func:`epoch_chunks`: the examples in that order, chunk by chunk, as a small
  buffer of the design matrix [X, 1] holding a whole number of batches;
- :func:`batch_steps`: one update per contiguous batch of a chunk;
- :func:`epoch_steps`: the three together, one epoch.

They are written for speed: the data are reordered chunk by chunk into a small
buffer (one ``np.take`` per chunk) and each step works on a contiguous slice with
no validation; :func:`epoch_batching` checks the arguments once, before the first epoch.
"""

from __future__ import annotations

from collections.abc import Iterator
from functools import partial
from typing import Any

import numpy as np

from . import validation as v
from .optimizers import GradientDescent, Optimizer

CHUNK_ROWS: int = 4096
"""fit_linear reorders the data in chunks of about this many rows, small enough to stay in cache (chapter 7)."""

SAMPLINGS: tuple[str, ...] = ("shuffle", "in_order", "with_replacement")
"""How ``fit_linear`` forms minibatches (chapters 7 and 8)."""


def epoch_batching(n: int, batch_size: Any, sampling: Any,
                   rng: Any) -> tuple[int, str, np.random.Generator | None]:
    """fit_linear's batch size, sampling and generator, validated (chapters 7 and 8).

    Returns (batch_size, sampling, rng). batch_size=None means full batch: one
    batch of all n examples, visited in order; a batch_size with ``"shuffle"`` or
    ``"with_replacement"`` needs a generator.
    """
    v.one_of("sampling", sampling, SAMPLINGS)
    if batch_size is None:
        if sampling == "with_replacement":
            raise ValueError("sampling='with_replacement' needs a batch_size; batch_size=None means full batch")
        return n, "in_order", None if rng is None else v.generator("rng", rng)
    bs = v.batch_size("batch_size", batch_size, n)
    if sampling != "in_order" and rng is None:
        raise TypeError(f"rng is required for sampling={sampling!r} with batch_size={bs}: "
                        "pass rng=np.random.default_rng(seed), or sampling='in_order'")
    return bs, sampling, None if rng is None else v.generator("rng", rng)


def epoch_order(n: int, batch_size: int, sampling: str, rng: np.random.Generator | None) -> np.ndarray | None:
    """The order in which one epoch visits the n examples (chapters 7 and 8).

    None for ``"in_order"``; ``rng.permutation(n)`` for ``"shuffle"``; for
    ``"with_replacement"``, ceil(n / batch_size) full batches of independent uniform draws.
    """
    if sampling == "in_order":
        return None
    if sampling == "shuffle":
        return rng.permutation(n)
    return rng.integers(0, n, size=(-(-n // batch_size), batch_size)).ravel()


def epoch_chunks(X: np.ndarray, y: np.ndarray, order: np.ndarray | None,
                 batch_size: int) -> Iterator[tuple[np.ndarray, np.ndarray]]:
    """One epoch's examples in ``order`` (in order when None), chunk by chunk: (A_chunk, y_chunk) (chapter 7).

    A_chunk = [X_chunk, 1] is a small buffer, reused from chunk to chunk, that stays
    in cache; each chunk holds a whole number of batches, so every batch is a
    contiguous slice of it. The rows are gathered with ``np.take`` into a contiguous
    buffer first (a gather straight into A_chunk's strided columns is slower), then
    copied into A_chunk row by row (see ``_row_records``); the targets, 8 bytes
    a row, are gathered all at once. ``X``, ``y`` are validated float64 arrays.
    """
    total = y.size if order is None else order.size
    rows = min(total, batch_size * max(1, CHUNK_ROWS // batch_size))
    A = np.empty((rows, X.shape[1] + 1))
    A[:, -1] = 1.0
    X_chunk = np.empty((rows, X.shape[1]))
    X_rows, chunk_rows, A_rows = (_row_records(a, X.shape[1]) for a in (np.ascontiguousarray(X), X_chunk, A))
    y_ordered = y if order is None else np.take(y, order)  # the targets in one gather: faster than by chunk
    for start in range(0, total, rows):
        m = min(rows, total - start)
        if order is None:
            A_rows[:m] = X_rows[start:start + m]
        else:  # mode="clip" lets take write into `out` unbuffered
            np.take(X_rows, order[start:start + m], out=chunk_rows[:m], mode="clip")
            A_rows[:m] = chunk_rows[:m]
        yield A[:m], y_ordered[start:start + m]


def _row_records(a: np.ndarray, width: int) -> np.ndarray:
    """The first ``width`` numbers of each row of the C-contiguous 2-D array ``a``, one record per row.

    A view, shape (rows,): numpy copies or gathers such a record in one piece, where
    it would copy a row of ``a[:, :width]`` number by number (several times slower).
    """
    record = np.dtype({"names": ["row"], "formats": [f"V{a.itemsize * width}"], "offsets": [0],
                       "itemsize": a.strides[0]})
    return a.view(record)["row"][:, 0]


def epoch_steps(X: np.ndarray, y: np.ndarray, p: np.ndarray, batch_size: int, opt: Optimizer,
                step: int = 0, order: np.ndarray | None = None) -> int:
    """One epoch of minibatch descent on (X, y), updating p in place; returns the step count after it (chapter 7).

    The examples are visited in ``order`` (see :func:`epoch_order`), chunk by chunk
    (:func:`epoch_chunks`), one update per batch (:func:`batch_steps`).
    """
    for A, y_chunk in epoch_chunks(X, y, order, batch_size):
        step = batch_steps(A, y_chunk, p, batch_size, opt, step)
    return step


def batch_steps(A: np.ndarray, y: np.ndarray, p: np.ndarray, batch_size: int, opt: Optimizer, step: int) -> int:
    """One update of p (in place) per contiguous batch of rows of the design matrix A (chapter 7).

    Each step: ``r = A_b p - y_b`` and the gradient ``(2/b) A_b^T r``; plain descent
    at a fixed rate updates ``p -= eta * 2/b * A_b^T r`` right here, any other
    optimizer through its ``apply``. An optimizer that evaluates f (a line search)
    is given the batch's MSE. r and the gradient are written into two buffers
    reused from step to step. Returns the step count after the last batch.
    """
    full = y.size - y.size % batch_size  # a last, smaller batch is a call of its own
    evals = opt.evals if opt.needs_f else None
    eta = opt.rate if type(opt) is GradientDescent else None  # None: opt.apply makes the update
    fx = None
    r, g, dot = np.empty(batch_size), np.empty(A.shape[1]), np.dot
    for start in range(0, full, batch_size):
        Ab = A[start:start + batch_size]
        dot(Ab, p, out=r)
        r -= y[start:start + batch_size]
        dot(r, Ab, out=g)
        if eta is not None:
            g *= eta * (2.0 / batch_size)
            p -= g  # the update: p <- p - eta * (2/b) A_b^T (A_b p - y_b)
        else:
            if evals is not None:
                evals.f, fx = partial(batch_mse, Ab, y[start:start + batch_size]), float(r @ r) / r.size
            opt.apply(p, g, step, 2.0 / batch_size, 1.0, fx)
        step += 1
    if full < y.size:
        step = batch_steps(A[full:], y[full:], p, y.size - full, opt, step)
    return step


def batch_mse(A: np.ndarray, y: np.ndarray, p: np.ndarray) -> float:
    """The MSE (1/b) |A p - y|^2 of one batch: rows A of the design matrix, targets y (chapter 7).

    What a line search evaluates as f: p comes last, for ``partial(batch_mse, A, y)``.
    """
    r = np.dot(A, p)
    r -= y
    return float(r @ r) / y.size
