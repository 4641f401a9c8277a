"""Chapter 7's self-checks: right answers pass, each mistake gets its hint, near misses and stubs fail."""

import math
from fractions import Fraction
from itertools import permutations

import numpy as np
import pytest

from gdutils.checks import (
    CheckFailed,
    NotAttempted,
    check_batch_noise,
    check_minibatch_epoch,
    check_minibatch_iterator,
)
from check_cases import SEEDS, assert_never_passes, assert_not_attempted, right_and_mistake_tests


# ---------------------------------------------------------------- the iterator (exercise 7.1)


def batches_right(n, batch_size, rng):
    order = rng.permutation(n)
    for start in range(0, n, batch_size):
        yield order[start:start + batch_size]


def batches_as_list(n, batch_size, rng):
    order = np.arange(n)
    rng.shuffle(order)
    return [order[s:s + batch_size] for s in range(0, n, batch_size)]


def batches_shuffled_starts(n, batch_size, rng):
    # The tutorial mistake: the batches are always the same blocks, only their order changes.
    starts = np.arange(0, n, batch_size)
    rng.shuffle(starts)
    for s in starts:
        yield np.arange(s, min(s + batch_size, n))


def batches_shuffled_within_blocks(n, batch_size, rng):
    for s in range(0, n, batch_size):
        yield rng.permutation(np.arange(s, min(s + batch_size, n)))


def batches_drop_last(n, batch_size, rng):
    order = rng.permutation(n)
    for start in range(0, n - batch_size + 1, batch_size):
        yield order[start:start + batch_size]


def batches_with_replacement(n, batch_size, rng):
    draws = rng.integers(0, n, size=n)
    for start in range(0, n, batch_size):
        yield draws[start:start + batch_size]


def batches_in_order(n, batch_size, rng):
    for start in range(0, n, batch_size):
        yield np.arange(start, min(start + batch_size, n))


def batches_fixed_seed(n, batch_size, rng):
    order = np.random.default_rng(0).permutation(n)
    for start in range(0, n, batch_size):
        yield order[start:start + batch_size]


def batches_own_generator(n, batch_size, rng):
    order = np.random.default_rng().permutation(n)
    for start in range(0, n, batch_size):
        yield order[start:start + batch_size]


def batches_empty_tail(n, batch_size, rng):
    order = rng.permutation(n)
    for start in range(0, n + 1, batch_size):
        yield order[start:start + batch_size]


