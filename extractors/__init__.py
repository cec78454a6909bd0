"""Pure functions from article text to typed facts. No I/O, no network, no database.

``extract`` is the one entry point; ``pipeline`` calls it and nothing deeper.
"""

from __future__ import annotations

from datetime import date

from extractors.amounts import extract_amounts
from extractors.cities import own_names, resolve_city
from extractors.counts import extract_counts
from extractors.facts import Amount, Facts
from extractors.growth import extract_growth
from extractors.leaders import extract_leaders
from extractors.organizations import extract_organizations
from extractors.periods import attach_periods, extract_period
from extractors.projects import extract_projects
from extractors.script import restore_written, simplified

# Bumped whenever a rule or dictionary change can change output; stored with every fact row.
EXTRACTOR_VERSION = "0.4.0"


def extract(text: str, published: date | None = None, city: str | None = None) -> Facts:
    """Extract every fact from one article body; offsets index into ``text``, and names are
    as ``text`` writes them (traditional characters too: see ``extractors.script``)."""
    mapped = simplified(text)
    facts = _extract(mapped, published, city)
    if mapped is not text:
        restore_written(facts, text, mapped)
    return facts


def _extract(text: str, published: date | None, city: str | None) -> Facts:
    amounts = extract_amounts(text)
    counts = extract_counts(text)
    growth = extract_growth(text)
    period = extract_period(text, published)
    attach_periods(text, published, amounts, counts, growth, main=period)
    organizations = extract_organizations(text)
    city = resolve_city(text, city)
    _clear_own_city(amounts, city)
    return Facts(
        period=period,
        city=city,
        amounts=amounts,
        counts=counts,
        growth=growth,
        leaders=extract_leaders(text),
        projects=extract_projects(text, amounts, organizations),
        organizations=organizations,
    )


def _clear_own_city(amounts: list[Amount], city: str | None) -> None:
    """深圳GDP in a 深圳 article is the city's own figure: a scope naming the city is no scope."""
    own = own_names(city)
    for amount in amounts:
        if amount.scope in own:
            amount.scope = None


__all__ = ["EXTRACTOR_VERSION", "Facts", "extract"]
