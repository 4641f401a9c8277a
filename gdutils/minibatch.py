"""Splitting n examples into minibatches (chapters 7 and 8).

``minibatches`` yields the index arrays of one epoch: every example exactly once,
the examples themselves shuffled (not just the batch start positions), the last
batch shorter when ``batch_size`` does not divide ``n``.
``sample_with_replacement`` draws each batch independently, so an example may
appear twice in an epoch or not at all (the other sampler of chapter 8).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import numpy as np

from . import validation as v


def _sizes(n: Any, batch_size: Any) -> tuple[int, int]:
    n_i = v.positive_int("n", n)
    return n_i, v.batch_size("batch_size", batch_size, n_i)


def n_batches_per_epoch(n: int, batch_size: int) -> int:
    """How many batches one epoch of n examples takes: ceil(n / batch_size) (chapter 7)."""
    n_i, bs = _sizes(n, batch_size)
    return -(-n_i // bs)


def minibatches(
    n: int, batch_size: int, *, rng: np.random.Generator | None, shuffle: bool = True
) -> Iterator[np.ndarray]:
    """Yield the index arrays of one epoch over examples 0..n-1 (chapter 7).

    With ``shuffle=True`` one permutation of all n indices is drawn from ``rng``
    (a fresh one on every call, so every epoch mixes differently) and cut into
    consecutive batches; with ``shuffle=False`` the batches are 0..b-1, b..2b-1,
    ... in order and ``rng`` may be None. Every index appears exactly once; the
    last batch holds the remaining ``n % batch_size`` indices when that is not 0.
    """
    n_i, bs = _sizes(n, batch_size)
    v.instance("shuffle", shuffle, bool, "True or False")
    if shuffle:
        if rng is None:
            raise TypeError(
                "rng is required when shuffle=True: pass rng=np.random.default_rng(seed)"
            )
        order = v.generator("rng", rng).permutation(n_i)
    else:
        order = np.arange(n_i)
    return _cut(order, bs)


def _cut(order: np.ndarray, bs: int) -> Iterator[np.ndarray]:
    for start in range(0, order.size, bs):
        yield order[start:start + bs]


def sample_with_replacement(
    n: int, batch_size: int, n_batches: int, *, rng: np.random.Generator
) -> Iterator[np.ndarray]:
    """Yield ``n_batches`` batches of ``batch_size`` indices drawn uniformly with replacement (chapter 8).

    Each index is drawn independently from 0..n-1, so an epoch of
    ``ceil(n / batch_size)`` such batches sees some examples twice and misses
    others (about 37% of them when n is large). All draws of the call are made
    at once, ``rng.integers(0, n, size=(n_batches, batch_size))``.
    """
    n_i, bs = _sizes(n, batch_size)
    count = v.non_negative_int("n_batches", n_batches)
    if rng is None:
        raise TypeError("rng is required: pass rng=np.random.default_rng(seed)")
    draws = v.generator("rng", rng).integers(0, n_i, size=(count, bs))
    return iter(list(draws))
