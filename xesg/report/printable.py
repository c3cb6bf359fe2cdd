"""Report text made safe to print: no terminal control sequences, nothing unencodable.

A report is untrusted, and its text reaches the console, GitHub's workflow log, Markdown and
the other text outputs in findings, index rows and notes: an escape sequence in it could set
the terminal's window title, forge an OSC-8 hyperlink, clear the screen or hide a finding.
:func:`printable` removes such sequences (CSI, OSC, DCS … whole, in their 7- and 8-bit
forms), and replaces every other C0 and C1 control character but tab and line feed with a
space; a lone surrogate
(a file name that is not UTF-8) becomes U+FFFD. JSON and SARIF keep the text as it is:
JSON escapes every control character.
"""

from __future__ import annotations

import re
from typing import TypeVar

T = TypeVar("T")

_SEQUENCES = (
    r"\x1b\[[0-?]*[ -/]*[@-~]"  # CSI: colours, cursor moves, erasing
    r"|\x9b[0-?]*[ -/]*[@-~]"
    r"|[\x1b][\]PX^_][^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?"  # OSC, DCS, SOS, PM, APC strings
    r"|[\x90\x98\x9d\x9e\x9f][^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?"
    r"|\x1b[ -/]*[0-~]"  # any other escape sequence
)
_CONTROL = re.compile(f"{_SEQUENCES}|[\x00-\x08\x0b-\x1f\x7f-\x9f]|[\ud800-\udfff]")


def _replace(match: re.Match[str]) -> str:
    text = match.group()
    if len(text) > 1:
        return ""  # an escape sequence
    if "\ud800" <= text <= "\udfff":
        return "\ufffd"
    return " "  # a control character, maybe between two words (a form feed, a CR)


def printable(text: str) -> str:
    """``text`` without control sequences or characters (see the module docstring); the
    same object when there are none."""
    if _CONTROL.search(text) is None:
        return text
    return _CONTROL.sub(_replace, text)


# What JSON shows for a control character: \u0000-\u001f (\b, \f, \r by name), or the
# character itself (U+007F-U+009F are not escaped).
_IN_JSON = re.compile(rb"\\u00[01][0-9a-fA-F]|\\[bfr]|\xc2[\x80-\x9f]|\x7f")


def printable_model(model: T) -> T:
    """A copy of a model (a :class:`~xesg.model.result.CheckResult`) whose every string is
    :func:`printable`; the model itself when it has nothing to change, found by one look
    at its JSON (fast: pydantic-core writes it)."""
    from pydantic import BaseModel  # not at start-up: the command line imports this module

    def clean(value: T) -> T:
        if isinstance(value, str):
            return printable(value)  # type: ignore[return-value]
        if isinstance(value, BaseModel):
            changes = {}
            for name in type(value).model_fields:
                old = getattr(value, name)
                new = clean(old)
                if new is not old:
                    changes[name] = new
            return value.model_copy(update=changes) if changes else value
        if isinstance(value, tuple | list | frozenset):
            items = [clean(item) for item in value]
            if all(new is old for new, old in zip(items, value, strict=True)):
                return value
            return type(value)(items)
        if isinstance(value, dict):
            pairs = [(clean(k), clean(v)) for k, v in value.items()]
            if all(k is a and v is b for (k, v), (a, b) in zip(pairs, value.items(), strict=True)):
                return value
            return dict(pairs)  # type: ignore[return-value]
        return value

    if isinstance(model, BaseModel):
        try:
            unchanged = _IN_JSON.search(model.model_dump_json(fallback=str).encode()) is None
        except ValueError:  # a lone surrogate, which JSON cannot hold
            unchanged = False
        if unchanged:
            return model
    return clean(model)
