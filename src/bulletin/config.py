"""The project: ``bulletin.toml`` found upward from the working directory, validated whole."""

from __future__ import annotations

import re
import string
import sys
import typing
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator
from pydantic_core import PydanticCustomError

from bulletin.diagnostics import Location, Problem, UsageError, error
from bulletin.field_names import FIELD_NAMES
from bulletin.messages import cannot_ignore
from bulletin.pydantic_errors import problems_from_validation_error
from bulletin.suggest import did_you_mean
from bulletin.textfile import MEGABYTE, NotUtf8, encoding_problem, read_text
from bulletin.theme import ThemeSettings, known_theme
from bulletin.tomlpos import first_writing, locate_toml
from bulletin.weeks import weekday_index

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib  # type: ignore[import-not-found, unused-ignore]

CONFIG_NAME = "bulletin.toml"
# The entry fields a spreadsheet column can fill (``bulletin import``); metrics come on top.
IMPORT_FIELDS = tuple(FIELD_NAMES)
IMAGE_REFUSAL_FACTOR = 10
TITLE_PLACEHOLDERS = ("year", "week", "month_week", "start", "end")
_TOML_POSITION = re.compile(r"\((?:at line (\d+), column (\d+)|at end of document)\)")
# tomllib names the table (``Cannot declare ('check',) twice``); the reason is said without it.
_TOML_TABLE_TWICE = re.compile(r"^Cannot declare \(.*\) twice$")
_TABLE_TWICE = "Cannot declare a table twice"
_KEY_TWICE = "Cannot overwrite a value"
_BAD_STATEMENT = "Invalid statement"
# A key with Chinese in it but no quotes (仪封镇社工站 = … in [former_names]), which TOML refuses.
_UNQUOTED_KEY = re.compile(r"""^\s*([^\s"'=\[#]*[^\x00-\x7f][^\s"'=\[#]*)\s*=""")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Category(_Strict):
    key: str = Field(min_length=1)
    title: str = Field(min_length=1)


class District(_Strict):
    name: str = Field(min_length=1)
    stations: list[str] = []


class Metric(_Strict):
    key: str = Field(min_length=1)
    label: str = Field(min_length=1)
    unit: str = ""


class ImportConfig(_Strict):
    """``[import.columns]``: which spreadsheet column holds which field, beyond the usual names.

    Keys are entry fields (``body``, ``date``…) or metric keys; values are a header or a list
    of headers, e.g. ``body = ["活动简介", "简介"]``.
    """

    columns: dict[str, str | list[str]] = {}


class Group(_Strict):
    """A target group (服务对象) and the other names workers give it (低保户 → 低保)."""

    name: str = Field(min_length=1)
    aliases: list[str] = []


class CheckSettings(_Strict):
    """``[check]``: warnings silenced project-wide, and the limits some warnings use."""

    ignore: list[str] = []
    # Sizes in MB, up to a gigabyte: beyond, a limit is no limit (and .inf no number of bytes).
    max_image_mb: float = Field(5, gt=0, le=1000)
    min_body_chars: int = Field(10, ge=0)
    duplicate_similarity: float = Field(0.9, gt=0, le=1)
    max_entry_mb: float = Field(2, gt=0, le=1000)  # a larger entry file is refused unread

    @property
    def max_entry_bytes(self) -> int:
        return int(self.max_entry_mb * MEGABYTE)

    @property
    def max_image_bytes(self) -> int:
        """A photo is refused unread above ten times the size that only gets a warning."""
        return int(self.max_image_mb * IMAGE_REFUSAL_FACTOR * MEGABYTE)


class PrivacySettings(_Strict):
    """``[privacy]``: the private names list, and which categories hold casework."""

    names_file: str | None = None
    # Keys or titles; None means every category whose key contains "case" or title 个案.
    casework_categories: list[str] | None = None


