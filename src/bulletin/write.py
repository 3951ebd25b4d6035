"""Write output all at once: a week's folder swapped into place, a single file replaced.

A failure before the swap leaves the previous ``build/<week>/`` (or file) exactly as it was.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Mapping
from pathlib import Path


def write_folder(target: Path, texts: Mapping[str, str], files: Mapping[str, bytes]) -> list[Path]:
    """Make ``target`` hold exactly ``texts`` (written as UTF-8) and ``files`` (bytes as given)."""
    target.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent))
    contents = {**{name: text.encode("utf-8") for name, text in texts.items()}, **files}
    try:
        for name, data in contents.items():
            path = staging / name
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        _swap_into_place(staging, target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return [target / name for name in sorted(contents)]


def _swap_into_place(staging: Path, target: Path) -> None:
    os.chmod(staging, 0o755)
    if not target.exists():
        os.replace(staging, target)
        return
    retired = Path(tempfile.mkdtemp(prefix=f".{target.name}.", suffix=".old", dir=target.parent))
    os.replace(target, retired / target.name)
    os.replace(staging, target)
    shutil.rmtree(retired, ignore_errors=True)


def write_file(path: Path, text: str, *, replace: bool = False, mode: int = 0o644) -> bool:
    """Write ``text`` whole or not at all; without ``replace`` an existing file is left alone.

    The text goes to a temporary file first; it is then hard-linked to ``path``, which fails
    when ``path`` exists (so two writers never clobber each other), or renamed over it when
    ``replace`` is asked for. Returns False when ``path`` existed and was kept.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(text.encode("utf-8"))
        os.chmod(temporary, mode)
        if replace:
            os.replace(temporary, path)
            return True
        try:
            os.link(temporary, path)
        except FileExistsError:
            return False
        return True
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)
