# Two commands work on a fresh machine with only Python and make: `make run`, `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: run test bench model clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(STAMP): $(BIN)/python pyproject.toml
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

# opens the window on the default database, importing seeds/ first if it holds no article
run: $(STAMP)
	$(BIN)/reviewer review --seed-from seeds

test: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/python -m pytest

bench: $(STAMP)
	$(BIN)/python bench/extract.py

# the bundled extraction model, from the bundled gold: seeds, ../shared/corpus/dev and ../shared/corpus/real,
# and the synthetic sets in bench/ as extra training examples
model: $(STAMP)
	$(BIN)/reviewer train seeds ../shared/corpus/dev ../shared/corpus/real bench/heldout bench/heldout2 \
		bench/heldout3 bench/heldout4 -o src/reviewer/data/model.json

clean:
	rm -rf $(VENV) build *.egg-info src/*.egg-info
