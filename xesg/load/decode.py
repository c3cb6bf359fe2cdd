"""Decode report bytes: UTF-8, then UTF-16 with a BOM, then cp1252 — and say which was used."""

from __future__ import annotations

import codecs

from xesg.errors import InputError


def decode_report(data: bytes, name: str) -> tuple[str, str]:
    """Return ``(text, encoding)``; raise InputError for empty or binary data."""
    if not data.strip():
        raise InputError(f"{name}: the report is empty")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16"), "utf-16"
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8) :].decode("utf-8", errors="replace"), "utf-8-sig"
    if _looks_binary(data):
        raise InputError(f"{name}: binary data, not a text report")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    # cp1252 leaves five byte values undefined; they become U+FFFD rather than an error.
    return data.decode("cp1252", errors="replace"), "cp1252"


# Text reports have tabs, newlines and form feeds; other C0 controls mean binary data.
_TEXT_CONTROLS = {9, 10, 12, 13}


def _looks_binary(data: bytes) -> bool:
    sample = data[:65536]
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b < 32 and b not in _TEXT_CONTROLS)
    return controls > max(2, len(sample) // 200)
