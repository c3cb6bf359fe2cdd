"""INP001 unreadable-text: pages whose text layer cannot be read.

What it checks
    Every page's text as the reader extracted it: a PDF page that is only an image (a scan,
    no text at all), or whose text comes out as private-use or replacement characters, or
    as garbled letters (a font whose Unicode map is broken, so a word reads ``>=C4=CB``).
    One finding names all such pages by their printed labels.

Why it matters
    Nothing on those pages can be checked: an index printed there is reported as not found,
    references to them cannot be confirmed, and their figures are not compared. xesg does
    not run OCR, so the gap has to be closed at the source.

Example
    Reported: a report whose printed pages 12–14 are scanned images and whose page 30 uses
    a font that extracts as ``;.8 3:*#'?``.
    Not reported: a report exported from its layout program with its fonts' Unicode maps;
    a blank page (no text, no image).

Measured
    No error or warning on the corpus (not measured there): the fixture cases are its measure.
    Labels and how they were judged: docs/accuracy.md.

How to fix
    Export the PDF again from the source document (keep fonts embedded with their Unicode
    maps; PDF/A-2u or PDF/UA exports do); for scanned pages, run OCR yourself, then check
    the result.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import replace

from xesg.model.document import Page
from xesg.model.finding import Finding, Severity
from xesg.rules.context import CheckContext
from xesg.rules.registry import Message, rule

UNREADABLE = Message(
    "{where_capitalised} cannot be read: {reasons}. {those} not checked; OCR is out of scope "
    "for xesg: export the PDF again with its fonts' Unicode maps, or run OCR first.",
    expected="a readable text layer on every page",
    found="unreadable {where}",
)
NONE_READABLE = replace(
    UNREADABLE,
    text="No page of the report can be read ({where})"
    + UNREADABLE.text.partition(" cannot be read")[2],
)


@rule(
    code="INP001",
    name="unreadable-text",
    group="input",
    severity=Severity.WARNING,
    summary="Pages whose text cannot be read: scanned images or broken font encodings.",
)
def unreadable_text(ctx: CheckContext) -> Iterator[Finding]:
    pages = [p for p in ctx.report.pages if p.unreadable]
    if not pages:
        return
    where = f"page {page_list(pages)}" if len(pages) == 1 else f"pages {page_list(pages)}"
    reasons = "; ".join(
        f"{reason} ({n} page{'s' if n > 1 else ''})" if len(pages) > 1 else reason
        for reason, n in Counter(p.unreadable or "" for p in pages).most_common()
    )
    message = UNREADABLE if len(pages) < len(ctx.report.pages) else NONE_READABLE
    yield unreadable_text.finding(
        message(
            where=where,
            where_capitalised=f"{where[0].upper()}{where[1:]}",
            reasons=reasons,
            those="That page was" if len(pages) == 1 else "Those pages were",
        )
    )


def page_list(pages: list[Page]) -> str:
    """Printed labels, consecutive numbers compressed to ranges: ``12–14, 30, ii``; pages
    without a label by position (``PDF page 3``)."""
    parts: list[str] = []
    run: list[int] = []

    def flush() -> None:
        if run:
            parts.append(str(run[0]) if len(run) == 1 else f"{run[0]}–{run[-1]}")
            run.clear()

    for page in pages:
        label = page.label
        if label is not None and label.isdigit():
            if run and int(label) != run[-1] + 1:
                flush()
            run.append(int(label))
            continue
        flush()
        parts.append(label if label is not None else f"PDF page {page.number}")
    flush()
    return ", ".join(parts)
