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


def test_slope_along_a_direction_is_the_dot_product_and_peaks_along_the_gradient():
    # Chapter 3: D_u f = grad f . u, largest (= |grad f|) along grad f / |grad f|.
    p = np.array([1.0, 1.0])
    g = TILTED_BOWL.grad(p)
    theta = np.linspace(0, 2 * np.pi, 3601)
    units = np.column_stack([np.cos(theta), np.sin(theta)])
    slopes = np.array([complex_step(lambda t, u=u: TILTED_BOWL.f(p + t * u), 0.0) for u in units])
    np.testing.assert_allclose(slopes, units @ g, rtol=1e-12, atol=1e-12)
    best = units[np.argmax(slopes)]
    np.testing.assert_allclose(best, g / np.linalg.norm(g), atol=1e-3)
    assert slopes.max() == pytest.approx(np.sqrt(10), rel=1e-6)


def test_shifting_both_variables_gives_the_sum_of_the_partials_not_one_of_them():
    # Chapter 3's warning: (f(x + h, y + h) - f(x, y)) / h tends to df/dx + df/dy.
    p = np.array([3.0, 1.0])
    diagonal = central_difference(lambda t: PARABOLOID.f(p + t), 0.0)
    assert diagonal == pytest.approx(8.0, rel=1e-9)
    assert PARABOLOID.grad(p).sum() == 8.0 and PARABOLOID.grad(p)[0] == 6.0


def test_exercise_3_1_gradient_against_the_complex_step():
    def g(p):
        x, y = p[0], p[1]
        return x * x * y + 3 * y * y - 2 * x

    for p in np.random.default_rng(5).uniform(-3, 3, size=(10, 2)):
        x, y = p
        np.testing.assert_allclose(complex_step_gradient(g, p), [2 * x * y - 2, x * x + 6 * y], rtol=1e-13)
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


def test_chapter5_gradients_also_evaluate_on_grids():
    grid = np.stack(np.meshgrid(np.linspace(-1, 1, 4), np.linspace(-2, 2, 3)))
    bowl = quadratic_bowl([[3.0, 1.0], [1.0, 2.0]], [1.0, -1.0])
    for obj in (ROSENBROCK, bowl):
        G = obj.grad(grid)
        for i in range(3):
            for j in range(4):
                np.testing.assert_allclose(G[:, i, j], obj.grad(grid[:, i, j]), rtol=1e-14, atol=1e-14)


# --- the turned bowl (chapter 11) ------------------------------------------------------------

from gdutils.objectives import NARROW_BOWL, TURNED_BOWL  # noqa: E402


def test_turned_bowl_is_the_narrow_bowl_turned_by_45_degrees():
    c = np.sqrt(0.5)
    Q = np.array([[c, -c], [c, c]])  # the rotation by 45 degrees
    A = Q @ np.diag([2.0, 200.0]) @ Q.T
    np.testing.assert_allclose(A, [[101, -99], [-99, 101]], atol=1e-12)
    for p in np.random.default_rng(11).uniform(-3, 3, size=(20, 2)):
        # f(Q q) = NARROW_BOWL.f(q), the gradient is A p, and it matches the complex step
        assert TURNED_BOWL.f(Q @ p) == pytest.approx(NARROW_BOWL.f(p), rel=1e-13, abs=1e-13)
        assert TURNED_BOWL.f(p) == pytest.approx(0.5 * p @ A @ p, rel=1e-12, abs=1e-12)
        np.testing.assert_allclose(TURNED_BOWL.grad(p), A @ p, rtol=1e-12, atol=1e-12)
        np.testing.assert_allclose(TURNED_BOWL.grad(p), complex_step_gradient(TURNED_BOWL.f, p),
                                   rtol=1e-13, atol=1e-12)
    np.testing.assert_array_equal(TURNED_BOWL.grad(np.array(TURNED_BOWL.minimizer)), 0.0)
