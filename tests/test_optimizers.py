"""The optimizer interface (gdutils.optimizers): plain descent, schedules, line searches and a
stateful optimizer written here, each checked against an independent oracle."""

import numpy as np
import pytest

from gdutils import closed_form, fit_linear, gradient_descent, mse_gradient
from gdutils.optimizers import Constant, GradientDescent, Optimizer, as_optimizer, as_schedule
from gdutils.step_size import Backtracking, decaying_learning_rate


class HeavyBall(Optimizer):
    """Momentum in torch.optim.SGD's order (buf = g at the first step, then buf = mu buf + g;
    x = x - lr buf): the shape a later chapter's Momentum takes. Written here only to prove
    that an optimizer with state fits the interface."""

    def __init__(self, lr: float, mu: float) -> None:
        self.lr, self.mu = lr, mu

    def start(self, x0, evals):
        super().start(x0, evals)
        self.buf = None

    def update(self, x, g, k, fx):
        self.buf = g.copy() if self.buf is None else self.mu * self.buf + g
        return self.lr, self.buf, None


def heavy_ball_closed_form(a: float, lr: float, mu: float, x0: float, n: int) -> np.ndarray:
    """x_k for f = a x^2 / 2 from the linear recurrence x_{k+1} = (1 - lr a + mu) x_k - mu x_{k-1},
    x_1 = (1 - lr a) x_0, by powers of its companion matrix (no loop over the optimizer)."""
    M = np.array([[1 - lr * a + mu, -mu], [1.0, 0.0]])
    first = np.array([(1 - lr * a) * x0, x0])
    return np.array([x0] + [(np.linalg.matrix_power(M, k) @ first)[0] for k in range(n)])


def test_a_stateful_optimizer_runs_in_gradient_descent_and_matches_its_closed_form():
    a, lr, mu = 3.0, 0.1, 0.8
    run = gradient_descent(lambda x: a * x, np.array([2.0]), HeavyBall(lr, mu), 40)
    np.testing.assert_allclose(run.path[:, 0], heavy_ball_closed_form(a, lr, mu, 2.0, 40), rtol=1e-10, atol=1e-14)
    again = gradient_descent(lambda x: a * x, np.array([2.0]), HeavyBall(lr, mu), 40)  # start() resets the state
    np.testing.assert_array_equal(run.path, again.path)


def test_fit_linear_takes_an_optimizer_and_reaches_least_squares():
    rng = np.random.default_rng(3)
    X = rng.normal(size=(200, 2))
    y = X @ [1.5, -2.0] + 0.3 + rng.normal(0, 0.1, size=200)
    fit = fit_linear(X, y, learning_rate=HeavyBall(0.05, 0.9), epochs=400)
    np.testing.assert_allclose(fit.params, closed_form(X, y), rtol=0, atol=1e-8)
    # Full batch, one step per epoch: the same iterates as gradient_descent on the MSE gradient.
    run = gradient_descent(lambda p: mse_gradient(p, X, y), np.zeros(3), HeavyBall(0.05, 0.9), 400)
    np.testing.assert_allclose(fit.path, run.path, rtol=1e-12, atol=1e-14)


def test_fit_linear_takes_a_line_search_on_each_batch():
    rng = np.random.default_rng(4)
    X = rng.normal(size=(300, 1))
    y = 2.0 * X[:, 0] - 1.0
    fit = fit_linear(X, y, learning_rate=Backtracking(initial=1.0), epochs=60)
    np.testing.assert_allclose(fit.params, closed_form(X, y), atol=1e-8)
    minibatch = fit_linear(X, y, learning_rate=Backtracking(), epochs=30, batch_size=50, rng=rng)
    np.testing.assert_allclose(minibatch.params, [2.0, -1.0], atol=1e-6)  # noise-free data: every batch agrees


def test_a_number_a_schedule_and_gradient_descent_give_the_same_run():
    grad = lambda p: np.array([2.0 * p[0], 20.0 * p[1]])  # noqa: E731
    by_number = gradient_descent(grad, [1.0, 1.0], 0.04, 30)
    by_object = gradient_descent(grad, [1.0, 1.0], GradientDescent(0.04), 30)
    by_schedule = gradient_descent(grad, [1.0, 1.0], lambda k: 0.04, 30)
    np.testing.assert_array_equal(by_number.path, by_object.path)
    np.testing.assert_array_equal(by_number.path, by_schedule.path)
    # closed form of a fixed step on a diagonal quadratic: x_k = (1 - 2 eta)^k, y_k = (1 - 20 eta)^k
    k = np.arange(31)
    np.testing.assert_allclose(by_number.path, np.c_[0.92**k, 0.2**k], rtol=1e-13, atol=1e-300)


def test_as_schedule_normalises_a_learning_rate_in_one_place():
    assert as_schedule(0.1) == Constant(0.1) and as_schedule(0.1)(7) == 0.1
    decaying = decaying_learning_rate(1.0, 10)
    assert as_schedule(decaying) is decaying
    with pytest.raises(ValueError, match="learning_rate must be a positive number, got 0"):
        as_schedule(0)
    with pytest.raises(TypeError, match="learning_rate must be a real number, got '0.1'"):
        as_schedule("0.1")


def test_as_optimizer_keeps_an_optimizer_and_refuses_a_class():
    opt = HeavyBall(0.1, 0.5)
    assert as_optimizer(opt) is opt
    assert isinstance(as_optimizer(0.1), GradientDescent)
    with pytest.raises(TypeError, match=r"object such as HeavyBall\(\), not the class HeavyBall"):
        as_optimizer(HeavyBall)


def test_evaluations_are_counted_where_they_happen():
    calls = {"f": 0, "grad": 0}

    def f(p):
        calls["f"] += 1
        return float(p @ p)

    def grad(p):
        calls["grad"] += 1
        return 2 * p

    run = gradient_descent(grad, [3.0, -1.0], Backtracking(initial=2.0), 20, f=f, tol=1e-10)
    assert (run.n_f_evals, run.n_grad_evals) == (calls["f"], calls["grad"])
    assert run.cumulative_evals[-1] == calls["f"] + calls["grad"] - (run.status == "converged")
