"""Chapter 13's self-checks: right answers pass, each mistake gets its hint, near misses and stubs fail."""

import numpy as np
from scipy.special import logsumexp

from gdutils.checks import check_confusion_matrix, check_cross_entropy_gradient, check_log_sum_exp
from check_cases import SEEDS, assert_hint, assert_never_passes, assert_not_attempted, assert_passes


def sigmoid(z):
    return 1 / (1 + np.exp(-z))


def gradient_with(residual=lambda z, y: sigmoid(z) - y, scale="mean", intercept_last=True):
    def cross_entropy_gradient(params, X, y):
        A = np.column_stack([X, np.ones(len(y))])
        r = residual(A @ params, y)
        g = A.T @ r
        if scale == "mean":
            g = g / len(y)
        return g if intercept_last else np.roll(g, 1)
    return cross_entropy_gradient


def gradient_loop(params, X, y):
    """Example by example: a second, independent way to the same numbers."""
    g = np.zeros(len(params))
    for xi, yi in zip(X, y):
        a = np.append(xi, 1.0)
        g += (1 / (1 + np.exp(-(a @ params))) - yi) * a
    return g / len(y)


def lse_stable(z):
    m = np.max(z)
    return float(m + np.log(np.sum(np.exp(z - m))))


def lse_naive(z):
    return float(np.log(np.sum(np.exp(z))))


def lse_no_add_back(z):
    m = np.max(z)
    return float(np.log(np.sum(np.exp(z - m))))


def lse_min(z):
    m = np.min(z)
    return float(m + np.log(np.sum(np.exp(z - m))))


def confusion_right(y_true, y_pred, n_classes):
    C = np.zeros((n_classes, n_classes), dtype=int)
    for t, p in zip(y_true, y_pred):
        C[t, p] += 1
    return C


def test_right_answers_pass(capsys):
    assert_passes(check_cross_entropy_gradient, gradient_with(), SEEDS, capsys)
    assert_passes(check_cross_entropy_gradient, gradient_loop, SEEDS, capsys)
    assert_passes(check_log_sum_exp, lse_stable, SEEDS, capsys)
    assert_passes(check_log_sum_exp, lambda z: float(logsumexp(z)), SEEDS, capsys)
    assert_passes(check_confusion_matrix, confusion_right, SEEDS, capsys)


def test_gradient_mistakes_get_their_hints():
    assert_hint(check_cross_entropy_gradient, gradient_with(lambda z, y: y - sigmoid(z)), "sign flipped")
    assert_hint(check_cross_entropy_gradient, gradient_with(scale="sum"), "the 1/n is missing")
    assert_hint(check_cross_entropy_gradient, gradient_with(lambda z, y: z - y), "squared error on the logits")
    assert_hint(check_cross_entropy_gradient, gradient_with(lambda z, y: 2 * (z - y)), "linear regression")
    assert_hint(check_cross_entropy_gradient,
                gradient_with(lambda z, y: (sigmoid(z) - y) * sigmoid(z) * (1 - sigmoid(z))), "extra factor")
    assert_hint(check_cross_entropy_gradient, gradient_with(intercept_last=False), "intercept's entry is last")
    assert_hint(check_cross_entropy_gradient, gradient_with(lambda z, y: sigmoid(-z) - y), "sigma(-z)")


def test_gradient_wrong_shape_and_in_place_changes():
    assert_hint(check_cross_entropy_gradient, lambda p, X, y: gradient_with()(p, X, y)[:-1], "wrong shape")
    assert_hint(check_cross_entropy_gradient, lambda p, X, y: "gradient", "wrong shape")
    assert_hint(check_cross_entropy_gradient, lambda p, X, y: None, "returned None")
    assert_hint(check_confusion_matrix, lambda t, p, k: np.full((k, k), "x"), "wrong shape")

    def in_place(params, X, y):
        X -= X.mean(axis=0)
        return gradient_with()(params, X, y)

    assert_hint(check_cross_entropy_gradient, in_place, "changes an array it was given")


def test_log_sum_exp_mistakes_get_their_hints():
    assert_hint(check_log_sum_exp, lse_naive, "Subtract the largest entry")
    assert_hint(check_log_sum_exp, lse_min, "Subtract the largest entry")
    assert_hint(check_log_sum_exp, lse_no_add_back, "must be added back")
    assert_hint(check_log_sum_exp, lambda z: float(np.max(z)), "the largest entry alone")
    assert_never_passes(check_log_sum_exp, lambda z: lse_stable(z) + 1e-9 * abs(lse_stable(z)) + 1e-9, SEEDS)


def test_confusion_mistakes_get_their_hints(capsys):
    assert_hint(check_confusion_matrix, lambda t, p, k: confusion_right(t, p, k).T, "rows and columns are swapped")
    assert_hint(check_confusion_matrix,
                lambda t, p, k: confusion_right(t, p, k) / np.maximum(confusion_right(t, p, k).sum(1, keepdims=True), 1),
                "fractions")
    assert_hint(check_confusion_matrix, lambda t, p, k: confusion_right(t, p, max(max(t), max(p)) + 1),
                "wrong shape")
    assert_hint(check_confusion_matrix, lambda t, p, k: None, "returned None")

    def buffered(t, p, k):
        C = np.zeros((k, k), dtype=int)
        C[t, p] += 1  # the classic mistake: repeated index pairs count once
        return C

    assert_hint(check_confusion_matrix, buffered, "counted once")
    assert_passes(check_confusion_matrix, lambda t, p, k: np.bincount(k * t + p, minlength=k * k).reshape(k, k),
                  SEEDS, capsys)
    assert_never_passes(check_confusion_matrix, lambda t, p, k: np.diag(np.diag(confusion_right(t, p, k))), SEEDS)


def test_stubs_are_not_attempted():
    for check in (check_cross_entropy_gradient, check_log_sum_exp, check_confusion_matrix):
        assert_not_attempted(check)
