"""Write output all at once: a week's folder swapped into place, a single file replaced.

What is promised:

- A failure before the swap (an error, a full disk, Ctrl+C) leaves the previous
  ``build/<week>/`` (or file) exactly as it was, and removes what was written aside.
- On Linux the swap is one ``renameat2(RENAME_EXCHANGE)``: the folder is never missing, not
  even for an instant. Elsewhere (or on a file system that cannot exchange) the old folder is
  renamed away and the new one renamed in; an interruption between the two puts the old one
  back, so only a reader looking in that instant (or a killed process) sees no folder.
- Writers of one output folder take turns (``output_lock``, an ``flock`` on the folder
  itself, where the system has one): two builds at once each write a whole bulletin, and the
  last one wins. Leftovers of a process killed mid-write (hidden ``.tmp``/``.old`` names) are
  removed by the next writer, which is then the only one.

A write that fails is an ``OutputError`` naming the path and the system's reason.
"""

from __future__ import annotations

import contextlib
import errno
import functools
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator, Mapping
from pathlib import Path
from typing import TypeVar

from bulletin.diagnostics import Location, OutputError, error

_STAGING_SUFFIX = ".tmp"
_RETIRED_SUFFIX = ".old"
_AT_FDCWD = -100
_RENAME_EXCHANGE = 2
Result = TypeVar("Result")


def write_folder(target: Path, contents: Mapping[str, bytes]) -> list[Path]:
    """Make ``target`` hold exactly ``contents`` (file name → bytes)."""

    def write() -> None:
        target.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(
            tempfile.mkdtemp(prefix=f".{target.name}.", suffix=_STAGING_SUFFIX, dir=target.parent)
        )
        try:
            for name, data in contents.items():
                path = staging / name
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(data)
            os.chmod(staging, 0o755)
            _swap_into_place(staging, target)
        finally:
            # After an exchange the staging name holds the previous folder.
            shutil.rmtree(staging, ignore_errors=True)

    reporting_failure(target, write)
    return [target / name for name in sorted(contents)]


def _swap_into_place(staging: Path, target: Path) -> None:
    if not target.exists():
        os.replace(staging, target)
    elif not _exchange(staging, target):
        _swap_in_two_steps(staging, target)


def _exchange(first: Path, second: Path) -> bool:
    """Swap two paths atomically (Linux ``renameat2``); False where that is not available."""
    import ctypes

    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (AttributeError, OSError):  # not glibc ≥ 2.28, or not Linux
        return False
    result = renameat2(
        _AT_FDCWD, os.fsencode(first), _AT_FDCWD, os.fsencode(second), _RENAME_EXCHANGE
    )
    if result == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.ENOSYS, errno.EINVAL, errno.ENOTSUP):  # the file system cannot exchange
        return False
    raise OSError(code, os.strerror(code), str(second))


def _swap_in_two_steps(staging: Path, target: Path) -> None:
    retired = Path(
        tempfile.mkdtemp(prefix=f".{target.name}.", suffix=_RETIRED_SUFFIX, dir=target.parent)
    )
    previous = retired / target.name
    try:
        os.replace(target, previous)
        try:
            os.replace(staging, target)
        except BaseException:
            os.replace(previous, target)  # the new one did not go in: the old one goes back
            raise
    finally:
        shutil.rmtree(retired, ignore_errors=True)


def write_file(path: Path, text: str, *, replace: bool = False, mode: int = 0o644) -> bool:
    """Write ``text`` whole or not at all; without ``replace`` an existing file is left alone.

    The text goes to a temporary file first; it is then hard-linked to ``path``, which fails
    when ``path`` exists (so two writers never clobber each other), or renamed over it when
    ``replace`` is asked for. Returns False when ``path`` existed and was kept.

    The text reaches the disk before it takes the name, and the name after (and so does each
    folder made for it, in its own folder): what this writes (an entry from ``new`` or
    ``import``, a publish record) may be the only copy, and a power cut must leave the old
    text or the new one, not an empty file. The index is written so too (``replace_files``);
    a build's week folder and the cache, which any run makes again, are not synced.
    """

    def write() -> bool:
        made = _missing_folders(path.parent)
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = _write_aside(path, text, mode)
        try:
            if replace:
                os.replace(temporary, path)
            else:
                try:
                    os.link(temporary, path)
                except FileExistsError:
                    return False
            for folder in (path, *made):
                _sync_folder(folder.parent)
            return True
        finally:
            if os.path.exists(temporary):
                os.unlink(temporary)

    return reporting_failure(path, write)


