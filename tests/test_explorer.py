"""gdutils.explorer: the view data against the closed form, the live widget without a kernel,
and the animation for readers of the HTML."""

from pathlib import Path

import matplotlib.pyplot as plt
import numpy as np
import pytest
from matplotlib.animation import FuncAnimation

from gdutils.explorer import (
    DescentView,
    animation_html,
    descent_animation,
    descent_view,
    explore_descent,
    plot_descent_view,
)
from gdutils.objectives import ELONGATED_BOWL, PARABOLOID

PNG_MAGIC = b"\x89PNG\r\n\x1a\n"


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


@pytest.mark.parametrize("eta", [0.01, 0.2, 0.45, 0.7, 0.95])
def test_view_of_a_bowl_follows_the_closed_form(eta):
    # on a x^2 + b y^2 each coordinate is multiplied by (1 - 2 a eta) and (1 - 2 b eta) per step
    view = descent_view(ELONGATED_BOWL.f, ELONGATED_BOWL.grad, eta / 10, (3.0, -2.0), 25)
    k = np.arange(26)
    expected = np.column_stack([(1 - 2 * eta / 10) ** k * 3.0, (1 - 20 * eta / 10) ** k * -2.0])
    np.testing.assert_allclose(view.path, expected, rtol=1e-12, atol=1e-300)
    np.testing.assert_allclose(view.values, expected[:, 0] ** 2 + 10 * expected[:, 1] ** 2, rtol=1e-12)
    assert view.n_steps == 25 and not view.diverged
    assert view.start == (3.0, -2.0) and view.learning_rate == eta / 10
    assert view.title.startswith(f"η = {eta / 10:.3g}: 25 steps, f = ")


def test_view_is_a_pure_function_of_the_slider_values():
    a = descent_view(PARABOLOID.f, PARABOLOID.grad, 0.3, [4, -1], 12)
    b = descent_view(PARABOLOID.f, PARABOLOID.grad, 0.3, [4, -1], 12)
    np.testing.assert_array_equal(a.path, b.path)
    np.testing.assert_array_equal(a.values, b.values)


def test_view_of_a_diverging_run_is_finite_and_says_so():
    view = descent_view(PARABOLOID.f, PARABOLOID.grad, 1.5, (1.0, 1.0), 500)
    assert view.diverged and "diverged" in view.message and view.title.endswith("diverged")
    assert np.all(np.isfinite(view.path)) and view.n_steps < 500
    # each step doubles the distance and flips its sign: x_k = (-2)^k x_0
    np.testing.assert_array_equal(view.path[:5, 0], [1.0, -2.0, 4.0, -8.0, 16.0])


def test_view_refuses_bad_arguments():
    with pytest.raises(ValueError, match=r"start must be a point \(x0, y0\)"):
        descent_view(PARABOLOID.f, PARABOLOID.grad, 0.1, (1.0, 2.0, 3.0), 5)
    with pytest.raises(ValueError, match="learning_rate must be a positive number"):
        descent_view(PARABOLOID.f, PARABOLOID.grad, 0.0, (1.0, 2.0), 5)
    with pytest.raises(TypeError, match="f must be a function"):
        descent_view(None, PARABOLOID.grad, 0.1, (1.0, 2.0), 5)


def test_plot_of_a_view_draws_the_path_and_the_loss():
    view = descent_view(PARABOLOID.f, PARABOLOID.grad, 0.1, (9.0, 9.0), 10)
    fig = plot_descent_view(view, PARABOLOID.f, xlim=(-10, 10), ylim=(-10, 10))
    ax_map, ax_loss = fig.axes[:2]
    path_line = [line for line in ax_map.get_lines() if len(line.get_xdata()) == 11]
    assert len(path_line) == 1
    np.testing.assert_array_equal(path_line[0].get_xdata(), view.path[:, 0])
    np.testing.assert_array_equal(ax_loss.get_lines()[0].get_ydata(), view.values)
    assert ax_map.get_xlim() == (-10, 10) and ax_loss.get_yscale() == "log"
    with pytest.raises(ValueError, match="xlim must be"):
        plot_descent_view(view, PARABOLOID.f, xlim=(1, -1), ylim=(-10, 10))
    with pytest.raises(TypeError, match="view must be a DescentView"):
        plot_descent_view(view.path, PARABOLOID.f, xlim=(-1, 1), ylim=(-1, 1))


def test_widget_builds_without_a_kernel_and_redraws_when_a_slider_moves():
    box = explore_descent(PARABOLOID.f, PARABOLOID.grad, xlim=(-10, 10), ylim=(-10, 10),
                          learning_rate=0.1, start=(8.0, -6.0), n_steps=20)
    controls, image, status = box.children
    first = bytes(image.value)
    assert first.startswith(PNG_MAGIC)
    assert status.value == "used the whole step budget of 20 steps (no tolerance was given)"
    assert set(box.sliders) == {"learning_rate", "x0", "y0", "n_steps"}
    assert box.sliders["learning_rate"].value == pytest.approx(0.1)
    assert (box.sliders["x0"].value, box.sliders["y0"].value) == (8.0, -6.0)

    box.sliders["n_steps"].value = 100
    box.sliders["learning_rate"].value = 1.45  # |1 - 2 eta| = 1.9 > 1: the run blows up
    assert bytes(image.value).startswith(PNG_MAGIC) and bytes(image.value) != first
    assert status.value.startswith("diverged at step")
    box.sliders["learning_rate"].value = 0.1
    box.sliders["n_steps"].value = 20
    assert bytes(image.value) == first  # the same slider values give the same picture
    assert not plt.get_fignums()  # nothing left for pyplot to show twice


