"""What the self-checks of every chapter share (chapter 1 onwards).

- A mistake is declared one way: ``Mistake(hint, wrong)``, the hint shown when the
  reader's answers match ``wrong``, the answers that mistake gives; ``core.diagnose``
  takes a list of them and names the first that fits.
- The mistakes that recur across chapters are worded once, here.
- :func:`call_on_copies` calls the reader's function on read-only copies of the
  arrays it is given, so that it cannot change the check's data, and an in-place
  change is reported in one wording.
- Every check opens with :func:`start_check` (the answer must be a function; a
  seeded generator) and, when it compares answers with mistakes, closes with
  :func:`conclude` (diagnose, then the one line that says it passed).
- :func:`call_must_restore` calls it on writable copies instead, for an exercise
  that allows writing to an array as long as it is restored bit for bit, and
  reports an array left changed.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, NamedTuple

import numpy as np

from . import core
from .core import CheckFailed, call


class Mistake(NamedTuple):
    """A common mistake: the hint to show, and the answers that mistake gives (chapter 1 onwards)."""

    hint: str
    wrong: Any


ONE_STEP_TOO_FEW = "one step too few: run the update exactly n_steps times."
ONE_STEP_TOO_MANY = "one step too many: run the update exactly n_steps times."
FACTOR_OF_2_POWER_RULE = "off by a factor of 2 everywhere. Check the coefficients the power rule brings down."
PRECEDENCE_2H = "operator precedence: `/ 2*h` divides by 2 and then multiplies by h; write / (2*h)."
RESIDUAL_BRACKETS = "the residual is y - (m x + b), with brackets: y - m x + b flips the sign of b."
RETURNED_START = "{name} returned the start x0 unchanged: update x inside the loop and return it."
CHANGED_INPUT = ("{name} changes an array it was given ({what}) in place, even if it undoes the change: "
                 "work on a copy, e.g. {example}.")
LEFT_CHANGED = ("{name} leaves {what} changed, at least in its last digits: shifting an entry by h and back "
                "is not exact in floating point. Save the entry and put the saved value back, or shift a "
                "copy, e.g. {example}.")


def start_check(name: str, answer: Any, seed: int | None) -> tuple[str, np.random.Generator, int]:
    """The opening of every check (chapter 1 onwards): (name, rng, seed). ``answer`` must be a function
    (else "not attempted yet" or a hint); rng is seeded with ``seed``, or with a fresh seed that the
    hints show."""
    core.require_function(name, answer)
    return (name, *core.new_rng(seed))


def conclude(name: str, passed: str, got: Any, expected: Any, mistakes: list[Mistake], *, rtol: float,
             atol: float, seed: int, fallback: str) -> None:
    """The closing of a check (chapter 1 onwards): ``core.diagnose`` names the first mistake that fits,
    or the fallback; when the answers are right, one line says what passed (``passed``)."""
    core.diagnose(name, got, expected, mistakes, rtol=rtol, atol=atol, fallback=fallback, seed=seed)
    core.passed(name, passed)


def step_count_mistakes(run: Callable[[int], Any]) -> list[Mistake]:
    """The two off-by-one mistakes of a loop of n_steps updates (chapter 1); ``run(extra)`` gives the answers
    of n_steps + extra."""
    return [Mistake(ONE_STEP_TOO_FEW, run(-1)), Mistake(ONE_STEP_TOO_MANY, run(+1))]


def _read_only_copy(value: Any) -> Any:
    """A read-only copy of an array, or of each array in a list (the batches of an epoch)."""
    if isinstance(value, list):
        return [_read_only_copy(item) for item in value]
    if isinstance(value, np.ndarray):
        value = value.copy()
        value.flags.writeable = False
    return value


def call_on_copies(name: str, func: Callable, *args: Any, what: str, example: str) -> Any:
    """Call the reader's function on read-only copies of its array arguments (chapter 3 onwards).

    An in-place change (``x[i] += h``, ``p -= ...``) then fails at once, and is reported as
    ``CHANGED_INPUT``: ``what`` names the arrays, ``example`` shows how to work on a copy.
    """
    try:
        return call(name, func, *map(_read_only_copy, args))
    except CheckFailed as failed:
        if "read-only" in str(failed):
            raise CheckFailed(CHANGED_INPUT.format(name=name, what=what, example=example)) from None
        raise


def call_must_restore(name: str, func: Callable, *args: Any, what: str, example: str) -> Any:
    """Call the reader's function on writable copies of its array arguments, each of which must be
    bit for bit as it was after the call (chapter 3).

    Writing to an array and restoring it exactly is allowed; an array left changed, if only in
    its last digit, is reported as ``LEFT_CHANGED``. The check's own arrays are never handed out.
    """
    copies = [arg.copy() if isinstance(arg, np.ndarray) else arg for arg in args]
    result = call(name, func, *copies)
    for given, after in zip(args, copies):
        if isinstance(given, np.ndarray) and (after.shape != given.shape or after.tobytes() != given.tobytes()):
            raise CheckFailed(LEFT_CHANGED.format(name=name, what=what, example=example))
    return result
