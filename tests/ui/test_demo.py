"""The demo store: invented cases in several states and masked cards, all in the store."""

from __future__ import annotations

import io
from typing import TYPE_CHECKING

from PIL import Image

from desktop.core.documents import SensitiveKind
from desktop.services import documents, intake
from desktop.store.db import StoreOpener
from desktop.ui import demo
from tests.ui.conftest import FAST_KDF

if TYPE_CHECKING:
    from pathlib import Path

    from tests.clock import Clock


def test_demo_store_is_filled_and_removed(tmp_path: Path, clock: Clock) -> None:
    folder_root = tmp_path / "data"

    def fast_opener(folder: Path) -> StoreOpener:
        return StoreOpener(folder, kdf=FAST_KDF)

    store = demo.create_demo_store(folder_root, now=clock, opener_for=fast_opener)
    try:
        cases = intake.list_cases(store.session)
        assert len(cases) == demo.CASES
        statuses = {c.status.value for c in cases}
        assert {"intake", "in_review", "returned", "approved", "rejected"} <= statuses
        pages = [
            (c.case_id, d)
            for c in cases
            for d in documents.list_documents(store.session, c.case_id)
        ]
        assert len(pages) == demo.SCANS
        case_id, record = pages[0]
        assert [r.kind for r in record.regions] == [SensitiveKind.PERMANENT_DOMICILE.value]
        png = documents.page_image(store.session, case_id, record.document_id)
        x, y, w, h = record.regions[0].box
        with Image.open(io.BytesIO(png)) as im:
            box = im.convert("L").crop((x, y, x + w, y + h))
            assert box.getextrema()[1] <= 16  # the 本籍 line is burned in black
    finally:
        store.remove()
    assert not store.folder.exists()
