"""gdutils.step_size and the chapter-5 options of gradient_descent, against independent references."""

import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gdutils import (
    Backtracking,
    DescentResult,
    ExactQuadraticLineSearch,
    NumericalLineSearch,
    backtracking_step,
    decaying_learning_rate,
    exact_quadratic_step,
    gradient_descent,
)


class Counted:
    """Wraps a function and counts its calls: an independent tally of evaluations."""

    def __init__(self, func):
        self.func, self.calls = func, 0

    def __call__(self, x):
        self.calls += 1
        return self.func(x)


def quadratic(A, b):
    A, b = np.asarray(A, float), np.asarray(b, float)
    return (lambda x: 0.5 * x @ A @ x - b @ x), (lambda x: A @ x - b)


def rosenbrock(p):
    return (1 - p[0]) ** 2 + 100 * (p[1] - p[0] ** 2) ** 2


def rosenbrock_grad(p):
    return np.array([-2 * (1 - p[0]) - 400 * p[0] * (p[1] - p[0] ** 2), 200 * (p[1] - p[0] ** 2)])


def random_spd(rng, d):
    Q, _ = np.linalg.qr(rng.normal(size=(d, d)))
    return Q @ np.diag(rng.uniform(0.1, 20.0, size=d)) @ Q.T


# ---- schedules ----


def test_decaying_schedule_values():
    sched = decaying_learning_rate(0.5, 10)
    assert sched(0) == 0.5
    assert sched(10) == 0.25  # halves after tau steps
    assert sched(30) == 0.125
    ks = np.arange(100)
    np.testing.assert_allclose(sched(ks), [0.5 * 10 / (10 + k) for k in range(100)], rtol=1e-15)
    assert str(sched) == "eta_k = 0.5 / (1 + k / 10)"


def test_gradient_descent_uses_schedule_value_k_for_step_k():
    # On f = x^2 the step k multiplies x by (1 - 2 eta_k): the path is a running product.
    sched = decaying_learning_rate(0.3, 4)
    run = gradient_descent(lambda x: 2 * x, 5.0, sched, 20)
    factors = [1 - 2 * 0.3 / (1 + k / 4) for k in range(20)]
    np.testing.assert_allclose(run.path, 5.0 * np.concatenate([[1.0], np.cumprod(factors)]), rtol=1e-13)
    np.testing.assert_allclose(run.step_sizes, [0.3 / (1 + k / 4) for k in range(20)], rtol=1e-15)


def test_any_function_of_k_is_a_schedule():
    run = gradient_descent(lambda x: 2 * x, 1.0, lambda k: 0.25 if k % 2 == 0 else 0.5, 4)
    np.testing.assert_allclose(run.path, [1.0, 0.5, 0.0, 0.0, 0.0])
    assert run.step_sizes.tolist() == [0.25, 0.5, 0.25, 0.5]


@pytest.mark.parametrize(
    "schedule, error, fragment",
    [
        (lambda k: -0.1, ValueError, r"learning_rate\(0\) must be a positive number, got -0.1"),
        (lambda k: 0.1 if k < 2 else 0.0, ValueError, r"learning_rate\(2\) must be a positive number"),
        (lambda k: float("nan"), ValueError, r"learning_rate\(0\) must be finite"),
        (lambda k: "fast", TypeError, r"learning_rate\(0\) must be a real number"),
        (lambda k: None, TypeError, r"learning_rate\(0\) returned None"),
    ],
)
def test_bad_schedule_values_are_refused(schedule, error, fragment):
    with pytest.raises(error, match=fragment):
        gradient_descent(lambda x: 2 * x, 1.0, schedule, 5)


@pytest.mark.parametrize(
    "eta0, tau, error, fragment",
    [
        (0.0, 10, ValueError, "eta0 must be a positive number, got 0.0"),
        (-1.0, 10, ValueError, "eta0 must be a positive number"),
        (0.1, 0, ValueError, "tau must be a positive number, got 0"),
        (0.1, -5.0, ValueError, "tau must be a positive number"),
        (0.1, float("inf"), ValueError, "tau must be finite"),
        ("0.1", 10, TypeError, "eta0 must be a real number"),
    ],
)
def test_bad_schedule_parameters_are_refused(eta0, tau, error, fragment):
    with pytest.raises(error, match=fragment):
        decaying_learning_rate(eta0, tau)


