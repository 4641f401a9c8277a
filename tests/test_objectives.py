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


# ---- functions of a point (chapter 5) ----

from gdutils import numerical_gradient  # noqa: E402
from gdutils.objectives import ROSENBROCK, quadratic_bowl  # noqa: E402

POINTS = np.random.default_rng(0).uniform(-2, 2, size=(12, 2))


def complex_step_gradient(f, p):
    # Independent reference: the complex step in each coordinate, exact to rounding.
    h = 1e-20
    return np.array([(f(p + 1j * h * e)).imag / h for e in np.eye(p.size)])


@pytest.mark.parametrize("obj", [ROSENBROCK, quadratic_bowl(2 * np.eye(2)), quadratic_bowl(np.diag([2.0, 20.0])),
                                 quadratic_bowl([[3.0, 1.0], [1.0, 2.0]], [1.0, -1.0])], ids=lambda o: o.label)
def test_surface_gradients_against_complex_step_and_differences(obj):
    for p in POINTS:
        np.testing.assert_allclose(obj.grad(p), complex_step_gradient(obj.f, p.astype(complex)), rtol=1e-12, atol=1e-10)
        np.testing.assert_allclose(obj.grad(p), numerical_gradient(obj.f, p, 1e-5), rtol=1e-6, atol=1e-5)
    assert np.all(obj.grad(np.array(obj.minimizer)) == pytest.approx(0.0, abs=1e-14))
    assert obj.f(np.array(obj.minimizer)) == pytest.approx(obj.f_min, abs=1e-14)
    assert all(obj.f(p) > obj.f_min for p in POINTS)


def test_bowls_are_the_chapter_formulas_and_evaluate_on_grids():
    round_bowl, long_bowl = quadratic_bowl(2 * np.eye(2)), quadratic_bowl(np.diag([2.0, 20.0]))
    for x, y in POINTS:
        assert round_bowl.f(np.array([x, y])) == pytest.approx(x * x + y * y, rel=1e-14)
        assert long_bowl.f(np.array([x, y])) == pytest.approx(x * x + 10 * y * y, rel=1e-14)
    grid = np.stack(np.meshgrid(np.linspace(-1, 1, 4), np.linspace(-2, 2, 3)))
    np.testing.assert_allclose(long_bowl.f(grid), grid[0] ** 2 + 10 * grid[1] ** 2, rtol=1e-14)
    np.testing.assert_allclose(ROSENBROCK.f(grid), (1 - grid[0]) ** 2 + 100 * (grid[1] - grid[0] ** 2) ** 2)


def test_quadratic_bowl_refuses_bad_matrices_and_b():
    with pytest.raises(ValueError, match="A must be symmetric"):
        quadratic_bowl([[1.0, 1.0], [0.0, 1.0]])
    with pytest.raises(ValueError, match="A must be positive definite"):
        quadratic_bowl([[1.0, 0.0], [0.0, -2.0]])
    with pytest.raises(ValueError, match="b must be a 1-D array of 2 entries"):
        quadratic_bowl(np.eye(2), [1.0, 2.0, 3.0])
