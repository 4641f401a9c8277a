"""gdutils.gradient_descent against closed forms (the pinned digits of the reference runs are in test_golden)."""

import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gdutils import DescentResult, gradient_descent, numerical_gradient
from gdutils.objectives import CUBIC, SHIFTED_SQUARE, SQUARE, quadratic


def test_scalar_run_matches_closed_form_and_shapes():
    x0, eta, n = -37.0, 0.1, 200
    run = gradient_descent(SQUARE.df, x0, eta, n, f=SQUARE.f)
    assert isinstance(run, DescentResult)
    assert isinstance(run.x, float)
    assert run.path.shape == (n + 1,)
    assert run.values.shape == (n + 1,)
    assert run.n_steps == n and run.n_grad_evals == n
    np.testing.assert_allclose(run.path, (1 - 2 * eta) ** np.arange(n + 1) * x0, rtol=1e-12)
    np.testing.assert_allclose(run.values, run.path**2)


def test_brief_reference_run_shifted_square_matches_its_closed_form():
    # Content brief, chapter 1: start 10, eta 0.01, 400 steps; closed form 2 + 8 * 0.98^k.
    run = gradient_descent(SHIFTED_SQUARE.df, 10.0, 0.01, 400)
    np.testing.assert_allclose(run.path - 2, 8 * 0.98 ** np.arange(401), rtol=1e-9)


def test_brief_reference_run_paraboloid_matches_its_closed_form():
    # Content brief, chapter 4: start (6, -3), eta 0.001, 5000 steps; closed form (0.998)^k * start.
    start = np.array([6.0, -3.0])
    run = gradient_descent(lambda p: 2 * p, start, 0.001, 5000)
    k = np.arange(5001)[:, None]
    np.testing.assert_allclose(run.path, 0.998**k * start, rtol=1e-10)


def test_brief_runs_with_numerical_gradients():
    run = gradient_descent(lambda p: numerical_gradient(lambda q: q @ q, p, 1e-5), [2.0, 2.0], 0.02, 400)
    np.testing.assert_allclose(run.x, 2 * 0.96**400, rtol=1e-6)

    def f3(p):
        return p[0] ** 2 - 2 * p[0] + p[1] ** 2 + p[2] ** 2 + p[1] * p[2]

    run3 = gradient_descent(lambda p: numerical_gradient(f3, p, 1e-5), [2.0, -5.0, 7.0], 0.05, 400, f=f3)
    np.testing.assert_allclose(run3.x, [1.0, 0.0, 0.0], atol=1e-6)
    assert run3.values[-1] == pytest.approx(-1.0, abs=1e-12)


def test_never_modifies_x0_and_path_rows_are_copies():
    x0 = np.array([1.0, -2.0])
    run = gradient_descent(lambda p: 2 * p, x0, 0.1, 5)
    np.testing.assert_array_equal(x0, [1.0, -2.0])
    run.x[0] = 99.0
    assert run.path[-1, 0] != 99.0


def test_grad_that_mutates_its_argument_cannot_corrupt_the_run():
    def nasty_grad(p):
        g = 2 * p
        p[:] = 1e9
        return g

    run = gradient_descent(nasty_grad, np.array([1.0]), 0.25, 3)
    np.testing.assert_allclose(run.path[:, 0], [1.0, 0.5, 0.25, 0.125])


def test_tol_stops_when_gradient_is_small():
    run = gradient_descent(SQUARE.df, 1.0, 0.25, 1000, tol=1e-6)
    assert run.converged and not run.diverged
    assert abs(SQUARE.df(run.x)) <= 1e-6 < abs(SQUARE.df(run.path[-2]))
    assert run.status == "converged"
    unfinished = gradient_descent(SQUARE.df, 1.0, 0.01, 5, tol=1e-6)
    assert not unfinished.converged and unfinished.status == "budget"


def test_divergence_stops_cleanly_without_warnings():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        run = gradient_descent(SQUARE.df, 1.0, 1.5, 10_000, f=SQUARE.f)
    assert run.diverged and not run.converged and run.status == "diverged"
    assert "learning rate 1.5 is too large" in run.message  # the message names the culprit
    assert np.all(np.isfinite(run.path)) and np.all(np.isfinite(run.values))
    assert run.n_steps == run.path.size - 1 < 10_000


