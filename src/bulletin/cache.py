"""``.bulletin-cache/`` at the project's root: what a run worked out, for the next run.

A second ``check`` or ``build`` reads every entry file again (to know what changed, by the
hash of its bytes) but parses, validates and checks only the files that changed, searches for
duplicates only where a change can reach, converts to HTML only bodies not converted before,
and when nothing that a week's result depends on changed, takes the whole result (the
check's problems, the rendered week) as it was. Keys hold everything a result depends on: the
bytes of the files, ``bulletin.toml``, this code and the libraries it uses, the versions of
the photos and the names file (``file_version``), today's date where a rule reads it. Results are the same as a run without the
cache, byte for byte.

The folder is safe to delete and holds its own ``.gitignore``. Its files are pickles, and a
pickle can run code when loaded: each one is signed with a key kept outside the project (in
the user's cache folder), so a cache committed into a repository or copied from elsewhere is
never loaded, only replaced. A damaged or foreign file is ignored the same way; writes go
to a temporary file that then takes the name, so a file is whole or absent.
"""

from __future__ import annotations

import hashlib
import hmac
import importlib.util
import os
import pickle
import sys
import tempfile
from collections.abc import Callable, Iterable
from functools import cached_property
from pathlib import Path
from typing import Any, BinaryIO

import bulletin
from bulletin.config import CONFIG_NAME, Project

CACHE_FOLDER = ".bulletin-cache"
_MAGIC = b"bulletin-cache 1\n"
_SIGNATURE_BYTES = 32
_KEY_BYTES = 32
_CHUNK = 1 << 20
_IGNORE_ALL = b"# bulletin's cache: safe to delete\n*\n"
_NO_FOLLOW = getattr(os, "O_NOFOLLOW", 0)  # opening a link fails (not on Windows)


def digest(*parts: object) -> bytes:
    """A hash of ``parts`` (bytes as they are, anything else by its ``repr``)."""
    hashed = hashlib.blake2b(digest_size=20)
    for part in parts:
        data = part if isinstance(part, bytes) else repr(part).encode()
        hashed.update(len(data).to_bytes(8, "little"))
        hashed.update(data)
    return hashed.digest()


class Cache:
    """One run's use of the cache folder. A disabled cache (``--no-cache``, no place for the
    signing key, or a cache folder that is a symbolic link) finds nothing and keeps nothing.

    A link is never followed, neither the folder nor a file in it: the project may come from
    anyone (a pull request checked out by CI), and a committed ``.bulletin-cache`` link would
    have a check write its files wherever the link points."""

    def __init__(self, project: Project, enabled: bool = True) -> None:
        self.project = project
        self.folder = project.root / CACHE_FOLDER
        usable = enabled and not self.folder.is_symlink()
        self._key = _signing_key() if usable else None

    @property
    def enabled(self) -> bool:
        return self._key is not None

    @cached_property
    def fingerprint(self) -> bytes:
        """What every result depends on besides the entries: this code and its templates,
        the libraries it uses, the Python that runs it, the project's place and its
        ``bulletin.toml``."""
        config = (self.project.root / CONFIG_NAME).read_bytes()
        return digest(_code_fingerprint(), str(self.project.root.resolve()), config)

    def fetch(self, name: str, key: object) -> Any | None:
        """The value kept under ``name`` for ``key``; None when there is none for this key."""
        kept = self._load(name)
        if isinstance(kept, tuple) and len(kept) == 2 and kept[0] == key:
            return kept[1]
        return None

    def keep(self, name: str, key: object, value: Any) -> None:
        """Keep ``value`` under ``name``, for the next run that asks with the same ``key``."""
        self._store(name, (key, value))

    def _load(self, name: str) -> Any | None:
        """The value stored under ``name``, or None when there is none that can be trusted.

        The file is read twice, in pieces: once to check its signature, then to unpickle it,
        so that a large one is never in memory as bytes and as objects at once.
        """
        if self._key is None:
            return None
        try:
            handle = os.open(self.folder / name, os.O_RDONLY | _NO_FOLLOW)
            with os.fdopen(handle, "rb") as stream:
                if stream.read(len(_MAGIC)) != _MAGIC:
                    return None
                signature = stream.read(_SIGNATURE_BYTES)
                signer = hmac.new(self._key, digestmod=hashlib.sha256)
                while chunk := stream.read(_CHUNK):
                    signer.update(chunk)
                if not hmac.compare_digest(signature, signer.digest()):
                    return None
                stream.seek(len(_MAGIC) + _SIGNATURE_BYTES)
                return pickle.load(stream)
        except Exception:  # unreadable, or a file of another version of this code
            return None

    def _store(self, name: str, value: Any) -> None:
        """Keep ``value`` under ``name``; a cache that cannot be written is only a slower run.

        The pickle goes to the file as it is made, signed on the way (the signature's place at
        the head is filled in last), so a large value is not copied into one more blob.
        """
        if self._key is None:
            return
        try:
            self.folder.mkdir(exist_ok=True)
            ignore = self.folder / ".gitignore"
            if not ignore.exists():
                _write_atomically(ignore, lambda stream: stream.write(_IGNORE_ALL))
            _write_atomically(self.folder / name, lambda stream: self._signed(stream, value))
        except OSError:
            return

    def _signed(self, stream: BinaryIO, value: Any) -> None:
        assert self._key is not None
        signer = hmac.new(self._key, digestmod=hashlib.sha256)
        stream.write(_MAGIC + bytes(_SIGNATURE_BYTES))
        pickle.dump(value, _Signing(stream, signer), protocol=pickle.HIGHEST_PROTOCOL)
        stream.seek(len(_MAGIC))
        stream.write(signer.digest())