def batches_balanced(n, batch_size, rng):
    return np.array_split(rng.permutation(n), -(-n // batch_size))


def batches_floats(n, batch_size, rng):
    order = rng.permutation(n).astype(float)
    return [order[s:s + batch_size] for s in range(0, n, batch_size)]


# ---------------------------------------------------------------- one epoch (exercise 7.2)


def epoch_with(mean_over="batch", sign=1.0, two=2.0, residual="right", skip_last=False):
    def minibatch_epoch(params, x, y, batches, learning_rate):
        p = np.array(params, dtype=float)
        todo = batches[:-1] if skip_last and len(batches[-1]) < len(batches[0]) else batches
        for b in todo:
            xb, yb = x[b], y[b]
            r = yb - (p[0] * xb + p[1]) if residual == "right" else yb - p[0] * xb + p[1]
            g = np.array([np.sum(-two * xb * r), np.sum(-two * r)])
            g = g / {"batch": len(b), "n": len(x), "sum": 1}[mean_over]
            p = p - sign * learning_rate * g
        return p
    return minibatch_epoch


def epoch_over_batch_size(params, x, y, batches, learning_rate):
    p = np.array(params, dtype=float)
    size = len(batches[0])  # wrong for the last, smaller batch
    for b in batches:
        r = y[b] - (p[0] * x[b] + p[1])
        g = np.array([np.sum(-2 * x[b] * r), np.sum(-2 * r)]) / size
        p = p - learning_rate * g
    return p


def epoch_slope_first(params, x, y, batches, learning_rate):
    m, c = params
    for b in batches:
        m = m - learning_rate * np.mean(-2 * x[b] * (y[b] - (m * x[b] + c)))
        c = c - learning_rate * np.mean(-2 * (y[b] - (m * x[b] + c)))
    return np.array([m, c])


def epoch_in_place(params, x, y, batches, learning_rate):
    for b in batches:
        r = y[b] - (params[0] * x[b] + params[1])
        params -= learning_rate * np.array([np.mean(-2 * x[b] * r), np.mean(-2 * r)])
    return params


def epoch_stale(params, x, y, batches, learning_rate):
    p = np.array(params, dtype=float)
    for b in batches:
        r = y[b] - (params[0] * x[b] + params[1])  # always the starting point
        p = p - learning_rate * np.array([np.mean(-2 * x[b] * r), np.mean(-2 * r)])
    return p


def epoch_full_data(params, x, y, batches, learning_rate):
    p = np.array(params, dtype=float)
    for _ in batches:
        r = y - (p[0] * x + p[1])
        p = p - learning_rate * np.array([np.mean(-2 * x * r), np.mean(-2 * r)])
    return p


def epoch_via_design_matrix(params, x, y, batches, learning_rate):
    # A different, vectorised way to the same answer.
    X = np.column_stack([x, np.ones_like(x)])
    p = np.asarray(params, dtype=float)
    for b in batches:
        p = p - learning_rate * 2 / len(b) * X[b].T @ (X[b] @ p - y[b])
    return p


# ---------------------------------------------------------------- gradient noise (exercise 7.3)


def noise_right(sigma, n, batch_size):
    return sigma / np.sqrt(batch_size) * np.sqrt((n - batch_size) / (n - 1))


RIGHT = [
    (check_minibatch_iterator, batches_right),
    (check_minibatch_iterator, batches_as_list),
    (check_minibatch_epoch, epoch_with()),
    (check_minibatch_epoch, epoch_via_design_matrix),
    (check_batch_noise, noise_right),
    (check_batch_noise, lambda s, n, b: float(np.sqrt(s * s * (n - b) / (b * (n - 1))))),
]


def test_right_answers_pass_with_fresh_random_data(capsys):
    for _ in range(10):
        check_minibatch_iterator(batches_right)
        check_minibatch_epoch(epoch_with())
        check_batch_noise(noise_right)
    assert capsys.readouterr().out.count("checks passed") == 30


MISTAKES = [
    (check_minibatch_iterator, batches_shuffled_starts, "shuffling the batch start positions"),
    (check_minibatch_iterator, batches_shuffled_within_blocks, "same examples in every epoch"),
    (check_minibatch_iterator, batches_drop_last, "last partial batch was dropped"),
    (check_minibatch_iterator, batches_with_replacement, "more than once"),
    (check_minibatch_iterator, batches_in_order, "original order"),
    (check_minibatch_iterator, batches_fixed_seed, "same order"),
    (check_minibatch_iterator, batches_own_generator, "from the rng argument"),
    (check_minibatch_iterator, batches_empty_tail, "empty batch"),
    (check_minibatch_iterator, batches_balanced, "wrong batch sizes"),
    (check_minibatch_iterator, batches_floats, "integer indices"),
    (check_minibatch_iterator, lambda n, b, rng: None, "raised TypeError"),
    (check_minibatch_epoch, epoch_with(sign=-1.0), "stepped uphill"),
    (check_minibatch_epoch, epoch_with(mean_over="sum"), "summed"),
    (check_minibatch_epoch, epoch_with(mean_over="n"), "divided by n"),
    (check_minibatch_epoch, epoch_with(two=1.0), "factor of 2"),
    (check_minibatch_epoch, epoch_with(residual="tutorial"), "with brackets"),
    (check_minibatch_epoch, epoch_with(skip_last=True), "smaller batch was skipped. Dropping it (drop_last)"),
    (check_minibatch_epoch, epoch_stale, "starting point"),
    (check_minibatch_epoch, epoch_over_batch_size, "convention is legitimate too"),
    (check_minibatch_epoch, epoch_slope_first, "already-updated slope"),
    (check_minibatch_epoch, epoch_full_data, "whole data set"),
    (check_minibatch_epoch, epoch_in_place, "changes an array it was given (params, x, y"),
    (check_minibatch_epoch, lambda p, x, y, b, eta: p[0], "wrong shape"),
    (check_minibatch_epoch, lambda p, x, y, b, eta: None, "returned None"),
    (check_batch_noise, lambda s, n, b: s / np.sqrt(b), "finite-population correction"),
    (check_batch_noise, lambda s, n, b: s / b * np.sqrt((n - b) / (n - 1)), "not by the batch size"),
    (check_batch_noise, lambda s, n, b: noise_right(s, n, b) ** 2, "variance"),
    (check_batch_noise, lambda s, n, b: s / np.sqrt(b) * np.sqrt((n - b) / n), "n - 1"),
]


test_right_answers_pass_on_many_seeds, test_each_common_mistake_gets_its_hint = right_and_mistake_tests(
    RIGHT, MISTAKES, SEEDS)


@pytest.mark.parametrize("check", sorted({c for c, _ in RIGHT}, key=lambda c: c.__name__))
def test_a_stub_is_reported_as_not_attempted(check):
    assert_not_attempted(check)


def test_a_generator_stub_is_reported_as_not_attempted():
    def batches(n, batch_size, rng):
        raise NotImplementedError()
        yield  # a generator: the stub only runs when iterated

    with pytest.raises(NotAttempted):
        check_minibatch_iterator(batches)


@pytest.mark.parametrize(
    "check, answer",
    [
        (check_minibatch_iterator, batches_shuffled_starts),
        (check_minibatch_iterator, batches_drop_last),
        (check_minibatch_epoch, epoch_with(skip_last=True)),
        (check_minibatch_epoch, epoch_with(mean_over="n")),
        (check_batch_noise, lambda s, n, b: s / np.sqrt(b) * np.sqrt((n - b) / n)),
        (check_batch_noise, lambda s, n, b: s / np.sqrt(b)),
    ],
)
def test_near_miss_answers_never_pass(check, answer):
    assert_never_passes(check, answer, range(200))


def test_hard_coded_answers_fail():
    # An epoch copied from one data set, or a fixed noise level, cannot match fresh data.
    with pytest.raises(CheckFailed, match="seed=3"):
        check_minibatch_epoch(lambda p, x, y, b, eta: np.array([1.0, 2.0]), seed=3)
    with pytest.raises(CheckFailed, match="seed=3"):
        check_batch_noise(lambda s, n, b: 0.5, seed=3)

    def fixed_epoch(n, batch_size, rng):  # one memorised shuffle of 40 examples in batches of 7
        order = np.random.default_rng(1).permutation(40)
        return [order[s:s + 7] for s in range(0, 40, 7)]

    with pytest.raises(CheckFailed):
        check_minibatch_iterator(fixed_epoch, seed=3)


def test_iterator_check_reproduces_with_a_seed(capsys):
    check_minibatch_iterator(batches_right, seed=11)
    check_minibatch_iterator(batches_right, seed=11)
    first, second = capsys.readouterr().out.splitlines()
    assert first == second


# ---- a real shuffle, tested statistically (issue 11, defect 4)


def batches_swap_two(n, batch_size, rng):
    """Barely shuffled: the original order with two random examples swapped."""
    order = np.arange(n)
    i, j = rng.choice(n, size=2, replace=False)
    order[[i, j]] = order[[j, i]]
    for start in range(0, n, batch_size):
        yield order[start:start + batch_size]


def batches_swap_two_more_each_epoch():
    """Barely shuffled: keeps its order from call to call and swaps two more examples each time."""
    state = {}

    def batches(n, batch_size, rng):
        order = state.setdefault(n, np.arange(n))
        i, j = rng.choice(n, size=2, replace=False)
        order[[i, j]] = order[[j, i]]
        return [order[s:s + batch_size].copy() for s in range(0, n, batch_size)]
    return batches


def batches_first_half(n, batch_size, rng):
    """Shuffles only the first half of the examples."""
    order = np.concatenate([rng.permutation(n // 2), np.arange(n // 2, n)])
    for start in range(0, n, batch_size):
        yield order[start:start + batch_size]


def batches_rotated(n, batch_size, rng):
    """The original order started at a random place: every neighbour stays a neighbour."""
    order = np.roll(np.arange(n), int(rng.integers(n)))
    for start in range(0, n, batch_size):
        yield order[start:start + batch_size]


@pytest.mark.parametrize("answer", [batches_swap_two, batches_swap_two_more_each_epoch(), batches_first_half,
                                    batches_rotated])
def test_an_iterator_that_barely_shuffles_never_passes(answer):
    for seed in range(40):
        with pytest.raises(CheckFailed, match="barely shuffled") as info:
            check_minibatch_iterator(answer, seed=seed)
        assert "rng.permutation(n)" in str(info.value)


def batches_sorted_within(n, batch_size, rng):
    """Right: a fresh permutation, each batch sorted (as h5py wants); the batch mean does not care."""
    order = rng.permutation(n)
    for start in range(0, n, batch_size):
        yield np.sort(order[start:start + batch_size])


def batches_reversed_within(n, batch_size, rng):
    order = rng.permutation(n)
    return [np.sort(order[s:s + batch_size])[::-1] for s in range(0, n, batch_size)]


@pytest.mark.parametrize("answer", [batches_sorted_within, batches_reversed_within])
def test_a_shuffle_sorted_inside_each_batch_passes(answer, capsys):
    # before the shuffle test ignored the order inside a batch, 37 of these 60 seeds refused it
    for seed in range(60):
        check_minibatch_iterator(answer, seed=seed)
    assert capsys.readouterr().out.count("checks passed") == 60


def _all_cuts(n, size):
    """Every order of n examples, as (order, batches as a list of arrays)."""
    for perm in permutations(range(n)):
        order = np.array(perm)
        yield order, [order[s:s + size] for s in range(0, n, size)]


@pytest.mark.parametrize("n, size", [(6, 2), (6, 3), (8, 2), (8, 4)])
def test_the_shuffle_bounds_hold_against_every_order(n, size):
    from gdutils.checks import minibatch

    rng = np.random.default_rng(0)
    reference = rng.permutation(n)  # any fixed order and cut will do
    ref_batches = [reference[s:s + size] for s in range(0, n, size)]
    counts = [minibatch._agreements(batches, reference, ref_batches) for _, batches in _all_cuts(n, size)]
    kept, same = np.array(counts).T
    for m in range(1, n // 2 + 1):
        assert Fraction(int(np.sum(kept >= m)), kept.size) <= minibatch.kept_pairs_bound(n, size, m)
    for m in range(1, n // size + 1):
        assert Fraction(int(np.sum(same >= m)), same.size) <= minibatch.same_batches_bound(n, size, m)
    # one pair, one batch: closed forms. A given pair shares a batch with chance (B - 1) / (n - 1),
    # checked by counting; a given batch is one of the C(n, B) sets, matched in k^2 ways.
    first = np.mean([any(set(reference[:2].tolist()) <= set(b.tolist()) for b in batches)
                     for _, batches in _all_cuts(n, size)])
    assert math.isclose(first, (size - 1) / (n - 1))
    assert minibatch.kept_pairs_bound(n, size, 1) == Fraction(n // 2 * (size - 1), n - 1)
    assert minibatch.same_batches_bound(n, size, 1) == Fraction((n // size) ** 2, math.comb(n, size))


def test_a_fair_shuffle_fails_the_shuffle_test_with_probability_below_1e_12(capsys):
    from gdutils.checks import minibatch

    # the stated bound: 8 epochs, each against the original order and every earlier one, 2 counts each
    assert minibatch.SHUFFLE_EPOCHS == 8 and minibatch.SHUFFLE_TESTS == 2 * (8 + 8 * 7 // 2) == 72
    assert minibatch.FALSE_ALARM == 1e-12
    target = Fraction(1e-12) / 72
    for n, size in [(100, 5), (200, 5), (100, 20), (200, 20), (119, 7)]:
        pairs, same = minibatch.shuffle_limits(n, size)
        assert minibatch.kept_pairs_bound(n, size, pairs) <= target < minibatch.kept_pairs_bound(n, size, pairs - 1)
        assert minibatch.same_batches_bound(n, size, same) <= target
        assert same == 1 or minibatch.same_batches_bound(n, size, same - 1) > target
        # a rotated order keeps n // 2 - n // size pairs or more: well above the limit
        assert pairs < 0.85 * (n // 2 - n // size)
    # the reference iterator over many seeds: never refused
    for seed in range(200):
        check_minibatch_iterator(batches_right, seed=seed)
    assert capsys.readouterr().out.count("checks passed") == 200
    # and far from the limits: over 2,000 pairs of random epochs of 150 examples in batches of 10
    # (limits 29 and 2), the counts stay near their means, 75 * 9 / 149 = 4.5 kept pairs and 0 batches
    rng = np.random.default_rng(7)
    cut = lambda order: [order[s:s + 10] for s in range(0, 150, 10)]  # noqa: E731
    counts = np.array([minibatch._agreements(cut(rng.permutation(150)), order, cut(order))
                       for order in (rng.permutation(150) for _ in range(2000))])
    assert minibatch.shuffle_limits(150, 10) == (29, 2)
    assert abs(counts[:, 0].mean() - 75 * 9 / 149) < 0.2 and counts[:, 0].max() < 15 and counts[:, 1].max() == 0
