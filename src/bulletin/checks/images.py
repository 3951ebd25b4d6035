"""Photos that should not go out as they are: too large, or carrying where they were taken."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from bulletin.checks.context import CheckContext
from bulletin.diagnostics import Problem, warning
from bulletin.model import Entry

MEGABYTE = 1024 * 1024
GPS_IFD = 0x8825
GPS_LATITUDE, GPS_LONGITUDE = 2, 4
# EXIF sits at the start of a JPEG (APP1 "Exif") and in an early PNG chunk ("eXIf"); files
# without either marker are passed over without opening them as images.
_EXIF_MARKERS = (b"Exif\x00\x00", b"eXIf")
_HEAD_BYTES = 64 * 1024


def image_size(entry: Entry, context: CheckContext) -> Iterator[Problem]:
    limit = context.project.config.check.max_image_mb
    for image in entry.images:
        size = image.path.stat().st_size / MEGABYTE
        if size > limit:
            yield warning(
                image.location,
                "W-image-size",
                value=context.project.relative(image.path),
                size=f"{size:.1f}",
                limit=f"{limit:g}",
            )


def image_gps(entry: Entry, context: CheckContext) -> Iterator[Problem]:
    for image in entry.images:
        if has_gps(image.path):
            yield warning(image.location, "W-image-gps", value=context.project.relative(image.path))


def has_gps(path: Path) -> bool:
    """Whether the photo's EXIF holds a latitude or longitude."""
    with path.open("rb") as file:
        head = file.read(_HEAD_BYTES)
    if not any(marker in head for marker in _EXIF_MARKERS):
        return False
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(path) as picture:
            gps = picture.getexif().get_ifd(GPS_IFD)
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError):
        return False  # not readable as an image: the build reports that, not this check
    return GPS_LATITUDE in gps or GPS_LONGITUDE in gps
