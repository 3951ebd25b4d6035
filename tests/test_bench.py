"""The benchmark's generated projects are valid bulletin projects (timings stay in bench/)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

from helpers import ROOT


def _bench_module(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(f"bench_{name}", ROOT / "bench" / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while being created
    spec.loader.exec_module(module)
    return module


def test_generated_project_checks_and_builds_every_entry(tmp_path: Path, run) -> None:  # type: ignore[no-untyped-def]
    """At the size the benchmark builds a WeChat article from, which must fit one."""
    size = _run_module().ARTICLE_ENTRIES
    generate = _bench_module("generate")
    generate.write(tmp_path / "bench", size, seed=1)
    project = tmp_path / "bench" / "project"

    code, out, err = run(project, "check")
    assert code == 0, out + err
    assert f"检查通过：{size // 5} 个文件，{size} 条条目。" in out

    for output in ("md", "wechat"):
        code, out, err = run(project, "build", generate.WEEK, "--format", output)
        assert code == 0, out + err
        assert f"{size} 条条目" in out
    fragments = list((tmp_path / "bench" / "towncrier" / "newsfragments").glob("*.feature.md"))
    assert len(fragments) == size


def test_runs_may_write_bytecode_as_an_installed_package_has_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Without it every measured run compiled bulletin's modules from source (30 ms)."""
    monkeypatch.setenv("PYTHONDONTWRITEBYTECODE", "1")
    assert "PYTHONDONTWRITEBYTECODE" not in _run_module().child_environment()


def _run_module() -> ModuleType:
    sys.path.insert(0, str(ROOT / "bench"))  # run.py imports generate.py as its neighbour
    try:
        return _bench_module("run")
    finally:
        sys.path.remove(str(ROOT / "bench"))


def test_the_edit_before_a_changed_run_changes_one_body_and_is_undone(
    tmp_path: Path,
    run,  # type: ignore[no-untyped-def]
) -> None:
    bench = _run_module()
    _bench_module("generate").write(tmp_path / "bench", 50, seed=1)
    project = tmp_path / "bench" / "project"
    files = sorted((project / "entries").rglob("*.yaml"))
    before = {path: path.read_text(encoding="utf-8") for path in files}
    edit = bench.EditedBody(project)
    edit()
    changed = [path for path in files if path.read_text(encoding="utf-8") != before[path]]
    assert len(changed) == 1
    assert "（补记）" in changed[0].read_text(encoding="utf-8")
    code, out, err = run(project, "check")
    assert (code, "检查通过：10 个文件，50 条条目。" in out) == (0, True), out + err
    edit()  # the next run finds it changed back
    assert {path: path.read_text(encoding="utf-8") for path in files} == before
    edit()
    edit.restore()
    assert {path: path.read_text(encoding="utf-8") for path in files} == before
