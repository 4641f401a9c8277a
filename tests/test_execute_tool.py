"""The notebook executor saves each cell's stream output in one piece, whatever the timing."""

import importlib.util

import nbformat
from nbformat.v4 import new_code_cell, new_notebook, new_output

from notebook_utils import ROOT

_spec = importlib.util.spec_from_file_location("execute_notebooks", ROOT / "tools" / "execute_notebooks.py")
execute_notebooks = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(execute_notebooks)


def test_consecutive_prints_are_joined_and_nothing_else_moves():
    cell = new_code_cell("print(1); print(2)")
    cell.outputs = [
        new_output("stream", name="stdout", text="a\n"),
        new_output("stream", name="stdout", text="b\n"),
        new_output("stream", name="stderr", text="warning\n"),
        new_output("stream", name="stdout", text="c\n"),
        new_output("execute_result", data={"text/plain": "3"}, execution_count=1),
        new_output("stream", name="stdout", text="d\n"),
    ]
    nb = new_notebook(cells=[cell, nbformat.v4.new_markdown_cell("text")])
    execute_notebooks.merge_streams(nb)
    outs = nb.cells[0].outputs
    assert [(o.output_type, o.get("name"), o.get("text")) for o in outs] == [
        ("stream", "stdout", "a\nb\n"),
        ("stream", "stderr", "warning\n"),
        ("stream", "stdout", "c\n"),
        ("execute_result", None, None),
        ("stream", "stdout", "d\n"),
    ]
