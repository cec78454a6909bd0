"""SQL views shared by the pandas comparison layer and the Datasette canned queries.

``headline_facts`` holds every whole-city candidate for a headline figure: amounts and counts with
a metric, a city and a period, no ``scope``, and (for amounts) not a project's own investment. Its
``period`` is canonical, so 1-3月 (2024M01-M03) lines up with 一季度 (2024Q1) in SQL as in pandas;
``period_as_written`` keeps the extractor's label. ``stated_yoy_pct`` is the year-on-year growth the
source writes right after the figure (到位资金189.33亿元、同比增长10.4%), when it does.

Defining the rule once here keeps `compare`, `export` and the dashboards from disagreeing.
"""

from __future__ import annotations

import sqlite_utils

HEADLINE_VIEW = "headline_facts"

# A run of months that is a quarter, a half or the year gets that label; a one-month run a month label.
_RUN_NAMES = {"0103": "Q1", "0406": "Q2", "0709": "Q3", "1012": "Q4", "0106": "H1", "0712": "H2"}


def _fold(column: str) -> str:
    """SQL expression: the canonical label of a period column (see pipeline/periods_math.py)."""
    months = f"substr({column}, 6, 2) || substr({column}, 10, 2)"
    year = f"substr({column}, 1, 4)"
    whens = " ".join(f"when '{run}' then {year} || '{name}'" for run, name in _RUN_NAMES.items())
    return (
        f"case when {column} glob '[0-9][0-9][0-9][0-9]M[0-9][0-9]-M[0-9][0-9]' then "
        f"case {months} {whens} when '0112' then {year} "
        f"else case when substr({column}, 6, 2) = substr({column}, 10, 2) "
        f"then {year} || '-' || substr({column}, 6, 2) else {column} end end "
        f"else {column} end"
    )


# The growth written right after a figure, with nothing numeric in between (、同比增长10.4%).
_STATED_YOY = (
    "(select g.value_pct from growth g where g.article_id = f.article_id and g.basis = '同比'"
    " and g.start >= f.[end] and g.start <= f.[end] + 12 and g.points is not 1"
    " and substr(a.text, f.[end] + 1, g.start - f.[end]) not glob '*[0-9]*' order by g.start limit 1)"
)


def _select(table: str) -> str:
    kind, money = ("amount", "f.currency, null as unit") if table == "amounts" else ("count", "null, f.unit")
    own_investment = (
        " and not exists (select 1 from projects p where p.article_id = f.article_id and p.investment = f.value)"
        if table == "amounts" else ""
    )
    return (
        f"select '{kind}' as kind, f.id as fact_id, f.city, {_fold('f.period')} as period,"
        f" f.period as period_as_written, f.metric, f.label, f.value, f.value_exact, {money}, f.approx,"
        f" {_STATED_YOY} as stated_yoy_pct, f.article_id, a.published, a.title, a.url, f.sentence, f.text,"
        f" f.start, f.[end] as [end]"
        f" from [{table}] f left join articles a on a.id = f.article_id"
        f" where f.metric is not null and f.city is not null and f.period is not null and f.scope is null"
        f"{own_investment}"
    )


VIEW_SQL = f"create view {HEADLINE_VIEW} as {_select('amounts')} union all {_select('counts')}"


def _current_sql(db: sqlite_utils.Database) -> str | None:
    row = db.execute("select sql from sqlite_master where type = 'view' and name = ?", [HEADLINE_VIEW]).fetchone()
    return row[0] if row else None


def create_views(db: sqlite_utils.Database) -> None:
    """Create the views, replacing one whose definition changed since the database was made.

    Checked again under a write lock: two processes opening one new database at once both see no
    view, and Python's sqlite3 opens no transaction around DDL by itself, so without the lock the
    second one's create fails with "view already exists".
    """
    if _current_sql(db) == VIEW_SQL:
        return
    conn = db.conn
    conn.execute("begin immediate")
    try:
        if _current_sql(db) != VIEW_SQL:
            conn.execute(f"drop view if exists {HEADLINE_VIEW}")
            conn.execute(VIEW_SQL)
    except BaseException:
        conn.execute("rollback")
        raise
    conn.execute("commit")
