"""The validated-catalogue cache: used when fresh, ignored when stale or corrupt."""

from __future__ import annotations

from pathlib import Path

import pytest

from xesg.catalogue import cache, crosswalk, data
from xesg.catalogue.schema import Catalogue, Disclosure, Source

ONE = (
    Catalogue(
        id="mine-1",
        standard="hkex",
        title="Mine",
        edition="1",
        source=Source(document="Mine", publisher="Me"),
        disclosures=(
            Disclosure(code="A1", title="Emissions", level="comply-or-explain", kind="general"),
        ),
    ),
)


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XESG_CACHE_DIR", str(tmp_path))
    return tmp_path


def test_second_load_comes_from_the_cache(cache_dir: Path) -> None:
    assert cache.cached("c", [b"yaml"], lambda: ONE) == ONE
    (written,) = cache_dir.glob("c-*.json")

    def must_not_build() -> tuple[Catalogue, ...]:
        raise AssertionError("the cache was not used")

    assert cache.cached("c", [b"yaml"], must_not_build) == ONE
    assert written.exists()


def test_changed_sources_miss_the_cache(cache_dir: Path) -> None:
    cache.cached("c", [b"yaml"], lambda: ONE)
    built = []
    cache.cached("c", [b"yaml, edited"], lambda: built.append(1) or ONE)
    assert built == [1]
    assert len(list(cache_dir.glob("c-*.json"))) == 2


def test_corrupt_or_tampered_cache_is_rebuilt(cache_dir: Path) -> None:
    cache.cached("c", [b"yaml"], lambda: ONE)
    (path,) = cache_dir.glob("c-*.json")
    path.write_text('[{"id": "mine-1", "unexpected": true}]', encoding="utf-8")
    built = []
    assert cache.cached("c", [b"yaml"], lambda: built.append(1) or ONE) == ONE
    assert built == [1]


def test_unwritable_cache_directory_is_harmless(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("not a directory", encoding="utf-8")
    monkeypatch.setenv("XESG_CACHE_DIR", str(blocker / "cache"))
    assert cache.cached("c", [b"yaml"], lambda: ONE) == ONE


@pytest.mark.parametrize("load", ["crosswalk", "data"])
def test_data_files_come_from_the_cache_as_they_came_from_the_yaml(
    cache_dir: Path, monkeypatch: pytest.MonkeyPatch, load: str
) -> None:
    def read() -> object:
        crosswalk.crosswalk.cache_clear()
        data.data_file.cache_clear()
        if load == "crosswalk":
            return crosswalk.crosswalk()
        return data.data_file("gri", "gri-rules.yaml")

    from_yaml = read()
    assert list(cache_dir.glob("*.json"))

    def no_yaml(text: str, name: str) -> object:
        raise AssertionError(f"{name} was parsed again")

    monkeypatch.setattr(crosswalk, "parse_yaml", no_yaml)
    monkeypatch.setattr(data, "parse_yaml", no_yaml)
    assert read() == from_yaml
    crosswalk.crosswalk.cache_clear()
    data.data_file.cache_clear()


def test_a_yaml_date_in_a_data_file_reads_as_its_iso_string(cache_dir: Path) -> None:
    data.data_file.cache_clear()
    items = data.data_file("gri", "gri-rules.yaml")["partial_withdrawals"]["items"]
    assert items[0]["from"] == "2027-01-01"
    data.data_file.cache_clear()
