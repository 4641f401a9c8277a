"""Chapter 4's explorer cells: a live widget for Jupyter that never reaches the HTML, and live
explorers for the HTML that stay light."""

import json
import re

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


def test_live_explorers_draw_the_three_functions_of_the_chapter_and_stay_light():
    # the live explorers replaced the 12-frame animation (issue 15): each is a self-contained
    # cell output, with no request to another host, far below the animation's 540 kB
    cells = [c for c in read(PATH).cells if c.cell_type == "code" and "live_explorer(" in c.source]
    htmls = ["".join(out.get("data", {}).get("text/html", "") for out in c.outputs) for c in cells]
    objectives = [html.split('data-objective="')[1].split('"')[0] for html in htmls]
    assert objectives == ["PARABOLOID", "ELONGATED_BOWL", "HIMMELBLAU"]
    for cell, html in zip(cells, htmls):
        assert 'class="gd-explorer"' in html
        assert set(re.findall(r"https?://[^\"' <>)]*", html)) == {"http://www.w3.org/2000/svg"}  # a name
        assert len(json.dumps([dict(o) for o in cell.outputs]).encode()) < 100_000
