"""Plain data files beside the catalogues (not catalogues themselves), parsed once per
process and cached as JSON across runs (:mod:`xesg.catalogue.cache`)."""

from __future__ import annotations

import functools
import re
from typing import Any

from pydantic import TypeAdapter

from xesg.catalogue.cache import cached_as
from xesg.catalogue.descriptors import bundled_root
from xesg.catalogue.safe_yaml import parse_yaml
from xesg.catalogue.set import CatalogueSet

_MAPPING = TypeAdapter(dict[str, Any])


@functools.cache
def data_file(standard: str, name: str) -> dict[str, Any]:
    """``standards/<standard>/<name>`` as a mapping (e.g. ``gri``, ``gri-rules.yaml``), as
    JSON would hold it (a YAML date is its ISO string) whether or not it came from the cache."""
    data = bundled_root().joinpath(standard).joinpath(name).read_bytes()

    def parse() -> dict[str, Any]:
        document = parse_yaml(data.decode("utf-8"), f"standards/{standard}/{name}")
        mapping = document if isinstance(document, dict) else {}
        return _MAPPING.validate_json(_MAPPING.dump_json(mapping))

    return cached_as(f"data-{standard}-{name}", [data], _MAPPING, parse)


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
    prefix = sasb_prefix(code)
    if prefix not in sasb_industries():
        return f"{prefix} is not one of the 77 SASB industries"
    return None


def sasb_prefix(code: str) -> str:
    """The industry of a SASB code: ``TC-HW`` of ``TC-HW-230a.1``."""
    return "-".join(code.split("-")[:2])


def sasb_unconfirmed(code: str) -> str | None:
    """Why ``code`` may be a real SASB metric although no bundled edition lists it
    (``unconfirmed_codes`` in ``industries.yaml``: a gap in its industry's numbering that no
    source fills), or None. IDX002 then warns instead of calling it no code, and ``xesg
    standards show`` says the same."""
    reasons = data_file("sasb", "industries.yaml").get("unconfirmed_codes") or {}
    reason = reasons.get(code)
    return str(reason) if reason else None


def sasb_unknown(code: str, catalogues: CatalogueSet) -> str | None:
    """Why ``code`` is not a SASB metric, or None when it is one. A code of an industry whose
    metric list is loaded must be in that list (any edition); otherwise the code must follow
    the SASB grammar and name one of the 77 industries. ``xesg standards show`` and IDX002
    both ask this, so that they always agree on whether a code exists."""
    if catalogues.lookup("sasb", code):
        return None
    own = catalogues.sasb_industry(sasb_prefix(code))
    if own:
        return f"is not a code of {', '.join(sorted(c.id for c in own))}"
    return sasb_code_problem(code)
