"""Never half-written: a build that fails at any step leaves the last good bulletin as it was."""

from __future__ import annotations

import errno
import os
import stat
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import pytest

from bulletin import check, write
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


def foreign_site(site: Path) -> Path:
    """A folder a coordinator might name with --out: their own notes in a week's folder, and
    the site's own home page."""
    (site / "2022-W47").mkdir(parents=True)
    (site / "2022-W47/notes.txt").write_text("important\n", encoding="utf-8")
    (site / "index.html").write_text("<h1>首页</h1>\n", encoding="utf-8")
    return site


def test_a_build_never_replaces_or_deletes_what_it_did_not_write(
    kaifeng: Path, tmp_path: Path, run
) -> None:  # type: ignore[no-untyped-def]
    """It swapped the week's folder whole (notes.txt gone) and put the archive over the
    site's index.html, and exited 0."""
    site = foreign_site(tmp_path / "site")
    before = snapshot(site)
    code, out, err = run(kaifeng, "build", "47", "--out", str(site))
    assert code == 2 and out == ""
    assert f"{site}/2022-W47/notes.txt: error: 这个文件（或文件夹）不是 bulletin 生成的" in err
    assert f"{site}/index.html: error: 这个文件（或文件夹）不是 bulletin 生成的" in err
    assert err.count("[E-out-foreign]") == 2 and "换一个空文件夹" in err
    assert snapshot(site) == before
    assert run(kaifeng, "build", "--all", "--out", str(site))[0] == 2
    assert snapshot(site) == before


@pytest.mark.parametrize(
    "foreign",
    [
        "build/2022-W47/images/IMG_0001.jpg",  # a photo of one's own among the built ones
        "build/2022-W47/bulletin.docx",
        "build/2022-W47/drafts/",
        "build/index.json",  # not bulletin's archive: a site's own data
    ],
)
def test_a_built_folder_with_something_else_in_it_is_left_as_it_is(
    built: Path, run, foreign: str
) -> None:  # type: ignore[no-untyped-def]
    path = built / foreign
    if foreign.endswith("/"):
        path.mkdir()
    else:
        path.write_text('{"pages": []}\n', encoding="utf-8")
    before = snapshot(built / "build")
    code, _, err = run(built, "build", "47")
    assert code == 2 and f"{foreign.rstrip('/')}: error:" in err and "[E-out-foreign]" in err
    assert snapshot(built / "build") == before


@pytest.mark.parametrize("kind", ["link", "file"])
def test_a_week_folder_that_is_a_link_or_a_file_is_not_replaced(
    kaifeng: Path, tmp_path: Path, run, kind: str
) -> None:  # type: ignore[no-untyped-def]
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "bulletin.md").write_text("kept\n", encoding="utf-8")
    (kaifeng / "build").mkdir()
    week = kaifeng / WEEK
    if kind == "link":
        week.symlink_to(elsewhere)
    else:
        week.write_text("kept\n", encoding="utf-8")
    before = snapshot(tmp_path)
    code, _, err = run(kaifeng, "build", "--all")
    assert code == 2 and f"{WEEK}: error:" in err and "[E-out-foreign]" in err
    # The default build/ is the folder in use: not told to choose it.
    assert "请把它移到生成周报的文件夹以外" in err and "默认的 build/" not in err
    assert snapshot(tmp_path) == before


def test_what_builds_and_file_managers_leave_does_not_stop_a_rebuild(built: Path, run) -> None:  # type: ignore[no-untyped-def]
    assert run(built, "build", "47", "-f", "md", "-f", "html", "-f", "wechat")[0] == 0
    (built / WEEK / ".DS_Store").write_bytes(b"\0")
    (built / WEEK / "images/Thumbs.db").write_bytes(b"\0")
    assert run(built, "build", "47", "-f", "md")[0] == 0
    assert sorted(path.name for path in (built / WEEK).iterdir()) == [
        "bulletin.md",
        "figures.json",
        "images",
    ]


def test_a_first_build_into_an_empty_folder_works(kaifeng: Path, tmp_path: Path, run) -> None:  # type: ignore[no-untyped-def]
    (tmp_path / "site").mkdir()
    assert run(kaifeng, "build", "47", "--out", str(tmp_path / "site"))[0] == 0
    assert run(kaifeng, "build", "47", "--out", str(tmp_path / "site"))[0] == 0
    assert sorted(path.name for path in (tmp_path / "site").iterdir()) == [
        "2022-W47",
        "index.html",
        "index.json",
    ]


@pytest.mark.parametrize("out", [".", "..", "entries/.."])
def test_an_output_folder_that_holds_the_project_is_refused(kaifeng: Path, run, out: str) -> None:  # type: ignore[no-untyped-def]
    """``--out .`` dropped 2022-W47/, index.html and index.json among the project's files."""
    before = snapshot(kaifeng.parent)
    code, _, err = run(kaifeng, "build", "47", "--out", out)
    assert code == 2
    assert f"--out: error: 输出文件夹“{out}”包含了整个周报项目" in err and "[E-out-project]" in err
    assert snapshot(kaifeng.parent) == before


def change_an_entry(project: Path) -> None:
    entry = project / "entries/2022-W47/兰考县/惠安街道社工站.yaml"
    text = entry.read_text(encoding="utf-8")
    assert "title: 与长者谈心谈话" in text
    entry.write_text(
        text.replace("title: 与长者谈心谈话", "title: 雨中回访桂李寨村", 1), encoding="utf-8"
    )


