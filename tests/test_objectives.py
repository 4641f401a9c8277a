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
