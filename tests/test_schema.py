"""The editor schema: made from the entry model, narrowed to the project, true to `check`."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from bulletin.config import load_project
from bulletin.load import SourceFile, parse_text
from bulletin.schema import entry_file_schema
from helpers import EXAMPLE, MINIMAL_TOML, write_project

EXAMPLE_FILES = sorted((EXAMPLE / "entries").rglob("*.yaml"))


def as_editors_read_it(path: Path) -> Any:
    """The file's data as the YAML language server sees it: dates and times are text."""
    data = parse_text(SourceFile(path, path.name, None), path.read_text(encoding="utf-8")).data
    return json.loads(json.dumps(data, default=str))


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft7Validator:
    schema = entry_file_schema(load_project(EXAMPLE).config)
    jsonschema.Draft7Validator.check_schema(schema)
    return jsonschema.Draft7Validator(schema)


@pytest.mark.parametrize("path", EXAMPLE_FILES, ids=lambda path: path.name)
def test_every_example_entry_file_is_valid(
    validator: jsonschema.Draft7Validator, path: Path
) -> None:
    errors = [error.message for error in validator.iter_errors(as_editors_read_it(path))]
    assert errors == []


@pytest.mark.parametrize(
    ("data", "complaint"),
    [
        ({"category": "casewrok", "body": "走访"}, "'casewrok' is not one of"),
        ({"category": "visits", "body": "走访", "station": "惠安街道"}, "'惠安街道' is not valid"),
        ({"category": "visits", "body": "走访", "titel": "x"}, "'titel' was unexpected"),
        ({"category": "visits", "body": "走访", "stats": {"visted": 1}}, "'visted' was unexpected"),
        ({"category": "visits", "body": "走访", "stats": {"visited": -1}}, "is not valid"),
        ({"category": "visits", "body": "走访", "ignore": ["E-yaml"]}, "is not valid"),
        ({"category": "visits", "body": "走访", "groups": ["低保户", "富人"]}, "is not valid"),
        (
            {"category": "visits", "body": "走访", "by_group": {"served": {"富人": 1}}},
            "'富人' is not one of",
        ),
        (
            {"category": "visits", "body": "走访", "by_group": {"serve": {"低保": 1}}},
            "'serve' is not one of",
        ),
        ({"category": "visits"}, "'body' is a required property"),
        ({"station": "惠安街道社工站", "entries": [{"body": "走访"}]}, "'category' is a required"),
    ],
)
def test_what_check_refuses_the_schema_refuses(
    validator: jsonschema.Draft7Validator, data: dict[str, Any], complaint: str
) -> None:
    messages = [error.message for error in validator.iter_errors(data)]
    assert any(complaint in message for message in messages), messages


@pytest.mark.parametrize(
    "data",
    [
        {"category": "visits", "body": "走访", "stats": {"走访": 12}},
        {
            "category": "visits",
            "body": "走访",
            "by_group": {"走访": {"低保": 1}},
            "stats": {"visited": 3},
        },
        {"category": "visits", "body": "走访", "org": ["正心社工", "彩虹社工"]},
    ],
)
def test_what_check_accepts_the_schema_accepts(
    validator: jsonschema.Draft7Validator, data: dict[str, Any]
) -> None:
    """A metric written by its label passed check and was marked red in the editor."""
    assert [error.message for error in validator.iter_errors(data)] == []


def test_a_field_every_entry_needs_may_be_a_file_default(
    validator: jsonschema.Draft7Validator,
) -> None:
    data = {"category": "visits", "entries": [{"body": "一"}, {"body": "二", "category": "care"}]}
    assert list(validator.iter_errors(data)) == []


def test_schema_out_writes_what_schema_prints(kaifeng: Path, run) -> None:  # type: ignore[no-untyped-def]
    code, printed, _ = run(kaifeng, "schema")
    assert code == 0
    code, out, _ = run(kaifeng, "schema", "--out", "bulletin.schema.json")
    assert code == 0 and "bulletin.schema.json" in out
    assert (kaifeng / "bulletin.schema.json").read_text(encoding="utf-8") == printed
    assert "惠安街道社工站" in printed and "nucleic_tests" in printed


def test_schema_out_never_overwrites_a_file_that_is_not_a_schema(kaifeng: Path, run) -> None:  # type: ignore[no-untyped-def]
    """``--out bulletin.toml`` (or an entry's name) would have lost what the file held."""
    for name in ("bulletin.toml", "entries/2022-W47/全市.yaml"):
        before = (kaifeng / name).read_bytes()
        code, _, err = run(kaifeng, "schema", "--out", str(kaifeng / name))
        assert code == 2 and "不是 JSON Schema 文件，没有覆盖" in err
        assert (kaifeng / name).read_bytes() == before


def test_an_entry_file_may_name_the_schema_in_its_first_line(kaifeng: Path, run) -> None:  # type: ignore[no-untyped-def]
    entry = kaifeng / "entries/2022-W47/兰考县/惠安街道社工站.yaml"
    entry.write_text(
        "# yaml-language-server: $schema=../../../bulletin.schema.json\n"
        + entry.read_text(encoding="utf-8"),
        encoding="utf-8",
    )
    code, out, _ = run(kaifeng, "check")
    assert code == 0, out


def test_outside_a_project_the_schema_has_no_project_names(tmp_path: Path, run) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = run(tmp_path, "schema")
    assert code == 0
    schema = json.loads(out)
    assert "enum" not in schema["$defs"]["category"]
    assert jsonschema.Draft7Validator(schema).is_valid({"category": "随便", "body": "走访"})


def test_a_project_without_registries_allows_any_station(tmp_path: Path) -> None:
    schema = entry_file_schema(load_project(write_project(tmp_path / "p", MINIMAL_TOML, {})).config)
    validator = jsonschema.Draft7Validator(schema)
    assert validator.is_valid({"category": "个案服务", "body": "x", "station": "任何社工站"})
    assert not validator.is_valid({"category": "visit", "body": "x"})