class WeChatSettings(_Strict):
    """``[wechat]``: how ``bulletin publish`` makes the 公众号 draft. Never the credentials
    themselves: ``credentials_file`` names a file outside the repository that holds them."""

    credentials_file: str | None = None
    cover: str | None = None  # relative to the project; default: the week's first photo
    author: str = ""
    content_source_url: str = ""  # 阅读原文
    need_open_comment: bool = False
    only_fans_can_comment: bool = False
    # 本周概况 in the article; None: as the project's ``overview``. Off keeps a long week's
    # article nearer WeChat's 20,000 characters while the Markdown and the page keep it.
    overview: bool | None = None


class ProjectConfig(_Strict):
    title: str = Field("社工站{month_week}工作动态", min_length=1)
    digest: str = ""  # 摘要 of the WeChat article; same placeholders as the title
    week_start: int = 0
    entries_dir: str = "entries"
    build_dir: str = "build"
    overview: bool = True  # 本周概况 at the top of each bulletin
    archive_title: str = "往期周报"
    trend: list[str] | None = None  # metrics charted in the archive; None: every metric seen
    categories: list[Category] = Field(min_length=1)
    districts: list[District] = []
    # ``[former_names]``: a station's name before it was renamed → its registered name now.
    # Past weeks' entries keep the name they were written with and count under the current one.
    former_names: dict[str, str] = {}
    metrics: list[Metric] = []
    groups: list[Group] = []
    import_: ImportConfig = Field(default_factory=ImportConfig, alias="import")
    check: CheckSettings = CheckSettings()
    privacy: PrivacySettings = PrivacySettings()
    theme: ThemeSettings = ThemeSettings()
    wechat: WeChatSettings = WeChatSettings()

    @field_validator("theme", mode="before")
    @classmethod
    def _theme_name(cls, value: Any) -> Any:
        """``theme = "gov"`` is short for a ``[theme]`` table holding only ``base = "gov"``."""
        return {"base": known_theme(value)} if isinstance(value, str) else value

    @field_validator("week_start", mode="before")
    @classmethod
    def _weekday(cls, value: Any) -> Any:
        """A day's name, or its number as a Chinese coordinator counts: 5 is 周五 (1–7 from
        Monday, as ISO 8601 numbers them)."""
        index = None
        if isinstance(value, str):
            index = weekday_index(value)
        elif isinstance(value, int) and not isinstance(value, bool) and 1 <= value <= 7:
            index = value - 1
        if index is None:
            raise PydanticCustomError("E-config-week-start", "unknown weekday", {"value": value})
        return index

    @field_validator("title", mode="before")
    @classmethod
    def _trimmed(cls, value: Any) -> Any:
        # A title of spaces is no title: the page's heading and the post's would be empty.
        return value.strip() if isinstance(value, str) else value

    @field_validator("title", "digest")
    @classmethod
    def _placeholders(cls, value: str) -> str:
        try:
            parts = list(string.Formatter().parse(value))
        except ValueError:  # a { without its }, or a } alone
            raise PydanticCustomError(
                "E-config-brace", "unpaired brace", {"value": value}
            ) from None
        for _, name, _, _ in parts:
            if name is not None and name not in TITLE_PLACEHOLDERS:
                raise PydanticCustomError(
                    "E-config-placeholder", "unknown placeholder", {"value": name}
                )
        return value

    @property
    def wechat_overview(self) -> bool:
        """Whether the WeChat article opens with 本周概况."""
        return self.overview if self.wechat.overview is None else self.wechat.overview

    # Every entry looks its names up in the registries, and a province registers thousands of
    # stations: the lookups go through indexes made once per config (the first entry of the
    # registry wins, as a scan in order would find it).

    def category_for(self, name: str) -> Category | None:
        """A category by its key or by its title."""
        return self._categories_by_name.get(name)

    def districts_of_station(self, station: str) -> list[str]:
        return list(self._homes_of_station.get(station, ()))

    def current_station(self, name: str) -> str:
        """The registered name of a station written by a former name, else ``name`` itself."""
        return self.former_names.get(name, name)

    def metric(self, key: str) -> Metric | None:
        return self._metrics_by_key.get(key)

    def metric_rank(self, key: str) -> int:
        """A metric's place in the registry, which orders an entry's figures; an unregistered
        one (a project without ``[[metrics]]``) comes after, as written."""
        return self._metric_rank.get(key, len(self.metrics))

    def labelled(self, label: str) -> list[Metric]:
        """The metrics ``label`` names: one, or several that share it."""
        return self._metrics_by_label.get(label.strip(), [])

    def metric_key(self, written: str) -> str | None:
        """The key of the metric written as its key or as its label (走访 for visited), when
        no other metric has that label."""
        if self.metric(written) is not None:
            return written
        labelled = self.labelled(written)
        return labelled[0].key if len(labelled) == 1 else None

    def group_for(self, name: str) -> Group | None:
        """A target group by its name or one of its aliases."""
        return self._groups_by_name.get(name)

    @cached_property
    def district_names(self) -> frozenset[str]:
        return frozenset(district.name for district in self.districts)

    @cached_property
    def _categories_by_name(self) -> dict[str, Category]:
        found: dict[str, Category] = {}
        for category in self.categories:
            found.setdefault(category.key, category)
            found.setdefault(category.title, category)
        return found

    @cached_property
    def _homes_of_station(self) -> dict[str, list[str]]:
        found: dict[str, list[str]] = {}
        for district in self.districts:
            for station in dict.fromkeys(district.stations):
                found.setdefault(station, []).append(district.name)
        return found

    @cached_property
    def _metrics_by_key(self) -> dict[str, Metric]:
        found: dict[str, Metric] = {}
        for metric in self.metrics:
            found.setdefault(metric.key, metric)
        return found

    @cached_property
    def _metrics_by_label(self) -> dict[str, list[Metric]]:
        found: dict[str, list[Metric]] = {}
        for metric in self.metrics:
            found.setdefault(metric.label, []).append(metric)
        return found

    def in_metric_order(self, keys: Iterable[str]) -> list[str]:
        """Metric keys in registry order, keys not registered after them alphabetically."""
        return sorted(keys, key=lambda key: (self.metric_rank(key), key))

    @cached_property
    def _metric_rank(self) -> dict[str, int]:
        return {metric.key: index for index, metric in enumerate(self.metrics)}

    @cached_property
    def group_rank(self) -> dict[str, int]:
        """A registered group's place in the registry, by its name."""
        return {group.name: index for index, group in enumerate(self.groups)}

    @cached_property
    def _groups_by_name(self) -> dict[str, Group]:
        found: dict[str, Group] = {}
        for group in self.groups:
            for name in (group.name, *group.aliases):
                found.setdefault(name, group)
        return found

    def casework_keys(self) -> frozenset[str]:
        """Categories whose entries tell about individual clients (W-full-name reads a name written
        once there, and names after 个案 and 对象 alone)."""
        chosen = self.privacy.casework_categories
        if chosen is not None:
            return frozenset(c.key for name in chosen if (c := self.category_for(name)))
        return frozenset(
            c.key for c in self.categories if "case" in c.key.lower() or "个案" in c.title
        )


