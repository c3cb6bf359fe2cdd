"""Read a plain-text report (as ``pdftotext`` writes it) into pages with printed labels.

Three cases, in order:
1. form feeds separate pages (``pdftotext`` default);
2. no form feeds, but a running header/footer repeats with the page number next to it
   (text pasted out of a PDF viewer) — pages start at each repetition;
3. neither: the text is unpaginated (e.g. Markdown); page references can only be checked
   for syntax.
"""

from __future__ import annotations

import hashlib
import itertools
import re
from collections import Counter
from pathlib import Path

from xesg.errors import InputError
from xesg.load.decode import decode_report
from xesg.load.guard import read_lines_bytes
from xesg.load.labels import assign_labels
from xesg.model.document import LabelSource, Page, Report

_LONE_NUMBER = re.compile(r"^\s*(?:p(?:age)?\.?\s*)?(\d{1,4})\s*$", re.IGNORECASE)
# A running header must repeat at least this often before we trust it as a page break.
_MIN_REPEATS = 4
_NUMBER_WINDOW = 3  # lines after (or before) the header where its page number may sit
# "2 CHINA YUHUA EDUCATION …" / "… GOVERNANCE REPORT 2019 3": a header with its number glued on.
_GLUED_NUMBER = re.compile(r"^(?:(\d{1,3})\s+([^\d\s].*)|(.*\S)\s+(\d{1,3}))$")


def read_text_report(
    path: Path, first_page: int | None = None, encoding: str | None = None
) -> Report:
    data = read_lines_bytes(path, "a text report")
    decoded = decode_report(data, str(path), encoding)
    report = parse_text_report(decoded.text, str(path), decoded.encoding, first_page)
    return report.model_copy(
        update={"sha256": hashlib.sha256(data).hexdigest(), "notes": decoded.notes}
    )


def parse_text_report(
    text: str, path: str = "<text>", encoding: str = "utf-8", first_page: int | None = None
) -> Report:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\f" in text:
        chunks = text.split("\f")
        if chunks and not chunks[-1].strip():
            chunks.pop()  # pdftotext ends the last page with a form feed too
        pages = assign_labels(chunks, first_page)
        return Report(path=path, encoding=encoding, pagination="form-feed", pages=tuple(pages))
    split = _split_on_running_header(text)
    if split is not None:
        pages = split if first_page is None else _override(split, first_page)
        return Report(path=path, encoding=encoding, pagination="running-header", pages=tuple(pages))
    if not text.strip():
        raise InputError(f"{path}: the report is empty")
    page = Page(number=1, label=None, label_source="none", text=text)
    return Report(path=path, encoding=encoding, pagination="none", pages=(page,))


def _override(pages: list[Page], first_page: int) -> list[Page]:
    return [
        p.model_copy(update={"label": str(first_page + i), "label_source": "override"})
        for i, p in enumerate(pages)
    ]


def _shape(line: str) -> tuple[str, int | None]:
    """A line with a glued leading/trailing page number replaced by '#', and that number."""
    stripped = line.strip()
    match = _GLUED_NUMBER.match(stripped)
    if match:
        number = match.group(1) or match.group(4)
        shape = f"#{match.group(2)}" if match.group(1) else f"{match.group(3)}#"
        return shape, int(number)
    return stripped, None


def _split_on_running_header(text: str) -> list[Page] | None:
    """Split where repeated header lines carry increasing page numbers (glued or nearby)."""
    lines = text.split("\n")
    shapes = [_shape(line) for line in lines]
    counts = Counter(
        shape for shape, _ in shapes if len(shape) >= 8 and re.search("[A-Za-z]", shape)
    )
    starts: dict[int, int | None] = {}
    number_lines: dict[int, int] = {}
    accepted: set[str] = set()
    for shape, count in counts.most_common(8):
        if count < _MIN_REPEATS:
            break
        # Lines next to an accepted header belong to its block (a running section title).
        positions = [
            i
            for i, (s, _) in enumerate(shapes)
            if s == shape
            and not any(i + k in starts for k in range(-_NUMBER_WINDOW, _NUMBER_WINDOW + 1))
        ]
        if len(positions) < _MIN_REPEATS:
            continue
        numbers: dict[int, int | None] = {}
        for i in positions:
            glued = shapes[i][1]
            nearby = None if glued is not None else _nearby_number(lines, i)
            if nearby is not None:
                number_lines[i] = nearby[0]
            numbers[i] = glued if glued is not None else (nearby[1] if nearby else None)
        if sum(n is not None for n in numbers.values()) >= 0.7 * len(positions):
            starts.update(numbers)
            accepted.add(shape)
    found = [n for _, n in sorted(starts.items()) if n is not None]
    if len(found) < _MIN_REPEATS or not _mostly_increasing(found):
        return None
    ordered = sorted(starts)
    if _is_footer(lines, ordered, number_lines):
        return _pages_from_footers(lines, ordered, starts, number_lines)
    return _pages_from_starts(lines, ordered, starts, number_lines)


