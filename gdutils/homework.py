"""Student versions of the chapters, for instructors (see the instructor notes in the README).

A chapter marks each exercise's solution code between ``# BEGIN SOLUTION`` and
``# END SOLUTION`` in a code cell carrying nbgrader metadata, and wraps it in the
gated sphinx-exercise directives ``{solution-start}`` ... ``{solution-end}``, which
the HTML book shows as a dropdown. A student version replaces each marked region
with a stub that raises ``NotImplementedError``, removes the dropdown (and any
other cell inside it), unfolds the cells that the chapter keeps collapsed in JupyterLab
(``jupyter.source_hidden``), and clears every output.

Usage: ``python -m gdutils.homework [CHAPTERS_DIR] [OUTPUT_DIR]``
(defaults: ``chapters`` and ``student_versions``).
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

import nbformat

BEGIN = "# BEGIN SOLUTION"
END = "# END SOLUTION"
STUB = "# YOUR CODE HERE\nraise NotImplementedError()"
_START = re.compile(r"^\s*(```+|:::+)\s*\{solution-start\}", re.MULTILINE)
_END = re.compile(r"^\s*(```+|:::+)\s*\{solution-end\}", re.MULTILINE)


def is_solution_cell(cell: nbformat.NotebookNode) -> bool:
    """A code cell that nbgrader would treat as a solution (chapter exercises)."""
    return cell.cell_type == "code" and bool(cell.metadata.get("nbgrader", {}).get("solution"))


def strip_solution(source: str) -> str:
    """Replace every ``# BEGIN SOLUTION`` ... ``# END SOLUTION`` region by an indented stub."""
    lines = source.split("\n")
    out: list[str] = []
    inside = False
    for number, line in enumerate(lines, start=1):
        stripped = line.strip()
        if stripped == BEGIN:
            if inside:
                raise ValueError(f"line {number}: {BEGIN} inside another solution region")
            inside = True
            indent = line[: len(line) - len(line.lstrip())]
            out.extend(indent + stub_line for stub_line in STUB.split("\n"))
        elif stripped == END:
            if not inside:
                raise ValueError(f"line {number}: {END} without {BEGIN}")
            inside = False
        elif not inside:
            out.append(line)
    if inside:
        raise ValueError(f"{BEGIN} is never closed by {END}")
    return "\n".join(out)


def show_source(cell: nbformat.NotebookNode) -> None:
    """Unfold a cell that the chapter keeps collapsed in JupyterLab (a solution): a stub is to be seen."""
    jupyter = cell.metadata.get("jupyter", {})
    jupyter.pop("source_hidden", None)
    if "jupyter" in cell.metadata and not jupyter:
        del cell.metadata["jupyter"]


# The chapters' sentence on where the solutions are: untrue in a version that has none.
_DROPDOWN_NOTE = re.compile(r"\s*The solutions are in\s+dropdowns;\s+try\s+first\.")


def without_dropdown_note(cell: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """The cell without the chapters' "The solutions are in dropdowns; try first." (homework versions)."""
    if cell.cell_type == "markdown":
        cell.source = _DROPDOWN_NOTE.sub("", cell.source)
    return cell


def student_notebook(nb: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """A copy of ``nb`` with solutions stubbed, solution dropdowns removed and outputs cleared."""
    nb = nbformat.from_dict(nb)  # a deep copy
    cells = []
    in_solution = False
    for cell in nb.cells:
        source = cell.source
        if cell.cell_type == "markdown" and _START.search(source):
            in_solution = True
            continue
        if cell.cell_type == "markdown" and _END.search(source):
            in_solution = False
            continue
        if is_solution_cell(cell):
            if BEGIN not in source:
                raise ValueError(f"solution cell {cell.metadata.get('nbgrader', {}).get('grade_id')!r} "
                                 f"has no {BEGIN} marker")
            cell.source = strip_solution(source)
        elif in_solution:
            continue  # solution prose or extra solution code: not for students
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
        show_source(cell)
        cells.append(without_dropdown_note(cell))
    if in_solution:
        raise ValueError("a {solution-start} cell has no matching {solution-end}")
    nb.cells = cells
    return nb


def make_student_versions(chapters: Path, output: Path) -> list[Path]:
    """Write a student version of every notebook in ``chapters`` to ``output``; return the paths."""
    chapters, output = Path(chapters), Path(output)
    if not chapters.is_dir():
        raise ValueError(f"chapters must be a folder of notebooks, got {str(chapters)!r}")
    if output.resolve() == chapters.resolve():
        raise ValueError("output must differ from the chapters folder, or the solutions would be overwritten")
    written = []
    for path in sorted(chapters.glob("*.ipynb")):
        nb = nbformat.read(path, as_version=4)
        target = output / path.name
        target.parent.mkdir(parents=True, exist_ok=True)
        nbformat.write(student_notebook(nb), target)
        written.append(target)
    return written


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Write student versions of the chapter notebooks.")
    parser.add_argument("chapters", nargs="?", default="chapters", type=Path)
    parser.add_argument("output", nargs="?", default="student_versions", type=Path)
    args = parser.parse_args(argv)
    try:
        written = make_student_versions(args.chapters, args.output)
    except ValueError as exc:  # e.g. run outside the repository: say so in one line
        parser.error(f"{exc} (run it from the book's folder, or pass the chapters folder)")
    for path in written:
        print(path)


if __name__ == "__main__":
    main()