def test_divergence_to_non_finite_is_caught():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        run = gradient_descent(lambda x: np.exp(x * x), 3.0, 1.0, 100)
    assert run.diverged and np.all(np.isfinite(run.path))


def test_unbounded_function_is_blamed_not_the_learning_rate():
    run = gradient_descent(CUBIC.df, -2.0, 0.05, 1000, f=CUBIC.f)
    assert run.diverged and "unbounded below" in run.message


def test_callback_sees_each_step_and_can_stop():
    seen = []
    run = gradient_descent(SQUARE.df, 1.0, 0.1, 50, callback=lambda k, x: seen.append((k, x)) or k == 3)
    assert [k for k, _ in seen] == [1, 2, 3]
    assert run.n_steps == 3 and run.status == "callback"


@pytest.mark.parametrize(
    "kwargs, error, fragment",
    [
        ({"learning_rate": 0.0}, ValueError, "learning_rate must be a positive number, got 0.0"),
        ({"learning_rate": -0.1}, ValueError, "learning_rate must be a positive number"),
        ({"learning_rate": float("nan")}, ValueError, "learning_rate must be finite"),
        ({"learning_rate": "0.1"}, TypeError, "learning_rate must be a real number"),
        ({"n_steps": -1}, ValueError, "n_steps must be >= 0, got -1"),
        ({"n_steps": 10.0}, TypeError, "n_steps must be a whole number"),
        ({"n_steps": True}, TypeError, "n_steps must be a whole number"),
        ({"x0": float("inf")}, ValueError, "x0 must be finite"),
        ({"x0": [[1.0, 2.0]]}, ValueError, "x0 must be a scalar or a 1-D array"),
        ({"x0": "one"}, TypeError, "x0 must be a real number"),
        ({"tol": -1.0}, ValueError, "tol must be >= 0"),
        ({"grad": 3}, TypeError, "grad must be a function"),
    ],
)
def test_bad_arguments_are_refused_with_clear_messages(kwargs, error, fragment):
    args = {"grad": SQUARE.df, "x0": 1.0, "learning_rate": 0.1, "n_steps": 10} | kwargs
    with pytest.raises(error, match=fragment.replace("(", r"\(").replace(")", r"\)")):
        gradient_descent(**args)


def test_gradient_of_wrong_shape_is_refused():
    with pytest.raises(ValueError, match=r"grad must return an array of shape \(2,\)"):
        gradient_descent(lambda p: p[:1], np.array([1.0, 2.0]), 0.1, 5)
    with pytest.raises(ValueError, match="grad must return a single number"):
        gradient_descent(lambda x: [x, x], 1.0, 0.1, 5)


@settings(max_examples=80, deadline=None)
@given(
    a=st.floats(0.1, 10),
    c=st.floats(-100, 100),
    x0=st.floats(-100, 100),
    factor=st.floats(0.01, 1.99),
    n=st.integers(0, 60),
)
def test_property_quadratic_descent_follows_closed_form(a, c, x0, factor, n):
    eta = factor / (2 * a)  # 1 - 2 a eta = 1 - factor lies in (-0.99, 0.99): always convergent
    bowl = quadratic(a, c)
    run = gradient_descent(bowl.df, x0, eta, n)
    k = np.arange(n + 1)
    expected = c + (1 - 2 * a * eta) ** k * (x0 - c)
    np.testing.assert_allclose(run.path, expected, rtol=1e-9, atol=1e-9 * (abs(c) + abs(x0) + 1))
    assert not run.diverged


@settings(max_examples=50, deadline=None)
@given(eta=st.floats(1.01, 50), x0=st.floats(0.5, 1e6))
def test_property_too_large_learning_rate_always_reports_divergence(eta, x0):
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        run = gradient_descent(SQUARE.df, x0, eta, 100_000, f=SQUARE.f)
    assert run.diverged and run.status == "diverged"
    assert np.all(np.isfinite(run.path))


