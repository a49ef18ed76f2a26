"""Shared fixtures: the bundled sample site and a small fixture site, each built once per session."""
from __future__ import annotations

import dataclasses
import datetime as dt
import io
import shutil
from pathlib import Path

import pytest

from generator.build import BuildResult, build
from generator.config import load_config
from generator.problems import Problems

ROOT = Path(__file__).resolve().parent.parent
MINI = Path(__file__).resolve().parent / "fixtures" / "mini"
SAMPLE_TODAY = dt.date(2026, 11, 26)


def build_project(project: Path, output: Path, today: dt.date | None = None, options=None, **overrides) -> BuildResult:
    config, warnings = load_config(project / "config.yaml", output)
    if today:
        config = dataclasses.replace(config, today=today)
    if overrides:
        config = dataclasses.replace(config, **overrides)
    return build(config, Problems(warnings), options=options)


@pytest.fixture(scope="session")
def sample(tmp_path_factory) -> BuildResult:
    """The bundled sample content, built as on 2026-11-26."""
    return build_project(ROOT, tmp_path_factory.mktemp("sample") / "output", SAMPLE_TODAY)


@pytest.fixture(scope="session")
def mini(tmp_path_factory) -> BuildResult:
    return build_project(MINI, tmp_path_factory.mktemp("mini") / "output")


@pytest.fixture
def project(tmp_path) -> Path:
    """A writable copy of the mini fixture project, for tests that break or change content."""
    target = tmp_path / "project"
    shutil.copytree(MINI, target, ignore=shutil.ignore_patterns(".bulletin-cache"))  # each copy makes its own PDFs
    return target


def read(result: BuildResult, path: str) -> str:
    return (result.config.output_dir / path).read_text(encoding="utf-8")


SECOND = Path(__file__).resolve().parent / "fixtures" / "second"


@pytest.fixture(scope="session")
def second(tmp_path_factory) -> BuildResult:
    """A second school's content (a middle school: longer titles, a book without a cover, three
    borrowing times a day), for the printables' and pages' looks."""
    return build_project(SECOND, tmp_path_factory.mktemp("second") / "output")


def phone_photo(width: int = 4000, height: int = 3000, orientation: int = 6, quality: int = 92) -> bytes:
    """A cover as a phone stores its photo: width×height JPEG pixels (with the grain of a photo,
    3–8 MB at 4000×3000) and an EXIF orientation saying how to turn them. Orientation 6 (the phone
    held upright) turns the stored left edge to the top: upright, the top quarter is red, the rest blue."""
    from PIL import Image, ImageDraw
    image = Image.new("RGB", (width, height), (40, 60, 160))
    draw = ImageDraw.Draw(image)
    if orientation == 6:
        draw.rectangle((0, 0, width // 4, height), fill=(200, 30, 30))
    else:
        draw.rectangle((0, 0, width, height // 4), fill=(200, 30, 30))
    image = Image.blend(image, Image.effect_noise((width, height), 60).convert("RGB"), 0.2)
    exif = Image.Exif()
    exif[0x0112] = orientation
    exif[0x010F] = "PhoneMaker"  # a camera maker: gone from the published sizes with the rest of EXIF
    out = io.BytesIO()
    image.save(out, "JPEG", quality=quality, exif=exif)
    return out.getvalue()
