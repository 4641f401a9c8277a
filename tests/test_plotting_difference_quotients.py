"""gdutils.plotting: chapter 2's figures."""

import matplotlib.pyplot as plt
import numpy as np
import pytest

from gdutils import forward_difference
from gdutils.objectives import CUBIC, SQUARE
from gdutils.plotting import plot_error_vs_h, plot_quotient_vs_derivative, plot_with_derivatives


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def test_quotient_figure_and_error_figure():
    fig = plot_quotient_vs_derivative(SQUARE, forward_difference, 0.5, (-10, 10))
    quotient = fig.axes[0].lines[2]
    np.testing.assert_allclose(quotient.get_ydata() - 2 * quotient.get_xdata(), 0.5, atol=1e-12)
    hs = np.logspace(-8, 0, 9)
    fig = plot_error_vs_h(hs, {"forward": hs}, {"model": hs}, best={"best": 1e-4})
    assert fig.axes[0].get_xscale() == "log" and len(fig.axes[0].lines) == 3
    fig = plot_with_derivatives([("f", CUBIC.f), ("f'", CUBIC.df)], (-2, 1))
    assert len(fig.axes) == 2
