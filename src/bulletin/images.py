"""Photos made ready for publishing: the one place an entry's image becomes an output file.

WeChat's body-image upload takes JPEG or PNG under 1 MB, and its column is 677 px wide (1080
covers phones at 2-3× density). Metadata is never carried over: EXIF of a phone photo holds
the GPS position of where it was taken, often a client's home. The file is named by the hash
of the original and of how it is processed (not of the output, whose bytes may change with
the Pillow version), so rebuilds give the same names and two photos never clash.
"""

from __future__ import annotations

import functools
import hashlib
import io
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from bulletin.cache import FileVersion, version_of
from bulletin.diagnostics import Location, MessageArg, Problem, error
from bulletin.textfile import megabytes

if TYPE_CHECKING:
    from PIL import Image as PILImage

# The formats phones and WeChat give. No other decoder of Pillow's is ever handed a file (some
# call out to other programs), whatever its name says.
FORMATS = ("JPEG", "PNG", "GIF", "WEBP")
# 8000 × 6000 (a 48-megapixel phone) passes; a 50,000 × 50,000 PNG of a few KB (a
# decompression bomb) is refused from its header, before any pixel is decoded.
MAX_PIXELS = 50_000_000
MAX_WIDTH = 1080
MAX_BYTES = 1_000_000
JPEG_QUALITIES = (85, 75, 65, 55)
SHRINK_STEP = 0.75  # when even the lowest quality is too large (very tall images)
WHITE = (255, 255, 255)
# Part of every name: change it whenever the processing changes, so names follow.
RECIPE = f"v1 width<={MAX_WIDTH} bytes<{MAX_BYTES} jpeg{JPEG_QUALITIES} shrink{SHRINK_STEP}"


@dataclass(frozen=True)
class PreparedImage:
    name: str  # content hash and extension, e.g. ``3f1c…e2.jpg``
    data: bytes


@dataclass(frozen=True)
class ImageFault:
    """Why a photo cannot be published: a code of ``messages.CATALOG`` and its facts."""

    code: str
    facts: dict[str, MessageArg]


class TooManyPixels(Exception):
    def __init__(self, width: int, height: int) -> None:
        super().__init__(f"{width}×{height}")
        self.fault = ImageFault(
            "E-image-pixels",
            {
                "width": width,
                "height": height,
                "limit_wan": f"{MAX_PIXELS // 10_000}",
                "limit_mp": f"{MAX_PIXELS // 1_000_000}",
            },
        )


# The brands an HEIF file (an iPhone's HEIC photo) names in its first box, which no decoder
# here reads, and WeChat does not show.
_HEIF_BRANDS = frozenset({b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"mif1", b"msf1"})


