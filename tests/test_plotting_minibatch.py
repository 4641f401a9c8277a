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


def _relative_luminance(rgb) -> float:
    """WCAG 2.1's relative luminance of an sRGB colour with channels in [0, 1]."""
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb[:3]]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def test_batch_assignments_tell_the_batches_apart_without_colour():
    # Chapter 7's grid once told five batches apart by fills alone (luminance contrast down to
    # 1.03:1). Each cell now carries its batch's number, legible on its fill, and a line
    # separates neighbours in different batches.
    from matplotlib.collections import LineCollection
    from matplotlib.colors import to_rgb

    from gdutils.plotting import plot_batch_assignments

    epochs = [[np.array([2, 0]), np.array([1, 3]), np.array([4])], [np.array([4, 3]), np.array([0, 1]), np.array([2])]]
    fig = plot_batch_assignments({"a": epochs}, 5)
    ax = fig.axes[0]
    labels = {(round(t.get_position()[1]), round(t.get_position()[0])): t.get_text() for t in ax.texts}
    assert labels == {(1, 0): "1", (1, 1): "2", (1, 2): "1", (1, 3): "2", (1, 4): "3",
                      (2, 0): "2", (2, 1): "2", (2, 2): "3", (2, 3): "1", (2, 4): "1"}
    image = ax.images[0]
    for text in ax.texts:
        row, i = round(text.get_position()[1]) - 1, round(text.get_position()[0])
        fill = image.cmap(image.norm(image.get_array()[row, i]))
        ink = to_rgb(text.get_color())
        lighter, darker = sorted([_relative_luminance(fill), _relative_luminance(ink)], reverse=True)
        assert (lighter + 0.05) / (darker + 0.05) >= 4.5, (text.get_text(), fill)
    # Fills of different batches differ, so the colour still helps where it can be seen.
    fills = {tuple(image.cmap(image.norm(k))) for k in range(3)}
    assert len(fills) == 3
    borders = [c for c in ax.collections if isinstance(c, LineCollection) and c.get_label() == "batch borders"]
    # Row 1 is 1 2 1 2 3 (4 changes between neighbours), row 2 is 2 2 3 1 1 (2 changes).
    vertical = sorted((s[0][0], s[0][1]) for s in borders[0].get_segments())
    assert vertical == [(0.5, 0.5), (1.5, 0.5), (1.5, 1.5), (2.5, 0.5), (2.5, 1.5), (3.5, 0.5)]
