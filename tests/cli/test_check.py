"""`honnin check`, `honnin policies`, `honnin policy show`: output and bad input (exit 2)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from desktop.cli import main

POLICY_DIR = Path(__file__).resolve().parents[2] / "resources" / "policies"
BUILTINS = [
    "whi",
    "works-applications",
    "persol-cross-technology",
    "line-works",
    "leverages",
    "appi-default",
]


def principal_case(**overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "received_on": "2026-11-20",
        "request_types": ["disclosure"],
        "requester": "principal",
        "principal": {
            "name": "髙橋 一郎",
            "birth_date": "1985-04-12",
            "address": "東京都渋谷区渋谷二丁目24番12号",
        },
        "documents": [
            {
                "type": "drivers_license",
                "holder": "principal",
                "name": "高橋 一郎",
                "birth_date": "昭和60年4月12日",
                "address": "東京都渋谷区渋谷2-24-12",
                "expiry_date": "2029-05-12",
            }
        ],
    }
    data.update(overrides)
    return data


def write(tmp_path: Path, data: Any, name: str = "case.json") -> str:
    path = tmp_path / name
    text = data if isinstance(data, str) else json.dumps(data, ensure_ascii=False, indent=2)
    path.write_text(text, encoding="utf-8")
    return str(path)


def run_json(capsys: pytest.CaptureFixture[str], *argv: str) -> dict[str, Any]:
    assert main([*argv, "--json"]) == 0
    out = capsys.readouterr().out
    assert out.count("\n") == 1
    result: dict[str, Any] = json.loads(out)
    return result


@pytest.mark.parametrize(
    ("policy", "due_on"),
    [(name, "2026-12-11" if name == "leverages" else None) for name in BUILTINS],
)
def test_verified(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], policy: str, due_on: str | None
) -> None:
    out = run_json(capsys, "check", write(tmp_path, principal_case()), "--policy", policy)
    assert {k: out[k] for k in ("decision", "reasons", "due_on")} == {
        "decision": "verified",
        "reasons": [],
        "due_on": due_on,
    }
    assert out["used"] == [{"document": 0, "use": "identity", "person": "principal"}]


def test_more_documents_needed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = principal_case(
        documents=[
            {"type": "health_insurance_card", "holder": "principal", "name": "高橋 一郎"},
            {"type": "passport", "holder": "principal", "expiry_date": "2026-11-19"},
        ]
    )
    out = run_json(capsys, "check", write(tmp_path, data), "--policy", "whi")
    assert out["decision"] == "more_documents_needed"
    assert out["due_on"] is None
    assert [r["code"] for r in out["reasons"]] == ["photo_id_or_two_documents", "document_expired"]
    first, expired = out["reasons"]
    assert first["message"].startswith("The principal's identity is not proven.")
    assert "顔写真付きの書類" in first["message_ja"]
    assert expired["document"] == 1
    assert expired["message"] == "Document 2 (passport) had expired on the date received."
    assert expired["message_ja"].startswith("書類2（パスポート（旅券））は有効期限が切れています")


def test_rejected_with_deadline(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = principal_case()
    data["documents"][0]["birth_date"] = "1985-04-21"
    out = run_json(capsys, "check", write(tmp_path, data), "--policy", "leverages")
    assert (out["decision"], out["due_on"]) == ("rejected", "2026-12-11")
    assert [r["code"] for r in out["reasons"]] == ["birth_date_mismatch"]
    assert out["reasons"][0]["person"] == "principal"


def test_every_reason_has_both_sentences(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # a guardian of an adult ward sends the wrong things: most codes at once
    data = {
        "received_on": "2026-11-20",
        "request_types": ["disclosure"],
        "requester": "legal_representative",
        "principal": {"name": "高橋 正男", "birth_date": "1940-02-03", "address": "東京都世田谷区"},
        "representative": {"name": "鈴木 弁護", "address": "東京都千代田区丸の内1-1-1"},
        "documents": [
            {"type": "residence_certificate", "holder": "principal", "issued_on": "2026-01-05"},
            {"type": "health_insurance_card", "holder": "representative", "name": "鈴木 弁護"},
            {
                "type": "drivers_license",
                "holder": "representative",
                "name": "鈴木 弁護",
                "address": "東京都港区芝公園4-2-8",
            },
            {"type": "passport", "holder": "principal", "name": "高橋 正夫"},
        ],
    }
    out = run_json(capsys, "check", write(tmp_path, data), "--policy", "appi-default")
    assert out["decision"] == "rejected"
    codes = {r["code"] for r in out["reasons"]}
    assert codes >= {
        "authority_proof_missing",
        "document_not_accepted",
        "address_mismatch",
        "name_mismatch",
    }
    for reason in out["reasons"]:
        assert reason["message"]
        assert reason["message_ja"]
        assert "{" not in reason["message"] + reason["message_ja"]


def test_human_output(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = principal_case(documents=[])
    assert main(["check", write(tmp_path, data), "--policy", "leverages"]) == 0
    out = capsys.readouterr().out
    assert "判定: 書類の追加が必要 / decision: more_documents_needed" in out
    assert "[photo_id_or_two_documents] ご本人の本人確認書類が足りません。" in out
    assert "The principal's identity is not proven. One valid document of:" in out
    assert "回答期限 / due on: なし / none" in out
    assert main(["check", write(tmp_path, principal_case()), "--policy", "leverages"]) == 0
    assert "due on: 2026-12-11" in capsys.readouterr().out


def test_policy_file_by_path(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = (POLICY_DIR / "leverages.toml").read_text(encoding="utf-8")
    text = text.replace('name = "leverages"', 'name = "acme"').replace(
        "business_days = 14", "business_days = 5"
    )
    policy = write(tmp_path, text, "acme.toml")
    out = run_json(capsys, "check", write(tmp_path, principal_case()), "--policy", policy)
    assert out["due_on"] == "2026-11-30"
    assert out["policy"] == {"name": "acme", "version": "2024-07-10"}


def test_policies(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["policies"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert [line.split()[0] for line in lines] == BUILTINS
    assert main(["policies", "--json"]) == 0
    items = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [i["name"] for i in items] == BUILTINS
    assert items[4]["seed"] == "004_c4d62403b47428d8.txt"


def test_policy_show_leverages(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["policy", "show", "leverages"]) == 0
    out = capsys.readouterr().out
    for phrase in [
        "レバレジーズ株式会社",
        "■ ご本人が請求される場合",
        "次のいずれか1点が必要です：運転免許証、健康保険証（資格確認書）、マイナンバーカード",
        "法定代理人ご自身の本人確認書類の写し。次のいずれか1点が必要です：運転免許証、健康保険証",
        "ご本人が成年被後見人の場合（成年後見人）：登記事項証明書（成年後見）",
        "ご本人が被扶養者として記載されたもの",
        "委任状",
        "本籍地が記載されている場合は、その部分を黒く塗りつぶしてください。",
        "14営業日以内に回答いたします。",
        "手数料はいただきません。",
        "確認後ただちに適切な方法で廃棄いたします。",
    ]:
        assert phrase in out, phrase
    assert "発行日から" not in out  # leverages sets no age limit for certificates


@pytest.mark.parametrize("name", BUILTINS)
def test_policy_show_every_builtin(name: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["policy", "show", name]) == 0
    ja = capsys.readouterr().out
    assert "□ ご本人の本人確認書類の写し。" in ja
    assert main(["policy", "show", name, "--lang", "en"]) == 0
    en = capsys.readouterr().out
    assert "[ ] A copy of the principal's identity documents." in en
    if name in ("persol-cross-technology", "line-works", "appi-default"):
        assert "発行日から3か月以内" in ja
    if name == "line-works":
        assert "手数料をいただく場合があります" in ja


def _bad(capsys: pytest.CaptureFixture[str], *argv: str) -> str:
    assert main(list(argv)) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.count("\n") == 1
    assert "Traceback" not in captured.err
    return captured.err.strip()


def test_bad_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, '{\n  "received_on": "2026-11-20",\n  oops\n}')
    err = _bad(capsys, "check", path, "--policy", "whi")
    assert err.startswith(f"honnin: {path}:3: not valid JSON")


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            {"documents": [{"type": "library_card", "holder": "principal"}]},
            "documents[0].type: unknown document type 'library_card'",
        ),
        ({"received_on": None}, "received_on: missing field"),
        ({"received_on": "2026-02-30"}, "received_on: bad date"),
        ({"requester": "friend"}, "requester: unknown requester 'friend'"),
    ],
)
def test_bad_case(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], change: dict[str, Any], message: str
) -> None:
    path = write(tmp_path, principal_case(**change))
    err = _bad(capsys, "check", path, "--policy", "whi")
    assert err.startswith(f"honnin: {path}: {message}")


def test_missing_case_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = str(tmp_path / "nowhere.json")
    assert _bad(capsys, "check", path, "--policy", "whi").startswith(f"honnin: {path}: cannot read")


def test_unknown_policy(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    err = _bad(capsys, "check", write(tmp_path, principal_case()), "--policy", "acme")
    assert err.startswith("honnin: acme: unknown policy")
    assert _bad(capsys, "policy", "show", "acme").startswith("honnin: acme: unknown policy")


def test_broken_policy_file_names_its_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    text = (POLICY_DIR / "whi.toml").read_text(encoding="utf-8")
    text = text.replace('    "pension_book",\n', '    "pension_book",\n    "library_card",\n', 1)
    line = text.splitlines().index('    "library_card",') + 1
    policy = write(tmp_path, text, "company.toml")
    err = _bad(capsys, "check", write(tmp_path, principal_case()), "--policy", policy)
    assert err == (
        f"honnin: {policy}:{line}: principal.documents: unknown document type 'library_card'"
    )


def test_installed_command(tmp_path: Path) -> None:
    honnin = Path(sys.executable).parent / "honnin"
    if not honnin.exists():
        pytest.skip("the honnin entry point is not installed in this environment")
    case = write(tmp_path, principal_case())
    done = subprocess.run(
        [str(honnin), "check", case, "--policy", "leverages", "--json"],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    assert (out["decision"], out["reasons"], out["due_on"]) == ("verified", [], "2026-12-11")
    bad = subprocess.run(
        [str(honnin), "check", case, "--policy", "nonesuch"],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert bad.returncode == 2
    assert bad.stderr.count("\n") == 1
    assert "Traceback" not in bad.stderr


COMPANY = """\
name = "acme"
version = "2027-01"
title_ja = "テスト商事株式会社 開示等のご請求"
title_en = "Test Trading — requests"
seed = "internal-rules.txt"

