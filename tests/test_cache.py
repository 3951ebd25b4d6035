"""The cache (``.bulletin-cache/``): a run that uses it prints and writes, byte for byte, what a
run without it does, however the cache got there."""

from __future__ import annotations

import io
import os
import pickle
import shutil
from collections import Counter
from collections.abc import Callable, Iterator
from datetime import date
from pathlib import Path

import pytest

from bulletin import checks, render
from bulletin.cache import Cache
from bulletin.check import check
from bulletin.checks import duplicates
from bulletin.checks.context import CheckContext
from bulletin.config import load_project
from bulletin.diagnostics import Problem
from bulletin.model import Entry
from generated import CITIES, generate_city
from helpers import snapshot

CACHE = ".bulletin-cache"
TODAY = date(2022, 12, 1)


def outputs(project: Path, week: str, run, *options: str) -> dict[str, object]:  # type: ignore[no-untyped-def]
    """What ``check`` prints and what ``build`` prints and writes."""
    shutil.rmtree(project / "build", ignore_errors=True)
    check = run(project, "check", "--format", "json", *options)
    build = run(project, "build", week, "-f", "md", "-f", "html", "-f", "wechat", *options)
    return {"check": check, "build": build, "files": snapshot(project / "build")}


def change_one_file(project: Path) -> None:
    """One entry file takes the body of another: a new duplicate across files, new figures."""
    first, second = sorted((project / "entries").rglob("*.yaml"))[:2]
    second.write_text(
        second.read_text(encoding="utf-8") + "\n# 补充\n", encoding="utf-8"
    )  # the file changes, its entries do not
    text = first.read_text(encoding="utf-8")
    first.write_text(text.replace("社工", "社会工作者", 1), encoding="utf-8")


@pytest.mark.parametrize("kind", ["example", "generated"])
def test_a_cached_build_writes_the_same_bytes_as_a_cold_one(
    kind: str,
    kaifeng: Path,
    tmp_path: Path,
    run,
    monkeypatch: pytest.MonkeyPatch,  # type: ignore[no-untyped-def]
) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1669000000")
    if kind == "example":
        project, week = kaifeng, "2022-W47"
    else:
        project, week = generate_city(tmp_path / "city", CITIES[0]), CITIES[0].weeks[1]
    cold = outputs(project, week, run, "--no-cache")
    assert not (project / CACHE).exists()
    first = outputs(project, week, run)  # writes the cache
    assert (project / CACHE / ".gitignore").is_file()
    warm = outputs(project, week, run)  # takes everything from it
    assert first == cold and warm == cold
    change_one_file(project)
    changed_cold = outputs(project, week, run, "--no-cache")
    changed_warm = outputs(project, week, run)
    assert changed_warm == changed_cold
    assert changed_cold != cold


