# TERRA client management — set-up, demo and tests.
# Everything is installed by these rules: Python packages into .venv,
# the web client into var/sao.
PYTHON ?= python3
VENV := .venv
BIN := $(CURDIR)/$(VENV)/bin
MODULES := terra_client_mgmt terra_client_survey terra_client_loyalty
PG_URI ?= postgresql://postgres@127.0.0.1:5432/

# The test database cache must change whenever a module or a dependency
# changes, otherwise tests would run on a stale schema.
SOURCE_HASH = $(shell find $(MODULES) requirements.txt -type f \
	\( -name '*.py' -o -name '*.xml' -o -name '*.cfg' -o -name '*.po' \
	-o -name '*.fodt' -o -name '*.txt' \) | sort | xargs cat | sha1sum | cut -c1-12)

.PHONY: all install chromium test test-sqlite test-postgresql lint bench demo demo-reset clean

all: install

$(VENV)/.installed: requirements.txt requirements-dev.txt pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q -U pip
	$(BIN)/python -m pip install -q -r requirements.txt -r requirements-dev.txt
	$(BIN)/python -m pip install -q --no-deps -e .
	touch $@

install: $(VENV)/.installed

# The browser test drives Debian's Chromium: test tools cannot download one.
chromium:
	@command -v chromium >/dev/null || { [ "$$(id -u)" = 0 ] \
		&& apt-get update -q && apt-get install -y -q chromium; } || { \
		echo "The browser test needs Debian's chromium:" \
			"sudo apt-get install chromium" >&2; exit 1; }

test: install chromium
	$(MAKE) test-sqlite
	@if $(BIN)/python scripts/pg_ready.py "$(PG_URI)"; then \
		$(MAKE) test-postgresql; \
	elif [ -n "$$REQUIRE_POSTGRESQL" ]; then \
		echo "PostgreSQL at $(PG_URI) is not reachable" >&2; exit 1; \
	else \
		echo "PostgreSQL not reachable: skipped the PostgreSQL run"; \
	fi

test-sqlite: install
	TRYTOND_DATABASE_URI=sqlite:// DB_NAME=:memory: \
	DB_CACHE=$(CURDIR)/var/cache/sqlite-$(SOURCE_HASH) \
	$(BIN)/python -m pytest tests $(PYTEST_ARGS)

test-postgresql: install
	TRYTOND_DATABASE_URI=$(PG_URI) \
	DB_CACHE=$(CURDIR)/var/cache/postgresql-$(SOURCE_HASH) \
	$(BIN)/python -m pytest tests $(PYTEST_ARGS)

lint: install
	$(BIN)/flake8 $(MODULES) tests scripts
	$(BIN)/isort --check-only --diff $(MODULES) tests scripts

# Benchmarks on PostgreSQL, planning then complaints: visits planned per
# second and SQL queries per contract for 100, 1 000 and 5 000 running
# contracts; escalations per second, e-mails and SQL queries per item for as
# many overdue complaints, and the time to read the resolution index.
# BENCH_ARGS go to both (their options are the same), e.g.
# BENCH_ARGS="--sizes 100,1000 --queries 10"; BENCH_PLANNING_ARGS and
# BENCH_COMPLAINTS_ARGS to one only (--database belongs there).
bench: install
	$(BIN)/python scripts/bench_planning.py --uri "$(PG_URI)" \
		$(BENCH_ARGS) $(BENCH_PLANNING_ARGS)
	$(BIN)/python scripts/bench_complaints.py --uri "$(PG_URI)" \
		$(BENCH_ARGS) $(BENCH_COMPLAINTS_ARGS)

# The demo: web client in var/sao, database in var/db (built once, with demo
# data), mail sink writing to var/mail, logs in var/log. Settings:
# DEMO_PORT (8000), DEMO_MAIL_PORT (8025), DEMO_DB (terra) and
# DEMO_DATABASE_URI (sqlite://, or postgresql://user@host:port/).
demo: install
	bash scripts/demo.sh

# Delete the demo database, rebuild it, then serve it.
demo-reset: install
	bash scripts/demo.sh --reset

clean:
	rm -rf var/cache .pytest_cache
