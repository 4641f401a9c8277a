"""gdutils.plotting: each figure draws what it says, and bad input is refused."""

import matplotlib as mpl
import matplotlib.pyplot as plt
import numpy as np
import pytest

from gdutils import forward_difference, gradient_descent
from gdutils.objectives import CUBIC, SHIFTED_SQUARE, SQUARE
from gdutils.plotting import (
    BOOK_STYLE,
    book_style,
    plot_descent_1d,
    plot_error_vs_h,
    plot_quotient_vs_derivative,
    plot_tangents,
    plot_with_derivatives,
)


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


def test_quotient_figure_and_error_figure():
    fig = plot_quotient_vs_derivative(SQUARE, forward_difference, 0.5, (-10, 10))
    quotient = fig.axes[0].lines[2]
    np.testing.assert_allclose(quotient.get_ydata() - 2 * quotient.get_xdata(), 0.5, atol=1e-12)
    hs = np.logspace(-8, 0, 9)
    fig = plot_error_vs_h(hs, {"forward": hs}, {"model": hs}, best={"best": 1e-4})
    assert fig.axes[0].get_xscale() == "log" and len(fig.axes[0].lines) == 3
    fig = plot_with_derivatives([("f", CUBIC.f), ("f'", CUBIC.df)], (-2, 1))
    assert len(fig.axes) == 2


@pytest.mark.parametrize("interval", [(1, 1), (2, -2), (0, float("nan"))])
def test_bad_interval_is_refused(interval):
    with pytest.raises(ValueError, match="interval"):
        plot_tangents(SQUARE, [0.0], interval)


# --- functions of two variables (chapters 3-5) ---------------------------------------------

from matplotlib.collections import PolyCollection  # noqa: E402
from matplotlib.quiver import Quiver  # noqa: E402

from gdutils import numerical_gradient  # noqa: E402
from gdutils.plotting import (  # noqa: E402
    COLORS,
    evaluate_on_grid,
    plot_contour_panels,
    plot_contour_paths,
    plot_gradient_field,
    plot_surface,
)


def bowl(p):
    return p[0] * p[0] + 3 * p[1] * p[1] - p[0] * p[1]


def bowl_grad(p):
    return np.array([2 * p[0] - p[1], 6 * p[1] - p[0]])


def scalar_only_bowl(p):
    """Accepts only a single point (uses float()), so the grid falls back to a loop."""
    x, y = float(p[0]), float(p[1])
    return x * x + 3 * y * y - x * y


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


# ---------------------------------------------------------------- chapters 7-8


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
# ---- chapter 5: step-size figures ----

from gdutils import Backtracking, backtracking_step, exact_quadratic_step  # noqa: E402
from gdutils.objectives import quadratic_bowl  # noqa: E402
from gdutils.plotting import plot_gap_vs_evals, plot_line_search, plot_step_size_comparison  # noqa: E402

LONG = quadratic_bowl(np.diag([2.0, 20.0]))


def test_gap_vs_evals_draws_f_minus_fmin_against_cumulative_evaluations():
    fixed = gradient_descent(LONG.grad, [6.0, -3.0], 0.09, 30)
    bt = gradient_descent(LONG.grad, [6.0, -3.0], Backtracking(), 30, f=LONG.f)
    fig = plot_gap_vs_evals({"fixed": fixed, "bt": bt}, LONG.f, LONG.f_min)
    lines = fig.axes[0].get_lines()
    assert [ln.get_label() for ln in lines] == ["fixed", "bt"]
    np.testing.assert_array_equal(lines[0].get_xdata(), np.arange(31))  # one gradient per step, no f
    np.testing.assert_allclose(lines[0].get_ydata(), [p[0] ** 2 + 10 * p[1] ** 2 for p in fixed.path])
    np.testing.assert_array_equal(lines[1].get_xdata(), bt.cumulative_evals)
    assert fig.axes[0].get_yscale() == "log"


def test_gap_vs_evals_refuses_bad_runs():
    with pytest.raises(TypeError, match="runs must be a non-empty dict"):
        plot_gap_vs_evals({}, LONG.f, 0.0)
    with pytest.raises(TypeError, match=r"runs\['x'\] must be a DescentResult"):
        plot_gap_vs_evals({"x": np.zeros((3, 2))}, LONG.f, 0.0)