def test_widget_refuses_bad_arguments():
    kwargs = {"xlim": (-10, 10), "ylim": (-10, 10)}
    with pytest.raises(ValueError, match="start must lie inside xlim and ylim"):
        explore_descent(PARABOLOID.f, PARABOLOID.grad, start=(20.0, 0.0), **kwargs)
    with pytest.raises(ValueError, match="learning_rate must lie in rate_range"):
        explore_descent(PARABOLOID.f, PARABOLOID.grad, learning_rate=3.0, **kwargs)
    with pytest.raises(ValueError, match="n_steps must be at most max_steps"):
        explore_descent(PARABOLOID.f, PARABOLOID.grad, n_steps=50, max_steps=10, **kwargs)
    with pytest.raises(ValueError, match="ylim must be a pair"):
        explore_descent(PARABOLOID.f, PARABOLOID.grad, xlim=(-1, 1), ylim=3)


def test_animation_has_one_frame_per_learning_rate_and_plays_without_a_kernel():
    rates = [0.01, 0.05, 0.09, 0.11]
    anim = descent_animation(ELONGATED_BOWL.f, ELONGATED_BOWL.grad, xlim=(-10, 10), ylim=(-5, 5),
                             start=(-9.0, 4.0), learning_rates=rates, n_steps=30, dpi=30)
    assert isinstance(anim, FuncAnimation)
    assert not plt.get_fignums()  # closed: the notebook shows only the animation
    html = animation_html(anim).data
    assert html.count("data:image/png;base64") == len(rates)
    # everything is inside the page: no Font Awesome from a CDN, plain symbols on the buttons
    assert "<script" in html and "https://" not in html and "http://" not in html
    assert 'class="fa' not in html and 'title="Play"' in html and "\N{BLACK RIGHT-POINTING TRIANGLE}" in html
    with pytest.raises(TypeError, match="anim must be a matplotlib FuncAnimation"):
        animation_html(html)


def test_animation_frame_shows_the_view_of_its_learning_rate():
    rates = [0.02, 0.08]
    anim = descent_animation(ELONGATED_BOWL.f, ELONGATED_BOWL.grad, xlim=(-10, 10), ylim=(-5, 5),
                             start=(-9.0, 4.0), learning_rates=rates, n_steps=15, dpi=20)
    anim.to_jshtml()  # render it, as the chapter does
    path_line, _, loss_line, title = anim._func(1)
    view = descent_view(ELONGATED_BOWL.f, ELONGATED_BOWL.grad, 0.08, (-9.0, 4.0), 15)
    np.testing.assert_array_equal(path_line.get_ydata(), view.path[:, 1])
    assert title.get_text() == view.title
    with pytest.raises(ValueError, match="at least one learning rate"):
        descent_animation(ELONGATED_BOWL.f, ELONGATED_BOWL.grad, xlim=(-1, 1), ylim=(-1, 1),
                          start=(0.5, 0.5), learning_rates=[], n_steps=3)


def test_view_is_a_frozen_dataclass():
    view = descent_view(PARABOLOID.f, PARABOLOID.grad, 0.1, (1.0, 1.0), 2)
    assert isinstance(view, DescentView)
    with pytest.raises(AttributeError):
        view.learning_rate = 0.2



def test_a_saved_explorer_reads_as_a_placeholder_until_it_runs():
    # A notebook stores a widget's text form next to its view; before the cell runs again (in a
    # fresh JupyterLab, or the chapter read on GitHub) that text is all a reader sees.
    import nbformat

    from gdutils.explorer import EXPLORER_PLACEHOLDER, explore_descent
    from gdutils.objectives import ELONGATED_BOWL

    box = explore_descent(ELONGATED_BOWL.f, ELONGATED_BOWL.grad, xlim=(-10, 10), ylim=(-5, 5))
    bundle = box._repr_mimebundle_()
    assert bundle["text/plain"] == EXPLORER_PLACEHOLDER and "application/vnd.jupyter.widget-view+json" in bundle
    nb = nbformat.read(Path(__file__).resolve().parent.parent / "chapters" / "04_paraboloid.ipynb", as_version=4)
    saved = [out for cell in nb.cells if cell.cell_type == "code" for out in cell.outputs
             if "application/vnd.jupyter.widget-view+json" in out.get("data", {})]
    assert saved and all(out.data["text/plain"] == EXPLORER_PLACEHOLDER for out in saved)


def test_a_run_growing_within_its_budget_is_reported_as_diverging():
    # issue 11, defect 9: at eta = 0.12 on x^2 + 10 y^2, y is multiplied by 1 - 20 * 0.12 = -1.4 per
    # step, so 40 steps end at f = 10 (4 * 1.4^40)^2 + ... = 7.8e13, far below PATH_BLOW_UP
    view = descent_view(ELONGATED_BOWL.f, ELONGATED_BOWL.grad, 0.12, (-9.0, 4.0), 40)
    assert view.n_steps == 40 and view.diverged
    np.testing.assert_allclose(view.path[-1, 1], 4.0 * (-1.4) ** 40, rtol=1e-12)
    assert view.message.startswith("diverging: used the whole step budget of 40 steps, but f rose at each")
    assert "the learning rate 0.12 is too large" in view.message
    assert view.title == "η = 0.12: 40 steps, f = 7.84e+13, diverged"
