"""What every self-check test asserts, shared by tests/test_checks*.py (one file per chapter)."""

from __future__ import annotations

from collections.abc import Callable, Iterable

import pytest

from gdutils.checks import CheckFailed, NotAttempted

SEEDS = range(25)
"""Fixed seeds on which every right answer must pass."""


def stub(*args):
    """What a student version holds before the exercise is done."""
    raise NotImplementedError()


def assert_passes(check: Callable, answer: Callable, seeds: Iterable[int], capsys) -> None:
    """``answer`` passes ``check`` on every seed, with one ✓ line each."""
    seeds = list(seeds)
    for seed in seeds:
        check(answer, seed=seed)
    out = capsys.readouterr().out.splitlines()
    assert len(out) == len(seeds)
    assert all(line.startswith("\N{CHECK MARK}") and "checks passed" in line for line in out), out


def assert_hint(check: Callable, answer: Callable, hint: str, seeds: Iterable[int] = range(5)) -> None:
    """``answer`` fails ``check`` on every seed with a message containing ``hint`` (not 'not attempted')."""
    for seed in seeds:
        with pytest.raises(CheckFailed) as info:
            check(answer, seed=seed)
        assert not isinstance(info.value, NotAttempted)
        assert hint in str(info.value), (hint, str(info.value))


def right_and_mistake_tests(right: list[tuple], mistakes: list[tuple], seeds: Iterable[int] = SEEDS) -> tuple:
    """The two tests that every chapter's tests/test_checks*.py declares over its own tables:
    each (check, answer) of ``right`` passes on every seed, each (check, answer, hint) of
    ``mistakes`` fails with its hint. Assign them to module names starting with ``test_``."""
    seeds = list(seeds)

    @pytest.mark.parametrize("check, answer", right)
    def test_right_answers_pass_on_many_seeds(check, answer, capsys):
        assert_passes(check, answer, seeds, capsys)

    @pytest.mark.parametrize("check, answer, hint", mistakes)
    def test_each_common_mistake_gets_its_hint(check, answer, hint):
        assert_hint(check, answer, hint)

    return test_right_answers_pass_on_many_seeds, test_each_common_mistake_gets_its_hint


def assert_not_attempted(check: Callable) -> None:
    """A stub, or nothing defined yet, is reported as not attempted."""
    for answer in (stub, None):
        with pytest.raises(NotAttempted, match="not attempted yet"):
            check(answer)


def assert_never_passes(check: Callable, answer: Callable, seeds: Iterable[int]) -> None:
    """A near miss fails on every seed: the check cannot be passed by luck."""
    for seed in seeds:
        with pytest.raises(CheckFailed):
            check(answer, seed=seed)
