"""gdutils.momentum and gdutils.optimizers.Momentum against closed forms and a second method (chapter 10)."""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gdutils import Momentum, Status, fit_linear, gradient_descent
from gdutils.momentum import iteration_matrix, momentum_rate, optimal_momentum, optimal_rate
from gdutils.objectives import bowl


# --- the iteration matrix and its rate --------------------------------------------------------


def test_iteration_matrix_is_the_heavy_ball_recurrence():
    eta, beta, lam = 0.1, 0.6, 3.0
    M = iteration_matrix(eta, beta, lam)
    np.testing.assert_array_equal(M, [[1 + beta - eta * lam, -beta], [1.0, 0.0]])
    previous, current = 0.7, -1.3
    after = current - eta * lam * current + beta * (current - previous)
    np.testing.assert_allclose(M @ [current, previous], [after, current], rtol=1e-15)


@settings(max_examples=300, deadline=None)
@given(st.floats(0.0, 6.0), st.floats(0.0, 0.999))
def test_rate_is_the_spectral_radius_from_eigvals(eta_lam, beta):
    """The closed form against numpy's eigenvalues of M (a second method)."""
    M = np.array([[1 + beta - eta_lam, -beta], [1.0, 0.0]])
    expected = max(abs(np.linalg.eigvals(M)))
    # near a repeated root the eigenvalues of M are ill-conditioned (error ~ sqrt(eps))
    assert momentum_rate(eta_lam, beta) == pytest.approx(expected, rel=1e-7, abs=1e-7)


@settings(max_examples=300, deadline=None)
@given(st.floats(0.0, 6.0), st.floats(0.0, 0.999))
def test_convergence_region_is_0_lt_eta_lam_lt_2_1_plus_beta(eta_lam, beta):
    inside = 0 < eta_lam < 2 * (1 + beta)
    margin = min(abs(eta_lam), abs(eta_lam - 2 * (1 + beta)))
    if margin > 1e-9:
        assert (momentum_rate(eta_lam, beta) < 1) == inside


def test_rate_on_the_boundary_of_the_region_is_one():
    beta = np.linspace(0, 0.99, 12)
    np.testing.assert_allclose(momentum_rate(2 * (1 + beta), beta), 1.0, rtol=1e-14)
    np.testing.assert_allclose(momentum_rate(np.zeros(12), beta), 1.0, rtol=1e-14)


def test_rate_is_sqrt_beta_where_the_roots_are_complex():
    """Complex roots when (1 - sqrt(beta))^2 < eta lam < (1 + sqrt(beta))^2; there |z|^2 = beta (their product)."""
    beta = np.linspace(0.05, 0.95, 19)
    low, high = (1 - np.sqrt(beta)) ** 2, (1 + np.sqrt(beta)) ** 2
    for s in [0.01, 0.3, 0.5, 0.9, 0.99]:
        np.testing.assert_allclose(momentum_rate(low + s * (high - low), beta), np.sqrt(beta), rtol=1e-15)


def test_rate_without_momentum_is_the_descent_factor():
    h = np.linspace(0, 3, 31)
    np.testing.assert_allclose(momentum_rate(h, 0.0), np.abs(1 - h), rtol=1e-15, atol=1e-15)


def test_rate_takes_arrays_and_refuses_negative_momentum():
    grid = momentum_rate(np.linspace(0.1, 3, 5)[None, :], np.linspace(0, 0.9, 4)[:, None])
    assert grid.shape == (4, 5)
    assert isinstance(momentum_rate(1.0, 0.5), float)
    with pytest.raises(ValueError, match="momentum must be >= 0"):
        momentum_rate(1.0, -0.1)


# --- the optimal parameters ---------------------------------------------------------------------


def test_optimal_parameters_for_kappa_100_are_2_121_and_81_121():
    eta, beta = optimal_momentum(2.0, 200.0)
    assert eta == pytest.approx(2 / 121, rel=1e-15)
    assert beta == pytest.approx(81 / 121, rel=1e-15)
    assert optimal_rate(100) == pytest.approx(9 / 11, rel=1e-15)
    assert math.sqrt(beta) == pytest.approx(9 / 11, rel=1e-15)


