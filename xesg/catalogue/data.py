"""Plain data files beside the catalogues (not catalogues themselves), parsed once."""

from __future__ import annotations

import functools
from typing import Any

from xesg.catalogue.load import bundled_root, parse_yaml


@functools.cache
def data_file(standard: str, name: str) -> dict[str, Any]:
    """``standards/<standard>/<name>`` as a mapping (e.g. ``gri``, ``gri-rules.yaml``)."""
    entry = bundled_root().joinpath(standard).joinpath(name)
    document = parse_yaml(entry.read_text(encoding="utf-8"), f"standards/{standard}/{name}")
    return document if isinstance(document, dict) else {}


def gri_omission_reasons() -> tuple[str, ...]:
    reasons = data_file("gri", "gri-rules.yaml")["reasons_for_omission"]["reasons"]
    return tuple(r["name"] for r in reasons)


def gri_not_omittable() -> frozenset[str]:
    items = data_file("gri", "gri-rules.yaml")["omission_not_permitted"]["disclosures"]
    return frozenset(str(d["code"]) for d in items)
