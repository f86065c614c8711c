"""The list of command modules; each has ``register(subparsers)``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from desktop.cli import check, scan, store_cmds

if TYPE_CHECKING:
    from types import ModuleType

MODULES: tuple[ModuleType, ...] = (scan, check, store_cmds)
