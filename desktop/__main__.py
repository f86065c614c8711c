"""`python -m desktop` and `honnin-desk`: start the desktop application."""

from __future__ import annotations

import sys


def main() -> int:
    """Start the desktop app and return its exit status."""
    from desktop.ui.app import run

    return run(sys.argv)


if __name__ == "__main__":
    sys.exit(main())
