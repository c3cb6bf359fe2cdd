"""Attach to each finding about an index row the words of the page the row cites, so that a
reviewer sees what is there (and, with PAG004, where the disclosure really is)."""

from __future__ import annotations

from collections.abc import Iterable

from xesg.analysis.evidence import Snippets
from xesg.model.finding import Finding
from xesg.rules.context import CheckContext


def with_page_evidence(ctx: CheckContext, findings: Iterable[Finding]) -> tuple[Finding, ...]:
    pages = {p.label: p for p in ctx.report.pages if p.label is not None}
    snippets = Snippets()
    done: list[Finding] = []
    for finding in findings:
        rows = ctx.entries_by_code.get((finding.standard, finding.code or ""), [])
        row = next((r for r in rows if r.line == finding.line), None)
        resolved = ctx.resolve(row) if row is not None else None
        cited = [label for label in ctx.cited(row) if label in pages] if row else []
        if resolved is None or not cited or ctx.standalone_index:
            done.append(finding)
            continue
        query = ctx.query(resolved[1])
        text: str = ""
        terms: tuple[str, ...] = ()
        for label in cited:  # the first cited page that uses the disclosure's words
            text, terms = snippets.snippet(pages[label].text, query)
            if text:
                text = f"P{label}: {text}"
                break
        if not text:
            first = " ".join(pages[cited[0]].text.split())[:160]
            text = f"P{cited[0]}: {first}…" if first else f"P{cited[0]}: (no text)"
        done.append(finding.model_copy(update={"page_evidence": text, "page_terms": terms}))
    return tuple(done)