def image_fault(path: Path, max_bytes: int) -> ImageFault | None:
    """Why the photo at ``path`` cannot be published, found without preparing it; None if it can.

    For ``check``: a file over ``max_bytes`` is not read; the header must be a photo's, with
    at most ``MAX_PIXELS``; and the photo must be whole (a PNG's chunks are checked, a JPEG
    is decoded at an eighth of its size, which is cheap).
    """
    too_large = _size_fault(path, max_bytes)
    if too_large is not None:
        return too_large
    data = path.read_bytes()
    if data[4:8] == b"ftyp" and data[8:12] in _HEIF_BRANDS:  # an iPhone's photo, whatever its name
        return ImageFault("E-image-heic", {})
    try:
        with _open(data) as opened:
            if opened.format == "PNG":
                opened.verify()
            else:
                opened.draft(None, (opened.width // 8, opened.height // 8))
                opened.load()
    except Exception as exc:
        return fault_of(exc)
    return None


def fault_of(exc: Exception) -> ImageFault:
    """What went wrong opening or decoding a photo: a damaged file can fail deep in any
    decoder, in any way."""
    from PIL import UnidentifiedImageError

    if isinstance(exc, TooManyPixels):
        return exc.fault
    if isinstance(exc, UnidentifiedImageError):  # its text names a memory address
        return ImageFault("E-image-format", {"formats": FORMATS})
    reason = str(exc)
    if "truncated" in reason.lower():  # Pillow's words for a file that ends too soon
        return ImageFault("E-image-truncated", {})
    return ImageFault("E-image-unreadable", {"reason": reason})


def _size_fault(path: Path, max_bytes: int) -> ImageFault | None:
    size = path.stat().st_size
    if size <= max_bytes:
        return None
    return ImageFault("E-image-too-large", {"size": megabytes(size), "limit": megabytes(max_bytes)})


def _open(data: bytes) -> PILImage.Image:
    """The photo with only its header read; ``TooManyPixels`` before any decoding."""
    from PIL import Image

    # Pillow's own bomb check is looser and names no size; the one below replaces it.
    Image.MAX_IMAGE_PIXELS = None
    opened = Image.open(io.BytesIO(data), formats=FORMATS)
    if opened.width * opened.height > MAX_PIXELS:
        opened.close()
        raise TooManyPixels(opened.width, opened.height)
    return opened


def prepare_images(
    sources: Iterable[tuple[Path, Callable[[], Location]]], max_bytes: int
) -> tuple[dict[Path, PreparedImage], list[Problem]]:
    """Each distinct photo once; one that cannot be published is a problem at the entry that
    names it (located only then: see ``load.Written``)."""
    prepared: dict[Path, PreparedImage] = {}
    problems: list[Problem] = []
    for path, where in sources:
        if path in prepared:
            continue
        try:
            fault = _size_fault(path, max_bytes)
            if fault is None:
                prepared[path] = _prepared_once(path, version_of(path.stat()))
        except Exception as exc:
            fault = fault_of(exc)
        if fault is not None:
            problems.append(error(where(), fault.code, value=path.name, **fault.facts))
    return prepared, problems


@functools.lru_cache(maxsize=128)
def _prepared_once(path: Path, version: FileVersion) -> PreparedImage:
    """A long-lived process (``bulletin serve``) prepares each version of a photo once."""
    return prepare_image(path)


def prepare_image(path: Path) -> PreparedImage:
    from PIL import ImageOps

    original = path.read_bytes()
    name = hashlib.sha256(RECIPE.encode() + original).hexdigest()[:16]
    with _open(original) as opened:
        keep_png = opened.format == "PNG"
        # A large JPEG is decoded at a half, quarter or eighth of its size (still at least
        # MAX_WIDTH each way): far less memory and time than decoding it whole.
        opened.draft(None, (MAX_WIDTH, MAX_WIDTH))
        # Turn the pixels the way the camera's orientation tag says, since the tag goes too.
        upright = ImageOps.exif_transpose(opened)
    pixels = _pixels_only(upright)
    if pixels.width > MAX_WIDTH:
        pixels = _scaled(pixels, MAX_WIDTH / pixels.width)
    while True:
        data, suffix = _encode(pixels, keep_png)
        if len(data) < MAX_BYTES:
            return PreparedImage(f"{name}{suffix}", data)
        pixels = _scaled(pixels, SHRINK_STEP)


def _pixels_only(image: PILImage.Image) -> PILImage.Image:
    """A new image holding the pixels and nothing else: no EXIF, XMP, ICC or text chunks."""
    from PIL import Image

    has_alpha = image.mode in ("RGBA", "LA", "PA") or "transparency" in image.info
    mode = "RGBA" if has_alpha else "RGB"
    converted = image.convert(mode)
    return Image.frombytes(mode, converted.size, converted.tobytes())


def _scaled(image: PILImage.Image, factor: float) -> PILImage.Image:
    from PIL import Image

    size = (max(1, round(image.width * factor)), max(1, round(image.height * factor)))
    return image.resize(size, Image.Resampling.LANCZOS)


def _encode(image: PILImage.Image, try_png: bool) -> tuple[bytes, str]:
    """PNG stays PNG when it fits; otherwise the smallest JPEG quality step that fits."""
    if try_png:
        png = _save(image, "PNG", optimize=True)
        if len(png) < MAX_BYTES:
            return png, ".png"
    opaque = _on_white(image)
    jpeg = b""
    for quality in JPEG_QUALITIES:
        jpeg = _save(opaque, "JPEG", quality=quality, optimize=True)
        if len(jpeg) < MAX_BYTES:
            break
    return jpeg, ".jpg"


def _on_white(image: PILImage.Image) -> PILImage.Image:
    from PIL import Image

    if image.mode != "RGBA":
        return image
    flat = Image.new("RGB", image.size, WHITE)
    flat.paste(image, mask=image.getchannel("A"))
    return flat


def _save(image: PILImage.Image, kind: str, **options: object) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, kind, **options)
    return buffer.getvalue()