def test_step_size_comparison_has_paths_and_costs():
    runs = {"fixed": gradient_descent(LONG.grad, [6.0, -3.0], 0.09, 20)}
    fig = plot_step_size_comparison(LONG, runs, xlim=(-7, 7), ylim=(-4, 4), title="t", log_evals=True)
    left, right = fig.axes[0], fig.axes[-1]
    path_line = next(ln for ln in left.get_lines() if len(ln.get_xdata()) == 21)
    np.testing.assert_array_equal(path_line.get_xdata(), runs["fixed"].path[:, 0])
    assert right.get_xscale() == "log" and right.get_yscale() == "log"


def test_line_search_figure_marks_the_trials_of_the_real_search():
    x, g = np.array([6.0, -3.0]), LONG.grad(np.array([6.0, -3.0]))
    fig = plot_line_search(LONG.f, x, g, initial=0.2, shrink=0.5, c=0.3,
                           t_exact=exact_quadratic_step(LONG.A, g), t_max=0.22)
    found = backtracking_step(LONG.f, x, g, initial=0.2, shrink=0.5, c=0.3)
    ax = fig.axes[0]
    accepted = [ln for ln in ax.get_lines() if ln.get_label() == "accepted trial"]
    assert len(accepted) == 1 and accepted[0].get_xdata()[0] == found.t == 0.05
    armijo = next(ln for ln in ax.get_lines() if ln.get_label().startswith("Armijo"))
    t = armijo.get_xdata()
    np.testing.assert_allclose(armijo.get_ydata(), LONG.f(x) - 0.3 * t * (g @ g))


# ---- shared rules: log axes, and ax= / title= on every single-panel figure ----


def test_one_rule_for_log_axes_draws_what_the_axis_cannot_show_at_its_floor():
    from gdutils.plotting import on_log_axis

    np.testing.assert_array_equal(on_log_axis([1.0, 0.0, -1e-3, 1e-20], 1e-16), [1.0, 1e-16, 1e-16, 1e-16])
    np.testing.assert_array_equal(on_log_axis([4.0, 0.0, 2.0]), [4.0, 2.0, 2.0])  # floor: smallest positive
    assert np.isnan(on_log_axis([np.nan, 1.0])[0])


def _single_panel_figures():
    from gdutils.plotting import (
        plot_directional_derivatives,
        plot_distance_curves,
        plot_fit_evolution,
        plot_gradient_spread,
        plot_line_search,
        plot_log_curves,
        plot_loss_curves,
    )
    from gdutils.regression import fit_linear

    x = np.linspace(0.0, 1.0, 8)
    fit = fit_linear(x, 2 * x + 1, learning_rate=0.1, epochs=3)
    return {
        "tangents": lambda **kw: plot_tangents(SQUARE, [1.0], (-2, 2), **kw),
        "quotient": lambda **kw: plot_quotient_vs_derivative(SQUARE, forward_difference, 0.5, (-1, 1), **kw),
        "error_vs_h": lambda **kw: plot_error_vs_h(np.logspace(-8, -1, 4), {"f": np.logspace(-8, -1, 4)}, **kw),
        "contours": lambda **kw: plot_contour_paths(bowl, xlim=(-1, 1), ylim=(-1, 1), **kw),
        "field": lambda **kw: plot_gradient_field(lambda p: 2 * p, xlim=(-1, 1), ylim=(-1, 1), **kw),
        "directional": lambda **kw: plot_directional_derivatives(np.arange(3.0), np.arange(3.0), **kw),
        "distance": lambda **kw: plot_distance_curves({"a": 0.5 ** np.arange(4)}, **kw),
        "line_search": lambda **kw: plot_line_search(lambda p: float(p @ p), [1.0, 1.0], [2.0, 2.0], **kw),
        "fit": lambda **kw: plot_fit_evolution(x, 2 * x + 1, fit, [0, 3], **kw),
        "loss": lambda **kw: plot_loss_curves({"fit": fit}, **kw),
        "log_curves": lambda **kw: plot_log_curves({"a": (np.arange(3), np.ones(3))}, xlabel="k", ylabel="e", **kw),
        "spread": lambda **kw: plot_gradient_spread([1, 2], [1.0, 0.5], [1.0, 0.5], [1.0, 0.7], **kw),
    }


@pytest.mark.parametrize("name", sorted(_single_panel_figures()))
def test_every_single_panel_figure_takes_ax_and_title(name):
    draw = _single_panel_figures()[name]
    fig, (left, right) = plt.subplots(1, 2)
    assert draw(ax=right, title="on the right") is fig
    assert right.get_title() == "on the right" and left.get_title() == ""
    assert draw(title="alone").axes[0].get_title() == "alone"
