"""gdutils.plotting: chapter 3's figures of functions of two variables (also used by chapters 4 and 5)."""

import matplotlib as mpl
import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.collections import PolyCollection
from matplotlib.quiver import Quiver

from gdutils import gradient_descent, numerical_gradient
from gdutils.plotting import (
    COLORS,
    evaluate_on_grid,
    plot_contour_panels,
    plot_contour_paths,
    plot_gradient_field,
    plot_surface,
)


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def bowl_grad(p):
    return np.array([2 * p[0] - p[1], 6 * p[1] - p[0]])


def scalar_only_bowl(p):
    """Accepts only a single point (uses float()), so the grid falls back to a loop."""
    x, y = float(p[0]), float(p[1])
    return x * x + 3 * y * y - x * y


def bowl(p):
    return p[0] * p[0] + 3 * p[1] * p[1] - p[0] * p[1]


def test_grid_values_match_point_by_point_for_vectorised_and_scalar_f():
    X, Y, Z = evaluate_on_grid(bowl, xlim=(-2, 3), ylim=(-1, 1), n=7)
    assert X.shape == Y.shape == Z.shape == (7, 7)
    assert X[0, 0] == -2 and X[0, -1] == 3 and Y[0, 0] == -1 and Y[-1, 0] == 1
    expected = np.array([[bowl(np.array([x, y])) for x, y in zip(rx, ry)] for rx, ry in zip(X, Y)])
    np.testing.assert_allclose(Z, expected, rtol=1e-14)
    np.testing.assert_array_equal(evaluate_on_grid(scalar_only_bowl, xlim=(-2, 3), ylim=(-1, 1), n=7)[2],
                                  expected)
    # an f that accepts a grid but computes something else there (a norm of the whole array)
    _, _, Zn = evaluate_on_grid(lambda p: np.linalg.norm(p), xlim=(-2, 3), ylim=(-1, 1), n=5)
    assert Zn[0, 0] == pytest.approx(np.hypot(2, 1))
    # q @ q is right for a point and wrong for a (2, n, n) stack: must fall back
    _, _, Zq = evaluate_on_grid(lambda q: q @ q, xlim=(-2, 3), ylim=(-1, 1), n=4)
    X4, Y4, _ = evaluate_on_grid(bowl, xlim=(-2, 3), ylim=(-1, 1), n=4)
    np.testing.assert_allclose(Zq, X4 ** 2 + Y4 ** 2, rtol=1e-14)


def test_contour_paths_draws_each_path_with_label_start_and_end():
    runs = [gradient_descent(bowl_grad, [2.5, 0.8], 0.1, 25), np.array([[-1.5, -0.5], [-1.0, 0.0], [0.0, 0.0]])]
    fig = plot_contour_paths(bowl, runs, xlim=(-2, 3), ylim=(-1, 1), labels=["run A", "run B"])
    (ax,) = fig.axes
    lines = {line.get_label(): line for line in ax.lines}
    assert {"run A", "run B"} <= set(lines)
    np.testing.assert_array_equal(np.column_stack(lines["run A"].get_data()), runs[0].path)
    np.testing.assert_array_equal(np.column_stack(lines["run B"].get_data()), runs[1])
    assert mpl.colors.same_color(lines["run A"].get_color(), COLORS[0])
    assert mpl.colors.same_color(lines["run B"].get_color(), COLORS[1])
    markers = [(line.get_marker(), tuple(line.get_xydata()[0])) for line in ax.lines if line.get_marker() in "o*"]
    assert ("o", (2.5, 0.8)) in markers and ("*", tuple(runs[0].path[-1])) in markers
    assert ("o", (-1.5, -0.5)) in markers and ("*", (0.0, 0.0)) in markers
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["run A", "run B"]
    assert ax.get_xlim() == (-2, 3) and ax.get_ylim() == (-1, 1)
    assert len(ax.collections) >= 2  # filled and line contours


