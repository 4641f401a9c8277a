"""Every analytic derivative in gdutils.objectives against the complex step and central differences."""

import numpy as np
import pytest

from gdutils import central_difference, complex_step
from gdutils.objectives import CUBIC, SHIFTED_SQUARE, SQUARE, quadratic

XS = np.linspace(-4, 4, 17)
OBJECTIVES = [SQUARE, SHIFTED_SQUARE, CUBIC, quadratic(2.5, -1.5)]


@pytest.mark.parametrize("obj", OBJECTIVES, ids=lambda o: o.label)
def test_first_and_second_derivatives(obj):
    np.testing.assert_allclose(obj.df(XS), complex_step(obj.f, XS), rtol=1e-13, atol=1e-12)
    np.testing.assert_allclose(obj.d2f(XS), complex_step(obj.df, XS), rtol=1e-13, atol=1e-12)
    np.testing.assert_allclose(obj.df(XS), central_difference(obj.f, XS), rtol=1e-7, atol=1e-7)


@pytest.mark.parametrize("obj", OBJECTIVES, ids=lambda o: o.label)
def test_minimizer_is_a_stationary_point_with_positive_curvature(obj):
    assert obj.df(obj.minimizer) == 0
    assert obj.d2f(obj.minimizer) > 0


def test_cubic_third_derivative_and_stationary_points():
    np.testing.assert_allclose(complex_step(CUBIC.d2f, XS), 6.0, rtol=1e-13)
    assert CUBIC.df(-4 / 3) == pytest.approx(0, abs=1e-14) and CUBIC.d2f(-4 / 3) == pytest.approx(-4)


def test_shifted_square_is_the_square_of_x_minus_2():
    np.testing.assert_allclose(SHIFTED_SQUARE.f(XS), (XS - 2) ** 2, rtol=1e-14, atol=1e-13)


def test_quadratic_labels_and_bad_arguments():
    assert quadratic(2, 3).label == "$2(x - 3)^2$"
    assert quadratic(2, -3).label == "$2(x + 3)^2$"
    assert quadratic(1.5).label == "$1.5x^2$"
    with pytest.raises(ValueError, match="a must be a positive number"):
        quadratic(0.0)
    with pytest.raises(ValueError, match="c must be finite"):
        quadratic(1.0, float("inf"))


# --- functions of several variables (chapter 3) --------------------------------------------

from gdutils import numerical_gradient  # noqa: E402
from gdutils.objectives import PARABOLOID, THREE_VARIABLE_BOWL, TILTED_BOWL  # noqa: E402

MULTI = [PARABOLOID, TILTED_BOWL, THREE_VARIABLE_BOWL]


def complex_step_gradient(f, p, h=1e-20):
    """An independent reference: the complex step along each coordinate."""
    p = np.asarray(p, dtype=float)
    return np.array([f(p + 1j * h * e).imag / h for e in np.eye(p.size)])


@pytest.mark.parametrize("obj", MULTI, ids=lambda o: o.label)
def test_gradients_against_complex_step_and_central_differences(obj):
    rng = np.random.default_rng(3)
    for p in rng.uniform(-5, 5, size=(20, len(obj.minimizer))):
        np.testing.assert_allclose(obj.grad(p), complex_step_gradient(obj.f, p), rtol=1e-13, atol=1e-12)
        np.testing.assert_allclose(obj.grad(p), numerical_gradient(obj.f, p), rtol=1e-7, atol=1e-7)


@pytest.mark.parametrize("obj", MULTI, ids=lambda o: o.label)
def test_minimizer_is_a_stationary_point_and_values_on_stacks_match_points(obj):
    np.testing.assert_array_equal(obj.grad(np.array(obj.minimizer)), 0.0)
    stack = np.random.default_rng(4).uniform(-3, 3, size=(len(obj.minimizer), 4, 5))
    values, grads = obj.f(stack), obj.grad(stack)
    assert values.shape == (4, 5) and grads.shape == stack.shape
    for i in range(4):
        for j in range(5):
            assert values[i, j] == obj.f(stack[:, i, j])
            np.testing.assert_array_equal(grads[:, i, j], obj.grad(stack[:, i, j]))


def test_closed_forms_stated_in_chapter_3():
    x, y, z = 1.5, -2.0, 0.25
    assert PARABOLOID.grad(np.array([x, y])).tolist() == [2 * x, 2 * y]
    assert TILTED_BOWL.grad(np.array([x, y])).tolist() == [2 * x - y, 4 * y - x]
    assert THREE_VARIABLE_BOWL.grad(np.array([x, y, z])).tolist() == [2 * x - 2, 2 * y + z, 2 * z + y]
    assert THREE_VARIABLE_BOWL.f(np.array([1.0, 0.0, 0.0])) == -1.0
    hessian = np.array([[2, 0, 0], [0, 2, 1], [0, 1, 2]])
    np.testing.assert_allclose(np.linalg.eigvalsh(hessian), [1, 2, 3])
    # the Hessian is the (constant) derivative of the gradient
    cols = [numerical_gradient(lambda q, i=i: THREE_VARIABLE_BOWL.grad(q)[i], [x, y, z]) for i in range(3)]
    np.testing.assert_allclose(np.array(cols), hessian, atol=1e-8)
