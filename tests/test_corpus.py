"""The corpus of hostile and broken inputs (tests/corpus/): each case through the real CLI.

A case is a folder holding files at their place in a project, laid over a project whose
week 2022-W47 was built once (the last good bulletin), and ``expected.txt``:

    # what the case is (comment lines)
    check 0                       # exit codes, when not 1
    build 2
    link entries/2022-W47/a.yaml -> secret.yaml    # a symbolic link to a file outside
    E-code path:line:column       # every error both commands must print, and no other

``bulletin.toml.append`` is added to the project's config. Outside the project lie
``secret.yaml`` and ``secret.png`` (holding ``CANARY``) and ``pipe``, a named pipe: opening
it would hang the command past its timeout. Each command must exit as expected, within the
timeout and a memory limit, print no traceback and never the canary, and leave the last
good bulletin exactly as it was.
"""

from __future__ import annotations

import io
import os
import re
import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from PIL import Image, PngImagePlugin

from bulletin.build import build
from bulletin.config import load_project
from helpers import MINIMAL_TOML, ROOT, snapshot, write_project

CORPUS = Path(__file__).parent / "corpus"
CASES = sorted(path.name for path in CORPUS.iterdir() if path.is_dir())
CANARY = "CANARY-d41c-outside-the-project"
TIMEOUT_SECONDS = 20  # a bomb that went off would take minutes or run out of memory
MEMORY_BYTES = 1 << 30
GOOD_ENTRY = (
    "category: visits\ndate: 2022-11-21\nbody: 社工入户走访三户困难老人，了解他们的生活需要。\n"
)
ERROR_LINE = re.compile(r"^(?P<where>\S+:\d+:\d+): error: .* \[(?P<code>E-[\w-]+)\]$", re.MULTILINE)
COMMANDS = {"check": ["check"], "build": ["build", "2022-W47"]}


@dataclass
class Case:
    errors: set[str]  # "E-code path:line:column"
    exit_codes: dict[str, int] = field(default_factory=lambda: dict.fromkeys(COMMANDS, 1))
    links: dict[str, str] = field(default_factory=dict)


def read_case(folder: Path) -> Case:
    case = Case(set())
    for line in (folder / "expected.txt").read_text(encoding="utf-8").splitlines():
        command, _, rest = line.partition(" ")
        if not line or line.startswith("#"):
            continue
        if command in COMMANDS:
            case.exit_codes[command] = int(rest)
        elif command == "link":
            source, target = rest.split(" -> ")
            case.links[source] = target
        else:
            case.errors.add(line)
    return case


@pytest.fixture(scope="module")
def last_good(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = write_project(
        tmp_path_factory.mktemp("good") / "project",
        MINIMAL_TOML,
        {"entries/2022-W47/good.yaml": GOOD_ENTRY},
    )
    build(load_project(project), "2022-W47")
    return project


def outside_files(folder: Path) -> None:
    folder.mkdir()
    (folder / "secret.yaml").write_text(GOOD_ENTRY.replace("社工", CANARY), encoding="utf-8")
    text = PngImagePlugin.PngInfo()
    text.add_text("Comment", CANARY)
    picture = io.BytesIO()
    Image.new("RGB", (16, 16), (200, 30, 30)).save(picture, "PNG", pnginfo=text)
    (folder / "secret.png").write_bytes(picture.getvalue())
    os.mkfifo(folder / "pipe")


def limited_memory() -> None:
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_BYTES, MEMORY_BYTES))


def test_the_corpus_covers_every_class_the_readme_counts() -> None:
    classes = {
        line.removeprefix("# class: ")
        for name in CASES
        for line in (CORPUS / name / "expected.txt").read_text(encoding="utf-8").splitlines()
        if line.startswith("# class: ")
    }
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert f"{len(CASES)} cases" in readme and f"{len(classes)} classes" in readme


@pytest.mark.skipif(sys.platform == "win32", reason="links, named pipes and rlimits")
@pytest.mark.parametrize("name", CASES)
def test_a_bad_input_gets_its_error_and_changes_nothing(
    name: str, last_good: Path, tmp_path: Path
) -> None:
    case = read_case(CORPUS / name)
    project = tmp_path / "project"
    shutil.copytree(last_good, project)
    outside_files(tmp_path / "outside")
    for path in (CORPUS / name).rglob("*"):
        relative = path.relative_to(CORPUS / name).as_posix()
        if path.is_dir() or relative == "expected.txt":
            continue
        if relative == "bulletin.toml.append":
            with (project / "bulletin.toml").open("a", encoding="utf-8") as config:
                config.write(path.read_text(encoding="utf-8"))
            continue
        (project / relative).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, project / relative)
    for source, target in case.links.items():
        (project / source).symlink_to(tmp_path / "outside" / target)
    before = snapshot(project / "build")

    running = {
        command: subprocess.Popen(
            [sys.executable, "-m", "bulletin", "-C", str(project), *arguments],
            cwd=project,  # paths printed from the project root, as the expectations are
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            preexec_fn=limited_memory,
        )
        for command, arguments in COMMANDS.items()
    }
    for command, process in running.items():
        try:
            out, err = process.communicate(timeout=TIMEOUT_SECONDS)
        except subprocess.TimeoutExpired:
            process.kill()
            pytest.fail(f"{command} ran past {TIMEOUT_SECONDS} s")
        printed = out + err
        assert process.returncode == case.exit_codes[command], printed
        assert "Traceback" not in printed and CANARY not in printed, printed
        found = {f"{m['code']} {m['where']}" for m in ERROR_LINE.finditer(printed)}
        assert found == (case.errors if process.returncode else set()), printed

    assert snapshot(project / "build") == before
