"""gdutils.classification against finite differences, closed forms and scikit-learn's LogisticRegression."""

import warnings

import numpy as np
import pytest
import sklearn
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import confusion_matrix as sk_confusion_matrix

from gdutils import Momentum, numerical_gradient
from gdutils.classification import (
    LogisticFitResult,
    accuracy,
    confusion_matrix,
    fit_logistic,
    logistic_gradient,
    logistic_loss,
    logits,
    predict_proba,
    sigmoid,
)


def _overlapping(seed, n=300, d=3):
    """Two Gaussian classes that overlap: not separable, so the unpenalised optimum is finite."""
    rng = np.random.default_rng(seed)
    y = rng.integers(0, 2, size=n)
    X = rng.normal(size=(n, d)) + 0.8 * (2 * y[:, None] - 1) * rng.uniform(0.5, 1.0, size=d)
    return X, y


def test_sigmoid_against_its_definition_and_at_extremes():
    z = np.linspace(-30, 30, 61)
    np.testing.assert_allclose(sigmoid(z), 1 / (1 + np.exp(-z)), rtol=1e-15)
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no overflow warning
        s = sigmoid(np.array([-1000.0, 1000.0]))
    assert s[0] == 0.0 and s[1] == 1.0
    assert sigmoid(-745.0) > 0  # e^-745 is still a subnormal number, not 0
    assert sigmoid(0.0) == 0.5 and isinstance(sigmoid(0.0), float)
    np.testing.assert_allclose(sigmoid(z) + sigmoid(-z), 1.0, rtol=1e-15)


def test_loss_against_the_textbook_formula_and_without_overflow():
    X, y = _overlapping(1, n=40)
    p = np.array([0.3, -0.2, 0.5, 0.1])
    q = 1 / (1 + np.exp(-(X @ p[:-1] + p[-1])))
    direct = -np.mean(y * np.log(q) + (1 - y) * np.log(1 - q))
    assert logistic_loss(p, X, y) == pytest.approx(direct, rel=1e-13)
    assert logistic_loss(p, X, y, l2=0.5) == pytest.approx(direct + 0.25 * p[:-1] @ p[:-1], rel=1e-13)
    # a huge logit on the wrong side costs about |z|; no overflow warning, no inf
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert logistic_loss([1000.0, 0.0], [[1.0]], [0]) == pytest.approx(1000.0, rel=1e-15)
        assert logistic_loss([1000.0, 0.0], [[1.0]], [1]) == 0.0


@pytest.mark.parametrize("l2", [0.0, 0.3])
def test_gradient_against_central_differences(l2):
    X, y = _overlapping(2, n=50)
    p = np.array([0.4, -0.7, 0.2, -0.3])
    numeric = numerical_gradient(lambda q: logistic_loss(q, X, y, l2=l2), p)
    np.testing.assert_allclose(logistic_gradient(p, X, y, l2=l2), numeric, rtol=1e-7, atol=1e-9)


def test_gradient_is_the_closed_form_xt_residual_over_n():
    X, y = _overlapping(3, n=30, d=2)
    p = np.array([0.1, 0.2, -0.4])
    A = np.column_stack([X, np.ones(30)])
    expected = A.T @ (1 / (1 + np.exp(-A @ p)) - y) / 30
    np.testing.assert_allclose(logistic_gradient(p, X, y), expected, rtol=1e-13, atol=1e-16)


def test_full_batch_descent_reaches_sklearns_unpenalised_optimum():
    X, y = _overlapping(4)
    # C=np.inf is the unpenalised model (sklearn 1.8 deprecated penalty=None for it)
    ref = LogisticRegression(C=np.inf, tol=1e-12, max_iter=10_000).fit(X, y)
    fit = fit_logistic(X, y, learning_rate=Momentum(1.0, momentum=0.9), epochs=2000)
    assert fit.status == "completed"
    np.testing.assert_allclose(predict_proba(fit.params, X), ref.predict_proba(X)[:, 1], rtol=0, atol=1e-6)
    np.testing.assert_allclose(fit.params, np.append(ref.coef_[0], ref.intercept_), atol=1e-6)
    assert np.max(np.abs(logistic_gradient(fit.params, X, y))) < 1e-9
    assert sklearn.__version__ == "1.9.1"


