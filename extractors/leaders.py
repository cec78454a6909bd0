"""Placeholder until the leaders extractor lands (this session)."""

from __future__ import annotations


def extract_leaders(text: str) -> list:
    return []
