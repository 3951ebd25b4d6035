from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from bulletin.cli import app
from helpers import EXAMPLE


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--update-golden",
        action="store_true",
        help="Rewrite tests/golden/ from the current output instead of comparing.",
    )


@pytest.fixture(autouse=True)
def _isolated(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[None]:
    """No test sees the developer's language, build date, working directory or cache key."""
    for name in ("BULLETIN_LANG", "SOURCE_DATE_EPOCH", "CI"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("user-cache")))
    monkeypatch.chdir(tmp_path)
    yield


@pytest.fixture
def kaifeng(tmp_path: Path) -> Path:
    """A private copy of the example project."""
    target = tmp_path / "kaifeng"
    shutil.copytree(EXAMPLE, target, ignore=shutil.ignore_patterns("build", ".bulletin-cache"))
    return target


@pytest.fixture
def run(monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """Run the CLI in a folder: ``run(folder, "check")`` → (exit code, stdout, stderr)."""
    runner = CliRunner()

    def invoke(folder: Path, *args: str) -> tuple[int, str, str]:
        monkeypatch.chdir(folder)
        result = runner.invoke(app, list(args), catch_exceptions=False)
        return result.exit_code, result.stdout, result.stderr

    return invoke


CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    # This machine's network is closed: without these Chromium keeps trying to phone home.
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser():  # type: ignore[no-untyped-def]
    """The system's headless Chromium (``BULLETIN_CHROMIUM`` or /usr/bin/chromium).

    Without one, page tests are skipped on a developer's machine, but fail where
    ``BULLETIN_REQUIRE_BROWSER`` is set (``.ci/run`` sets it): CI must never skip them.
    """
    import os

    from playwright.sync_api import sync_playwright

    executable = os.environ.get("BULLETIN_CHROMIUM", "/usr/bin/chromium")
    if not Path(executable).exists():
        message = f"no Chromium at {executable}: apt-get install chromium, or set BULLETIN_CHROMIUM"
        if os.environ.get("BULLETIN_REQUIRE_BROWSER"):
            pytest.fail(message)
        pytest.skip(message)
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="session")
def artifacts() -> Path:
    """Screenshots and other files a CI run keeps: test-artifacts/ at the repository root."""
    from helpers import ROOT

    folder = ROOT / "test-artifacts"
    folder.mkdir(exist_ok=True)
    return folder
