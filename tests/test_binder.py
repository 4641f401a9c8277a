"""Binder's set-up works: binder/requirements.txt alone (the book's requirements.txt plus JupyterLab
with jupyterlab-myst), installed from the repository's root in a new virtual environment as Binder
does, gives every import the chapters make (gdutils installed from the repository, its dependencies,
the widgets) and a JupyterLab that renders the book's MyST markdown.

This is the slowest test (a real pip install into a new venv, from the wheels pip has cached).
"""

from __future__ import annotations

import ast
import json
import re
import shutil
import subprocess
import venv

from IPython.core.inputtransformer2 import TransformerManager

from notebook_utils import ROOT, chapter_paths, read

# What Binder sees of the repository that matters to `pip install -r binder/requirements.txt`.
PROJECT_FILES = ["binder/requirements.txt", "requirements.txt", "constraints.txt", "pyproject.toml", "README.md",
                 "LICENSE"]


def chapter_imports() -> list[tuple[str, str | None]]:
    """(module, name) for every import in the chapters' code cells; name is None for `import module`."""
    found: set[tuple[str, str | None]] = set()
    transform = TransformerManager().transform_cell
    for path in chapter_paths():
        for cell in read(path).cells:
            if cell.cell_type != "code":
                continue
            for node in ast.walk(ast.parse(transform(cell.source))):
                if isinstance(node, ast.Import):
                    found.update((alias.name, None) for alias in node.names)
                elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                    found.update((node.module, alias.name) for alias in node.names)
    return sorted(found, key=lambda pair: (pair[0], pair[1] or ""))


def test_the_chapters_import_gdutils():
    # Guards the test below against reading nothing.
    assert any(module.startswith("gdutils") for module, _ in chapter_imports())


_PROBE = """
import importlib, json, sys
missing = []
for module, name in json.loads(sys.argv[1]):
    try:
        mod = importlib.import_module(module)
        if name is not None and not hasattr(mod, name):
            importlib.import_module(f"{module}.{name}")
    except Exception as exc:
        missing.append(f"{module}{'' if name is None else '.' + name}: {type(exc).__name__}: {exc}")
print(json.dumps(missing))
"""


def test_binder_requirements_alone_set_up_every_import_of_the_chapters_and_jupyterlab_myst(tmp_path):
    project = tmp_path / "repo"
    (project / "binder").mkdir(parents=True)
    for name in PROJECT_FILES:
        shutil.copy2(ROOT / name, project / name)
    shutil.copytree(ROOT / "gdutils", project / "gdutils", ignore=shutil.ignore_patterns("__pycache__"))
    env_dir = tmp_path / "binder-venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    python = env_dir / "bin" / "python"
    install = subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "-r", "binder/requirements.txt"],
        cwd=project, capture_output=True, text=True, timeout=900,
    )
    assert install.returncode == 0, install.stderr[-4000:]
    imports = chapter_imports()
    probe = subprocess.run(
        [str(python), "-c", _PROBE, json.dumps(imports)],
        cwd=tmp_path, capture_output=True, text=True, timeout=300,
        env={"MPLBACKEND": "Agg", "PATH": str(env_dir / "bin")},
    )
    assert probe.returncode == 0, probe.stderr[-4000:]
    missing = json.loads(probe.stdout)
    assert not missing, missing
    # gdutils came from the copy of the repository, not from this test environment.
    where = subprocess.run(
        [str(python), "-c", "import gdutils; print(gdutils.__file__)"],
        cwd=tmp_path, capture_output=True, text=True, timeout=60,
    )
    assert str(env_dir) in where.stdout, where.stdout + where.stderr
    # JupyterLab with the MyST renderer the README and intro.md promise, enabled
    extensions = subprocess.run(
        [str(env_dir / "bin" / "jupyter"), "labextension", "list"],
        cwd=tmp_path, capture_output=True, text=True, timeout=120, env={"PATH": str(env_dir / "bin")},
    )
    listing = extensions.stdout + extensions.stderr
    assert re.search(r"jupyterlab-myst v2\.7\.0 .*enabled", listing), listing
    version = subprocess.run([str(python), "-c", "import jupyterlab; print(jupyterlab.__version__)"],
                             capture_output=True, text=True, timeout=60)
    assert version.stdout.strip() == "4.4.10", version.stdout + version.stderr

