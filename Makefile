# Two entry points (see README): `make demo` and `make test`.
# Both build .venv from requirements.lock (exact pins) and install the project itself.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV   := .venv
BIN    := $(VENV)/bin
export GX_ANALYTICS_ENABLED := false
export DAGSTER_DISABLE_TELEMETRY := true
export DO_NOT_TRACK := 1

.PHONY: setup demo test lint browser bench dev clean

$(VENV)/.installed: requirements.lock pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/pip install --quiet --disable-pip-version-check --no-deps -e '.[dev]'
	touch $@

setup: $(VENV)/.installed

demo: setup
	$(BIN)/tpp demo

test: lint browser
	$(BIN)/pytest

# the report test renders the pages in headless Chromium: Debian's package, installed
# when missing (as root, as CI runs; otherwise install `chromium` once with sudo)
browser:
	@command -v chromium >/dev/null || { apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; }

# Python (ruff: lint and format) and the dbt models' SQL (sqlfluff, dbt templater, with
# its own target folder and a scratch warehouse in .lint/)
lint: setup
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	mkdir -p .lint && TPP_WAREHOUSE=$(CURDIR)/.lint/tpp.duckdb $(BIN)/sqlfluff lint dbt_project/models

bench: setup
	$(BIN)/tpp bench

# Dagster UI and daemon (schedule) with this project's instance settings, on 127.0.0.1
# only, its home (.dagster_home) owner-only or for TPP_GROUP (pipelines/dev.py)
dev: setup
	PATH=$(CURDIR)/$(BIN):$$PATH $(BIN)/python -m pipelines.dev

# never the warehouse or the exports (data/): published months are kept
clean:
	rm -rf $(VENV) dbt_project/target .lint
