# Two entry points for a fresh machine: `make site` and `make test`.
# Each creates .venv and installs the project into it on first use (and again
# whenever pyproject.toml changes).
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
NODE   := node_modules/.installed

.PHONY: site serve test check bench archive clean

$(STAMP): pyproject.toml $(NODE)
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

# The offline archive ships iframe-worker's shim instead of loading it from a CDN.
$(NODE): package.json package-lock.json
	npm ci --silent --no-audit --no-fund
	touch $(NODE)

## Build the site from records/ into site/. It is built aside and swapped in
## whole, so a failed or interrupted build leaves the previous site/ as it was.
site: $(STAMP)
	$(PY) -m generator check
	rm -rf .site-new
	NO_MKDOCS_2_WARNING=1 $(VENV)/bin/mkdocs build --strict --site-dir .site-new
	rm -rf .site-old
	if [ -d site ]; then mv site .site-old; fi
	mv .site-new site
	rm -rf .site-old

## Preview at http://127.0.0.1:8000 with live reload. --dirty: a save rebuilds only the pages
## whose Markdown changed (the plugin tells MkDocs which); MkDocs warns about every dirty build,
## so strict mode is off here (a record error still stops the preview with its message).
serve: $(STAMP)
	NO_MKDOCS_2_WARNING=1 $(VENV)/bin/mkdocs serve --dirty --no-strict

## Check the records only
check: $(STAMP)
	$(PY) -m generator check

## The whole test suite
test: $(STAMP)
	$(VENV)/bin/ruff check generator tests bench
	$(PY) -m pytest

## The offline archive (zip + .sha256) in archive/
archive: $(STAMP)
	$(PY) -m generator archive --out archive

## Speed and memory on synthetic trees (bench/RESULTS.md); needs the bench extra
bench: $(STAMP)
	$(PY) -m pip install --quiet -e '.[test,bench]'
	$(PY) bench/speed.py

clean:
	rm -rf site .site-new .site-old .cache .venv node_modules
