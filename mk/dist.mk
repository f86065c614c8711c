# The installer bundle: `make dist` builds dist/honnin-desk-<version>/ (PyInstaller, one folder,
# build_installer.spec) and runs the frozen app's --self-test; `make smoke` runs the built
# `honnin check`, `honnin scan` and the desktop app off-screen (scripts/smoke_dist.py).
# Included from the Makefile, which defines BIN (the venv's bin folder) and STAMP.

DIST_VERSION := $(shell sed -n 's/^__version__ = "\(.*\)"/\1/p' desktop/__init__.py)
DIST_DIR := dist/honnin-desk-$(DIST_VERSION)
DIST_STAMP := $(dir $(STAMP)).installed-dev

.PHONY: dist smoke

# The dev extra brings PyInstaller; reinstalled when the project's metadata changes.
$(DIST_STAMP): pyproject.toml | $(STAMP)
	$(BIN)/pip install -q -e '.[dev]'
	touch $@

dist: $(DIST_STAMP)
	BIN=$(BIN) scripts/build_dist.sh

smoke: $(STAMP)
	@[ -x $(DIST_DIR)/honnin ] || { echo "no bundle in $(DIST_DIR): run make dist first" >&2; exit 2; }
	QT_QPA_PLATFORM=offscreen $(BIN)/python scripts/smoke_dist.py $(DIST_DIR)
