"""The example notebook runs from top to bottom, so that it never rots."""

import pathlib

import nbclient
import nbformat

NOTEBOOK = pathlib.Path(__file__).resolve().parents[1] / "examples" / "classify.ipynb"


def test_the_example_notebook_runs():
    nb = nbformat.read(NOTEBOOK, as_version=4)
    nbclient.NotebookClient(nb, timeout=300, kernel_name="python3").execute()
    errors = [o for c in nb.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
    assert not errors, errors
    last = nb.cells[-1].outputs[0]["data"]["text/html"]
    assert "<b>结论</b>：重大事故隐患" in last, "the last cell shows a judgement with a major finding"
    assert any("image/png" in o.get("data", {}) for c in nb.cells if c.cell_type == "code" for o in c.outputs), "the chart"
