"""gdutils.plotting: the figures of chapters 7 and 8."""

import matplotlib.pyplot as plt
import numpy as np
import pytest


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def test_batch_assignments_colour_each_example_by_its_batch():
    from gdutils.plotting import plot_batch_assignments

    epochs = [[np.array([2, 0]), np.array([1, 3]), np.array([4])], [np.array([4, 3]), np.array([0, 1]), np.array([2])]]
    fig = plot_batch_assignments({"a": epochs, "b": epochs[:1]}, 5)
    grid = fig.axes[0].images[0].get_array()
    np.testing.assert_array_equal(grid, [[0, 1, 0, 1, 2], [1, 1, 2, 0, 0]])
    assert len(fig.axes) == 2


def test_log_curves_draw_zeros_at_the_bottom_and_refuse_mismatched_lengths():
    from gdutils.plotting import plot_log_curves

    fig = plot_log_curves({"a": (np.arange(4), np.array([1.0, 0.1, 0.0, 0.01]))}, xlabel="k", ylabel="e",
                          logx=True, styles={"a": "--"})
    ax = fig.axes[0]
    assert ax.get_yscale() == "log" and ax.get_xscale() == "log"
    np.testing.assert_array_equal(ax.lines[0].get_ydata(), [1.0, 0.1, 0.01, 0.01])  # 0 at the lowest value
    with pytest.raises(ValueError, match="one length"):
        plot_log_curves({"a": (np.arange(3), np.ones(4))}, xlabel="k", ylabel="e")


def test_gradient_spread_figure():
    from gdutils.plotting import plot_gradient_spread

    b = [1, 4, 16]
    fig = plot_gradient_spread(b, [1.0, 0.5, 0.0], [1.0, 0.49, 0.2], [1.0, 0.5, 0.25])
    ax = fig.axes[0]
    assert ax.get_xscale() == ax.get_yscale() == "log"
    measured = [line for line in ax.lines if line.get_label() == "measured"][0]
    np.testing.assert_array_equal(measured.get_ydata(), [1.0, 0.5, 0.5])  # the full batch's 0 at the bottom
    with pytest.raises(ValueError, match="one length"):
        plot_gradient_spread(b, [1.0], [1.0, 0.5, 0.2], [1.0, 0.5, 0.25])
