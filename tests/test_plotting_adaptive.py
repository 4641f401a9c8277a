"""gdutils.plotting: the figures of chapter 11."""

import matplotlib.pyplot as plt
import numpy as np
import pytest

from gdutils.objectives import bowl
from gdutils.schedules import cosine_schedule, step_decay


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def test_paths_side_by_side_draw_one_panel_per_function_with_its_paths():
    from gdutils.plotting import plot_paths_side_by_side

    path = np.array([[1.0, 1.0], [0.5, -0.2], [0.0, 0.0]])
    fig = plot_paths_side_by_side([(bowl(1.0, 10.0).f, [path], "aligned"), (bowl(10.0, 1.0).f, [path[::-1]], "other")],
                                  xlim=(-1.5, 1.5), ylim=(-1.5, 1.5), labels=["run"], levels=5, n=30)
    assert len(fig.axes) == 2
    assert [ax.get_title() for ax in fig.axes] == ["aligned", "other"]
    first = [line for line in fig.axes[0].lines if line.get_label() == "run"][0]
    np.testing.assert_array_equal(first.get_xydata(), path)
    assert [a.get_legend() for a in fig.axes] == [None, None] and len(fig.legends) == 1
    with pytest.raises(ValueError, match="non-empty list"):
        plot_paths_side_by_side([], xlim=(0, 1), ylim=(0, 1))
    with pytest.raises(ValueError, match="tuple"):
        plot_paths_side_by_side([(bowl(1.0, 1.0).f, [path])], xlim=(0, 1), ylim=(0, 1))


def test_schedules_draw_eta_k_against_k():
    from gdutils.plotting import plot_schedules

    fig = plot_schedules({"cosine": cosine_schedule(0.1, 20, warmup=4), "step": step_decay(0.1, 0.5, 5),
                          "plain": lambda k: 0.05}, 20, title="t", logy=True)
    ax = fig.axes[0]
    cosine, step, plain = ax.lines
    np.testing.assert_array_equal(cosine.get_xdata(), np.arange(20))
    np.testing.assert_allclose(cosine.get_ydata(), [cosine_schedule(0.1, 20, warmup=4)(k) for k in range(20)],
                               rtol=1e-15)
    np.testing.assert_allclose(step.get_ydata(), 0.1 * 0.5 ** (np.arange(20) // 5))
    np.testing.assert_array_equal(plain.get_ydata(), np.full(20, 0.05))  # a plain function, called step by step
    assert [line.get_linestyle() for line in ax.lines] == ["-", "--", "-."]  # not colour alone
    assert ax.get_yscale() == "log" and ax.get_title() == "t"
    with pytest.raises(TypeError, match=r"learning_rate\(0\) must be a real number"):
        plot_schedules({"bad": lambda k: np.ones(3)}, 5)


def test_range_test_draws_loss_against_rate_on_log_axes_with_marks():
    from gdutils.plotting import plot_range_test

    etas = np.geomspace(1e-3, 1.0, 5)
    fig = plot_range_test({"descent": (etas, np.array([1.0, 0.5, 0.1, 0.0, 3.0]))}, marks={"limit": 0.4},
                          ylim=(0.01, 10))
    ax = fig.axes[0]
    curve = [line for line in ax.lines if line.get_label() == "descent"][0]
    np.testing.assert_array_equal(curve.get_xdata(), etas)
    assert curve.get_ydata()[3] == 0.1  # an exact 0 drawn at the bottom
    mark = [line for line in ax.lines if line.get_label() == "limit"][0]
    assert list(mark.get_xdata()) == [0.4, 0.4] and mark.get_color() == "black"
    assert ax.get_xscale() == ax.get_yscale() == "log" and ax.get_ylim() == (0.01, 10)
    with pytest.raises(ValueError, match="one length"):
        plot_range_test({"x": (etas, np.ones(3))})
    with pytest.raises(ValueError, match="positive"):
        plot_range_test({"x": (etas, np.ones(5))}, marks={"bad": -1.0})
