"""Chapter 4's explorer cells: a live widget for Jupyter that never reaches the HTML, and an
animation for the HTML that stays light."""

import json

from notebook_utils import CHAPTERS, read

PATH = CHAPTERS / "04_paraboloid.ipynb"


def code_cell_calling(nb, name):
    cells = [c for c in nb.cells if c.cell_type == "code" and f"{name}(" in c.source]
    assert len(cells) == 1, name
    return cells[0]


def test_widget_cell_is_removed_from_the_html_and_its_state_is_not_stored():
    nb = read(PATH)
    cell = code_cell_calling(nb, "explore_descent")
    assert {"remove-output", "nbval-ignore-output"} <= set(cell.metadata.get("tags", []))
    assert "widget" in cell.metadata.get("nbval_reason", "")
    # make execute stores no widget state: the HTML would load the widget manager from a CDN
    assert "widgets" not in nb.metadata


def test_animation_cell_is_ignored_by_nbval_and_its_output_is_well_under_a_megabyte():
    cell = code_cell_calling(read(PATH), "animation_html")
    assert "nbval-ignore-output" in cell.metadata.get("tags", []) and cell.metadata.get("nbval_reason")
    html = "".join(out.get("data", {}).get("text/html", "") for out in cell.outputs)
    assert "anim-controls" in html and "https://" not in html
    assert len(json.dumps([dict(o) for o in cell.outputs]).encode()) < 700_000
