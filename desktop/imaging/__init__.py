"""Pixels: decode with limits, locate, OCR in memory, classify, read fields, find and burn masks."""
