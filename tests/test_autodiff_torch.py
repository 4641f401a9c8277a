"""gdutils.autodiff.Value against torch autograd on 300 random expressions (chapter 12).

The oracle is tests/fixtures/torch_autodiff.json, written by tools/torch_autodiff_reference.py
with torch 2.13.0 (its docstring says how to re-create it); torch is not needed here. The
script draws its expressions with code of its own and stores them as programs (the format of
gdutils.expressions), with torch's output and gradients in float64. Value must give the same
gradients to 1e-12 relative; an exact zero (an input that reaches the output only through a
relu at 0, or x - x) must come out within 1e-12 of the sum of the absolute values of the
terms that make it up (the gradient of the graph with every local derivative made positive).
"""

import json
from pathlib import Path

import pytest

from gdutils.autodiff import Value
from gdutils.expressions import BINARY, UNARY, evaluate_program

FIXTURE = Path(__file__).parent / "fixtures" / "torch_autodiff.json"
REFERENCE = json.loads(FIXTURE.read_text())
CASES = REFERENCE["cases"]
RTOL = 1e-12


def value_gradients(case: dict) -> tuple[float, list[float], list[float]]:
    """Value's output and gradients, and the gradients of the same graph with |local derivatives|."""
    inputs = [Value(x) for x in case["inputs"]]
    out = evaluate_program(case["program"], inputs)
    out.backward()
    grads = [x.grad for x in inputs]
    for node in out.graph():
        node.local_grads = tuple(abs(d) for d in node.local_grads)
    out.backward()
    return out.data, grads, [x.grad for x in inputs]


def largest_relative_difference() -> float:
    worst = 0.0
    for case in CASES:
        _, grads, _ = value_gradients(case)
        worst = max([worst] + [abs(g - t) / abs(t) for g, t in zip(grads, case["gradient"]) if t != 0.0])
    return worst


def test_the_fixture_covers_every_operation_and_both_sides():
    ops = [op for case in CASES for op in case["program"]]
    assert {op[0] for op in ops} == set(BINARY) | set(UNARY) | {"pow"}
    assert {op[2] for op in ops if op[0] == "pow"} == {-2, -1, 2, 3}
    for name in BINARY:  # a number on the left and on the right of each operator
        assert any(op[0] == name and isinstance(op[1], float) for op in ops)
        assert any(op[0] == name and isinstance(op[2], float) for op in ops)
    reused = 0
    for case in CASES:
        operands = [a for op in case["program"] for a in (op[1:2] if op[0] == "pow" else op[1:])
                    if isinstance(a, int)]
        reused += len(operands) > len(set(operands))
    assert reused > 250  # most expressions use some node more than once
    assert len(CASES) == 300 and REFERENCE["torch"].startswith("2.13.0")


@pytest.mark.parametrize("start", range(0, 300, 50))
def test_value_matches_torch_autograd(start):
    for case in CASES[start:start + 50]:
        data, grads, absolute = value_gradients(case)
        assert data == pytest.approx(case["value"], rel=RTOL, abs=1e-300)
        for g, t, scale in zip(grads, case["gradient"], absolute):
            if t == 0.0:
                assert abs(g) <= RTOL * scale
            else:
                assert abs(g - t) <= RTOL * abs(t), (case, g, t)


def test_the_largest_difference_is_at_the_level_of_rounding():
    worst = largest_relative_difference()
    print(f"largest relative difference from torch: {worst:.2g}")
    assert worst < 1e-13
