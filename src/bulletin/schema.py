"""``bulletin schema``: the JSON Schema of an entry file, for editors' completion and checks.

Generated from ``EntryInput`` (never kept by hand), shaped like an entry file (one entry,
or file-wide defaults with an ``entries:`` list), and narrowed to the project's category
keys and titles, station names (former ones too), district names and metric keys when
``bulletin.toml`` has them.
Declared as draft-07, which the YAML language server (VS Code's YAML extension) reads.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from bulletin.config import ProjectConfig
from bulletin.diagnostics import Location, UsageError, error
from bulletin.messages import WARNING_CODES
from bulletin.model import EntryInput
from bulletin.write import shown_path, write_file

DRAFT = "http://json-schema.org/draft-07/schema#"

Schema = dict[str, Any]


def entry_file_schema(config: ProjectConfig | None) -> Schema:
    model = EntryInput.model_json_schema()
    definitions: Schema = model.pop("$defs", {})
    fields: Schema = model["properties"]
    _narrow(fields, definitions, config)
    # Each field is defined once and referred to from the three places an entry's fields go.
    definitions.update(fields)
    refs = {name: {"$ref": f"#/$defs/{name}"} for name in fields}
    required: list[str] = model["required"]
    entry = {"type": "object", "properties": refs, "additionalProperties": False}
    with_entries: Schema = {
        "properties": {
            **refs,
            "entries": {
                "type": "array",
                "minItems": 1,
                "description": "本文件的条目；写在 entries: 上面的项是每一条的默认值",
                "items": entry,
            },
        },
        "additionalProperties": False,
        # A field every entry needs may be written once above ``entries:`` or in each entry.
        "allOf": [
            {
                "if": {"not": {"required": [name]}},
                "then": {"properties": {"entries": {"items": {"required": [name]}}}},
            }
            for name in required
        ],
    }
    return {
        "$schema": DRAFT,
        "title": "bulletin 条目文件 (entry file)",
        "description": "一个文件是一条条目，或在 entries: 下列出多条。",
        "type": "object",
        "if": {"required": ["entries"]},
        "then": with_entries,
        "else": {**entry, "required": required},
        "$defs": definitions,
    }


def schema_text(config: ProjectConfig | None) -> str:
    return json.dumps(entry_file_schema(config), ensure_ascii=False, indent=2) + "\n"


def _narrow(fields: Schema, definitions: Schema, config: ProjectConfig | None) -> None:
    """Turn free text into the names the project allows, where it declares them."""

    def one_or_list(field: str, names: list[str]) -> None:
        definitions[f"{field}-name"] = {"type": "string", "enum": names}
        item = {"$ref": f"#/$defs/{field}-name"}
        fields[field] = {
            "description": fields[field].get("description", ""),
            "anyOf": [item, {"type": "array", "items": item}],
        }

    one_or_list("ignore", list(WARNING_CODES))
    if config is None:
        return
    names = [c.key for c in config.categories] + [c.title for c in config.categories]
    fields["category"] = {**fields["category"], "enum": names}
    stations = [station for district in config.districts for station in district.stations]
    # Old weeks' entries keep a renamed station's former name ([former_names]).
    stations += list(config.former_names)  # no current name is one (config.py refuses it)
    if stations:
        one_or_list("station", stations)
    if config.districts:
        one_or_list("district", [district.name for district in config.districts])
    groups = [name for group in config.groups for name in (group.name, *group.aliases)]
    if groups:
        one_or_list("groups", groups)
    split: Schema = fields["by_group"]["additionalProperties"]
    if groups:
        split["propertyNames"] = {"enum": groups}
    if config.metrics:
        figure = fields["stats"]["additionalProperties"]
        written = {
            metric.key: {**figure, "description": f"{metric.label}（{metric.unit}）"}
            for metric in config.metrics
        }
        # A metric may be written by its label (走访 for visited) when no other has that label.
        written.update(
            {
                metric.label: {**figure, "description": f"= {metric.key}（{metric.unit}）"}
                for metric in config.metrics
                if config.metric_key(metric.label) == metric.key and metric.label not in written
            }
        )
        fields["stats"] = {**fields["stats"], "properties": written, "additionalProperties": False}
        fields["by_group"]["propertyNames"] = {"enum": list(written)}


def write_schema(path: Path, text: str) -> None:
    """The schema written to ``path``, but never over a file that is not one: ``--out
    bulletin.toml`` or an entry's name would lose what it holds."""
    if path.is_file() and not path.read_bytes().lstrip().startswith(b"{"):
        where = Location.command_line(shown_path(path))
        raise UsageError([error(where, "E-schema-out", path=shown_path(path))])
    write_file(path, text, replace=True)
