# coopr: `make run` sets up and serves the app; `make test` sets up and runs the tests.
# Needs only Python 3.11+ and make: everything else goes into .venv, exactly as uv.lock says
# (`make lock` rewrites the lock after a change to pyproject.toml's dependencies).

SHELL := /bin/bash
PYTHON ?= $(shell for p in python3.13 python3.12 python3.11 python3; do \
	command -v $$p >/dev/null 2>&1 && $$p -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null \
	&& echo $$p && break; done)
VENV := .venv
PY := $(VENV)/bin/python
UV := $(VENV)/bin/uv
STAMP := $(VENV)/.installed
# uv.lock is the whole truth: no interpreter downloaded (the machine's Python 3.11+ is used).
export UV_PYTHON_DOWNLOADS := never
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test test-quick lint format venv node lock migrate seed bench compose-check

venv: $(STAMP)

# The JavaScript tools the tests run on the OpenAPI schema (Redocly, Spectral,
# openapi-typescript, tsc: tests/api/test_schema_tools.py), exactly as package-lock.json
# says, in node_modules/. Needs Node.js 20.19+ and npm.
NODE_STAMP := node_modules/.installed
node: $(NODE_STAMP)

$(NODE_STAMP): package.json package-lock.json
	@command -v npm >/dev/null || { echo "npm is missing (Node.js 20.19 or newer with npm)."; exit 1; }
	npm ci --no-audit --no-fund --loglevel=error
	@touch $(NODE_STAMP)

# uv comes first (its pinned, hashed version from uv.lock, through pip), then uv installs the
# lock's runtime and dev dependencies: `--locked` fails when uv.lock no longer matches
# pyproject.toml (run `make lock`), and the sync removes what the lock does not hold.
# The venv is made without pip (ensurepip takes seconds): the machine's pip installs uv into
# it when there is one (pip >= 22.3 has --python), else the venv's own.
PIP_INSTALL := install --quiet --isolated --disable-pip-version-check --no-deps --require-hashes
$(UV):
	@test -n "$(PYTHON)" || { echo "Python 3.11 or newer is needed (python3.11, python3.12 or python3.13)."; exit 1; }
	$(PYTHON) -m venv --without-pip $(VENV)
	$(PYTHON) tools/uv_requirement.py > $(VENV)/uv-requirement.txt
	$(PYTHON) -m pip --python $(PY) $(PIP_INSTALL) -r $(VENV)/uv-requirement.txt 2>/dev/null \
		|| { $(PY) -m ensurepip --upgrade >/dev/null && $(PY) -m pip $(PIP_INSTALL) -r $(VENV)/uv-requirement.txt; }

# `--compile-bytecode`: the dependencies are compiled once here, so that no process (a test
# worker, a command, a server) compiles them again where PYTHONDONTWRITEBYTECODE is set.
$(STAMP): pyproject.toml uv.lock | $(UV)
	$(UV) sync --locked --extra dev --quiet --compile-bytecode
	@touch $(STAMP)

# Resolve pyproject.toml's ranges again into uv.lock (newest versions they allow; needs only
# PyPI). To upgrade one dependency: `make lock LOCK_ARGS="--upgrade-package django"`.
LOCK_ARGS ?=
lock: | $(UV)
	$(UV) lock $(LOCK_ARGS)

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

# `--setup`: first `manage.py setup` (as a server's start: migrate, and load the data set when
# none is there), in the same process.
run: $(STAMP) .env
	@$(PY) manage.py ensure_admin --setup --url http://$(HOST):$(PORT)/admin/
	@$(PY) manage.py build_downloads
	@echo "Serving http://$(HOST):$(PORT)/ (Ctrl-C to stop)"
	$(PY) manage.py runserver $(HOST):$(PORT)

