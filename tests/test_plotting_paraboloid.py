"""gdutils.plotting: chapter 4's figures (theory beside experiment on a log axis)."""

import matplotlib.pyplot as plt
import numpy as np
import pytest

from gdutils.plotting import plot_distance_curves


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def test_distance_curves_draw_measured_solid_and_predicted_dashed_in_matching_colours():
    k = np.arange(6)
    fig = plot_distance_curves({"a": 0.5**k, "b": np.r_[1.0, 0.0, 0.0]}, {"a, predicted": 0.5**k})
    ax = fig.axes[0]
    solid_a, solid_b, dashed_a = ax.get_lines()
    np.testing.assert_array_equal(solid_a.get_ydata(), 0.5**k)
    np.testing.assert_array_equal(solid_b.get_ydata(), [1.0, 1e-16, 1e-16])  # exact zeros drawn at the floor
    assert dashed_a.get_linestyle() == "--" and dashed_a.get_color() == solid_a.get_color()
    assert ax.get_yscale() == "log"
    with pytest.raises(ValueError, match="measured must be a non-empty mapping"):
        plot_distance_curves({})
