"""A small Sphinx extension for the HTML book: each script once per page, plain docstrings.

Jupyter Book 1 registers sphinx-thebe's configuration script twice, so every page declared
``const THEBE_JS_URL`` twice and the browser reported "Identifier 'THEBE_JS_URL' has already
been declared". Dropping duplicates (same file or same inline body, same attributes) from each page's
script list fixes that.
"""

from __future__ import annotations

import re


def _key(script) -> tuple:
    # An inline script has filename None when registered for the whole book, "" for one page.
    return (script.filename or "", tuple(sorted(script.attributes.items())))


def unique_scripts(app, pagename, templatename, context, doctree) -> None:
    """Keep the first of every identical script on the page."""
    scripts = context.get("script_files")
    if not scripts:
        return
    seen: set[tuple] = set()
    unique = []
    for script in scripts:
        key = _key(script)
        if key not in seen:
            seen.add(key)
            unique.append(script)
    context["script_files"] = unique


_LITERAL = re.compile(r"(``.+?``)")


def plain_pipes(app, what, name, obj, options, lines) -> None:
    """Let docstrings write |x| for a norm: outside ``literals``, | is not rST's substitution mark."""
    for i, line in enumerate(lines):
        if "|" in line:
            parts = _LITERAL.split(line)
            lines[i] = "".join(p if p.startswith("``") else p.replace("|", r"\|") for p in parts)


def plain_constant_docs(app, what, name, obj, options, lines) -> None:
    """Napoleon reads "text: more" on a constant's first line as "type: description". An empty
    rST comment first stops that, so a docstring such as "f(x) = x^2: a bowl" stays as written."""
    if what in {"attribute", "data", "property"} and lines and ": " in lines[0]:
        lines[:0] = ["..", ""]


def setup(app):
    app.connect("html-page-context", unique_scripts, priority=900)
    app.connect("autodoc-process-docstring", plain_pipes)
    app.connect("autodoc-process-docstring", plain_constant_docs, priority=400)  # before napoleon (500)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
