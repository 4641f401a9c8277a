"""The adaptive optimizers of chapter 11 (gdutils.adaptive, re-exported by gdutils.optimizers)
against closed forms: runs whose state has a formula in the step count t. torch's own
trajectories are compared in tests/test_adaptive_torch.py."""

import numpy as np
import pytest

from gdutils import closed_form, fit_linear, gradient_descent
from gdutils.optimizers import AdaGrad, Adam, AdamW, Momentum, RMSProp, as_optimizer

EVERY = [lambda: AdaGrad(0.1), lambda: RMSProp(0.01), lambda: Adam(0.05), lambda: AdamW(0.05),
         lambda: Adam(0.05, amsgrad=True)]


def constant_gradient(c):
    """The gradient of the linear function c . x: the same at every point."""
    c = np.asarray(c, dtype=float)
    return lambda x: c.copy()


def test_importable_from_optimizers_and_from_the_package():
    import gdutils
    from gdutils import adaptive
    assert gdutils.Adam is adaptive.Adam is Adam
    assert gdutils.AdamW is AdamW and gdutils.AdaGrad is AdaGrad and gdutils.RMSProp is RMSProp


def test_defaults_are_torch_optims():
    adam = Adam()
    assert (adam.rate, adam.beta1, adam.beta2, adam.eps, adam.amsgrad) == (1e-3, 0.9, 0.999, 1e-8, False)
    adamw = AdamW()
    assert (adamw.rate, adamw.beta1, adamw.beta2, adamw.eps, adamw.weight_decay) == (1e-3, 0.9, 0.999, 1e-8, 0.01)
    assert AdaGrad(0.1).eps == 1e-10
    rms = RMSProp(0.1)
    assert (rms.alpha, rms.eps) == (0.99, 1e-8)


def test_the_first_adam_step_is_eta_g_over_abs_g_plus_eps():
    """m_1 = (1 - beta1) g and s_1 = (1 - beta2) g^2, so the corrected step is eta g / (|g| + eps)."""
    g = np.array([3.0, -1e-3, 1e-9, -250.0])
    run = gradient_descent(constant_gradient(g), np.zeros(4), Adam(0.1), 1)
    np.testing.assert_allclose(run.path[1], -0.1 * g / (np.abs(g) + 1e-8), rtol=1e-14)
    assert abs(run.path[1][2]) < 0.1 * 0.1 + 1e-14  # a gradient near eps gives a shorter step


@pytest.mark.parametrize("make", [lambda: Adam(0.02), lambda: AdamW(0.02, weight_decay=0.0)])
def test_adam_under_a_constant_gradient_steps_eta_every_time(make):
    """With g constant, m_t = (1 - beta1^t) g and s_t = (1 - beta2^t) g^2: the bias corrections
    make every step eta g / (|g| + eps), so x_k = x_0 - k eta g / (|g| + eps)."""
    g = np.array([2.0, -0.5, 40.0])
    run = gradient_descent(constant_gradient(g), np.ones(3), make(), 300)
    k = np.arange(301)[:, None]
    np.testing.assert_allclose(run.path, 1.0 - k * 0.02 * g / (np.abs(g) + 1e-8), rtol=1e-12, atol=1e-13)


def test_adagrad_under_a_constant_gradient_steps_eta_over_sqrt_t():
    """s_t = t g^2, so step t moves by eta g / (sqrt(t) |g| + eps)."""
    g = np.array([0.5, -3.0])
    run = gradient_descent(constant_gradient(g), np.zeros(2), AdaGrad(0.1), 200)
    t = np.arange(1, 201)[:, None]
    expected = -np.cumsum(0.1 * g / (np.sqrt(t) * np.abs(g) + 1e-10), axis=0)
    np.testing.assert_allclose(run.path[1:], expected, rtol=1e-12)


def test_rmsprop_under_a_constant_gradient():
    """s_t = (1 - alpha^t) g^2 (no bias correction), so step t is eta g / (sqrt(1 - alpha^t) |g| + eps)."""
    g = np.array([1.5, -0.2])
    run = gradient_descent(constant_gradient(g), np.zeros(2), RMSProp(0.01, alpha=0.9), 100)
    t = np.arange(1, 101)[:, None]
    expected = -np.cumsum(0.01 * g / (np.sqrt(1 - 0.9 ** t) * np.abs(g) + 1e-8), axis=0)
    np.testing.assert_allclose(run.path[1:], expected, rtol=1e-12)