@dataclass(frozen=True)
class Project:
    root: Path
    config: ProjectConfig

    @property
    def entries_dir(self) -> Path:
        return self.root / self.config.entries_dir

    @property
    def templates_dir(self) -> Path:
        return self.root / "templates"

    @property
    def names_file(self) -> Path | None:
        name = self.config.privacy.names_file
        return self.root / name if name else None

    def config_location(self, *key: str) -> Location:
        """Where the value of ``key`` (``"title"``, or ``"wechat", "cover"``) is written in
        bulletin.toml (its table's header, or line 1, when it is not)."""
        return Location(CONFIG_NAME, *locate_toml(self._config_text, key, at_value=True))

    @cached_property
    def _config_text(self) -> str:
        """bulletin.toml as read for locations: once a run, however many are asked for."""
        return (self.root / CONFIG_NAME).read_text(encoding="utf-8-sig")

    def relative(self, path: Path) -> str:
        """The POSIX path shown in messages: relative to the root when inside it."""
        try:
            return path.resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return path.as_posix()


def find_project_root(start: Path) -> Path | None:
    for folder in (start, *start.parents):
        if (folder / CONFIG_NAME).is_file():
            return folder
    return None


def load_project(explicit: Path | None = None, cwd: Path | None = None) -> Project:
    """The project named by ``--project``, else the nearest ``bulletin.toml`` upward."""
    root = locate_project(explicit, cwd)
    return Project(root, read_config(root / CONFIG_NAME))


