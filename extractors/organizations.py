"""Placeholder until the organizations extractor lands (this session)."""

from __future__ import annotations


def extract_organizations(text: str) -> list:
    return []
