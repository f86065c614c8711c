"""Policies and case files from disk: built-ins by name, company files by path, CASE.json."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop.core.case import case_from_json
from desktop.core.errors import InputError
from desktop.core.policy import decide, parse
from desktop.services.texts import Lang, reason_message

if TYPE_CHECKING:
    from desktop.core.case import Case
    from desktop.core.policy import Evaluation, Policy

BUILTIN_NAMES = (
    "whi",
    "works-applications",
    "persol-cross-technology",
    "line-works",
    "leverages",
    "appi-default",
)
"""The built-in policies, in the order they are listed."""

MAX_FILE_BYTES = 1 << 20
"""A case or policy file is a few kilobytes; anything past this is not one."""


def builtin_dir() -> Path:
    """The folder of the built-in policy files (beside the package, or in the frozen app)."""
    frozen = getattr(sys, "_MEIPASS", None)
    base = Path(frozen) if frozen else Path(__file__).resolve().parents[2]
    return base / "resources" / "policies"


def _read_text(path: Path, shown: str) -> str:
    try:
        with path.open("rb") as f:
            data = f.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        raise InputError(shown, f"cannot read: {exc.strerror or exc}") from None
    if len(data) > MAX_FILE_BYTES:
        raise InputError(shown, f"larger than {MAX_FILE_BYTES} bytes")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(shown, "not UTF-8 text") from None


def load_policy(name: str) -> Policy:
    """Read a built-in policy by name, or a company's policy file by path.

    Raises:
        InputError: no such built-in and no such file, or the file cannot be read.
        PolicyError: the file is no valid policy (names its line).
    """
    if name in BUILTIN_NAMES:
        path = builtin_dir() / f"{name}.toml"
        return parse(_read_text(path, f"{name}.toml"), f"{name}.toml")
    path = Path(name)
    if not path.is_file():
        known = ", ".join(BUILTIN_NAMES)
        raise InputError(name, f"unknown policy: neither a built-in ({known}) nor a file")
    text = _read_text(path, name)
    try:
        return parse(text, name)
    except RecursionError:  # thousands of nested tables exhaust the TOML reader
        raise InputError(name, "nested too deeply to be a policy") from None


def builtin_policies() -> list[Policy]:
    """Every built-in policy, in the order of ``BUILTIN_NAMES``."""
    return [load_policy(name) for name in BUILTIN_NAMES]


def read_json(path: str) -> Any:
    """Read a JSON file given on the command line (size-limited, UTF-8).

    Raises:
        InputError: unreadable, not UTF-8, not JSON (with its line), or nested too deeply.
    """
    text = _read_text(Path(path), path)
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(path, f"not valid JSON: {exc.msg}", line=exc.lineno) from None
    except RecursionError:  # thousands of nested arrays exhaust the JSON reader
        raise InputError(path, "nested too deeply to be a case file") from None


def read_case(path: str, *, documents_required: bool = True) -> Case:
    """Read a CASE.json file of the contract into the core model.

    Raises:
        InputError: unreadable file, invalid JSON (with its line), or a missing, unknown or
            ill-typed key (the message names the key path).
    """
    return case_from_json(read_json(path), path, documents_required=documents_required)


def evaluation_json(evaluation: Evaluation) -> dict[str, Any]:
    """The `check` output of the contract for one evaluation (plus explanatory keys)."""
    reasons = [
        {
            "code": r.code.value,
            "message": reason_message(r, Lang.EN),
            "message_ja": reason_message(r, Lang.JA),
            "person": None if r.person is None else r.person.value,
            "document": r.document,
            "params": dict(r.params),
        }
        for r in evaluation.reasons
    ]
    return {
        "decision": evaluation.decision.value,
        "reasons": reasons,
        "due_on": None if evaluation.due_on is None else evaluation.due_on.isoformat(),
        "used": [
            {
                "document": u.document,
                "use": u.use.value,
                "person": None if u.person is None else u.person.value,
            }
            for u in evaluation.used
        ],
        "checks": [
            {"requirement": c.requirement.value, "met": c.met, "documents": list(c.documents)}
            for c in evaluation.checks
        ],
        "representative_kind": (
            None if evaluation.representative_kind is None else evaluation.representative_kind.value
        ),
    }


def check_file(case_path: str, policy_name: str) -> tuple[Policy, Evaluation]:
    """Weigh the case in ``case_path`` against a policy (the `honnin check` use case)."""
    policy = load_policy(policy_name)
    case = read_case(case_path)
    return policy, decide(case, policy)
