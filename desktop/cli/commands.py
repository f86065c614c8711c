"""The list of command modules; each has ``register(subparsers)``."""

from __future__ import annotations

from typing import TYPE_CHECKING

from desktop.cli import check

if TYPE_CHECKING:
    from types import ModuleType

MODULES: tuple[ModuleType, ...] = (check,)