def locate_project(explicit: Path | None = None, cwd: Path | None = None) -> Path:
    """The project's folder, without reading its config (which may be broken)."""
    start = (cwd or Path.cwd()).resolve()
    if explicit is not None:
        root = (start / explicit).resolve()
        if root.name == CONFIG_NAME and root.is_file():
            root = root.parent  # -C kaifeng/bulletin.toml: the project it is the config of
        if not (root / CONFIG_NAME).is_file():
            where = Location.command_line(explicit.as_posix())
            code = "E-no-project-here" if root.is_dir() else "E-no-project-folder"
            raise UsageError([error(where, code)])
    else:
        found = find_project_root(start)
        if found is None:
            raise UsageError([error(Location.command_line(), "E-no-project")])
        root = found
    return root


def read_config(path: Path) -> ProjectConfig:
    """Parse and validate ``bulletin.toml``; every problem is collected before raising."""
    try:
        text = read_text(path)
    except NotUtf8 as exc:
        raise UsageError([encoding_problem(CONFIG_NAME, exc)]) from None
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        position = _TOML_POSITION.search(str(exc))
        if position and position[1]:
            line, column = int(position[1]), int(position[2])
        else:  # at the end of the document: its last line
            line, column = text.count("\n") + 1, 1
        reason = _TOML_TABLE_TWICE.sub(_TABLE_TWICE, _TOML_POSITION.sub("", str(exc)).strip())
        unquoted = (
            _UNQUOTED_KEY.match(text.splitlines()[line - 1]) if reason == _BAD_STATEMENT else None
        )
        if unquoted:
            where = Location(CONFIG_NAME, line, unquoted.start(1) + 1)
            raise UsageError([error(where, "E-config-key-quotes", field=unquoted[1])]) from None
        written = first_writing(text, line) if reason == _KEY_TWICE else None
        if written:
            key, column, first = written
            where = Location(CONFIG_NAME, line, column)
            raise UsageError([error(where, "E-config-key-twice", field=key, line=first)]) from None
        raise UsageError(
            [error(Location(CONFIG_NAME, line, column), "E-config-syntax", reason=reason)]
        ) from None
    removed = _pop_credentials(raw, text) + _pop_misplaced(raw, text)
    try:
        config = ProjectConfig.model_validate(raw)
    except ValidationError as exc:
        raise UsageError(
            removed
            + problems_from_validation_error(
                exc, ProjectConfig, lambda loc, key: _toml_location(text, loc, key), toml=True
            )
        ) from None
    problems = removed + _cross_check(config, text)
    if problems:
        raise UsageError(problems)
    return config


# Keys that hold (or look like they hold) the WeChat credentials. bulletin.toml is committed and
# read by everyone with the repository, so they are refused wherever they appear.
_CREDENTIAL_KEY = re.compile(r"secret|token|password|passwd|app_?id", re.IGNORECASE)


