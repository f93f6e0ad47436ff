# lamtheobac — two commands: `make demo` runs the app with a demo committee; `make test` passes the tests.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PG_URL ?= postgres://postgres@127.0.0.1:5432/lamtheobac

.PHONY: demo test test-sqlite test-pg lint bench eval install frontend system clean

$(BIN)/.installed: requirements.txt requirements-dev.txt pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip
	$(BIN)/pip install -q -r requirements-dev.txt
	$(BIN)/pip install -q --no-deps -e .
	touch $@

install: $(BIN)/.installed frontend

# htmx from the npm registry with the lock file (optional: pages work without it).
frontend:
	@if command -v npm >/dev/null 2>&1; then \
	  [ -f node_modules/.package-lock.json ] && [ node_modules/.package-lock.json -nt package-lock.json ] || npm ci --ignore-scripts --no-audit --no-fund -s; \
	else echo "npm không có: bỏ qua htmx (giao diện vẫn hoạt động)"; fi

system:
	bash scripts/system-packages.sh

demo: install
	$(BIN)/lamtheobac demo --port 8000

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy lamtheobac
	$(BIN)/lamtheobac makemigrations --check --dry-run

test-sqlite: install system
	$(BIN)/pytest -q -n 2 --dist loadfile

test-pg: install system
	DATABASE_URL=$(PG_URL) $(BIN)/pytest -q -n 2 --dist loadfile

test: lint test-sqlite

bench: install
	$(BIN)/lamtheobac bench

eval: install
	$(BIN)/lamtheobac eval lamtheobac/reading/corpus

clean:
	rm -rf $(VENV) node_modules var

# Production: gunicorn + WhiteNoise + the background worker, configured from the environment
# (.env when present; see .env.example and docs/deployment.md).
.PHONY: serve
serve: install
	set -a; [ ! -f .env ] || . ./.env; set +a; $(BIN)/lamtheobac serve
