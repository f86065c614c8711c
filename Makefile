# Honnin Desk — the two commands of the README:
#   make run    set up what is missing, then start the desktop app
#   make test   set up what is missing, then run lint, type checks, layer checks, the tests,
#               and build the installer bundle and smoke-test it (mk/dist.mk)
# Each step is quick when nothing is missing.

SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
PYTEST_ARGS ?=

# PyInstaller links the bundle against the interpreter's shared library (Debian: libpython3.X).
LIBPYTHON := libpython$(shell $(PYTHON) -c 'import sys; print("%d.%d" % sys.version_info[:2])')

# Debian packages the app and its tests need: Tesseract with the Japanese (horizontal and
# vertical) and English data, the fonts the synthetic documents and letters are drawn with,
# Debian's sqlcipher tool (the recovery-key check), Qt's runtime libraries, and
# pdftotext/strace for the tests, binutils (objdump) for PyInstaller.
APT_PACKAGES := tesseract-ocr tesseract-ocr-jpn tesseract-ocr-jpn-vert tesseract-ocr-eng \
	fonts-noto-cjk fonts-ipafont fonts-ocr-b sqlcipher \
	libegl1 libgl1 libglib2.0-0 libfontconfig1 libdbus-1-3 libxkbcommon0 libxkbcommon-x11-0 \
	libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-randr0 \
	libxcb-render-util0 libxcb-shape0 libxcb-xinerama0 libxcb-xkb1 libxrender1 libxi6 \
	poppler-utils strace xvfb xauth binutils $(LIBPYTHON)

SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run test check lint typecheck layers unit system-deps venv clean i18n bench

run: system-deps $(STAMP)
	$(BIN)/honnin-desk

test: system-deps $(STAMP) check unit dist smoke

check: lint typecheck layers

lint: $(STAMP)
	$(BIN)/ruff check desktop tests benchmarks
	$(BIN)/ruff format --check desktop tests benchmarks

typecheck: $(STAMP)
	$(BIN)/mypy

layers: $(STAMP)
	$(BIN)/lint-imports

unit: $(STAMP)
	QT_QPA_PLATFORM=offscreen $(BIN)/pytest $(PYTEST_ARGS)

# Installs only the Debian packages that are missing (no apt-get at all when none is).
system-deps:
	@missing=$$(for p in $(APT_PACKAGES); do \
		dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q 'install ok installed' || echo $$p; \
	done); \
	if [ -n "$$missing" ]; then \
		echo "installing Debian packages:" $$missing; \
		$(SUDO) apt-get update -qq && \
		DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing; \
	fi

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip

# Reinstalled when the project's metadata changes.
$(STAMP): pyproject.toml | $(BIN)/python
	$(BIN)/pip install -q -e '.[test]'
	touch $@

venv: $(STAMP)

# lupdate collects the strings of desktop/ui, fill_ts.py writes the Japanese of the
# desktop/ui/i18n_*_ja.py tables into the .ts, lrelease builds the .qm the app loads.
i18n: $(STAMP)
	$(BIN)/pyside6-lupdate -extensions py -no-obsolete -locations none desktop/ui \
		-ts resources/i18n/honnin_ja.ts
	$(BIN)/python resources/i18n/fill_ts.py resources/i18n/honnin_ja.ts
	$(BIN)/pyside6-lrelease resources/i18n/honnin_ja.ts -qm resources/i18n/honnin_ja.qm

bench: $(STAMP)
	$(BIN)/pip install -q -e '.[bench]'
	$(BIN)/python benchmarks/bench_scan.py
	$(BIN)/python benchmarks/bench_mrz.py
	$(BIN)/python benchmarks/bench_store.py
	$(BIN)/python benchmarks/bench_statistics.py
	$(BIN)/python benchmarks/bench_load.py

clean:
	rm -rf $(VENV) build dist .mypy_cache .ruff_cache .pytest_cache

# make dist, make smoke: the installer bundle and its smoke test
include mk/dist.mk
