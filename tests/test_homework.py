"""Student versions: solutions stubbed, dropdowns removed, outputs cleared, every check 'not attempted yet'."""

import os
import re

import nbformat
import pytest
from nbclient import NotebookClient

from gdutils.homework import make_student_versions, strip_solution, student_notebook
from notebook_utils import CHAPTERS, chapter_paths, grade_cells, output_text, read

PATHS = chapter_paths()
IDS = [p.stem for p in PATHS]


def test_strip_solution_keeps_indentation_and_surroundings():
    source = (
        "def f(x):\n"
        '    """Doc."""\n'
        "    # BEGIN SOLUTION\n"
        "    y = 2 * x\n"
        "    return y\n"
        "    # END SOLUTION\n"
        "\n"
        "print('kept')"
    )
    assert strip_solution(source) == (
        "def f(x):\n"
        '    """Doc."""\n'
        "    # YOUR CODE HERE\n"
        "    raise NotImplementedError()\n"
        "\n"
        "print('kept')"
    )


@pytest.mark.parametrize(
    "source, message",
    [
        ("# BEGIN SOLUTION\nx = 1", "never closed"),
        ("x = 1\n# END SOLUTION", "without"),
        ("# BEGIN SOLUTION\n# BEGIN SOLUTION\n# END SOLUTION", "inside another"),
    ],
)
def test_strip_solution_refuses_unbalanced_markers(source, message):
    with pytest.raises(ValueError, match=message):
        strip_solution(source)


@pytest.mark.parametrize("path", PATHS, ids=IDS)
def test_student_notebook_has_no_solutions_and_no_outputs(path):
    nb = read(path)
    student = student_notebook(nb)
    text = "\n".join(c.source for c in student.cells)
    assert "# BEGIN SOLUTION" not in text and "{solution-start}" not in text and "{solution-end}" not in text
    assert not re.search(r"in\s+dropdowns", text), "a student version has no dropdowns to point to"
    assert text.count("raise NotImplementedError()") == len(grade_cells(nb))
    assert text.count("{exercise}") == "\n".join(c.source for c in nb.cells).count("{exercise}")
    assert all(not c.outputs and c.execution_count is None for c in student.cells if c.cell_type == "code")
    assert not any(c.metadata.get("jupyter", {}).get("source_hidden") for c in student.cells), "unfold the stubs"
    # The chapter itself is untouched.
    assert any(c.cell_type == "code" and c.outputs for c in nb.cells)
    nbformat.validate(student)


def test_make_student_versions_writes_every_chapter_and_protects_the_sources(tmp_path):
    written = make_student_versions(CHAPTERS, tmp_path / "out")
    assert sorted(p.name for p in written) == sorted(p.name for p in PATHS)
    with pytest.raises(ValueError, match="must differ"):
        make_student_versions(CHAPTERS, CHAPTERS)


@pytest.mark.parametrize("path", PATHS, ids=IDS)
def test_every_check_reports_not_attempted_in_the_student_version(path, tmp_path):
    student = student_notebook(read(path))
    env_path = str(path.parent)
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    NotebookClient(student, timeout=120, kernel_name="python3", allow_errors=True,
                   resources={"metadata": {"path": env_path}}).execute()
    checks = grade_cells(student)
    assert checks
    for cell in checks:
        text = output_text(cell)
        assert "not attempted yet" in text, (cell.source, text)
        assert "Traceback" not in text and "NotImplementedError" not in text.split("not attempted yet")[0]
    # Nothing but the stubs may fail: every other cell runs cleanly in the student version.
    solution_ids = {id(c) for c in student.cells if c.metadata.get("nbgrader", {}).get("solution")}
    for cell in student.cells:
        if cell.cell_type == "code" and id(cell) not in solution_ids and cell not in checks:
            assert all(o.output_type != "error" for o in cell.outputs), cell.source


def test_command_line_names_a_missing_chapters_folder_in_one_line(tmp_path, capsys):
    from gdutils.homework import main

    with pytest.raises(SystemExit) as exit_info:
        main([str(tmp_path / "nowhere"), str(tmp_path / "out")])
    assert exit_info.value.code == 2
    assert "chapters must be a folder of notebooks" in capsys.readouterr().err
