# Hyvinvointiopas – Välmåendeguide. Two commands set everything up:
#   make run    create .venv, install, migrate, load demo content, serve on 127.0.0.1:8000
#   make test   install the test extras and run the whole pytest suite (browser tests too)

PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
MANAGE := $(BIN)/python manage.py
HOST ?= 127.0.0.1
PORT ?= 8000
# make run always uses the embedded SQLite database unless RUN_DATABASE_URL says otherwise.
RUN_DATABASE_URL ?= sqlite:///$(CURDIR)/db.sqlite3
PYTEST_ARGS ?=
# pytest-xdist workers: one per core by default; PYTEST_WORKERS=0 runs in this process. Tests
# are handed out one at a time (--maxschedchunk=1): a worker never queues several long browser
# tests while the other waits at the end.
PYTEST_WORKERS ?= auto
# e.g. RUNSERVER_OPTIONS=--noreload (the smoke test: no restarts while it is checked)
RUNSERVER_OPTIONS ?=

.PHONY: run test browser bench-tools install install-test system-packages messages compilemessages \
        docs lint format checks smoke clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet ".[test]"
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

# Debian packages the project needs: gettext (msgfmt), Voikko with its Finnish dictionary and
# the Swedish hunspell word list (search text analysis) always, Chromium for the browser tests.
# Playwright drives Debian's /usr/bin/chromium; no browser is ever downloaded from elsewhere.
SYSTEM_PACKAGES := gettext libvoikko1 voikko-fi hunspell-sv
system-packages:
	@dpkg -s $(SYSTEM_PACKAGES) >/dev/null 2>&1 || \
		(apt-get update -qq && apt-get install -y -qq $(SYSTEM_PACKAGES))

# The load benchmark's tools (bench/load.py): wrk from Debian, pyinstrument from PyPI.
bench-tools: $(VENV)/.installed-test
	@command -v wrk >/dev/null || (apt-get update -qq && apt-get install -y -qq wrk)
	$(BIN)/pip install --quiet ".[bench]"

browser:
	@test -x /usr/bin/chromium || (apt-get update -qq && apt-get install -y -qq chromium)

compilemessages: system-packages $(VENV)/.installed
	$(MANAGE) compilemessages --ignore=$(VENV) --ignore=node_modules >/dev/null

messages: system-packages $(VENV)/.installed
	$(MANAGE) makemessages -l fi -l sv -l en --add-location file --no-obsolete \
		--ignore=$(VENV)/* --ignore=tests/* --ignore=bench/*

# The set-up's details (migrations, the demo import, the libraries' notes) go to var/setup.log;
# the terminal gets a short summary. A step that fails shows the end of the log.
SETUP_LOG := var/setup.log

run: export DATABASE_URL = $(RUN_DATABASE_URL)
run: compilemessages
	@mkdir -p var
	@echo "Setting up the guide (details in $(SETUP_LOG))…"
	@( $(MANAGE) migrate --noinput && $(MANAGE) load_demo && $(MANAGE) create_local_admin ) \
		> $(SETUP_LOG) 2>&1 || { tail -n 30 $(SETUP_LOG); echo "Set-up failed: see $(SETUP_LOG)"; exit 1; }
	@$(MANAGE) setup_summary --url http://$(HOST):$(PORT)/ --log $(SETUP_LOG)
	@# The background worker runs "Sync now" from the admin; it stops with the server.
	@$(MANAGE) db_worker --backend sync --queue-name sync,counters >> var/worker.log 2>&1 & worker=$$!; \
	trap 'kill $$worker 2>/dev/null' EXIT INT TERM; \
	$(MANAGE) runserver $(RUNSERVER_OPTIONS) $(HOST):$(PORT)

test: install-test compilemessages browser
	$(BIN)/pytest -n $(PYTEST_WORKERS) --maxschedchunk=1 $(PYTEST_ARGS)

# The documentation (docs/, mkdocs) into build/docs; --strict fails on any broken internal
# link or anchor. The editor guides' screenshots come from the browser tests when they ran.
docs: install-test
	@if ls test-artifacts/docs/*.png >/dev/null 2>&1; then cp test-artifacts/docs/*.png docs/img/; fi
	$(BIN)/mkdocs build --strict --quiet

lint: install-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

format: install-test
	$(BIN)/ruff check --fix .
	$(BIN)/ruff format .

# Migrations are complete and production settings pass Django's deployment checks.
checks: system-packages install
	$(MANAGE) makemigrations --check --dry-run
	DJANGO_SETTINGS_MODULE=portal.settings.production \
	SECRET_KEY=ci-dummy-secret-key-that-is-long-and-random-enough-0123456789abcdef \
	ALLOWED_HOSTS=hyvinvointiopas.example.fi REDIS_URL=redis://127.0.0.1:6379/0 \
		$(MANAGE) check --deploy --fail-level WARNING

# `make run` on a fresh database, checked over HTTP, then stopped (used by .ci/run).
smoke: system-packages install
	.ci/smoke

clean:
	rm -rf $(VENV) db.sqlite3 staticfiles media .pytest_cache var build
	find locale locale_upstream -name '*.mo' -delete
