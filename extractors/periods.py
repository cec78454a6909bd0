"""Placeholder until the periods extractor lands (this session)."""

from __future__ import annotations

from datetime import date


def extract_period(text: str, published: date | None):
    return None


def attach_periods(text: str, published: date | None, *fact_lists: list) -> None:
    return None
