"""Synthetic Japanese identity documents with their ground truth, for the scan pipeline's tests.

``generate(n, seed)`` returns pages (``Sample``: PIL image, document type, fields, every text
and sensitive box in page pixels); ``write_corpus(dir, n, seed)`` writes them as files with a
truth.jsonl for command-line tests.
"""

from tests.synth.corpus import LAYOUT_NAMES, generate, sample, write_corpus, write_pdf
from tests.synth.truth import Box, DocumentTruth, MrzTruth, Sample, SensitiveRegion, TextElement

__all__ = [
    "LAYOUT_NAMES",
    "Box",
    "DocumentTruth",
    "MrzTruth",
    "Sample",
    "SensitiveRegion",
    "TextElement",
    "generate",
    "sample",
    "write_corpus",
    "write_pdf",
]
