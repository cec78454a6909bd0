"""The article as it moves through the pipeline: parsed page or local text, before extraction."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass


@dataclass(slots=True)
class Article:
    text: str  # the body; every fact offset indexes into it
    title: str | None = None
    published: str | None = None  # ISO date YYYY-MM-DD
    source: str | None = None  # the 来源 line as printed on the page
    source_name: str | None = None  # the site definition it was crawled from
    url: str | None = None
    city: str | None = None
    encoding: str | None = None

    @property
    def content_hash(self) -> str:
        """Stable id of the body text; keys local files that have no URL."""
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()

    @property
    def key(self) -> str:
        """Primary key in the store: canonical URL, or content hash for local files."""
        return self.url or f"sha256:{self.content_hash}"
