"""Hygiene of the chapter notebooks: the things nbval alone does not check."""

import re

import pytest
import yaml

from notebook_utils import (
    EXERCISE,
    ROOT,
    SOLUTION_START,
    chapter_paths,
    grade_cells,
    output_text,
    read,
    toc_files,
)

PATHS = chapter_paths()
IDS = [p.stem for p in PATHS]


def test_every_chapter_is_in_the_table_of_contents_and_back():
    chapters = {f"chapters/{p.stem}" for p in PATHS}
    listed = {f for f in toc_files() if f.startswith("chapters/")}
    assert chapters == listed
    assert all((ROOT / f"{f}.ipynb").exists() or (ROOT / f"{f}.md").exists() for f in toc_files())


@pytest.mark.parametrize("path", PATHS, ids=IDS)
def test_title_execution_order_and_clean_outputs(path):
    nb = read(path)
    assert nb.cells[0].cell_type == "markdown" and nb.cells[0].source.startswith("# ")
    code = [c for c in nb.cells if c.cell_type == "code" and c.source.strip()]
    assert [c.execution_count for c in code] == list(range(1, len(code) + 1)), "re-run with `make execute`"
    for cell in code:
        assert not cell.source.rstrip().endswith(";"), "nbval ignores ';': assign to _ instead"
        for out in cell.outputs:
            assert out.output_type != "error", cell.source
            assert not (out.output_type == "stream" and out.name == "stderr"), out.text
        tags = set(cell.metadata.get("tags", []))
        if tags & {"nbval-ignore-output", "nbval-skip"}:
            assert cell.metadata.get("nbval_reason"), f"say why nbval skips this cell: {cell.source[:60]}"
    assert path.stat().st_size < 2_000_000


@pytest.mark.parametrize("path", PATHS, ids=IDS)
def test_code_lines_fit_the_page(path):
    # The book's text column shows about 80 characters of code without scrolling.
    for cell in read(path).cells:
        if cell.cell_type == "code":
            long = [line for line in cell.source.splitlines() if len(line) > 79]
            assert not long, long


@pytest.mark.parametrize("path", PATHS, ids=IDS)
def test_each_exercise_has_a_gated_solution_with_nbgrader_metadata_and_a_check(path):
    nb = read(path)
    cells = nb.cells
    labels = [m.group(1) for c in cells if c.cell_type == "markdown" for m in [EXERCISE.search(c.source)] if m]
    assert len(labels) >= 3, "each chapter ends with at least three exercises"
    starts = [i for i, c in enumerate(cells) if c.cell_type == "markdown" and SOLUTION_START.search(c.source)]
    assert [SOLUTION_START.search(cells[i].source).group(1) for i in starts] == labels
    for i in starts:
        assert ":class: dropdown" in cells[i].source
        end = next(j for j in range(i + 1, len(cells)) if "{solution-end}" in cells[j].source)
        solutions = [c for c in cells[i + 1:end]
                     if c.cell_type == "code" and c.metadata.get("nbgrader", {}).get("solution")]
        assert len(solutions) == 1
        # A worked answer in markdown is an nbgrader answer cell worth 0 points: nbgrader's
        # release shows "YOUR ANSWER HERE" in its place (an unmarked one would be released as is).
        for prose in (c for c in cells[i + 1:end] if c.cell_type == "markdown"):
            meta = prose.metadata.get("nbgrader", {})
            assert meta.get("solution") and meta.get("grade") and meta.get("points") == 0, prose.source[:60]
            assert meta.get("schema_version") == 3 and meta.get("grade_id", "").endswith("-answer")
            # Collapsed in JupyterLab shows only the first line: a MyST comment, invisible in the book.
            assert prose.source.startswith("% "), prose.source[:60]
        # JupyterLab shows every cell of a solution collapsed until the reader opens it.
        for cell in cells[i + 1:end]:
            assert cell.metadata.get("jupyter", {}).get("source_hidden") is True, cell.source[:60]
        meta = solutions[0].metadata["nbgrader"]
        assert meta["schema_version"] == 3 and meta["grade_id"] and not meta["grade"]
        src = solutions[0].source
        assert src.count("# BEGIN SOLUTION") == src.count("# END SOLUTION") == 1
        check = cells[end + 1]
        nbg = check.metadata.get("nbgrader", {})
        assert nbg.get("grade") and nbg.get("locked") and nbg.get("points", 0) > 0
        assert check.source.startswith("check_")
    grade_ids = [c.metadata["nbgrader"]["grade_id"] for c in cells if "nbgrader" in c.metadata]
    assert len(grade_ids) == len(set(grade_ids)), "nbgrader grade_ids must be unique"


@pytest.mark.parametrize("path", PATHS, ids=IDS)
def test_every_check_passes_in_the_chapter(path):
    for cell in grade_cells(read(path)):
        text = output_text(cell)
        assert text.startswith("\N{CHECK MARK}") and "checks passed" in text, (cell.source, text)


COLAB_TAGS = {"remove-cell", "nbval-skip"}


@pytest.mark.parametrize("path", PATHS, ids=IDS)
def test_first_code_cell_installs_gdutils_in_colab_only(path):
    # Colab has none of our packages; the cell must do nothing anywhere else, be hidden in the
    # HTML (remove-cell) and be skipped by nbval, and install from the repository in _config.yml.
    cell = next(c for c in read(path).cells if c.cell_type == "code")
    assert set(cell.metadata.get("tags", [])) >= COLAB_TAGS
    lines = cell.source.splitlines()
    assert 'if "google.colab" in sys.modules:' in lines
    guarded = lines[lines.index('if "google.colab" in sys.modules:') + 1:]
    assert guarded and all(line.startswith("    ") for line in guarded), "only Colab may run these"
    repo = yaml.safe_load((ROOT / "_config.yml").read_text())["repository"]["url"]
    slug = re.search(r'REPO = "([^"]+)"', cell.source).group(1)
    assert repo == f"https://github.com/{slug}"
    assert '%pip install --quiet "gdutils @ git+https://github.com/{REPO}@main"' in lines[-1]
    assert cell.outputs == [], "outside Colab the cell prints nothing"


@pytest.mark.parametrize("path", PATHS, ids=IDS)
def test_nbval_skips_only_the_colab_cell(path):
    # Every other cell is executed by nbval; cells whose output cannot be compared are still run
    # (nbval-ignore-output), so they must at least not fail.
    code = [c for c in read(path).cells if c.cell_type == "code"]
    skipped = [i for i, c in enumerate(code) if "nbval-skip" in c.metadata.get("tags", [])]
    assert skipped == [0]


@pytest.mark.parametrize("path", PATHS, ids=IDS)
def test_printed_lines_fit_the_page(path):
    # An output box in the HTML shows about 80 characters; longer lines hide behind a scroll bar.
    # (Outputs nbval does not compare, such as timings and animations, are exempt.)
    for cell in read(path).cells:
        if cell.cell_type != "code" or {"nbval-ignore-output", "remove-output"} & set(cell.metadata.get("tags", [])):
            continue
        for out in cell.outputs:
            if out.output_type == "stream":
                text = out.text
            elif "image/png" in out.get("data", {}):
                continue
            else:
                text = out.get("data", {}).get("text/plain", "")
            long = [line for line in text.splitlines() if len(line) > 80]
            assert not long, (cell.source[:60], long)
