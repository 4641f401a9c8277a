"""Self-checks for the exercises of chapter 12 (Automatic differentiation)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from ..autodiff import Value
from ..dual import Dual
from ..expressions import evaluate_program, random_program
from .common import Mistake
from .core import CheckFailed, as_real, call, diagnose, new_rng, passed, require_function


def _sigmoid_node_results(name: str, sigmoid: Callable, x: float, w: float) -> list[float]:
    """[sigma(x w) data, d/dx, d/dw] of 3 * sigmoid(x * w) computed with the reader's sigmoid."""
    xv, wv = Value(x), Value(w)
    s = call(name, sigmoid, xv * wv)
    if not isinstance(s, Value):
        raise CheckFailed(f"{name} must return a Value (a node of the graph), got {type(s).__name__} "
                          f"{s!r:.40}: build it with Value(data, (x,), (local derivative,), 'sigmoid').")
    out = 3.0 * s
    out.backward()
    return [s.data, xv.grad / (3.0 * w), wv.grad / (3.0 * x)]  # both divide out to sigma'(x w)


def check_sigmoid(sigmoid: Callable, *, seed: int | None = None) -> None:
    """Exercise 12.1: sigmoid(x) returns a Value holding 1 / (1 + exp(-x.data)) whose backward gives s (1 - s)."""
    name = "sigmoid"
    require_function(name, sigmoid)
    rng, seed = new_rng(seed)
    x = rng.uniform(-2.0, 2.0, size=10)
    w = rng.choice([-1.0, 1.0], size=10) * rng.uniform(0.5, 1.5, size=10)
    got = np.array([_sigmoid_node_results(name, sigmoid, float(a), float(b)) for a, b in zip(x, w)])
    z = x * w
    s = 1.0 / (1.0 + np.exp(-z))
    expected = np.stack([s, s * (1 - s), s * (1 - s)], axis=1)

    def with_slope(data: np.ndarray, slope: np.ndarray) -> np.ndarray:
        return np.stack([data, slope, slope], axis=1)

    diagnose(
        name, got, expected,
        [
            Mistake("the value is 1 / (1 + exp(+x)): the sigmoid is 1 / (1 + exp(-x)).",
                    with_slope(1 - s, s * (1 - s))),
            Mistake("the gradient does not reach x: give the new node x as its parent, "
                    "Value(s, (x,), (local,), 'sigmoid').", with_slope(s, 0 * s)),
            Mistake("the local derivative is s (1 - s), not s: the derivative of the sigmoid is "
                    "sigma(x) (1 - sigma(x)).", with_slope(s, s)),
            Mistake("the local derivative has a flipped sign: it is s (1 - s), which is positive.",
                    with_slope(s, -s * (1 - s))),
            Mistake("that local derivative is s (1 + s); it is s (1 - s).", with_slope(s, s * (1 + s))),
            Mistake("that local derivative is 1 - s^2, tanh's rule; the sigmoid's is s (1 - s).",
                    with_slope(s, 1 - s * s)),
            Mistake("the local derivative is exp(-x) / (1 + exp(-x))^2 = s (1 - s): "
                    "the exp(-x) in the numerator is missing.", with_slope(s, s * s)),
        ],
        rtol=1e-7, atol=1e-10, seed=seed,
        fallback="the node's value or its gradient is not the sigmoid's",
    )
    passed(name, "value and gradient right on 10 random inputs")


def _program_graph(rng: np.random.Generator) -> tuple[list[Value], Value]:
    """The inputs and output of a random expression with reused nodes, built with Value."""
    x = [float(a) for a in np.round(rng.uniform(-2.0, 2.0, size=3), 2)]
    program = random_program(rng, x, int(rng.integers(6, 14)))
    inputs = [Value(a) for a in x]
    return inputs, evaluate_program(program, inputs)


def _breadth_first(out: Value) -> list[Value]:
    """out's graph in the order a breadth-first walk from out through the parents first reaches it."""
    order, seen, i = [out], {id(out)}, 0
    while i < len(order):
        for parent in order[i].parents:
            if id(parent) not in seen:
                seen.add(id(parent))
                order.append(parent)
        i += 1
    return order


def _replay(out: Value, *, accumulate: bool = True, reverse: bool = True, zero: bool = True,
            seed_output: bool = True, breadth_first: bool = False) -> None:
    """The chain rule on out's graph, with or without each ingredient of a correct backward pass."""
    order = out.graph()
    if zero:
        for node in order:
            node.grad = 0.0
    if seed_output:
        out.grad = 1.0
    if breadth_first:
        order, reverse = _breadth_first(out), False
    for node in (reversed(order) if reverse else order):
        for parent, local in zip(node.parents, node.local_grads):
            parent.grad = parent.grad + local * node.grad if accumulate else local * node.grad


