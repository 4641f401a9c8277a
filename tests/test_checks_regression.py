"""Chapter 6 self-checks: right answers pass, each advertised mistake gets its hint, stubs are 'not attempted'."""

import warnings

import numpy as np
import pytest

from gdutils import mse_gradient, standardise, to_original_scale
from gdutils.checks import (
    CheckFailed,
    check_learning_rate_for_data,
    check_mse_gradient,
    check_to_original_scale,
)
from check_cases import SEEDS, assert_not_attempted, right_and_mistake_tests


def grad_right(m, b, x, y):
    r = y - (m * x + b)
    return np.mean(-2 * x * r), np.mean(-2 * r)


def grad_with(residual=lambda m, b, x, y: y - (m * x + b), inner=lambda x: x, reduce=np.mean, factor=-2.0):
    def mse_grad(m, b, x, y):
        r = residual(m, b, x, y)
        return reduce(factor * inner(x) * r), reduce(factor * r)
    return mse_grad


def hessian_limit(x):
    A = np.column_stack([x, np.ones_like(x)])
    return 2 / np.linalg.eigvalsh(2 * A.T @ A / x.size)[-1]


def lr_right(x):
    return 0.9 * hessian_limit(x)


def lr_via_power_iteration(x):
    # a second, different right answer: the largest eigenvalue of 2 E[[x^2, x], [x, 1]] in closed form
    a, c = np.mean(x * x), np.mean(x)
    lam = (a + 1) + np.sqrt((a - 1) ** 2 + 4 * c * c)
    return 1.5 / lam


def to_original_right(m_z, b_z, mean, std):
    return m_z / std, b_z - m_z * mean / std


def lr_one_over_lambda_closed_form(x):
    # 1 / lambda_max, exactly half the limit (the chapter's own choice for several features), with
    # lambda_max from the 2x2 closed form: must pass although it can land a few ulps below limit / 2
    a, c = 2 * np.mean(x * x), 2 * np.mean(x)
    lam = (a + 2) / 2 + np.sqrt(((a - 2) / 2) ** 2 + c * c)
    return 1 / lam


def lr_one_over_lambda_design(x):
    A = np.column_stack([x, np.ones_like(x)])
    return 1 / np.linalg.eigvalsh(2 / x.size * A.T @ A).max()


RIGHT = [
    (check_mse_gradient, grad_right),
    (check_mse_gradient, lambda m, b, x, y: tuple(mse_gradient([m, b], x, y))),
    (check_mse_gradient, lambda m, b, x, y: np.array([2 * np.mean(x * (m * x + b - y)),
                                                      2 * np.mean(m * x + b - y)])),
    (check_learning_rate_for_data, lr_right),
    (check_learning_rate_for_data, lambda x: 0.55 * hessian_limit(x)),
    (check_learning_rate_for_data, lr_via_power_iteration),
    (check_learning_rate_for_data, lr_one_over_lambda_closed_form),
    (check_learning_rate_for_data, lr_one_over_lambda_design),
    (check_to_original_scale, to_original_right),
    (check_to_original_scale, lambda m, b, mu, sd: list(to_original_scale([m, b], mu, sd))),
]


def test_right_answer_passes_with_fresh_random_data(capsys):
    for _ in range(10):
        check_mse_gradient(grad_right)
        check_learning_rate_for_data(lr_right)
        check_to_original_scale(to_original_right)
    assert capsys.readouterr().out.count("checks passed") == 30


