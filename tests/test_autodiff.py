"""gdutils.autodiff.Value: closed forms, the complex step, central differences, accumulation, bad input."""

import math

import numpy as np
import pytest

from gdutils.autodiff import Value, as_value, gradients, integer_exponent
from gdutils.differentiation import central_difference, complex_step
from gdutils.expressions import COMPLEX_FUNCTIONS, FLOAT_FUNCTIONS, evaluate_program, random_program


def grad_of(f, *xs):
    inputs = [Value(x) for x in xs]
    out = f(*inputs)
    out.backward()
    return out.data, [x.grad for x in inputs]


CLOSED_FORMS = [
    # f, its derivative, a point
    (lambda x: x * x * x + 2 * x * x - 5, lambda x: 3 * x * x + 4 * x, 1.7),  # chapter 1's polynomial
    (lambda x: x**3 + 2 * x**2 - 5, lambda x: 3 * x * x + 4 * x, -0.6),
    (lambda x: 1 / x, lambda x: -1 / x**2, 0.37),
    (lambda x: x**-2, lambda x: -2 / x**3, -1.3),
    (lambda x: x**0, lambda x: 0.0, 2.0),
    (lambda x: 3 - x, lambda x: -1.0, 2.0),
    (lambda x: (2 * x).exp(), lambda x: 2 * math.exp(2 * x), 0.4),
    (lambda x: (x * x + 1).log(), lambda x: 2 * x / (x * x + 1), -0.8),
    (lambda x: x.tanh(), lambda x: 1 / math.cosh(x) ** 2, 0.9),
    (lambda x: (x - 1).relu(), lambda x: float(x > 1), 2.5),
    (lambda x: (x - 1).relu(), lambda x: float(x > 1), 0.5),
    (lambda x: x / (1 + (-x).exp()), lambda x: (1 + math.exp(-x) * (1 + x)) / (1 + math.exp(-x)) ** 2, 0.3),
    (lambda x: -x * 2.5 / 5, lambda x: -0.5, 1.0),
]


@pytest.mark.parametrize("f, df, x", CLOSED_FORMS)
def test_one_variable_closed_forms(f, df, x):
    _, [g] = grad_of(f, x)
    assert g == pytest.approx(df(x), rel=1e-14, abs=1e-15)


def test_two_variable_closed_forms():
    data, (gx, gy) = grad_of(lambda x, y: x * y + (x / y).exp(), 1.5, -0.7)
    e = math.exp(1.5 / -0.7)
    assert data == pytest.approx(1.5 * -0.7 + e, rel=1e-15)
    assert gx == pytest.approx(-0.7 + e / -0.7, rel=1e-14)
    assert gy == pytest.approx(1.5 - e * 1.5 / 0.49, rel=1e-14)
    rosenbrock = lambda x, y: (1 - x) ** 2 + 100 * (y - x**2) ** 2  # noqa: E731
    _, (gx, gy) = grad_of(rosenbrock, -1.2, 1.0)
    assert (gx, gy) == pytest.approx((-215.6, -88.0), rel=1e-14)


def test_random_programs_match_the_complex_step_and_central_differences():
    rng = np.random.default_rng(12)
    worst_complex = worst_central = 0.0
    for _ in range(150):
        x = [float(a) for a in np.round(rng.uniform(-2, 2, size=3), 3)]
        program = random_program(rng, x, int(rng.integers(4, 25)))
        inputs = [Value(a) for a in x]
        out = evaluate_program(program, inputs)
        out.backward()
        assert out.data == pytest.approx(evaluate_program(program, x, FLOAT_FUNCTIONS), rel=1e-15)
        for i, xi in enumerate(inputs):
            def f(z, functions, i=i):
                return evaluate_program(program, x[:i] + [z] + x[i + 1:], functions)
            cs = complex_step(lambda z: f(z, COMPLEX_FUNCTIONS), x[i])
            cd = central_difference(lambda z: f(z, FLOAT_FUNCTIONS), x[i], 1e-6)
            scale = max(1.0, abs(out.data))
            worst_complex = max(worst_complex, abs(xi.grad - cs) / max(abs(cs), scale))
            worst_central = max(worst_central, abs(xi.grad - cd) / max(abs(cd), scale))
    assert worst_complex < 1e-13
    assert worst_central < 1e-5


def test_a_node_used_twice_accumulates_both_contributions():
    x = Value(3.0)
    y = x * x  # one node with x as both parents: dy/dx = x + x
    y.backward()
    assert x.grad == 6.0
    z = x * x * x
    z.backward()
    assert x.grad == 27.0


def test_a_shared_subexpression_collects_every_path():
    x = Value(0.5)
    a = x.exp()  # used in three branches
    out = a * a + a.tanh() + 3 * a
    out.backward()
    e = math.exp(0.5)
    assert a.grad == pytest.approx(2 * e + 1 / math.cosh(e) ** 2 + 3, rel=1e-15)
    assert x.grad == pytest.approx(e * (2 * e + 1 / math.cosh(e) ** 2 + 3), rel=1e-15)


def test_backward_twice_gives_the_same_gradients_not_twice_them():
    x, y = Value(2.0), Value(-1.0)
    hidden = (x * y).tanh()
    out = hidden * hidden + x
    out.backward()
    first = (x.grad, y.grad, hidden.grad, out.grad)
    out.backward()
    assert (x.grad, y.grad, hidden.grad, out.grad) == first


