"""gdutils.plotting: chapter 1's figures."""

import matplotlib.pyplot as plt
import numpy as np
import pytest

from gdutils import gradient_descent
from gdutils.objectives import SHIFTED_SQUARE, SQUARE
from gdutils.plotting import plot_descent_1d, plot_tangents


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


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


@pytest.mark.parametrize("interval", [(1, 1), (2, -2), (0, float("nan"))])
def test_bad_interval_is_refused(interval):
    with pytest.raises(ValueError, match="interval"):
        plot_tangents(SQUARE, [0.0], interval)
