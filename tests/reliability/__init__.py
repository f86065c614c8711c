"""Reliability tests: the bad-input corpus and what every command answers to it."""
