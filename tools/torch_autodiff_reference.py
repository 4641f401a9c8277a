"""Gradients of random expressions by torch autograd, for tests/test_autodiff_torch.py (chapter 12).

gdutils.autodiff.Value promises the gradients of reverse-mode automatic
differentiation. This script draws seeded random expressions from the operations
that micrograd's hand-written tests use (sums, differences, products and quotients
with numbers on either side, integer powers, relu), plus exp, log and tanh, with
nodes reused along several paths, evaluates each with torch in float64 and stores its value and torch's
gradient with respect to every input. The expressions are stored as data, in the
program format of gdutils.expressions (a list of operations such as
["mul", 3, 0], ["div", 1.5, 2], ["pow", 4, -2], ["tanh", 5]), so that the tests
rebuild them with Value without torch.

The expressions are drawn here, by code of this script's own (it does not import
gdutils), so the fixture is independent of the code it tests. Every operation is
drawn again until it is well defined and away from a kink: no division by a number
below 0.2 in size, no log below 0.2, no exp above 4, no relu within 0.05 of 0,
no tanh beyond 3 in size, no node larger than 1e4. (Where tanh saturates, its
derivative 1 - tanh(x)^2 cancels: at x = 10 a change of one unit in the last place
of tanh(x), where torch's and Python's tanh may differ, changes it by about
3e-8 relative, 2.7e-8 as chapter 12 computes.)

torch is not a dependency of the book. Re-create the file in a scratch environment:

    python3 -m venv /tmp/torchenv
    /tmp/torchenv/bin/pip install torch==2.13.0 numpy   # the CPU wheel pinned here
    /tmp/torchenv/bin/python tools/torch_autodiff_reference.py           # rewrites the fixture
    /tmp/torchenv/bin/python tools/torch_autodiff_reference.py --check   # compares, writes nothing

The script needs only torch and numpy; run it from the repository's root.
"""

from __future__ import annotations

import math
import sys
from pathlib import Path

import numpy as np
import torch

import torch_fixture

FIXTURE = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "torch_autodiff.json"
SEED = 12
N_EXPRESSIONS = 300
BINARY = ["add", "sub", "mul", "div"]
UNARY = ["exp", "log", "tanh", "relu"]


def apply(op: list, nodes: list):
    """The node one operation makes, on floats or on torch tensors alike."""
    def arg(a):
        return nodes[a] if isinstance(a, int) else a

    name = op[0]
    if name == "add":
        return arg(op[1]) + arg(op[2])
    if name == "sub":
        return arg(op[1]) - arg(op[2])
    if name == "mul":
        return arg(op[1]) * arg(op[2])
    if name == "div":
        return arg(op[1]) / arg(op[2])
    if name == "pow":
        return nodes[op[1]] ** op[2]
    x = nodes[op[1]]
    if isinstance(x, torch.Tensor):
        return torch.relu(x) if name == "relu" else getattr(x, name)()
    return {"exp": math.exp, "log": math.log, "tanh": math.tanh, "relu": lambda t: max(t, 0.0)}[name](x)


def draw_operation(rng: np.random.Generator, values: list[float]) -> list | None:
    """A random operation on the nodes so far, or None if it is not well defined there."""
    n = len(values)
    a = n - 1 if rng.random() < 0.5 else int(rng.integers(n))
    name = (BINARY + ["pow"] + UNARY)[int(rng.integers(9))]
    if name in BINARY:
        b = int(rng.integers(n)) if rng.random() < 0.7 else round(float(rng.uniform(-3, 3)), 2) or 2.5
        op = [name, a, b] if rng.random() < 0.5 else [name, b, a]
        denominator = values[op[2]] if isinstance(op[2], int) else op[2]
        return None if name == "div" and abs(denominator) < 0.2 else op
    x = values[a]
    if name == "pow":
        k = [-2, -1, 2, 3][int(rng.integers(4))]
        return None if k < 0 and abs(x) < 0.2 else ["pow", a, k]
    if ((name == "exp" and x > 4) or (name == "log" and x < 0.2) or (name == "relu" and abs(x) < 0.05)
            or (name == "tanh" and abs(x) > 3)):
        return None
    return [name, a]


def draw_expression(rng: np.random.Generator) -> dict:
    """Inputs (2 to 4 numbers in [-2, 2], 3 decimals) and a program of 5 to 30 operations."""
    inputs = [round(float(x), 3) for x in rng.uniform(-2, 2, size=int(rng.integers(2, 5)))]
    n_ops = int(rng.integers(5, 31))
    values, program = list(inputs), []
    while len(program) < n_ops:
        op = draw_operation(rng, values)
        if op is None:
            continue
        value = apply(op, values)
        if abs(value) <= 1e4:
            program.append(op)
            values.append(value)
    return {"inputs": inputs, "program": program + sum_of_unused(program, len(inputs))}


def sum_of_unused(program: list, n_inputs: int) -> list:
    """Operations adding up every node that no operation uses, so that every node reaches the output."""
    used = set()
    for op in program:
        operands = op[1:3] if op[0] in BINARY else op[1:2]  # pow's op[2] is its exponent
        used.update(a for a in operands if isinstance(a, int))
    unused = [i for i in range(n_inputs + len(program)) if i not in used]
    ops, total = [], unused[0]
    for k, node in enumerate(unused[1:]):
        ops.append(["add", total, node])
        total = n_inputs + len(program) + k
    return ops


def torch_gradients(case: dict) -> tuple[float, list[float]]:
    """The output and its gradient with respect to every input, by torch autograd in float64."""
    leaves = [torch.tensor(x, dtype=torch.float64, requires_grad=True) for x in case["inputs"]]
    nodes = list(leaves)
    for op in case["program"]:
        nodes.append(apply(op, nodes))
    out = nodes[-1]
    out.backward()
    return float(out.detach()), [0.0 if leaf.grad is None else float(leaf.grad) for leaf in leaves]


def build() -> dict:
    rng = np.random.default_rng(SEED)
    cases = []
    for _ in range(N_EXPRESSIONS):
        case = draw_expression(rng)
        value, grads = torch_gradients(case)
        cases.append({**case, "value": value, "gradient": grads})
    return {"generator": "tools/torch_autodiff_reference.py", "torch": torch.__version__, "seed": SEED,
            "cases": cases}


def same_cases(new_cases: list[dict], stored_cases: list[dict]) -> tuple[bool, str]:
    same = all(new == old for new, old in zip(new_cases, stored_cases, strict=True))
    return same, "the stored fixture is reproduced exactly" if same else "the stored fixture differs"


def summary(data: dict) -> str:
    return f"{len(data['cases'])} expressions, {sum(len(c['program']) for c in data['cases'])} operations"


def main(argv: list[str] | None = None) -> int:
    return torch_fixture.main(__doc__, build, FIXTURE, summary, compare=same_cases, argv=argv)


if __name__ == "__main__":
    sys.exit(main())
