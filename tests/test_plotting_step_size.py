"""gdutils.plotting: chapter 5's figures."""

import matplotlib.pyplot as plt
import numpy as np
import pytest

from gdutils import Backtracking, backtracking_step, exact_quadratic_step, gradient_descent
from gdutils.objectives import quadratic_bowl
from gdutils.plotting import plot_gap_vs_evals, plot_line_search, plot_step_size_comparison


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


LONG = quadratic_bowl(np.diag([2.0, 20.0]))


def test_gap_vs_evals_draws_f_minus_fmin_against_cumulative_evaluations():
    fixed = gradient_descent(LONG.grad, [6.0, -3.0], 0.09, 30)
    bt = gradient_descent(LONG.grad, [6.0, -3.0], Backtracking(), 30, f=LONG.f)
    fig = plot_gap_vs_evals({"fixed": fixed, "bt": bt}, LONG.f, LONG.f_min)
    lines = fig.axes[0].get_lines()
    assert [ln.get_label() for ln in lines] == ["fixed", "bt"]
    np.testing.assert_array_equal(lines[0].get_xdata(), np.arange(31))  # one gradient per step, no f
    np.testing.assert_allclose(lines[0].get_ydata(), [p[0] ** 2 + 10 * p[1] ** 2 for p in fixed.path])
    np.testing.assert_array_equal(lines[1].get_xdata(), bt.cumulative_evals)
    assert fig.axes[0].get_yscale() == "log"


def test_gap_vs_evals_refuses_bad_runs():
    with pytest.raises(TypeError, match="runs must be a non-empty dict"):
        plot_gap_vs_evals({}, LONG.f, 0.0)
    with pytest.raises(TypeError, match=r"runs\['x'\] must be a DescentResult"):
        plot_gap_vs_evals({"x": np.zeros((3, 2))}, LONG.f, 0.0)


def test_step_size_comparison_has_paths_and_costs():
    runs = {"fixed": gradient_descent(LONG.grad, [6.0, -3.0], 0.09, 20)}
    fig = plot_step_size_comparison(LONG, runs, xlim=(-7, 7), ylim=(-4, 4), title="t", log_evals=True)
    left, right = fig.axes[0], fig.axes[-1]
    path_line = next(ln for ln in left.get_lines() if len(ln.get_xdata()) == 21)
    np.testing.assert_array_equal(path_line.get_xdata(), runs["fixed"].path[:, 0])
    assert right.get_xscale() == "log" and right.get_yscale() == "log"


def test_line_search_figure_marks_the_trials_of_the_real_search():
    x, g = np.array([6.0, -3.0]), LONG.grad(np.array([6.0, -3.0]))
    fig = plot_line_search(LONG.f, x, g, initial=0.2, shrink=0.5, c=0.3,
                           t_exact=exact_quadratic_step(LONG.A, g), t_max=0.22)
    found = backtracking_step(LONG.f, x, g, initial=0.2, shrink=0.5, c=0.3)
    ax = fig.axes[0]
    accepted = [ln for ln in ax.get_lines() if ln.get_label() == "accepted trial"]
    assert len(accepted) == 1 and accepted[0].get_xdata()[0] == found.t == 0.05
    armijo = next(ln for ln in ax.get_lines() if ln.get_label().startswith("Armijo"))
    t = armijo.get_xdata()
    np.testing.assert_allclose(armijo.get_ydata(), LONG.f(x) - 0.3 * t * (g @ g))
