"""The `honnin` command line: a second face on the same services as the desktop app.

Each sub-module registers its commands with ``register(subparsers)``; ``main`` parses the
arguments, runs the command and turns expected failures into one line and an exit status
(contract: 0 done, 1 broken audit chain, 2 bad input, 3 refused).
"""

from __future__ import annotations

import argparse
import logging
import sys
from typing import TYPE_CHECKING, NoReturn

from desktop import __version__
from desktop.core.errors import InputError, RefusedError

if TYPE_CHECKING:
    from collections.abc import Sequence

EXIT_OK = 0
EXIT_BROKEN = 1
EXIT_BAD_INPUT = 2
EXIT_REFUSED = 3
EXIT_INTERNAL = 4


class _Parser(argparse.ArgumentParser):
    """An argument parser whose usage errors are one line and exit 2."""

    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_BAD_INPUT, f"{self.prog}: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    """Build the parser with every command of the contract."""
    from desktop.cli import commands

    parser = _Parser(prog="honnin", description="Honnin Desk command line (本人確認デスク)")
    parser.add_argument("--version", action="version", version=f"honnin {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)
    for module in commands.MODULES:
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; return its exit status."""
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        status: int = args.handler(args)
    except InputError as exc:
        print(f"honnin: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except RefusedError as exc:
        print(f"honnin: refused: {exc}", file=sys.stderr)
        return EXIT_REFUSED
    except KeyboardInterrupt:
        print("honnin: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # noqa: BLE001 - the contract forbids tracebacks; no data shown
        print(f"honnin: internal error ({type(exc).__name__}); please report it", file=sys.stderr)
        return EXIT_INTERNAL
    return status