def test_schedule_step_number_must_be_a_whole_number():
    sched = decaying_learning_rate(0.1, 10)
    with pytest.raises(TypeError, match="k must be a whole number"):
        sched(1.5)
    with pytest.raises(ValueError, match="k must be >= 0"):
        sched(-1)


def test_diverging_schedule_stops_with_a_clear_message():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        run = gradient_descent(lambda x: 2 * x, 1.0, decaying_learning_rate(3.0, 1e6), 10_000, f=lambda x: x * x)
    assert run.diverged and np.all(np.isfinite(run.path))
    assert "the schedule's value at step" in run.message and "too large" in run.message


# ---- exact line search on quadratics ----


@pytest.mark.parametrize("seed", range(10))
def test_exact_step_minimises_f_along_the_ray(seed):
    rng = np.random.default_rng(seed)
    d = int(rng.integers(1, 6))
    A, b, x = random_spd(rng, d), rng.normal(size=d), rng.normal(size=d) * 3
    f, grad = quadratic(A, b)
    g = grad(x)
    t = exact_quadratic_step(A, g)
    # Reference 1: the derivative along the ray, d/dt f(x - t g) = -grad(x - t g) . g, is zero at t.
    assert abs(grad(x - t * g) @ g) <= 1e-9 * (g @ g)
    # Reference 2: a fine scan of f(x - s g) over s in [0, 3t] has its smallest value next to t.
    s = np.linspace(0, 3 * t, 30001)
    values = np.array([f(x - si * g) for si in s])
    assert abs(s[np.argmin(values)] - t) <= 2 * (s[1] - s[0])
    assert f(x - t * g) <= values.min() + 1e-12 * (1 + abs(values.min()))


def test_exact_step_on_a_round_bowl_lands_on_the_minimum_in_one_step():
    # f = x^2 + y^2 = x^T (2I) x / 2: the gradient points straight at 0 and t = 1/2.
    A = 2 * np.eye(2)
    run = gradient_descent(lambda p: A @ p, [6.0, -3.0], ExactQuadraticLineSearch(A), 10, tol=1e-12)
    assert run.step_sizes.tolist() == [0.5] and run.x.tolist() == [0.0, 0.0]
    assert run.converged and run.n_steps == 1 and run.n_f_evals == 0
    # two gradients (x0 and x1) plus the product A g of the one search
    assert run.n_grad_evals == 3 and run.cumulative_evals.tolist() == [0, 2]


def test_exact_line_search_counts_its_product_a_g_as_a_gradient():
    A = np.diag([2.0, 20.0])
    grad = Counted(lambda p: A @ p)
    run = gradient_descent(grad, [6.0, -3.0], ExactQuadraticLineSearch(A), 40, tol=1e-4)
    products = run.n_steps  # one closed-form step, one product A g, per step taken
    assert run.converged and run.n_steps > 5 and run.n_f_evals == 0
    assert run.n_grad_evals == grad.calls + products
    # entry k: the gradients at x_0..x_{k-1} and the k products, all made before reaching x_k
    assert run.cumulative_evals.tolist() == [0] + [2 * k for k in range(1, run.n_steps + 1)]


