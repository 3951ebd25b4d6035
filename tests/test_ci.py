"""What CI reads: exit codes, the stable JSON list, GitHub annotations, the pre-commit hook."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
import yaml

from bulletin.report import JSON_FIELDS
from helpers import MINIMAL_TOML, ROOT, write_project

WEEK = "entries/2022-W47"
BROKEN = "category: casewrok\nbody: 社工入户走访三户困难老人，了解他们的生活需要。\n"
SHORT = "category: visits\nbody: 同上\n"


def project(tmp_path: Path, files: dict[str, str], toml: str = MINIMAL_TOML) -> Path:
    return write_project(tmp_path / "p", toml, {f"{WEEK}/{k}": v for k, v in files.items()})


def test_json_is_a_list_of_problems_with_the_documented_keys(tmp_path: Path, run) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = run(
        project(tmp_path, {"a.yaml": BROKEN, "b.yaml": SHORT}), "check", "--format", "json"
    )
    assert code == 1
    problems = json.loads(out)  # standard output holds the JSON and nothing else
    assert [list(problem) for problem in problems] == [list(JSON_FIELDS)] * 2
    first, second = problems
    assert first == {
        "file": f"{WEEK}/a.yaml",
        "line": 1,
        "column": 11,
        "severity": "error",
        "code": "E-unknown-category",
        "message": "没有“casewrok”这个类别。你是不是想写“casework”？可用的类别：visits（走访调研）、casework（个案服务）。",
        "hint": "",
    }
    assert (second["code"], second["severity"], second["line"], second["column"]) == (
        "W-short-body",
        "warning",
        2,
        7,
    )
    assert second["message"] == "正文太短（只有 2 个字）。"
    assert second["hint"].startswith("请写清楚时间、地点")


def test_json_of_a_clean_project_is_an_empty_list(tmp_path: Path, run) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = run(project(tmp_path, {}), "check", "--format", "json")
    assert (code, json.loads(out)) == (0, [])


def test_json_of_a_config_error_is_json_too(tmp_path: Path, run) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = run(project(tmp_path, {}, MINIMAL_TOML + "colour = 1\n"), "check", "-f", "json")
    assert code == 2
    [problem] = json.loads(out)
    assert (problem["file"], problem["code"]) == ("bulletin.toml", "E-unknown-field")


def test_github_format_prints_annotations_that_point_at_the_line(tmp_path: Path, run) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = run(
        project(tmp_path, {"a.yaml": BROKEN, "b.yaml": SHORT}),
        "--lang",
        "en",
        "check",
        "--format",
        "github",
    )
    assert code == 1
    lines = out.splitlines()
    assert lines[0].startswith(
        f"::error file={WEEK}/a.yaml,line=1,col=11::There is no category 'casewrok'."
    )
    assert lines[1].startswith(f"::warning file={WEEK}/b.yaml,line=2,col=7::")


def test_github_paths_start_at_the_repository_root(tmp_path: Path, run) -> None:  # type: ignore[no-untyped-def]
    repository = tmp_path / "repo"
    write_project(repository / "bulletins" / "city", MINIMAL_TOML, {f"{WEEK}/a.yaml": BROKEN})
    code, out, _ = run(repository, "-C", "bulletins/city", "check", "--format", "github")
    assert code == 1
    assert out.startswith(f"::error file=bulletins/city/{WEEK}/a.yaml,line=1,col=11::")


def test_a_broken_config_is_annotated_at_its_path_from_the_repository_root(
    tmp_path: Path, run
) -> None:  # type: ignore[no-untyped-def]
    repository = tmp_path / "repo"
    write_project(repository / "bulletins" / "city", MINIMAL_TOML + "colour = 1\n", {})
    code, out, _ = run(repository, "-C", "bulletins/city", "check", "--format", "github")
    assert code == 2
    assert out.startswith("::error file=bulletins/city/bulletin.toml,line=")


def test_github_annotation_escapes_what_would_end_its_fields(tmp_path: Path, run) -> None:  # type: ignore[no-untyped-def]
    text = "category: visits\nbody: 社工入户走访三户困难老人，了解他们的生活需要。\ntime: '25:00'\n"
    code, out, _ = run(project(tmp_path, {"a,b.yaml": text}), "check", "--format", "github")
    assert code == 0
    assert out.startswith(f"::warning file={WEEK}/a%2Cb.yaml,line=3,col=7::")


def test_warnings_pass_check_and_strict_fails_it(tmp_path: Path, run) -> None:  # type: ignore[no-untyped-def]
    folder = project(tmp_path, {"a.yaml": SHORT})
    code, out, _ = run(folder, "check")
    assert code == 0
    assert f"{WEEK}/a.yaml:2:7: warning: 正文太短（只有 2 个字）。请写清楚" in out
    code, out, _ = run(folder, "check", "--strict")
    assert code == 1
    assert f"{WEEK}/a.yaml:2:7: error: 正文太短（只有 2 个字）" in out and "[W-short-body]" in out


def test_build_prints_the_weeks_warnings_and_builds_unless_strict(tmp_path: Path, run) -> None:  # type: ignore[no-untyped-def]
    folder = project(tmp_path, {"a.yaml": SHORT})
    code, _, err = run(folder, "build", "47", "--strict")
    assert code == 1 and "[W-short-body]" in err and "未生成任何文件" in err
    assert not (folder / "build").exists()
    code, _, err = run(folder, "build", "47")
    assert code == 0 and "[W-short-body]" in err
    assert (folder / "build/2022-W47/bulletin.html").is_file()


def test_a_future_date_fails_check(tmp_path: Path, run) -> None:  # type: ignore[no-untyped-def]
    text = (
        "category: visits\ndate: 2099-01-01\nbody: 社工入户走访三户困难老人，了解他们的生活需要。\n"
    )
    code, out, _ = run(project(tmp_path, {"a.yaml": text}), "check")
    assert code == 1 and f"{WEEK}/a.yaml:2:7: error: 日期 2099-01-01 还没到" in out


def test_the_pre_commit_hook_runs_check_on_entry_changes() -> None:
    [hook] = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hook["id"] == "bulletin-check"
    assert hook["entry"] == "bulletin check" and hook["language"] == "python"
    files = re.compile(hook["files"])
    for changed in (
        "entries/2022-W47/a.yaml",
        "entries/2022-W47/b.yml",
        "bulletin.toml",
        "photos/1.jpg",
        # Names as phones and Windows write them, and what bulletin reads besides entries.
        "entries/2022-W47/photos/IMG_0001.JPG",
        "entries/2022-W47/a.PNG",
        "entries/2022-W47/x.YAML",
        "entries/2022-W47/IMG_0002.HEIC",
        "entries/2022-W47/说明.docx",  # W-not-entry
        "templates/bulletin.md.j2",
        "private-names.txt",
    ):
        assert files.search(changed), changed
    for unrelated in ("README.md", "docs/wechat-preview.txt", "build.sh"):
        assert not files.search(unrelated), unrelated


def test_the_documented_github_job_runs_check_with_annotations() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    [block] = re.findall(r"```yaml\n(name: bulletin\n.*?)```", readme, flags=re.S)
    job = yaml.safe_load(block)
    steps = [step.get("run", "") for step in job["jobs"]["check"]["steps"]]
    assert "bulletin check --format github" in " ".join(steps)


def test_a_file_name_that_is_not_utf8_is_escaped_in_every_format_and_reported(
    tmp_path: Path, run
) -> None:  # type: ignore[no-untyped-def]
    folder = project(tmp_path, {})
    name = "惠安街道社工站.yaml".encode("gbk")  # as a zip made on Windows unpacks it
    (folder / WEEK).mkdir(parents=True, exist_ok=True)
    (folder / WEEK).joinpath(os.fsdecode(name)).write_text(SHORT, encoding="utf-8")
    code, out, _ = run(folder, "check", "--format", "json")
    problems = json.loads(out.encode("utf-8"))  # valid UTF-8, each byte of the name escaped
    assert code == 0
    files = {problem["file"] for problem in problems}
    assert len(files) == 1 and "\\x" in files.pop()
    [named] = [problem for problem in problems if problem["code"] == "W-file-name-encoding"]
    assert "惠安街道社工站.yaml" in named["message"]  # what the name reads as in GBK
    for problem_format in ("text", "github"):
        code, out, _ = run(folder, "check", "--format", problem_format)
        out.encode("utf-8")  # no lone surrogate left: it would not encode
        assert code == 0 and "\\xbb" in out


def test_a_name_that_is_no_gbk_either_gets_no_guess(tmp_path: Path, run) -> None:  # type: ignore[no-untyped-def]
    """A Latin-1 équipe.yaml was said to read as 閝uipe.yaml in GBK."""
    folder = project(tmp_path, {})
    (folder / WEEK).mkdir(parents=True, exist_ok=True)
    (folder / WEEK).joinpath(os.fsdecode("équipe.yaml".encode("latin-1"))).write_text(
        SHORT, encoding="utf-8"
    )
    code, out, _ = run(folder, "check")
    assert code == 0 and "[W-file-name-encoding]" in out and "GBK" not in out


def test_json_stays_one_list_when_the_command_line_is_wrong(tmp_path: Path, run) -> None:  # type: ignore[no-untyped-def]
    folder = project(tmp_path, {})
    for words in (["--format", "json", "--bogus"], ["-f", "json", "nope"], ["--bogus", "-fjson"]):
        code, out, _ = run(folder, "check", *words)
        [problem] = json.loads(out)  # standard output holds the JSON and nothing else
        assert code == 2 and problem["code"] in ("E-usage-option", "E-no-such-path"), words
        # No place in a file: null, which converters to SARIF or Code Quality take as none.
        assert (problem["line"], problem["column"]) == (None, None)
    code, out, _ = run(folder, "check", "--format", "github", "--bogus")
    assert code == 2 and out.startswith("::error::")  # no file=: GitHub would look for one


def test_paths_open_from_where_the_command_ran(tmp_path: Path, run, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """From a repository's root with -C, as a compiler prints them; from inside the project
    (where ../ paths would be needed), from the project root, in every format."""
    monkeypatch.delenv("GITHUB_WORKSPACE", raising=False)
    repository = tmp_path / "repo"
    folder = write_project(repository / "city", MINIMAL_TOML, {f"{WEEK}/a.yaml": SHORT})
    code, out, _ = run(repository, "-C", "city", "check")
    assert code == 0 and out.startswith(f"city/{WEEK}/a.yaml:2:7: warning:")
    code, out, _ = run(repository, "-C", "city", "check", "--format", "json")
    assert [problem["file"] for problem in json.loads(out)] == [f"city/{WEEK}/a.yaml"]
    code, _, err = run(repository, "-C", "city", "build", "47")
    assert code == 0 and f"city/{WEEK}/a.yaml:2:7: warning:" in err
    for problem_format, start in (
        ("text", f"{WEEK}/a.yaml:2:7:"),
        ("github", f"::warning file={WEEK}/a.yaml,"),
    ):
        code, out, _ = run(folder / WEEK, "check", "--format", problem_format)
        assert code == 0 and out.startswith(start)


def test_check_of_some_files_compares_them_with_the_rest_of_their_week(kaifeng: Path, run) -> None:  # type: ignore[no-untyped-def]
    county = f"{WEEK}/兰考县"
    code, out, _ = run(kaifeng, "check", f"{county}/兰阳街道社工站_补报.yaml")
    # The duplicate of an entry of a file not given is found; that file's own problems are not.
    assert code == 0 and out.startswith(f"{county}/兰阳街道社工站_补报.yaml:7:5: warning:")
    assert f"{county}/兰阳街道社工站.yaml:13:5" in out and out.count("[W-") == 1
    assert "检查通过：1 个文件，1 条条目。" in out
    # Given the earlier of the two, the duplicate is found as well, at the later one.
    code, out, _ = run(kaifeng, "check", f"{county}/兰阳街道社工站.yaml")
    assert code == 0 and "[W-duplicate]" in out


def test_a_photo_given_to_check_checks_the_entries_that_name_it(kaifeng: Path, run) -> None:  # type: ignore[no-untyped-def]
    photo = kaifeng / WEEK / "兰考县/photos/微信图片_20221201140627.png"
    photo.write_bytes(photo.read_bytes()[:300])  # a copy that stopped halfway
    code, out, _ = run(kaifeng, "check", str(photo.relative_to(kaifeng)))
    assert code == 1 and f"{WEEK}/兰考县/惠安街道社工站.yaml:12:9: error:" in out
    assert "[E-image-truncated]" in out
    (photo.parent / "新.png").write_bytes(photo.read_bytes())
    code, out, _ = run(kaifeng, "check", "--strict", f"{WEEK}/兰考县/photos/新.png")
    assert code == 1 and out.startswith(f"{WEEK}/兰考县/photos/新.png: error: 没有哪个条目用到")
    # The end of a name an entry has is not that name (0627.png in …_20221201140627.png).
    (photo.parent / "0627.png").write_bytes(photo.read_bytes())
    code, out, _ = run(kaifeng, "check", "--strict", f"{WEEK}/兰考县/photos/0627.png")
    assert code == 1 and out.startswith(f"{WEEK}/兰考县/photos/0627.png: error: 没有哪个条目用到")


def test_the_config_given_to_check_is_no_stray_file(kaifeng: Path, run) -> None:  # type: ignore[no-untyped-def]
    """A pre-commit hook passes it when it changed: it is checked anyway, before any entry."""
    code, out, _ = run(kaifeng, "check", "--strict", "bulletin.toml")
    assert code == 0 and "[W-not-entry]" not in out


def test_the_entry_a_duplicate_repeats_is_named_from_where_the_command_ran(
    kaifeng: Path,
    run,  # type: ignore[no-untyped-def]
) -> None:
    """Its own place was kaifeng/entries/…, the entry it repeats entries/… (not to be opened)."""
    code, out, _ = run(kaifeng.parent, "-C", kaifeng.name, "check")
    county = f"{kaifeng.name}/{WEEK}/兰考县"
    assert code == 0
    assert (
        f"{county}/兰阳街道社工站_补报.yaml:7:5: warning: 这一条与 {county}/兰阳街道社工站.yaml:13:5"
        in out
    )


@pytest.mark.parametrize("path", [".", "entries"])
def test_checking_the_project_by_its_folder_is_checking_it(kaifeng: Path, run, path: str) -> None:  # type: ignore[no-untyped-def]
    """check . read the templates, build/ and the guide as stray entry files (W-not-entry)."""
    assert run(kaifeng, "build", "47")[0] == 0  # a build/ folder, as a coordinator has one
    (kaifeng / "templates").mkdir(exist_ok=True)
    (kaifeng / "templates/bulletin.md.j2").write_text("# {{ bulletin.title }}\n", encoding="utf-8")
    assert run(kaifeng, "check", path)[1] == run(kaifeng, "check")[1]
