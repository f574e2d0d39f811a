# Every target installs what it needs into .venv/ first, so a fresh clone needs no other step.
PYTHON ?= python3
VENV   := .venv
PY     := $(VENV)/bin/python
STAMP  := $(VENV)/.installed
ARTICLES ?= corpus/articles
OUT    ?= outputs
MODEL  ?= auto

.PHONY: setup extract test eval bench report gold currencies clean

setup: $(STAMP)

# Reinstall only when the package metadata changed (idempotent and quick otherwise).
$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check --upgrade pip
	$(PY) -m pip install --quiet --disable-pip-version-check -e '.[test]'
	touch $(STAMP)

extract: $(STAMP)
	$(PY) -m quellenlage extract $(ARTICLES) --out $(OUT) --model $(MODEL)

# Two processes (pytest-xdist), each test file whole in one (its module fixtures built once): half the time on 2 cores.
test: $(STAMP)
	$(PY) -m pytest -q -n 2 --dist loadfile

eval: $(STAMP)
	$(PY) -m quellenlage evaluate --gold corpus/gold --model $(MODEL) --baseline dateparser
	$(PY) -m quellenlage breadth tests/breadth --model $(MODEL)

bench: $(STAMP)
	$(PY) -m quellenlage.bench

report: $(STAMP)
	$(PY) -m quellenlage report --out $(OUT)

# Regenerate rules/de/currency_names.yaml from CLDR's German currency names (Babel).
currencies: $(STAMP)
	$(PY) scripts/build_currencies.py

# Rebuild corpus/gold/*.jsonl from corpus/annotations/*.yaml (offsets are computed, never typed).
gold: $(STAMP)
	$(PY) scripts/build_gold.py

clean:
	rm -rf $(VENV) $(OUT)/*/ $(OUT)/run.json $(OUT)/report.html $(OUT)/report-*.png