def test_exact_line_search_on_elongated_bowl_matches_the_classic_rate():
    # Steepest descent with exact steps on a quadratic: the error in the A-norm shrinks by at
    # most (kappa - 1)/(kappa + 1) per step (Kantorovich); from (10, 1) on diag(2, 20) the
    # start is the worst case, so the bound holds with equality.
    A = np.diag([2.0, 20.0])
    f, grad = quadratic(A, [0.0, 0.0])
    run = gradient_descent(grad, [10.0, 1.0], ExactQuadraticLineSearch(A), 30)
    ratios = np.array([f(p) for p in run.path[1:]]) / np.array([f(p) for p in run.path[:-1]])
    np.testing.assert_allclose(ratios, ((10 - 1) / (10 + 1)) ** 2, rtol=1e-9)
    # consecutive steps are perpendicular (exact search stops where the new gradient is orthogonal)
    steps = np.diff(run.path, axis=0)
    lengths = np.linalg.norm(steps, axis=1)
    cosines = np.sum(steps[1:] * steps[:-1], axis=1) / (lengths[1:] * lengths[:-1])
    assert np.max(np.abs(cosines)) < 1e-9


def test_exact_search_with_a_zero_gradient_takes_no_step():
    assert exact_quadratic_step(np.eye(2), [0.0, 0.0]) == 0.0


@pytest.mark.parametrize(
    "A, error, fragment",
    [
        ([[1.0, 2.0], [0.0, 1.0]], ValueError, "A must be symmetric"),
        ([[1.0, 0.0], [0.0, -1.0]], ValueError, "A must be positive definite, but its smallest eigenvalue is -1"),
        ([[1.0, 0.0], [0.0, 0.0]], ValueError, "A must be positive definite"),
        ([1.0, 2.0], ValueError, "A must be a square matrix"),
        ([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]], ValueError, "A must be a square matrix"),
        ([[np.nan, 0.0], [0.0, 1.0]], ValueError, "A must be finite"),
        ("A", TypeError, "A must be a real number or an array"),
    ],
)
def test_bad_matrices_are_refused(A, error, fragment):
    with pytest.raises(error, match=fragment):
        exact_quadratic_step(A, [1.0, 1.0])
    with pytest.raises(error, match=fragment):
        ExactQuadraticLineSearch(A)


def test_exact_search_size_mismatch_is_refused():
    with pytest.raises(ValueError, match="g must have 2 entries"):
        exact_quadratic_step(np.eye(2), [1.0, 2.0, 3.0])
    with pytest.raises(ValueError, match="A is 2x2, but x0 has 3 entries"):
        gradient_descent(lambda p: p, [1.0, 2.0, 3.0], ExactQuadraticLineSearch(np.eye(2)), 5)


# ---- backtracking with Armijo ----


@pytest.mark.parametrize("seed", range(10))
def test_backtracking_step_is_the_first_trial_that_satisfies_armijo(seed):
    rng = np.random.default_rng(seed)
    x = rng.uniform(-2, 2, size=2)
    g = rosenbrock_grad(x)
    initial, shrink, c = rng.uniform(0.5, 2.0), rng.uniform(0.2, 0.8), rng.uniform(1e-4, 0.5)
    counted = Counted(rosenbrock)
    found = backtracking_step(counted, x, g, initial=initial, shrink=shrink, c=c)
    assert found.accepted
    # Reference: an independent loop over the trial steps initial * shrink^j.
    fx, gg = rosenbrock(x), g @ g
    j = 0
    while not rosenbrock(x - initial * shrink**j * g) <= fx - c * initial * shrink**j * gg:
        j += 1
    assert found.t == initial * shrink**j or np.isclose(found.t, initial * shrink**j, rtol=1e-14)
    assert found.n_f_evals == j + 1
    assert counted.calls == j + 2  # the trials plus f(x) itself
    assert found.f_new == rosenbrock(x - found.t * g)


@settings(max_examples=40, deadline=None)
@given(
    x=st.tuples(st.floats(-2, 2), st.floats(-1, 3)),
    shrink=st.floats(0.1, 0.9),
    c=st.floats(1e-4, 0.9),
    initial=st.floats(1e-3, 10),
)
def test_property_armijo_holds_for_every_accepted_step(x, shrink, c, initial):
    run = gradient_descent(rosenbrock_grad, list(x), Backtracking(initial, shrink, c), 40, f=rosenbrock)
    assert not run.diverged
    for k in range(run.n_steps):
        g = rosenbrock_grad(run.path[k])
        t = run.step_sizes[k]
        assert rosenbrock(run.path[k + 1]) <= rosenbrock(run.path[k]) - c * t * (g @ g)
        # and the step before it (t / shrink) was rejected, unless t is the initial step
        if t < initial:
            bigger = rosenbrock(run.path[k] - (t / shrink) * g)
            assert not bigger <= rosenbrock(run.path[k]) - c * (t / shrink) * (g @ g)
    assert np.all(np.diff(run.values) < 0) or run.n_steps == 0
    np.testing.assert_array_equal(run.values, [rosenbrock(p) for p in run.path])