def test_adamw_with_no_gradient_only_decays():
    """g = 0 leaves m = s = 0 and the step 0 / eps = 0: x_k = (1 - eta wd)^k x_0."""
    run = gradient_descent(constant_gradient([0.0, 0.0]), np.array([2.0, -1.0]),
                           AdamW(0.1, weight_decay=0.5), 50)
    np.testing.assert_allclose(run.path[-1], 0.95 ** 50 * np.array([2.0, -1.0]), rtol=1e-13)


def test_adamw_differs_from_adam_on_an_l2_term():
    """Decoupled decay is not the gradient of (wd/2)|x|^2 fed to Adam: the runs part ways."""
    A = np.diag([1.0, 100.0])
    grad, wd = (lambda x: A @ x - np.array([1.0, 1.0])), 0.1
    decoupled = gradient_descent(grad, np.zeros(2), AdamW(0.01, weight_decay=wd), 2000)
    coupled = gradient_descent(lambda x: grad(x) + wd * x, np.zeros(2), Adam(0.01), 2000)
    assert np.linalg.norm(decoupled.x - coupled.x) > 1e-3
    np.testing.assert_allclose(coupled.x, np.linalg.solve(A + wd * np.eye(2), [1.0, 1.0]), atol=1e-4)


def test_amsgrad_divides_by_the_largest_second_moment():
    """A gradient that drops from 10 to 1 per coordinate: AMSGrad keeps dividing by the
    largest s_t, plain Adam by the decaying one, so AMSGrad's steps are shorter."""
    grads = iter([np.array([10.0])] * 5 + [np.array([1.0])] * 50)
    plain = gradient_descent(lambda x: next(grads), np.zeros(1), Adam(0.1, beta2=0.9), 55)
    grads = iter([np.array([10.0])] * 5 + [np.array([1.0])] * 50)
    ams = gradient_descent(lambda x: next(grads), np.zeros(1), Adam(0.1, beta2=0.9, amsgrad=True), 55)
    np.testing.assert_array_equal(plain.path[:2], ams.path[:2])
    assert np.all(np.diff(ams.path[6:, 0]) > np.diff(plain.path[6:, 0]))


@pytest.mark.parametrize("make", EVERY)
def test_every_run_starts_afresh_and_state_is_updated_in_place(make):
    opt = make()
    grad = lambda x: np.array([2 * x[0], 200 * x[1]])
    first = gradient_descent(grad, np.array([1.0, 1.0]), opt, 30)
    state = [arr for arr in vars(opt).values() if isinstance(arr, np.ndarray)]
    ids = [id(arr) for arr in state]
    p = np.array([1.0, 1.0])
    opt.start(p, None)
    state = [arr for arr in vars(opt).values() if isinstance(arr, np.ndarray)]
    ids = [id(arr) for arr in state]
    for k in range(30):
        opt.apply(p, grad(p), k)  # fit_linear's in-place step
    assert [id(arr) for arr in vars(opt).values() if isinstance(arr, np.ndarray)] == ids
    np.testing.assert_allclose(p, first.x, rtol=1e-12)
    again = gradient_descent(grad, np.array([1.0, 1.0]), opt, 30)
    np.testing.assert_array_equal(first.path, again.path)


@pytest.mark.parametrize("make", EVERY)
def test_update_gives_the_direction_of_the_step(make):
    x, g = np.array([1.0, -2.0]), np.array([0.3, -4.0])
    a, b = make(), make()
    a.start(x, None)
    b.start(x, None)
    eta, x_new, _ = a.move(x, g, 0, None)
    eta_b, d, _ = b.update(x, g, 0, None)
    assert eta == eta_b == a.learning_rate(0)
    np.testing.assert_allclose(x - eta * d, x_new, rtol=1e-15)
    np.testing.assert_array_equal(x, [1.0, -2.0])  # x itself is not moved


def test_a_scalar_start_works():
    run = gradient_descent(lambda x: 2 * x, 3.0, Adam(0.1), 200)
    assert isinstance(run.x, float) and abs(run.x) < 0.05


def test_a_schedule_sets_each_steps_rate():
    run = gradient_descent(constant_gradient([1.0]), np.zeros(1), Adam(lambda k: 0.1 / (k + 1)), 10)
    np.testing.assert_array_equal(run.step_sizes, [0.1 / (k + 1) for k in range(10)])
    np.testing.assert_allclose(run.path[1:, 0], -np.cumsum(run.step_sizes / (1 + 1e-8)), rtol=1e-13)


@pytest.mark.parametrize("make", [lambda: Adam(0.05), lambda: AdamW(0.05), lambda: RMSProp(0.01),
                                  lambda: AdaGrad(0.5)])
