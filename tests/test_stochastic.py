"""gdutils.stochastic: noise, coverage and per-update paths against independent references."""

import itertools

import numpy as np
import pytest

from gdutils import fit_linear, mse_gradient
from gdutils.stochastic import (
    best_time,
    epoch_time_parts,
    measured_spread,
    missed_per_epoch,
    per_example_gradients,
    predicted_spread,
    sgd_updates,
)


def data(n=12, seed=0):
    rng = np.random.default_rng(seed)
    x = rng.uniform(-2, 2, size=n)
    return x, 1.5 * x - 0.5 + rng.normal(0, 0.3, size=n)


def test_per_example_gradients_by_hand_and_their_mean():
    x, y = data()
    p = np.array([0.7, 0.2])
    G = per_example_gradients(p, x, y)
    r = y - (p[0] * x + p[1])
    np.testing.assert_allclose(G, np.column_stack([-2 * x * r, -2 * r]), rtol=1e-13)
    np.testing.assert_allclose(G.mean(axis=0), mse_gradient(p, x, y), rtol=1e-12)


@pytest.mark.parametrize("n, size", [(7, 1), (7, 3), (8, 5), (6, 6)])
def test_predicted_spread_equals_the_average_over_every_possible_batch(n, size):
    # The reference enumerates all C(n, B) batches, each equally likely under shuffling.
    x, y = data(n, seed=n + size)
    p = np.array([0.3, -1.0])
    full = mse_gradient(p, x, y)
    squares = [np.sum((mse_gradient(p, x[list(b)], y[list(b)]) - full) ** 2)
               for b in itertools.combinations(range(n), size)]
    assert predicted_spread(p, x, y, size) == pytest.approx(np.sqrt(np.mean(squares)), rel=1e-10, abs=1e-12)


def test_measured_spread_approaches_the_prediction_and_vanishes_for_a_full_batch():
    x, y = data(40, seed=3)
    p = np.array([0.0, 0.0])
    rng = np.random.default_rng(4)
    for size in (1, 4, 10):
        measured = measured_spread(p, x, y, size, epochs=400, rng=rng)
        assert measured == pytest.approx(predicted_spread(p, x, y, size), rel=0.05)
    assert measured_spread(p, x, y, 40, epochs=3, rng=rng) < 1e-12


def test_missed_per_epoch_matches_the_closed_form():
    rng = np.random.default_rng(5)
    missed = missed_per_epoch(50, epochs=4000, rng=rng)
    assert np.all((missed >= 0) & (missed < 1))
    assert missed.mean() == pytest.approx((1 - 1 / 50) ** 50, abs=4 * missed.std() / np.sqrt(4000))
    assert np.all(missed_per_epoch(1, epochs=5, rng=rng) == 0.0)
    # reproducible with a seed
    np.testing.assert_array_equal(missed_per_epoch(9, epochs=20, rng=np.random.default_rng(1)),
                                  missed_per_epoch(9, epochs=20, rng=np.random.default_rng(1)))


def test_sgd_updates_follow_the_single_example_update_and_fit_linear():
    x, y = data(15, seed=6)
    start = np.array([0.5, 0.5])
    kept = start.copy()
    order = np.random.default_rng(7).permutation(15)
    path = sgd_updates(x, y, start, 0.05, order)
    assert path.shape == (16, 2)
    np.testing.assert_array_equal(start, kept)
    np.testing.assert_array_equal(path[0], start)
    m, b = start
    for k, i in enumerate(order, start=1):  # the update written out by hand
        r = y[i] - (m * x[i] + b)
        m, b = m + 0.05 * 2 * x[i] * r, b + 0.05 * 2 * r
        np.testing.assert_allclose(path[k], [m, b], rtol=1e-12)
    run = fit_linear(x, y, learning_rate=0.05, epochs=1, batch_size=1, sampling="in_order", params0=start)
    np.testing.assert_allclose(sgd_updates(x, y, start, 0.05, np.arange(15))[-1], run.params, rtol=1e-12)


