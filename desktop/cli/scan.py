"""`honnin scan` and `honnin redact`: analyse pages, burn the sensitive regions in."""

from __future__ import annotations

import json
import os
import sys
from typing import TYPE_CHECKING, Any

from desktop.core.errors import InputError

if TYPE_CHECKING:
    import argparse

    from desktop.imaging.pipeline import PageAnalysis
    from desktop.imaging.types import Page

EXIT_OK = 0
EXIT_BAD_INPUT = 2


def register(sub: argparse._SubParsersAction[Any]) -> None:
    """Add the ``scan`` and ``redact`` commands."""
    scan = sub.add_parser(
        "scan",
        help="analyse identity documents: type, fields, regions to mask",
        description="Analyse every page of each FILE (image or PDF).",
    )
    scan.add_argument("files", nargs="+", metavar="FILE")
    scan.add_argument("--json", action="store_true", help="one JSON object per page (JSON Lines)")
    scan.set_defaults(handler=run_scan)

    redact = sub.add_parser(
        "redact",
        help="write a copy with every sensitive region burned in as solid black",
        description="Write OUT (PNG for an image, PDF for a PDF) with the masks burned in.",
    )
    redact.add_argument("file", metavar="FILE")
    redact.add_argument("--out", required=True, metavar="OUT")
    redact.add_argument("--json", action="store_true", help="one JSON object per page")
    redact.set_defaults(handler=run_redact)


def _read(path: str) -> tuple[bytes, str]:
    from desktop.imaging import decode

    if os.path.isdir(path):
        raise InputError(path, "is a folder, not a file")
    try:
        with open(path, "rb") as handle:
            data = handle.read(decode.MAX_BYTES + 1)
    except OSError as exc:
        raise InputError(path, f"cannot read: {exc.strerror or exc}") from None
    return data, decode.sniff(data) or ""


def _pages(path: str) -> tuple[list[Page], str]:
    from desktop.imaging import decode

    data, kind = _read(path)
    return decode.load_pages(data, path), kind


def _emit(obj: dict[str, Any], as_json: bool) -> None:
    if as_json:
        print(json.dumps(obj, ensure_ascii=False), flush=True)
        return
    head = (
        f"{obj['source']} page {obj['page']}: {obj['document_type']}"
        f" (confidence {obj['confidence']:.2f}, {obj['seconds']:.2f} s)"
    )
    print(head)
    for key, value in obj["fields"].items():
        print(f"  {key:<16}{value}")
    if obj.get("mrz"):
        mrz = obj["mrz"]
        state = "valid" if mrz.get("valid") else "check digits fail"
        print(f"  {'mrz':<16}{mrz.get('format')} ({state})")
    regions = obj.get("redacted", obj["sensitive_regions"])
    verb = "masked" if "redacted" in obj else "to mask"
    for region in regions:
        x, y, w, h = region["box"]
        print(f"  {verb:<16}{region['kind']} at x={x} y={y} w={w} h={h}")
    if not regions:
        print(f"  {verb:<16}nothing")
    sys.stdout.flush()


def _progress(done: int, total: int, name: str) -> None:
    if total > 1:
        print(f"[{done}/{total}] {name}", file=sys.stderr, flush=True)


def run_scan(args: argparse.Namespace) -> int:
    """``honnin scan FILE... [--json]``: one object per page; exit 2 if any file was bad."""
    from desktop.imaging.pipeline import analyse

    status = EXIT_OK
    files: list[str] = args.files
    for index, path in enumerate(files, start=1):
        _progress(index, len(files), path)
        try:
            pages, _kind = _pages(path)
            for page in pages:
                _emit(analyse(page).to_contract(), args.json)
        except InputError as exc:
            if len(files) == 1:
                raise
            # Keep going with the other files; the exit status still says one was bad.
            print(f"honnin: {exc}", file=sys.stderr, flush=True)
            status = EXIT_BAD_INPUT
    return status


def run_redact(args: argparse.Namespace) -> int:
    """``honnin redact FILE --out OUT``: burn every region in, verify, write OUT only."""
    from desktop.imaging import redact
    from desktop.imaging.pipeline import analyse

    pages, kind = _pages(args.file)
    is_pdf = kind == "PDF"
    if not is_pdf and len(pages) > 1:
        raise InputError(
            args.file, f"has {len(pages)} pages; a PNG holds one page (give a PDF instead)"
        )
    analyses: list[PageAnalysis] = []
    burned = []
    for page in pages:
        analysis = analyse(page)
        boxes = [r.box for r in analysis.sensitive_regions]
        burned.append(redact.redact(page.image, boxes, source=args.file, page=page.number))
        analyses.append(analysis)
    if is_pdf:
        data = redact.encode_pdf(burned, dpi=pages[0].dpi or 300)
    else:
        data = redact.encode_png(burned[0])
    try:
        with open(args.out, "wb") as handle:
            handle.write(data)
    except OSError as exc:
        raise InputError(args.out, f"cannot write: {exc.strerror or exc}") from None
    for analysis in analyses:
        obj = analysis.to_contract()
        obj["redacted"] = obj["sensitive_regions"]
        _emit(obj, args.json)
    return EXIT_OK