def _is_footer(lines: list[str], ordered: list[int], number_lines: dict[int, int]) -> bool:
    """Footer when little follows the last repetition and much precedes the first."""
    last = max(ordered[-1], number_lines.get(ordered[-1], ordered[-1]))
    after = sum(1 for line in lines[last + 1 :] if line.strip())
    before = sum(1 for line in lines[: ordered[0]] if line.strip())
    return after <= 2 and before > 2


def _pages_from_footers(
    lines: list[str],
    footers: list[int],
    numbers: dict[int, int | None],
    number_lines: dict[int, int],
) -> list[Page]:
    """Pages that each end with a running footer (and the page number beside it)."""
    pages: list[Page] = []
    start = 0
    for k, footer in enumerate(footers):
        last = max(footer, number_lines.get(footer, footer))
        end = len(lines) if k == len(footers) - 1 else last + 1
        furniture = {lines[footer].strip()}
        if footer in number_lines:
            furniture.add(lines[number_lines[footer]].strip())
        number = numbers[footer]
        label, source = (str(number), "printed") if number is not None else (None, "none")
        pages.append(
            Page(
                number=k + 1,
                label=label,
                label_source=source,
                text="\n".join(lines[start:end]),
                furniture=frozenset(furniture),
            )
        )
        start = end
    return pages


def _header_block_lines(lines: list[str], starts: list[int]) -> set[str]:
    """Lines that recur right beside the running header (a running section title)."""
    counts: Counter[str] = Counter()
    for start in starts:
        window = lines[max(0, start - _NUMBER_WINDOW) : start + _NUMBER_WINDOW + 1]
        counts.update({line.strip() for line in window if re.search("[A-Za-z]", line)})
    return {line for line, n in counts.items() if n >= 3}


def _nearby_number(lines: list[str], at: int) -> tuple[int, int] | None:
    """The page number printed within a few lines of a header: (line index, number)."""
    for offset in [*range(1, _NUMBER_WINDOW + 1), *range(-1, -_NUMBER_WINDOW - 1, -1)]:
        j = at + offset
        if 0 <= j < len(lines):
            match = _LONE_NUMBER.match(lines[j])
            if match:
                return j, int(match.group(1))
    return None


def _mostly_increasing(values: list[int]) -> bool:
    steps = sum(1 for a, b in itertools.pairwise(values) if b > a)
    return steps >= 0.8 * (len(values) - 1)


def _pages_from_starts(
    lines: list[str],
    starts: list[int],
    numbers: dict[int, int | None],
    number_lines: dict[int, int],
) -> list[Page]:
    block = _header_block_lines(lines, starts)
    pages: list[Page] = []
    if any(line.strip() for line in lines[: starts[0]]):
        # Unnumbered front matter (cover, contents) before the first running header.
        front = "\n".join(lines[: starts[0]])
        pages.append(Page(number=1, label=None, label_source="none", text=front))
    bounds = [*starts, len(lines)]
    for k, start in enumerate(starts):
        number = numbers[start]
        body = lines[start : bounds[k + 1]]
        furniture = {lines[start].strip()}
        if start in number_lines:
            furniture.add(lines[number_lines[start]].strip())
        # Running section titles printed beside the header, at either end of the page.
        edges = body[: _NUMBER_WINDOW + 1] + body[-_NUMBER_WINDOW:]
        furniture.update(line.strip() for line in edges if line.strip() in block)
        label: str | None
        source: LabelSource
        if number is not None:
            label, source = str(number), "printed"
        elif pages and pages[-1].label is not None and pages[-1].label.isdigit():
            label, source = str(int(pages[-1].label) + 1), "inferred"
        else:
            label, source = None, "none"
        pages.append(
            Page(
                number=len(pages) + 1,
                label=label,
                label_source=source,
                text="\n".join(body),
                furniture=frozenset(furniture),
            )
        )
    return pages
