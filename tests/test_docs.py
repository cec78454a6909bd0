"""Docs are tested: every command has help text and appears in README; the quick start is two lines."""

from __future__ import annotations

import re
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from pipeline.cli import main

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
CTX = click.Context(main)
COMMANDS = main.list_commands(CTX)


def command(name: str) -> click.Command:
    found = main.get_command(CTX, name)
    assert found is not None
    return found


def test_the_commands_the_design_asks_for_exist() -> None:
    assert {"extract", "ingest", "crawl", "compare", "export", "evaluate", "demo"} <= set(COMMANDS)


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_has_help_and_is_documented(name: str) -> None:
    cmd = command(name)
    assert cmd.help and len(cmd.help.strip()) > 20, f"{name} lacks help text"
    result = CliRunner().invoke(main, [name, "--help"])
    assert result.exit_code == 0 and "Usage:" in result.output
    assert f"zhaoshang {name}" in README, f"README does not document `zhaoshang {name}`"


def test_every_option_is_documented_in_readme() -> None:
    missing = []
    for name in COMMANDS:
        for param in command(name).params:
            if isinstance(param, click.Option) and param.opts[0] not in README:
                missing.append(f"{name} {param.opts[0]}")
    assert not missing, f"options missing from README: {missing}"


def test_quick_start_has_exactly_two_commands() -> None:
    section = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    block = re.search(r"```(?:bash|sh)?\n(.*?)```", section, re.S)
    assert block, "Quick start needs a code block"
    lines = [x for x in block.group(1).splitlines() if x.strip() and not x.strip().startswith("#")]
    assert len(lines) == 2
    assert "zhaoshang demo" in lines[0] and "pytest" in lines[1]


def test_main_help_lists_every_command() -> None:
    result = CliRunner().invoke(main, ["--help"])
    assert all(name in result.output for name in COMMANDS)
