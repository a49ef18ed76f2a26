"""Shared fixtures: the bundled sample site and a small fixture site, each built once per session."""
from __future__ import annotations

import dataclasses
import datetime as dt
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
