# Gradient Descent from Scratch: one command per job. The first command you run
# creates .venv and installs the pinned toolchain into it (a minute or two, once).
#
#   make book      build the HTML book into _build/html (from the stored outputs)
#   make test      run every test: gdutils, nbval on every chapter, student versions, the book build,
#                  every page in a browser, Binder's set-up
#   make execute   re-execute the chapter notebooks top to bottom and save their outputs
#   make student   write student versions of the chapters to student_versions/
#   make nbgrader  write nbgrader source notebooks of the chapters to _build/nbgrader/source/
#   make otter     write otter-grader master notebooks of the chapters to _build/otter/
#   make benchmark time the MSE gradient and minibatch epochs (the README's Performance tables)

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
# The HTML book typesets its math with this local copy of MathJax (no CDN): npm installs the
# version pinned in tools/mathjax/package-lock.json, and the files the pages use are copied where
# _config.yml's html_extra_path and mathjax_path expect them.
MATHJAX_NPM := tools/mathjax/node_modules/mathjax
MATHJAX := _mathjax/_static/mathjax
MATHJAX_STAMP := $(MATHJAX)/tex-mml-chtml.js
# The accessibility test injects axe-core, pinned in tools/axe/package-lock.json, into every page of
# the built book from this local file (never from a CDN).
AXE := tools/axe/node_modules/axe-core/axe.min.js
NOTEBOOKS ?=

# One BLAS/OpenMP thread: sums then come out the same to the last bit, run after run.
export OMP_NUM_THREADS := 1
export OPENBLAS_NUM_THREADS := 1
export MKL_NUM_THREADS := 1
export PYDEVD_DISABLE_FILE_VALIDATION := 1

.PHONY: book test execute student nbgrader otter constraints clean benchmark

$(STAMP): requirements.txt requirements-dev.txt constraints.txt pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed; set PYTHON=python3.11 (for example)")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet "pip==26.3"
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	# gdutils in editable mode, so that changes to gdutils/ reach the notebooks at once
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $@

$(MATHJAX_STAMP): tools/mathjax/package.json tools/mathjax/package-lock.json
	@command -v npm >/dev/null || { echo "npm (Node.js) is needed once, to install the book's local MathJax"; exit 1; }
	cd tools/mathjax && npm ci --no-audit --no-fund --loglevel=error
	rm -rf _mathjax && mkdir -p $(MATHJAX)/output
	cp -r $(MATHJAX_NPM)/es5/tex-mml-chtml.js $(MATHJAX_NPM)/es5/input $(MATHJAX_NPM)/es5/ui \
	      $(MATHJAX_NPM)/es5/a11y $(MATHJAX_NPM)/es5/sre $(MATHJAX_NPM)/LICENSE $(MATHJAX)/
	cp -r $(MATHJAX_NPM)/es5/output/chtml $(MATHJAX)/output/
	touch $@

$(AXE): tools/axe/package.json tools/axe/package-lock.json
	@command -v npm >/dev/null || { echo "npm (Node.js) is needed once, to install axe-core for the accessibility test"; exit 1; }
	cd tools/axe && npm ci --no-audit --no-fund --loglevel=error
	touch $@

book: $(STAMP) $(MATHJAX_STAMP)
	$(BIN)/jupyter-book build --all -W -n --keep-going .
	@echo "The book is in _build/html/intro.html"

test: $(STAMP) $(MATHJAX_STAMP) $(AXE)
	$(BIN)/python -m pytest

execute: $(STAMP)
	$(BIN)/python tools/execute_notebooks.py $(NOTEBOOKS)

student: $(STAMP)
	$(BIN)/python -m gdutils.homework chapters student_versions

nbgrader: $(STAMP)
	$(BIN)/python tools/grader_notebooks.py nbgrader chapters _build/nbgrader

otter: $(STAMP)
	$(BIN)/python tools/grader_notebooks.py otter chapters _build/otter

benchmark: $(STAMP)
	$(BIN)/python tools/benchmark.py

constraints: $(STAMP)
	{ echo "# The tested set: every package that make test installs, at the version it was tested with."; \
	  echo "# Regenerate after a deliberate upgrade with: make constraints"; \
	  $(BIN)/python -m pip freeze --exclude-editable | grep -vi '^gdutils'; } > constraints.txt

clean:
	rm -rf _build student_versions _mathjax