def test_contours_follow_f_and_no_path_means_no_lines():
    levels = [0.5, 1.0, 2.0]
    fig = plot_contour_paths(lambda p: p[0] ** 2 + p[1] ** 2, xlim=(-2, 2), ylim=(-2, 2), levels=levels)
    ax = fig.axes[0]
    assert len(ax.lines) == 0 and ax.get_legend() is None
    contour = ax.collections[-1]
    np.testing.assert_array_equal(contour.levels, levels)
    for level, segs in zip(levels, contour.allsegs):
        radii = np.hypot(*np.concatenate(segs).T)
        np.testing.assert_allclose(radii, np.sqrt(level), rtol=2e-3)


def test_contour_paths_on_given_axes_side_by_side():
    fig, axes = plt.subplots(1, 2)
    out = plot_contour_paths(bowl, np.array([[1.0, 1.0], [0.0, 0.0]]), xlim=(-2, 2), ylim=(-2, 2), ax=axes[1])
    assert out is fig and len(axes[0].lines) == 0 and len(axes[1].lines) == 3
    panels = plot_contour_panels(bowl, [None, np.array([[1.0, 1.0], [0.5, 0.5]]),
                                        [np.array([[1.0, -1.0]]), np.array([[-1.0, 1.0], [0.0, 0.0]])]],
                                 xlim=(-2, 2), ylim=(-2, 2), titles=["a", "b", "c"], ncols=2,
                                 labels=[None, None, ["one", "two"]])
    visible = [ax for ax in panels.axes if ax.get_visible()]
    assert [ax.get_title() for ax in visible] == ["a", "b", "c"]
    assert [len(ax.lines) for ax in visible] == [0, 3, 6]
    assert len(panels.axes) == 4 and not panels.axes[3].get_visible()


def test_gradient_field_arrows_are_the_gradient_and_point_uphill():
    fig = plot_gradient_field(lambda p: 2 * p, xlim=(-10, 10), ylim=(-10, 10), n=5,
                              f=lambda p: p[0] ** 2 + p[1] ** 2)
    ax = fig.axes[0]
    (quiver,) = [c for c in ax.collections if isinstance(c, Quiver)]
    np.testing.assert_allclose(quiver.X, np.tile([-8, -4, 0, 4, 8], 5))  # centres of a 5 x 5 tiling
    np.testing.assert_allclose(quiver.Y, np.repeat([-8, -4, 0, 4, 8], 5))
    np.testing.assert_allclose(quiver.U, 2 * quiver.X)
    np.testing.assert_allclose(quiver.V, 2 * quiver.Y)
    # away from the origin: the arrow has a positive component along the position
    assert np.all(quiver.U * quiver.X + quiver.V * quiver.Y >= 0)
    assert len(ax.collections) >= 3  # contours underneath
    heads_x = quiver.X + quiver.U / quiver.scale
    heads_y = quiver.Y + quiver.V / quiver.scale
    assert np.all(np.abs(heads_x) <= 10) and np.all(np.abs(heads_y) <= 10)  # no arrow leaves the frame


def test_gradient_field_with_a_loop_only_grad_normalised_and_at_points():
    g = lambda p: numerical_gradient(bowl, p, 1e-5)  # noqa: E731  (accepts one point only)
    pts = np.array([[1.0, 0.5], [-1.0, 0.25]])
    fig = plot_gradient_field(g, xlim=(-2, 2), ylim=(-1, 1), points=pts, normalize=True)
    (quiver,) = [c for c in fig.axes[0].collections if isinstance(c, Quiver)]
    expected = np.array([bowl_grad(p) for p in pts])
    expected /= np.linalg.norm(expected, axis=1, keepdims=True)
    np.testing.assert_allclose(np.column_stack([quiver.U, quiver.V]), expected, rtol=1e-8)
    # the colours still tell the magnitudes apart
    np.testing.assert_allclose(quiver.get_array(), [np.linalg.norm(bowl_grad(p)) for p in pts], rtol=1e-8)


def test_surface_with_path_lifted_to_f():
    run = gradient_descent(bowl_grad, [2.0, -1.0], 0.1, 10)
    fig = plot_surface(bowl, xlim=(-2, 2), ylim=(-1, 1), path=run, label="descent", n=20)
    ax = fig.axes[0]
    assert ax.name == "3d"
    assert any(isinstance(c, PolyCollection) for c in ax.collections)
    (line,) = [line for line in ax.lines if line.get_label() == "descent"]
    xs, ys, zs = line.get_data_3d()
    np.testing.assert_array_equal(np.column_stack([xs, ys]), run.path)
    np.testing.assert_allclose(zs, [bowl(p) for p in run.path], rtol=1e-14)
    assert len(plot_surface(bowl, xlim=(-2, 2), ylim=(-1, 1), n=10).axes[0].lines) == 0


