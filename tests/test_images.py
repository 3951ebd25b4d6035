"""Photos as published: small enough for WeChat, upright, and never carrying where they were taken."""

from __future__ import annotations

import random
import re
from pathlib import Path

import pytest
from PIL import Image

from helpers import MINIMAL_TOML, write_project

GPS_IFD = 0x8825
ORIENTATION = 0x0112
WEEK = "entries/2022-W47"


def photo_project(tmp_path: Path, images: list[str]) -> Path:
    listed = "".join(f"\n      - {name}" for name in images)
    return write_project(
        tmp_path / "p",
        MINIMAL_TOML,
        {
            f"{WEEK}/a.yaml": f"category: visits\ndate: 2022-11-21\nbody: 入户走访。\nimages:{listed}\n"
        },
    )


def noise(width: int, height: int) -> Image.Image:
    """A photo-like worst case for compression, the same on every run."""
    return Image.frombytes("RGB", (width, height), random.Random(7).randbytes(width * height * 3))


def with_gps(image: Image.Image) -> Image.Exif:
    exif = image.getexif()
    exif[ORIENTATION] = 1
    gps = exif.get_ifd(GPS_IFD)
    gps.update({1: "N", 2: (34.0, 47.0, 52.8), 3: "E", 4: (114.0, 20.0, 31.2)})
    return exif


def built_images(run, project: Path) -> list[Path]:  # type: ignore[no-untyped-def]
    code, out, err = run(project, "build", "2022-W47", "-f", "md", "-f", "html", "-f", "wechat")
    assert code == 0, out + err
    return sorted((project / "build/2022-W47/images").iterdir())


@pytest.mark.parametrize("suffix", ["jpg", "png"])
def test_a_photos_gps_position_never_reaches_the_bulletin(tmp_path: Path, run, suffix: str) -> None:  # type: ignore[no-untyped-def]
    project = photo_project(tmp_path, [f"home.{suffix}"])
    photo = noise(64, 48)
    photo.save(project / WEEK / f"home.{suffix}", exif=with_gps(photo))
    assert Image.open(project / WEEK / f"home.{suffix}").getexif().get_ifd(GPS_IFD)

    [published] = built_images(run, project)
    with Image.open(published) as image:
        assert len(image.getexif()) == 0 and not image.getexif().get_ifd(GPS_IFD)
        assert not {"exif", "xmp", "XML:com.adobe.xmp", "icc_profile"} & set(image.info)
    assert b"Exif" not in published.read_bytes()


def test_a_large_photo_is_resized_under_a_megabyte_and_shared_by_every_format(
    tmp_path: Path, run
) -> None:  # type: ignore[no-untyped-def]
    project = photo_project(tmp_path, ["big.png"])
    noise(2400, 1600).save(project / WEEK / "big.png")  # ~11 MB: too large as PNG
    [published] = built_images(run, project)
    assert published.suffix == ".jpg" and published.stat().st_size < 1_000_000
    with Image.open(published) as image:
        assert (image.format, image.size) == ("JPEG", (1080, 720))
    folder = project / "build/2022-W47"
    for name in ("bulletin.md", "bulletin.html", "wechat.fragment.html"):
        assert re.findall(r"images/[0-9a-f]+\.\w+", (folder / name).read_text("utf-8")) == [
            f"images/{published.name}"
        ], name


def test_a_photo_is_turned_upright_before_its_orientation_tag_is_dropped(
    tmp_path: Path, run
) -> None:  # type: ignore[no-untyped-def]
    project = photo_project(tmp_path, ["phone.jpg"])
    photo = noise(400, 300)
    exif = photo.getexif()
    exif[ORIENTATION] = 6  # stored sideways: shown rotated by 90°
    photo.save(project / WEEK / "phone.jpg", exif=exif)
    [published] = built_images(run, project)
    assert Image.open(published).size == (300, 400)


def test_names_stay_the_same_across_builds_and_a_repeated_photo_is_written_once(
    tmp_path: Path, run
) -> None:  # type: ignore[no-untyped-def]
    project = photo_project(tmp_path, ["a.png", "b.png"])
    noise(40, 30).save(project / WEEK / "a.png")
    noise(40, 30).save(project / WEEK / "b.png")  # the same picture under another name
    first = built_images(run, project)
    assert len(first) == 1
    assert [p.read_bytes() for p in built_images(run, project)] == [p.read_bytes() for p in first]


def test_a_damaged_photo_is_an_error_at_its_entry_and_nothing_is_written(
    tmp_path: Path, run
) -> None:  # type: ignore[no-untyped-def]
    project = photo_project(tmp_path, ["broken.jpg"])
    (project / WEEK / "broken.jpg").write_bytes(b"\xff\xd8 not really a photo")
    code, _, err = run(project, "build", "2022-W47")
    assert code == 1
    assert f"{WEEK}/a.yaml:5:9: error:" in err and "[E-image-format]" in err
    assert "broken.jpg" in err and "未生成任何文件" in err
    assert not (project / "build").exists()


@pytest.mark.parametrize("suffix", ["jpg", "png"])
def test_a_photo_cut_short_is_said_in_chinese(tmp_path: Path, run, suffix: str) -> None:  # type: ignore[no-untyped-def]
    """Pillow's English ("image file is truncated (151 bytes not processed)") reached workers."""
    project = photo_project(tmp_path, [f"cut.{suffix}"])
    photo = project / WEEK / f"cut.{suffix}"
    noise(64, 64).save(photo)
    photo.write_bytes(photo.read_bytes()[: photo.stat().st_size // 2])
    code, out, _ = run(project, "check")
    assert code == 1 and "[E-image-truncated]" in out
    assert "不完整" in out and "runcated" not in out.replace("E-image-truncated", "")


@pytest.mark.parametrize("name", ["IMG_0001.HEIC", "IMG_0002.jpg"])
def test_an_iphone_photo_is_told_to_be_converted_to_jpg(tmp_path: Path, run, name: str) -> None:  # type: ignore[no-untyped-def]
    """It was 'not an entry' and 'not a JPEG … perhaps only its extension was changed'."""
    project = photo_project(tmp_path, [name])
    heic_start = b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00mif1heic" + bytes(64)
    (project / WEEK / name).write_bytes(heic_start)
    code, out, _ = run(project, "check")
    assert code == 1
    assert re.findall(r"\[([EW]-[a-z-]+)\]", out) == ["W-short-body", "E-image-heic"]
    assert "HEIC" in out and "JPG" in out
