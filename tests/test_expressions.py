"""gdutils.expressions: random programs and their evaluation on several kinds of numbers (chapter 12)."""

import math

import numpy as np
import pytest

from gdutils.expressions import COMPLEX_FUNCTIONS, FLOAT_FUNCTIONS, evaluate_program, random_program


def test_a_program_written_by_hand():
    program = [["mul", 0, 1], ["add", 2, 1.5], ["div", 1.0, 3], ["pow", 4, 2], ["exp", 0], ["log", 6],
               ["tanh", 7], ["relu", 8], ["sub", 9, 5]]
    x, y = 0.5, 2.0
    n3 = x * y + 1.5
    expected = max(math.tanh(math.log(math.exp(x))), 0.0) - (1.0 / n3) ** 2
    assert evaluate_program(program, [x, y], FLOAT_FUNCTIONS) == pytest.approx(expected, rel=1e-15)
    assert evaluate_program(program, [complex(x), complex(y)], COMPLEX_FUNCTIONS).real == pytest.approx(
        expected, rel=1e-15)


def test_random_programs_are_well_defined_and_every_node_reaches_the_output():
    rng = np.random.default_rng(3)
    for _ in range(100):
        x = list(rng.uniform(-2, 2, size=3))
        program = random_program(rng, x, 20)
        assert len(program) >= 20
        assert math.isfinite(evaluate_program(program, x, FLOAT_FUNCTIONS))
        used = {a for op in program for a in (op[1:2] if op[0] == "pow" else op[1:]) if isinstance(a, int)}
        assert used == set(range(len(x) + len(program) - 1))  # every node but the output is used


def test_the_same_seed_gives_the_same_program():
    a = random_program(np.random.default_rng(5), [0.5, -1.0], 10)
    b = random_program(np.random.default_rng(5), [0.5, -1.0], 10)
    assert a == b


@pytest.mark.parametrize(
    "call, error, match",
    [
        (lambda: evaluate_program([["sin", 0]], [1.0]), ValueError, "unknown operation 'sin'"),
        (lambda: evaluate_program([], []), ValueError, "at least one input"),
        (lambda: random_program(np.random.default_rng(0), [], 3), ValueError, "at least one number"),
        (lambda: random_program(np.random.default_rng(0), [1.0], 0), ValueError, "n_ops must be >= 1"),
        (lambda: random_program(0, [1.0], 3), TypeError, "rng"),
    ],
)
def test_bad_input_gets_a_clear_error(call, error, match):
    with pytest.raises(error, match=match):
        call()
