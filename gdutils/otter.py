"""The exercises' self-checks as otter-grader tests (see the instructor guide, ``instructors.md``).

``make otter`` writes each chapter as an otter-grader assignment whose test for an exercise is
one line, for example ``run_check(check_descend, descend)``. Otter compares what a test prints
with what it printed on the reference solution, so a test must not depend on printed text:
``run_check`` prints nothing when the check passes and otherwise lets the check's
``CheckFailed`` (its one-line hint, or "not attempted yet") through, which
otter reports as the failure.
"""

from __future__ import annotations

import contextlib
import io
from collections.abc import Callable
from typing import Any

from .checks import CheckFailed


def run_check(check: Callable[..., None], answer: Any, **kwargs: Any) -> None:
    """Run ``check(answer, **kwargs)`` silently: nothing when it passes; its hint when it fails.

    The hint is raised afresh from here, so that otter's report of a failed test shows a
    two-line traceback and the hint rather than the check's internals.
    """
    try:
        with contextlib.redirect_stdout(io.StringIO()):
            check(answer, **kwargs)
    except CheckFailed as failure:
        raise type(failure)(str(failure)) from None
