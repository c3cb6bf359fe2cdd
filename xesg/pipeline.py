"""The one place where the stages meet: read → parse index → select catalogues → rules."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Collection, Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from xesg import __version__
from xesg.analysis.claim_levels import detect_claims, hkex_claim
from xesg.analysis.gaps import gap_table
from xesg.catalogue.descriptors import active as active_descriptors
from xesg.catalogue.descriptors import use as use_descriptors
from xesg.catalogue.editions import choose_editions
from xesg.catalogue.levels import part_d_notes, year_start
from xesg.catalogue.load import bundled, bundled_standards, load_user_directory
from xesg.catalogue.set import CatalogueSet
from xesg.config import Config
from xesg.engine import apply_policy, run_rules, select_rules
from xesg.errors import CatalogueError, XesgError
from xesg.index.answers import TABLE_ANSWERS
from xesg.index.codes import NamedItems, find_codes
from xesg.index.locations import with_own_pages
from xesg.index.parse import parse_index
from xesg.load import load_report
from xesg.load.guard import MAX_INDEX_ENTRIES
from xesg.model.document import Page, Report
from xesg.model.index import IndexTable
from xesg.model.result import CatalogueUsed, CheckResult, ReportSummary
from xesg.report.printable import printable
from xesg.rules.context import CheckContext
from xesg.rules.docs import descriptors
from xesg.rules.registry import discover, rule_options

if TYPE_CHECKING:
    from xesg.processes import PageReading

SPREADSHEETS = (".csv", ".xlsx")


class _Catalogues:
    """Catalogues to check against: the bundled ones, loaded per standard on demand, or a
    user directory loaded whole."""

    def __init__(self, directory: Path | None) -> None:
        self._user = load_user_directory(directory) if directory is not None else None
        # The standards' descriptors: the bundled ones, and a user directory's own (a
        # standard of its own, or another grammar for a bundled one) — what the code finder,
        # coverage and the reporters ask from now on.
        known = use_descriptors(directory)
        if self._user is not None:
            lacking = sorted(s for s in self._user.standards if known.get(s) is None)
            if lacking:
                raise CatalogueError(
                    f"{directory}: no descriptor for standard {', '.join(lacking)}"
                    f" (add {lacking[0]}/standard.yaml; see docs/catalogues.md)"
                )

    @property
    def standards(self) -> tuple[str, ...]:
        return self._user.standards if self._user is not None else bundled_standards()

    def load(
        self, standards: tuple[str, ...], sasb_industries: tuple[str, ...] | None = None
    ) -> CatalogueSet:
        """``sasb_industries``: only these SASB industries' bundled lists are read."""
        if self._user is not None:
            return self._user.select(standards)
        return bundled((s for s in standards if s in self.standards), sasb_industries)


def named_items(catalogues: CatalogueSet, part_d: bool = False) -> dict[str, tuple[str, ...]]:
    """Lower-case names and aliases of items printed without a code, each with the codes it
    names: HKEx Part B items by name ("Reporting Boundary"); TCFD's recommended disclosures
    by group and letter ("Governance a)") and by their titles ("Describe the board's
    oversight of …"); and with ``part_d`` the headings and IFRS S2 paragraphs that name the
    HKEx Code's Part D provisions (a heading may name several: "Governance"; aliases that
    are codes, "A1.2", are left out: a code is read as a code)."""
    names: dict[str, dict[str, None]] = {}
    for catalogue in catalogues.catalogues:
        for d in catalogue.disclosures:
            if d.kind == "mandatory-disclosure":
                aliases: tuple[str, ...] = (d.code, *d.aliases)
            elif d.kind == "recommended-disclosure":
                aliases = (*(a for a in d.aliases if a.endswith(")")), d.title)
            elif part_d and (d.parent or "").startswith("Part D"):
                aliases = tuple(a for a in d.aliases if not _hkex_code(a))
            else:
                continue
            for alias in aliases:
                names.setdefault(alias.lower(), {})[d.code] = None
    return {name: tuple(codes) for name, codes in names.items()}


def _hkex_code(alias: str) -> bool:
    """Whether ``alias`` is written as an HKEx code ("A1.2", "KPI A1.2"): read as a code."""
    return any(c.standard == "hkex" for c in find_codes(alias))


