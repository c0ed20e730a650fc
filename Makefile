# coopr: `make run` sets up and serves the app; `make test` sets up and runs the tests.
# Needs only Python 3.11+ and make: everything else goes into .venv.

SHELL := /bin/bash
PYTHON ?= $(shell for p in python3.13 python3.12 python3.11 python3; do \
	command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null \
	&& echo $$p && break; done)
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test lint format venv migrate seed

venv: $(STAMP)

$(STAMP): pyproject.toml
	@test -n "$(PYTHON)" || { echo "Python 3.11 or newer is needed (python3.11, python3.12 or python3.13)."; exit 1; }
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e ".[dev]"
	@touch $(STAMP)

# The local env file: DEBUG on and a random secret key, written once, never committed.
.env:
	@$(PYTHON) -c "import secrets, os; \
	open('.env', 'w').write('# Local development settings written by make run. Never commit.\nDEBUG=true\nSECRET_KEY=' + secrets.token_urlsafe(50) + '\n'); \
	os.chmod('.env', 0o600)"
	@echo "Wrote .env for local development."

migrate: $(STAMP) .env
	$(PY) manage.py migrate --noinput

seed: migrate
	$(PY) manage.py load_seed

run: seed
	@$(PY) manage.py ensure_admin --url http://$(HOST):$(PORT)/admin/
	@echo "Serving http://$(HOST):$(PORT)/ (Ctrl-C to stop)"
	$(PY) manage.py runserver $(HOST):$(PORT)

test: $(STAMP)
	$(PY) -m pytest

lint: $(STAMP)
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	SECRET_KEY=lint $(PY) manage.py makemigrations --check --dry-run
	$(VENV)/bin/check-jsonschema --builtin-schema vendor.compose-spec docker-compose.yml

format: $(STAMP)
	$(PY) -m ruff format .
	$(PY) -m ruff check --fix .