# The whole suite, in one worker process per core (pytest-xdist; PYTEST_WORKERS=0 for one
# process), each test file kept on one worker. PYTEST_ARGS passes more options to pytest.
# `make test-quick`: all but the slow kinds (browser, HTML checker, database outage,
# schemathesis, page fuzzing, subprocess servers). docs/testing.md says more.
PYTEST_WORKERS ?= auto
PYTEST_DIST ?= loadfile
PYTEST_ARGS ?=
PYTEST_RUN = $(PY) -m pytest -n $(PYTEST_WORKERS) --dist $(PYTEST_DIST)

# The test run keeps what it compiles (pytest's rewritten test modules and plugins, the
# project's modules) in __pycache__ even where the environment sets PYTHONDONTWRITEBYTECODE:
# else every worker and every command a test starts compiles them again (about 5 s of CPU
# each). An empty value is off.
test test-quick: export PYTHONDONTWRITEBYTECODE :=

test: $(STAMP) $(NODE_STAMP)
	$(PYTEST_RUN) $(PYTEST_ARGS)

test-quick: $(STAMP) $(NODE_STAMP)
	$(PYTEST_RUN) -m "not slow" $(PYTEST_ARGS)

lint: $(STAMP)
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	SECRET_KEY=lint $(PY) manage.py makemigrations --check --dry-run
	$(VENV)/bin/check-jsonschema --builtin-schema vendor.compose-spec docker-compose.yml
	$(VENV)/bin/lint-imports
	$(PY) -m mypy
	$(UV) lock --check

# `make compose-check`: build the image, run the stack (docker-compose.yml as shipped) behind
# its one entry point, scale it, restart it, back it up and restore it; needs a running
# Docker engine (see tools/compose_check.sh).
compose-check: $(STAMP)
	PATH="$(CURDIR)/$(VENV)/bin:$$PATH" tools/compose_check.sh

format: $(STAMP)
	$(PY) -m ruff format .
	$(PY) -m ruff check --fix .

# `make bench`: the production set-up (gunicorn, DEBUG off, 2 workers, Redis cache) on a
# PostgreSQL database of its own holding the real data set and the synthetic one at each size,
# driven by wrk. Writes docs/benchmarks.md. Needs the local PostgreSQL (started if down) and
# Redis; installs wrk from Debian if missing. BENCH_ARGS="--sizes 1000 --runs 1" for a quick run.
BENCH_DB ?= postgres://postgres@127.0.0.1:5432/coopr_bench
BENCH_CACHE ?= redis://127.0.0.1:6379/7
BENCH_ARGS ?=
BENCH_ENV = DEBUG=false SECRET_KEY=bench-only-key-not-secret DATABASE_URL=$(BENCH_DB) \
	CACHE_URL=$(BENCH_CACHE) ALLOWED_HOSTS=127.0.0.1,localhost SECURE_SSL_REDIRECT=false \
	API_THROTTLE_ANON=100000000/minute API_THROTTLE_USER=100000000/minute \
	LOG_LEVEL=WARNING COOPR_ENV_FILE=/dev/null

bench: $(STAMP)
	@command -v wrk >/dev/null || { apt-get update -qq && apt-get install -y -qq wrk; }
	@command -v wrk >/dev/null || { echo "wrk is missing (apt-get install wrk)"; exit 1; }
	@pg_isready -h 127.0.0.1 -p 5432 -q || pg_ctlcluster --skip-systemctl-redirect $$(ls /etc/postgresql) main start
	@redis-cli -u $(BENCH_CACHE) ping >/dev/null || { echo "Redis is not answering at $(BENCH_CACHE)"; exit 1; }
	@psql -h 127.0.0.1 -U postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$(notdir $(BENCH_DB))'" | grep -q 1 \
		|| psql -h 127.0.0.1 -U postgres -qc "CREATE DATABASE $(notdir $(BENCH_DB))"
	$(BENCH_ENV) $(PY) manage.py migrate --noinput -v0
	$(BENCH_ENV) $(PY) manage.py collectstatic --noinput -v0
	$(BENCH_ENV) $(PY) manage.py load_seed
	$(BENCH_ENV) $(PY) manage.py bench $(BENCH_ARGS)
