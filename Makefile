# Two commands on a fresh machine: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: install demo review test test-numeric bench clean

$(BIN)/kikigaki: pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -c constraints.txt -e '.[test]'
	touch $(BIN)/kikigaki

install: $(BIN)/kikigaki

demo: install
	$(BIN)/kikigaki run recordings/ -o transcripts/ --config configs/furumi.toml

review: install  # correct the demo's transcript in the browser: http://127.0.0.1:8765/
	$(BIN)/kikigaki review transcripts/

test: install
	$(BIN)/python -m pytest

# The tests marked `numeric` (model outputs, float features, score bounds) again under another
# instruction set and thread count (scripts/alternate_isa.sh): bounds must hold on any processor.
test-numeric: install
	env $$(sh scripts/alternate_isa.sh) $(BIN)/python -m pytest -m numeric

bench: install
	$(BIN)/python scripts/bench.py
	$(BIN)/python scripts/review_bench.py

clean:
	rm -rf $(VENV) transcripts/*/ .pytest_cache