def test_evaluation_counts_match_independent_counters():
    for rule, with_f in [
        (0.001, False),
        (0.001, True),
        (decaying_learning_rate(0.002, 100), True),
        (Backtracking(1.0, 0.5, 1e-4), True),
        (Backtracking(0.01, 0.3, 0.3), True),
    ]:
        f, grad = Counted(rosenbrock), Counted(rosenbrock_grad)
        calls = []
        run = gradient_descent(grad, [-1.2, 1.0], rule, 300, f=f if with_f else None, tol=1e-3,
                               callback=lambda k, x: calls.append(f.calls + grad.calls) and False)
        assert run.n_grad_evals == grad.calls
        assert run.n_f_evals == f.calls
        assert run.cumulative_evals.tolist()[1:] == calls
        assert run.cumulative_evals[0] == (1 if with_f else 0)


def test_backtracking_on_quadratic_counts_and_converges():
    A = np.diag([2.0, 20.0])
    f, grad = quadratic(A, [2.0, -4.0])
    x_star = np.linalg.solve(A, [2.0, -4.0])
    f_count = Counted(f)
    # (tol 1e-6, not 1e-10: near the minimum f(x) - f* falls below rounding, ~1e-16 |f|, and the
    # Armijo test can no longer tell a decrease from noise: |grad| stalls near 1e-8 = sqrt(eps).)
    run = gradient_descent(grad, [10.0, 1.0], Backtracking(1.0, 0.5, 1e-4), 1000, f=f_count, tol=1e-6)
    assert run.converged and np.allclose(run.x, x_star, atol=1e-6)
    assert run.n_f_evals == f_count.calls and run.n_f_evals > run.n_steps  # at least one trial per step


def test_backtracking_needs_f():
    with pytest.raises(ValueError, match="evaluates f along the ray: pass f="):
        gradient_descent(rosenbrock_grad, [0.0, 0.0], Backtracking(), 5)


def first_trial_that_does_not_move(x, g, initial, shrink):
    """The number of trials t = initial * shrink^j made before x - t g equals x in float64: an
    independent count, one trial at a time with Python floats."""
    j, t = 0, initial
    while any(xi - t * gi != xi for xi, gi in zip(x, g)):
        j, t = j + 1, t * shrink
    return j


@pytest.mark.parametrize("shrink", [0.5, 0.9, 0.99])
def test_backtracking_gives_up_when_grad_is_not_the_gradient_of_f(shrink):
    # grad points uphill (the sign is flipped): no step can decrease f. The search must keep
    # shrinking until the trial step no longer moves x, however many shrinks that takes.
    x0 = np.array([-1.2, 1.0])

    def wrong_grad(p):
        return -np.array([-2 * (1 - p[0]) - 400 * p[0] * (p[1] - p[0] ** 2), 200 * (p[1] - p[0] ** 2)])

    run = gradient_descent(wrong_grad, x0, Backtracking(1.0, shrink, 1e-4), 10, f=rosenbrock)
    assert not run.converged and not run.diverged and run.n_steps == 0
    assert run.status == "line search failed"
    trials = first_trial_that_does_not_move(x0, wrong_grad(x0), 1.0, shrink)
    assert trials > 60  # 60 shrinks, the old fixed count, stop far too early for shrink 0.9
    assert run.n_f_evals == 1 + trials
    assert f"found no step with sufficient decrease in {trials} trials" in run.message
    assert "leave x unchanged in float64" in run.message and "is grad the gradient of f?" in run.message


