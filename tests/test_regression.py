"""gdutils.regression against finite differences, an explicit loop and the least-squares solution."""

import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gdutils import numerical_gradient
from gdutils.minibatch import minibatches, sample_with_replacement
from gdutils.regression import (
    LinearFitResult,
    closed_form,
    design_matrix,
    fit_linear,
    mse,
    mse_gradient,
    mse_gradient_loop,
    standardise,
    to_original_scale,
)

X_REF = np.arange(-50.0, 50.0)
Y_REF = 30.0 * X_REF + 7.0


def _noisy(seed, n=200, d=3):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, d))
    w = rng.normal(size=d)
    y = X @ w + 0.5 + 0.1 * rng.normal(size=n)
    return X, y


def test_design_matrix_appends_ones():
    A = design_matrix([1.0, 2.0, 3.0])
    np.testing.assert_array_equal(A, [[1, 1], [2, 1], [3, 1]])
    A2 = design_matrix(np.array([[1.0, 2.0], [3.0, 4.0]]))
    np.testing.assert_array_equal(A2, [[1, 2, 1], [3, 4, 1]])


def test_mse_by_hand():
    # y = 2x + 1 exactly at x = 0, 1; with (m, b) = (1, 1) the residuals are 0 and 1
    assert mse([1.0, 1.0], [0.0, 1.0], [1.0, 3.0]) == pytest.approx(0.5)
    assert mse([2.0, 1.0], [0.0, 1.0], [1.0, 3.0]) == 0.0


def test_gradient_by_hand_chain_rule():
    # dMSE/dm = (1/n) sum -2 x (y - (m x + b)), dMSE/db = (1/n) sum -2 (y - (m x + b))
    x, y = np.array([1.0, 2.0]), np.array([3.0, 1.0])
    m, b = 0.5, 1.0
    res = y - (m * x + b)  # [1.5, -1.0]
    expected = [np.mean(-2 * x * res), np.mean(-2 * res)]
    np.testing.assert_allclose(mse_gradient([m, b], x, y), expected, rtol=1e-15)
    # the popular mistake y - m x + b gives a different answer
    wrong = y - m * x + b
    assert not np.allclose(expected, [np.mean(-2 * x * wrong), np.mean(-2 * wrong)])


@pytest.mark.parametrize("seed", range(5))
def test_gradient_against_central_differences_and_the_loop(seed):
    X, y = _noisy(seed, n=60, d=seed % 3 + 1)
    p = np.random.default_rng(100 + seed).normal(size=X.shape[1] + 1)
    g = mse_gradient(p, X, y)
    # the MSE is quadratic, so the central difference is exact up to rounding
    g_fd = numerical_gradient(lambda q: mse(q, X, y), p, 1e-3)
    np.testing.assert_allclose(g, g_fd, rtol=1e-7, atol=1e-9)
    np.testing.assert_allclose(g, mse_gradient_loop(p, X, y), rtol=1e-11, atol=1e-12)


def test_gradient_against_complex_step():
    X, y = _noisy(7, n=40, d=2)
    p = np.array([0.3, -1.2, 2.0])
    A = design_matrix(X)

    def loss_c(q):  # MSE written out independently, analytic in q
        r = y - A @ q
        return np.sum(r * r) / y.size

    h = 1e-30
    g_cs = np.array([loss_c(p + 1j * h * e).imag / h for e in np.eye(3)])
    np.testing.assert_allclose(mse_gradient(p, X, y), g_cs, rtol=1e-13, atol=1e-13)


def test_one_feature_1d_and_2d_agree():
    p = [1.5, -2.0]
    assert mse(p, X_REF, Y_REF) == mse(p, X_REF[:, None], Y_REF)
    np.testing.assert_array_equal(mse_gradient(p, X_REF, Y_REF), mse_gradient(p, X_REF[:, None], Y_REF))


