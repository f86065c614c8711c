"""The demo store: a fresh encrypted store filled with invented cases and masked scans.

Everything in it is synthetic: invented names and addresses, identity cards drawn here with
Pillow whose sensitive regions are burned in black before they reach the store. The store is
a normal encrypted store in a new folder under ``<data dir>/demo/``; the app removes the
folder when the demo ends.
"""

from __future__ import annotations

import io
import logging
import secrets
import shutil
from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING

from desktop.core.case import Holder
from desktop.core.cases import Role
from desktop.core.documents import DocumentType, FieldName, SensitiveKind
from desktop.core.errors import HonninError
from desktop.services import accounts, documents, intake, letters, review, workspace
from desktop.services.admin import CompanySender, set_company_sender
from desktop.services.documents import MaskedPage
from desktop.services.letters import DeliveryChannel
from desktop.services.ports import MaskOrigin, RegionRecord
from desktop.services.review import ResponseKind
from desktop.services.session import system_clock

if TYPE_CHECKING:
    from collections.abc import Callable
    from datetime import datetime
    from pathlib import Path

    from desktop.services.ports import StoreOpener
    from desktop.services.session import Session
    from desktop.services.workspace import FilePolicies

log = logging.getLogger(__name__)

ADMIN, OPERATOR, SUPERVISOR = "kanri", "sagyou", "kantoku"
PASSWORD = "demo-desk-2026"
"""The demo accounts' password (the store holds invented data only)."""
CASES = 30
DEMO_POLICY = "leverages"
"""A built-in policy with a deadline (14 business days), so the list shows due dates."""
PEOPLE = (
    ("架空 花子", "1985-04-12", "東京都千代田区見本町1-2-3"),
    ("仮名 太郎", "1979-11-03", "大阪府大阪市北区試験通4-5-6"),
    ("見本 一郎", "1992-07-21", "愛知県名古屋市中区模擬町7-8"),
    ("試験 さくら", "2001-02-14", "福岡県福岡市中央区架空1-1-1"),
    ("模擬 翼", "1968-09-30", "北海道札幌市北区仮名通2-3-4"),
    ("例示 美咲", "1995-12-01", "神奈川県横浜市西区見本台5-6-7"),
)
REQUEST_MIX = (
    ["disclosure"],
    ["disclosure", "correction"],
    ["cessation_of_use"],
    ["purpose_notification"],
    ["provision_records"],
)
CHANNELS = ("post", "email", "web_form", "counter")
STATES = (
    "intake",
    "intake",
    "scanned",
    "in_review",
    "in_review",
    "returned",
    "approved",
    "rejected",
    "closed",
)
SCANS = 10
"""How many cases get a masked card (drawing and storing a page takes ~0.1 s)."""
LETTERS = 4
"""How many decided cases get their letter (rendering one takes ~0.2 s)."""
SENDER = CompanySender(
    name="架空商事株式会社 個人情報お問い合わせ窓口",
    address="〒100-0000 東京都千代田区見本町9-9-9",
    contact="電話 03-0000-0000（平日9時〜17時）",
)
"""An invented company: the letters' sender."""


@dataclass(frozen=True, slots=True)
class DemoStore:
    """The demo store's folder, opener and the operator's session."""

    folder: Path
    opener: StoreOpener
    policies: FilePolicies
    session: Session

    def remove(self) -> None:
        """Close the store and delete its folder (the demo is over)."""
        self.session.store.close()
        shutil.rmtree(self.folder, ignore_errors=True)


def new_demo_folder(root: Path) -> Path:
    """A new, empty folder under ``root/demo`` for one demo store."""
    folder = root / "demo" / f"store-{secrets.token_hex(4)}"
    folder.mkdir(parents=True)
    return folder


def create_demo_store(
    root: Path,
    *,
    now: Callable[[], datetime] = system_clock,
    opener_for: Callable[[Path], StoreOpener] = workspace.opener,
) -> DemoStore:
    """Create and fill a demo store under ``root/demo``; return it open as the operator.

    Args:
        root: the user's data folder (or ``--data-dir``).
        now: the clock.
        opener_for: builds the store's opener for a folder (tests: cheap key derivation).
    """
    folder = new_demo_folder(root)
    policies = workspace.FilePolicies()
    opener = opener_for(folder)
    admin, _key = accounts.initialise(
        opener, policies, admin=ADMIN, password=PASSWORD, policy=DEMO_POLICY, now=now
    )
    accounts.add_user(admin, OPERATOR, Role.OPERATOR, PASSWORD)
    accounts.add_user(admin, SUPERVISOR, Role.SUPERVISOR, PASSWORD)
    set_company_sender(admin, SENDER)
    admin.store.close()
    operator = accounts.unlock(opener, policies, user=OPERATOR, password=PASSWORD, now=now)
    supervisor = accounts.unlock(opener, policies, user=SUPERVISOR, password=PASSWORD, now=now)
    try:
        fill(operator, supervisor)
    finally:
        supervisor.store.close()
    return DemoStore(folder, opener, policies, operator)


