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

# Publishing (docs/publishing.md). SITEURL comes from the environment or the command
# line: SITEURL=https://me.example.org make publish. With CNAME set and no SITEURL, the
# site is published at https://$(CNAME).
SSH_HOST ?= localhost
SSH_PORT ?= 22
SSH_USER ?= $(USER)
SSH_TARGET_DIR ?= /var/www/reflective
RSYNC_DEST ?= $(SSH_USER)@$(SSH_HOST):$(SSH_TARGET_DIR)
GITHUB_PAGES_BRANCH ?= gh-pages
GITHUB_PAGES_REMOTE ?= origin
CNAME ?=
ifneq ($(strip $(CNAME)),)
SITEURL ?= https://$(strip $(CNAME))
export SITEURL
endif

# Two stamps: what a site needs to build, serve and publish (the package and its
# dependencies), and the test toolchain (`.[dev]`: pytest, Playwright, axe, ruff...),
# which only test, lint and bench install. Each is redone when pyproject.toml changes.
SITE_STAMP := $(VENV)/.installed-site
DEV_STAMP := $(VENV)/.installed-dev

.PHONY: help site install html clean regenerate serve devserver publish github rsync_upload test lint bench comments-server bench-import portfolio bench-serve bench-editor

help:
	@echo 'make site           set up .venv with what building and publishing need'
	@echo 'make install        the same, plus the test toolchain (pytest, Playwright, ruff...)'
	@echo 'make html           build the site into $(OUTPUTDIR) (preview settings)'
	@echo 'make serve          build, serve on http://$(HOST):$(PORT) and rebuild on changes'
	@echo 'make regenerate     rebuild on changes, without serving'
	@echo 'make publish        strict, atomic build with publishconf.py'
	@echo 'make github         publish, then push it to the $(GITHUB_PAGES_BRANCH) branch of $(GITHUB_PAGES_REMOTE)'
	@echo 'make rsync_upload   publish, then rsync it to $(RSYNC_DEST)'
	@echo 'make clean          remove the output folder'
	@echo 'make test           run the whole test suite'
	@echo 'make lint           ruff'
	@echo 'make bench          measure the plugin against plain Pelican'
	@echo 'make bench-serve    measure make serve: save → browser, at 1,000 and 5,000 posts'
	@echo 'make bench-editor   measure the editor at /admin/: listing and save → preview, 1,000 posts'
	@echo 'make comments-server  run Isso locally for the comment form (docs/comments.md)'
	@echo 'make bench-import   measure reflective import on generated 10 and 100 MB exports'
	@echo 'make portfolio      the portfolio to hand in: portfolio.pdf (PORTFOLIO_ARGS="--private" ...)'

$(SITE_STAMP): pyproject.toml
	@test -x $(BIN)/python || $(PY) -m venv $(VENV) || { rm -rf $(VENV); echo "make: $(PY) -m venv could not make $(VENV); install Python 3.11's venv module (Debian/Ubuntu: sudo apt-get install python3-venv) and run make again" >&2; exit 1; }
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e .
	@touch $(SITE_STAMP)

$(DEV_STAMP): $(SITE_STAMP)
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(DEV_STAMP)

# site: what html, serve, publish... need; install: that and the test toolchain.
site: $(SITE_STAMP)

install: $(DEV_STAMP)

# Each target below runs a `reflective` command (docs/cli.md): the same on a machine
# without make (Windows), where a site made by `reflective init` runs them directly.
html: site
	$(BIN)/reflective build --settings "$(CONFFILE)" --path "$(INPUTDIR)" \
		--output "$(OUTPUTDIR)" -- $(PELICANOPTS)

clean:
	rm -rf $(OUTPUTDIR) $(OUTPUTDIR).tmp.* $(OUTPUTDIR).old.*

regenerate: site
	$(PELICAN) -r $(INPUTDIR) -o $(OUTPUTDIR) -s $(CONFFILE) $(PELICANOPTS)

serve: site
	$(BIN)/reflective serve --settings "$(CONFFILE)" --path "$(INPUTDIR)" \
		--output "$(OUTPUTDIR)" --host $(HOST) --port $(PORT) -- $(PELICANOPTS)

devserver: serve

# Strict, gated and atomic (`reflective publish`): build into a fresh folder beside
# OUTPUTDIR, run the pre-publish gate on it (no private action or draft text, no drafts/,
# no broken internal link), swap it in only when both passed; a failed publish leaves
# OUTPUTDIR as it was.
publish: site
	@$(BIN)/reflective publish --settings "$(PUBLISHCONF)" --path "$(INPUTDIR)" \
		--output "$(OUTPUTDIR)" -- $(PELICANOPTS)

# `reflective deploy github`: one commit on GITHUB_PAGES_BRANCH holding exactly OUTPUTDIR
# (+ .nojekyll, + CNAME when set) on top of the remote's branch, then a plain push:
# nothing is pushed when the publish fails, and a push that is not a fast-forward is
# refused, not forced. A build is reproducible, so a commit whose files equal the last
# one's is dropped, not pushed. Git and the remote are checked before anything is built.
github: site
	@$(BIN)/reflective deploy github --settings "$(PUBLISHCONF)" --path "$(INPUTDIR)" \
		--output "$(OUTPUTDIR)" --remote "$(GITHUB_PAGES_REMOTE)" \
		--branch "$(GITHUB_PAGES_BRANCH)" $(if $(strip $(CNAME)),--cname "$(strip $(CNAME))") \
		-- $(PELICANOPTS)

