"""nbgrader 0.9.6, for real: the instructor path of instructors.md on four chapters.

In a new nbgrader course folder, `make nbgrader`'s source notebooks of four chapters make one
assignment, released by `nbgrader generate_assignment`; three students submit the release
untouched, with the chapters' solutions, and with the solutions but one wrong answer per chapter;
`nbgrader autograde` and `nbgrader generate_feedback` grade them. The chapter notebooks copied as
they are also make a release with no solution in it (only the dropdown directive lines remain).
"""

from __future__ import annotations

import html
import json
import shutil

import nbformat
import pytest

from graders import (
    CHAPTERS,
    DROPDOWN_LINES,
    ROOT,
    WRONG,
    chapter,
    grader_env,
    grader_notebooks,
    leaked,
    run,
    solution_lines,
)

STUDENTS = ("untouched", "reference", "wrong")


def _fill(release: nbformat.NotebookNode, source: nbformat.NotebookNode, wrong: tuple | None):
    """The release with the chapter's answers typed in (by grade_id), one of them wrong if asked."""
    answers = {c.metadata["nbgrader"]["grade_id"]: c.source for c in source.cells
               if c.metadata.get("nbgrader", {}).get("solution")}
    nb = nbformat.from_dict(release)
    for cell in nb.cells:
        grade_id = cell.metadata.get("nbgrader", {}).get("grade_id")
        if grade_id in answers and cell.metadata["nbgrader"].get("solution"):
            cell.source = answers[grade_id]
            if wrong and cell.source.startswith(f"def {wrong[0]}("):
                cell.source = wrong[1]
    return nb


ASSIGNMENT = "chapters"  # the four chapters make one assignment: one autograde run for all


@pytest.fixture(scope="module")
def course(tmp_path_factory):
    """The chapters released, submitted three times, autograded and fed back; returns the folder."""
    env = grader_env("nbgrader")
    course = tmp_path_factory.mktemp("nbgrader_course")
    (course / "nbgrader_config.py").write_text('c = get_config()\nc.CourseDirectory.course_id = "gd"\n')
    grader_notebooks.write_nbgrader(ROOT / "chapters", course / "made")  # what `make nbgrader` writes
    for stem in CHAPTERS:
        for assignment, made in ((ASSIGNMENT, course / "made" / "source" / stem / f"{stem}.ipynb"),
                                 ("as-is", ROOT / "chapters" / f"{stem}.ipynb")):
            (course / "source" / assignment).mkdir(parents=True, exist_ok=True)
            shutil.copy(made, course / "source" / assignment / f"{stem}.ipynb")
    for assignment in (ASSIGNMENT, "as-is"):
        run(env, "nbgrader", "generate_assignment", assignment, "--force", cwd=course)
    for stem in CHAPTERS:
        release = nbformat.read(course / "release" / ASSIGNMENT / f"{stem}.ipynb", as_version=4)
        filled = {"untouched": release,
                  "reference": _fill(release, chapter(stem), None),
                  "wrong": _fill(release, chapter(stem), WRONG[stem])}
        for student in STUDENTS:
            target = course / "submitted" / student / ASSIGNMENT / f"{stem}.ipynb"
            target.parent.mkdir(parents=True, exist_ok=True)
            nbformat.write(filled[student], target)
    run(env, "nbgrader", "autograde", ASSIGNMENT, "--force", cwd=course)
    run(env, "nbgrader", "generate_feedback", ASSIGNMENT, "--force", cwd=course)
    script = (
        "import json\nfrom nbgrader.api import Gradebook\n"
        f"with Gradebook('sqlite:///{course}/gradebook.db') as gb:\n"
        "    print(json.dumps({f'{n}/{s}': [gb.find_submission_notebook(n, " + repr(ASSIGNMENT) + ", s).score,\n"
        "                      gb.find_submission_notebook(n, " + repr(ASSIGNMENT) + ", s).max_score]\n"
        f"                      for n in {CHAPTERS!r} for s in {STUDENTS!r}}}))\n"
    )
    (course / "scores.json").write_text(run(env, "python", "-c", script, cwd=course).stdout)
    return course


def scores(course) -> dict:
    return json.loads((course / "scores.json").read_text())


@pytest.mark.parametrize("stem", CHAPTERS)
def test_release_has_no_solution(course, stem):
    secret = solution_lines(chapter(stem))
    release = nbformat.read(course / "release" / ASSIGNMENT / f"{stem}.ipynb", as_version=4)
    assert leaked(release, secret) == []
    text = "\n".join(c.source for c in release.cells)
    assert not [line for line in DROPDOWN_LINES if line in text]
    source = chapter(stem)
    code = [c for c in source.cells if c.cell_type == "code" and c.metadata.get("nbgrader", {}).get("solution")]
    prose = [c for c in source.cells if c.cell_type == "markdown" and c.metadata.get("nbgrader", {}).get("solution")]
    assert text.count("raise NotImplementedError()") == len(code)
    assert text.count("YOUR ANSWER HERE") == len(prose)
    assert all(not c.get("outputs") for c in release.cells)
    assert not any(c.metadata.get("jupyter", {}).get("source_hidden") for c in release.cells)
    # The chapter copied as it is: no solution either; only the dropdown's directive lines stay.
    as_is = nbformat.read(course / "release" / "as-is" / f"{stem}.ipynb", as_version=4)
    assert leaked(as_is, secret) == []
    assert "{solution-start}" in "\n".join(c.source for c in as_is.cells)


@pytest.mark.parametrize("stem", CHAPTERS)
def test_autograde_scores(course, stem):
    got = scores(course)
    untouched, reference, wrong = (got[f"{stem}/{s}"] for s in STUDENTS)
    points = reference[1]
    checks = [c for c in chapter(stem).cells if c.cell_type == "code" and c.metadata.get("nbgrader", {}).get("grade")]
    assert points == len(checks) == 3, got  # a point per check; the worked answers in markdown count 0
    print(f"nbgrader {stem}: untouched {untouched[0]:g}/{points:g}, reference {reference[0]:g}/{points:g}, "
          f"one wrong {wrong[0]:g}/{points:g}")
    assert untouched[0] == 0
    assert reference[0] == points
    assert wrong[0] == points - 1  # in between: only the wrong exercise loses its point


@pytest.mark.parametrize("stem", CHAPTERS)
def test_feedback_shows_the_hint(course, stem):
    function, _, hint = WRONG[stem]
    feedback = (course / "feedback" / "wrong" / ASSIGNMENT / f"{stem}.html").read_text()
    assert hint in html.unescape(feedback)
    untouched = (course / "feedback" / "untouched" / ASSIGNMENT / f"{stem}.html").read_text()
    assert "not attempted yet" in untouched
    assert leaked(nbformat.read(course / "autograded" / "untouched" / ASSIGNMENT / f"{stem}.ipynb", as_version=4),
                  solution_lines(chapter(stem))) == []
