"""Self-checks for the exercises of chapter 7 (Minibatch gradient descent)."""

from __future__ import annotations

import functools
import math
from collections.abc import Callable
from fractions import Fraction

import numpy as np

from .common import RESIDUAL_BRACKETS, Mistake, call_on_copies, conclude, start_check
from .core import CheckFailed, as_numbers, call, evaluate, passed, short


def line_gradient(params: np.ndarray, x: np.ndarray, y: np.ndarray) -> np.ndarray:
    """The MSE gradient of the line m x + b over the examples (x, y), as (d/dm, d/db)."""
    r = y - (params[0] * x + params[1])
    return np.array([np.mean(-2 * x * r), np.mean(-2 * r)])


# ---------------------------------------------------------------- exercise 7.1: the iterator


def _epoch(name: str, batches: Callable, n: int, size: int, rng: np.random.Generator) -> list[np.ndarray]:
    """One epoch from the reader's function, as a list of integer index arrays."""

    def listed(n: int, size: int, rng: np.random.Generator) -> list:
        return list(batches(n, size, rng))  # a generator runs only when iterated

    listed.__name__ = name
    out = call(name, listed, n, size, rng)
    epoch = []
    for batch in out:
        arr = np.asarray(batch)
        if arr.ndim != 1 or not np.issubdtype(arr.dtype, np.integer):
            raise CheckFailed(
                f"{name}: each batch should be a 1-D array of integer indices (positions of examples), "
                f"got {short(batch)}"
            )
        epoch.append(arr)
    return epoch


