"""The 公众号's AppID and AppSecret: from the environment, or from a file outside the repository.

Never from bulletin.toml, which is committed (``config.py`` refuses credential-looking keys
there). The secret is never put into a message: problems name the file or the variable only.
"""

from __future__ import annotations

import sys
from collections.abc import Mapping
from pathlib import Path

from bulletin.config import Project
from bulletin.diagnostics import Location, MessageArg, Problem, UsageError, error
from bulletin.wechat_api import Credentials

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib  # type: ignore[import-not-found, unused-ignore]

APPID_VARIABLE = "WECHAT_APPID"
SECRET_VARIABLE = "WECHAT_APPSECRET"
FILE_KEYS = ("appid", "appsecret")


def find_credentials(project: Project, environ: Mapping[str, str]) -> Credentials | None:
    """The credentials, or None when neither the environment nor bulletin.toml names any."""
    appid = environ.get(APPID_VARIABLE, "").strip()
    secret = environ.get(SECRET_VARIABLE, "").strip()
    if appid or secret:
        if not (appid and secret):
            missing = SECRET_VARIABLE if appid else APPID_VARIABLE
            where = Location.command_line()  # the environment: no file to point at
            raise UsageError([error(where, "E-publish-credentials-partial", value=missing)])
        return Credentials(appid, secret)
    name = project.config.wechat.credentials_file
    if not name:
        return None
    path = Path(name).expanduser()
    path = (project.root / path if not path.is_absolute() else path).resolve()
    repository = _repository_root(project.root)
    if path.is_relative_to(repository):
        raise UsageError([_problem(project, "E-publish-credentials-in-repository", value=name)])
    return _read_file(project, path, name)


def require_credentials(project: Project, environ: Mapping[str, str]) -> Credentials:
    credentials = find_credentials(project, environ)
    if credentials is None:
        raise UsageError([error(Location.command_line(), "E-publish-credentials-missing")])
    return credentials


def _read_file(project: Project, path: Path, name: str) -> Credentials:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8-sig"))
    except OSError as exc:
        reason = exc.strerror or type(exc).__name__
        raise UsageError(
            [_problem(project, "E-publish-credentials-file", value=name, reason=reason)]
        ) from None
    except (UnicodeDecodeError, tomllib.TOMLDecodeError):
        # The decoder's text may quote the file, secret included: name the file only.
        raise UsageError(
            [_problem(project, "E-publish-credentials-file", value=name, reason="TOML")]
        ) from None
    values = {key: data.get(key) for key in FILE_KEYS}
    missing = tuple(
        key for key, value in values.items() if not (isinstance(value, str) and value.strip())
    )
    if missing:
        raise UsageError(
            [_problem(project, "E-publish-credentials-keys", value=name, keys=missing)]
        )
    return Credentials(str(values["appid"]).strip(), str(values["appsecret"]).strip())


def _repository_root(root: Path) -> Path:
    """The git work tree holding the project (its ``.git``), else the project itself."""
    resolved = root.resolve()
    for folder in (resolved, *resolved.parents):
        if (folder / ".git").exists():
            return folder
    return resolved


def _problem(project: Project, code: str, **args: MessageArg) -> Problem:
    return error(project.config_location("wechat", "credentials_file"), code, **args)
