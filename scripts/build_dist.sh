#!/usr/bin/env bash
# Build the one-folder bundle (build_installer.spec) and self-test it: the frozen desktop app
# runs --self-test with a throwaway data folder and must exit 0.
#
#   scripts/build_dist.sh            uses .venv/bin (BIN=... to choose another environment)
#
# Prints the build time and the bundle's size; the bundle is dist/honnin-desk-<version>/.
set -euo pipefail
cd "$(dirname "$0")/.."

BIN=${BIN:-.venv/bin}
version=$(sed -n 's/^__version__ = "\(.*\)"/\1/p' desktop/__init__.py)
bundle="dist/honnin-desk-${version}"

if [ ! -x "$BIN/pyinstaller" ]; then
	echo "build_dist: $BIN/pyinstaller missing (pip install -e '.[dev]')" >&2
	exit 2
fi

started=$(date +%s)
"$BIN/pyinstaller" --noconfirm --clean --log-level WARN \
	--distpath dist --workpath build/pyinstaller build_installer.spec
elapsed=$(($(date +%s) - started))
echo "build_dist: built $bundle in ${elapsed} s, $(du -sh "$bundle" | cut -f1)"

data=$(mktemp -d)
trap 'rm -rf "$data"' EXIT
QT_QPA_PLATFORM=offscreen "$bundle/honnin-desk" --self-test --data-dir "$data"
echo "build_dist: self-test passed"
