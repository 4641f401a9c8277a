# Gradient Descent from Scratch: one command per job. The first command you run
# creates .venv and installs the pinned toolchain into it (a few minutes, once).
#
#   make book      build the HTML book into _build/html (from the stored outputs)
#   make test      run every test: gdutils, nbval on every chapter, the book build, student versions
#   make execute   re-execute the chapter notebooks top to bottom and save their outputs
#   make student   write student versions of the chapters to student_versions/
#   make benchmark time the MSE gradient and minibatch epochs (the README's Performance tables)

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
NOTEBOOKS ?=

# One BLAS/OpenMP thread: sums then come out the same to the last bit, run after run.
export OMP_NUM_THREADS := 1
export OPENBLAS_NUM_THREADS := 1
export MKL_NUM_THREADS := 1
export PYDEVD_DISABLE_FILE_VALIDATION := 1

.PHONY: book test execute student constraints clean benchmark

$(STAMP): requirements.txt requirements-dev.txt constraints.txt pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed; set PYTHON=python3.11 (for example)")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet "pip==26.3"
	$(BIN)/python -m pip install --quiet -r requirements-dev.txt
	# gdutils in editable mode, so that changes to gdutils/ reach the notebooks at once
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $@

book: $(STAMP)
	$(BIN)/jupyter-book build --all -W -n --keep-going .
	@echo "The book is in _build/html/index.html"

test: $(STAMP)
	$(BIN)/python -m pytest

execute: $(STAMP)
	$(BIN)/python tools/execute_notebooks.py $(NOTEBOOKS)

student: $(STAMP)
	$(BIN)/python -m gdutils.homework chapters student_versions

benchmark: $(STAMP)
	$(BIN)/python tools/benchmark.py

constraints: $(STAMP)
	{ echo "# The tested set: every package that make test installs, at the version it was tested with."; \
	  echo "# Regenerate after a deliberate upgrade with: make constraints"; \
	  $(BIN)/python -m pip freeze --exclude-editable | grep -vi '^gdutils'; } > constraints.txt

clean:
	rm -rf _build student_versions
