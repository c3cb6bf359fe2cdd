"""REQ004 material-topic-uncovered: a material topic without its management approach (3-3).

What it checks
    In a 2021-based GRI index of a report "in accordance with" the Standards, each topic
    standard the index reports (e.g. GRI 305 Emissions) must come with Disclosure 3-3
    (Management of material topics) for that topic: a 3-3 row in the topic's group of rows,
    or one that names the topic. A single 3-3 row listed once before all topic rows is
    accepted as covering every topic.

Why it matters
    GRI 1, Requirement 5 and GRI 3: for each material topic the organization reports how it
    manages the topic using 3-3, and the topic disclosures. Topic data without the
    management approach does not meet "in accordance".

Example
    Fails: rows ``305-1``, ``305-2`` with no 3-3 row for Emissions.
    Passes: ``3-3  Management of material topics (Emissions)  P34`` before ``305-1``.

Measured
    No error or warning on the corpus (not measured there): the fixture cases are its measure.
    Labels and how they were judged: docs/accuracy.md.

How to fix
    Add a 3-3 row for each material topic, pointing to where its management is described.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from xesg.model.finding import Finding, Severity
from xesg.model.index import IndexEntry
from xesg.rules.context import CheckContext
from xesg.rules.registry import Message, Reading, rule

_TOPIC = re.compile(r"^(101|[2-4]\d{2})-\d+$")


def _mentions(entry: IndexEntry, topic: str, title: str) -> bool:
    text = " ".join(
        filter(None, (entry.description, entry.section, entry.chapter, entry.standard_text))
    )
    name = title.split(":", 1)[-1].rsplit(" ", 1)[0].strip().lower()  # "GRI 305: Emissions 2016"
    return topic in text or (bool(name) and name in text.lower())


UNCOVERED = Message(
    "{title}: topic disclosures are reported but no 3-3 row covers the topic.",
    expected="3-3 Management of material topics for {title}",
    found="topic {topic} without 3-3",
)


@rule(
    code="REQ004",
    name="material-topic-uncovered",
    group="coverage",
    severity=Severity.ERROR,
    summary="A reported GRI topic has no 3-3 management-approach row.",
    standards=("gri",),
    rests_on=(Reading.COMPLETE_INDEX,),
)
def material_topic_uncovered(ctx: CheckContext) -> Iterator[Finding]:
    if ctx.claims.get("gri") != "in-accordance":
        return
    entries = [e for e in ctx.index.entries if e.standard == "gri"]
    topic_rows = [(i, e, m.group(1)) for i, e in enumerate(entries) if (m := _TOPIC.match(e.code))]
    approach = [i for i, e in enumerate(entries) if e.code == "3-3"]
    if not topic_rows or (approach and max(approach) < topic_rows[0][0]):
        return  # one 3-3 before every topic row covers them all
    groups: dict[str, list[int]] = {}
    for i, _, topic in topic_rows:
        groups.setdefault(topic, []).append(i)
    for topic, positions in groups.items():
        first = entries[positions[0]]
        found = ctx.catalogues.lookup("gri", first.code)
        title = found[0][0].title if found else f"GRI {topic}"
        window = range(positions[0] - 1, positions[-1] + 1)
        if any(i in window or _mentions(entries[i], topic, title) for i in approach):
            continue
        yield material_topic_uncovered.finding(
            UNCOVERED(title=title, topic=topic),
            standard="gri",
            code=first.code,
            page=first.page,
            line=first.line,
        )
