"""The real dependencies, built in one place: the SQLCipher store and the policy files."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from desktop.core.cases import Reason
from desktop.services import accounts
from desktop.services.paths import store_dir
from desktop.services.ports import PolicyOutcome, RetentionRules
from desktop.services.session import system_clock

if TYPE_CHECKING:
    from collections.abc import Callable, Mapping
    from datetime import datetime

    from desktop.core.policy import Policy
    from desktop.services.ports import StoreOpener
    from desktop.services.session import Session


class FilePolicies:
    """The ``PolicyEngine`` port over the built-in policies and companies' policy files."""

    def __init__(self) -> None:
        self._cache: dict[str, Policy] = {}

    def _load(self, name: str) -> Policy:
        if name not in self._cache:
            from desktop.services.policies import load_policy

            self._cache[name] = load_policy(name)
        return self._cache[name]

    def check_name(self, policy: str) -> str:
        """A built-in name as is; a file as its absolute path (the store outlives the cwd)."""
        from desktop.services.policies import BUILTIN_NAMES

        self._load(policy)
        if policy in BUILTIN_NAMES:
            return policy
        return str(Path(policy).resolve())

    def evaluate(self, policy: str, case: Mapping[str, Any], source: str) -> PolicyOutcome:
        """Weigh ``case`` with the policy engine; reasons carry their English sentences."""
        from desktop.core.case import case_from_json
        from desktop.core.policy import decide
        from desktop.services.texts import Lang, reason_message

        loaded = self._load(policy)
        evaluation = decide(case_from_json(dict(case), source), loaded)
        return PolicyOutcome(
            decision=evaluation.decision.value,
            reasons=tuple(
                Reason(r.code.value, reason_message(r, Lang.EN)) for r in evaluation.reasons
            ),
            due_on=evaluation.due_on,
            policy_name=loaded.name,
            policy_version=loaded.version,
            reasons_ja=tuple(reason_message(r, Lang.JA) for r in evaluation.reasons),
            title_ja=loaded.title_ja,
        )

    def retention(self, policy: str) -> RetentionRules:
        """The policy's ``[disposal]`` table (request forms: the store's setting)."""
        from desktop.core.policy import Disposal

        rule = self._load(policy).disposal
        if rule.id_copies is Disposal.AFTER_VERIFICATION:
            return RetentionRules(identity_after_decision=True)
        return RetentionRules(identity_after_decision=False, identity_days=rule.retention_days)

    def refusal_grounds(self, policy: str) -> Mapping[str, str]:
        """The policy's ``[[refusal_grounds]]``: code to Japanese sentence."""
        return {g.code: g.ja for g in self._load(policy).refusal_grounds}


def opener(directory: Path) -> StoreOpener:
    """The SQLCipher store in ``directory``."""
    from desktop.store.db import StoreOpener as SqlCipherOpener

    return SqlCipherOpener(directory)


def initialise(
    directory: str | Path | None,
    *,
    admin: str,
    password: str,
    policy: str = accounts.DEFAULT_POLICY,
    now: Callable[[], datetime] = system_clock,
) -> tuple[Session, str]:
    """Create the store in ``directory`` (default: the user-data folder); see ``accounts``."""
    folder = store_dir(directory)
    return accounts.initialise(
        opener(folder),
        FilePolicies(),
        admin=admin,
        password=password,
        policy=policy,
        now=now,
        source=str(directory) if directory is not None else str(folder),
    )


def unlock(
    directory: str | Path | None,
    *,
    user: str,
    password: str,
    now: Callable[[], datetime] = system_clock,
) -> Session:
    """Unlock the store in ``directory`` (default: the user-data folder) as ``user``."""
    return accounts.unlock(
        opener(store_dir(directory)), FilePolicies(), user=user, password=password, now=now
    )
