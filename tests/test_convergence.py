"""gdutils.convergence and chapter 9's objectives against closed forms and second methods."""

import math

import numpy as np
import pytest

from gdutils import complex_step, gradient_descent, numerical_gradient
from gdutils.convergence import contraction_factor, newton_method
from gdutils.objectives import COSH, DOUBLE_WELL, QUARTIC, SADDLE, pseudo_huber_bowl, quadratic_bowl

XS = np.linspace(-3, 3, 13)


@pytest.mark.parametrize("obj", [QUARTIC, DOUBLE_WELL, COSH], ids=lambda o: o.label)
def test_derivatives_against_the_complex_step(obj):
    np.testing.assert_allclose(obj.df(XS), complex_step(obj.f, XS), rtol=1e-13, atol=1e-12)
    np.testing.assert_allclose(obj.d2f(XS), complex_step(obj.df, XS), rtol=1e-13, atol=1e-12)
    assert obj.df(obj.minimizer) == 0 and obj.d2f(obj.minimizer) >= 0  # x^4: f''(0) = 0


def complex_step_gradient(f, p, h=1e-20):
    return np.array([f(p + 1j * h * e).imag / h for e in np.eye(p.size)])


@pytest.mark.parametrize("obj", [SADDLE, pseudo_huber_bowl(0.0), pseudo_huber_bowl(0.3)],
                         ids=lambda o: o.label)
def test_gradients_against_the_complex_step(obj):
    for p in np.random.default_rng(0).uniform(-6, 6, size=(20, 2)):
        np.testing.assert_allclose(obj.grad(p), complex_step_gradient(obj.f, p), rtol=1e-13, atol=1e-14)


@pytest.mark.parametrize("mu", [0.0, 0.1, 2.0])
def test_pseudo_huber_curvatures_lie_between_mu_and_one_plus_mu(mu):
    bowl = pseudo_huber_bowl(mu)
    for p in np.random.default_rng(1).uniform(-20, 20, size=(50, 2)):
        H = np.column_stack([numerical_gradient(lambda q, i=i: bowl.grad(q)[i], p) for i in range(2)])
        lam = np.linalg.eigvalsh((H + H.T) / 2)
        assert mu - 1e-7 <= lam[0] and lam[1] <= 1 + mu + 1e-7
    H0 = np.column_stack([numerical_gradient(lambda q, i=i: bowl.grad(q)[i], np.zeros(2)) for i in range(2)])
    np.testing.assert_allclose(H0, (1 + mu) * np.eye(2), atol=1e-8)  # L = 1 + mu, reached at 0
    assert bowl.f(np.zeros(2)) == 0.0 and np.all(bowl.f(np.random.default_rng(2).normal(size=(2, 9))) > 0)


def test_pseudo_huber_refuses_a_negative_mu():
    with pytest.raises(ValueError, match="mu must be >= 0"):
        pseudo_huber_bowl(-0.1)


def test_contraction_factor_is_the_largest_factor_over_the_curvatures():
    rng = np.random.default_rng(3)
    for _ in range(50):
        mu = 10 ** rng.uniform(-2, 0)
        L = mu * 10 ** rng.uniform(0, 2)
        eta = rng.uniform(0.01, 2.2) / L
        scan = np.max(np.abs(1 - eta * np.linspace(mu, L, 2001)))
        assert contraction_factor(eta, mu, L) == pytest.approx(scan, rel=1e-12)


def test_contraction_factor_is_what_descent_measures_on_a_quadratic():
    # eigenvalues mu and L along rotated axes; the start mixes both eigenvectors
    Q = np.linalg.qr(np.random.default_rng(4).normal(size=(3, 3)))[0]
    mu, L = 0.5, 8.0
    bowl = quadratic_bowl(Q @ np.diag([mu, 3.0, L]) @ Q.T)
    for eta in (0.1, 2 / (mu + L), 0.23):
        run = gradient_descent(bowl.grad, Q @ np.ones(3), eta, 400)
        d = np.linalg.norm(run.path, axis=1)
        measured = (d[400] / d[300]) ** (1 / 100)
        assert measured == pytest.approx(contraction_factor(eta, mu, L), rel=1e-6)


@pytest.mark.parametrize("args, error, match", [
    ((0.0, 1.0, 2.0), ValueError, "learning_rate must be a positive number"),
    ((0.1, 3.0, 2.0), ValueError, "mu must not exceed L"),
    ((0.1, "1", 2.0), TypeError, "mu must be a real number"),
    ((0.1, 1.0, math.inf), ValueError, "L must be finite"),
])
def test_contraction_factor_bad_arguments(args, error, match):
    with pytest.raises(error, match=match):
        contraction_factor(*args)


