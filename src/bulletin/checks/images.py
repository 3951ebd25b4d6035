"""Photos that cannot go out (damaged, not photos, too large to read, bombs) and photos that
should not go out as they are: large, carrying where they were taken, or listed twice."""

from __future__ import annotations

import functools
from collections.abc import Iterator
from pathlib import Path

from bulletin.cache import FileVersion, version_of
from bulletin.checks.context import CheckContext
from bulletin.diagnostics import Problem, error, warning
from bulletin.images import FORMATS, ImageFault, image_fault
from bulletin.model import Entry, Image
from bulletin.textfile import MEGABYTE

GPS_IFD = 0x8825
GPS_LATITUDE, GPS_LONGITUDE = 2, 4
# EXIF sits at the start of a JPEG (APP1 "Exif") and in an early PNG chunk ("eXIf"); files
# without either marker are passed over without opening them as images.
_EXIF_MARKERS = (b"Exif\x00\x00", b"eXIf")
_HEAD_BYTES = 64 * 1024


def image_readable(entry: Entry, context: CheckContext) -> Iterator[Problem]:
    """An error for each photo ``build`` could not publish, so that ``check`` finds it too."""
    for image in entry.images:
        fault = context.once("fault", image.path, functools.partial(_fault_now, context))
        if fault is not None:
            value = context.project.relative(image.path)
            yield error(image.location, fault.code, value=value, **fault.facts)


def _fault_now(context: CheckContext, path: Path) -> ImageFault | None:
    version = context.once("stat", path, Path.stat)
    max_bytes = context.project.config.check.max_image_bytes
    return _fault_once(path, version_of(version), max_bytes)


@functools.lru_cache(maxsize=256)
def _fault_once(path: Path, version: FileVersion, max_bytes: int) -> ImageFault | None:
    """A long-lived process (``bulletin serve``) looks at each version of a photo once."""
    return image_fault(path, max_bytes)


def image_size(entry: Entry, context: CheckContext) -> Iterator[Problem]:
    """Large but still read (above ``max_image_bytes`` the photo is refused instead)."""
    settings = context.project.config.check
    for image in entry.images:
        size = context.once("stat", image.path, Path.stat).st_size
        if settings.max_image_mb * MEGABYTE < size <= settings.max_image_bytes:
            yield warning(
                image.location,
                "W-image-size",
                value=context.project.relative(image.path),
                size=f"{size / MEGABYTE:.1f}",
                limit=f"{settings.max_image_mb:g}",
            )


def image_gps(entry: Entry, context: CheckContext) -> Iterator[Problem]:
    for image in entry.images:
        if context.once("gps", image.path, has_gps):
            yield warning(image.location, "W-image-gps", value=context.project.relative(image.path))


def image_twice(entry: Entry, context: CheckContext) -> Iterator[Problem]:
    """The same photo listed again in one entry (photos/a.jpg and photos\\a.jpg name one file),
    which the bulletin would show twice: quoted as written on that line."""
    if len(entry.images) < 2:
        return
    first: dict[Path, int] = {}
    for number, image in enumerate(entry.images, 1):
        earlier = first.setdefault(image.path, number)
        if earlier != number:
            yield warning(image.location, "W-image-twice", value=_as_written(image), first=earlier)


def _as_written(image: Image) -> str:
    """What the worker wrote for ``image``: the item, or its ``src:``."""
    written = image.written.value()
    if isinstance(written, dict):
        written = written.get("src")
    return str(written) if written is not None else image.path.name


def has_gps(path: Path) -> bool:
    """Whether the photo's EXIF holds a latitude or longitude."""
    with path.open("rb") as file:
        head = file.read(_HEAD_BYTES)
    if not any(marker in head for marker in _EXIF_MARKERS):
        return False
    from PIL import Image

    try:
        with Image.open(path, formats=FORMATS) as picture:
            gps = picture.getexif().get_ifd(GPS_IFD)
    except Exception:  # not readable as a photo: image_readable reports that, not this check
        return False
    return GPS_LATITUDE in gps or GPS_LONGITUDE in gps
