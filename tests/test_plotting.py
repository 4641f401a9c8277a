"""gdutils.plotting: each figure draws what it says, and bad input is refused."""

import matplotlib as mpl
import matplotlib.pyplot as plt
import numpy as np
import pytest

from gdutils import forward_difference, gradient_descent
from gdutils.objectives import CUBIC, SHIFTED_SQUARE, SQUARE
from gdutils.plotting import (
    BOOK_STYLE,
    book_style,
    plot_descent_1d,
    plot_error_vs_h,
    plot_quotient_vs_derivative,
    plot_tangents,
    plot_with_derivatives,
)


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def test_book_style_restores_only_its_own_settings():
    mpl.rcParams["interactive"] = True
    before = {k: mpl.rcParams[k] for k in BOOK_STYLE}
    with book_style():
        mpl.rcParams["interactive"] = True  # what an inline backend does while the first figure is made
        assert mpl.rcParams["axes.grid"] is True
    assert mpl.rcParams["interactive"] is True
    assert {k: mpl.rcParams[k] for k in BOOK_STYLE} == before
    mpl.rcParams["interactive"] = False


def test_tangent_lines_have_the_derivative_as_slope():
    fig = plot_tangents(SHIFTED_SQUARE, [0.5, 3.5], (-1, 5))
    ax = fig.axes[0]
    tangents = [line for line in ax.lines if line.get_label().startswith("tangent")]
    assert len(tangents) == 2
    for line, p in zip(tangents, [0.5, 3.5]):
        (x1, x2), (y1, y2) = line.get_xdata(), line.get_ydata()
        assert (y2 - y1) / (x2 - x1) == pytest.approx(SHIFTED_SQUARE.df(p))


def test_descent_figure_has_curve_and_convergence_panels():
    run = gradient_descent(SQUARE.df, 3.0, 0.1, 30, f=SQUARE.f)
    fig = plot_descent_1d(SQUARE, run, predicted=3.0 * 0.8 ** np.arange(31))
    left, right = fig.axes
    assert right.get_yscale() == "log"
    np.testing.assert_allclose(right.lines[0].get_ydata(), np.abs(run.path))
    with pytest.raises(ValueError, match="one variable"):
        plot_descent_1d(SQUARE, gradient_descent(lambda p: 2 * p, [1.0, 1.0], 0.1, 3))
    with pytest.raises(TypeError, match="DescentResult"):
        plot_descent_1d(SQUARE, run.path)


def test_quotient_figure_and_error_figure():
    fig = plot_quotient_vs_derivative(SQUARE, forward_difference, 0.5, (-10, 10))
    quotient = fig.axes[0].lines[2]
    np.testing.assert_allclose(quotient.get_ydata() - 2 * quotient.get_xdata(), 0.5, atol=1e-12)
    hs = np.logspace(-8, 0, 9)
    fig = plot_error_vs_h(hs, {"forward": hs}, {"model": hs}, best={"best": 1e-4})
    assert fig.axes[0].get_xscale() == "log" and len(fig.axes[0].lines) == 3
    fig = plot_with_derivatives([("f", CUBIC.f), ("f'", CUBIC.df)], (-2, 1))
    assert len(fig.axes) == 2


@pytest.mark.parametrize("interval", [(1, 1), (2, -2), (0, float("nan"))])
def test_bad_interval_is_refused(interval):
    with pytest.raises(ValueError, match="interval"):
        plot_tangents(SQUARE, [0.0], interval)


def test_regression_figures_draw_the_lines_and_the_losses():
    from gdutils.plotting import plot_fit_evolution, plot_loss_curves
    from gdutils.regression import fit_linear

    x = np.arange(-5.0, 5.0)
    y = 2 * x + 1
    fit = fit_linear(x, y, learning_rate=0.01, epochs=20)
    fig = plot_fit_evolution(x, y, fit, [0, 5, 20])
    lines = fig.axes[0].get_lines()
    assert len(lines) == 3
    np.testing.assert_allclose(lines[-1].get_ydata(), fit.path[20, 0] * np.array([-5.0, 4.0]) + fit.path[20, 1])
    fig2 = plot_loss_curves({"a": fit}, floor=0.0)
    assert len(plot_loss_curves({"a": fit}, zoom=5).axes[1].get_lines()[0].get_xdata()) == 6
    np.testing.assert_allclose(fig2.axes[0].get_lines()[0].get_ydata(), fit.losses[fit.losses > 0])
    with pytest.raises(ValueError, match="epochs must lie between 0 and 20"):
        plot_fit_evolution(x, y, fit, [21])
    with pytest.raises(TypeError, match="fit must be a LinearFitResult"):
        plot_fit_evolution(x, y, "fit", [0])


# ---------------------------------------------------------------- chapters 7-8


def test_batch_assignments_colour_each_example_by_its_batch():
    from gdutils.plotting import plot_batch_assignments

    epochs = [[np.array([2, 0]), np.array([1, 3]), np.array([4])], [np.array([4, 3]), np.array([0, 1]), np.array([2])]]
    fig = plot_batch_assignments({"a": epochs, "b": epochs[:1]}, 5)
    grid = fig.axes[0].images[0].get_array()
    np.testing.assert_array_equal(grid, [[0, 1, 0, 1, 2], [1, 1, 2, 0, 0]])
    assert len(fig.axes) == 2


def test_log_curves_leave_out_zeros_and_refuse_mismatched_lengths():
    from gdutils.plotting import plot_log_curves

    fig = plot_log_curves({"a": (np.arange(4), np.array([1.0, 0.1, 0.0, 0.01]))}, xlabel="k", ylabel="e",
                          logx=True, styles={"a": "--"})
    ax = fig.axes[0]
    assert ax.get_yscale() == "log" and ax.get_xscale() == "log"
    np.testing.assert_array_equal(ax.lines[0].get_ydata(), [1.0, 0.1, 0.01])
    with pytest.raises(ValueError, match="one length"):
        plot_log_curves({"a": (np.arange(3), np.ones(4))}, xlabel="k", ylabel="e")


def test_gradient_spread_figure():
    from gdutils.plotting import plot_gradient_spread

    b = [1, 4, 16]
    fig = plot_gradient_spread(b, [1.0, 0.5, 0.0], [1.0, 0.49, 0.2], [1.0, 0.5, 0.25])
    ax = fig.axes[0]
    assert ax.get_xscale() == ax.get_yscale() == "log"
    measured = [line for line in ax.lines if line.get_label() == "measured"][0]
    np.testing.assert_array_equal(measured.get_ydata(), [1.0, 0.5])
    with pytest.raises(ValueError, match="one length"):
        plot_gradient_spread(b, [1.0], [1.0, 0.5, 0.2], [1.0, 0.5, 0.25])
