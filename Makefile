# `make edition` builds the edition into output/; `make test` runs every test.
# Both set up what they need first: a virtual environment in .venv with teipress installed.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp

.PHONY: edition test validate clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

edition: $(STAMP)
	$(BIN)/teipress validate tei
	$(BIN)/teipress build tei --out output

validate: $(STAMP)
	$(BIN)/teipress validate tei

test: $(STAMP)
	$(BIN)/python -m pytest

clean:
	rm -rf output/*.html output/*.pdf output/assets output/tei $(VENV)
