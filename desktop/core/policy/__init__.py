"""Verification policies: the model, the TOML reader and the engine that weighs a case."""

from __future__ import annotations

from desktop.core.policy.engine import (
    Check,
    DocumentUse,
    Evaluation,
    Reason,
    Requirement,
    Use,
    decide,
)
from desktop.core.policy.model import (
    Disposal,
    FeeKind,
    IdentityRule,
    Policy,
    PolicyError,
    RepresentativeKind,
)
from desktop.core.policy.parse import parse

__all__ = [
    "Check",
    "Disposal",
    "DocumentUse",
    "Evaluation",
    "FeeKind",
    "IdentityRule",
    "Policy",
    "PolicyError",
    "Reason",
    "RepresentativeKind",
    "Requirement",
    "Use",
    "decide",
    "parse",
]
