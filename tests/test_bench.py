"""The benchmark's generated projects are valid bulletin projects (timings stay in bench/)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

from helpers import ROOT


def _generator() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_generate", ROOT / "bench" / "generate.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up while being created
    spec.loader.exec_module(module)
    return module


def test_generated_project_checks_and_builds_every_entry(tmp_path: Path, run) -> None:  # type: ignore[no-untyped-def]
    generate = _generator()
    generate.write(tmp_path / "bench", 50, seed=1)
    project = tmp_path / "bench" / "project"

    code, out, err = run(project, "check")
    assert code == 0, out + err
    assert "检查通过：10 个文件，50 条条目。" in out

    code, out, err = run(project, "build", generate.WEEK, "--format", "md")
    assert code == 0, out + err
    assert "50 条条目" in out
    fragments = list((tmp_path / "bench" / "towncrier" / "newsfragments").glob("*.feature.md"))
    assert len(fragments) == 50
