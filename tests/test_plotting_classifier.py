"""gdutils.plotting: the figures of chapter 13."""

import matplotlib.pyplot as plt
import numpy as np
import pytest

from gdutils.plotting import plot_confusion_matrix, plot_decision_boundary, plot_digit_images, plot_train_test_losses


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def test_decision_boundary_is_the_line_where_the_logit_is_zero():
    rng = np.random.default_rng(0)
    X = rng.normal(size=(40, 2))
    y = (X[:, 0] + 0.5 * X[:, 1] > 0).astype(int)
    params = [2.0, -1.0, 0.5]
    fig = plot_decision_boundary(X, y, params, labels=("benign", "malignant"), title="t")
    ax = fig.axes[0]
    line = [ln for ln in ax.lines if "boundary" in ln.get_label()][0]
    xs, ys = line.get_xdata(), line.get_ydata()
    np.testing.assert_allclose(2.0 * xs - 1.0 * ys + 0.5, 0.0, atol=1e-12)
    points = ax.collections[-2:]
    assert sum(len(c.get_offsets()) for c in points) == 40
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert f"benign ({int((y == 0).sum())})" in labels and ax.get_title() == "t"


def test_decision_boundary_refuses_bad_input():
    with pytest.raises(ValueError, match="two columns"):
        plot_decision_boundary(np.ones((3, 3)), [0, 1, 0], [1, 1, 0])
    with pytest.raises(ValueError, match="w_2"):
        plot_decision_boundary(np.ones((3, 2)), [0, 1, 0], [1, 0, 0])
    with pytest.raises(ValueError, match="0 or 1"):
        plot_decision_boundary(np.ones((3, 2)), [0, 2, 0], [1, 1, 0])


def test_train_test_losses_one_colour_per_run_dashed_training():
    fig = plot_train_test_losses({"SGD": ([1.0, 0.5, 0.25], [1.0, 0.6, 0.4]), "Adam": ([1.0, 0.1, 0.0], [1, 2, 3])})
    ax = fig.axes[0]
    assert ax.get_yscale() == "log" and len(ax.lines) == 4
    train, test = ax.lines[0], ax.lines[1]
    assert train.get_linestyle() == "--" and test.get_linestyle() == "-"
    assert train.get_color() == test.get_color() != ax.lines[2].get_color()
    np.testing.assert_array_equal(train.get_xdata(), [0, 1, 2])
    assert ax.lines[2].get_ydata()[-1] == 0.1  # a zero loss is drawn at the bottom of its curve
    with pytest.raises(ValueError, match="one length"):
        plot_train_test_losses({"x": ([1.0, 2.0], [1.0])})


def test_confusion_matrix_shows_every_nonzero_count():
    C = np.array([[5, 0, 1], [0, 7, 0], [2, 0, 4]])
    fig = plot_confusion_matrix(C, class_names=["a", "b", "c"])
    ax = fig.axes[0]
    texts = sorted((t.get_position(), t.get_text()) for t in ax.texts)
    expected = sorted(((j, i), str(C[i, j])) for i in range(3) for j in range(3) if C[i, j] or i == j)
    assert texts == expected
    assert [t.get_text() for t in ax.get_xticklabels()] == ["a", "b", "c"]
    assert ax.get_xlabel() == "predicted class" and ax.get_ylabel() == "true class"
    fig2 = plot_confusion_matrix(np.eye(2, dtype=int) * 3)  # no mistakes at all
    assert len(fig2.axes[0].texts) == 2
    with pytest.raises(ValueError, match="square"):
        plot_confusion_matrix(np.ones((2, 3)))
    with pytest.raises(ValueError, match="3 classes"):
        plot_confusion_matrix(C, class_names=["a"])


def test_digit_images_one_panel_per_image_with_its_caption():
    images = np.arange(5 * 64, dtype=float).reshape(5, 64)
    fig = plot_digit_images(images, [f"d{i}" for i in range(5)], ncols=3, title="mistakes")
    shown = [ax for ax in fig.axes if ax.images]
    assert len(fig.axes) == 6 and len(shown) == 5
    np.testing.assert_array_equal(shown[1].images[0].get_array(), images[1].reshape(8, 8))
    assert [ax.get_title() for ax in shown] == ["d0", "d1", "d2", "d3", "d4"]
    assert fig._suptitle.get_text() == "mistakes"
    with pytest.raises(ValueError, match="one caption per image"):
        plot_digit_images(images, ["a"])
    with pytest.raises(ValueError, match="square"):
        plot_digit_images(np.ones((2, 10)), ["a", "b"])


def test_weight_norms_log_log_from_epoch_one_with_marker_and_dash_per_curve():
    from gdutils.plotting import plot_weight_norms
    from gdutils.plotting.classifier import DASHES, MARKERS

    norms = {"a": np.linspace(0.0, 5.0, 101), "b": np.full(101, 2.0)}
    fig = plot_weight_norms(norms)
    ax = fig.axes[0]
    assert ax.get_xscale() == "log" and ax.get_yscale() == "log"
    first, second = ax.lines
    np.testing.assert_array_equal(first.get_xdata(), np.arange(1, 101))
    np.testing.assert_array_equal(first.get_ydata(), norms["a"][1:])
    assert (first.get_marker(), second.get_marker()) == MARKERS[:2]
    assert first.get_linestyle() != second.get_linestyle() and DASHES[0] == "-"
    with pytest.raises(ValueError, match="at least one more"):
        plot_weight_norms({"a": [1.0]})
    with pytest.raises(ValueError, match="at most"):
        plot_weight_norms({str(i): [1.0, 2.0] for i in range(len(MARKERS) + 1)})


def test_train_test_runs_differ_by_marker_too():
    fig = plot_train_test_losses({"SGD": ([1.0, 0.5, 0.25], [1.0, 0.6, 0.4]), "Adam": ([1.0, 0.1, 0.05], [1, 2, 3])})
    lines = fig.axes[0].lines
    assert lines[0].get_marker() == lines[1].get_marker() != lines[2].get_marker()