@pytest.mark.parametrize(
    "call, error, fragment",
    [
        (lambda: plot_contour_paths(bowl, xlim=(1, 1), ylim=(0, 1)), ValueError, "xlim"),
        (lambda: plot_contour_paths(bowl, xlim=(0, 1), ylim=(0, float("nan"))), ValueError, "ylim"),
        (lambda: plot_contour_paths(bowl, xlim=5, ylim=(0, 1)), ValueError, "xlim must be a pair"),
        (lambda: plot_contour_paths(bowl, np.zeros((4, 3)), xlim=(0, 1), ylim=(0, 1)), ValueError, r"\(k\+1, 2\)"),
        (lambda: plot_contour_paths(bowl, [np.zeros((2, 2))], xlim=(0, 1), ylim=(0, 1), labels=["a", "b"]),
         ValueError, "labels"),
        (lambda: plot_contour_paths(bowl, xlim=(0, 1), ylim=(0, 1), levels=[3, 2, 1]), ValueError, "levels"),
        (lambda: plot_contour_paths("f", xlim=(0, 1), ylim=(0, 1)), TypeError, "f must be a function"),
        (lambda: plot_contour_paths(lambda p: None, xlim=(0, 1), ylim=(0, 1)), TypeError, "return"),
        (lambda: plot_contour_paths(lambda p: p, xlim=(0, 1), ylim=(0, 1)), ValueError, "single real number"),
        (lambda: plot_contour_paths(lambda p: np.nan, xlim=(0, 1), ylim=(0, 1)), ValueError, "not finite"),
        (lambda: plot_contour_paths(bowl, xlim=(0, 1), ylim=(0, 1), ax="left"), TypeError, "Axes"),
        (lambda: plot_contour_paths(bowl, xlim=(0, 1), ylim=(0, 1), n=1), ValueError, "n must be at least 2"),
        (lambda: plot_gradient_field(lambda p: p[0], xlim=(0, 1), ylim=(0, 1)), ValueError, r"shape \(2,\)"),
        (lambda: plot_gradient_field(bowl_grad, xlim=(0, 1), ylim=(0, 1), points=[1.0, 2.0, 3.0]),
         ValueError, "points"),
        (lambda: plot_surface(bowl, xlim=(0, 1), ylim=(0, 1), path=np.zeros(3)), ValueError, "path"),
        (lambda: plot_surface(bowl, xlim=(0, 1), ylim=(0, 1), ax=plt.subplots()[1]), ValueError, "3-D"),
        (lambda: plot_contour_panels(bowl, [], xlim=(0, 1), ylim=(0, 1)), ValueError, "panels"),
    ],
)
def test_bad_arguments_to_2d_plots_are_refused(call, error, fragment):
    with pytest.raises(error, match=fragment):
        call()


def test_directional_derivative_figure_marks_the_gradient():
    from gdutils.plotting import plot_directional_derivatives

    theta = np.linspace(0, 360, 73)
    g = np.array([1.0, 3.0])
    u = np.column_stack([np.cos(np.radians(theta)), np.sin(np.radians(theta))])
    fig = plot_directional_derivatives(theta, u @ g, gradient=g)
    ax = fig.axes[0]
    np.testing.assert_array_equal(ax.lines[0].get_ydata(), u @ g)
    vertical = ax.lines[1].get_xdata()
    assert vertical[0] == pytest.approx(np.degrees(np.arctan2(3, 1)))
    assert ax.lines[2].get_ydata()[0] == pytest.approx(np.sqrt(10))
    with pytest.raises(ValueError, match="same length"):
        plot_directional_derivatives(theta, theta[:-1])
    with pytest.raises(ValueError, match="2 components"):
        plot_directional_derivatives(theta, theta, gradient=[1.0, 2.0, 3.0])