def test_plain_descent_with_a_number_and_with_a_schedule():
    X, y = _overlapping(5)
    ref = LogisticRegression(C=np.inf, tol=1e-12, max_iter=10_000).fit(X, y)
    for rate in (2.0, lambda k: 2.0):
        fit = fit_logistic(X, y, learning_rate=rate, epochs=3000)
        np.testing.assert_allclose(predict_proba(fit.params, X), ref.predict_proba(X)[:, 1], atol=1e-6)
    assert np.all(np.diff(fit.losses) <= 1e-15)  # eta = 2 < 4 / lambda_max: the loss never rises


def test_l2_matches_sklearn_with_c_equal_one_over_n_lambda():
    # sklearn minimises C sum_i loss_i + |w|^2 / 2, that is n C times (mean loss + |w|^2 / (2 n C))
    X, y = _overlapping(6)
    lam = 0.05
    ref = LogisticRegression(C=1 / (len(y) * lam), tol=1e-12, max_iter=10_000).fit(X, y)
    fit = fit_logistic(X, y, learning_rate=Momentum(1.0, momentum=0.9), epochs=1000, l2=lam)
    np.testing.assert_allclose(fit.params, np.append(ref.coef_[0], ref.intercept_), atol=1e-7)


def test_minibatches_follow_fit_linears_order_and_approach_the_optimum():
    X, y = _overlapping(7)
    a = fit_logistic(X, y, learning_rate=0.1, epochs=30, batch_size=16, rng=np.random.default_rng(3))
    b = fit_logistic(X, y, learning_rate=0.1, epochs=30, batch_size=16, rng=np.random.default_rng(3))
    np.testing.assert_array_equal(a.params, b.params)
    assert a.n_steps == 30 * 19 and a.batch_size == 16 and a.path.shape == (31, 4)
    # one epoch by hand, in the order rng.permutation(n) gives
    rng = np.random.default_rng(3)
    order = rng.permutation(300)
    p = np.zeros(4)
    for start in range(0, 300, 16):
        idx = order[start:start + 16]
        p -= 0.1 * logistic_gradient(p, X[idx], y[idx])
    np.testing.assert_allclose(a.path[1], p, rtol=1e-12, atol=1e-15)
    ref = LogisticRegression(C=np.inf, tol=1e-12, max_iter=10_000).fit(X, y)
    best = logistic_loss(np.append(ref.coef_[0], ref.intercept_), X, y)
    assert a.losses[-1] - best < 1e-3


def test_separable_data_weights_grow_and_l2_stops_them():
    X = np.array([[-2.0], [-1.0], [1.0], [2.0]])
    y = np.array([0, 0, 1, 1])
    fit = fit_logistic(X, y, learning_rate=1.0, epochs=2000)
    norms = np.abs(fit.path[:, 0])
    assert np.all(np.diff(norms[1:]) > 0) and norms[-1] > 5
    assert norms[-1] - norms[1000] > 0.5  # still growing, like log(epoch)
    capped = fit_logistic(X, y, learning_rate=1.0, epochs=2000, l2=0.1)
    assert np.max(np.abs(logistic_gradient(capped.params, X, y, l2=0.1))) < 1e-12


def test_result_and_the_caller_s_arrays():
    X, y = _overlapping(8, n=20)
    p0 = np.array([0.1, 0.0, 0.0, 0.0])
    fit = fit_logistic(X, y, learning_rate=0.5, epochs=3, params0=p0)
    assert isinstance(fit, LogisticFitResult)
    assert p0[0] == 0.1 and fit.path[0][0] == 0.1
    np.testing.assert_array_equal(fit.weights, fit.params[:-1])
    assert fit.intercept == fit.params[-1]
    np.testing.assert_allclose(logits(fit.params, X), X @ fit.params[:-1] + fit.params[-1], rtol=1e-14)
    assert fit.message == "ran all 3 epochs"