def test_sgd_updates_stop_cleanly_when_the_params_overflow():
    x = np.array([1e150, -1e150, 1e150])
    y = np.zeros(3)
    path = sgd_updates(x, y, [1.0, 0.0], 1.0, np.array([0, 1, 2, 0, 1, 2]))  # no warning escapes
    assert np.all(np.isfinite(path)) and path.shape[0] < 7


def test_best_time_calls_the_function_repeat_times_number():
    calls = []
    t = best_time(lambda: calls.append(1), repeat=3, number=4)
    assert len(calls) == 12 and t >= 0


def test_epoch_time_parts_reports_every_part():
    rng = np.random.default_rng(8)
    X = rng.normal(size=(300, 3))
    parts = epoch_time_parts(X, X @ [1.0, 2.0, 3.0], 32, rng=rng, repeat=1)
    assert set(parts) == {"full gradient", "shuffle", "gather", "batch gradients", "python loop",
                          "fancy per batch"}
    assert all(t >= 0 for t in parts.values())


def test_epoch_time_parts_times_the_pieces_fit_linear_is_made_of(monkeypatch):
    import gdutils.stochastic as stochastic
    from gdutils import fit_linear
    from gdutils.optimizers import GradientDescent
    from gdutils.epoch import batch_steps, epoch_order, epoch_steps
    from gdutils.regression import design_matrix

    rng = np.random.default_rng(9)
    X = rng.normal(size=(5000, 4))  # more rows than one chunk, and a last partial batch
    y = X @ [1.0, -2.0, 0.5, 3.0] + 0.25
    fit = fit_linear(X, y, learning_rate=0.01, epochs=1, batch_size=64, rng=np.random.default_rng(1))
    order = epoch_order(5000, 64, "shuffle", np.random.default_rng(1))  # the permutation fit_linear drew
    p = np.zeros(5)
    steps = epoch_steps(X, y, p, 64, GradientDescent(0.01), 0, order)
    np.testing.assert_array_equal(p, fit.params)  # the same arithmetic, bit for bit
    assert steps == fit.n_steps == 79
    q = np.zeros(5)  # what epoch_time_parts times as "batch gradients": the rows gathered at once
    batch_steps(design_matrix(X)[order], y[order], q, 64, GradientDescent(0.01), 0)
    np.testing.assert_array_equal(q, p)

    called = []
    for name in ("epoch_order", "epoch_chunks", "batch_steps"):
        real = getattr(stochastic, name)
        monkeypatch.setattr(stochastic, name, lambda *a, _real=real, _name=name, **k: called.append(_name) or _real(*a, **k))
    stochastic.epoch_time_parts(X, y, 64, rng=rng, repeat=1)
    assert {"epoch_order", "epoch_chunks", "batch_steps"} <= set(called)


@pytest.mark.parametrize(
    "call, error, text",
    [
        (lambda: predicted_spread([0.0, 0.0], [1.0, 2.0], [1.0, 2.0], 3), ValueError, "batch_size"),
        (lambda: predicted_spread([0.0], [1.0, 2.0], [1.0, 2.0], 1), ValueError, "params"),
        (lambda: missed_per_epoch(0, epochs=1, rng=np.random.default_rng()), ValueError, "n must be"),
        (lambda: missed_per_epoch(5, epochs=1, rng=3), TypeError, "rng"),
        (lambda: sgd_updates([1.0], [1.0], [0.0, 0.0], 0.1, [0.5]), TypeError, "integer indices"),
        (lambda: sgd_updates([1.0], [1.0], [0.0, 0.0], 0.1, np.array([1])), ValueError, "indices in 0"),
        (lambda: sgd_updates([1.0], [1.0], [0.0, 0.0], -0.1, np.array([0])), ValueError, "learning_rate"),
        (lambda: epoch_time_parts([[1.0]], [1.0], 2, rng=np.random.default_rng()), ValueError, "batch_size"),
        (lambda: best_time(3), TypeError, "func"),
    ],
)
def test_bad_inputs(call, error, text):
    with pytest.raises(error, match=text):
        call()
