"""gdutils.trace: the printed table of a run."""

import numpy as np
import pytest

from gdutils import format_trace, gradient_descent, print_trace
from gdutils.objectives import SHIFTED_SQUARE
from gdutils.trace import format_number, format_or_bound


def test_format_number_shortest_round_trip_and_no_negative_zero():
    assert format_number(0.1 + 0.2) == "0.30000000000000004"
    assert float(format_number(2.0024746869264467)) == 2.0024746869264467
    assert format_number(-0.0) == "0.0"
    assert format_number(-0.0, ".3f") == "0.000"
    assert format_number(np.float64(5.988)) == "5.988"


def test_trace_rows_are_every_kth_step_and_the_last():
    run = gradient_descent(SHIFTED_SQUARE.df, 10.0, 0.01, 250, f=SHIFTED_SQUARE.f)
    lines = format_trace(run, every=100).splitlines()
    assert lines[0].split() == ["step", "x", "f(x)"]
    assert [line.split()[0] for line in lines[1:]] == ["0", "100", "200", "250"]
    step_250 = lines[-1].split()
    assert float(step_250[1]) == run.x and float(step_250[2]) == run.values[-1]


def test_trace_of_vector_run_without_values():
    run = gradient_descent(lambda p: 2 * p, np.array([6.0, -3.0]), 0.001, 1)
    assert format_trace(run, fmt=".3f").splitlines() == ["step  x", "   0  [6.000, -3.000]", "   1  [5.988, -2.994]"]


def test_print_trace_adds_the_stop_message(capsys):
    run = gradient_descent(SHIFTED_SQUARE.df, 10.0, 0.01, 3)
    print_trace(run)
    assert capsys.readouterr().out.rstrip().endswith(run.message)


def test_bad_arguments():
    run = gradient_descent(SHIFTED_SQUARE.df, 10.0, 0.01, 3)
    with pytest.raises(ValueError, match="every must be >= 1"):
        format_trace(run, every=0)
    with pytest.raises(TypeError, match="result must be a DescentResult"):
        format_trace([1, 2, 3])
    with pytest.raises(TypeError, match="fmt must be a format spec"):
        format_trace(run, fmt=6)


def test_format_or_bound_prints_a_bound_below_the_floor_and_the_value_above():
    assert format_or_bound(3.3e-13, 1e-12) == "< 1e-12"
    assert format_or_bound(-5.6e-17, 1e-14) == "< 1e-14"  # a negative "excess" at rounding level
    assert format_or_bound(5.24e-5, 1e-12) == "5.2e-05"
    assert format_or_bound(1e-12, 1e-12) == "1.0e-12"  # the floor itself is not below it
    assert format_or_bound(0.123456, 1e-6, ".3f") == "0.123"


@pytest.mark.parametrize("floor", [0, -1e-12, "1e-12", True, float("nan"), float("inf")])
def test_format_or_bound_refuses_a_floor_that_is_not_a_positive_number(floor):
    with pytest.raises(ValueError, match="floor must be a positive number"):
        format_or_bound(1.0, floor)