# `reflective deploy rsync`: as Pelican's quickstart, with a checked build, without
# --cvs-exclude (it drops pages and files named core, tags, *.old, *.bak... from a
# generated site), and with --delay-updates --delete-after so an interrupted upload
# leaves the old site whole. RSYNC_DEST may be a local folder (rsync's local mode; ssh
# is then not used). A missing rsync is said in one line, before anything is built.
rsync_upload: site
	@$(BIN)/reflective deploy rsync --settings "$(PUBLISHCONF)" --path "$(INPUTDIR)" \
		--output "$(OUTPUTDIR)" --port "$(SSH_PORT)" "$(RSYNC_DEST)" -- $(PELICANOPTS)

# cpd: the portfolio (docs/cpd.md). WeasyPrint is an extra: installed here, not by
# `make install`, since building the site does not need it.
PORTFOLIO_ARGS ?=
PORTFOLIO_STAMP := $(VENV)/.portfolio-installed

$(PORTFOLIO_STAMP): pyproject.toml | $(SITE_STAMP)
	$(BIN)/python -m pip install --quiet -e '.[portfolio]'
	@touch $(PORTFOLIO_STAMP)

portfolio: install $(PORTFOLIO_STAMP)
	@$(BIN)/python scripts/ensure_weasyprint.py
	$(BIN)/reflective portfolio --settings "$(CONFFILE)" $(PORTFOLIO_ARGS)

test: install
	$(BIN)/python scripts/ensure_tools.py
	$(BIN)/python scripts/ensure_isso.py
	$(BIN)/python scripts/ensure_weasyprint.py
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

# == cohort == `reflective cohort fetch` of BENCH_COHORT participants served locally with
# 50-300 ms latency (twice, then "a year on" with half of them failing), then the sample
# site built with the largest cohort and the weights of its cohort pages (docs/cohort.md);
# BENCH_COHORT= to skip. Runs first: the bench's last line stays the overhead line.
BENCH_COHORT ?= 100 1000
# == search == Pagefind's indexing time and index size at BENCH_SEARCH_N posts
# (bench/search.py; docs/search.md); BENCH_SEARCH_N= to skip. Also before the overhead line.
BENCH_SEARCH_N ?= 1000 5000
# == cpd == the portfolio of a BENCH_PORTFOLIO_N-post site (bench/portfolio.py); also first.
BENCH_PORTFOLIO_N ?= 1000

bench: install $(PORTFOLIO_STAMP)
	$(if $(strip $(BENCH_COHORT)),$(BIN)/python -m bench.cohort --participants $(BENCH_COHORT) \
		--json bench/results/cohort.json)
	$(if $(strip $(BENCH_SEARCH_N)),$(BIN)/python -m bench.search --n $(BENCH_SEARCH_N) \
		--rounds $(BENCH_ROUNDS) --json bench/results/search.json)
	@$(BIN)/python scripts/ensure_weasyprint.py
	$(BIN)/python -m bench.portfolio --n $(BENCH_PORTFOLIO_N)
	$(BIN)/python -m bench.run --n $(BENCH_N) --rounds $(BENCH_ROUNDS) \
		$(if $(BENCH_PROFILE),--profile) --json bench/results/last.json $(BENCH_ARGS)

# == preview (issue 18) ==
# `make serve` measured as a writer uses it (docs/performance.md, "make serve"): the
# real server on generated sites of BENCH_SERVE_N posts, chromium open on a post,
# BENCH_SERVE_EDITS edits (body, an action's status, the title), each timed from the
# save to the browser showing it. BENCH_SERVE_ARGS: e.g. --baseline (the server before
# this change, same edits) or --memory-edits 100 (memory over 100 edits at 200 posts).
BENCH_SERVE_N ?= 1000 5000
BENCH_SERVE_EDITS ?= 10
BENCH_SERVE_ARGS ?=

bench-serve: install
	$(BIN)/python scripts/ensure_tools.py
	$(BIN)/python -m bench.serve --n $(BENCH_SERVE_N) --edits $(BENCH_SERVE_EDITS) \
		--json bench/results/serve.json $(BENCH_SERVE_ARGS)

# The editor at /admin/ (issue 25; docs/performance.md): headless chromium against the
# real make serve on a generated site of BENCH_EDITOR_N posts, tidied: "Work with Local
# Repository" → every post listed, and five saves in the editor → the preview shows them.
BENCH_EDITOR_N ?= 1000

bench-editor: install
	$(BIN)/python scripts/ensure_tools.py
	$(BIN)/python -m bench.editor $(BENCH_EDITOR_N)

# == comments (issue 13) ==
# Isso, the optional live comment form, on 127.0.0.1 (docs/comments.md): installs it,
# writes its config from the settings under .reflective/isso/, runs it until Ctrl-C.
ISSO_PORT ?=
comments-server: site
	@$(BIN)/python scripts/ensure_isso.py
	$(BIN)/reflective comments serve --settings "$(CONFFILE)" $(if $(ISSO_PORT),--port $(ISSO_PORT))
# reflective import (issue 14) on generated WordPress exports of BENCH_IMPORT_MB megabytes:
# CPU time and peak memory of the real command (docs/importing.md, docs/performance.md).
BENCH_IMPORT_MB ?= 10 100

bench-import: install
	$(BIN)/python -m bench.importer --mb $(BENCH_IMPORT_MB)