def test_without_zeroing_a_second_pass_is_wrong_by_more_than_a_factor_of_two():
    """What backward() guards against: replaying the chain rule on a graph whose grads are not zeroed."""
    x = Value(0.3)
    out = (x * 2).exp().tanh()  # a chain: x -> 2x -> exp -> tanh
    out.backward()
    right = x.grad
    out.grad = 1.0
    for node in reversed(out.graph()):
        node.propagate()
    assert x.grad == pytest.approx(4 * right, rel=1e-15)  # 1 + 3: each node passes on its grown grad


def test_the_newest_backward_owns_the_inputs_grads():
    x = Value(2.0)
    (x * x).backward()
    (x * 5).backward()
    assert x.grad == 5.0  # zeroed by the second pass, unlike torch's accumulation


def test_graph_is_a_topological_order_without_recursion():
    x = Value(1.0)
    out = x
    for _ in range(5000):  # deeper than Python's recursion limit
        out = out * 1.0001 + 0.0
    order = out.graph()
    assert order[0] is x and order[-1] is out and len(order) == 1 + 2 * 5000 + 2 * 5000
    position = {id(node): i for i, node in enumerate(order)}
    assert all(position[id(p)] < position[id(node)] for node in order for p in node.parents)
    out.backward()
    assert x.grad == pytest.approx(1.0001**5000, rel=1e-12)


def test_gradients_helper_and_repr():
    value, grad = gradients(lambda p: p[0] * p[1] + p[1], [2.0, 3.0])
    assert value == 9.0 and grad == [3.0, 3.0]
    assert repr(Value(2.5, label="x")) == "Value(x: data=2.5, grad=0)"
    assert as_value(2).data == 2.0 and integer_exponent(3) == 3
    with pytest.raises(TypeError, match="a Value"):
        gradients(lambda p: 1.0, [1.0])


@pytest.mark.parametrize(
    "make, error, match",
    [
        (lambda: Value(-1.0).log(), ValueError, "log needs a positive number, got data = -1.0"),
        (lambda: Value(0.0).log(), ValueError, "positive"),
        (lambda: Value(2.0) ** 0.5, TypeError, "must be an integer"),
        (lambda: Value(2.0) ** 2.0, TypeError, "must be an integer"),
        (lambda: Value(2.0) ** True, TypeError, "must be an integer"),
        (lambda: Value(2.0) ** Value(2.0), TypeError, "must be an integer"),
        (lambda: Value(0.0) ** -1, ZeroDivisionError, "negative power"),
        (lambda: Value(1.0) / 0, ZeroDivisionError, "data is 0"),
        (lambda: 1.0 / Value(0.0), ZeroDivisionError, "data is 0"),
        (lambda: Value(1.0) + "2", TypeError, "real numbers only, got '2'"),
        (lambda: "2" * Value(1.0), TypeError, "real numbers only"),
        (lambda: Value(1.0) * 1j, TypeError, "real numbers only"),
        (lambda: Value(1.0) + True, TypeError, "real numbers only"),
        (lambda: Value("1.0"), TypeError, "data must be a real number"),
        (lambda: Value(float("nan")), ValueError, "finite"),
        (lambda: Value(1000.0).exp(), OverflowError, "larger than the largest float"),
        (lambda: Value(1.0, (Value(2.0),), ()), ValueError, "one local derivative per parent"),
        (lambda: Value(1.0, (2.0,), (1.0,)), TypeError, "parents must be a tuple of Values"),
    ],
)
def test_bad_input_gets_a_clear_error(make, error, match):
    with pytest.raises(error, match=match):
        make()


def test_the_array_rules_of_chapter_12_match_the_scalar_graph():
    """dL/dW = X^T G and dL/dX = G W^T for Y = X W + b, dL/db = column sums of G, tanh's G (1 - H^2)."""
    rng = np.random.default_rng(7)
    X, W, b, C = rng.normal(size=(4, 3)), rng.normal(size=(3, 2)), rng.normal(size=2), rng.normal(size=(4, 2))
    VX = [[Value(a) for a in row] for row in X]
    VW = [[Value(a) for a in row] for row in W]
    Vb = [Value(a) for a in b]
    Y = [[sum((VX[i][m] * VW[m][j] for m in range(3)), 0.0) + Vb[j] for j in range(2)] for i in range(4)]
    H = [[y.tanh() for y in row] for row in Y]
    loss = sum((C[i, j] * H[i][j] for i in range(4) for j in range(2)), 0.0)
    loss.backward()
    H_num = np.tanh(X @ W + b)
    G = C * (1 - H_num**2)  # dL/dY: the elementwise rule
    grad = lambda values: np.array([[v.grad for v in row] for row in values])  # noqa: E731
    np.testing.assert_allclose(grad(VW), X.T @ G, rtol=1e-12, atol=1e-14)
    np.testing.assert_allclose(grad(VX), G @ W.T, rtol=1e-12, atol=1e-14)
    np.testing.assert_allclose([v.grad for v in Vb], G.sum(axis=0), rtol=1e-12, atol=1e-14)
