"""Placeholder until the counts extractor lands (this session)."""

from __future__ import annotations


def extract_counts(text: str) -> list:
    return []