def test_brief_reference_run_full_batch():
    # Content brief, chapter 6: eta 0.001, 5000 epochs; the slope settles at once, the intercept creeps.
    p0 = np.random.default_rng(0).uniform(-1, 1, size=2)
    fit = fit_linear(X_REF, Y_REF, learning_rate=0.001, epochs=5000, params0=p0)
    assert isinstance(fit, LinearFitResult)
    assert fit.path.shape == (5001, 2) and fit.losses.shape == (5001,)
    assert fit.n_epochs == fit.n_steps == 5000 and not fit.diverged
    np.testing.assert_array_equal(fit.path[0], p0)
    assert abs(fit.path[50, 0] - 30) < 0.01
    assert 4 < fit.path[500, 1] < 5
    # the exact gradient-descent recurrence on the MSE, p <- p - eta (2/n) A^T (A p - y), in closed form:
    # p_k - p* = (I - eta H)^k (p_0 - p*), with H = (2/n) A^T A and p* = (30, 7)
    A = np.column_stack([X_REF, np.ones(X_REF.size)])
    M = np.eye(2) - 0.001 * (2 / X_REF.size) * A.T @ A
    np.testing.assert_allclose(fit.path[5000] - [30, 7], np.linalg.matrix_power(M, 5000) @ (p0 - [30, 7]),
                               rtol=1e-6, atol=1e-10)
    assert fit.losses[-1] == pytest.approx(mse(fit.params, X_REF, Y_REF), rel=1e-12)
    # independent check of the loss history
    for e in (0, 1, 500, 5000):
        assert fit.losses[e] == pytest.approx(np.mean((Y_REF - (fit.path[e, 0] * X_REF + fit.path[e, 1])) ** 2))


def test_full_batch_matches_a_plain_update_loop():
    X, y = _noisy(3)
    p = np.zeros(4)
    for _ in range(30):
        p = p - 0.05 * mse_gradient_loop(p, X, y)
    fit = fit_linear(X, y, learning_rate=0.05, epochs=30)
    np.testing.assert_allclose(fit.params, p, rtol=1e-12, atol=1e-14)


@pytest.mark.parametrize("seed", range(4))
def test_fit_converges_to_least_squares(seed):
    X, y = _noisy(seed)
    fit = fit_linear(X, y, learning_rate=0.1, epochs=500)
    reference = np.linalg.lstsq(np.column_stack([X, np.ones(len(y))]), y, rcond=None)[0]
    np.testing.assert_allclose(fit.params, reference, rtol=1e-9, atol=1e-10)
    np.testing.assert_allclose(closed_form(X, y), reference, rtol=1e-12)


def test_minibatch_fit_follows_the_minibatches_iterator():
    # The fit's shuffled epochs are exactly minibatches(n, bs, rng=...) with the same generator.
    X, y = _noisy(4, n=53, d=2)
    fit = fit_linear(X, y, learning_rate=0.02, epochs=3, batch_size=8, rng=np.random.default_rng(9))
    rng = np.random.default_rng(9)
    p = np.zeros(3)
    for _ in range(3):
        for idx in minibatches(53, 8, rng=rng):
            p = p - 0.02 * mse_gradient_loop(p, X[idx], y[idx])
    np.testing.assert_allclose(fit.params, p, rtol=1e-12, atol=1e-14)
    assert fit.n_steps == 3 * 7


def test_with_replacement_follows_the_sampler():
    X, y = _noisy(5, n=30, d=1)
    fit = fit_linear(X, y, learning_rate=0.01, epochs=2, batch_size=4, rng=np.random.default_rng(2),
                     sampling="with_replacement")
    rng = np.random.default_rng(2)
    p = np.zeros(2)
    for _ in range(2):
        for idx in sample_with_replacement(30, 4, 8, rng=rng):
            p = p - 0.01 * mse_gradient_loop(p, X[idx], y[idx])
    np.testing.assert_allclose(fit.params, p, rtol=1e-12, atol=1e-14)


