"""Plain data files beside the catalogues (not catalogues themselves), parsed once."""

from __future__ import annotations

import functools
import re
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


def sasb_industries() -> dict[str, str]:
    """SASB industry prefix (``TC-HW``) → industry name, all 77."""
    data = data_file("sasb", "industries.yaml")
    return {str(i["prefix"]): str(i["name"]) for i in data["industries"]}


def sasb_code_problem(code: str) -> str | None:
    """Why ``code`` is not a valid SASB code (grammar, known industry), or None."""
    grammar = data_file("sasb", "industries.yaml")["code_grammar"]
    shapes = (grammar["accounting_metric"], grammar["activity_metric"])
    if not any(re.fullmatch(shape.strip("^$"), code) for shape in shapes):
        return "does not follow the SASB code grammar (SS-II-NNNx.N or SS-II-000.X)"
    prefix = "-".join(code.split("-")[:2])
    if prefix not in sasb_industries():
        return f"{prefix} is not one of the 77 SASB industries"
    return None