MISTAKES = [
    (check_mse_gradient, grad_with(factor=2.0), "sign flipped"),
    (check_mse_gradient, grad_with(residual=lambda m, b, x, y: y - m * x + b), "written y - m x + b"),
    (check_mse_gradient, grad_with(reduce=np.sum), "1/n is missing"),
    (check_mse_gradient, grad_with(factor=-1.0), "factor of 2"),
    (check_mse_gradient, grad_with(factor=-4.0), "factor of 2"),
    (check_mse_gradient, grad_with(inner=lambda x: 1.0), "lacks the factor x_i"),
    (check_mse_gradient, lambda m, b, x, y: grad_right(m, b, x, y)[::-1], "swapped"),
    (check_mse_gradient, lambda m, b, x, y: grad_right(m, b, x, y)[0], "should return 2 numbers"),
    (check_mse_gradient, lambda m, b, x, y: None, "returned None"),
    (check_learning_rate_for_data, lambda x: hessian_limit(x), "exactly at the stability limit"),
    (check_learning_rate_for_data, lambda x: 1.8 * hessian_limit(x), "factor 2 left out"),
    (check_learning_rate_for_data, lambda x: 3.0 * hessian_limit(x), "diverges"),
    (check_learning_rate_for_data, lambda x: 0.1 * hessian_limit(x), "safe but slow"),
    (check_learning_rate_for_data, lambda x: 0.9 * hessian_limit(x) / x.size, "factor of n"),
    (check_learning_rate_for_data, lambda x: 1e-6, "safe but slow"),
    (check_learning_rate_for_data, lambda x: -0.1, "positive number"),
    (check_to_original_scale, lambda m, b, mu, sd: (m * sd, b - m * sd * mu), "scaled the wrong way"),
    (check_to_original_scale, lambda m, b, mu, sd: (m / sd, b), "left as b_z"),
    (check_to_original_scale, lambda m, b, mu, sd: (m / sd, b + m * mu / sd), "moved the wrong way"),
    (check_to_original_scale, lambda m, b, mu, sd: (m / sd, b - m * mu), "misses the 1/std"),
    (check_to_original_scale, lambda m, b, mu, sd: (m, b - m * mu), "left as m_z"),
    (check_to_original_scale, lambda m, b, mu, sd: to_original_right(m, b, mu, sd)[::-1], "swapped"),
]


test_right_answers_pass_on_many_seeds, test_each_common_mistake_gets_its_hint = right_and_mistake_tests(
    RIGHT, MISTAKES, SEEDS)


def test_the_smallest_eigenvalue_mistake_is_named():
    def lr_from_smallest(x):
        A = np.column_stack([x, np.ones_like(x)])
        return 1.5 / np.linalg.eigvalsh(2 * A.T @ A / x.size)[0]

    hits = 0
    for seed in range(10):
        with pytest.raises(CheckFailed) as info:
            check_learning_rate_for_data(lr_from_smallest, seed=seed)
        hits += "largest eigenvalue" in str(info.value)
    assert hits >= 8


@pytest.mark.parametrize("check", [check_mse_gradient, check_learning_rate_for_data, check_to_original_scale])
def test_a_stub_is_reported_as_not_attempted(check):
    assert_not_attempted(check)


def test_near_misses_fail():
    for seed in range(50):
        with pytest.raises(CheckFailed):
            check_mse_gradient(lambda m, b, x, y: np.array(grad_right(m, b, x, y)) * (1 + 1e-5), seed=seed)
        with pytest.raises(CheckFailed):  # n - 1 instead of n
            check_mse_gradient(lambda m, b, x, y: np.array(grad_right(m, b, x, y)) * x.size / (x.size - 1),
                               seed=seed)
        with pytest.raises(CheckFailed):
            check_to_original_scale(lambda m, b, mu, sd: (m / sd * (1 + 1e-6), b - m * mu / sd), seed=seed)
        with pytest.raises(CheckFailed):  # just above the limit
            check_learning_rate_for_data(lambda x: 1.001 * hessian_limit(x), seed=seed)


def test_hard_coded_answers_fail():
    fixed = grad_right(1.0, 2.0, np.arange(-50.0, 50.0), 30 * np.arange(-50.0, 50.0) + 7)
    with pytest.raises(CheckFailed, match="seed=3"):
        check_mse_gradient(lambda m, b, x, y: fixed, seed=3)
    x_book = np.arange(-50.0, 50.0)
    eta_book = 0.9 * hessian_limit(x_book)
    with pytest.raises(CheckFailed):
        check_learning_rate_for_data(lambda x: eta_book, seed=3)
    with pytest.raises(CheckFailed, match="seed=3"):
        check_to_original_scale(lambda m, b, mu, sd: (1.0, 2.0), seed=3)


def test_answers_are_checked_on_copies_and_silently():
    def nasty(m, b, x, y):
        g = grad_right(m, b, x, y)
        x[:] = 0.0  # modifying the data must not change what the check compares against
        return g

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        check_mse_gradient(nasty, seed=1)
        with pytest.raises(CheckFailed):
            check_learning_rate_for_data(lambda x: 1e300, seed=0)


def test_the_chapter_helpers_agree_with_the_check():
    # standardise + to_original_scale (gdutils) reproduce the line the check expects
    rng = np.random.default_rng(0)
    x = rng.uniform(3, 9, size=30)
    z, mean, std = standardise(x)
    np.testing.assert_allclose([z.mean(), z.std()], [0.0, 1.0], atol=1e-12)
    m, b = to_original_scale([2.0, -1.0], mean, std)
    np.testing.assert_allclose(m * x + b, 2.0 * z - 1.0, rtol=1e-12)
