"""The machinery behind the exercises' self-checks (chapter 1 onwards).

A check calls the reader's function on fresh random data and compares it with a
reference. When the answer is wrong it also compares it with the answers that
common mistakes give (a flipped sign, a factor of 2, ...) and names the first one
that fits, without revealing the correct answer. Failures are shown as one short
hint, not a stack trace, in Jupyter, nbval and nbgrader alike.
"""

from __future__ import annotations

import secrets
import warnings
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from .. import validation as v


class CheckFailed(AssertionError):
    """A self-check found a mistake. Jupyter shows only the hint, not a traceback."""

    def _render_traceback_(self) -> list[str]:
        return [f"\N{BALLOT X} {self}"]


class NotAttempted(CheckFailed):
    """The exercise still holds its stub (it raises NotImplementedError)."""


def new_rng(seed: int | None) -> tuple[np.random.Generator, int]:
    """A seeded generator for a check: a fresh seed each call unless one is given, to reproduce a run."""
    if seed is None:
        seed = secrets.randbits(32)
    return np.random.default_rng(seed), seed


def require_function(name: str, candidate: Any) -> Callable:
    """The reader's answer must be a function; say how to pass it otherwise."""
    if candidate is None or candidate is Ellipsis:
        raise NotAttempted(f"{name}: not attempted yet - define it in the cell above, then run this cell again.")
    if _has_empty_body(candidate):  # otter-grader's student version: a docstring and `...`
        raise NotAttempted(f"{name}: not attempted yet - write your code in place of the `...` in its body, "
                           f"run that cell, then run this check again.")
    if not callable(candidate):
        raise CheckFailed(
            f"{name}: expected the function itself, got {type(candidate).__name__} {candidate!r:.40}. "
            f"Pass the name without calling it, e.g. check({name}) rather than check({name}(1.0))."
        )
    return candidate


def _empty() -> None:
    """Nothing but a docstring: the body of a function that has not been written yet."""


def _has_empty_body(func: Any) -> bool:
    """True for a function with a docstring and a body that does nothing else (``...`` or ``pass``).

    That is how otter-grader hands out an exercise: the chapter's function with its docstring and
    ``...`` in place of the solution. (A function without a docstring that returns None is an
    attempt with a missing ``return``, and keeps that hint.)
    """
    code = getattr(func, "__code__", None)
    return code is not None and func.__doc__ is not None and code.co_code == _empty.__code__.co_code


def call(name: str, func: Callable, *args: Any) -> Any:
    """Call the reader's function; turn a stub or a crash into a short hint.

    Overflow warnings are silenced: a wrong answer that blows up is diagnosed from its result.
    """
    try:
        with np.errstate(all="ignore"), warnings.catch_warnings():
            warnings.simplefilter("ignore", RuntimeWarning)
            return func(*args)
    except NotImplementedError:
        raise NotAttempted(
            f"{name}: not attempted yet - replace `raise NotImplementedError()` with your code, "
            f"run that cell, then run this check again."
        ) from None
    except Exception as exc:  # the reader's code crashed: report it briefly
        shown = ", ".join(short(a) for a in args)
        raise CheckFailed(f"{name}({shown}) raised {type(exc).__name__}: {exc}") from None


def _refuse(name: str, value: Any, shown: str, problem: str, want: str) -> None:
    """Say why the reader's result is not what was expected (``problem`` from ``validation.real_result_problem``)."""
    if problem == "none":
        raise CheckFailed(f"{name}({shown}) returned None: is a `return` missing?")
    if problem == "bool":
        raise CheckFailed(f"{name}({shown}) returned a bool, expected a number")
    raise CheckFailed(f"{name}: wrong shape: {name}({shown}) should return {want}, got "
                      f"{type(value).__name__} {short(value)}")


def as_real(name: str, value: Any, args: Sequence[Any], *, shown: str | None = None,
            want: str = "a single real number") -> float:
    """The reader's result must be one real number; ``shown`` overrides how the arguments are shown."""
    problem = v.real_result_problem(value)  # the one test of gdutils, which refuses str and bool
    if problem is not None:
        _refuse(name, value, ", ".join(short(a) for a in args) if shown is None else shown, problem, want)
    return float(value)


def as_numbers(name: str, value: Any, args: Sequence[Any], size: int = 2) -> np.ndarray:
    """The reader's result must be ``size`` real numbers (a tuple, list or array), e.g. a slope and an intercept."""
    problem = v.real_result_problem(value, (size,))  # the same test, for several numbers
    if problem is not None:
        _refuse(name, value, ", ".join(short(a) for a in args), problem, f"{size} numbers")
    return np.asarray(value, dtype=float)


def evaluate(name: str, func: Callable, arg_rows: Sequence[tuple]) -> np.ndarray:
    """The reader's function applied to each row of arguments, each result a real number."""
    return np.array([as_real(name, call(name, func, *args), args) for args in arg_rows])


def diagnose(
    name: str,
    got: np.ndarray,
    expected: np.ndarray,
    mistakes: Sequence[tuple[str, np.ndarray]],
    *,
    rtol: float = 1e-7,
    atol: float = 1e-9,
    fallback: str,
    seed: int,
) -> None:
    """Pass when ``got`` matches ``expected``; else raise the hint of the first mistake that matches."""
    got = np.asarray(got, dtype=float)
    if np.allclose(got, expected, rtol=rtol, atol=atol):
        return
    for hint, wrong in mistakes:
        with np.errstate(all="ignore"):
            if np.allclose(got, wrong, rtol=rtol, atol=atol):
                raise CheckFailed(f"{name}: {hint}")
    raise CheckFailed(f"{name}: {fallback} (checked on random data with seed={seed}; pass seed={seed} to repeat)")


def passed(name: str, what: str) -> None:
    """Report success in one line."""
    print(f"\N{CHECK MARK} {name}: checks passed - {what}")


def short(value: Any) -> str:
    """A value as the hints show it: 4 significant digits, a function's name, or a short repr."""
    if isinstance(value, float):
        return f"{value:.4g}"
    if callable(value):
        return getattr(value, "__name__", "f")
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."
