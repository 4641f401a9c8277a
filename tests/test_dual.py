"""gdutils.dual: forward mode against closed forms, the complex step and reverse mode (chapter 12)."""

import math

import numpy as np
import pytest

from gdutils.autodiff import Value
from gdutils.differentiation import complex_step
from gdutils.dual import Dual, as_dual, derivative, directional_derivative
from gdutils.expressions import COMPLEX_FUNCTIONS, evaluate_program, random_program


@pytest.mark.parametrize(
    "f, df, x",
    [
        (lambda x: x**3 + 2 * x**2 - 5, lambda x: 3 * x * x + 4 * x, 1.7),
        (lambda x: 1 / x - x / 3, lambda x: -1 / x**2 - 1 / 3, 0.37),
        (lambda x: x**-2 + x**0, lambda x: -2 / x**3, -1.3),
        (lambda x: 4 - (2 * x).exp(), lambda x: -2 * math.exp(2 * x), 0.4),
        (lambda x: (x * x + 1).log(), lambda x: 2 * x / (x * x + 1), -0.8),
        (lambda x: x.tanh() * x, lambda x: math.tanh(x) + x / math.cosh(x) ** 2, 0.9),
        (lambda x: (x - 1).relu(), lambda x: float(x > 1), 2.5),
        (lambda x: (x - 1).relu(), lambda x: float(x > 1), 0.5),
        (lambda x: -x, lambda x: -1.0, 0.5),
        (lambda x: 7.0, lambda x: 0.0, 0.5),
    ],
)
def test_derivative_matches_closed_forms(f, df, x):
    assert derivative(f, x) == pytest.approx(df(x), rel=1e-14, abs=1e-15)


def test_the_rule_eps_squared_is_zero():
    a = Dual(3.0, 1.0)
    product = a * a
    assert (product.value, product.dual) == (9.0, 6.0)
    q = Dual(1.0, 2.0) / Dual(4.0, 1.0)  # (b - (a/c) d) / c
    assert (q.value, q.dual) == (0.25, (2.0 - 0.25) / 4.0)
    assert repr(Dual(2.0, 0.5)) == "Dual(2, 0.5)"


def test_random_programs_agree_with_the_complex_step_and_reverse_mode():
    rng = np.random.default_rng(21)
    for _ in range(100):
        x = [float(a) for a in np.round(rng.uniform(-2, 2, size=3), 3)]
        program = random_program(rng, x, int(rng.integers(4, 25)))
        inputs = [Value(a) for a in x]
        out = evaluate_program(program, inputs)
        out.backward()
        for i in range(3):
            seeds = [Dual(a, float(j == i)) for j, a in enumerate(x)]
            forward = evaluate_program(program, seeds).dual
            cs = complex_step(lambda z: evaluate_program(program, x[:i] + [z] + x[i + 1:], COMPLEX_FUNCTIONS),
                              x[i])
            scale = max(1.0, abs(out.data), abs(cs))
            assert abs(forward - cs) <= 1e-13 * scale
            assert abs(forward - inputs[i].grad) <= 1e-13 * scale


def test_directional_derivative_is_the_gradient_dotted_with_the_direction():
    f = lambda p: p[0] * p[1].exp() + p[2] ** 2  # noqa: E731
    x, d = [1.0, 0.5, -2.0], [0.3, -1.0, 2.0]
    grad = [math.exp(0.5), math.exp(0.5), -4.0]
    assert directional_derivative(f, x, d) == pytest.approx(float(np.dot(grad, d)), rel=1e-15)
    with pytest.raises(ValueError, match="same length"):
        directional_derivative(f, x, [1.0])
    with pytest.raises(TypeError, match="must return a Dual"):
        directional_derivative(lambda p: 1.0, x, d)


@pytest.mark.parametrize(
    "make, error, match",
    [
        (lambda: Dual(-1.0, 1.0).log(), ValueError, "log needs a positive number"),
        (lambda: Dual(2.0) ** 0.5, TypeError, "must be an integer"),
        (lambda: Dual(0.0) ** -2, ZeroDivisionError, "negative power"),
        (lambda: 1 / Dual(0.0, 1.0), ZeroDivisionError, "value is 0"),
        (lambda: Dual(1.0) + "a", TypeError, "real numbers only"),
        (lambda: as_dual(None), TypeError, "real numbers only"),
        (lambda: Dual(float("inf")), ValueError, "finite"),
        (lambda: derivative(lambda x: "x", 1.0), TypeError, "must return a Dual"),
        (lambda: derivative(3.0, 1.0), TypeError, "f must be a function"),
    ],
)
def test_bad_input_gets_a_clear_error(make, error, match):
    with pytest.raises(error, match=match):
        make()
