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

.PHONY: help setup run serve test test-sqlite test-postgres browser-deps bench lint fmt ci clean

help:
	@echo "make run    set up and serve the app on http://$(HOST):$(PORT)"
	@echo "make test   the whole suite on SQLite and PostgreSQL (browser tests included)"
	@echo "make bench  benchmarks, written to docs/benchmarks.md"
	@echo "make lint   ruff and mypy"

.tools/bin/uv:
	python3 -m venv .tools && .tools/bin/pip install -q uv

setup: $(UV)
	@$(UV) sync --locked -q

run: setup
	$(UV) run python manage.py migrate --no-input -v0
	$(UV) run python manage.py check_catalogue
	$(UV) run python manage.py runserver $(HOST):$(PORT)

serve: setup
	$(UV) run python manage.py migrate --no-input -v0
	DEBUG=0 SECRET_KEY=$${SECRET_KEY:-local-serve-only} $(UV) run python manage.py collectstatic --no-input -v0
	DEBUG=0 SECRET_KEY=$${SECRET_KEY:-local-serve-only} $(UV) run gunicorn coach.wsgi -w 2 -b $(HOST):$(PORT)

browser-deps:
	@command -v chromium >/dev/null || { echo "Installing Debian's chromium for the browser tests"; \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; }
	@test -d node_modules/axe-core || npm install --no-audit --no-fund --silent

test: setup browser-deps test-sqlite test-postgres

test-sqlite:
	@echo "== test suite on SQLite"
	env -u DATABASE_URL $(UV) run pytest $(PYTEST_ARGS)

test-postgres:
	@echo "== test suite on PostgreSQL ($(PG_URL))"
	@pg_isready -q -h 127.0.0.1 -p 5432 || { echo "PostgreSQL is not answering on 127.0.0.1:5432"; exit 1; }
	DATABASE_URL=$(PG_URL) $(UV) run pytest $(PYTEST_ARGS)

bench: setup browser-deps
	$(UV) run python bench/run.py

lint: setup
	$(UV) run ruff check .
	$(UV) run mypy

fmt: setup
	$(UV) run ruff format .

ci: test lint

clean:
	rm -rf .venv .tools var node_modules
