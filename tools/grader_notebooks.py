"""Write the chapters as assignments for nbgrader or otter-grader (see instructors.md).

    python tools/grader_notebooks.py nbgrader [CHAPTERS] [OUTPUT]   (make nbgrader)
    python tools/grader_notebooks.py otter [CHAPTERS] [OUTPUT]      (make otter)

nbgrader (default output ``_build/nbgrader``): ``source/<chapter>/<chapter>.ipynb`` for every
chapter, ready to copy into the ``source/`` folder of an nbgrader course. It is the chapter
without the markdown cells that open and close the HTML book's solution dropdowns
(``{solution-start}`` ... ``{solution-end}``); everything else, nbgrader metadata included, is as
in the chapter. nbgrader itself replaces the solution code and the worked answers in markdown.

otter-grader (default output ``_build/otter``): ``<chapter>/<chapter>.ipynb``, an otter-assign
master notebook, and ``<chapter>/requirements.txt`` for its autograder. Each exercise becomes an
otter question: the task, a solution block (the chapter's solution code and worked answer) and a
test block whose one test runs the exercise's self-check silently
(``run_check(check_descend, descend)``, see ``gdutils.otter``), so no test depends on printed text.
"""

from __future__ import annotations

import argparse
import copy
import re
import sys
from pathlib import Path

import nbformat
import yaml

from gdutils.homework import without_dropdown_note

ROOT = Path(__file__).resolve().parent.parent
EXERCISE = re.compile(r"^```\{exercise\}[^\n]*\n:label: (\S+)", re.MULTILINE)
SOLUTION_START = re.compile(r"^\s*```+\s*\{solution-start\}", re.MULTILINE)
SOLUTION_END = re.compile(r"^\s*```+\s*\{solution-end\}", re.MULTILINE)
CHECK_CALL = re.compile(r"^(check_\w+)\((\w+)\)$")


def is_dropdown_marker(cell: nbformat.NotebookNode) -> bool:
    """A markdown cell that opens or closes a solution dropdown of the HTML book."""
    return cell.cell_type == "markdown" and bool(SOLUTION_START.search(cell.source) or SOLUTION_END.search(cell.source))


