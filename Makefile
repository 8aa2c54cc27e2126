# Reflective: the targets of Pelican's quickstart Makefile, plus install, test, lint, bench.
PY ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PELICAN ?= $(BIN)/pelican
PELICANOPTS ?=

BASEDIR := $(CURDIR)
INPUTDIR ?= $(BASEDIR)/content
OUTPUTDIR ?= $(BASEDIR)/output
CONFFILE ?= $(BASEDIR)/pelicanconf.py
PUBLISHCONF ?= $(BASEDIR)/publishconf.py

HOST ?= 127.0.0.1
PORT ?= 8000

SSH_HOST ?= localhost
SSH_PORT ?= 22
SSH_USER ?= $(USER)
SSH_TARGET_DIR ?= /var/www/reflective
GITHUB_PAGES_BRANCH ?= gh-pages
GITHUB_PAGES_REMOTE ?= origin

STAMP := $(VENV)/.installed

.PHONY: help install html clean regenerate serve devserver publish github rsync_upload test lint bench

help:
	@echo 'make install        set up .venv (idempotent)'
	@echo 'make html           build the site into $(OUTPUTDIR) (preview settings)'
	@echo 'make serve          build, serve on http://$(HOST):$(PORT) and rebuild on changes'
	@echo 'make regenerate     rebuild on changes, without serving'
	@echo 'make publish        strict, atomic build with publishconf.py'
	@echo 'make github         publish to the $(GITHUB_PAGES_BRANCH) branch with ghp-import'
	@echo 'make rsync_upload   publish over rsync to $(SSH_USER)@$(SSH_HOST):$(SSH_TARGET_DIR)'
	@echo 'make clean          remove the output folder'
	@echo 'make test           run the whole test suite'
	@echo 'make lint           ruff'
	@echo 'make bench          measure the plugin against plain Pelican'

$(STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PY) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

install: $(STAMP)

html: install
	$(PELICAN) $(INPUTDIR) -o $(OUTPUTDIR) -s $(CONFFILE) $(PELICANOPTS)

clean:
	rm -rf $(OUTPUTDIR) $(OUTPUTDIR).tmp.* $(OUTPUTDIR).old.*

regenerate: install
	$(PELICAN) -r $(INPUTDIR) -o $(OUTPUTDIR) -s $(CONFFILE) $(PELICANOPTS)

serve: install
	$(PELICAN) -lr $(INPUTDIR) -o $(OUTPUTDIR) -s $(CONFFILE) $(PELICANOPTS) -b $(HOST) -p $(PORT)

devserver: serve

# Strict and atomic: build into a fresh folder beside OUTPUTDIR; swap it in only when
# the build succeeded, so a failed publish leaves the previous output as it was.
publish: install
	@$(BIN)/python scripts/publish.py --input "$(INPUTDIR)" --output "$(OUTPUTDIR)" \
		--settings "$(PUBLISHCONF)" --pelican "$(PELICAN)" -- $(PELICANOPTS)

test: install
	$(BIN)/python scripts/ensure_browser.py
	$(BIN)/python -m pytest $(PYTEST_ARGS)

lint: install
	$(BIN)/ruff check plugins tests scripts bench pelicanconf.py publishconf.py
	$(BIN)/ruff format --check plugins tests scripts bench pelicanconf.py publishconf.py

# Reflective (A) against plain Pelican with our reader only (B) on generated sites:
# BENCH_N posts each (e.g. BENCH_N="100 1000 5000"), BENCH_ROUNDS interleaved rounds,
# a cProfile of the plugin's part at the largest N (BENCH_PROFILE= to skip it).
# See docs/performance.md. The last line is `plugin overhead at N posts: X.X %`.
BENCH_N ?= 100 1000
BENCH_ROUNDS ?= 3
BENCH_PROFILE ?= 1
BENCH_ARGS ?=

bench: install
	$(BIN)/python -m bench.run --n $(BENCH_N) --rounds $(BENCH_ROUNDS) \
		$(if $(BENCH_PROFILE),--profile) --json bench/results/last.json $(BENCH_ARGS)
