"""The README matches the code: Quick start, every command, every setting, exit codes."""

from __future__ import annotations

import re
from dataclasses import fields

from coopkg.cli import COMMANDS, make_parser
from coopkg.settings import SETTINGS, Settings

from .conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_quick_start_has_exactly_two_commands() -> None:
    section = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    block = re.search(r"```sh\n(.*?)```", section, re.S)
    assert block is not None
    commands = [line for line in block.group(1).splitlines() if line.strip()]
    assert len(commands) == 2
    assert commands[0].startswith("./scripts/start") and commands[1].startswith("./scripts/test")


def test_ci_runs_the_readme_test_command() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "scripts/test" in ci


def test_every_command_is_documented() -> None:
    for name in COMMANDS:
        assert f"`coopkg {name}" in README, name


def test_every_setting_is_documented_with_its_variable_and_is_a_settings_field() -> None:
    names = {f.name for f in fields(Settings)}
    for setting in SETTINGS:
        assert setting.name in names
        assert f"`{setting.env}`" in README and f"`{setting.option}`" in README, setting.name


def test_every_setting_reaches_the_cli() -> None:
    parser = make_parser()
    help_text = "\n".join(
        a.format_help() for a in parser._subparsers._group_actions[0].choices.values()
    )  # type: ignore[union-attr]
    for setting in SETTINGS:
        assert setting.option in help_text, setting.option


def test_exit_codes_are_documented() -> None:
    for code in ("**0**", "**1**", "**2**", "**3**"):
        assert code in README


def test_every_data_folder_has_a_readme() -> None:
    for folder in ("sources", "records", "rdf", "registries"):
        assert (ROOT / "data" / folder / "README.md").is_file(), folder
