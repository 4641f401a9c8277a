"""gdutils.plotting: the figures of chapter 12."""

import matplotlib.pyplot as plt
import pytest

from gdutils.autodiff import Value


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    plt.close("all")


def small_graph():
    x, y = Value(1.5, label="x"), Value(-0.5, label="y")
    out = x * y + x.exp()
    out.backward()
    return x, y, out


def test_layers_put_inputs_first_and_each_node_after_its_parents():
    from gdutils.plotting import graph_layers

    x, y, out = small_graph()
    layer = graph_layers(out)
    assert layer[id(x)] == layer[id(y)] == 0 and layer[id(out)] == 2
    for node in out.graph():
        assert all(layer[id(p)] < layer[id(node)] for p in node.parents)
    with pytest.raises(TypeError, match="root must be a Value"):
        graph_layers(3.0)


def test_graph_draws_one_box_per_node_and_one_arrow_per_parent():
    from gdutils.plotting import plot_graph

    x, y, out = small_graph()
    fig = plot_graph(out, title="f")
    ax = fig.axes[0]
    boxes = [t for t in ax.texts if t.get_bbox_patch() is not None]
    assert len(boxes) == len(out.graph()) == 5
    assert any(t.get_text() == "x\n1.5\ngrad 3.982" for t in boxes)  # y + e^x = -0.5 + 4.4817
    arrows = [a for a in ax.get_children() if type(a).__name__ == "Annotation"]
    assert len(arrows) == sum(len({id(p) for p in n.parents}) for n in out.graph()) == 5
    labels = [t.get_text() for t in ax.texts if t.get_bbox_patch() is None and t.get_text()]
    assert sorted(labels) == sorted(["-0.5", "1.5", "4.48", "1", "1"])  # the local derivatives
    assert ax.get_title() == "f"


def test_a_parent_used_twice_gets_one_arrow_with_the_summed_local_derivative():
    from gdutils.plotting import plot_graph

    x = Value(3.0, label="x")
    out = x * x
    fig = plot_graph(out, show_grad=False)
    ax = fig.axes[0]
    arrows = [a for a in ax.get_children() if type(a).__name__ == "Annotation"]
    assert len(arrows) == 1
    assert "6" in [t.get_text() for t in ax.texts]
    assert all("grad" not in t.get_text() for t in ax.texts)
