"""Random expressions written as data, to test automatic differentiation on (chapter 12).

An expression is a **program**: a list of operations, each making a new node from
earlier ones. Nodes ``0 .. n_inputs - 1`` are the inputs; operation ``k`` makes node
``n_inputs + k``; the last node is the output. An operation is a list:

- ``["add" | "sub" | "mul" | "div", a, b]``: a binary operation; ``a`` and ``b``
  are node indices (int) or constants (float), at most one of them a constant, on
  either side;
- ``["pow", a, n]``: node ``a`` to the integer power ``n``;
- ``["exp" | "log" | "tanh" | "relu", a]``: a function of node ``a``.

:func:`evaluate_program` runs a program on any numbers that support ``+ - * /``
and ``**``: floats, complex numbers, ``Value``, ``Dual`` (or torch tensors), with
the functions taken from the numbers' own methods or from a table such as
:data:`FLOAT_FUNCTIONS` or :data:`COMPLEX_FUNCTIONS`. :func:`random_program` draws
one whose every operation is well defined and away from a kink or a pole, so that
every method of differentiation applies.
"""

from __future__ import annotations

import cmath
import math
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import numpy as np

from . import validation as v

BINARY = ("add", "sub", "mul", "div")
UNARY = ("exp", "log", "tanh", "relu")

FLOAT_FUNCTIONS: dict[str, Callable] = {
    "exp": math.exp, "log": math.log, "tanh": math.tanh, "relu": lambda x: max(x, 0.0),
}
"""The functions of a program on floats (chapter 12)."""

COMPLEX_FUNCTIONS: dict[str, Callable] = {
    "exp": cmath.exp, "log": cmath.log, "tanh": cmath.tanh,
    "relu": lambda z: z if z.real > 0 else 0.0 * z,  # analytic on either side of the kink
}
"""The functions of a program on complex numbers, for the complex step (chapter 12)."""


def _operand(nodes: list, a: Any) -> Any:
    """A node by index, or a constant as it is."""
    return nodes[a] if isinstance(a, int) else a


def _apply(op: Sequence, nodes: list, functions: Mapping[str, Callable] | None) -> Any:
    """The node that one operation makes."""
    name = op[0]
    if name in BINARY:
        a, b = _operand(nodes, op[1]), _operand(nodes, op[2])
        if name == "add":
            return a + b
        if name == "sub":
            return a - b
        return a * b if name == "mul" else a / b
    if name == "pow":
        return nodes[op[1]] ** int(op[2])
    if name in UNARY:
        x = nodes[op[1]]
        return getattr(x, name)() if functions is None else functions[name](x)
    raise ValueError(f"unknown operation {name!r}; expected one of {BINARY + ('pow',) + UNARY}")


def evaluate_program(program: Sequence[Sequence], inputs: Sequence[Any],
                     functions: Mapping[str, Callable] | None = None) -> Any:
    """The output of a program on the given inputs (chapter 12).

    ``functions`` maps "exp", "log", "tanh", "relu" to functions; ``None`` calls
    the inputs' own methods (``x.exp()``, as ``Value`` and ``Dual`` have).
    """
    nodes = list(inputs)
    if not nodes:
        raise ValueError("a program needs at least one input")
    for op in program:
        nodes.append(_apply(op, nodes, functions))
    return nodes[-1]


def _choose_operation(rng: np.random.Generator, nodes: list[float]) -> list | None:
    """One random operation on the nodes so far, or None when the draw is not well defined."""
    recent = len(nodes) - 1 if rng.random() < 0.5 else int(rng.integers(len(nodes)))
    x = nodes[recent]
    name = str(rng.choice(BINARY + ("pow",) + UNARY))
    if name in BINARY:
        other: int | float = int(rng.integers(len(nodes)))
        if rng.random() < 0.3:
            other = float(np.round(rng.uniform(-3.0, 3.0), 2)) or 1.5
        op = [name, recent, other] if rng.random() < 0.5 else [name, other, recent]
        divisor = _operand(nodes, op[2])
        return None if name == "div" and abs(divisor) < 0.2 else op
    if name == "pow":
        n = int(rng.choice([-2, -1, 2, 3]))
        return None if (n < 0 and abs(x) < 0.2) else ["pow", recent, n]
    bad = {"exp": x > 4.0, "log": x < 0.2, "tanh": abs(x) > 3.0, "relu": abs(x) < 0.05}[name]
    return None if bad else [name, recent]


def random_program(rng: np.random.Generator, inputs: Sequence[float], n_ops: int) -> list[list]:
    """A random program of ``n_ops`` operations, well defined at ``inputs``, then a sum of its sinks (chapter 12).

    Operands are drawn among all nodes so far (half the time the newest), so nodes
    are reused and paths share subexpressions. An operation is redrawn when it would
    divide by a number near 0, take the log of a number below 0.2, exponentiate
    above 4, put relu within 0.05 of its kink, take tanh beyond 3 (where its
    derivative 1 - tanh^2 loses digits to cancellation) or let a node exceed 1e4.
    Then additions sum every node that no operation uses, so that every node lies
    on a path to the output.
    """
    rng = v.generator("rng", rng)
    n_ops = v.positive_int("n_ops", n_ops)
    nodes = [v.real_scalar("inputs", x) for x in inputs]
    if not nodes:
        raise ValueError("inputs must hold at least one number")
    program: list[list] = []
    while len(program) < n_ops:
        op = _choose_operation(rng, nodes)
        if op is None:
            continue
        value = _apply(op, nodes, FLOAT_FUNCTIONS)
        if abs(value) <= 1e4:
            program.append(op)
            nodes.append(value)
    return program + _sum_of_sinks(program, len(inputs))


def _sum_of_sinks(program: list[list], n_inputs: int) -> list[list]:
    """Operations adding up the nodes that nothing uses (the sinks), so that every node reaches the output."""
    used: set[int] = set()
    for op in program:
        operands = op[1:2] if op[0] == "pow" else op[1:]  # pow's op[2] is its exponent
        used.update(a for a in operands if isinstance(a, int))
    n_nodes = n_inputs + len(program)
    sinks = [i for i in range(n_nodes) if i not in used]
    ops, total = [], sinks[0]
    for k, node in enumerate(sinks[1:]):
        ops.append(["add", total, node])
        total = n_nodes + k
    return ops
