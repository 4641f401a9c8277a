"""The two-variable objectives of chapter 4: gradients against the complex step and
central differences, minimisers against the gradient and the curvature."""

import numpy as np
import pytest

from gdutils.objectives import ELONGATED_BOWL, HIMMELBLAU, PARABOLOID, Surface, bowl

SURFACES = [PARABOLOID, ELONGATED_BOWL, bowl(2.5, 0.3), HIMMELBLAU]
RNG = np.random.default_rng(4)
POINTS = RNG.uniform(-5, 5, size=(20, 2))
E = np.eye(2)


def complex_step_gradient(f, p, h=1e-30):
    return np.array([f(p + 1j * h * E[i]).imag / h for i in range(2)])


def central_gradient(f, p, h=1e-6):
    return np.array([(f(p + h * E[i]) - f(p - h * E[i])) / (2 * h) for i in range(2)])


@pytest.mark.parametrize("surface", SURFACES, ids=lambda s: s.label)
def test_gradient_matches_complex_step_and_central_differences(surface):
    for p in POINTS:
        g = surface.grad(p)
        np.testing.assert_allclose(g, complex_step_gradient(surface.f, p), rtol=1e-13, atol=1e-12)
        np.testing.assert_allclose(g, central_gradient(surface.f, p), rtol=1e-6, atol=1e-5)


@pytest.mark.parametrize("surface", SURFACES, ids=lambda s: s.label)
def test_functions_evaluate_a_whole_grid_like_single_points(surface):
    X, Y = np.meshgrid(np.linspace(-4, 4, 5), np.linspace(-3, 3, 4))
    F = surface.f(np.array([X, Y]))
    G = surface.grad(np.array([X, Y]))
    assert F.shape == X.shape and G.shape == (2, *X.shape)
    for i, j in [(0, 0), (1, 3), (3, 4)]:
        p = np.array([X[i, j], Y[i, j]])
        assert F[i, j] == surface.f(p)
        np.testing.assert_array_equal(G[:, i, j], surface.grad(p))


def hessian(surface, p, h=1e-5):
    cols = [(surface.grad(p + h * E[i]) - surface.grad(p - h * E[i])) / (2 * h) for i in range(2)]
    return np.array(cols).T


@pytest.mark.parametrize("surface", SURFACES, ids=lambda s: s.label)
def test_minimizers_are_stationary_with_positive_curvature(surface):
    for m in surface.minimizers:
        p = np.array(m)
        assert np.linalg.norm(surface.grad(p)) < 1e-12
        assert surface.f(p) == pytest.approx(0.0, abs=1e-26)
        assert np.all(np.linalg.eigvalsh(hessian(surface, p)) > 0)


def test_himmelblau_has_four_distinct_minima_and_the_known_one_is_exact():
    assert len(HIMMELBLAU.minimizers) == 4
    assert HIMMELBLAU.f(np.array([3.0, 2.0])) == 0.0
    gaps = [np.hypot(*np.subtract(a, b)) for a in HIMMELBLAU.minimizers for b in HIMMELBLAU.minimizers if a != b]
    assert min(gaps) > 1.0
    # published values, to the 6 digits usually quoted
    quoted = [(3.0, 2.0), (-2.805118, 3.131312), (-3.779310, -3.283186), (3.584428, -1.848126)]
    np.testing.assert_allclose(HIMMELBLAU.minimizers, quoted, atol=1e-6)


@pytest.mark.parametrize("a, b", [(1.0, 1.0), (1.0, 10.0), (0.25, 3.0)])
def test_bowl_curvatures_are_the_hessian_eigenvalues(a, b):
    surface = bowl(a, b)
    np.testing.assert_allclose(sorted(surface.curvatures),
                               np.linalg.eigvalsh(hessian(surface, np.array([0.7, -1.2]))), rtol=1e-8)


def test_bowl_labels_and_bad_arguments():
    assert PARABOLOID.label == "$x^2 + y^2$"
    assert ELONGATED_BOWL.label == "$x^2 + 10y^2$"
    assert isinstance(PARABOLOID, Surface) and PARABOLOID(np.array([3.0, 4.0])) == 25.0
    with pytest.raises(ValueError, match="b must be a positive number"):
        bowl(1.0, -2.0)
    with pytest.raises(TypeError, match="a must be a real number"):
        bowl("1")
