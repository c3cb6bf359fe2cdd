"""REQ005 sasb-metric-missing: a SASB metric of the report's industry is not addressed.

What it checks
    For each SASB industry whose codes appear in the index (or that the configuration names
    in ``sasb_industries``), every accounting metric and activity metric of that industry's
    standard must have an index row with a location or an explanation. A linear index keeps a
    row's answer in its description (``IF-EU-150a.1 Amount of coal combustion residuals …
    N/A - the last coal plant closed in 2020``): a description with several words beyond the
    metric's titles (every edition's) is such an answer; so is a figure or a word written as
    the location (``$0``, ``0``, ``None``, ``Not applicable``). Where the index cites a metric
    only an older edition has (``FN-CB-410a.1``, which the amendments replaced with
    ``FN-CB-410b.1``-``.4``), it follows that edition for the topic, and the newer metrics of
    the topic are not expected. Industries without a bundled metric list are named in the
    notes with their codes, not checked. When the report names the SASB industries it reports
    on ("Investment Banking & Brokerage and Commercial Banks"), an industry of the index's
    codes that it does not name is cited selectively (two Mortgage Finance metrics among a
    bank's rows): its other metrics are not expected.

Why it matters
    SASB standards are built per industry: an index that claims an industry standard but
    silently skips some of its metrics misstates its coverage to investors, who compare
    companies metric by metric.

Example
    Fails: a Hardware (TC-HW) index with no row for ``TC-HW-000.A`` (units produced).
    Passes: ``TC-HW-000.A  Number of units produced by product category  Not disclosed for
    competitive reasons.``

Measured
    On the corpus: 40 findings, 38 true (95 %); the 2 false ones are a metric answered under a
    misprinted code and an answer in a cell merged over two rows. Before industries the report
    does not name were told apart, 9 more were false. Labels and how they were judged:
    docs/accuracy.md.

How to fix
    Add the metric with its location, or explain why it is not reported.
"""

from __future__ import annotations

from collections.abc import Iterator

from xesg.catalogue.match import tokens
from xesg.catalogue.schema import Catalogue
from xesg.model.finding import Finding, Severity
from xesg.model.index import IndexEntry
from xesg.rules.context import CheckContext
from xesg.rules.registry import Message, Reading, rule

INLINE_ANSWER_WORDS = 5  # words beyond the metric's titles that make a description an answer


def _answered_inline(row: IndexEntry, titles: set[str]) -> bool:
    title_words = {t for title in titles for t in tokens(title)}
    return sum(1 for t in tokens(row.description) if t not in title_words) >= INLINE_ANSWER_WORDS


def _topic(code: str) -> str:
    """The disclosure topic a metric belongs to: ``FN-CB-410b.1`` → ``FN-CB-410``."""
    return code.split(".")[0].rstrip("abcdefghijklmnopqrstuvwxyz")


def _topics_of_older_edition(ctx: CheckContext, industry: str, catalogue: Catalogue) -> set[str]:
    """Topics where the index cites a metric that only an older edition of the industry's
    list has (FN-CB-410a.1, which the amendments replaced with FN-CB-410b.1-4): there the index
    follows that edition, and the newer edition's metrics of the topic are not expected."""
    current = {d.code for d in catalogue.disclosures}
    return {
        _topic(d.code)
        for older in ctx.catalogues.sasb_industry(industry)
        if older is not catalogue
        for d in older.disclosures
        if d.code not in current and ("sasb", d.code) in ctx.entries_by_code
    }


NOT_ADDRESSED = Message(
    "{code} ({title}) of {standard} is not addressed.",
    expected="a location or an explanation",
    found="{found}",
)


@rule(
    code="REQ005",
    name="sasb-metric-missing",
    group="coverage",
    severity=Severity.WARNING,
    summary="A metric of the SASB industry standard the index uses is not addressed.",
    standards=("sasb",),
    rests_on=(Reading.COMPLETE_INDEX,),
)
def sasb_metric_missing(ctx: CheckContext) -> Iterator[Finding]:
    selective = set(ctx.claims.get("sasb_selective", "").split(", "))
    industries = [i for i in ctx.claims.get("sasb", "").split(", ") if i and i not in selective]
    current = ctx.current("sasb")
    for industry in industries:
        catalogue = next((c for c in ctx.catalogues.sasb_industry(industry) if c in current), None)
        if catalogue is None:
            continue
        replaced = _topics_of_older_edition(ctx, industry, catalogue)
        for disclosure in catalogue.disclosures:
            if _topic(disclosure.code) in replaced:
                continue  # the index answers this topic by the older edition's metrics
            rows = ctx.entries_by_code.get(("sasb", disclosure.code), [])
            titles = {d.title for _, d in ctx.catalogues.lookup("sasb", disclosure.code)}
            if any(row.addressed or _answered_inline(row, titles) for row in rows):
                continue
            if not rows and disclosure.code in ctx.codes_printed_in_index:
                continue  # printed in the index, in a row the layout kept us from reading
            yield sasb_metric_missing.finding(
                NOT_ADDRESSED(
                    code=disclosure.code,
                    title=disclosure.title,
                    standard=catalogue.title,
                    found="no row" if not rows else "a row without location or explanation",
                ),
                standard="sasb",
                code=disclosure.code,
                page=rows[0].page if rows else None,
                line=rows[0].line if rows else None,
            )
