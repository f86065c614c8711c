"""`honnin check`, `honnin policies` and `honnin policy show`: policies from the command line."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from desktop.services.policies import (
    BUILTIN_NAMES,
    builtin_policies,
    check_file,
    evaluation_json,
    load_policy,
)
from desktop.services.texts import Lang, checklist, reason_message

if TYPE_CHECKING:
    import argparse

_DECISION_JA = {
    "verified": "本人確認済み",
    "more_documents_needed": "書類の追加が必要",
    "rejected": "不一致あり（要確認）",
}


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Add the commands of this module to the `honnin` parser."""
    check = sub.add_parser("check", help="weigh a case's documents against a policy")
    check.add_argument("case", metavar="CASE.json", help="the request and its documents")
    check.add_argument(
        "--policy", required=True, metavar="NAME", help="a built-in policy or a policy file"
    )
    check.add_argument("--json", action="store_true", help="print the contract's JSON")
    check.set_defaults(handler=run_check)

    policies = sub.add_parser("policies", help="list the built-in policies")
    policies.add_argument("--json", action="store_true", help="print JSON")
    policies.set_defaults(handler=run_policies)

    policy = sub.add_parser("policy", help="show a policy")
    policy_sub = policy.add_subparsers(dest="policy_command", required=True)
    show = policy_sub.add_parser("show", help="what a requester must send, as a checklist")
    show.add_argument("name", metavar="NAME", help="a built-in policy or a policy file")
    show.add_argument(
        "--lang", choices=[lang.value for lang in Lang], default=Lang.JA.value, help="language"
    )
    show.set_defaults(handler=run_policy_show)


def run_check(args: argparse.Namespace) -> int:
    """`honnin check CASE.json --policy NAME [--json]`."""
    policy, evaluation = check_file(args.case, args.policy)
    if args.json:
        out = evaluation_json(evaluation)
        out["policy"] = {"name": policy.name, "version": policy.version}
        print(json.dumps(out, ensure_ascii=False))
        return 0
    decision = evaluation.decision.value
    print(f"判定: {_DECISION_JA[decision]} / decision: {decision}")
    for reason in evaluation.reasons:
        print(f"- [{reason.code.value}] {reason_message(reason, Lang.JA)}")
        print(f"  {reason_message(reason, Lang.EN)}")
    due = "なし / none" if evaluation.due_on is None else evaluation.due_on.isoformat()
    print(f"回答期限 / due on: {due}")
    print(f"ポリシー / policy: {policy.name} ({policy.version})")
    return 0


def run_policies(args: argparse.Namespace) -> int:
    """`honnin policies`: the built-in policies, one a line."""
    policies = builtin_policies()
    if args.json:
        for p in policies:
            print(
                json.dumps(
                    {
                        "name": p.name,
                        "version": p.version,
                        "title_ja": p.title_ja,
                        "title_en": p.title_en,
                        "seed": p.seed,
                    },
                    ensure_ascii=False,
                )
            )
        return 0
    width = max(len(n) for n in BUILTIN_NAMES)
    for p in policies:
        print(f"{p.name:<{width}}  {p.version:<12}  {p.title_ja}")
    return 0


def run_policy_show(args: argparse.Namespace) -> int:
    """`honnin policy show NAME`: the checklist of what a requester must send."""
    policy = load_policy(args.name)
    for line in checklist(policy, Lang(args.lang)):
        print(line)
    return 0
