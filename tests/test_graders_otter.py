"""otter-grader 7.0.0, for real: the instructor path of instructors.md on four chapters.

`make otter`'s master notebook of each chapter goes through `otter assign` (which also runs its
tests on the reference solutions); three students submit the student notebook untouched, with the
chapter's solutions, and with the solutions but one wrong answer; `otter run` grades each with the
autograder zip that `otter assign` wrote. The requirement through which the autograder installs
gdutils must build from an archive of this repository like the one GitHub serves.
"""

from __future__ import annotations

import json
import subprocess
import zipfile
from concurrent.futures import ThreadPoolExecutor

import nbformat
import pytest
import yaml

from graders import (
    CHAPTERS,
    DROPDOWN_LINES,
    ROOT,
    WRONG,
    chapter,
    defined_function,
    grader_env,
    grader_notebooks,
    leaked,
    run,
    solution_lines,
    solution_sources,
)

STUDENTS = ("untouched", "reference", "wrong")


def _answers(student: nbformat.NotebookNode, stem: str, wrong: bool) -> nbformat.NotebookNode:
    """The student notebook with the chapter's solutions typed into its answer cells."""
    solutions = solution_sources(chapter(stem))
    function, wrong_code, _ = WRONG[stem]
    nb = nbformat.from_dict(student)
    for cell in nb.cells:
        name = defined_function(cell.source)
        if "otter_answer_cell" in cell.metadata.get("tags", []) and name in solutions:
            cell.source = wrong_code if wrong and name == function else solutions[name]
    return nb


@pytest.fixture(scope="module")
def graded(tmp_path_factory):
    """Every chapter assigned and its three submissions run; returns the work folder."""
    env = grader_env("otter")
    work = tmp_path_factory.mktemp("otter")
    grader_notebooks.write_otter(ROOT / "chapters", work / "made")  # what `make otter` writes
    for stem in CHAPTERS:
        dist = work / "dist" / stem
        run(env, "otter", "assign", str(work / "made" / stem / f"{stem}.ipynb"), str(dist), cwd=work)
        student = nbformat.read(dist / "student" / f"{stem}.ipynb", as_version=4)
        (autograder,) = (dist / "autograder").glob(f"{stem}-autograder_*.zip")
        outs = []
        for name, nb in (("untouched", student), ("reference", _answers(student, stem, False)),
                         ("wrong", _answers(student, stem, True))):
            out = work / "runs" / stem / name
            out.mkdir(parents=True)
            nbformat.write(nb, out / f"{stem}.ipynb")
            outs.append(out)
        # The three runs of a chapter side by side: most of a run is waiting for its kernel.
        with ThreadPoolExecutor(max_workers=3) as pool:
            list(pool.map(lambda out: run(env, "otter", "run", "-a", str(autograder), "-o", str(out),
                                          str(out / f"{stem}.ipynb"), cwd=out), outs))
    return work


def results(graded, stem: str, student: str) -> tuple[float, float, str]:
    data = json.loads((graded / "runs" / stem / student / "results.json").read_text())
    questions = [t for t in data["tests"] if t["name"].startswith("exercise_")]
    output = "\n".join(t.get("output", "") for t in data["tests"])
    return sum(t["score"] for t in questions), sum(t["max_score"] for t in questions), output


@pytest.mark.parametrize("stem", CHAPTERS)
def test_student_notebook_has_no_solution(graded, stem):
    student = nbformat.read(graded / "dist" / stem / "student" / f"{stem}.ipynb", as_version=4)
    assert leaked(student, solution_lines(chapter(stem))) == []
    text = "\n".join(c.source for c in student.cells)
    assert "BEGIN SOLUTION" not in text and "END SOLUTION" not in text
    assert not [line for line in DROPDOWN_LINES if line in text]
    assert text.count('grader.check("exercise_') == len(solution_sources(chapter(stem)))
    assert all(not c.get("outputs") for c in student.cells)
    assert not any(c.metadata.get("jupyter", {}).get("source_hidden") for c in student.cells)


@pytest.mark.parametrize("stem", CHAPTERS)
def test_otter_run_scores(graded, stem):
    (untouched, points, untouched_out), (reference, _, _), (wrong, _, wrong_out) = (
        results(graded, stem, s) for s in STUDENTS)
    print(f"otter {stem}: untouched {untouched:g}/{points:g}, reference {reference:g}/{points:g}, "
          f"one wrong {wrong:g}/{points:g}")
    assert points == len(solution_sources(chapter(stem))) == 3
    assert untouched == 0
    assert "not attempted yet" in untouched_out
    assert reference == points
    assert wrong == points - 1  # in between: only the wrong exercise loses its point
    assert WRONG[stem][2] in wrong_out


def test_autograder_installs_gdutils_from_the_repository(graded, tmp_path):
    """The autograder's environment names gdutils by the repository archive of _config.yml, and pip
    builds gdutils from such an archive (made here from this folder, as GitHub would serve it)."""
    requirement = grader_notebooks.repository_archive()
    config = yaml.safe_load((ROOT / "_config.yml").read_text())["repository"]
    assert requirement == f"gdutils @ {config['url']}/archive/refs/heads/{config['branch']}.zip"
    for stem in CHAPTERS:
        (autograder,) = (graded / "dist" / stem / "autograder").glob(f"{stem}-autograder_*.zip")
        with zipfile.ZipFile(autograder) as zf:
            pip = yaml.safe_load(zf.read("environment.yml"))["dependencies"][-1]["pip"]
        assert requirement in pip and "otter-grader[grading,plugins]==7.0.0" in pip
        assert set(grader_notebooks.tested_pins()) <= set(pip)
    files = subprocess.run(["git", "ls-files", "--cached", "--others", "--exclude-standard"], cwd=ROOT,
                           capture_output=True, text=True, check=True).stdout.split()
    archive = tmp_path / "main.zip"
    top = config["url"].rstrip("/").rsplit("/", 1)[1] + "-" + config["branch"]
    with zipfile.ZipFile(archive, "w") as zf:
        for name in files:
            if (ROOT / name).is_file():
                zf.write(ROOT / name, f"{top}/{name}")
    env = grader_env("otter")
    run(env, "python", "-m", "pip", "wheel", "--quiet", "--no-deps", "-w", str(tmp_path / "wheel"),
        f"gdutils @ {archive.as_uri()}", cwd=tmp_path)
    (wheel,) = (tmp_path / "wheel").glob("gdutils-*.whl")
    with zipfile.ZipFile(wheel) as zf:
        names = zf.namelist()
    assert "gdutils/otter.py" in names and "gdutils/checks/core.py" in names
