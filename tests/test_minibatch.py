"""gdutils.minibatch: every index once per epoch, real shuffling, partial batches, clear errors."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gdutils.minibatch import minibatches, n_batches_per_epoch, sample_with_replacement


def test_every_index_exactly_once_with_a_partial_last_batch():
    batches = list(minibatches(10, 4, rng=np.random.default_rng(0)))
    assert [b.size for b in batches] == [4, 4, 2]
    assert sorted(np.concatenate(batches).tolist()) == list(range(10))


def test_in_order_without_rng():
    batches = list(minibatches(7, 3, rng=None, shuffle=False))
    assert [b.tolist() for b in batches] == [[0, 1, 2], [3, 4, 5], [6]]


def test_examples_are_mixed_not_just_the_batch_starts():
    # Shuffling only the start positions would keep runs such as [4, 5, 6, 7] together.
    # With real shuffling, consecutive indices inside a batch are rare.
    batches = list(minibatches(1000, 10, rng=np.random.default_rng(1)))
    runs = sum(int(np.all(np.diff(b) == 1)) for b in batches)
    assert runs == 0
    starts = [int(b[0]) for b in batches]
    assert starts != sorted(starts)


def test_each_epoch_is_shuffled_differently_and_reproducibly():
    rng = np.random.default_rng(2)
    first = np.concatenate(list(minibatches(50, 8, rng=rng)))
    second = np.concatenate(list(minibatches(50, 8, rng=rng)))
    assert not np.array_equal(first, second)
    again = np.random.default_rng(2)
    np.testing.assert_array_equal(np.concatenate(list(minibatches(50, 8, rng=again))), first)
    # the order is exactly one permutation from the generator (an independent reference)
    np.testing.assert_array_equal(first, np.random.default_rng(2).permutation(50))


@settings(max_examples=60, deadline=None)
@given(n=st.integers(1, 300), data=st.data(), seed=st.integers(0, 2**32 - 1), shuffle=st.booleans())
def test_property_partition_of_range(n, data, seed, shuffle):
    bs = data.draw(st.integers(1, n))
    batches = list(minibatches(n, bs, rng=np.random.default_rng(seed), shuffle=shuffle))
    assert len(batches) == -(-n // bs) == n_batches_per_epoch(n, bs)
    assert all(b.size == bs for b in batches[:-1])
    assert batches[-1].size == (n % bs or bs)
    joined = np.concatenate(batches)
    np.testing.assert_array_equal(np.sort(joined), np.arange(n))
    if not shuffle:
        np.testing.assert_array_equal(joined, np.arange(n))


def test_sample_with_replacement_shapes_range_and_repeats():
    batches = list(sample_with_replacement(1000, 10, 100, rng=np.random.default_rng(3)))
    assert len(batches) == 100 and all(b.shape == (10,) for b in batches)
    drawn = np.concatenate(batches)
    assert drawn.min() >= 0 and drawn.max() < 1000
    distinct = np.unique(drawn).size
    # 1000 draws from 1000 with replacement: about 1 - 1/e = 63% distinct, never all
    assert 560 < distinct < 700
    np.testing.assert_array_equal(drawn, np.random.default_rng(3).integers(0, 1000, size=1000))


@pytest.mark.parametrize(
    ("args", "kwargs", "error", "text"),
    [
        ((10, 0), {"rng": np.random.default_rng(0)}, ValueError, "batch_size must be >= 1"),
        ((10, 11), {"rng": np.random.default_rng(0)}, ValueError, r"between 1 and n = 10 \(the number of examples\), got 11"),
        ((0, 1), {"rng": np.random.default_rng(0)}, ValueError, "n must be >= 1"),
        ((10, 2.0), {"rng": np.random.default_rng(0)}, TypeError, "batch_size must be a whole number"),
        ((10, 2), {"rng": None}, TypeError, "rng is required when shuffle=True"),
        ((10, 2), {"rng": 0}, TypeError, "rng must be a numpy Generator"),
        ((10, 2), {"rng": None, "shuffle": "yes"}, TypeError, "shuffle must be True or False"),
    ],
)
def test_bad_arguments_are_reported_at_the_call(args, kwargs, error, text):
    with pytest.raises(error, match=text):
        minibatches(*args, **kwargs)


def test_sample_with_replacement_bad_arguments():
    with pytest.raises(TypeError, match="rng is required"):
        sample_with_replacement(10, 2, 3, rng=None)
    with pytest.raises(ValueError, match="between 1 and n = 10"):
        sample_with_replacement(10, 20, 3, rng=np.random.default_rng(0))
    with pytest.raises(ValueError, match="n_batches must be >= 0"):
        sample_with_replacement(10, 2, -1, rng=np.random.default_rng(0))
