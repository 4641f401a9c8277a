"""gdutils.differentiation against exact derivatives, error orders and a second method."""

import math
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from gdutils import (
    backward_difference,
    central_difference,
    complex_step,
    forward_difference,
    gradient_check,
    numerical_gradient,
)
from gdutils.differentiation import EPS, H_CENTRAL, H_FORWARD

# (f, exact f') pairs with known derivatives; all accept complex input.
SMOOTH = [
    (np.sin, np.cos),
    (np.exp, np.exp),
    (lambda x: x * x * x - 2 * x, lambda x: 3 * x * x - 2),
    (lambda x: 1 / (1 + x * x), lambda x: -2 * x / (1 + x * x) ** 2),
]


@pytest.mark.parametrize("f, df", SMOOTH)
@pytest.mark.parametrize("x", [-1.3, 0.2, 0.9])
def test_quotients_at_default_h_match_exact_derivative(f, df, x):
    exact = df(x)
    assert forward_difference(f, x) == pytest.approx(exact, abs=1e-6)
    assert backward_difference(f, x) == pytest.approx(exact, abs=1e-6)
    assert central_difference(f, x) == pytest.approx(exact, abs=1e-9)
    assert complex_step(f, x) == pytest.approx(exact, rel=4 * EPS, abs=4 * EPS)


def test_defaults_are_sqrt_and_cbrt_of_eps():
    assert EPS == 2.0**-52
    assert H_FORWARD == pytest.approx(math.sqrt(EPS))
    assert H_CENTRAL == pytest.approx(EPS ** (1 / 3))


def test_central_step_is_the_correctly_rounded_cube_root_of_eps():
    # exact rational arithmetic: no float is closer to cbrt(eps) than H_CENTRAL
    neighbours = [math.nextafter(H_CENTRAL, 0), H_CENTRAL, math.nextafter(H_CENTRAL, 1)]
    errors = [abs(Fraction(h) ** 3 - Fraction(EPS)) for h in neighbours]
    assert min(errors) == errors[1] < errors[0] and errors[1] < errors[2]


def _order(method, f, df, x, h):
    """Observed order p from the errors at h and h/2: error ~ C h^p."""
    e1, e2 = abs(method(f, x, h) - df(x)), abs(method(f, x, h / 2) - df(x))
    return math.log2(e1 / e2)


@pytest.mark.parametrize("f, df", SMOOTH[:2])
def test_truncation_orders_are_one_and_two(f, df):
    assert _order(forward_difference, f, df, 0.7, 1e-3) == pytest.approx(1.0, abs=0.02)
    assert _order(backward_difference, f, df, 0.7, 1e-3) == pytest.approx(1.0, abs=0.02)
    assert _order(central_difference, f, df, 0.7, 1e-2) == pytest.approx(2.0, abs=0.02)


def test_forward_quotient_of_square_is_2x_plus_h():
    xs = np.linspace(-10, 10, 41)
    np.testing.assert_allclose(forward_difference(np.square, xs, 0.5), 2 * xs + 0.5, atol=1e-12)
    np.testing.assert_allclose(central_difference(np.square, xs, 0.5), 2 * xs, atol=1e-12)


def test_array_input_gives_array_output_and_scalar_gives_float():
    assert isinstance(central_difference(np.sin, 0.3), float)
    out = central_difference(np.sin, np.array([0.1, 0.2]))
    assert isinstance(out, np.ndarray) and out.shape == (2,)


def test_complex_step_refuses_real_only_functions():
    with pytest.raises(TypeError, match="complex"):
        complex_step(lambda x: abs(x.real), 1.0)


@pytest.mark.parametrize("method", [forward_difference, backward_difference, central_difference, complex_step])
@pytest.mark.parametrize("h", [0.0, -1e-3, float("nan"), float("inf")])
def test_bad_h_is_refused_naming_h(method, h):
    with pytest.raises(ValueError, match=r"\bh\b"):
        method(np.sin, 1.0, h)


@pytest.mark.parametrize("method", [forward_difference, central_difference])
def test_bad_f_and_x_are_refused(method):
    with pytest.raises(TypeError, match="f must be a function"):
        method(3.0, 1.0)
    with pytest.raises(TypeError, match="x must be a real number"):
        method(np.sin, "1.0")
    with pytest.raises(TypeError, match="x must be a real number"):
        method(np.sin, 1 + 2j)
    with pytest.raises(ValueError, match="x must be finite"):
        method(np.sin, float("nan"))
    with pytest.raises(ValueError, match="f must return one real number per input point"):
        method(lambda x: np.array([x, x]), 1.0)


