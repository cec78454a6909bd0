"""Placeholder until the projects extractor lands (this session)."""

from __future__ import annotations


def extract_projects(text: str, amounts: list, organizations: list) -> list:
    return []