def _check_one_epoch(name: str, epoch: list[np.ndarray], n: int, size: int) -> None:
    """Every index once, batches of ``size`` with one smaller last batch, no empty batch."""
    if not epoch:
        raise CheckFailed(f"{name}({n}, {size}, rng) yielded no batches at all")
    if any(b.size == 0 for b in epoch):
        raise CheckFailed(
            f"{name}: an empty batch was yielded (n = {n}, batch_size = {size}): when n is a multiple "
            "of batch_size there is no partial batch."
        )
    every = np.concatenate(epoch)
    if every.min() < 0 or every.max() >= n:
        raise CheckFailed(f"{name}: indices must lie in 0 .. n - 1 = {n - 1}, got {every.min()} .. {every.max()}")
    counts = np.bincount(every, minlength=n)
    leftover = n % size
    sizes = [b.size for b in epoch]
    if counts.max() > 1:
        raise CheckFailed(
            f"{name}: some examples appear more than once in one epoch (n = {n}, batch_size = {size}). "
            "Draw each epoch's order without replacement: a permutation of the examples."
        )
    if counts.min() == 0:
        if leftover and every.size == n - leftover and all(s == size for s in sizes):
            raise CheckFailed(
                f"{name}: the last partial batch was dropped (n = {n}, batch_size = {size}): the "
                f"{leftover} leftover example{'s' if leftover > 1 else ''} must form a smaller final batch."
            )
        raise CheckFailed(f"{name}: {int(np.sum(counts == 0))} of {n} examples never appear in the epoch.")
    expected = [size] * (n // size) + ([leftover] if leftover else [])
    if sizes != expected:
        raise CheckFailed(
            f"{name}: wrong batch sizes for n = {n}, batch_size = {size}: got {sizes}. Every batch holds "
            "batch_size examples except the last, which holds what is left."
        )


SHUFFLE_EPOCHS = 8
"""Epochs of the large case in which :func:`check_minibatch_iterator` tests the shuffle itself."""

SHUFFLE_TESTS = 2 * (SHUFFLE_EPOCHS + math.comb(SHUFFLE_EPOCHS, 2))
"""72: each of the 8 epochs against the original order and every earlier epoch, 2 counts each."""

FALSE_ALARM = 1e-12
"""A bound on the chance that a fair shuffle fails check_minibatch_iterator's shuffle test (chapter 7).

"Fair" means that each epoch's batches, as sets, are those of a uniformly random order cut into
batches, drawn afresh each epoch; the order inside a batch does not matter (sorting every batch is
fine). Both counts of the test look only at which examples share a batch, and each has its limit
(:func:`shuffle_limits`) set so that its own chance is at most FALSE_ALARM / SHUFFLE_TESTS.
"""


@functools.cache
def kept_pairs_bound(n: int, size: int, m: int) -> Fraction:
    """An upper bound on P(m or more of n // 2 fixed disjoint pairs share a batch), exact arithmetic.

    The epoch is a uniformly random order of n examples cut into k = n / size batches. m given
    disjoint pairs all share a batch in m! [x^m] (sum_c (size)_2c x^c / c!)^k of the (n)_2m
    placements of their 2m examples, and there are C(n // 2, m) sets of m pairs.
    """
    k = n // size
    base = [Fraction(math.perm(size, 2 * c), math.factorial(c)) for c in range(min(size // 2, m) + 1)]
    poly = [Fraction(1)]
    for _ in range(k):
        new = [Fraction(0)] * min(len(poly) + len(base) - 1, m + 1)
        for i, a in enumerate(poly):
            for j, b in enumerate(base[:m + 1 - i]):
                new[i + j] += a * b
        poly = new
    if len(poly) <= m:
        return Fraction(0)
    return math.comb(n // 2, m) * poly[m] * math.factorial(m) / math.perm(n, 2 * m)


@functools.cache
def same_batches_bound(n: int, size: int, m: int) -> Fraction:
    """An upper bound on P(m or more batches equal, as sets, batches of a fixed cut), exact arithmetic.

    m given batches equal m given others with probability 1 / (C(n, B) C(n - B, B) ...) =
    B!^m (n - m B)! / n!, and there are C(k, m) (k)_m ways to choose and match them.
    """
    k = n // size
    if m > k:
        return Fraction(0)
    ways = math.comb(k, m) * math.perm(k, m)
    return Fraction(ways * math.factorial(size) ** m * math.factorial(n - m * size), math.factorial(n))


@functools.cache
def shuffle_limits(n: int, size: int) -> tuple[int, int]:
    """The smallest counts (kept pairs, same batches) that a fair shuffle reaches with probability at
    most FALSE_ALARM / SHUFFLE_TESTS each, for n examples in batches of ``size`` (size divides n)."""
    if n % size:
        raise ValueError(f"the shuffle test needs batch_size to divide n, got n = {n}, batch_size = {size}")
    target = Fraction(FALSE_ALARM) / SHUFFLE_TESTS
    pairs = next(m for m in range(1, n // 2 + 2) if kept_pairs_bound(n, size, m) <= target)
    same = next(m for m in range(1, n // size + 2) if same_batches_bound(n, size, m) <= target)
    return pairs, same


def _agreements(epoch: list[np.ndarray], order: np.ndarray, batches: list[np.ndarray]) -> tuple[int, int]:
    """How many of the pairs (order[0], order[1]), (order[2], order[3]), ... share a batch of ``epoch``,
    and how many batches of ``epoch`` hold exactly the examples of one of ``batches``. Neither
    count depends on the order inside a batch of ``epoch``."""
    label = np.empty(order.size, dtype=np.int64)
    for j, batch in enumerate(epoch):
        label[batch] = j
    half = order.size // 2
    kept = int(np.sum(label[order[0:2 * half:2]] == label[order[1:2 * half:2]]))
    reference = {frozenset(b.tolist()) for b in batches}
    return kept, sum(frozenset(b.tolist()) in reference for b in epoch)


def _check_shuffled(name: str, epochs: list[list[np.ndarray]], n: int, size: int) -> None:
    """Each epoch's batches must look freshly drawn next to the original order, cut into batches, and
    to every earlier epoch: counts below :func:`shuffle_limits` (see FALSE_ALARM)."""
    pair_limit, same_limit = shuffle_limits(n, size)
    original = np.arange(n)
    references = [(original, [original[s:s + size] for s in range(0, n, size)])]
    references += [(np.concatenate(e), e) for e in epochs]
    for k, epoch in enumerate(epochs):
        for j, (order, batches) in enumerate(references[:k + 1]):
            kept, same = _agreements(epoch, order, batches)
            if kept < pair_limit and same < same_limit:
                continue
            what = "the original order" if j == 0 else f"epoch {j}"
            count = (f"{same} of its batches hold exactly the examples of a batch of {what}"
                     if same >= same_limit else
                     f"{kept} of the {n // 2} pairs of examples at positions (0, 1), (2, 3), ... of "
                     f"{what} share a batch again")
            limit = same_limit if same >= same_limit else pair_limit
            raise CheckFailed(
                f"{name}: epoch {k + 1} is barely shuffled: {count} (a fair shuffle, whatever the order "
                f"inside each batch, gives {limit} or more with probability at most 1e-12 / 72). Shuffle all the "
                "examples afresh every epoch, e.g. rng.permutation(n), then cut that order into batches."
            )


def _check_seeding(name: str, batches: Callable, n: int, size: int, case_seed: int,
                   epochs: list[list[np.ndarray]]) -> None:
    """The same seed must give the same epochs: the order comes from the rng argument."""
    again = np.random.default_rng(case_seed)
    repeat = [_epoch(name, batches, n, size, again) for _ in range(len(epochs))]
    if any(len(a) != len(b) or not all(np.array_equal(p, q) for p, q in zip(a, b))
           for a, b in zip(epochs, repeat)):
        raise CheckFailed(
            f"{name}: two generators with the same seed gave different epochs. Draw the random "
            "order from the rng argument (rng.permutation), not from np.random or a new generator."
        )


def _check_case(name: str, batches: Callable, n: int, size: int, case_seed: int, n_epochs: int) -> None:
    """The epochs of one (n, batch_size), each checked, then their shuffling and their seeding."""
    case_rng = np.random.default_rng(case_seed)
    epochs = [_epoch(name, batches, n, size, case_rng) for _ in range(n_epochs)]
    for epoch in epochs:
        _check_one_epoch(name, epoch, n, size)
    orders = [np.concatenate(e) for e in epochs]
    if all(np.array_equal(o, np.arange(n)) for o in orders):
        raise CheckFailed(f"{name}: the examples come in their original order 0, 1, 2, ...: shuffle them.")
    if all(np.array_equal(o, orders[0]) for o in orders):
        raise CheckFailed(
            f"{name}: every epoch has the same order. Draw a new random order each epoch, "
            "from the rng you are given."
        )
    contents = [sorted(tuple(sorted(b.tolist())) for b in e) for e in epochs]
    if all(c == contents[0] for c in contents):
        raise CheckFailed(
            f"{name}: the batches hold the same examples in every epoch; only their order changes. "
            "That is what shuffling the batch start positions (or only the order inside fixed "
            "blocks) does: shuffle all the examples, then cut that order into batches."
        )
    if n_epochs == SHUFFLE_EPOCHS:
        _check_shuffled(name, epochs, n, size)
    _check_seeding(name, batches, n, size, case_seed, epochs)


def check_minibatch_iterator(batches: Callable, *, seed: int | None = None) -> None:
    """Exercise 7.1: batches(n, batch_size, rng) yields one epoch of shuffled index batches.

    First a case of 100 to 200 examples over SHUFFLE_EPOCHS epochs, whose batches must look
    freshly shuffled (a fair shuffle, sorted inside its batches or not, fails with probability
    below FALSE_ALARM = 1e-12), then four small cases of 4 epochs each.
    """
    name = getattr(batches, "__name__", "batches")
    name = name if name.isidentifier() else "batches"
    name, rng, seed = start_check(name, batches, seed)
    n_epochs = 4
    cases = []
    for i in range(4):
        n = int(rng.integers(20, 61))
        size = int(rng.integers(3, n // 4 + 1))
        if i == 0:  # one case where batch_size divides n
            n = size * int(rng.integers(5, 9))
        elif n % size == 0:
            n += 1
        cases.append((n, size, int(rng.integers(2**32))))
    size = int(rng.integers(5, 21))  # the large case first, with batch_size dividing n
    large = size * int(rng.integers(-(-100 // size), 200 // size + 1))
    _check_case(name, batches, large, size, int(rng.integers(2**32)), SHUFFLE_EPOCHS)
    for n, size, case_seed in cases:
        _check_case(name, batches, n, size, case_seed, n_epochs)
    passed(name, f"right for {len(cases)} random sizes, {n_epochs} epochs each")


# ---------------------------------------------------------------- exercise 7.2: one epoch


def _epoch_reference(params: np.ndarray, x: np.ndarray, y: np.ndarray, batches: list[np.ndarray],
                     eta: float, mistake: str = "") -> np.ndarray:
    """One epoch of minibatch descent on the line, right (``mistake=""``) or with a named mistake."""
    p = params.copy()
    n = x.size
    used = batches[:-1] if mistake == "drop_last" and batches[-1].size < batches[0].size else batches
    if mistake in ("stale", "one_step"):
        grads = [line_gradient(p, x[b], y[b]) for b in used]
        if mistake == "stale":
            return p - eta * np.sum(grads, axis=0)
        return p - eta * np.mean(grads, axis=0)
    for b in used:
        xb, yb = x[b], y[b]
        if mistake == "full":
            g = line_gradient(p, x, y)
        elif mistake == "first_size":  # every batch averaged over batch_size
            g = line_gradient(p, xb, yb) * b.size / batches[0].size
        elif mistake == "slope_first":  # b's derivative taken at the new m
            m = p[0] - eta * line_gradient(p, xb, yb)[0]
            g = np.array([(p[0] - m) / eta, line_gradient(np.array([m, p[1]]), xb, yb)[1]])
        elif mistake == "residual":  # y - m x + b
            r = yb - p[0] * xb + p[1]
            g = np.array([np.mean(-2 * xb * r), np.mean(-2 * r)])
        else:
            g = line_gradient(p, xb, yb)
            g = {"sum": g * b.size, "over_n": g * b.size / n, "no_two": g / 2,
                 "uphill": -g}.get(mistake, g)
        p = p - eta * g
    return p


EPOCH_HINTS = {
    "uphill": "you stepped uphill: subtract the learning rate times the gradient.",
    "sum": "you summed the batch's gradients: the minibatch gradient is their mean "
           "(divide by the batch size).",
    "over_n": "you divided by n, the size of the data set: average over the batch, that is, "
              "divide by the number of examples in the batch.",
    "no_two": "the gradient is half as large as it should be: the derivative of a square brings "
              "down a factor of 2.",
    "stale": "every batch gradient was computed at the epoch's starting point: update the "
             "parameters after each batch, before computing the next gradient.",
    "one_step": "you took one step per epoch with the averaged gradient (that is full-batch "
                "descent): take one step per batch.",
    "full": "each step used the gradient of the whole data set: use only the batch's examples.",
    "residual": RESIDUAL_BRACKETS,
    "drop_last": "the last, smaller batch was skipped. Dropping it (drop_last) is a legitimate way "
                 "to form batches (section 7.1), but here the batches are given: take one step for "
                 "every batch in the list, the short one included.",
    "first_size": "the last, smaller batch was averaged over batch_size examples, which scales its "
                  "step by len(batch) / batch_size. That convention is legitimate too (section "
                  "7.1), but this exercise steps on each batch's mean: divide by the number of "
                  "examples it actually holds (len(batch)).",
    "slope_first": "the intercept's derivative was taken at the already-updated slope: compute "
                   "both partial derivatives at the same point, then update m and b together.",
}


def check_minibatch_epoch(minibatch_epoch: Callable, *, seed: int | None = None) -> None:
    """Exercise 7.2: minibatch_epoch(params, x, y, batches, learning_rate) runs one epoch on the line."""
    name, rng, seed = start_check("minibatch_epoch", minibatch_epoch, seed)
    rows, expected = [], []
    for _ in range(4):
        n = int(rng.integers(30, 61))
        size = int(rng.integers(4, 9))
        if n % size == 0:
            n += 1
        x = rng.uniform(-2.0, 2.0, size=n)
        y = rng.uniform(-3, 3) * x + rng.uniform(-3, 3) + rng.normal(0, 0.5, size=n)
        params = rng.uniform(-2.0, 2.0, size=2)
        order = rng.permutation(n)
        batches = [order[s:s + size] for s in range(0, n, size)]
        eta = float(rng.uniform(0.02, 0.08))
        rows.append((params, x, y, batches, eta))
        expected.append(_epoch_reference(params, x, y, batches, eta))
    got = []
    for params, x, y, batches, eta in rows:
        args = (params, x, y, batches, eta)
        got.append(as_numbers(name, call_on_copies(name, minibatch_epoch, *args, what="params, x, y or a batch",
                                                   example="p = params.copy() or p = p - eta * g"), args))
    mistakes = [Mistake(hint, np.array([_epoch_reference(*row, mistake=key) for row in rows]))
                for key, hint in EPOCH_HINTS.items()]
    conclude(
        name, "right on 4 random data sets", np.array(got), np.array(expected), mistakes, rtol=1e-9, atol=1e-9, seed=seed,
        fallback="the parameters after the epoch do not match one minibatch step per batch",
    )


# ---------------------------------------------------------------- exercise 7.3: gradient noise


def check_batch_noise(batch_noise: Callable, *, seed: int | None = None) -> None:
    """Exercise 7.3: batch_noise(sigma, n, batch_size): std of the mean of a batch drawn without replacement."""
    name, rng, seed = start_check("batch_noise", batch_noise, seed)
    n = rng.integers(10, 2000, size=10)
    size = np.array([rng.integers(1, k + 1) for k in n])
    size[0], size[1] = n[0] - 1, n[1]  # a batch of n - 1 and a full batch
    sigma = rng.uniform(0.1, 10.0, size=10)
    rows = [(float(s), int(k), int(b)) for s, k, b in zip(sigma, n, size)]
    got = evaluate(name, batch_noise, rows)
    base = sigma / np.sqrt(size)
    expected = base * np.sqrt((n - size) / (n - 1))
    conclude(
        name, "right for 10 random (sigma, n, batch_size)", got, expected,
        [
            Mistake("that is sigma / sqrt(batch_size), the law for independent draws: a batch of distinct "
             "examples carries a finite-population correction (a full batch has no noise at all).", base),
            Mistake("divide by the square root of the batch size, not by the batch size.",
             sigma / size * np.sqrt((n - size) / (n - 1))),
            Mistake("that is a variance: return the standard deviation (its square root).", expected**2),
            Mistake("almost: the correction divides by n - 1, not by n.", base * np.sqrt((n - size) / n)),
            Mistake("the correction goes under the square root.", base * (n - size) / (n - 1)),
        ],
        rtol=1e-9, atol=1e-12, seed=seed,
        fallback="the value is not the standard deviation of the mean of a batch drawn without replacement",
    )