def _variant_grads(seed: int, **how: bool) -> list[float]:
    """The input gradients that one variant of the backward pass gives on the check's graphs."""
    rng = np.random.default_rng(seed)
    grads = []
    for _ in range(6):
        inputs, out = _program_graph(rng)
        _replay(out, **how)
        grads += [x.grad for x in inputs]
    return grads


def check_backward_pass(backward_pass: Callable, *, seed: int | None = None) -> None:
    """Exercise 12.2: backward_pass(root) fills every node's grad, accumulating over paths, twice in a row alike."""
    name = "backward_pass"
    require_function(name, backward_pass)
    _, seed = new_rng(seed)
    rng = np.random.default_rng(seed)
    got, again = [], []
    for _ in range(6):
        inputs, out = _program_graph(rng)
        call(name, backward_pass, out)
        got += [x.grad for x in inputs]
        call(name, backward_pass, out)
        again += [x.grad for x in inputs]
    expected = _variant_grads(seed)
    if np.allclose(got, expected, rtol=1e-9, atol=1e-12) and not np.allclose(again, expected, rtol=1e-9,
                                                                               atol=1e-12):
        raise CheckFailed(f"{name}: right the first time, wrong when run again on the same graph: set every "
                          f"node's grad to 0 before the pass.")
    diagnose(
        name, np.array(got), np.array(expected),
        [
            Mistake("every input's grad is still 0: set the output's grad to 1 (d out / d out = 1), then visit "
                    "the nodes from the output back to the inputs, reversed(root.graph()).",
                    _variant_grads(seed, seed_output=False)),
            Mistake("a node used on several paths keeps only its last contribution: add to the parent's "
                    "grad (+=) instead of overwriting it (=).", _variant_grads(seed, accumulate=False)),
            Mistake("the nodes are visited in the wrong order: go from the output back to the inputs, "
                    "reversed(root.graph()).", _variant_grads(seed, reverse=False)),  # if not all 0
            Mistake("the nodes are visited breadth-first from the output: a shared node passes its gradient "
                    "on before all its children have contributed; use reversed(root.graph()).",
                    _variant_grads(seed, breadth_first=True)),
        ],
        rtol=1e-9, atol=1e-12, seed=seed,
        fallback="the gradients differ from the chain rule's",
    )
    passed(name, "right on 6 random graphs, twice each")


def _items(result: Any) -> list:
    """The entries of the reader's result, or [] when it is not a sequence."""
    try:
        return list(result)
    except TypeError:
        return []


def _dual_function(program: list, *, calls: list[int]) -> Callable[[Any], Any]:
    """f(list of Duals) for a program, counting its calls."""
    def f(xs: Any) -> Any:
        calls[0] += 1
        return evaluate_program(program, list(xs))
    return f


def check_forward_gradient(forward_gradient: Callable, *, seed: int | None = None) -> None:
    """Exercise 12.3: forward_gradient(f, x) is the gradient of f at x by d forward passes with Dual numbers."""
    name = "forward_gradient"
    require_function(name, forward_gradient)
    rng, seed = new_rng(seed)
    got, expected, values, sums = [], [], [], []
    for d in [2, 3, 4, 3, 2]:
        x = [float(a) for a in np.round(rng.uniform(-2.0, 2.0, size=d), 2)]
        program = random_program(rng, x, int(rng.integers(6, 14)))
        calls = [0]
        result = call(name, forward_gradient, _dual_function(program, calls=calls), list(x))
        if any(isinstance(r, Dual) for r in _items(result)):
            raise CheckFailed(f"{name} returned Dual numbers: return their derivative parts (.dual), as floats.")
        try:
            row = [as_real(name, r, (x,)) for r in result]
        except TypeError:
            raise CheckFailed(f"{name} must return a list of d = {d} numbers, got {type(result).__name__}") from None
        if len(row) != d:
            raise CheckFailed(f"{name} must return one partial derivative per coordinate ({d}), got {len(row)}")
        inputs = [Value(a) for a in x]
        out = evaluate_program(program, inputs)
        out.backward()
        got += row
        expected += [xi.grad for xi in inputs]
        values += [out.data] * d
        sums += [sum(xi.grad for xi in inputs)] * d
        if calls[0] > d and np.allclose(row, expected[-d:], rtol=1e-9, atol=1e-12):
            raise CheckFailed(f"{name} called f {calls[0]} times for d = {d}: one forward pass per coordinate is "
                              f"enough (the derivative part of f's Dual).")
    diagnose(
        name, np.array(got), np.array(expected),
        [
            Mistake("that is f(x) itself: the derivative is the Dual's derivative part (.dual), not .value.",
                    np.array(values)),
            Mistake("every entry is the sum of the partial derivatives: seed only coordinate i with 1 (the "
                    "others with 0) in pass i.", np.array(sums)),
        ],
        rtol=1e-9, atol=1e-12, seed=seed,
        fallback="the partial derivatives differ from the gradient",
    )
    passed(name, "right on 5 random functions")