def test_diverging_run_stops():
    X, y = _overlapping(9, n=50)
    fit = fit_logistic(1e200 * X, y, learning_rate=1e200, epochs=5)
    assert fit.status == "diverged" and "diverged in epoch" in fit.message


@pytest.mark.parametrize("y, match", [
    ([0, 1, 2, 1], "0 or 1, got 2"),
    ([0, 1, -1, 1], "0 or 1, got -1"),
    ([0, 0.5, 1, 1], "whole numbers"),
    ([0, 1, np.nan, 1], "finite"),
])
def test_bad_labels(y, match):
    with pytest.raises(ValueError, match=match):
        fit_logistic(np.ones((4, 1)), y, learning_rate=0.1, epochs=1)


def test_bad_data():
    with pytest.raises(ValueError, match="same number of examples"):
        fit_logistic(np.ones((4, 2)), [0, 1, 1], learning_rate=0.1, epochs=1)
    with pytest.raises(ValueError, match="X must be finite"):
        fit_logistic([[1.0], [np.inf]], [0, 1], learning_rate=0.1, epochs=1)
    with pytest.raises(TypeError, match="rng is required"):
        fit_logistic(np.ones((4, 1)), [0, 1, 0, 1], learning_rate=0.1, epochs=1, batch_size=2)
    with pytest.raises(ValueError, match="l2"):
        fit_logistic(np.ones((4, 1)), [0, 1, 0, 1], learning_rate=0.1, epochs=1, l2=-1)
    with pytest.raises(TypeError, match="y must be an array of real numbers"):
        fit_logistic(np.ones((2, 1)), [True, False], learning_rate=0.1, epochs=1)


def test_accuracy_and_confusion_matrix_against_sklearn():
    rng = np.random.default_rng(10)
    t, p = rng.integers(0, 4, size=100), rng.integers(0, 4, size=100)
    np.testing.assert_array_equal(confusion_matrix(t, p), sk_confusion_matrix(t, p))
    np.testing.assert_array_equal(confusion_matrix(t, p, n_classes=6)[:4, :4], sk_confusion_matrix(t, p))
    assert accuracy(t, p) == np.trace(sk_confusion_matrix(t, p)) / 100
    with pytest.raises(ValueError, match="same length"):
        accuracy([0, 1], [0])
    with pytest.raises(ValueError, match="too small"):
        confusion_matrix([0, 3], [0, 1], n_classes=2)


def test_a_line_search_is_given_the_loss():
    from gdutils import Backtracking

    X, y = _overlapping(11)
    ref = LogisticRegression(C=np.inf, tol=1e-12, max_iter=10_000).fit(X, y)
    fit = fit_logistic(X, y, learning_rate=Backtracking(initial=8.0), epochs=40)
    assert fit.status == "completed" and np.all(np.diff(fit.losses) <= 1e-15)
    np.testing.assert_allclose(predict_proba(fit.params, X), ref.predict_proba(X)[:, 1], atol=1e-6)
    # once the optimum is reached to rounding, no step decreases the loss: the fit stops there
    long = fit_logistic(X, y, learning_rate=Backtracking(initial=8.0), epochs=400)
    assert long.status == "line search failed" and "line search found no step" in long.message
    assert long.path.shape[0] == long.losses.size < 401
    np.testing.assert_allclose(predict_proba(long.params, X), ref.predict_proba(X)[:, 1], atol=1e-6)
    mini = fit_logistic(X, y, learning_rate=Backtracking(initial=8.0), epochs=3, batch_size=50,
                        rng=np.random.default_rng(0))
    assert mini.status == "completed" and mini.n_steps == 18
