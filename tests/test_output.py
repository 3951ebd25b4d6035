"""Never half-written: a build that fails at any step leaves the last good bulletin as it was."""

from __future__ import annotations

import errno
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from bulletin import write
from bulletin.build import build
from bulletin.config import load_project
from helpers import snapshot

WEEK = "build/2022-W47"


@pytest.fixture
def built(kaifeng: Path, run) -> Path:  # type: ignore[no-untyped-def]
    """The example project with week 47 built once (the last good bulletin)."""
    assert run(kaifeng, "build", "47")[0] == 0
    return kaifeng


def failing_after(calls: int, failure: BaseException):  # type: ignore[no-untyped-def]
    """A stand-in for ``Path.write_bytes`` that writes ``calls`` files, then raises."""
    real = Path.write_bytes
    done = []

    def write_bytes(self: Path, data: bytes) -> int:
        if len(done) >= calls:
            raise failure
        done.append(self)
        return real(self, data)

    return write_bytes


def test_a_full_disk_is_a_clear_error_and_the_last_bulletin_stays(
    built: Path, run, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    before = snapshot(built / "build")
    full = OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
    monkeypatch.setattr(Path, "write_bytes", failing_after(2, full))
    code, out, err = run(built, "build", "47")
    assert code == 1
    assert f"{WEEK}:1:1: error: 无法写入：磁盘空间已满。" in err
    assert "[E-write]" in err and "Traceback" not in out + err
    assert snapshot(built / "build") == before  # and nothing left aside


def test_ctrl_c_while_writing_leaves_the_last_bulletin_and_nothing_aside(
    built: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = snapshot(built / "build")
    monkeypatch.setattr(Path, "write_bytes", failing_after(3, KeyboardInterrupt()))
    with pytest.raises(KeyboardInterrupt):
        build(load_project(built), "47")
    assert snapshot(built / "build") == before


def test_ctrl_c_at_the_command_line_says_so_and_exits_130(
    built: Path, monkeypatch: pytest.MonkeyPatch, run
) -> None:  # type: ignore[no-untyped-def]
    before = snapshot(built / "build")
    monkeypatch.setattr(Path, "write_bytes", failing_after(3, KeyboardInterrupt()))
    code, out, err = run(built, "build", "47")
    assert code == 130 and "已中断" in err and "Traceback" not in out + err
    assert snapshot(built / "build") == before


def test_ctrl_c_between_the_two_renames_puts_the_old_folder_back(
    built: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where folders cannot be exchanged at once, the old one is renamed away first."""
    before = snapshot(built / "build")
    monkeypatch.setattr(write, "_exchange", lambda first, second: False)
    real_replace = os.replace
    renames: list[str] = []

    def replace(source: str | Path, target: str | Path) -> None:
        renames.append(str(target))
        if len(renames) == 2:  # the new folder is about to go in
            raise KeyboardInterrupt
        real_replace(source, target)

    monkeypatch.setattr(os, "replace", replace)
    with pytest.raises(KeyboardInterrupt):
        build(load_project(built), "47", formats=["md"])
    assert snapshot(built / "build") == before


@pytest.mark.skipif(sys.platform != "linux", reason="renameat2 is Linux's")
def test_on_linux_the_folder_is_exchanged_in_one_step(
    built: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def two_steps(staging: Path, target: Path) -> None:
        raise AssertionError("the week's folder went missing for a moment")

    monkeypatch.setattr(write, "_swap_in_two_steps", two_steps)
    build(load_project(built), "47", formats=["md"])
    assert sorted(path.name for path in (built / WEEK).iterdir()) == [
        "bulletin.md",
        "figures.json",
        "images",
    ]
    assert not [path for path in (built / "build").iterdir() if path.name.startswith(".")]


def test_what_a_killed_build_left_aside_is_removed_by_the_next(built: Path, run) -> None:  # type: ignore[no-untyped-def]
    (built / "build/.2022-W47.x1y2.tmp/images").mkdir(parents=True)
    (built / "build/.index.html.k3.tmp").write_text("half", encoding="utf-8")
    assert run(built, "build", "47")[0] == 0
    assert not [path for path in (built / "build").iterdir() if path.name.startswith(".")]


def test_two_builds_of_the_same_week_at_once_each_write_a_whole_bulletin(built: Path) -> None:
    expected = snapshot(built / "build")
    command = [sys.executable, "-m", "bulletin", "-C", str(built), "build", "47"]
    runs = [
        subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for _ in range(3)
    ]
    for process in runs:
        out, err = process.communicate(timeout=60)
        assert process.returncode == 0, out + err
    assert snapshot(built / "build") == expected


@pytest.mark.parametrize(
    ("name", "said"),
    [
        ("EACCES", "没有权限"),
        ("EPERM", "不允许这样做（没有权限）"),
        ("EROFS", "磁盘是只读的"),
        ("EDQUOT", "超出了磁盘配额"),
        ("ENAMETOOLONG", "文件名或路径太长"),
    ],
)
def test_the_systems_reason_for_a_failed_write_is_said_in_chinese(
    built: Path, run, monkeypatch: pytest.MonkeyPatch, name: str, said: str
) -> None:  # type: ignore[no-untyped-def]
    number = getattr(errno, name)
    before = snapshot(built / "build")
    monkeypatch.setattr(Path, "write_bytes", failing_after(0, OSError(number, os.strerror(number))))
    code, _, err = run(built, "build", "47", "-f", "md")
    assert code == 1 and f"{WEEK}:1:1: error: 无法写入：{said}。之前生成的文件保持不变。" in err
    assert os.strerror(number) not in err
    code, _, err = run(built, "--lang", "en", "build", "47", "-f", "md")
    assert code == 1 and f"error: Cannot write: {os.strerror(number)}. " in err
    assert snapshot(built / "build") == before


def test_an_output_folder_below_a_file_is_said_in_chinese(kaifeng: Path, run) -> None:  # type: ignore[no-untyped-def]
    """It said 无法写入：Not a directory."""
    code, _, err = run(kaifeng, "build", "47", "--out", "bulletin.toml/sub")
    assert code == 1
    assert "bulletin.toml/sub:1:1: error: 无法写入：路径里有一段是文件，不是文件夹。" in err


def test_a_schema_that_cannot_be_written_is_a_clear_error(tmp_path: Path, run) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "taken").write_text("a file, not a folder", encoding="utf-8")
    code, out, err = run(tmp_path, "schema", "--out", "taken/bulletin.schema.json")
    assert code == 1
    assert "taken/bulletin.schema.json:1:1: error: 无法写入" in err and "Traceback" not in out + err


@pytest.mark.parametrize("replace", [False, True])
def test_a_written_entry_is_on_disk_before_it_takes_its_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, replace: bool
) -> None:
    """``new`` and ``import`` write what may be the only copy of a report: after a power cut
    its name holds the whole text or is not there, never an empty file."""
    path = tmp_path / "entries" / "走访.yaml"
    if replace:
        path.parent.mkdir()
        path.write_text("body: 旧的正文。\n", encoding="utf-8")
    synced: list[tuple[str, str | None]] = []
    real_fsync = os.fsync

    def recording_fsync(handle: int) -> None:
        kind = "file" if stat.S_ISREG(os.fstat(handle).st_mode) else "folder"
        synced.append((kind, path.read_text(encoding="utf-8") if path.exists() else None))
        real_fsync(handle)

    monkeypatch.setattr(os, "fsync", recording_fsync)
    assert write.write_file(path, "body: 社工入户走访。\n", replace=replace)
    before = "body: 旧的正文。\n" if replace else None
    written = "body: 社工入户走访。\n"
    # A new entries/ folder is synced in its own folder too.
    folders = [("folder", written)] * (1 if replace else 2)
    assert synced == [("file", before), *folders]
