"""Start-up: ``bulletin --help`` and ``bulletin check`` load only what they use, so that they
answer quickly. Each runs in a fresh interpreter: this one has loaded everything already."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

# What only build, publish, serve, import, stats and the other commands need.
OTHER_COMMANDS = (
    "jinja2",
    "markdown",
    "nh3",
    "http.client",
    "urllib.request",
    "bulletin.archive",
    "bulletin.build",
    "bulletin.importer",
    "bulletin.publish",
    "bulletin.render",
    "bulletin.schema",
    "bulletin.serve",
    "bulletin.sheets",
    "bulletin.stats",
    "bulletin.wechat",
    "bulletin.wechat_api",
)

_RUN = """
import json, sys
from bulletin.cli import main

sys.argv = ["bulletin", *sys.argv[1:]]
try:
    main()
except SystemExit:
    pass
print(json.dumps(sorted(sys.modules)))
"""


def loaded_by(*args: str) -> list[str]:
    """The modules a run of ``bulletin *args`` loaded; its own output is left out."""
    done = subprocess.run(
        [sys.executable, "-c", _RUN, *args], capture_output=True, text=True, check=True
    )
    modules: list[str] = json.loads(done.stdout.splitlines()[-1])
    return modules


def test_help_loads_no_validation_and_no_command() -> None:
    modules = loaded_by("--help")
    # bulletin.dates compiles a dozen patterns on import: 4 ms of every --help.
    unused = ("pydantic", "yaml", "PIL", "bulletin.config", "bulletin.check", "bulletin.dates")
    unused += OTHER_COMMANDS
    assert [name for name in unused if name in modules] == []


def test_check_loads_no_other_command(kaifeng: Path) -> None:
    modules = loaded_by("-C", str(kaifeng), "check", "--no-cache")
    assert "bulletin.checks" in modules
    assert [name for name in ("rich", *OTHER_COMMANDS) if name in modules] == []
