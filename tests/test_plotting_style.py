"""gdutils.plotting: the shared style, the one log-axis rule, and ax= / title= on every single-panel figure."""

import matplotlib as mpl
import matplotlib.pyplot as plt
import numpy as np
import pytest

from gdutils import fit_linear, forward_difference
from gdutils import plotting as gp
from gdutils.objectives import SQUARE
from gdutils.plotting import BOOK_STYLE, book_style


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


def test_one_rule_for_log_axes_draws_what_the_axis_cannot_show_at_its_floor():
    from gdutils.plotting import on_log_axis

    np.testing.assert_array_equal(on_log_axis([1.0, 0.0, -1e-3, 1e-20], 1e-16), [1.0, 1e-16, 1e-16, 1e-16])
    np.testing.assert_array_equal(on_log_axis([4.0, 0.0, 2.0]), [4.0, 2.0, 2.0])  # floor: smallest positive
    assert np.isnan(on_log_axis([np.nan, 1.0])[0])


def bowl(p):
    return p[0] * p[0] + 3 * p[1] * p[1] - p[0] * p[1]


def _single_panel_figures():
    """Every single-panel figure of gdutils.plotting, drawn from small data; called with ax= and title=."""
    x = np.linspace(0.0, 1.0, 8)
    fit = fit_linear(x, 2 * x + 1, learning_rate=0.1, epochs=3)
    return {
        "tangents": lambda **kw: gp.plot_tangents(SQUARE, [1.0], (-2, 2), **kw),
        "quotient": lambda **kw: gp.plot_quotient_vs_derivative(SQUARE, forward_difference, 0.5, (-1, 1), **kw),
        "error_vs_h": lambda **kw: gp.plot_error_vs_h(np.logspace(-8, -1, 4), {"f": np.logspace(-8, -1, 4)}, **kw),
        "contours": lambda **kw: gp.plot_contour_paths(bowl, xlim=(-1, 1), ylim=(-1, 1), **kw),
        "field": lambda **kw: gp.plot_gradient_field(lambda p: 2 * p, xlim=(-1, 1), ylim=(-1, 1), **kw),
        "directional": lambda **kw: gp.plot_directional_derivatives(np.arange(3.0), np.arange(3.0), **kw),
        "distance": lambda **kw: gp.plot_distance_curves({"a": 0.5 ** np.arange(4)}, **kw),
        "line_search": lambda **kw: gp.plot_line_search(lambda p: float(p @ p), [1.0, 1.0], [2.0, 2.0], **kw),
        "fit": lambda **kw: gp.plot_fit_evolution(x, 2 * x + 1, fit, [0, 3], **kw),
        "loss": lambda **kw: gp.plot_loss_curves({"fit": fit}, **kw),
        "log_curves": lambda **kw: gp.plot_log_curves({"a": (np.arange(3), np.ones(3))}, xlabel="k", ylabel="e", **kw),
        "spread": lambda **kw: gp.plot_gradient_spread([1, 2], [1.0, 0.5], [1.0, 0.5], [1.0, 0.7], **kw),
    }


@pytest.mark.parametrize("name", sorted(_single_panel_figures()))
def test_every_single_panel_figure_takes_ax_and_title(name):
    draw = _single_panel_figures()[name]
    fig, (left, right) = plt.subplots(1, 2)
    assert draw(ax=right, title="on the right") is fig
    assert right.get_title() == "on the right" and left.get_title() == ""
    assert draw(title="alone").axes[0].get_title() == "alone"
