# 齐陵一张图 · Qiling One Map
#   make run   — create .venv, install, prepare offline assets, serve on http://127.0.0.1:8501
#   make test  — create .venv, install (plus Chromium, PostgreSQL 15 + PostGIS from Debian when
#                missing), ruff + every test (the PostGIS tests start their own throwaway cluster)
PYTHON ?= python3
VENV ?= .venv
PY := $(VENV)/bin/python
PORT ?= 8501
STAMP_RUN := $(VENV)/.installed-run
STAMP_DEV := $(VENV)/.installed-dev

.PHONY: run test check lint bench clean

$(PY):
	$(PYTHON) -m venv $(VENV)

$(STAMP_RUN): requirements.txt | $(PY)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $@

$(STAMP_DEV): requirements.txt requirements-dev.txt | $(PY)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements-dev.txt
	touch $@ $(STAMP_RUN)

run: $(STAMP_RUN)
	bash scripts/ensure-system-packages.sh
	$(PY) -m geo assets
	$(PY) -m streamlit run app.py --server.address 127.0.0.1 --server.port $(PORT)

test: $(STAMP_DEV)
	bash scripts/ensure-chromium.sh
	bash scripts/ensure-system-packages.sh
	bash scripts/ensure-postgis.sh
	$(PY) -m geo assets
	$(PY) -m ruff check .
	$(PY) -m ruff format --check .
	$(PY) -m pytest

check: $(STAMP_RUN)
	$(PY) -m geo check

lint: $(STAMP_DEV)
	$(PY) -m ruff check --fix .
	$(PY) -m ruff format .

clean:
	rm -rf $(VENV) static/vendor .pytest_cache .ruff_cache tests/artifacts
