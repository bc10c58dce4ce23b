# WalletDesk: `make run` brings up the demo, `make test` proves it.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
HOST   ?= 127.0.0.1
PORT   ?= 8000

# The embedded default: SQLite in var/, console e-mail, a local secret made on first run.
RUN_ENV := DJANGO_SETTINGS_MODULE=config.settings \
	SECRET_KEY_FILE=var/secret_key \
	DATABASE_URL=$${DATABASE_URL:-sqlite:///var/walletdesk.sqlite3} \
	SITE_URL=http://$(HOST):$(PORT)

.PHONY: run test install install-test translations messages lint browser clean demo-otp

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e '.[test,dev]'
	touch $@ $(VENV)/.installed

install: $(VENV)/.installed
install-test: $(VENV)/.installed-test

var/secret_key:
	mkdir -p var
	$(BIN)/python -c "import secrets; print(secrets.token_urlsafe(50))" > $@
	chmod 600 $@

translations: $(VENV)/.installed
	DEBUG=1 $(BIN)/python manage.py compiletranslations

run: install var/secret_key translations
	$(RUN_ENV) $(BIN)/python manage.py migrate --no-input
	$(RUN_ENV) $(BIN)/python manage.py collectstatic --no-input -v 0
	$(RUN_ENV) $(BIN)/python manage.py seed_demo
	$(RUN_ENV) $(BIN)/python manage.py serve --bind $(HOST):$(PORT) --web-workers 2 --welcome demo_welcome.txt

# The demo agent's and administrator's current two-step verification codes.
demo-otp: install
	@$(RUN_ENV) $(BIN)/python manage.py demo_otp

test: install-test translations browser
	DEBUG=1 $(BIN)/python manage.py makemigrations --check --dry-run
	$(BIN)/pytest $(PYTEST_ARGS)

# Refresh the .po catalogues after changing translatable text (needs GNU gettext).
messages: $(VENV)/.installed
	cd walletdesk && for app in $$(ls */apps.py | xargs -n1 dirname); do \
		(cd $$app && mkdir -p locale && DEBUG=1 DJANGO_SETTINGS_MODULE=config.settings PYTHONPATH=../.. \
		../../$(BIN)/django-admin makemessages -l zh_Hans -l en --no-obsolete); done
	mkdir -p locale && DEBUG=1 $(BIN)/python manage.py makemessages -l zh_Hans -l en --no-obsolete \
		--ignore 'walletdesk/*' --ignore '.venv/*' --ignore 'var/*' --ignore 'bench/*'

# The browser tests drive Debian's Chromium (never a downloaded browser) and need CJK fonts.
browser:
	@if ! command -v chromium >/dev/null 2>&1 || ! dpkg -s fonts-noto-cjk >/dev/null 2>&1; then \
		if [ "$$(id -u)" = 0 ]; then apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium fonts-noto-cjk >/dev/null; \
		else echo "Install Chromium and CJK fonts first: sudo apt-get install chromium fonts-noto-cjk" >&2; exit 1; fi; \
	fi

lint: install-test
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

# The production profile on one machine (docs/deploy.md): nginx, two web instances, two workers,
# two beats, PostgreSQL with a streaming replica, Redis, an S3-compatible server, an SMTP sink.
# Needs root (PostgreSQL runs as its own user) and nginx (Debian: apt-get install -y nginx).
.PHONY: prod-up prod-down prod-status prod-backup
prod-up: install-test var/secret_key translations
	@command -v nginx >/dev/null 2>&1 || { [ "$$(id -u)" = 0 ] && apt-get install -y -qq nginx >/dev/null; }
	$(BIN)/python deploy/local/stack.py up
prod-down:
	$(BIN)/python deploy/local/stack.py down
prod-status:
	$(BIN)/python deploy/local/stack.py status
prod-backup:
	$(BIN)/python deploy/local/stack.py backup

# The fault suite (bench/faults/run.py, docs/reliability.md): keyed API submissions through the
# profile while each part fails in turn. FAULT_ARGS="--submissions 200 --scenarios web-kill" for
# a short run; it starts and stops the profile itself.
FAULT_ARGS ?= --submissions 2000
.PHONY: faults
faults: install-test var/secret_key translations
	@command -v nginx >/dev/null 2>&1 || { [ "$$(id -u)" = 0 ] && apt-get install -y -qq nginx >/dev/null; }
	$(BIN)/python bench/faults/run.py --start $(FAULT_ARGS)

clean:
	rm -rf var test-artifacts

# --- benchmarks (bench/, docs/benchmarks.md) ------------------------------------------------
# PostgreSQL and Redis on 127.0.0.1, wrk installed (Debian: apt-get install -y wrk).
# `make bench-seed` once (about 5 minutes for a million tickets), then `make bench`.
BENCH_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/walletdesk_bench
BENCH_ADMIN_URL    ?= postgres://postgres@127.0.0.1:5432/postgres
BENCH_TICKETS      ?= 1000000
BENCH_ARGS         ?= --workers 2 --connections 4 --duration 20
# The database BENCH_DATABASE_URL names (its last path segment, without ?options).
BENCH_DB_NAME      := $(firstword $(subst ?, ,$(lastword $(subst /, ,$(BENCH_DATABASE_URL)))))

.PHONY: bench bench-db bench-explain

bench-db: install
	psql "$(BENCH_ADMIN_URL)" -tAc "SELECT 1 FROM pg_database WHERE datname = '$(BENCH_DB_NAME)'" \
		| grep -q 1 || psql "$(BENCH_ADMIN_URL)" -c 'CREATE DATABASE "$(BENCH_DB_NAME)"'
	DEBUG=1 DATABASE_URL=$(BENCH_DATABASE_URL) $(BIN)/python manage.py migrate --no-input -v 0

bench-seed: bench-db
	DATABASE_URL=$(BENCH_DATABASE_URL) $(BIN)/python bench/seed_tickets.py --tickets $(BENCH_TICKETS)

bench: install
	DATABASE_URL=$(BENCH_DATABASE_URL) $(BIN)/python bench/load.py $(BENCH_ARGS)

bench-explain: install
	DEBUG=1 DATABASE_URL=$(BENCH_DATABASE_URL) $(BIN)/python bench/explain.py

# --- static types ---------------------------------------------------------------------------
# mypy --strict with the Django and DRF plugins over config/ and walletdesk/ (pyproject.toml).
.PHONY: typecheck

typecheck: install-test
	$(BIN)/mypy

# New migrations, linted for a live table (config/settings_migration_lint.py). Those before the
# linter came in have run on every deployment already; they are not changed after the fact.
MIGRATIONS_LINTED_SINCE := 6419cd39018243c647314a020e7e4d8eccb09e20
# Only read (sqlmigrate prints the SQL): any PostgreSQL database will do.
LINT_DATABASE_URL ?= postgres://postgres@127.0.0.1:5432/postgres
.PHONY: lint-migrations
lint-migrations: install-test
	DATABASE_URL=$(LINT_DATABASE_URL) DJANGO_SETTINGS_MODULE=config.settings_migration_lint \
		$(BIN)/python manage.py lintmigrations --project-root-path . --git-commit-id $(MIGRATIONS_LINTED_SINCE) \
		--warnings-as-errors -q ok ignore

# --- mutation testing (docs/mutation-testing.md) ---------------------------------------------
# Mutants of the rule modules, run against their app's tests; prints killed/total per file.
# `make mutation MUTATE=walletdesk/x/y.py` for another file; MUTATE_TESTS=... to choose the tests.
MUTATE       ?= walletdesk/chain/formats.py walletdesk/chain/secret_guard.py
MUTATE_TESTS ?=
MUTATE_JOBS  ?= 2
.PHONY: mutation

mutation: install-test translations
	$(BIN)/python tools/mutation.py $(MUTATE) --jobs $(MUTATE_JOBS) \
		$(if $(MUTATE_TESTS),--tests $(MUTATE_TESTS))