def _s2_rows_as_part_d(index: IndexTable, items: NamedItems) -> IndexTable:
    """In a report that follows the HKEx Code, an IFRS S2 paragraph its index cites as a code
    ("IFRS S2.29(a)") names the Part D provisions that follow that paragraph, as one cited in
    other words does ("IFRS S2 para 29(a)"): the index is HKEx's, and those rows are Part D's."""
    entries = []
    for entry in index.entries:
        paragraph = entry.code.removeprefix("S2.")
        named = items.match(f"IFRS S2 {paragraph}") if entry.standard == "ifrs-s2" else None
        if named is None:
            entries.append(entry)
            continue
        entries += [entry.model_copy(update={"code": c, "standard": "hkex"}) for c in named.codes]
    return index.model_copy(update={"entries": tuple(entries)})


def _part_d_rows(report: Report, claim_levels: Mapping[str, str]) -> bool:
    """Whether the report's index may name Part D provisions by heading or IFRS S2 paragraph:
    it follows the ESG Reporting Code (only the Code has a Part D; in another report
    "Governance" or "Targets" is a heading of its own)."""
    claim = claim_levels.get("hkex") or hkex_claim("\n".join(p.text for p in report.pages))
    return claim == "code"


def _unlisted_industries(
    selected: CatalogueSet, claims: Mapping[str, str], index: IndexTable
) -> list[str]:
    """One note per SASB industry the index uses whose metric list is not bundled: which of
    its codes could not be checked (REQ005 skips the industry; IDX002 checks only their form)."""
    if "sasb" not in selected.standards:
        return []
    listed = {c.id for c in selected.for_standard("sasb")}
    notes = []
    for industry in (i for i in claims.get("sasb", "").split(", ") if i):
        if f"sasb-{industry.lower()}" in listed:
            continue
        codes = sorted(
            {
                e.code
                for e in index.entries
                if e.standard == "sasb" and e.code.startswith(f"{industry}-")
            }
        )
        notes.append(
            f"SASB {industry}: no metric list for this industry, so its metrics were not "
            f"checked for coverage (REQ005) and its codes only for their form"
            + (f" ({', '.join(codes)})." if codes else ".")
        )
    return notes


def run(
    path: Path,
    config: Config | None = None,
    *,
    use_waivers: bool = True,
    baseline: Collection[str] = (),
    progress: Callable[[int, int], None] | None = None,
    phase: Callable[[str], None] | None = None,
    jobs: int = 1,
    reading: PageReading | None = None,
) -> CheckResult:
    """Check one report. ``baseline`` holds fingerprints of findings to hide (known ones);
    a PDF's pages are read by up to ``jobs`` processes, or are in ``reading`` already.
    ``progress`` hears of pages read, ``phase`` of each stage after them."""
    started = None
    if reading is None and path.suffix.lower() not in SPREADSHEETS:
        from xesg.processes import start_reading

        reading = started = start_reading(path, jobs)
    try:
        return _run(path, config, use_waivers, baseline, progress, phase, reading)
    finally:
        if started is not None:
            started.close()  # unread when the run failed first