def unfold(cell: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """The cell without ``jupyter.source_hidden`` (the chapters keep solutions collapsed in
    JupyterLab, but the stub that a student completes must be in view) and without the chapters'
    sentence on solutions in dropdowns."""
    jupyter = cell.metadata.get("jupyter", {})
    jupyter.pop("source_hidden", None)
    if "jupyter" in cell.metadata and not jupyter:
        del cell.metadata["jupyter"]
    return without_dropdown_note(cell)  # no dropdowns in a grader's notebook either


def nbgrader_source(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """The chapter as an nbgrader source notebook: the dropdown-marker cells removed, solutions unfolded."""
    nb = copy.deepcopy(nb)
    nb.cells = [unfold(cell) for cell in nb.cells if not is_dropdown_marker(cell)]
    return nb


def _raw(source: str) -> nbformat.NotebookNode:
    return nbformat.v4.new_raw_cell(source)


def _plain(cell: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """A copy of the cell without its nbgrader metadata (otter has its own), unfolded."""
    cell = copy.deepcopy(cell)
    cell.metadata.pop("nbgrader", None)
    return unfold(cell)


def question_name(label: str) -> str:
    """Otter's name for the exercise labelled ``ex-4-1``: ``exercise_4_1``."""
    return "exercise_" + "_".join(label.split("-")[1:])


def repository_archive(config_path: Path = ROOT / "_config.yml") -> str:
    """The requirement that installs gdutils from the repository in ``_config.yml`` (no git needed)."""
    repo = yaml.safe_load(config_path.read_text())["repository"]
    url, branch = repo["url"].rstrip("/"), repo.get("branch", "main")
    return f"gdutils @ {url}/archive/refs/heads/{branch}.zip"


def tested_pins(requirements: Path = ROOT / "requirements.txt") -> list[str]:
    """The learner's pinned libraries (every pinned line of requirements.txt but ipykernel: otter brings its own kernel)."""
    pins = []
    for line in requirements.read_text().splitlines():
        line = line.strip()
        if re.fullmatch(r"[A-Za-z0-9_.-]+==\S+", line) and not line.startswith("ipykernel=="):
            pins.append(line)
    return pins


def otter_requirements() -> str:
    lines = [
        "# What otter-grader's autograder installs besides otter itself (written by make otter).",
        "# gdutils, the book's helper package, from the repository and branch named in _config.yml:",
        repository_archive(),
        "# the versions of its libraries that the book is tested with:",
        *tested_pins(),
    ]
    return "\n".join(lines) + "\n"


def otter_master(nb: nbformat.NotebookNode, name: str) -> nbformat.NotebookNode:
    """The chapter as an otter-assign master notebook, one question per exercise."""
    config = {
        "name": name,
        "requirements": "requirements.txt",
        "init_cell": True,
        "check_all_cell": False,
        "export_cell": False,
        "generate": True,
        "python_version": "3.11",
        "tests": {"files": False, "ok_format": True},
    }
    cells = [_raw("# ASSIGNMENT CONFIG\n" + yaml.safe_dump(config, sort_keys=False).strip())]
    source = nb.cells
    i = 0
    while i < len(source):
        cell = source[i]
        match = EXERCISE.search(cell.source) if cell.cell_type == "markdown" else None
        if not match:
            cells.append(_plain(cell))
            i += 1
            continue
        label = match.group(1)
        start = i + 1
        if not (start < len(source) and source[start].cell_type == "markdown"
                and SOLUTION_START.search(source[start].source)):
            raise ValueError(f"exercise {label}: the next cell does not open its solution dropdown")
        end = next((j for j in range(start + 1, len(source)) if is_dropdown_marker(source[j])), None)
        if end is None or not SOLUTION_END.search(source[end].source):
            raise ValueError(f"exercise {label}: its solution dropdown is not closed")
        check = source[end + 1] if end + 1 < len(source) else None
        call = CHECK_CALL.match(check.source.strip()) if check is not None and check.cell_type == "code" else None
        if call is None:
            raise ValueError(f"exercise {label}: the cell after the solution is not a check such as check_f(f)")
        inside = source[start + 1:end]
        if not any(c.cell_type == "code" and "# BEGIN SOLUTION" in c.source for c in inside):
            raise ValueError(f"exercise {label}: no code cell with # BEGIN SOLUTION in its solution")
        test = f"from gdutils.otter import run_check\nrun_check({call.group(1)}, {call.group(2)})"
        cells += [
            _raw(f"# BEGIN QUESTION\nname: {question_name(label)}\npoints: 1"),
            _plain(cell),
            _raw("# BEGIN SOLUTION"),
            *(_plain(c) for c in inside),
            _raw("# END SOLUTION"),
            _raw("# BEGIN TESTS"),
            nbformat.v4.new_code_cell(test),
            _raw("# END TESTS"),
            _raw("# END QUESTION"),
        ]
        i = end + 2
    master = copy.deepcopy(nb)
    master.cells = cells
    for cell in master.cells:
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
    return master


def write_nbgrader(chapters: Path, output: Path) -> list[Path]:
    written = []
    for path in sorted(Path(chapters).glob("*.ipynb")):
        target = Path(output) / "source" / path.stem / path.name
        target.parent.mkdir(parents=True, exist_ok=True)
        nbformat.write(nbgrader_source(nbformat.read(path, as_version=4)), target)
        written.append(target)
    return written


def write_otter(chapters: Path, output: Path) -> list[Path]:
    written = []
    requirements = otter_requirements()
    for path in sorted(Path(chapters).glob("*.ipynb")):
        folder = Path(output) / path.stem
        folder.mkdir(parents=True, exist_ok=True)
        nbformat.write(otter_master(nbformat.read(path, as_version=4), path.stem), folder / path.name)
        (folder / "requirements.txt").write_text(requirements)
        written.append(folder / path.name)
    return written


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Write the chapters as nbgrader or otter-grader assignments.")
    parser.add_argument("grader", choices=["nbgrader", "otter"])
    parser.add_argument("chapters", nargs="?", default=ROOT / "chapters", type=Path)
    parser.add_argument("output", nargs="?", type=Path)
    args = parser.parse_args(argv)
    if not args.chapters.is_dir() or not any(args.chapters.glob("*.ipynb")):
        parser.error(f"no chapter notebooks in {args.chapters}")
    output = args.output or ROOT / "_build" / args.grader
    try:
        written = (write_nbgrader if args.grader == "nbgrader" else write_otter)(args.chapters, output)
    except ValueError as exc:
        sys.exit(f"{args.grader}: {exc}")
    for path in written:
        print(path)


if __name__ == "__main__":
    main()
