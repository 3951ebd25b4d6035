"""The README's promises stay true: its two commands, and every command and option documented."""

from __future__ import annotations

import re

import typer.main

from bulletin.cli import app
from helpers import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")
FIRST_SCREEN = "\n".join(README.splitlines()[:25])
TEST_COMMAND = ".venv/bin/python -m pytest"


def test_first_screen_gives_the_build_and_test_commands() -> None:
    blocks = re.findall(r"```sh\n(.*?)\n```", FIRST_SCREEN, flags=re.S)
    assert len(blocks) >= 2
    assert "bulletin -C examples/kaifeng build week-47" in blocks[0]
    assert blocks[1].strip() == TEST_COMMAND


def test_ci_runs_exactly_the_readme_test_command() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert ci.rstrip().splitlines()[-1] == TEST_COMMAND


def test_every_command_and_option_is_documented() -> None:
    group = typer.main.get_command(app)
    commands = getattr(group, "commands", {})
    assert commands, "the CLI has no commands"
    for name, command in commands.items():
        assert f"`bulletin {name}" in README, f"command {name} is not in the README"
        for parameter in command.params:
            for option in parameter.opts:
                if option.startswith("--") and option != "--help":
                    assert f"`{option}" in README, f"{name} {option} is not in the README"