def _quadratic_form(x):
    a = np.array([[3.0, 1.0, 0.0], [1.0, 2.0, 0.5], [0.0, 0.5, 1.0]])
    return 0.5 * x @ a @ x + np.array([1.0, -2.0, 0.5]) @ x


def _quadratic_form_grad(x):
    a = np.array([[3.0, 1.0, 0.0], [1.0, 2.0, 0.5], [0.0, 0.5, 1.0]])
    return a @ x + np.array([1.0, -2.0, 0.5])


def test_numerical_gradient_matches_analytic_and_leaves_input_alone():
    x = np.array([0.3, -1.2, 2.0])
    before = x.copy()
    g = numerical_gradient(_quadratic_form, x)
    np.testing.assert_array_equal(x, before)
    np.testing.assert_allclose(g, _quadratic_form_grad(x), rtol=1e-8, atol=1e-9)
    assert g.shape == x.shape


def test_numerical_gradient_of_brief_three_variable_function():
    def f(p):
        x, y, z = p
        return x * x - 2 * x + y * y + z * z + y * z

    p = np.array([2.0, -5.0, 7.0])
    expected = np.array([2 * 2 - 2, 2 * -5 + 7, 2 * 7 - 5])
    np.testing.assert_allclose(numerical_gradient(f, p, 1e-5), expected, rtol=1e-8)


def test_numerical_gradient_scalar_x_and_bad_f():
    assert numerical_gradient(lambda x: x * x, 3.0) == pytest.approx(6.0, rel=1e-9)
    with pytest.raises(ValueError, match="single real number"):
        numerical_gradient(lambda p: p * 2, np.array([1.0, 2.0]))
    with pytest.raises(ValueError, match="1-D"):
        numerical_gradient(lambda p: p.sum(), np.ones((2, 2)))


def test_gradient_check_small_for_right_gradient_large_for_wrong_one():
    x = np.array([0.5, 1.5, -0.7])
    assert gradient_check(_quadratic_form, _quadratic_form_grad, x) < 1e-8
    assert gradient_check(_quadratic_form, lambda p: -_quadratic_form_grad(p), x) > 0.9
    assert gradient_check(lambda p: p @ p, lambda p: 2 * p, np.zeros(3)) == 0.0
    with pytest.raises(ValueError, match="grad must return an array shaped like x"):
        gradient_check(_quadratic_form, lambda p: p[:2], x)


@settings(max_examples=60, deadline=None)
@given(
    x=st.floats(-5, 5, allow_nan=False),
    a=st.floats(-3, 3, allow_nan=False),
    b=st.floats(-3, 3, allow_nan=False),
    c=st.floats(-3, 3, allow_nan=False),
)
def test_property_central_quotient_is_exact_for_quadratics(x, a, b, c):
    # For a quadratic the central quotient has no truncation error: only rounding remains.
    def f(t):
        return a * t * t + b * t + c

    scale = abs(a) * (abs(x) + 1) ** 2 + abs(b) * (abs(x) + 1) + abs(c) + 1
    assert central_difference(f, x, 1e-3) == pytest.approx(2 * a * x + b, abs=1e4 * EPS * scale)


@settings(max_examples=60, deadline=None)
@given(x=st.lists(st.floats(-1e3, 1e3, allow_nan=False), min_size=1, max_size=6))
def test_property_numerical_gradient_never_modifies_its_input(x):
    arr = np.array(x)
    before = arr.copy()
    numerical_gradient(lambda p: float(np.sum(p * p)), arr)
    np.testing.assert_array_equal(arr, before)


def test_f_returning_none_or_complex_is_refused():
    with pytest.raises(TypeError, match="f returned None"):
        central_difference(lambda x: None, 1.0)
    with pytest.raises(TypeError, match="f must return real numbers for real x"):
        forward_difference(lambda x: x + 1j, 1.0)


def test_numerical_gradient_refuses_f_returning_none():
    with pytest.raises(TypeError, match="f returned None"):
        numerical_gradient(lambda p: None, np.array([1.0, 2.0]))