def test_a_damaged_or_foreign_cache_is_ignored_and_replaced(kaifeng: Path, run) -> None:  # type: ignore[no-untyped-def]
    cold = outputs(kaifeng, "2022-W47", run, "--no-cache")
    outputs(kaifeng, "2022-W47", run)
    cache_files = [path for path in (kaifeng / CACHE).iterdir() if path.name != ".gitignore"]
    assert cache_files
    marker = kaifeng / "ran"
    # A pickle that would run a command when loaded, as one committed into the repository could.
    hostile = pickle.dumps(_Command(f"touch {marker}"))
    damages = [b"", b"not a cache", b"bulletin-cache 1\n" + bytes(32) + hostile]
    for index, path in enumerate(cache_files):
        damage = damages[index % len(damages)]
        path.write_bytes(damage if damage else path.read_bytes()[: len(path.read_bytes()) // 2])
    damaged = {path: path.read_bytes() for path in cache_files}
    assert outputs(kaifeng, "2022-W47", run) == cold
    assert not marker.exists()
    assert [path.name for path in cache_files if path.read_bytes() == damaged[path]] == []
    assert outputs(kaifeng, "2022-W47", run) == cold


class _Command:
    def __init__(self, command: str) -> None:
        self.command = command

    def __reduce__(self) -> tuple[object, tuple[str]]:
        import os

        return os.system, (self.command,)


def test_a_photo_added_since_the_cache_changes_what_a_missing_photo_suggests(
    kaifeng: Path, run
) -> None:  # type: ignore[no-untyped-def]
    entry = kaifeng / "entries/2022-W47/尉氏县/照片测试.yaml"
    entry.write_text(
        "station: 小陈乡社工站\ncategory: visits\nimages: [photos/活动照片.png]\n"
        "body: 社工入户走访三户困难老人，了解他们的生活需要。\n",
        encoding="utf-8",
    )
    run(kaifeng, "check")  # writes the cache
    photos = kaifeng / "entries/2022-W47/尉氏县/photos"
    shutil.copy(next(photos.iterdir()), photos / "活动照片.PNG")
    cached = run(kaifeng, "check", "--format", "json")
    assert cached == run(kaifeng, "check", "--format", "json", "--no-cache")
    assert "photos/活动照片.PNG" in cached[1]


def test_after_a_file_is_added_only_its_entries_are_checked_and_converted(
    kaifeng: Path,
    run,  # type: ignore[no-untyped-def]
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The rules run over the new file's entry alone, its body alone is converted to HTML,
    and the duplicate search compares it without comparing the others again."""
    done: Counter[str] = Counter()

    def counted_rule(entry: Entry, context: CheckContext) -> Iterator[Problem]:
        done["checked"] += 1
        return iter(())

    def counted_converter() -> Callable[[str], str]:
        convert = real_converter()
        return lambda text: done.update(["converted"]) or convert(text)

    def counted_search(*arguments):  # type: ignore[no-untyped-def]
        done["searched"] += 1
        return real_search(*arguments)

    real_converter, real_search = render.page_body_converter, duplicates._first_alike
    monkeypatch.setattr(checks, "ENTRY_RULES", (*checks.ENTRY_RULES, counted_rule))
    monkeypatch.setattr(render, "page_body_converter", counted_converter)
    monkeypatch.setattr(duplicates, "_first_alike", counted_search)
    build = ("build", "2022-W47", "-f", "html")
    assert run(kaifeng, *build)[0] == 0
    entries = done["checked"]
    # The example repeats one body (the seed's repeated paragraph): converted once.
    assert entries > 20 and done["converted"] == entries - 1 and done["searched"] > 0
    done.clear()
    (kaifeng / "entries/2022-W47/新增.yaml").write_text(
        "station: 小陈乡社工站\ncategory: visits\n"
        "body: 社工到小陈乡敬老院看望五保老人，送去冬衣和米面油。\n",
        encoding="utf-8",
    )
    assert run(kaifeng, *build)[0] == 0
    assert done == {"checked": 1, "converted": 1, "searched": 1}


def test_an_entry_made_valid_by_a_photo_added_since_is_checked_as_without_a_cache(
    kaifeng: Path,
    run,  # type: ignore[no-untyped-def]
) -> None:
    """The file is unchanged, but one more of its entries is valid: what the cache kept of
    the file's entries no longer lines up with them."""
    repeated = "社工到小陈乡敬老院看望五保老人，送去冬衣和米面油，陪老人们聊天。"
    week = kaifeng / "entries/2022-W47/尉氏县"
    (week / "甲.yaml").write_text(
        f"station: 小陈乡社工站\nentries:\n  - category: visits\n    images: [photos/新照片.png]\n"
        f"    body: 社工入户走访三户困难老人，了解他们的生活需要。\n"
        f"  - category: visits\n    body: {repeated}\n",
        encoding="utf-8",
    )
    (week / "乙.yaml").write_text(
        f"station: 小陈乡社工站\ncategory: visits\nbody: {repeated}\n", encoding="utf-8"
    )
    assert run(kaifeng, "check")[0] == 1  # the photo is missing; the cache is written
    photos = week / "photos"
    shutil.copy(next(photos.iterdir()), photos / "新照片.png")
    cached = run(kaifeng, "check", "--format", "json")
    assert cached == run(kaifeng, "check", "--format", "json", "--no-cache")
    assert '"W-duplicate"' in cached[1] and "乙.yaml" in cached[1]


def test_a_check_of_an_unchanged_project_needs_no_entries_restored(kaifeng: Path) -> None:
    """``bulletin check`` asks for the problems and the counts alone: with nothing changed
    since the last run, the cache answers without restoring the entries."""
    project = load_project(kaifeng)
    cold = check(project, today=TODAY)
    check(project, today=TODAY, cache=Cache(project))  # writes the cache
    warm = check(project, today=TODAY, cache=Cache(project), with_entries=False)
    assert warm.entries == [] and warm.entry_count == len(cold.entries) > 20
    assert (warm.problems, warm.file_count) == (cold.problems, cold.file_count)
    again = check(project, today=TODAY, cache=Cache(project))  # when they are wanted
    assert again.entries == cold.entries


def _replace_keeping_size_and_time(path: Path, data: bytes) -> None:
    """``path`` takes other bytes of the same size, its times put back (as ``cp -p``,
    ``rsync -a``, ``tar x`` or unzip leave a file)."""
    before = path.stat()
    assert len(data) == before.st_size and data != path.read_bytes()
    path.write_bytes(data)
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))


def _png(colour: tuple[int, int, int]) -> bytes:
    from PIL import Image

    stream = io.BytesIO()
    Image.new("RGB", (64, 48), colour).save(stream, "PNG", compress_level=0)
    return stream.getvalue()


def test_a_photo_replaced_by_one_of_the_same_size_and_time_is_not_taken_from_the_cache(
    kaifeng: Path,
    run,  # type: ignore[no-untyped-def]
) -> None:
    """The cached build publishes the new photo, and a cached check finds it damaged."""
    week = kaifeng / "entries/2022-W47/兰考县"
    (week / "照片.yaml").write_text(
        "station: 惠安街道社工站\ncategory: visits\ndate: 2022-11-18\n"
        "body: 正心社工来到桂李寨村回访，了解老人生活情况。\nimages: [photos/new.png]\n",
        encoding="utf-8",
    )
    photo = week / "photos/new.png"
    photo.write_bytes(_png((255, 0, 0)))
    build = ("build", "2022-W47", "-f", "md")
    assert run(kaifeng, *build)[0] == 0  # writes the cache
    red = snapshot(kaifeng / "build")
    _replace_keeping_size_and_time(photo, _png((0, 0, 255)))
    assert run(kaifeng, *build)[0] == 0
    cached = snapshot(kaifeng / "build")
    assert cached != red
    assert run(kaifeng, *build, "--no-cache")[0] == 0
    assert snapshot(kaifeng / "build") == cached
    blue = photo.read_bytes()
    middle = len(blue) // 2
    _replace_keeping_size_and_time(photo, blue[:middle] + bytes(64) + blue[middle + 64 :])
    damaged = run(kaifeng, "check", "--format", "json")
    assert damaged[0] == 1 and "E-image-" in damaged[1]
    assert damaged == run(kaifeng, "check", "--format", "json", "--no-cache")


def test_a_names_file_changed_keeping_its_size_and_time_is_read_again(
    kaifeng: Path,
    run,  # type: ignore[no-untyped-def]
) -> None:
    config = kaifeng / "bulletin.toml"
    config.write_text(
        config.read_text(encoding="utf-8") + '\n[privacy]\nnames_file = "private-names.txt"\n',
        encoding="utf-8",
    )
    names = kaifeng / "private-names.txt"
    names.write_text("王某某\n", encoding="utf-8")
    assert "W-private-name" not in run(kaifeng, "check", "--format", "json")[1]
    _replace_keeping_size_and_time(names, "桂李寨\n".encode())
    cached = run(kaifeng, "check", "--format", "json")
    assert "W-private-name" in cached[1]
    assert cached == run(kaifeng, "check", "--format", "json", "--no-cache")


def test_a_cache_folder_that_is_a_link_is_neither_followed_nor_written_through(
    kaifeng: Path,
    tmp_path: Path,
    run,  # type: ignore[no-untyped-def]
) -> None:
    """A pull request that commits ``.bulletin-cache`` as a link to another folder: CI's
    check runs as without a cache, and writes nothing there."""
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    (elsewhere / "keep.txt").write_text("important\n", encoding="utf-8")
    (kaifeng / CACHE).symlink_to(elsewhere, target_is_directory=True)
    cold = run(kaifeng, "check", "--format", "json", "--no-cache")
    assert run(kaifeng, "check", "--format", "json") == cold
    build = run(kaifeng, "build", "2022-W47", "-f", "md")
    assert build[0] == 0
    assert sorted(path.name for path in elsewhere.iterdir()) == ["keep.txt"]
    assert (kaifeng / CACHE).is_symlink()


def test_a_cache_file_that_is_a_link_is_not_followed(kaifeng: Path, tmp_path: Path) -> None:
    project = load_project(kaifeng)
    Cache(project).keep("kept", b"key", "value")
    assert Cache(project).fetch("kept", b"key") == "value"
    outside = tmp_path / "outside"
    shutil.move(kaifeng / CACHE / "kept", outside)
    (kaifeng / CACHE / "kept").symlink_to(outside)
    assert Cache(project).fetch("kept", b"key") is None
    Cache(project).keep("kept", b"key", "other")  # takes the link's place, not its target's
    assert not (kaifeng / CACHE / "kept").is_symlink()
    assert Cache(project).fetch("kept", b"key") == "other"
    assert outside.read_bytes().startswith(b"bulletin-cache 1\n")
