"""gdutils.plotting: the figures of chapter 10."""

import matplotlib.pyplot as plt
import numpy as np
import pytest

from gdutils.momentum import momentum_rate


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def test_rate_map_shows_the_rate_inside_the_region_and_grey_outside():
    from gdutils.plotting import plot_rate_map

    fig = plot_rate_map(eta_lam_max=4.0, n=41, points={"optimum": (1.0, 0.5)}, title="t")
    ax = fig.axes[0]
    mesh = ax.collections[0]
    values = np.ma.filled(mesh.get_array(), np.nan).reshape(41, 41)
    h, beta = np.meshgrid(np.linspace(0, 4.0, 41), np.linspace(0, 0.995, 41))
    inside = (h > 0) & (h < 2 * (1 + beta))
    expected = momentum_rate(h, beta)
    np.testing.assert_allclose(values[inside & (expected < 1)], expected[inside & (expected < 1)])
    clear = (np.abs(h - 2 * (1 + beta)) > 1e-9) & (h > 0)  # on the edges the rate is 1 up to rounding
    assert np.all(np.isnan(values[~inside & clear]))
    edge = [line for line in ax.lines if "2(1 + \\beta)" in line.get_label()][0]
    np.testing.assert_allclose(edge.get_xdata(), 2 * (1 + edge.get_ydata()))
    assert ax.get_title() == "t"
    assert any(line.get_label() == "optimum" for line in ax.lines)


def test_rates_against_kappa_draw_one_minus_rate_on_log_axes():
    from gdutils.plotting import plot_rates_against_kappa

    kappas = [10.0, 100.0]
    fig = plot_rates_against_kappa(kappas, {"descent": [0.8, 1.0]}, {"descent": lambda k: (k - 1) / (k + 1)})
    ax = fig.axes[0]
    assert ax.get_xscale() == ax.get_yscale() == "log"
    points = [line for line in ax.lines if line.get_label() == "descent, measured"][0]
    np.testing.assert_allclose(points.get_ydata(), [0.2, 0.2])  # a rate of 1 is drawn at the bottom
    curve = [line for line in ax.lines if line.get_label() == "descent, predicted"][0]
    np.testing.assert_allclose(curve.get_ydata(), 2 / (curve.get_xdata() + 1))
    with pytest.raises(ValueError, match="same labels"):
        plot_rates_against_kappa(kappas, {"a": [0.5, 0.5]}, {"b": lambda k: k})
    with pytest.raises(ValueError, match="2 kappas"):
        plot_rates_against_kappa(kappas, {"a": [0.5]}, {"a": lambda k: k})


def test_distances_draw_runs_in_colour_and_predictions_in_black_on_top():
    from gdutils.plotting import plot_distances

    k = np.arange(4.0)
    fig = plot_distances({"run": (k, np.array([1.0, 0.5, 0.0, 0.1]))}, {"bound": (k, 0.9**k)},
                         xlim=(0, 3), ylim=(1e-3, 2))
    ax = fig.axes[0]
    run, bound = ax.lines
    np.testing.assert_array_equal(run.get_ydata(), [1.0, 0.5, 0.1, 0.1])  # 0 drawn at the bottom
    assert bound.get_color() == "black" and bound.get_linestyle() == ":"
    assert ax.get_yscale() == "log" and ax.get_xlim() == (0.0, 3.0)
    with pytest.raises(ValueError, match="one length"):
        plot_distances({"run": (k, np.ones(3))})