def _pop_credentials(raw: dict[str, Any], text: str, table: tuple[str, ...] = ()) -> list[Problem]:
    """Remove credential-looking keys from ``raw`` (so that no later message can quote their
    values) and report each one where it is written."""
    problems: list[Problem] = []
    for key in list(raw):
        value = raw[key]
        if isinstance(value, dict):
            problems += _pop_credentials(value, text, (*table, key))
        elif _CREDENTIAL_KEY.search(key):
            del raw[key]
            where = _toml_location(text, (".".join(table), key) if table else (key,), True)
            problems.append(error(where, "E-config-secret", field=key))
    return problems


def _pop_misplaced(raw: dict[str, Any], text: str) -> list[Problem]:
    """Remove the keys written under a table that belong at the top of the file or in one other
    table, and say where each belongs: TOML counts every line below ``[[groups]]`` as the
    group's, so a setting added at the end of the file lands in its last table."""
    problems: list[Problem] = []
    for name, table in _TABLES.items():
        value = raw.get(name)
        for index, written in enumerate(value if isinstance(value, list) else [value]):
            if not isinstance(written, dict):
                continue
            for key in [key for key in written if key not in table.fields]:
                homes = [other.header for other in _TABLES.values() if key in other.fields]
                if key in _TOP_LEVEL:
                    code, home = "E-config-misplaced-top", ""
                elif len(homes) == 1:
                    code, home = "E-config-misplaced", homes[0]
                else:  # not a setting anywhere, or of several tables: E-unknown-field
                    continue
                del written[key]
                loc = (name, index, key) if isinstance(value, list) else (name, key)
                where = _toml_location(text, loc, at_key=True)
                problems.append(error(where, code, field=key, table=table.header, home=home))
    return problems


@dataclass(frozen=True)
class _Table:
    header: str  # as written: [wechat], [[groups]]
    fields: frozenset[str]


def _fields(model: type[BaseModel]) -> frozenset[str]:
    """The keys of ``model`` as bulletin.toml writes them (``import``, not ``import_``)."""
    return frozenset(field.alias or name for name, field in model.model_fields.items())


def _tables() -> dict[str, _Table]:
    """bulletin.toml's tables, by their name: the fields of ProjectConfig that are models or
    mappings."""
    found = {}
    for name, field in ProjectConfig.model_fields.items():
        kind = field.annotation
        is_array = typing.get_origin(kind) is list
        model = typing.get_args(kind)[0] if is_array else kind
        written = field.alias or name
        if isinstance(model, type) and issubclass(model, BaseModel):
            header = f"[[{written}]]" if is_array else f"[{written}]"
            found[written] = _Table(header, _fields(model))
        elif typing.get_origin(kind) is dict:  # [former_names]: any key, and no setting's
            found[written] = _Table(f"[{written}]", frozenset())
    return found


_TABLES = _tables()
_TOP_LEVEL = _fields(ProjectConfig)


def _toml_location(text: str, loc: Sequence[str | int], at_key: bool) -> Location:
    line, column = locate_toml(text, loc, at_value=not at_key)
    return Location(CONFIG_NAME, line, column)


