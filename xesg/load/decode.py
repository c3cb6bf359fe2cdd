"""Decode the bytes of a text report, Markdown, HTML or CSV file — and say how.

In order: an encoding the user named (``--encoding``); a byte-order mark (UTF-8, UTF-16);
strict UTF-8; then charset-normalizer's detection, which reads the legacy encodings of Hong
Kong, mainland and Japanese issuers (Big5, GB18030/GBK, Shift-JIS), and UTF-16 without a
byte-order mark. The single-byte code pages of Western text (cp1252, cp1250, latin-1 …)
differ only in a few letters, and no detector tells them apart on a short text with
confidence: such text is read as cp1252, the encoding of nearly every Western text that is
not UTF-8, and a note says so when the detector preferred another code page that reads the
text differently. A detection with a low confidence is noted too, never used silently.
"""

from __future__ import annotations

import codecs
import functools
from typing import NamedTuple

from xesg.errors import InputError

# Below this confidence (1 - charset-normalizer's "chaos", the share of the decoded text that
# looks like noise) a detected encoding is used with a note asking the user to check it.
SURE = 0.9
FALLBACK = "cp1252"
# Encodings whose detection is trusted: multi-byte ones, which decode a text without errors
# only when it was written in them (a single-byte code page decodes anything).
_MULTIBYTE_NAMES = (
    "big5", "big5hkscs", "cp950", "gb2312", "gbk", "gb18030", "hz", "shift_jis", "cp932",
    "shift_jis_2004", "shift_jisx0213", "euc_jp", "euc_jis_2004", "euc_jisx0213",
    "iso2022_jp", "euc_kr", "cp949", "johab", "iso2022_kr", "utf_16", "utf_16_le",
    "utf_16_be", "utf_32", "utf_32_le", "utf_32_be",
)  # fmt: skip


@functools.cache
def _multibyte() -> frozenset[str]:
    """The codec names of :data:`_MULTIBYTE_NAMES`, looked up on the first detection: each
    lookup imports its codec's module (~5 ms for all of them, a cost of every start-up when
    it was done at import)."""
    return frozenset(codecs.lookup(name).name for name in _MULTIBYTE_NAMES)


class Decoded(NamedTuple):
    text: str
    encoding: str  # a Python codec name: utf-8, utf-8-sig, utf-16, big5, gb18030, cp1252 …
    note: str | None = None  # how the encoding was detected, when it was

    @property
    def notes(self) -> tuple[str, ...]:
        return (self.note,) if self.note else ()


def check_encoding(name: str) -> str:
    """The codec name for ``name`` (``--encoding``), or InputError for an unknown one or a
    codec that is no character set."""
    try:
        codecs.lookup(name)
    except LookupError:
        raise InputError(f"--encoding: unknown encoding {name!r}") from None
    codec = text_codec(name)
    if codec is None:
        raise InputError(f"--encoding: {name!r} is no character set a report is written in")
    return codec


# Codecs Python knows that are no character set a file can be written in: host names (idna,
# punycode), Python's string escapes, one that refuses everything; the bytes-to-bytes codecs
# (base64, zlib …) are not text encodings at all.
_NOT_CHARSETS = {"idna", "punycode", "undefined", "unicode-escape", "raw-unicode-escape"}


def text_codec(name: str) -> str | None:
    """The codec name of a character set (``--encoding``, a page's ``<meta charset>``), or
    None when Python knows none by that name or the codec is no character set."""
    try:
        codec = codecs.lookup(name)
    except LookupError:
        return None
    return codec.name if codec._is_text_encoding and codec.name not in _NOT_CHARSETS else None


def decode_report(
    data: bytes, name: str, encoding: str | None = None, kind: str = "a text report"
) -> Decoded:
    """Decode ``data`` (see the module docstring); raise InputError for empty or binary data.

    ``kind`` names what the file should be, for the message about binary data."""
    if not data.strip():
        raise InputError(f"{name}: the report is empty")
    if encoding is not None:
        codec = check_encoding(encoding)
        if codec == "utf-8" and data.startswith(codecs.BOM_UTF8):
            codec = "utf-8-sig"
        return Decoded(data.decode(codec, errors="replace"), codec)
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return Decoded(data.decode("utf-16", errors="replace"), "utf-16")
    if data.startswith(codecs.BOM_UTF8):
        return Decoded(data[len(codecs.BOM_UTF8) :].decode("utf-8", errors="replace"), "utf-8-sig")
    sample = data[:65536]
    wide = b"\x00" in sample  # UTF-16 or UTF-32 without a byte-order mark, or binary data
    if not wide:
        if _looks_binary(sample):
            raise InputError(f"{name}: binary data, not {kind}")
        try:
            return Decoded(data.decode("utf-8"), "utf-8")
        except UnicodeDecodeError:
            pass
    # Imported here: most reports are UTF-8 or PDF and never need the detector (~60 ms).
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    codec = codecs.lookup(best.encoding).name if best is not None else ""
    # A UTF-16 guess for text without NUL bytes is wrong: its ASCII (digits, spaces, line
    # breaks, which every index has) would have them.
    if best is not None and codec in _multibyte() and wide == codec.startswith("utf-"):
        confidence = 1.0 - best.chaos
        if confidence < SURE:
            if wide:
                raise InputError(f"{name}: binary data, not {kind}")
            return Decoded(str(best), codec, _unsure(codec, confidence))
        note = f"Encoding detected: {codec} (confidence {confidence:.2f})."
        return Decoded(str(best), codec, note)
    if wide:
        raise InputError(f"{name}: binary data, not {kind}")
    # cp1252 leaves five byte values undefined; they become U+FFFD rather than an error.
    text = data.decode(FALLBACK, errors="replace")
    if best is None or codec in _multibyte():
        other = "no other encoding was detected"
    elif str(best) != text:
        other = f"charset-normalizer prefers {codec}, which reads it differently"
    else:
        return Decoded(text, FALLBACK)
    note = (
        f"The encoding is uncertain: the text was read as {FALLBACK} (Western European); "
        f"{other}. Give --encoding if letters look wrong."
    )
    return Decoded(text, FALLBACK, note)


def _unsure(codec: str, confidence: float) -> str:
    return (
        f"The encoding is uncertain: the text was read as {codec} (confidence "
        f"{confidence:.2f}). Give --encoding if letters look wrong."
    )


# Text reports have tabs, newlines and form feeds; other C0 controls mean binary data.
_TEXT_CONTROLS = {9, 10, 12, 13}


def _looks_binary(sample: bytes) -> bool:
    controls = sum(1 for b in sample if b < 32 and b not in _TEXT_CONTROLS)
    return controls > max(2, len(sample) // 200)
