"""Turn pydantic's validation errors into located ``Problem`` values with our codes.

Validators raise ``PydanticCustomError`` whose type is one of our codes (``E-date``…), so
the code and its facts travel through pydantic unchanged; pydantic's own error types are
mapped to a few codes here.
"""

from __future__ import annotations

import json
import math
import types
import typing
from collections.abc import Callable, Sequence
from datetime import date, datetime
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic.fields import FieldInfo

from bulletin.diagnostics import Location, Problem, error, shortened
from bulletin.field_names import field_named
from bulletin.suggest import did_you_mean

Locator = Callable[[Sequence[str | int], bool], Location]

_EXPECTED = {
    "string": "text",
    "list": "list",
    "tuple": "list",
    "dict": "mapping",
    "model": "mapping",
    "int": "number",
    "float": "number",
    "decimal": "number",
    "bool": "boolean",
    "date": "date",
}

# pydantic's kinds for a number outside its bounds; the bound's name (gt, ge, lt, le) is the
# one key of the error's context.
_RANGES = frozenset({"greater_than", "greater_than_equal", "less_than", "less_than_equal"})


def problems_from_validation_error(
    exc: ValidationError, model: type[BaseModel], locate: Locator, toml: bool = False
) -> list[Problem]:
    """``toml``: the values come from bulletin.toml, and a value of the wrong kind is said
    with TOML's forms (``["a", "b"]``, no quotes around a number), not YAML's."""
    problems = []
    for detail in exc.errors(include_url=False):
        loc = tuple(part for part in detail["loc"] if isinstance(part, (str, int)))
        kind = detail["type"]
        field = _field_name(loc)
        if kind.startswith(("E-", "W-")):
            context = detail.get("ctx") or {}
            args = {
                key: tuple(value) if key == "choices" else _arg(value)
                for key, value in context.items()
            }
            problems.append(error(locate(loc, False), kind, field=field, **args))
        elif kind == "missing":
            problems.append(error(locate(loc[:-1], False), "E-missing-field", field=field))
        elif kind == "invalid_key":  # a date, a number or null where a field's name goes
            key = detail.get("input")
            problems.append(
                error(
                    locate(loc[:-1], False),
                    "E-unknown-field",
                    field=_arg(key) or "null",
                    suggestion="date" if isinstance(key, date) else "",
                    choices=tuple(_fields_at(model, loc[:-1])),
                )
            )
        elif detail.get("input") is None and kind.split("_")[0] in _EXPECTED:
            problems.append(error(locate(loc, False), "E-empty", field=field))
        elif kind == "extra_forbidden":
            allowed = _fields_at(model, loc[:-1])
            named = field_named(field)  # 正文: for body:
            suggestion = named if named in allowed else did_you_mean(field, allowed) or ""
            problems.append(
                error(
                    locate(loc, True),
                    "E-unknown-field",
                    field=field,
                    suggestion=suggestion,
                    choices=tuple(allowed),
                )
            )
        elif kind in ("too_short", "string_too_short"):
            problems.append(error(locate(loc, False), "E-empty", field=field))
        elif kind in _RANGES:
            ((bound, limit),) = detail["ctx"].items()
            problems.append(
                error(
                    locate(loc, False),
                    "E-range",
                    field=field,
                    bound=bound,
                    limit=_arg(limit),
                    value=_arg(detail.get("input")),
                )
            )
        elif kind.split("_")[0] in _EXPECTED:
            expected = _EXPECTED[kind.split("_")[0]]
            where = locate(loc, False)
            if toml:  # shown as TOML writes it: "16px" with its quotes, ["a"], true
                written = json.dumps(detail.get("input"), ensure_ascii=False, default=str)
                shown = shortened(written, 40)
                problems.append(
                    error(where, "E-config-type", field=field, toml_expected=expected, value=shown)
                )
            else:
                problems.append(_wrong_kind(where, loc, field, expected, detail.get("input")))
        else:
            problems.append(
                error(locate(loc, False), "E-invalid", field=field, detail=detail["msg"])
            )
    return problems


def _wrong_kind(
    where: Location, loc: Sequence[str | int], field: str, expected: str, given: Any
) -> Problem:
    """A value of the wrong kind, with the fix that kind of slip needs: quotes make a number or
    a date text (E-type), never a list or a mapping something else."""
    value = _arg(given)
    shaped = isinstance(given, (list, dict))
    if len(loc) == 2 and loc[0] == "by_group" and not shaped:  # by_group: {低保: 20}
        return error(where, "E-by-group-metric", field=field, value=value)
    if expected == "mapping" and isinstance(given, list):  # stats:\n  - served: 50
        return error(where, "E-list-for-mapping", field=field, value=value)
    if expected == "text":
        return error(
            where,
            "E-type-text" if shaped else "E-type",
            field=field,
            expected=expected,
            value=value,
        )
    return error(where, "E-type-shape", field=field, expected=expected, value=value)


def _field_name(loc: Sequence[str | int]) -> str:
    """The innermost field named in ``loc``: ``stats`` for a key of it (pydantic's ``[key]``)."""
    return next((part for part in reversed(loc) if isinstance(part, str) and part != "[key]"), "")


def _arg(value: Any) -> str:
    """A value for a message, as written and shortened."""
    return shortened(as_written(value), 40)


def as_written(value: Any) -> str:
    """A value read from YAML as a worker writes it (``[2022-11-20]``, ``{a: 1}``, ``true``),
    not as Python shows it (``[datetime.date(2022, 11, 20)]``, ``{'a': 1}``, ``True``)."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and not math.isfinite(value):
        return ".nan" if math.isnan(value) else ("-.inf" if value < 0 else ".inf")
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(map(as_written, value)) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{as_written(k)}: {as_written(v)}" for k, v in value.items()) + "}"
    return str(value)


def _fields_at(model: type[BaseModel], loc: Sequence[str | int]) -> list[str]:
    """The field names allowed at ``loc`` inside ``model`` (following nested models), as they
    are written (``import``, not the attribute ``import_``)."""
    current: type[BaseModel] | None = model
    for part in loc:
        if current is None:
            return []
        if isinstance(part, int):
            continue
        field = _written_fields(current).get(part)
        current = _model_in(field.annotation) if field else None
    return list(_written_fields(current)) if current else []


def _written_fields(model: type[BaseModel]) -> dict[str, FieldInfo]:
    return {field.alias or name: field for name, field in model.model_fields.items()}


def _model_in(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    if isinstance(annotation, types.UnionType) or typing.get_origin(annotation) is not None:
        for argument in typing.get_args(annotation):
            found = _model_in(argument)
            if found:
                return found
    return None
