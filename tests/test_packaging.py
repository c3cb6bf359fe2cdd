"""The wheel carries the catalogues, and xesg finds them when imported from the wheel."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    pytest.importorskip("hatchling")
    from hatchling.builders.wheel import WheelBuilder

    out = tmp_path_factory.mktemp("wheel")
    builder = WheelBuilder(str(ROOT))
    (path,) = list(builder.build(directory=str(out), versions=["standard"]))
    return Path(path)


def test_wheel_contains_catalogues_and_entry_point(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    assert "xesg/standards/hkex/esg-guide-2020.yaml" in names
    assert "xesg/standards/gri/gri-2-2021.yaml" in names
    entry_points = next(n for n in names if n.endswith("entry_points.txt"))
    assert "xesg = xesg.cli:main" in zipfile.ZipFile(wheel).read(entry_points).decode()


def test_catalogues_load_from_the_installed_wheel(wheel: Path, tmp_path: Path) -> None:
    # Import xesg from the wheel itself (a zip on sys.path), far from the source checkout.
    code = (
        "import xesg, xesg.catalogue.load as l;"
        "assert '.whl' in xesg.__file__, xesg.__file__;"
        "s = l.bundled();"
        "print(len(s.catalogues), sorted(s.standards))"
    )
    env = {**os.environ, "PYTHONPATH": str(wheel)}
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=tmp_path, env=env, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    count, standards = done.stdout.split(" ", 1)
    assert int(count) >= 50
    assert "hkex" in standards and "gri" in standards
