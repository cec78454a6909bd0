"""Placeholder until the growth extractor lands (this session)."""

from __future__ import annotations


def extract_growth(text: str) -> list:
    return []
