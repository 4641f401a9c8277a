"""The two-variable objectives of chapter 4: gradients against the complex step and
central differences, minimisers against the gradient and the curvature."""

import numpy as np
import pytest

from gdutils.objectives import ELONGATED_BOWL, HIMMELBLAU, HIMMELBLAU_MINIMA, NARROW_BOWL, MultiObjective, bowl

SURFACES = [ELONGATED_BOWL, NARROW_BOWL, bowl(1.0, 1.0), bowl(2.5, 0.3), HIMMELBLAU]
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
    minima = HIMMELBLAU_MINIMA if surface is HIMMELBLAU else [surface.minimizer]
    for m in minima:
        p = np.array(m)
        assert np.linalg.norm(surface.grad(p)) < 1e-12
        assert surface.f(p) == pytest.approx(0.0, abs=1e-26)
        assert np.all(np.linalg.eigvalsh(hessian(surface, p)) > 0)


def test_himmelblau_has_four_distinct_minima_and_the_known_one_is_exact():
    assert len(HIMMELBLAU_MINIMA) == 4 and HIMMELBLAU.minimizer is None
    assert HIMMELBLAU.f(np.array([3.0, 2.0])) == 0.0
    gaps = [np.hypot(*np.subtract(a, b)) for a in HIMMELBLAU_MINIMA for b in HIMMELBLAU_MINIMA if a != b]
    assert min(gaps) > 1.0
    # published values, to the 6 digits usually quoted
    quoted = [(3.0, 2.0), (-2.805118, 3.131312), (-3.779310, -3.283186), (3.584428, -1.848126)]
    np.testing.assert_allclose(HIMMELBLAU_MINIMA, quoted, atol=1e-6)


@pytest.mark.parametrize("a, b", [(1.0, 1.0), (1.0, 10.0), (0.25, 3.0)])
def test_bowl_hessian_is_diag_2a_2b(a, b):
    np.testing.assert_allclose(hessian(bowl(a, b), np.array([0.7, -1.2])), np.diag([2 * a, 2 * b]), rtol=1e-8)


def test_bowl_labels_and_bad_arguments():
    assert bowl(1.0, 1.0).label == "$x^2 + y^2$"
    assert ELONGATED_BOWL.label == "$x^2 + 10y^2$"
    assert isinstance(ELONGATED_BOWL, MultiObjective) and ELONGATED_BOWL(np.array([3.0, 1.0])) == 19.0
    with pytest.raises(ValueError, match="b must be a positive number"):
        bowl(1.0, -2.0)
    with pytest.raises(TypeError, match="a must be a real number"):
        bowl("1", 1.0)