def _run(
    path: Path,
    config: Config | None,
    use_waivers: bool,
    baseline: Collection[str],
    progress: Callable[[int, int], None] | None,
    phase: Callable[[str], None] | None,
    reading: PageReading | None,
) -> CheckResult:
    say = phase or (lambda _: None)
    config = config or Config()
    rules = select_rules(discover(), config)
    options = rule_options(rules, config)
    catalogues = _Catalogues(config.catalogue)
    unknown = sorted(set(config.standards) - set(catalogues.standards))
    if unknown:
        raise XesgError(
            f"unknown standard {', '.join(unknown)}; available: {', '.join(catalogues.standards)}"
        )
    # HKEx titles and names help to read linear (column-less) indexes. Loaded before the
    # report: a PDF's pages may still be being read by worker processes meanwhile.
    hkex = catalogues.load(("hkex",))
    unnumbered = catalogues.load(active_descriptors().uncoded)
    if path.suffix.lower() in SPREADSHEETS and config.index is None:
        # An index kept as a spreadsheet on its own (a docs repository): check it without a
        # report, so page references can only be checked for their syntax.
        config = config.merged(index=path)
        report = Report(
            path=str(path),
            encoding="",
            pagination="none",
            pages=(Page(number=1, label=None, label_source="none", text=""),),
        )
    else:
        report = load_report(
            path, TABLE_ANSWERS, config.first_page, progress, reading, config.encoding
        )
    notes: list[str] = list(report.notes)
    say("Parsing the index")
    part_d = _part_d_rows(report, config.claim_levels)
    names = named_items(unnumbered, part_d)
    if config.index is not None:
        from xesg.index.tabular import read_tabular_index  # openpyxl: only for spreadsheets

        tabular = read_tabular_index(config.index, config.columns, names, config.encoding)
        index = tabular.table
        notes += [
            f"Index read from {printable(str(config.index))} ({tabular.encoding}).",
            *tabular.notes,
        ]
    else:
        index = parse_index(report, hkex.titles(), names, config.columns)
    if len(index.entries) > MAX_INDEX_ENTRIES:
        notes.append(
            f"The index has {len(index.entries):,} rows: only the first {MAX_INDEX_ENTRIES:,} "
            "were checked (see docs/limits.md)."
        )
        index = index.model_copy(update={"entries": index.entries[:MAX_INDEX_ENTRIES]})
    if part_d:
        index = _s2_rows_as_part_d(index, NamedItems(names))
    index = with_own_pages(index, report)
    found = {e.standard for e in index.entries if e.standard is not None}
    standards = config.standards or tuple(sorted(found & set(catalogues.standards)))
    claims = {**detect_claims(report, index), **config.claim_levels}
    if config.period_end is not None:
        claims["period_end"] = config.period_end.isoformat()
    if config.sasb_industries:
        claims["sasb"] = ", ".join(
            sorted({*claims.get("sasb", "").split(", "), *config.sasb_industries} - {""})
        )
    # The SASB industries the index cites (or the configuration names) are the only ones read.
    industries = tuple(i for i in claims.get("sasb", "").split(", ") if i)
    loaded = catalogues.load(standards, industries)
    selected, edition_notes = choose_editions(loaded, claims, config.editions)
    documents = {
        name: load_report(file, TABLE_ANSWERS, encoding=config.encoding)
        for name, file in config.documents.items()
    }
    ctx = CheckContext(
        report=report,
        documents=documents,
        index=index,
        catalogues=selected,
        standards=standards,
        claims=claims,
        issuer=config.issuer,
    )
    say("Running rules")
    outcome = apply_policy(
        run_rules(ctx, rules, options), rules, config, use_waivers=use_waivers, baseline=baseline
    )
    notes += edition_notes
    notes += part_d_notes(selected.current("hkex"), config.issuer, year_start(claims))
    if report.pagination == "none":
        notes.append(
            "The report has no page breaks (no form feeds or running page headers): page "
            "references were checked for syntax only."
        )
    if ctx.standalone_index:
        notes.append(
            "The document is a content index of its own: its page references point into the "
            "report it indexes, which was not supplied, so pages were not checked."
        )
    unchecked = sorted(found - set(catalogues.standards))
    if unchecked:
        notes.append(f"No catalogue for {', '.join(unchecked)}: those codes were not checked.")
    notes += _unlisted_industries(selected, claims, index)
    return CheckResult(
        tool="xesg",
        version=__version__,
        report=ReportSummary(
            path=printable(report.path),
            sha256=report.sha256,
            encoding=report.encoding,
            label_method=report.label_method,
            pagination=report.pagination,
            page_count=len(report.pages),
            first_label=report.first_label,
            last_label=report.last_label,
            label_sources=dict(sorted(Counter(p.label_source for p in report.pages).items())),
        ),
        standards=standards,
        catalogues=tuple(
            CatalogueUsed(id=c.id, standard=c.standard, edition=c.edition)
            for c in sorted(selected.catalogues, key=lambda c: c.id)
        ),
        index=index,
        findings=outcome.findings,
        coverage=gap_table(selected, index, outcome.findings, claims, config.issuer),
        claims=claims,
        waived=outcome.waived,
        unused_waivers=outcome.unused_waivers,
        baselined=outcome.baselined,
        notes=tuple(notes),
        rules=descriptors(
            {f.rule for f in outcome.findings} | {w.finding.rule for w in outcome.waived}
        ),
    )
