"""The crosswalk between standards (``standards/crosswalk.yaml``): which disclosure of one
standard is covered, wholly or partly, by a disclosure of another."""

from __future__ import annotations

import functools
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError

from xesg.catalogue.cache import cached_as
from xesg.catalogue.descriptors import bundled_root
from xesg.catalogue.safe_yaml import parse_yaml
from xesg.catalogue.schema import Verification
from xesg.errors import CatalogueError


class Link(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True)

    source_code: str = Field(alias="from")  # "hkex:A1.2" or "hkex:A1.2@hkex-esg-guide-2020"
    to: tuple[str, ...]
    relation: Literal["equivalent", "partial"]
    source: str
    confidence: Verification
    note: str | None = None


class Crosswalk(BaseModel):
    model_config = ConfigDict(extra="allow", frozen=True)

    links: tuple[Link, ...]


@functools.cache
def crosswalk() -> Crosswalk:
    name = "standards/crosswalk.yaml"
    data = bundled_root().joinpath("crosswalk.yaml").read_bytes()

    def parse() -> Crosswalk:
        try:
            return Crosswalk.model_validate(parse_yaml(data.decode("utf-8"), name))
        except ValidationError as exc:
            raise CatalogueError(f"{name}: {exc.errors()[0]['msg']}") from None

    return cached_as("crosswalk", [data], TypeAdapter(Crosswalk), parse)


def split_ref(ref: str) -> tuple[str, str, str | None]:
    """ "hkex:A1.2@hkex-esg-guide-2020" → ("hkex", "A1.2", "hkex-esg-guide-2020")."""
    standard, _, rest = ref.partition(":")
    code, _, catalogue = rest.partition("@")
    return standard, code, catalogue or None


# Asked once per disclosure and index row by the coverage rules (REQ002's predecessor rows:
# disclosures × codes × links when not kept): the answers are kept per process.
@functools.cache
def twins(standard: str, code: str, catalogue_id: str) -> tuple[tuple[str, str, str], ...]:
    """(standard, code, relation) of the disclosures that cover ``code``. Equivalent links
    hold both ways; partial links only from the source."""
    found: list[tuple[str, str, str]] = []
    for link in crosswalk().links:
        s_standard, s_code, s_catalogue = split_ref(link.source_code)
        targets = [split_ref(t) for t in link.to]
        if (s_standard, s_code) == (standard, code) and s_catalogue in (None, catalogue_id):
            found += [(t[0], t[1], link.relation) for t in targets]
        elif link.relation == "equivalent" and any(
            (t[0], t[1]) == (standard, code) and t[2] in (None, catalogue_id) for t in targets
        ):
            found.append((s_standard, s_code, link.relation))
    return tuple(dict.fromkeys(found))


def successors(standard: str, code: str, old_catalogue_id: str) -> list[str]:
    """The codes of ``standard`` that took over ``code`` of a superseded edition (HKEx A1.2
    and A4 of the 2020 Guide now lie in Part D of the 2025 Code)."""
    return [c for s, c, _ in twins(standard, code, old_catalogue_id) if s == standard]
