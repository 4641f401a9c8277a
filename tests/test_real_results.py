"""One test of "the reader's function returned real numbers", used everywhere (issue 11, defect 3):
strings and booleans never pass as numbers, in gdutils' routines and in every chapter's checks."""

import numpy as np
import pytest

from gdutils import gradient_check, gradient_descent
from gdutils.convergence import newton_method
from gdutils import validation as v
from gdutils.checks import (
    CheckFailed,
    NotAttempted,
    check_batch_noise,
    check_central_difference,
    check_directional_derivative,
    check_exact_step,
    check_gradient_g,
    check_momentum_step,
    check_mse_gradient,
    check_newton_step,
    check_polynomial_derivative,
    check_random_start,
    check_sgd_step,
)
from gdutils.plotting import evaluate_on_grid
from test_checks_convergence import newton_right
from test_checks_gradient import directional_right
from test_checks_minibatch import noise_right
from test_checks_momentum import step_right
from test_checks_paraboloid import start_right
from test_checks_regression import grad_right
from test_checks_sgd import sgd_step_right
from test_checks_step_size import exact_right

NOT_NUMBERS = ["1.5", b"1.5", True, np.True_, np.array([True, False]), np.array(["1.0", "2.0"]),
               [1.0, "2.0"], [[1.0], [2.0, 3.0]], 1j, object()]


@pytest.mark.parametrize("value", NOT_NUMBERS)
def test_the_one_test_refuses_strings_booleans_and_objects_of_any_shape(value):
    assert v.real_result_problem(value, None) is not None
    with pytest.raises(TypeError):
        v.real_results("f", value)


def test_the_one_test_names_the_problem():
    assert v.real_result_problem(None) == "none"
    assert v.real_result_problem(np.array([True]), None) == "bool"
    assert v.real_result_problem("1.0") == "not real"
    assert v.real_result_problem([1.0, 2.0]) == "shape"
    assert v.real_result_problem([1.0, 2.0], (2,)) is None
    assert v.real_result_problem(np.array([1, 2]), None) is None
    assert v.real_results("g", [1, 2], (2,)).dtype == np.float64


def test_the_reproducers_of_issue_11():
    with pytest.raises(CheckFailed, match="str"):
        check_polynomial_derivative(lambda x: repr(8 * x**3 - 6 * x + 1), seed=0)
    with pytest.raises(TypeError, match="bool"):
        gradient_descent(lambda x: 2 * x, 1.0, 0.1, 3, f=lambda x: x * x > 0.5)


@pytest.mark.parametrize("bad", [lambda g: [str(c) for c in g], lambda g: np.asarray(g) > 0])
def test_gdutils_routines_refuse_a_gradient_of_strings_or_booleans(bad):
    grad = lambda p: bad(2 * np.asarray(p))  # noqa: E731
    with pytest.raises(TypeError, match="grad must return real numbers"):
        gradient_descent(grad, [1.0, 2.0], 0.1, 3)
    with pytest.raises(TypeError, match="grad must return real numbers"):
        gradient_check(lambda p: p @ p, grad, np.array([1.0, 2.0]))
    with pytest.raises(TypeError, match="grad must return real numbers"):
        newton_method(grad, lambda p: 2 * np.eye(2), [1.0, 2.0], 2)
    with pytest.raises(TypeError, match="hessian must return real numbers"):
        newton_method(lambda p: 2 * p, lambda p: bad(np.eye(2)), [1.0, 2.0], 2)


@pytest.mark.parametrize("bad", [lambda p: repr(p @ p), lambda p: p @ p > 0.5])
def test_gdutils_routines_refuse_a_value_of_f_that_is_text_or_a_boolean(bad):
    with pytest.raises(TypeError, match="f must return a real number"):
        gradient_descent(lambda p: 2 * p, [1.0, 2.0], 0.1, 3, f=bad)
    with pytest.raises(TypeError, match="f must return a real number"):
        evaluate_on_grid(bad, xlim=(0, 1), ylim=(0, 1), n=3)


def as_string(answer):
    """The right answer, returned as text: repr of a number, or a list of texts."""
    def text(*args):
        got = answer(*args)
        return repr(got) if np.ndim(got) == 0 else [repr(float(c)) for c in np.ravel(got)]
    return text


def as_bool(answer):
    """The right answer, returned as booleans (whether it is positive)."""
    def truth(*args):
        got = np.asarray(answer(*args))
        return bool(got > 0) if got.ndim == 0 else got > 0
    return truth


# one check of each chapter (and every way a check reads a result: one number, a pair, a vector)
REPRESENTATIVE = [
    (check_polynomial_derivative, lambda x: 8 * x**3 - 6 * x + 1),                    # 1
    (check_central_difference, lambda f, x, h: (f(x + h) - f(x - h)) / (2 * h)),       # 2
    (check_directional_derivative, directional_right),                                  # 3
    (check_gradient_g, lambda p: np.array([2 * p[0] * p[1] - 2, p[0] ** 2 + 6 * p[1]])),  # 3
    (check_random_start, start_right),                                                  # 4
    (check_exact_step, exact_right),                                                    # 5
    (check_mse_gradient, grad_right),                                                   # 6
    (check_batch_noise, noise_right),                                                   # 7
    (check_sgd_step, sgd_step_right),                                                   # 8
    (check_newton_step, newton_right),                                                  # 9
    (check_momentum_step, step_right),                                                  # 10
]


@pytest.mark.parametrize("check, answer", REPRESENTATIVE)
@pytest.mark.parametrize("spoil", [as_string, as_bool])
def test_no_check_takes_text_or_booleans_for_numbers(check, answer, spoil, capsys):
    check(answer, seed=1)  # the right answer passes
    assert "checks passed" in capsys.readouterr().out
    with pytest.raises(CheckFailed) as info:
        check(spoil(answer), seed=1)
    assert not isinstance(info.value, NotAttempted)
