"""Placeholder until the amounts extractor lands (this session)."""

from __future__ import annotations


def extract_amounts(text: str) -> list:
    return []