def test_fit_linear_full_batch_is_gradient_descent_on_the_mse(make):
    rng = np.random.default_rng(5)
    x = rng.uniform(-1, 1, size=50)
    y = 2 * x - 1 + rng.normal(0, 0.1, size=50)
    A = np.column_stack([x, np.ones(50)])
    fit = fit_linear(x, y, learning_rate=make(), epochs=60)
    run = gradient_descent(lambda p: 2 / 50 * A.T @ (A @ p - y), np.zeros(2), make(), 60)
    np.testing.assert_allclose(fit.path, run.path, rtol=1e-12, atol=1e-14)


def test_adam_fits_chapter_6s_unscaled_data():
    x = np.arange(-50.0, 50.0)
    y = 30 * x + 7
    fit = fit_linear(x, y, learning_rate=Adam(0.5), epochs=3000)
    np.testing.assert_allclose(fit.params, closed_form(x, y), atol=1e-6)


@pytest.mark.parametrize("make, message", [
    (lambda: Adam(0.1, beta1=1.0), "beta1 must lie in [0, 1)"),
    (lambda: Adam(0.1, beta1=-0.1), "beta1 must lie in [0, 1)"),
    (lambda: Adam(0.1, beta2=1.5), "beta2 must lie in [0, 1)"),
    (lambda: AdamW(0.1, beta2=1.0), "beta2 must lie in [0, 1)"),
    (lambda: RMSProp(0.1, alpha=1.0), "alpha must lie in [0, 1)"),
    (lambda: Adam(0.1, eps=0.0), "eps must be a positive number"),
    (lambda: AdaGrad(0.1, eps=-1e-10), "eps must be a positive number"),
    (lambda: AdamW(0.1, weight_decay=-0.01), "weight_decay must be"),
    (lambda: Adam(0.0), "learning_rate must be a positive number"),
    (lambda: RMSProp(-0.01), "learning_rate must be a positive number"),
])
def test_bad_hyperparameters_get_clear_errors(make, message):
    with pytest.raises(ValueError, match=message.replace("[", r"\[").replace("(", r"\(").replace(")", r"\)")):
        make()


def test_bad_types_get_clear_errors():
    with pytest.raises(TypeError, match="amsgrad must be True or False"):
        Adam(0.1, amsgrad="yes")
    with pytest.raises(TypeError, match="beta1 must be a real number"):
        Adam(0.1, beta1="0.9")
    with pytest.raises(TypeError, match="not the class Adam itself"):
        as_optimizer(Adam)


def test_a_schedule_that_returns_zero_is_refused_at_that_step():
    with pytest.raises(ValueError, match=r"learning_rate\(3\) must be a positive number"):
        gradient_descent(constant_gradient([1.0]), np.zeros(1), Adam(lambda k: 0.1 if k < 3 else 0.0), 10)


def test_a_blow_up_blames_the_learning_rate():
    run = gradient_descent(lambda x: np.exp(x), np.array([0.0]), Adam(1e3), 100)
    assert run.diverged or not run.converged
    assert "Adam" in Adam(0.1).blame(0.1, 3)
    assert "schedule" in Adam(lambda k: 0.1).blame(0.1, 3)


def test_reprs_name_the_hyperparameters():
    assert repr(Adam()) == "Adam(0.001, beta1=0.9, beta2=0.999, eps=1e-08)"
    assert "weight_decay=0.01" in repr(AdamW())
    assert repr(AdaGrad(0.1)) == "AdaGrad(0.1, eps=1e-10)"
    assert "alpha=0.99" in repr(RMSProp(0.1))
    assert isinstance(as_optimizer(Momentum(0.1)), Momentum)


def test_adam_powers_are_correctly_rounded_without_the_c_library():
    # beta ** t comes from double-double products (basic operations only), so it cannot depend
    # on a machine's pow; checked against the exact rational power, rounded once
    from fractions import Fraction

    from gdutils.adaptive import times_double

    for beta in (0.9, 0.99, 0.999, 0.926, 0.5 + 2.0 ** -40):
        u = (1.0, 0.0)
        for t in range(1, 401):
            u = times_double(u, beta)
            assert u[0] + u[1] == float(Fraction(beta) ** t), (beta, t)
    # and Adam uses them: its bias corrections after 50 steps are 1 minus those powers
    from gdutils.optimizers import Adam

    opt = Adam(0.1, beta1=0.926, beta2=0.999)
    opt.start(np.array([1.0, -2.0]), None)
    x = np.array([1.0, -2.0])
    for k in range(50):
        opt.apply(x, 2 * x, k)
    assert [p[0] + p[1] for p in opt.powers] == [float(Fraction(0.926) ** 50), float(Fraction(0.999) ** 50)]