@pytest.mark.parametrize("mu, L", [(1.0, 10.0), (2.0, 200.0), (0.5, 500.0), (3.0, 3.0)])
def test_optimal_parameters_damp_both_ends_critically_and_give_every_eigenvalue_the_same_rate(mu, L):
    eta, beta = optimal_momentum(mu, L)
    for lam in [mu, L]:
        t = 1 + beta - eta * lam
        assert t * t - 4 * beta == pytest.approx(0.0, abs=1e-12)  # a repeated root of M's polynomial
    lams = np.linspace(mu, L, 101)
    np.testing.assert_allclose(momentum_rate(eta * lams, beta), math.sqrt(beta), rtol=1e-6)
    assert math.sqrt(beta) == pytest.approx(optimal_rate(L / mu), rel=1e-14)


def test_optimal_parameters_beat_their_neighbours():
    """A brute-force search over (eta, beta) finds nothing with a smaller worst rate over [mu, L]."""
    mu, L = 1.0, 50.0
    eta_star, beta_star = optimal_momentum(mu, L)
    lams = np.linspace(mu, L, 201)
    best = math.sqrt(beta_star)
    for eta in eta_star * np.linspace(0.8, 1.2, 21):
        for beta in np.linspace(max(0, beta_star - 0.1), min(0.99, beta_star + 0.1), 21):
            assert momentum_rate(eta * lams, beta).max() >= best - 1e-9


def test_optimal_functions_refuse_bad_spectra():
    with pytest.raises(ValueError, match="mu must not exceed L"):
        optimal_momentum(3.0, 2.0)
    with pytest.raises(ValueError, match="positive"):
        optimal_momentum(0.0, 2.0)
    with pytest.raises(ValueError, match="at least 1"):
        optimal_rate(0.5)


# --- the optimizer -------------------------------------------------------------------------------


def heavy_ball_recurrence(grad, x0, eta, beta, n):
    """x_{k+1} = x_k - eta grad(x_k) + beta (x_k - x_{k-1}), x_{-1} = x_0: the second form of the update."""
    path = [np.asarray(x0, dtype=float)]
    previous = path[0]
    for _ in range(n):
        x = path[-1]
        path.append(x - eta * grad(x) + beta * (x - previous))
        previous = x
    return np.array(path)


def test_momentum_is_the_two_step_recurrence():
    f = bowl(1.0, 100.0)
    run = gradient_descent(f.grad, np.array([1.0, 1.0]), Momentum(2 / 121, momentum=81 / 121), 150)
    np.testing.assert_allclose(run.path, heavy_ball_recurrence(f.grad, [1.0, 1.0], 2 / 121, 81 / 121, 150),
                               rtol=1e-10, atol=1e-14)


def test_critically_damped_run_matches_its_closed_form():
    """At the optimum on x^2 + 100 y^2: x_k = (1 + 2k/11)(9/11)^k, y_k = (1 + 20k/11)(-9/11)^k."""
    run = gradient_descent(bowl(1.0, 100.0).grad, np.array([1.0, 1.0]), Momentum(2 / 121, momentum=81 / 121), 120)
    k = np.arange(121)
    np.testing.assert_allclose(run.path[:, 0], (1 + 2 * k / 11) * (9 / 11) ** k, rtol=1e-11)
    np.testing.assert_allclose(run.path[:, 1], (1 + 20 * k / 11) * (-9 / 11) ** k, rtol=1e-11)


def test_nesterov_is_its_two_step_form():
    """torch's Nesterov: x_{k+1} = x_k - eta (g_k + beta v_k), v_k = beta v_{k-1} + g_k, v_0 = g_0."""
    a, eta, beta = 3.0, 0.1, 0.7
    run = gradient_descent(lambda x: a * x, np.array([2.0]), Momentum(eta, momentum=beta, nesterov=True), 30)
    x, buf, expected = 2.0, None, [2.0]
    for _ in range(30):
        g = a * x
        buf = g if buf is None else beta * buf + g
        x = x - eta * (g + beta * buf)
        expected.append(x)
    np.testing.assert_allclose(run.path[:, 0], expected, rtol=1e-14)


def test_momentum_zero_is_plain_gradient_descent_bit_for_bit():
    f = bowl(1.0, 10.0)
    plain = gradient_descent(f.grad, np.array([1.0, -2.0]), 0.05, 50)
    run = gradient_descent(f.grad, np.array([1.0, -2.0]), Momentum(0.05, momentum=0.0), 50)
    np.testing.assert_array_equal(run.path, plain.path)