def replace_files(texts: Mapping[Path, str], before: Callable[[], Result]) -> Result:
    """Replace each file of ``texts`` whole, as ``write_file`` does, running ``before()`` (the
    week's folder swapped into place) once all of them are written aside and before any takes
    its name: a failure while writing them (a full disk) leaves everything as it was, and
    ``before`` is not run. Returns what ``before`` returned."""
    aside: dict[Path, str] = {}
    try:
        for path, text in texts.items():
            aside[path] = reporting_failure(path, functools.partial(_write_aside, path, text))
        result = before()
        for path, temporary in aside.items():
            reporting_failure(path, functools.partial(os.replace, temporary, path))
        for folder in {path.parent for path in aside}:
            _sync_folder(folder)
        return result
    finally:
        for temporary in aside.values():
            if os.path.exists(temporary):
                os.unlink(temporary)


def _write_aside(path: Path, text: str, mode: int = 0o644) -> str:
    """``text`` in a new hidden file next to ``path``, on disk; its name is returned."""
    handle, temporary = tempfile.mkstemp(
        prefix=f".{path.name}.", suffix=_STAGING_SUFFIX, dir=path.parent
    )
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(text.encode("utf-8"))
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temporary, mode)
    except BaseException:
        os.unlink(temporary)
        raise
    return temporary


def _missing_folders(folder: Path) -> list[Path]:
    """``folder`` and the folders above it that do not exist yet, innermost first."""
    missing = []
    while not folder.exists() and folder != folder.parent:
        missing.append(folder)
        folder = folder.parent
    return missing


def _sync_folder(folder: Path) -> None:
    """The folder's entries on disk, where a folder can be opened (not on Windows) and synced
    (not on every network file system): the file itself is already whole either way."""
    with contextlib.suppress(OSError):
        handle = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(handle)
        finally:
            os.close(handle)


@contextlib.contextmanager
def output_lock(folder: Path) -> Iterator[None]:
    """Hold ``folder`` (created if missing) for writing, against other processes.

    Without ``fcntl`` (Windows) there is no lock: two builds at once may then fail, but each
    swap still never leaves a half-written folder.
    """
    reporting_failure(folder, lambda: folder.mkdir(parents=True, exist_ok=True))
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows
        yield
        return
    handle = os.open(folder, os.O_RDONLY)
    try:
        fcntl.flock(handle, fcntl.LOCK_EX)
        _remove_leftovers(folder)
        yield
    finally:
        os.close(handle)  # releases the lock


def _remove_leftovers(folder: Path) -> None:
    """What a killed writer left aside; safe only while holding the folder's lock."""
    for path in folder.iterdir():
        if path.name.startswith(".") and path.name.endswith((_STAGING_SUFFIX, _RETIRED_SUFFIX)):
            if path.is_dir() and not path.is_symlink():
                shutil.rmtree(path, ignore_errors=True)
            else:
                path.unlink(missing_ok=True)


def reporting_failure(path: Path, write: Callable[[], Result]) -> Result:
    """``write()``, with a system failure (disk full, no permission) as an ``OutputError``."""
    try:
        return write()
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise OutputError(
            [error(Location(shown_path(path), in_project=False), "E-write", reason=reason)]
        ) from None


def shown_path(path: Path) -> str:
    """A path as a person at the terminal names it: relative to the working directory when
    below it, else absolute."""
    try:
        return path.relative_to(Path.cwd()).as_posix()
    except ValueError:
        return path.as_posix()