class _Signing:
    """A file to write to that signs what goes through it."""

    def __init__(self, stream: BinaryIO, signer: hmac.HMAC) -> None:
        self.stream = stream
        self.signer = signer

    def write(self, data: bytes) -> int:
        self.signer.update(data)
        return self.stream.write(data)


def _write_atomically(path: Path, write: Callable[[BinaryIO], object]) -> None:
    """``write`` fills a temporary file, which then takes the name: whole, or not there."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
    try:
        with os.fdopen(handle, "wb") as stream:
            write(stream)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def _signing_key() -> bytes | None:
    """This user's key, made at first use, in ``$XDG_CACHE_HOME/bulletin`` (``~/.cache``)."""
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    path = Path(base) / "bulletin" / "cache-key"
    try:
        key = path.read_bytes()
    except FileNotFoundError:
        key = b""
    except OSError:
        return None
    if len(key) != _KEY_BYTES:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            # Two runs at once may both make one: either is good, and one of them stays.
            _write_atomically(path, lambda stream: stream.write(os.urandom(_KEY_BYTES)))
            key = path.read_bytes()
        except OSError:
            return None
    return key if len(key) == _KEY_BYTES else None


# The libraries whose work the cache keeps: parsing, validating, converting Markdown,
# rendering, preparing photos. Installing another version rewrites their files.
_LIBRARIES = ("yaml", "pydantic", "pydantic_core", "markdown", "nh3", "jinja2", "markupsafe", "PIL")


def _code_fingerprint() -> bytes:
    """This version of bulletin: its files' names, sizes and times (an edit in a checkout
    changes it), with the Python version, since pickles hold objects of both, and the
    versions of the libraries it uses, as the times and sizes of their first files."""
    from bulletin.render import builtin_templates_dir

    package = Path(bulletin.__file__).parent
    libraries = [(name, _origin_version(name)) for name in _LIBRARIES]
    return digest(
        bulletin.__version__,
        sys.version,
        list(_file_versions(package.rglob("*.py"))),
        list(_file_versions(builtin_templates_dir().rglob("*"))),
        libraries,
    )


def _origin_version(module: str) -> FileVersion | None:
    """The version of the file a module is loaded from, found without importing it."""
    spec = importlib.util.find_spec(module)
    return file_version(Path(spec.origin)) if spec is not None and spec.origin else None


# A file's size, modification time, change time and inode number.
FileVersion = tuple[int, int, int, int]


def file_version(path: Path) -> FileVersion | None:
    """What tells that a file changed, read from one ``stat`` (None when it is not there).

    The size and the modification time alone miss a file replaced by another of the same size
    whose time was kept (``cp -p``, ``rsync -a``, ``tar x``, unzip all set it back). The
    change time cannot be set back (writing the file or setting its times moves it), and a
    file put in place by renaming has another inode: a photo that is new is never taken for
    the old one. Hashing the bytes instead would read every photo on every run.
    """
    try:
        return version_of(path.stat())
    except OSError:
        return None


def version_of(status: os.stat_result) -> FileVersion:
    """``file_version`` from a ``stat`` already made."""
    return status.st_size, status.st_mtime_ns, status.st_ctime_ns, status.st_ino


def _file_versions(paths: Iterable[Path]) -> Iterable[tuple[str, int, int, int, int]]:
    for path in sorted(paths):
        if (version := file_version(path)) is not None:
            yield path.as_posix(), *version