def test_functions_that_return_none_or_complex_are_refused():
    with pytest.raises(TypeError, match="grad returned None at step 0: is a `return` missing"):
        gradient_descent(lambda x: None, 1.0, 0.1, 3)
    with pytest.raises(TypeError, match="grad must return real numbers, got complex"):
        gradient_descent(lambda x: np.complex128(2 * x), 1.0, 0.1, 3)
    with pytest.raises(TypeError, match="f returned None"):
        gradient_descent(SQUARE.df, 1.0, 0.1, 3, f=lambda x: None)


def test_blow_up_message_states_the_actual_bound():
    run = gradient_descent(SQUARE.df, 0.001, 1.5, 10_000)
    assert "|x| passed 1e+15" in run.message  # the bound is 1e15 * max(1, |x0|)


# ---- step_tol: the step-length stopping rule (chapter 4) ----


def test_step_tol_stops_at_the_first_short_step_scalar():
    # f = x^2, eta = 0.25: x_k = 0.5^k, so step k has length 0.5^k; 0.5^10 < 1e-3 < 0.5^9.
    run = gradient_descent(SQUARE.df, 1.0, 0.25, 1000, step_tol=1e-3)
    assert run.converged and not run.diverged
    assert run.n_steps == 10 and run.path.size == 11
    assert run.x == 0.5**10
    assert run.message == "converged after 10 steps: step length 0.000977 <= step_tol 0.001"


def test_step_tol_stops_at_the_first_short_step_vector():
    # grad 2p, eta = 0.1: x_k = 0.8^k x0, so step k has length 0.2 * 0.8^(k-1) * |x0|.
    x0 = np.array([3.0, -4.0])  # |x0| = 5
    step_tol = 1e-4
    lengths = 0.2 * 0.8 ** np.arange(200) * 5.0  # lengths[k-1] is step k
    expected_k = int(np.argmax(lengths <= step_tol)) + 1
    run = gradient_descent(lambda p: 2 * p, x0, 0.1, 1000, step_tol=step_tol)
    assert run.converged and run.n_steps == expected_k
    steps = np.linalg.norm(np.diff(run.path, axis=0), axis=1)
    assert steps[-1] <= step_tol < steps[-2]
    assert run.status == "converged" and "step length" in run.message
    assert run.n_grad_evals == expected_k


def test_step_tol_and_tol_together_whichever_rule_holds_first_is_named():
    # eta = 0.25 on x^2: |grad| at x_k is 2 * 0.5^k, the step k has length 0.5^k.
    by_gradient = gradient_descent(SQUARE.df, 1.0, 0.25, 1000, tol=1e-2, step_tol=1e-6)
    assert by_gradient.converged and by_gradient.n_steps == 8  # 2 * 0.5^8 < 1e-2 < 2 * 0.5^7
    assert "gradient norm" in by_gradient.message and "step_tol" not in by_gradient.message
    by_step = gradient_descent(SQUARE.df, 1.0, 0.25, 1000, tol=1e-9, step_tol=1e-2)
    assert by_step.converged and by_step.n_steps == 7  # 0.5^7 < 1e-2 < 0.5^6
    assert "step length" in by_step.message


def test_step_tol_budget_used_up_says_so():
    run = gradient_descent(SQUARE.df, 1.0, 0.01, 5, step_tol=1e-9)
    assert run.status == "budget" and run.n_steps == 5 and run.n_grad_evals == 5
    assert run.message.startswith("used the whole step budget of 5 steps; the last step")
    assert "still above step_tol 1e-09" in run.message
    both = gradient_descent(SQUARE.df, 1.0, 0.01, 5, tol=1e-9, step_tol=1e-9)
    assert "still above tol" in both.message and "still above step_tol" in both.message
    none = gradient_descent(SQUARE.df, 1.0, 0.01, 0, step_tol=1e-9)
    assert none.n_steps == 0 and "never tested" in none.message


def test_step_tol_zero_stops_only_on_a_zero_step():
    run = gradient_descent(SQUARE.df, 0.0, 0.1, 50, step_tol=0.0)  # grad is exactly 0 at 0
    assert run.converged and run.n_steps == 1 and run.x == 0.0


def test_step_tol_does_not_hide_divergence():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        run = gradient_descent(SQUARE.df, 1.0, 1.5, 10_000, f=SQUARE.f, step_tol=1e-6)
    assert run.status == "diverged" and not run.converged