[principal]
rule = "photo_or_others"
others = 3
documents = ["passport", "drivers_license"]
cite = { section = "1" }

[legal_representative]
id_required = false
[legal_representative.authority]
minor = ["family_register"]
adult_ward = ["registered_matters_certificate"]
cite = { section = "2" }

[appointed_agent]
id_required = false
power_of_attorney = false
cite = { section = "3" }

[fee]
kind = "fixed"
amount_yen = 1100
cite = { section = "4" }

[disposal]
id_copies = "retention"
retention_days = 30
cite = { section = "5" }
"""


def test_company_policy_checklist(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    policy = write(tmp_path, COMPANY, "acme.toml")
    assert main(["policy", "show", policy]) == 0
    ja = capsys.readouterr().out
    assert "顔写真付きの書類（パスポート（旅券）、運転免許証）なら1点お送りください。" in ja
    assert "法定代理人ご自身" not in ja
    assert "委任状" not in ja
    assert "被扶養者" not in ja
    assert "手数料として1,100円をいただきます。" in ja
    assert "30日間保管したのち廃棄いたします。" in ja
    assert "応じられない" not in ja
    assert main(["policy", "show", policy, "--lang", "en"]) == 0
    en = capsys.readouterr().out
    assert "One photo ID (passport, driver's licence)." in en
    assert "A fee of 1,100 yen is charged." in en
    assert "destroyed after 30 days" in en


def test_other_reason_sentences(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = principal_case(
        requester="appointed_agent",
        representative={"name": "佐藤 次郎"},
        documents=[
            {"type": "family_register", "holder": "principal", "issued_on": "2026-01-05"},
            {"type": "pension_book", "holder": "principal", "birth_date": "1985-04-13"},
        ],
    )
    out = run_json(capsys, "check", write(tmp_path, data), "--policy", "line-works")
    by_code = {r["code"]: r for r in out["reasons"]}
    assert set(by_code) == {
        "photo_id_or_two_documents",
        "representative_id_missing",
        "power_of_attorney_missing",
        "certificate_too_old",
        "birth_date_mismatch",
    }
    assert by_code["certificate_too_old"]["message"] == (
        "Document 1 (family register) was issued more than 3 months before the date received."
    )
    assert "発行から3か月を超えています" in by_code["certificate_too_old"]["message_ja"]
    assert by_code["power_of_attorney_missing"]["message_ja"] == "委任状が必要です。"
    assert by_code["representative_id_missing"]["message"].startswith(
        "The representative's own identity is not proven. One photo ID or 2 other"
    )
    assert (
        "生年月日が、ご請求書のご本人の生年月日と一致しません"
        in (by_code["birth_date_mismatch"]["message_ja"])
    )


def test_files_that_are_no_case(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    big = tmp_path / "big.json"
    big.write_bytes(b" " * (1 << 20) + b"{}")
    assert "larger than" in _bad(capsys, "check", str(big), "--policy", "whi")
    latin = tmp_path / "latin.json"
    latin.write_bytes(b'{"received_on": "\xff"}')
    assert _bad(capsys, "check", str(latin), "--policy", "whi").endswith("not UTF-8 text")
