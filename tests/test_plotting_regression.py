"""gdutils.plotting: chapter 6's figures."""

import matplotlib.pyplot as plt
import numpy as np
import pytest


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


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
