"""Chapter 12's self-checks: right answers pass, each mistake gets its hint, near misses and stubs fail."""

import math

import pytest

from gdutils.autodiff import Value
from gdutils.checks import CheckFailed, check_backward_pass, check_forward_gradient, check_sigmoid
from gdutils.dual import Dual
from check_cases import SEEDS, assert_hint, assert_never_passes, assert_not_attempted, assert_passes


def sigmoid_node(x, slope=lambda s: s * (1 - s), sign=-1.0, parents=True):
    s = 1 / (1 + math.exp(sign * x.data))
    return Value(s, (x,) if parents else (), (slope(s),) if parents else (), "sigmoid")


def sigmoid_composed(x):
    return 1 / (1 + (-x).exp())


def backward_with(accumulate=True, reverse=True, zero=True, seed_output=True):
    def backward_pass(root):
        order = root.graph()
        if zero:
            for node in order:
                node.grad = 0.0
        if seed_output:
            root.grad = 1.0
        for node in (reversed(order) if reverse else order):
            for parent, local in zip(node.parents, node.local_grads):
                if accumulate:
                    parent.grad += local * node.grad
                else:
                    parent.grad = local * node.grad
    return backward_pass


def backward_breadth_first(root):
    """The wrong order the chapter warns about: each node once, as a walk from the output first meets it."""
    for node in root.graph():
        node.grad = 0.0
    root.grad = 1.0
    queue, seen = [root], {id(root)}
    while queue:
        node = queue.pop(0)
        for parent, local in zip(node.parents, node.local_grads):
            parent.grad += local * node.grad
            if id(parent) not in seen:
                seen.add(id(parent))
                queue.append(parent)


def forward_right(f, x):
    return [f([Dual(a, float(i == j)) for j, a in enumerate(x)]).dual for i in range(len(x))]


def forward_by_value_api(f, x):
    grads = []
    for i in range(len(x)):
        seeded = [Dual(a) for a in x]
        seeded[i] = Dual(x[i], 1.0)
        grads.append(f(seeded).dual)
    return tuple(grads)


def forward_with_an_extra_pass(f, x):
    f([Dual(a) for a in x])  # f(x) on its own: a pass that computes nothing needed
    return forward_right(f, x)


RIGHT = [
    (check_sigmoid, sigmoid_node),
    (check_sigmoid, sigmoid_composed),
    (check_backward_pass, backward_with()),
    (check_backward_pass, lambda root: root.backward()),
    (check_forward_gradient, forward_right),
    (check_forward_gradient, forward_by_value_api),
]


@pytest.mark.parametrize("check, answer", RIGHT)
def test_right_answers_pass_on_many_seeds(check, answer, capsys):
    assert_passes(check, answer, SEEDS, capsys)


def test_right_answers_pass_with_fresh_random_data(capsys):
    for _ in range(5):
        check_sigmoid(sigmoid_node)
        check_backward_pass(backward_with())
        check_forward_gradient(forward_right)
    assert capsys.readouterr().out.count("checks passed") == 15


MISTAKES = [
    (check_sigmoid, lambda x: sigmoid_node(x, sign=1.0), "1 / (1 + exp(+x))"),
    (check_sigmoid, lambda x: sigmoid_node(x, parents=False), "does not reach x"),
    (check_sigmoid, lambda x: sigmoid_node(x, slope=lambda s: s), "not s:"),
    (check_sigmoid, lambda x: sigmoid_node(x, slope=lambda s: -s * (1 - s)), "flipped sign"),
    (check_sigmoid, lambda x: sigmoid_node(x, slope=lambda s: s * (1 + s)), "s (1 + s)"),
    (check_sigmoid, lambda x: sigmoid_node(x, slope=lambda s: 1 - s * s), "tanh's rule"),
    (check_sigmoid, lambda x: sigmoid_node(x, slope=lambda s: s * s), "numerator"),
    (check_sigmoid, lambda x: 1 / (1 + math.exp(-x.data)), "must return a Value"),
    (check_backward_pass, backward_with(accumulate=False), "(+=) instead of overwriting it (=)"),
    (check_backward_pass, backward_with(zero=False), "set every node's grad to 0"),
    (check_backward_pass, backward_with(reverse=False), "reversed(root.graph())"),
    (check_backward_pass, backward_with(seed_output=False), "output's grad to 1"),
    (check_backward_pass, backward_breadth_first, "breadth-first from the output"),
    (check_forward_gradient, lambda f, x: [f([Dual(a, float(i == j)) for j, a in enumerate(x)]).value
                                           for i in range(len(x))], "not .value"),
    (check_forward_gradient, lambda f, x: [f([Dual(a, 1.0) for a in x]).dual] * len(x), "sum of the partial"),
    (check_forward_gradient, lambda f, x: [f([Dual(a, float(i == j)) for j, a in enumerate(x)])
                                           for i in range(len(x))], "returned Dual numbers"),
    (check_forward_gradient, lambda f, x: forward_right(f, x)[:-1], "one partial derivative per coordinate"),
    (check_forward_gradient, lambda f, x: None, "must return a list"),
    (check_forward_gradient, lambda f, x: forward_with_an_extra_pass(f, x), "called f"),
]


@pytest.mark.parametrize("check, answer, hint", MISTAKES)
def test_each_common_mistake_gets_its_hint(check, answer, hint):
    assert_hint(check, answer, hint)


@pytest.mark.parametrize("check", sorted({c for c, _ in RIGHT}, key=lambda c: c.__name__))
def test_a_stub_is_reported_as_not_attempted(check):
    assert_not_attempted(check)


@pytest.mark.parametrize(
    "check, answer",
    [
        (check_sigmoid, lambda x: sigmoid_node(x, slope=lambda s: s * (1 - s) * 1.001)),
        (check_sigmoid, lambda x: Value(1 / (1 + math.exp(-x.data)) * 1.0001, (x,),
                                        (1 / (1 + math.exp(-x.data)) * (1 - 1 / (1 + math.exp(-x.data))),))),
        (check_forward_gradient, lambda f, x: [g * 1.0001 for g in forward_right(f, x)]),
    ],
)
def test_near_miss_answers_never_pass(check, answer):
    assert_never_passes(check, answer, range(100))


def test_hard_coded_answers_fail():
    with pytest.raises(CheckFailed, match="seed=5"):
        check_forward_gradient(lambda f, x: [0.5] * len(x), seed=5)
    with pytest.raises(CheckFailed, match="seed=5"):
        check_backward_pass(lambda root: [setattr(node, "grad", 0.5) for node in root.graph()], seed=5)