@pytest.mark.parametrize("shrink", [0.9, 0.95])
def test_backtracking_with_a_gentle_shrink_does_not_give_up_on_rosenbrock(shrink):
    # With a count of 60 shrinks, shrink 0.9 could not go below 0.9^60 = 1.8e-3 and stopped at
    # step 1 (shrink 0.95 at step 0) blaming the gradient: the limit is the smallest step.
    grad = lambda p: np.array([-2 * (1 - p[0]) - 400 * p[0] * (p[1] - p[0] ** 2),  # noqa: E731
                               200 * (p[1] - p[0] ** 2)])
    run = gradient_descent(grad, [-1.2, 1.0], Backtracking(1.0, shrink, 1e-4), 300, f=rosenbrock)
    assert run.status == "budget" and run.n_steps == 300
    assert np.all(np.diff(run.values) < 0) and run.values[-1] < 0.5 * run.values[0]
    assert np.min(run.step_sizes) < shrink**60


def test_backtracking_step_stops_at_the_smallest_step_that_moves_x():
    x, g = np.array([3.0, -1e-3]), np.array([1.0, 2.0])
    found = backtracking_step(lambda p: (x - p) @ g, x, g, initial=1.0, shrink=0.9)  # -g points uphill
    assert not found.accepted and found.t == 0.0
    assert found.n_f_evals == first_trial_that_does_not_move(x, g, 1.0, 0.9)


# ---- NumericalLineSearch ----


@pytest.mark.parametrize("d, kappa", [(2, 1.0), (2, 10.0), (5, 1e3), (10, 1e2), (10, 1e5)])
def test_numerical_line_search_finds_the_exact_quadratic_step(d, kappa):
    # on f = x^T A x / 2 - b^T x the minimiser along -g is t* = g^T g / g^T A g (closed form)
    rng = np.random.default_rng(1000 + d)
    for _ in range(5):
        Q, _ = np.linalg.qr(rng.normal(size=(d, d)))
        A = Q @ np.diag(np.geomspace(1.0, kappa, d) * rng.uniform(0.1, 10.0)) @ Q.T
        A = (A + A.T) / 2
        b, x0 = rng.normal(size=d), rng.normal(size=d) * 5
        f, grad = quadratic(A, b)
        g = grad(x0)
        t_star = (g @ g) / (g @ A @ g)
        for initial in (1.0, 1e-3 * t_star, 1e3 * t_star):
            run = gradient_descent(grad, x0, NumericalLineSearch(initial), 1, f=f)
            assert run.n_steps == 1 and run.status == "budget"
            assert abs(run.step_sizes[0] - t_star) <= 1e-5 * t_star
            assert run.values[1] < run.values[0]


def test_numerical_line_search_at_a_zero_gradient_has_converged():
    # The round bowl: the exact step lands on the minimum, where the gradient is exactly 0.
    f = Counted(lambda p: p[0] ** 2 + p[1] ** 2)
    run = gradient_descent(lambda p: 2 * p, [6.0, -3.0], NumericalLineSearch(), 3, f=f)
    assert run.x.tolist() == [0.0, 0.0] and run.n_steps == 1
    assert run.status == "converged" and run.converged
    assert "gradient is exactly 0" in run.message and "sufficient" not in run.message
    assert run.n_f_evals == f.calls < 60  # one search, not 200 evaluations


@pytest.mark.parametrize("search", [NumericalLineSearch(), Backtracking(), ExactQuadraticLineSearch(2 * np.eye(2))])
def test_every_line_search_converges_at_a_zero_gradient(search):
    run = gradient_descent(lambda p: 2 * p, [0.0, 0.0], search, 5, f=lambda p: p @ p)
    assert run.status == "converged" and run.n_steps == 0 and run.n_f_evals <= 1


