# Sciatica Coach: `make run` serves the app, `make test` runs the whole suite (SQLite and
# PostgreSQL, browser tests included). Both install what they need first.
SHELL := /bin/bash
.DEFAULT_GOAL := help

export UV_PYTHON_DOWNLOADS := never
# uv cannot download a Python here: point it at a 3.12+ interpreter (pyenv's, or the system's).
export UV_PYTHON ?= $(or $(lastword $(sort $(wildcard $(HOME)/.pyenv/versions/3.12*/bin/python3.12))),$(shell command -v python3.12 || command -v python3.13))
UV := $(or $(shell command -v uv 2>/dev/null),.tools/bin/uv)
PG_URL ?= postgres://postgres@127.0.0.1:5432/test
PYTEST_ARGS ?=
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: help setup run serve nginx wrk test test-sqlite test-postgres browser-deps bench bench-load lint messages fmt ci clean

help:
	@echo "make run    set up and serve the app on http://$(HOST):$(PORT)"
	@echo "make test   the whole suite on SQLite and PostgreSQL (browser tests included)"
	@echo "make bench  benchmarks, written to docs/benchmarks.md"
	@echo "make lint   ruff (lint and format) and mypy (the core strictly, the Django shell with django-stubs)"

.tools/bin/uv:
	python3 -m venv .tools && .tools/bin/pip install -q uv

setup: $(UV)
	@$(UV) sync --locked -q

# The reminder worker (scheduler tick each minute + the task queue's worker) runs beside the
# web server; emails go to the console unless EMAIL_BACKEND says otherwise. Ctrl-C stops both.
run: setup
	$(UV) run python manage.py migrate --no-input -v0
	$(UV) run python manage.py check_catalogue
	EMAIL_BACKEND=$${EMAIL_BACKEND:-django.core.mail.backends.console.EmailBackend}; export EMAIL_BACKEND; \
	$(UV) run python manage.py reminders worker & worker=$$!; \
	trap 'kill $$worker 2>/dev/null; wait $$worker' EXIT; trap 'exit 0' INT TERM; \
	$(UV) run python manage.py runserver $(HOST):$(PORT)

# Production-style (docs/deploy.md): nginx on $(HOST):$(PORT) buffering whole requests in front
# of gunicorn's 2 sync workers, DEBUG off, a generated key in var/, check --deploy clean first.
serve: setup nginx
	HOST=$(HOST) PORT=$(PORT) deploy/serve.sh

nginx:
	@command -v nginx >/dev/null || test -x /usr/sbin/nginx || { echo "Installing Debian's nginx for make serve"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx >/dev/null; }

browser-deps:
	@command -v chromium >/dev/null || { echo "Installing Debian's chromium for the browser tests"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }
	@test -d node_modules/axe-core || npm install --no-audit --no-fund --silent

# The two databases' runs go side by side (most of a browser test is waiting for the page), each
# to its own log, printed whole when both have finished; either failing fails make test.
test: setup browser-deps nginx
	@mkdir -p var; echo "== the suite on SQLite and on PostgreSQL, side by side (var/test-sqlite.log, var/test-postgres.log)"
	@start=$$(date +%s); \
	$(MAKE) --no-print-directory test-sqlite > var/test-sqlite.log 2>&1 & sqlite=$$!; \
	$(MAKE) --no-print-directory test-postgres > var/test-postgres.log 2>&1 & postgres=$$!; \
	wait $$sqlite; rs=$$?; wait $$postgres; rp=$$?; \
	cat var/test-sqlite.log var/test-postgres.log; \
	echo "== SQLite: $$([ $$rs = 0 ] && echo passed || echo FAILED); PostgreSQL: $$([ $$rp = 0 ] && echo passed || echo FAILED); $$(( $$(date +%s) - start )) s in all"; \
	[ $$rs = 0 ] && [ $$rp = 0 ]

test-sqlite:
	@echo "== test suite on SQLite"
	env -u DATABASE_URL $(UV) run pytest $(PYTEST_ARGS) --junitxml=var/junit-sqlite.xml \
	  || env -u DATABASE_URL $(UV) run python tests/rerun_failures.py var/junit-sqlite.xml

test-postgres:
	@echo "== test suite on PostgreSQL ($(PG_URL))"
	@pg_isready -q -h 127.0.0.1 -p 5432 || { echo "PostgreSQL is not answering on 127.0.0.1:5432"; exit 1; }
	DATABASE_URL=$(PG_URL) $(UV) run pytest $(PYTEST_ARGS) --junitxml=var/junit-postgres.xml \
	  || DATABASE_URL=$(PG_URL) $(UV) run python tests/rerun_failures.py var/junit-postgres.xml

bench: setup browser-deps nginx wrk
	$(UV) run python bench/run.py

# Just the server under load (seeds PostgreSQL at clinic scale; --reuse keeps the last seed).
bench-load: setup wrk
	$(UV) run python bench/server_load.py $(BENCH_ARGS)

wrk:
	@command -v wrk >/dev/null || { echo "Installing Debian's wrk for the load benchmark"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }

# Gather the app's messages into each app's Spanish catalogue (locale/es/LC_MESSAGES/django.po),
# then compile them; tests/web/test_translations.py fails while any lacks its Spanish text.
messages: setup
	$(UV) run python manage.py makemessages -l es --no-obsolete --no-location --ignore 'stretching/*' --ignore '.venv/*' --ignore 'node_modules/*' --ignore 'bench/*' --ignore 'tests/*'
	$(UV) run python manage.py compilemessages -l es --ignore '.venv/*' --ignore 'node_modules/*'

lint: setup
	$(UV) run ruff check .
	$(UV) run ruff format --check .
	$(UV) run mypy

fmt: setup
	$(UV) run ruff format .

ci: test lint

clean:
	rm -rf .venv .tools var node_modules