def test_in_order_sgd_and_schedule():
    # Content brief, chapter 8: batch 1, eta 0.001, in-order passes reach (30, 7) by about epoch 500.
    fit = fit_linear(X_REF, Y_REF, learning_rate=0.001, epochs=500, batch_size=1, sampling="in_order")
    np.testing.assert_allclose(fit.params, [30, 7], atol=1e-6)
    steps = []

    def schedule(k):
        steps.append(k)
        return 0.001

    again = fit_linear(X_REF, Y_REF, learning_rate=schedule, epochs=3, batch_size=1, sampling="in_order")
    assert steps == list(range(300))
    np.testing.assert_array_equal(again.path, fit.path[:4])


def _plain_minibatch_loop(X, y, eta, epochs, batch_size, sampling, rng):
    """The minibatch epochs written the straightforward way: index the batch, step, record."""
    n = y.size
    A = np.column_stack([X, np.ones(n)])
    p = np.zeros(A.shape[1])
    path, losses = [p.copy()], [float(y @ y) / n]
    for _ in range(epochs):
        if sampling == "shuffle":
            order = rng.permutation(n)
        elif sampling == "in_order":
            order = np.arange(n)
        else:
            order = rng.integers(0, n, size=(-(-n // batch_size), batch_size)).ravel()
        for start in range(0, order.size, batch_size):
            idx = order[start:start + batch_size]
            r = np.dot(A[idx], p) - y[idx]
            p = p - eta * (2.0 / idx.size) * np.dot(r, A[idx])
        r = np.dot(X, p[:-1]) + p[-1] - y
        path.append(p.copy())
        losses.append(float(r @ r) / n)
    return np.array(path), np.array(losses)


@pytest.mark.parametrize("sampling", ["shuffle", "in_order", "with_replacement"])
@pytest.mark.parametrize("n, d, batch_size", [(9000, 4, 64), (700, 1, 1), (777, 3, 100), (300, 2, 5000)])
@pytest.mark.parametrize("schedule, layout", [(False, "C"), (True, "C"), (False, "F")])
def test_minibatch_fit_is_bit_for_bit_a_plain_loop(n, d, batch_size, sampling, schedule, layout):
    # fit_linear's chunks, buffers and in-place updates change no bit of the plain loop's results,
    # through the fixed-rate update and through an optimizer's apply (a schedule) alike, and
    # for features stored column by column (Fortran order) too.
    X, y = _noisy(n, n=n, d=d)
    X = np.asarray(X, order=layout)
    bs = min(batch_size, n)
    rate = (lambda k: 0.01) if schedule else 0.01
    fit = fit_linear(X, y, learning_rate=rate, epochs=2, batch_size=bs, rng=np.random.default_rng(4),
                     sampling=sampling)
    path, losses = _plain_minibatch_loop(X, y, 0.01, 2, bs, sampling, np.random.default_rng(4))
    np.testing.assert_array_equal(fit.path, path)
    np.testing.assert_array_equal(fit.losses, losses)


def test_reproducible_bit_for_bit_and_inputs_untouched():
    X, y = _noisy(6)
    X0, y0, p0 = X.copy(), y.copy(), np.ones(4)
    a = fit_linear(X, y, learning_rate=0.05, epochs=5, batch_size=16, rng=np.random.default_rng(3), params0=p0)
    b = fit_linear(X, y, learning_rate=0.05, epochs=5, batch_size=16, rng=np.random.default_rng(3), params0=p0)
    np.testing.assert_array_equal(a.path, b.path)
    np.testing.assert_array_equal(a.losses, b.losses)
    np.testing.assert_array_equal(X, X0)
    np.testing.assert_array_equal(y, y0)
    np.testing.assert_array_equal(p0, np.ones(4))
    assert not np.shares_memory(a.params, a.path)  # the result's arrays are its own


@pytest.mark.parametrize("batch_size", [None, 1, 7])
def test_divergence_stops_cleanly_and_blames_the_learning_rate(batch_size):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        fit = fit_linear(X_REF, Y_REF, learning_rate=0.0013 if batch_size is None else 0.01, epochs=5000,
                         batch_size=batch_size, rng=np.random.default_rng(0))
    assert fit.diverged
    assert "learning rate" in fit.message and "too large" in fit.message
    assert ("0.0013" if batch_size is None else "0.01") in fit.message
    assert np.all(np.isfinite(fit.path)) and np.all(np.isfinite(fit.losses))
    assert fit.path.shape[0] == fit.n_epochs + 1 < 5001
    np.testing.assert_array_equal(fit.params, fit.path[-1])


def test_divergence_with_a_schedule_names_the_value():
    fit = fit_linear(X_REF, Y_REF, learning_rate=lambda k: 0.0005 * (1 + k), epochs=500)
    assert fit.diverged and fit.status == "diverged" and "schedule" in fit.message


def test_just_below_the_stability_limit_converges():
    fit = fit_linear(X_REF, Y_REF, learning_rate=0.00119, epochs=20000)
    assert not fit.diverged
    np.testing.assert_allclose(fit.params, [30, 7], atol=1e-6)


@pytest.mark.parametrize(
    ("kwargs", "error", "text"),
    [
        ({"X": X_REF[:-1]}, ValueError, "same number of examples, got 99 rows in X and 100 values in y"),
        ({"X": np.r_[X_REF[:-1], np.nan]}, ValueError, "X must be finite"),
        ({"y": np.r_[Y_REF[:-1], np.inf]}, ValueError, "y must be finite"),
        ({"batch_size": 0}, ValueError, "batch_size must be >= 1, got 0"),
        ({"batch_size": 101}, ValueError, "between 1 and n = 100 .*got 101"),
        ({"learning_rate": 0.0}, ValueError, "learning_rate must be a positive number, got 0.0"),
        ({"learning_rate": -1e-3}, ValueError, "learning_rate must be a positive number"),
        ({"learning_rate": "0.1"}, TypeError, "learning_rate must be a real number"),
        ({"batch_size": 10, "rng": None}, TypeError, "rng is required for sampling='shuffle'"),
        ({"batch_size": 10, "rng": 3}, TypeError, "rng must be a numpy Generator"),
        ({"sampling": "random"}, ValueError, "sampling must be one of"),
        ({"sampling": "with_replacement"}, ValueError, "needs a batch_size"),
        ({"epochs": 2.5}, TypeError, "epochs must be a whole number"),
        ({"params0": [1.0, 2.0, 3.0]}, ValueError, r"params0 must hold 2 numbers .*got shape \(3,\)"),
        ({"X": np.zeros((100, 2, 2))}, ValueError, "X must be 1-D .* or 2-D"),
        ({"learning_rate": lambda k: -1.0}, ValueError, r"learning_rate\(0\) must be a positive number, got -1.0"),
    ],
)
def test_bad_inputs(kwargs, error, text):
    args = {"X": X_REF, "y": Y_REF, "learning_rate": 1e-4, "epochs": 3, "rng": None}
    args.update(kwargs)
    with pytest.raises(error, match=text):
        fit_linear(args.pop("X"), args.pop("y"), **args)


def test_mse_bad_params():
    with pytest.raises(ValueError, match="params must hold 2 numbers"):
        mse([1.0], X_REF, Y_REF)
    with pytest.raises(ValueError, match="params must be finite"):
        mse_gradient([np.nan, 1.0], X_REF, Y_REF)


def test_zero_epochs_returns_the_start():
    fit = fit_linear(X_REF, Y_REF, learning_rate=1e-4, epochs=0, params0=[1.0, 2.0])
    np.testing.assert_array_equal(fit.params, [1.0, 2.0])
    assert fit.n_steps == 0 and fit.path.shape == (1, 2)
    assert fit.weights.tolist() == [1.0] and fit.intercept == 2.0


@settings(max_examples=40, deadline=None)
@given(n=st.integers(1, 40), d=st.integers(1, 3), seed=st.integers(0, 2**32 - 1))
def test_property_vectorised_equals_loop(n, d, seed):
    rng = np.random.default_rng(seed)
    X, y, p = rng.normal(size=(n, d)), rng.normal(size=n), rng.normal(size=d + 1)
    np.testing.assert_allclose(mse_gradient(p, X, y), mse_gradient_loop(p, X, y), rtol=1e-10, atol=1e-12)


@settings(max_examples=30, deadline=None)
@given(n=st.integers(2, 60), data=st.data(), seed=st.integers(0, 2**32 - 1))
def test_property_minibatch_epoch_counts_steps(n, data, seed):
    bs = data.draw(st.integers(1, n))
    rng = np.random.default_rng(seed)
    X, y = rng.normal(size=n), rng.normal(size=n)
    fit = fit_linear(X, y, learning_rate=1e-3, epochs=2, batch_size=bs, rng=rng)
    assert fit.n_steps == 2 * -(-n // bs)
    assert np.all(np.isfinite(fit.path))


def test_standardise_and_back_reproduce_the_predictions():
    rng = np.random.default_rng(11)
    X = rng.normal(loc=[5.0, -3.0], scale=[10.0, 0.1], size=(50, 2))
    Z, mean, std = standardise(X)
    np.testing.assert_allclose(Z.mean(axis=0), 0, atol=1e-12)
    np.testing.assert_allclose(Z.std(axis=0), 1, rtol=1e-12)
    pz = np.array([1.5, -2.0, 0.7])
    p = to_original_scale(pz, mean, std)
    np.testing.assert_allclose(design_matrix(X) @ p, design_matrix(Z) @ pz, rtol=1e-11, atol=1e-11)
    z1, m1, s1 = standardise(X_REF)
    assert z1.shape == (100,) and m1.tolist() == [-0.5]
    with pytest.raises(ValueError, match="constant feature"):
        standardise(np.ones(5))


@pytest.mark.parametrize("std", [0.0, -2.0, np.inf, np.nan])
def test_to_original_scale_refuses_a_std_that_is_not_positive(std):
    with pytest.raises(ValueError, match=r"std must (hold positive numbers|be finite)"):
        to_original_scale([1.0, 2.0], 0.5, std)
    with pytest.raises(ValueError, match=r"mean must be finite"):
        to_original_scale([1.0, 2.0], np.nan, 1.0)


def test_standardised_reference_fit_converges_in_a_few_dozen_epochs():
    z, mean, std = standardise(X_REF)
    p0 = np.random.default_rng(0).uniform(-1, 1, size=2)
    fit = fit_linear(z, Y_REF, learning_rate=0.25, epochs=60, params0=p0)
    back = np.array([to_original_scale(p, mean, std) for p in fit.path])
    first = int(np.argmax(np.abs(back - [30, 7]).max(axis=1) < 1e-6))
    assert 10 < first < 40


def test_fit_trace_prints_the_path_at_fixed_precision(capsys):
    from gdutils.trace import format_fit_trace, print_fit_trace

    fit = fit_linear(X_REF, Y_REF, learning_rate=0.001, epochs=7, params0=[-0.0, 0.5])
    lines = format_fit_trace(fit, 3).splitlines()
    assert lines[0].split() == ["epoch", "m", "b", "MSE"]
    assert [line.split()[0] for line in lines[1:]] == ["0", "3", "6", "7"]
    row = lines[2].split()
    assert row[1:] == [f"{fit.path[3, 0]:.6f}", f"{fit.path[3, 1]:.6f}", f"{fit.losses[3]:.6e}"]
    assert lines[1].split()[1] == "0.000000"  # -0.0 prints without a sign
    X, y = _noisy(1, n=20, d=2)
    fit2 = fit_linear(X, y, learning_rate=0.1, epochs=2)
    assert format_fit_trace(fit2, epochs=[2]).splitlines()[0].split() == ["epoch", "w1", "w2", "b", "MSE"]
    print_fit_trace(fit2, 1)
    assert capsys.readouterr().out.rstrip().endswith("ran all 2 epochs")
    with pytest.raises(ValueError, match="epochs must lie between 0 and 2"):
        format_fit_trace(fit2, epochs=[3])
    with pytest.raises(TypeError, match="fit must be a LinearFitResult"):
        format_fit_trace("fit")