def test_numerical_line_search_below_rounding_stops_early_and_says_why():
    # f = 1000 + (x - 1)^2 near x = 1: any decrease along -g (about 1e-18) is far below f's
    # rounding (about 1e-13), so no trial lowers f; the halving stops once x no longer moves.
    f = Counted(lambda x: 1000.0 + (x - 1.0) ** 2)
    run = gradient_descent(lambda x: 2 * (x - 1.0), 1.0 + 1e-9, NumericalLineSearch(), 5, f=f)
    assert run.status == "line search failed" and run.n_steps == 0
    assert run.n_f_evals == f.calls < 40
    assert "rounding error" in run.message and "sufficient decrease" not in run.message


def test_backtracking_on_an_unbounded_function_reports_divergence():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        run = gradient_descent(lambda x: -2 * x, 1.0, Backtracking(1.0, 0.5, 0.5), 100_000, f=lambda x: -x * x)
    assert run.status == "diverged" and "unbounded below" in run.message


def test_backtracking_rejects_non_finite_trials():
    # f overflows far from 0; the search must shrink past those trials, not accept nan or inf.
    def f(x):
        return np.exp(x * x) if abs(x) < 20 else float("inf")

    found = backtracking_step(f, 1.0, 2 * np.e * 1e3, initial=1.0)
    assert found.accepted and np.isfinite(found.f_new) and found.f_new < f(1.0)


@pytest.mark.parametrize(
    "kwargs, error, fragment",
    [
        ({"initial": 0.0}, ValueError, "initial must be a positive number"),
        ({"initial": -1.0}, ValueError, "initial must be a positive number"),
        ({"shrink": 1.0}, ValueError, "shrink must lie strictly between 0 and 1"),
        ({"shrink": 0.0}, ValueError, "shrink must lie strictly between 0 and 1"),
        ({"shrink": 2.0}, ValueError, "shrink must lie strictly between 0 and 1"),
        ({"c": 0.0}, ValueError, "c must lie strictly between 0 and 1"),
        ({"c": 1.0}, ValueError, "c must lie strictly between 0 and 1"),
        ({"c": "small"}, TypeError, "c must be a real number"),
    ],
)
def test_bad_backtracking_parameters_are_refused(kwargs, error, fragment):
    with pytest.raises(error, match=fragment):
        Backtracking(**kwargs)
    with pytest.raises(error, match=fragment):
        backtracking_step(lambda x: x * x, 1.0, 2.0, **kwargs)


def test_backtracking_step_argument_shapes():
    with pytest.raises(ValueError, match=r"g must have the shape of x, \(2,\)"):
        backtracking_step(lambda p: p @ p, [1.0, 1.0], [1.0, 1.0, 1.0])
    with pytest.raises(ValueError, match="f must be finite at x"):
        backtracking_step(lambda x: float("inf"), 1.0, 1.0)


# ---- the result object stays compatible ----


def test_result_made_the_old_way_still_works():
    old = DescentResult(x=0.0, path=np.zeros(1), values=None, n_steps=0, converged=False, diverged=False,
                        message="", status="budget", n_grad_evals=0)
    assert old.n_f_evals == 0 and old.step_sizes is None and old.cumulative_evals is None


def test_fixed_step_results_report_their_steps_and_costs():
    run = gradient_descent(lambda x: 2 * x, 1.0, 0.1, 7, f=lambda x: x * x)
    assert run.step_sizes.tolist() == [0.1] * 7
    assert run.n_f_evals == 8 and run.n_grad_evals == 7
    assert run.cumulative_evals.tolist() == [1 + 2 * k for k in range(8)]  # f(x0), then grad + f per step


def test_a_line_search_class_instead_of_an_object_is_refused():
    with pytest.raises(TypeError, match=r"line search object such as Backtracking\(\), not the class"):
        gradient_descent(rosenbrock_grad, [0.0, 0.0], Backtracking, 5, f=rosenbrock)


# ---- review of the issue-11 fixes: an initial step that cannot move x, cost, stationary points ----