def test_step_tol_callback_still_sees_every_step():
    seen = []
    run = gradient_descent(SQUARE.df, 1.0, 0.25, 100, step_tol=1e-3, callback=lambda k, x: seen.append(k))
    assert seen == list(range(1, 11)) and run.n_steps == 10 and run.converged


@pytest.mark.parametrize(
    "step_tol, error, fragment",
    [
        (-1.0, ValueError, "step_tol must be >= 0, got -1.0"),
        (float("nan"), ValueError, "step_tol must be finite"),
        ("small", TypeError, "step_tol must be a real number"),
        (True, TypeError, "step_tol must be a real number"),
    ],
)
def test_step_tol_bad_values_are_refused(step_tol, error, fragment):
    with pytest.raises(error, match=fragment):
        gradient_descent(SQUARE.df, 1.0, 0.1, 10, step_tol=step_tol)


@pytest.mark.parametrize(
    ("kwargs", "status"),
    [
        ({"learning_rate": 0.25, "n_steps": 1000, "tol": 1e-6}, "converged"),
        ({"learning_rate": 0.25, "n_steps": 1000, "step_tol": 1e-3}, "converged"),
        ({"learning_rate": 0.01, "n_steps": 5}, "budget"),
        ({"learning_rate": 1.5, "n_steps": 10_000}, "diverged"),
        ({"learning_rate": 0.1, "n_steps": 50, "callback": lambda k, x: k == 3}, "callback"),
    ],
)
def test_every_way_of_stopping_has_its_status(kwargs, status):
    run = gradient_descent(SQUARE.df, 1.0, **kwargs)
    assert run.status == status
    assert run.converged == (status == "converged") and run.diverged == (status == "diverged")


@pytest.mark.parametrize("eta", [0.101, 0.105, 0.11, 0.12])
def test_a_growing_run_that_used_its_budget_is_reported_as_diverged(eta):
    # issue 11, defect 9: on a x^2 + b y^2, y is multiplied by 1 - 2 b eta per step; past
    # eta = 1 / b that factor is below -1 and f grows, long before |x| reaches PATH_BLOW_UP
    a, b, start, n = 1.0, 10.0, np.array([-9.0, 4.0]), 40
    run = gradient_descent(lambda p: np.array([2 * a * p[0], 2 * b * p[1]]), start, eta, n,
                           f=lambda p: a * p[0] ** 2 + b * p[1] ** 2)
    assert abs(1 - 2 * b * eta) > 1
    assert run.status == "diverged" and run.diverged and run.n_steps == n
    assert run.message.startswith("diverging: used the whole step budget of 40 steps, but f rose")
    assert f"the learning rate {eta:g} is too large" in run.message
    np.testing.assert_allclose(run.path[-1, 1], (1 - 2 * b * eta) ** n * 4.0, rtol=1e-12)


@pytest.mark.parametrize("eta", [0.01, 0.05, 0.0868, 0.0959, 0.0999])
def test_a_converging_run_that_used_its_budget_is_not_diverged(eta):
    start = np.array([-9.0, 4.0])
    run = gradient_descent(lambda p: np.array([2 * p[0], 20 * p[1]]), start, eta, 40,
                           f=lambda p: p[0] ** 2 + 10 * p[1] ** 2)
    assert abs(1 - 20 * eta) < 1 and run.status == "budget"


@pytest.mark.parametrize("beta", [0.5, 0.9, 0.99])
@pytest.mark.parametrize("eta", [0.01, 0.05, 0.09])
def test_momentum_that_overshoots_but_converges_is_not_diverged(eta, beta):
    # the heavy ball on x^2 + 10 y^2 converges for eta * 20 < 2 (1 + beta): f climbs for a few
    # steps at a time while it swings, which must not count as growing
    from gdutils.optimizers import Momentum

    for n in range(5, 80):
        run = gradient_descent(lambda p: np.array([2 * p[0], 20 * p[1]]), np.array([-9.0, 4.0]),
                               Momentum(eta, beta), n, f=lambda p: p[0] ** 2 + 10 * p[1] ** 2)
        assert run.status == "budget", (n, run.message)


def test_without_f_a_growing_run_is_only_stopped_by_the_blow_up_rule():
    run = gradient_descent(SQUARE.df, 1.0, 1.1, 40)
    assert run.status == "budget"