def test_newton_lands_on_the_minimiser_of_any_quadratic_in_one_step():
    rng = np.random.default_rng(5)
    for d in (2, 3, 6):
        Q = np.linalg.qr(rng.normal(size=(d, d)))[0]
        A = Q @ np.diag(10 ** rng.uniform(-3, 3, size=d)) @ Q.T  # condition number up to 1e6
        b = rng.normal(size=d)
        bowl = quadratic_bowl(A, b)
        path = newton_method(bowl.grad, lambda p: bowl.A, rng.normal(size=d), 1)
        np.testing.assert_allclose(path[1], bowl.minimizer, rtol=1e-8, atol=1e-8)


def test_newton_on_cosh_converges_cubically_and_matches_the_separable_2d_run():
    path = newton_method(COSH.df, COSH.d2f, 1.0, 4)
    assert path.shape == (5,)
    # x - tanh x = x^3/3 - 2x^5/15 + 17x^7/315 - ...: so x_{k+1} / x_k^3 = 1/3 - 2x_k^2/15 + ...
    x = path[1:3]
    ratios = path[2:4] / x**3
    series = 1 / 3 - 2 * x**2 / 15
    assert abs(ratios[0] - series[0]) < 1e-3 and abs(ratios[1] - series[1]) < 1e-9
    # a second method: the same iterates from the 2-D solve on cosh x + cosh y
    path2 = newton_method(lambda p: np.sinh(p), lambda p: np.diag(np.cosh(p)), [1.0, 1.0], 4)
    np.testing.assert_allclose(path2[:, 0], path, rtol=1e-12, atol=1e-30)


def test_newton_stops_on_a_singular_hessian_and_leaves_x0_alone():
    x0 = np.array([1.0, 2.0])
    with pytest.raises(FloatingPointError, match="singular"):
        newton_method(lambda p: p, lambda p: np.zeros((2, 2)), x0, 3)
    with pytest.raises(FloatingPointError, match="step 1"):
        newton_method(lambda x: x, lambda x: 0.0, 1.0, 2)
    newton_method(lambda p: p, lambda p: np.eye(2), x0, 2)
    assert x0.tolist() == [1.0, 2.0]


@pytest.mark.parametrize("kwargs, error, match", [
    (dict(grad="g"), TypeError, "grad must be a function"),
    (dict(n_steps=-1), ValueError, "n_steps"),
    (dict(x0=[np.nan]), ValueError, "x0 must be finite"),
])
def test_newton_bad_arguments(kwargs, error, match):
    args = dict(grad=COSH.df, hessian=COSH.d2f, x0=1.0, n_steps=2) | kwargs
    with pytest.raises(error, match=match):
        newton_method(**args)


# --- numerical_hessian (gdutils.differentiation, chapter 9) ---------------------------------

from gdutils.differentiation import numerical_hessian  # noqa: E402
from gdutils.objectives import THREE_VARIABLE_BOWL  # noqa: E402


def test_numerical_hessian_of_a_quadratic_is_its_matrix():
    exact = np.array([[2.0, 0, 0], [0, 2, 1], [0, 1, 2]])  # the Hessian of x^2 - 2x + y^2 + z^2 + yz
    p = np.array([0.3, -1.7, 2.2])
    np.testing.assert_allclose(numerical_hessian(THREE_VARIABLE_BOWL.grad, p), exact, atol=1e-9)
    assert p.tolist() == [0.3, -1.7, 2.2]


def test_numerical_hessian_against_the_analytic_one_of_a_non_quadratic():
    mu = 0.2
    bowl = pseudo_huber_bowl(mu)
    for p in np.random.default_rng(6).uniform(-4, 4, size=(10, 2)):
        exact = np.diag((1 + p * p) ** -1.5 + mu)
        H = numerical_hessian(bowl.grad, p)
        np.testing.assert_allclose(H, exact, atol=1e-8)
        assert np.array_equal(H, H.T)


@pytest.mark.parametrize("x, grad, error, match", [
    (1.0, lambda p: p, ValueError, "x must be a 1-D array"),
    ([1.0, 2.0], lambda p: p[:1], ValueError, "one real number per input point"),
    ([1.0, 2.0], lambda p: None, TypeError, "returned None"),
])
def test_numerical_hessian_bad_input(x, grad, error, match):
    with pytest.raises(error, match=match):
        numerical_hessian(grad, x)
