"""Options shared by many commands, written once (the sqlite-utils habit)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from pipeline.store import DEFAULT_DB, Store, StoreError

F = Callable[..., Any]


def db_option(func: F) -> F:
    return click.option(
        "--db",
        "db_path",
        type=click.Path(path_type=Path),
        default=DEFAULT_DB,
        show_default=True,
        help="SQLite database file.",
    )(func)


def silent_option(func: F) -> F:
    return click.option("--silent", is_flag=True, help="No progress bar or summary on stderr.")(func)


def open_store(path: Path, *, create: bool = True) -> Store:
    """Open the database or stop with a one-line error that says what to do."""
    if create and path == DEFAULT_DB:
        path.parent.mkdir(parents=True, exist_ok=True)
    try:
        return Store(path, create=create)
    except StoreError as err:
        raise click.ClickException(str(err)) from err


def echo_err(message: str, *, silent: bool = False) -> None:
    if not silent:
        click.echo(message, err=True)
