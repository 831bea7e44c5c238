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

edition: $(STAMP) $(OSD)
	$(BIN)/teipress validate tei
	$(BIN)/teipress build tei --out output

validate: $(STAMP)
	$(BIN)/teipress validate tei

# axe-core for the browser tests' accessibility check and vnu-jar (the Nu Html Checker) for
# tests/test_valid_html.py: test-only, both from tests/browser/package.json, one npm install.
AXE := tests/browser/node_modules/axe-core/axe.min.js
VNU := tests/browser/node_modules/vnu-jar/build/dist/vnu.jar

$(AXE) $(VNU) &: tests/browser/package.json
	@if command -v npm >/dev/null 2>&1; then \
	  cd tests/browser && npm install --no-audit --no-fund --silent && touch node_modules/axe-core/axe.min.js node_modules/vnu-jar/build/dist/vnu.jar; \
	else echo "npm not found: the accessibility and HTML validity tests will be skipped (CI installs it)"; fi

# The site's JavaScript libraries (OpenSeadragon, the facsimile viewer) from src/teipress/js/package.json: a build copies
# them with their licences into the site; without npm the viewer is left out with a warning.
OSD := src/teipress/js/node_modules/openseadragon/build/openseadragon/openseadragon.min.js

$(OSD): src/teipress/js/package.json
	@if command -v npm >/dev/null 2>&1; then \
	  cd src/teipress/js && npm install --no-audit --no-fund --silent && touch node_modules/openseadragon/build/openseadragon/openseadragon.min.js; \
	else echo "npm not found: the facsimile viewer will be left out of the site (each page break links its image)"; fi

# On every core (pytest-xdist); the tests of the real TEI corpus share its builds, so they run in one worker.
test: $(STAMP) $(AXE) $(VNU) $(OSD)
	$(BIN)/python -m pytest -n auto --dist loadgroup

clean:
	rm -rf output/*.html output/*.pdf output/sitemap.xml output/assets output/tei output/pagefind $(VENV) tests/browser/node_modules src/teipress/js/node_modules
