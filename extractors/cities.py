"""Placeholder until city resolution lands (this session)."""

from __future__ import annotations


def resolve_city(text: str, hint: str | None) -> str | None:
    return hint
