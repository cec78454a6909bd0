"""Pure functions from article text to typed facts. No I/O, no network, no database.

``extract`` is the one entry point; ``pipeline`` calls it and nothing deeper.
"""

from __future__ import annotations

from datetime import date

from extractors.amounts import extract_amounts
from extractors.cities import resolve_city
from extractors.counts import extract_counts
from extractors.facts import Facts
from extractors.growth import extract_growth
from extractors.leaders import extract_leaders
from extractors.organizations import extract_organizations
from extractors.periods import attach_periods, extract_period
from extractors.projects import extract_projects

# Bumped whenever a rule or dictionary change can change output; stored with every fact row.
EXTRACTOR_VERSION = "0.1.0"


def extract(text: str, published: date | None = None, city: str | None = None) -> Facts:
    """Extract every fact from one article body; offsets index into ``text``."""
    amounts = extract_amounts(text)
    counts = extract_counts(text)
    growth = extract_growth(text)
    attach_periods(text, published, amounts, counts, growth)
    organizations = extract_organizations(text)
    return Facts(
        period=extract_period(text, published),
        city=resolve_city(text, city),
        amounts=amounts,
        counts=counts,
        growth=growth,
        leaders=extract_leaders(text),
        projects=extract_projects(text, amounts, organizations),
        organizations=organizations,
    )


__all__ = ["EXTRACTOR_VERSION", "Facts", "extract"]