def test_nesterov_without_momentum_is_refused_like_torch():
    # torch.optim.SGD(params, lr=0.05, momentum=0, nesterov=True) raises
    # ValueError("Nesterov momentum requires a momentum and zero dampening")
    with pytest.raises(ValueError, match="Nesterov momentum requires a momentum above 0"):
        Momentum(0.05, momentum=0.0, nesterov=True)
    with pytest.raises(ValueError, match="Nesterov momentum requires a momentum above 0"):
        Momentum(0.05, momentum=0, nesterov=np.bool_(True))
    assert Momentum(0.05, momentum=1e-9, nesterov=True).nesterov


def test_one_object_serves_several_runs_and_a_scalar_start():
    opt = Momentum(0.1, momentum=0.5)
    first = gradient_descent(lambda x: 2 * x, 1.0, opt, 20)
    second = gradient_descent(lambda x: 2 * x, 1.0, opt, 20)
    np.testing.assert_array_equal(first.path, second.path)
    assert isinstance(first.x, float)


def test_the_gradient_array_is_not_kept_by_reference():
    """A grad that returns (and later overwrites) one array must not change the velocity."""
    store = np.zeros(1)

    def grad(x):
        store[:] = 2 * x
        return store

    run = gradient_descent(grad, np.array([1.0]), Momentum(0.1, momentum=0.5), 20)
    expected = heavy_ball_recurrence(lambda x: 2 * x, [1.0], 0.1, 0.5, 20)
    np.testing.assert_allclose(run.path, expected, rtol=1e-12)


def test_a_too_large_step_diverges_and_says_so():
    run = gradient_descent(lambda x: 2 * x, np.array([1.0]), Momentum(2.0, momentum=0.5), 500)
    assert run.status == Status.DIVERGED
    assert "learning rate 2 is too large for momentum 0.5" in run.message
    # just inside the region (eta lam = 2.9 < 2 (1 + beta) = 3) it converges
    ok = gradient_descent(lambda x: 2 * x, np.array([1.0]), Momentum(1.45, momentum=0.5), 2000, tol=1e-10)
    assert ok.status == Status.CONVERGED


def test_fit_linear_takes_momentum_with_minibatches():
    rng = np.random.default_rng(0)
    x = rng.uniform(0, 2, size=100)
    y = 3 * x + 1
    fit = fit_linear(x, y, learning_rate=Momentum(0.01, momentum=0.9), epochs=100, batch_size=10,
                     rng=np.random.default_rng(1))
    np.testing.assert_allclose(fit.params, [3.0, 1.0], atol=1e-6)


@pytest.mark.parametrize("momentum", [-0.1, 1.0, 1.5])
def test_momentum_outside_0_1_is_refused(momentum):
    with pytest.raises(ValueError, match=r"momentum must lie in \[0, 1\)"):
        Momentum(0.1, momentum=momentum)


@pytest.mark.parametrize("rate, error", [(0.0, ValueError), (-0.1, ValueError), ("0.1", TypeError),
                                         (float("nan"), ValueError)])
def test_a_bad_learning_rate_is_refused(rate, error):
    with pytest.raises(error, match="learning_rate"):
        Momentum(rate, momentum=0.9)


@pytest.mark.parametrize("nesterov", [1, "yes", None])
def test_nesterov_must_be_a_bool(nesterov):
    with pytest.raises(TypeError, match="nesterov must be True or False"):
        Momentum(0.1, nesterov=nesterov)


def test_momentum_must_be_a_real_number():
    with pytest.raises(TypeError, match="momentum must be a real number"):
        Momentum(0.1, momentum="0.9")


def test_a_schedule_is_taken_and_its_bad_values_are_caught():
    run = gradient_descent(lambda x: 2 * x, np.array([1.0]), Momentum(lambda k: 0.1 / (1 + k), momentum=0.5), 5)
    np.testing.assert_allclose(run.step_sizes, [0.1 / (1 + k) for k in range(5)])
    with pytest.raises(ValueError):
        gradient_descent(lambda x: 2 * x, np.array([1.0]), Momentum(lambda k: -0.1, momentum=0.5), 5)
    assert "momentum=0.9" in repr(Momentum(0.1))