@pytest.mark.parametrize("search", [Backtracking(1e-3), NumericalLineSearch(1e-3)])
def test_an_initial_step_too_small_to_move_x_is_named(search):
    # f = |p - 1|^2 at (1 + 1e-14, 1): -grad is a descent direction, t = 0.5 lands on the minimum,
    # but t0 |g| = 1e-3 * 2e-14 is far below half an ulp of 1 (1.1e-16): x - t0 g is x itself.
    x0 = np.array([1 + 1e-14, 1.0])
    g0 = 2 * (x0 - 1)
    assert np.all(x0 - 1e-3 * g0 == x0) and np.any(x0 - 0.5 * g0 != x0)
    f = Counted(lambda p: (p - 1) @ (p - 1))
    run = gradient_descent(lambda p: 2 * (p - 1), x0, search, 10, f=f)
    assert run.status == "line search failed" and run.n_steps == 0
    assert "initial step t0 = 0.001 does not move x in float64" in run.message
    assert "trials" not in run.message and "descent direction" not in run.message
    assert run.n_f_evals == f.calls == 1  # f(x0) only: no trial was made
    found = backtracking_step(f, x0, g0, initial=1e-3)
    assert not found.accepted and found.n_f_evals == 0 and "larger initial" in found.reason
    assert backtracking_step(f, x0, g0, initial=0.5).accepted


def test_a_failing_search_costs_about_log_ratio_over_log_shrink_trials():
    # The docstrings' count: about ln(t_min / t0) / ln(shrink) trials, t_min the smallest step
    # that moves x; from (-1.2, 1) with the sign error, t_min / t0 is near 5e-19.
    x0 = np.array([-1.2, 1.0])
    g0 = -np.array([-2 * (1 - x0[0]) - 400 * x0[0] * (x0[1] - x0[0] ** 2), 200 * (x0[1] - x0[0] ** 2)])
    # x0 - t g0 moves x exactly when t g_x = 215.6 t exceeds half an ulp of 1.2, 2^-53 (ties aside;
    # y = 1 - 88 t needs a larger t); t0 = 1
    t_min = 2.0**-53 / 215.6
    assert g0[0] == pytest.approx(215.6) and 5e-19 < t_min < 5.2e-19
    assert np.any(x0 - 1.01 * t_min * g0 != x0) and np.all(x0 - 0.99 * t_min * g0 == x0)
    for shrink, about in ((0.5, 61), (0.999, 42_000)):
        found = backtracking_step(lambda p: -(p @ g0), x0, g0, shrink=shrink)  # f rises along -g0
        assert not found.accepted
        assert found.n_f_evals == first_trial_that_does_not_move(x0, g0, 1.0, shrink)
        assert abs(found.n_f_evals - np.log(t_min) / np.log(shrink)) <= 1.5
        assert abs(found.n_f_evals - about) <= 0.01 * about
    # ... and the docstrings state that count; the module's does not claim that every search gives
    # up only at that limit (NumericalLineSearch also stops at max_evals)
    import gdutils.step_size as step_size

    for doc in (Backtracking.__doc__, backtracking_step.__doc__):
        assert "ln(t_min / initial) / ln(shrink)" in " ".join(doc.split())
    module_doc = " ".join(step_size.__doc__.split())
    assert "ln(t_min / t0) / ln(shrink)" in module_doc and "42,000" in module_doc
    assert "max_evals" in module_doc and "A search gives up only" not in module_doc


def test_a_zero_gradient_stops_a_line_search_at_a_saddle_too():
    # x^2 - y^2 at (0, 0): a saddle, not a minimum, yet "converged": the docstrings must say so
    from gdutils.optimizers import Stationary
    from gdutils.step_size import LineSearch

    run = gradient_descent(lambda p: np.array([2 * p[0], -2 * p[1]]), [0.0, 0.0], Backtracking(), 5,
                           f=lambda p: p[0] ** 2 - p[1] ** 2)
    assert run.status == "converged" and run.converged and "stationary point" in run.message
    for doc in (LineSearch.__doc__, Stationary.__doc__, gradient_descent.__doc__):
        assert "not be a minimum" in doc or "not necessarily a minimum" in doc
    assert "saddle" in LineSearch.__doc__ and "saddle" in Stationary.__doc__