def test_an_index_that_cannot_be_written_stops_the_week_too(
    built: Path, run, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    """The disk filled up while the index was written: the week's folder had been swapped in
    already, and the message said nothing was written."""
    change_an_entry(built)
    before = snapshot(built / "build")
    real_mkstemp = tempfile.mkstemp

    def mkstemp(*args: Any, prefix: str = "", **kwargs: Any) -> tuple[int, str]:
        if prefix.startswith(".index."):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        return real_mkstemp(*args, prefix=prefix, **kwargs)

    monkeypatch.setattr(tempfile, "mkstemp", mkstemp)
    code, _, err = run(built, "build", "47", "-f", "md")
    assert code == 1 and "build/index.json:1:1: error: 无法写入：磁盘空间已满。" in err
    assert err.endswith("有错误，未生成任何文件。\n")
    assert snapshot(built / "build") == before


@pytest.mark.parametrize("week", ["47", "--all"])
def test_an_index_that_fails_after_the_week_is_written_says_so(
    built: Path, run, monkeypatch: pytest.MonkeyPatch, week: str
) -> None:  # type: ignore[no-untyped-def]
    change_an_entry(built)
    index = (built / "build/index.json").read_bytes()
    real_replace = os.replace

    def replace(source: str | Path, target: str | Path) -> None:
        if Path(target).name == "index.json":
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        real_replace(source, target)

    monkeypatch.setattr(os, "replace", replace)
    code, _, err = run(built, "build", week, "-f", "md")
    assert code == 1 and "build/index.json:1:1: error: 无法写入：磁盘空间已满。" in err
    assert "只写入了 2022-W47 的周报，往期目录（index.html、index.json）没有全部更新。" in err
    assert "未生成任何文件" not in err
    assert "雨中回访桂李寨村" in (built / WEEK / "bulletin.md").read_text(encoding="utf-8")
    assert (built / "build/index.json").read_bytes() == index
    assert not [path for path in (built / "build").iterdir() if path.name.startswith(".")]


def test_an_index_that_is_a_folder_stops_the_build_before_it_writes(built: Path, run) -> None:  # type: ignore[no-untyped-def]
    """It wrote the week, then said 无法写入：Is a directory and 未生成任何文件."""
    (built / "build/index.html").unlink()
    (built / "build/index.html/keep").mkdir(parents=True)
    change_an_entry(built)
    before = snapshot(built / "build")
    code, _, err = run(built, "build", "47", "-f", "md")
    assert code == 2 and "build/index.html: error: 这个文件（或文件夹）不是 bulletin 生成的" in err
    assert snapshot(built / "build") == before


@pytest.mark.parametrize(("week", "protected"), [("47", WEEK), ("--all", f"{WEEK}/images")])
def test_a_read_only_week_is_not_replaced(
    built: Path, run, monkeypatch: pytest.MonkeyPatch, week: str, protected: str
) -> None:  # type: ignore[no-untyped-def]
    """Once swapped out, its files could not be removed: a hidden copy of the old week stayed
    beside the new one for good, and the build said nothing."""
    if os.geteuid() == 0:  # root may write anywhere: let the folder's mode count, as for a user
        real_access = os.access

        def access(path: Any, mode: int, **options: Any) -> bool:
            if mode & os.W_OK:
                return bool(os.stat(path).st_mode & stat.S_IWUSR)
            return real_access(path, mode, **options)

        monkeypatch.setattr(os, "access", access)
    change_an_entry(built)
    before = snapshot(built / "build")
    folder = built / protected
    folder.chmod(0o555)
    try:
        code, _, err = run(built, "build", week, "-f", "md")
        assert code == 1 and f"{WEEK}: error: 这个文件夹是只读的" in err
        assert f"chmod -R u+w {WEEK}" in err and "[E-write-protected]" in err
        assert err.endswith("有错误，未生成任何文件。\n")
        # From the folder above, with -C: named once from there (it was built/built/build/…).
        code, _, err = run(built.parent, "-C", built.name, "build", week, "-f", "md")
        assert code == 1 and err.startswith(f"{built.name}/{WEEK}: error:")
        assert snapshot(built / "build") == before
    finally:
        folder.chmod(0o755)
    assert run(built, "build", week, "-f", "md")[0] == 0
    assert "雨中回访桂李寨村" in (built / WEEK / "bulletin.md").read_text(encoding="utf-8")
    assert not [path for path in (built / "build").iterdir() if path.name.startswith(".")]


def test_ctrl_c_during_a_check_says_nothing_was_changed(
    kaifeng: Path, run, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    """A check writes no file of the user's: it said 正在写的文件没有写完就放弃了."""

    def interrupted(*arguments: Any, **options: Any) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(check, "check", interrupted)
    code, out, err = run(kaifeng, "check")
    assert (code, out) == (130, "")
    assert err == "已中断。这个命令不改动你的文件，什么也没有改变。\n"
    assert run(kaifeng, "--lang", "en", "check")[2] == (
        "Interrupted. This command changes none of your files: nothing was changed.\n"
    )


def test_ctrl_c_after_the_week_is_swapped_in_says_the_index_is_behind(
    built: Path, run, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    change_an_entry(built)
    real_replace = os.replace

    def replace(source: str | Path, target: str | Path) -> None:
        if Path(target).name == "index.json":
            raise KeyboardInterrupt
        real_replace(source, target)

    monkeypatch.setattr(os, "replace", replace)
    code, _, err = run(built, "build", "47", "-f", "md")
    assert code == 130 and "中断前已经写入了 2022-W47 的周报，往期目录" in err
    assert "雨中回访桂李寨村" in (built / WEEK / "bulletin.md").read_text(encoding="utf-8")
    assert not [path for path in (built / "build").iterdir() if path.name.startswith(".")]
