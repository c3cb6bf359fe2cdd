"""How the engine runs rules: what it applies to every finding."""

from __future__ import annotations

from pathlib import Path

from xesg.model.levels import Confidence
from xesg.pipeline import run

HEAD = "Our year\nWe ran ferries.\n1\fCONTENT INDEX\nCode  Description  Page"
ROWS = "\n".join(f"A1.{k}  Emissions data item {k}.  P1" for k in range(1, 7))
NOTE = "\n".join(f"Note {k}: restated figures for the depots." for k in range(45))
LATE = "\n".join(f"B{k}  Employment item {k}.  P1" for k in range(1, 4))


def test_findings_on_an_uncertain_reading_say_so_in_their_confidence(tmp_path: Path) -> None:
    # Coverage findings while the index was read short (its last rows stand apart below a long
    # note: IDX009) have low confidence; on the complete index they keep their own.
    short = f"{HEAD}\n{ROWS}\n{NOTE}\n{LATE}\n2"
    full = f"{HEAD}\n{ROWS}\n{LATE}\n2"
    for text, complete in ((short, False), (full, True)):
        path = tmp_path / "r.txt"
        path.write_text(text)
        result = run(path)
        assert result.index.complete is complete
        coverage = [f for f in result.findings if f.rule.startswith("REQ")]
        assert coverage
        assert all((f.confidence == Confidence.LOW) is not complete for f in coverage)