def fill(operator: Session, supervisor: Session, count: int = CASES) -> None:
    """Open ``count`` invented cases in various states; some with a masked card."""
    today = operator.today()
    scans = 0
    written = 0
    for i in range(count):
        name, birth, address = PEOPLE[i % len(PEOPLE)]
        received = today - timedelta(days=(i * 7) % 40)
        request = {
            "received_on": received.isoformat(),
            "channel": CHANNELS[i % len(CHANNELS)],
            "request_types": REQUEST_MIX[i % len(REQUEST_MIX)],
            "requester": "principal",
            "principal": {"name": name, "birth_date": birth, "address": address},
        }
        state = STATES[i % len(STATES)]
        try:
            case = intake.open_case(operator, request, "demo")
            if state not in ("intake", "closed") and scans < SCANS:
                page = masked_card(name, birth, address, seed=i)
                documents.add_page(operator, case.case_id, page, holder=Holder.PRINCIPAL)
                scans += 1
            review.evaluate(operator, case.case_id)
            if state in ("in_review", "returned", "approved", "rejected", "closed"):
                review.submit(operator, case.case_id)
            if state == "returned":
                review.return_case(
                    supervisor, case.case_id, "本人確認書類の写しをもう一点お送りください。"
                )
            elif state in ("approved", "closed"):
                review.approve(supervisor, case.case_id, "デモ: 確認済み")
                if written < LETTERS:
                    letter_id, _pdf = letters.create_letter(
                        supervisor, case.case_id, ResponseKind.DISCLOSURE_NOTICE
                    )
                    written += 1
                    if state == "closed":
                        letters.record_delivery(supervisor, letter_id, DeliveryChannel.POST, today)
                if state == "closed":
                    review.close(supervisor, case.case_id)
            elif state == "rejected":
                grounds = list(
                    supervisor.policies.refusal_grounds(review.policy_in_force(supervisor))
                )
                if grounds:
                    review.reject(supervisor, case.case_id, grounds[0])
        except HonninError as exc:
            # The demo shows what the services allow; a refused step leaves the case earlier.
            log.info("demo case %d stopped at %s (%s)", i, state, type(exc).__name__)
    log.info("demo store filled: %d cases, %d scans, %d letters", count, scans, written)


def masked_card(name: str, birth: str, address: str, *, seed: int = 0) -> MaskedPage:
    """An invented driver's-licence-like card with its 本籍 line burned in black."""
    from PIL import Image, ImageDraw, ImageFont

    width, height = 1012, 638
    image = Image.new("RGB", (width, height), (236, 244, 236))
    draw = ImageDraw.Draw(image)

    def font(size: int) -> ImageFont.FreeTypeFont | ImageFont.ImageFont:
        try:
            return ImageFont.truetype("NotoSansCJK-Regular.ttc", size)
        except OSError:  # no CJK font installed: the demo still works, less pretty
            return ImageFont.load_default(size)

    draw.rounded_rectangle((8, 8, width - 9, height - 9), 28, outline=(60, 110, 60), width=5)
    draw.rectangle((8, 90, width - 9, 96), fill=(90, 150, 90))
    draw.text((40, 28), "見本 運転免許証 (デモ)", fill=(30, 70, 30), font=font(40))
    rows = (
        ("氏名", name),
        ("生年月日", birth),
        ("住所", address),
        ("本籍", "デモ県デモ市見本町一丁目"),
        ("交付", (date(2024, 4, 1) + timedelta(days=seed)).isoformat()),
        ("番号", f"第 {100000000000 + seed * 7919:012d} 号"),
    )
    y = 120
    boxes: list[tuple[int, int, int, int]] = []
    for label, value in rows:
        draw.text((40, y), label, fill=(40, 40, 40), font=font(30))
        draw.text((190, y), value, fill=(10, 10, 10), font=font(30))
        if label == "本籍":
            boxes.append((180, y - 4, 560, 46))
        y += 70
    draw.rectangle((730, 130, 960, 420), fill=(200, 210, 220), outline=(120, 120, 120), width=2)
    draw.ellipse((790, 170, 900, 280), fill=(150, 160, 175))
    draw.rectangle((770, 290, 920, 410), fill=(150, 160, 175))
    for x, yy, w, h in boxes:
        draw.rectangle((x, yy, x + w - 1, yy + h - 1), fill=(0, 0, 0))
    out = io.BytesIO()
    image.save(out, format="PNG")
    return MaskedPage(
        image=out.getvalue(),
        width=width,
        height=height,
        document_type=DocumentType.DRIVERS_LICENSE,
        fields={
            FieldName.NAME.value: name,
            FieldName.BIRTH_DATE.value: birth,
            FieldName.ADDRESS.value: address,
        },
        regions=tuple(
            RegionRecord(SensitiveKind.PERMANENT_DOMICILE.value, box, MaskOrigin.AUTOMATIC)
            for box in boxes
        ),
    )
