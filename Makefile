# Southend Social Value Toolkit. Two commands from a fresh clone:
#   make serve   build the site and serve it on http://127.0.0.1:8000
#   make test    install the test tools (and Debian's chromium, zbar-tools and libreoffice-calc-nogui if missing)
#                and run the whole suite
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve build test test-core test-browser test-pyodide bench clean chromium zbar-tools libreoffice

$(BIN)/.site-installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e '.[site]'
	touch $@

$(BIN)/.test-installed: pyproject.toml $(BIN)/.site-installed
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# Use whatever Chromium the machine has; on Debian without one, install Debian's package.
chromium:
	@if command -v chromium >/dev/null || command -v chromium-browser >/dev/null || [ -n "$$CHROMIUM" ]; then \
	  echo "chromium: $$(command -v chromium || command -v chromium-browser || echo $$CHROMIUM)"; \
	else \
	  echo "Installing Debian's chromium"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq chromium >/dev/null; \
	fi

# zbarimg reads the handouts' printed QR codes back in the tests; on Debian without it, install zbar-tools.
zbar-tools:
	@if command -v zbarimg >/dev/null; then \
	  echo "zbarimg: $$(command -v zbarimg)"; \
	else \
	  echo "Installing Debian's zbar-tools"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq zbar-tools >/dev/null; \
	fi

# LibreOffice Calc opens every .xlsx the Toolkit writes and saves it again (tests/cli/test_libreoffice_round_trip.py);
# on Debian without it, install libreoffice-calc-nogui (headless, no desktop).
libreoffice:
	@if command -v soffice >/dev/null || command -v libreoffice >/dev/null; then \
	  echo "soffice: $$(command -v soffice || command -v libreoffice)"; \
	else \
	  echo "Installing Debian's libreoffice-calc-nogui"; \
	  SUDO=$$( [ "$$(id -u)" = 0 ] || echo sudo ); \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq libreoffice-calc-nogui >/dev/null; \
	fi

# A site you deploy needs its public address (see README, Deploying): warn when it is missing.
build: $(BIN)/.site-installed node_modules/.installed
	@[ -n "$$SITE_URL" ] || echo "make build: warning: SITE_URL is not set, so the sitemap, the canonical links and the 404 page point at http://127.0.0.1:8000/. To deploy, build with the public address: SITE_URL=https://example.gov.uk/toolkit/ make build" >&2
	$(BIN)/mkdocs build --strict

# mkdocs serve makes its own strict build, for the address it serves on.
serve: $(BIN)/.site-installed node_modules/.installed
	$(BIN)/mkdocs serve --strict --dev-addr 127.0.0.1:8000

# The page script's pure modules first (Node's own test runner), so that pytest's summary ends the run.
test: $(BIN)/.test-installed node_modules/.installed chromium zbar-tools libreoffice
	node --test tests/browser/
	$(BIN)/python -m pytest

# The core's tests alone, in CPython and then under Pyodide in Node.
test-core: $(BIN)/.test-installed libreoffice
	$(BIN)/python -m pytest tests/core tests/cli

# The page script's pure modules, in Node (no browser).
test-browser:
	node --test tests/browser/

test-pyodide: $(BIN)/.test-installed node_modules/.installed
	$(BIN)/python -m pytest tests/pyodide

bench: $(BIN)/.test-installed node_modules/.installed chromium
	$(BIN)/python -m bench

clean:
	rm -rf site .cache build *.egg-info