def _cross_check(config: ProjectConfig, text: str) -> list[Problem]:
    """Names that must be unique, so that an entry's category or station means one thing."""
    problems: list[Problem] = []

    def repeated(table: str, field: str, values: list[str]) -> None:
        seen: set[str] = set()
        for index, value in enumerate(values):
            if value in seen:
                where = _toml_location(text, (table, index, field), at_key=False)
                problems.append(error(where, "E-config-duplicate", value=value, field=field))
            seen.add(value)

    repeated("categories", "key", [category.key for category in config.categories])
    repeated("categories", "title", [category.title for category in config.categories])
    repeated("districts", "name", [district.name for district in config.districts])
    repeated("metrics", "key", [metric.key for metric in config.metrics])
    importable = [*IMPORT_FIELDS, *(metric.key for metric in config.metrics)]
    for name in config.import_.columns:
        if name not in importable:
            where = _toml_location(text, ("import.columns", name), at_key=True)
            problems.append(
                error(
                    where,
                    "E-config-import-column",
                    value=name,
                    suggestion=did_you_mean(name, importable) or "",
                    choices=tuple(importable),
                )
            )
    _names_of_groups(config, text, problems)
    _former_names(config, text, problems)
    for key in config.trend or []:
        if config.metrics and config.metric(key) is None:
            where = _toml_location(text, ("trend",), at_key=False)
            problems.append(unknown_metric(config, key, where))
    for index, district in enumerate(config.districts):
        if len(set(district.stations)) != len(district.stations):
            where = _toml_location(text, ("districts", index, "stations"), at_key=False)
            duplicate = next(s for s in district.stations if district.stations.count(s) > 1)
            problems.append(error(where, "E-config-duplicate", value=duplicate, field="stations"))
    for code in config.check.ignore:
        refusal = cannot_ignore(code)
        if refusal:
            where = _toml_location(text, ("check", "ignore"), at_key=False)
            problems.append(error(where, "E-ignore-code", **refusal))
    for name in config.privacy.casework_categories or []:
        if config.category_for(name) is None:
            where = _toml_location(text, ("privacy", "casework_categories"), at_key=False)
            problems.append(unknown_category(config, name, where))
    return problems


def _names_of_groups(config: ProjectConfig, text: str, problems: list[Problem]) -> None:
    """Every name and alias of a target group means one group, so an entry's 低保 is unambiguous."""
    seen: set[str] = set()
    for index, group in enumerate(config.groups):
        for field, names in (("name", [group.name]), ("aliases", group.aliases)):
            for name in names:
                if name in seen:
                    where = _toml_location(text, ("groups", index, field), at_key=False)
                    problems.append(error(where, "E-config-duplicate", value=name, field=field))
                seen.add(name)


def _former_names(config: ProjectConfig, text: str, problems: list[Problem]) -> None:
    """Each former name stands for a station registered now, and is no station's name now: an
    entry's name then means one station, whichever week it was written in. (A former name given
    twice is a key written twice, which TOML refuses: E-config-key-twice.)"""
    for former, current in config.former_names.items():
        if config.districts_of_station(former):
            where = _toml_location(text, ("former_names", former), at_key=True)
            problems.append(error(where, "E-former-name-current", value=former, current=current))
        elif not config.districts_of_station(current):
            where = _toml_location(text, ("former_names", former), at_key=False)
            stations = [station for district in config.districts for station in district.stations]
            # A name renamed twice: its first name points to its second, itself a former name.
            suggestion = config.former_names.get(current) or did_you_mean(current, stations)
            problems.append(
                error(
                    where,
                    "E-former-name-unknown",
                    value=current,
                    former=former,
                    suggestion=suggestion or "",
                )
            )


def unknown_metric(config: ProjectConfig, key: str, where: Location) -> Problem:
    """Suggested by key (visitd → visited) or by label, shown with it (走访人数 → visited（走访）);
    a label that several metrics share names them, since it cannot say which is meant."""
    shown = {metric.key: f"{metric.key}（{metric.label}）" for metric in config.metrics}
    sharing = tuple(shown[metric.key] for metric in config.labelled(key))
    if len(sharing) > 1:
        return error(where, "E-metric-label-shared", value=key, choices=sharing)
    by_label = {metric.label: shown[metric.key] for metric in reversed(config.metrics)}
    near = did_you_mean(key, [*shown, *by_label]) or ""
    return error(
        where,
        "E-unknown-metric",
        value=key,
        suggestion=by_label.get(near, near),
        choices=tuple(shown.values()),
    )


def unknown_category(config: ProjectConfig, name: str, where: Location) -> Problem:
    names = [c.key for c in config.categories] + [c.title for c in config.categories]
    return error(
        where,
        "E-unknown-category",
        value=name,
        suggestion=did_you_mean(name, names) or "",
        choices=tuple(f"{c.key}（{c.title}）" for c in config.categories),
    )
