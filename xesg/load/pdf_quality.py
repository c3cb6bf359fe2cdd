"""Tell when a PDF page's text layer cannot be trusted.

Three failures are common in real reports: a page that is only an image (a scan: no text at
all), a font whose ToUnicode map points at the private-use area or at U+FFFD (text extracts
as boxes), and a font whose map is wrong (glyph numbers leak through: ``Our`` reads ``2XU``,
or letters come out as punctuation, ``>=C4=CB``). The last is recognised statistically:
real text in Latin script has vowels in most words and few symbols.
"""

from __future__ import annotations

import re

_MIN_CHARS = 40  # below this, a page says too little to judge
# Private-use and replacement characters, and C0 controls other than white space.
_BROKEN = re.compile("[\ue000-\uf8ff\ufffd\U000f0000-\U0010ffff\x00-\x08\x0b\x0e-\x1f]")
_LATIN = re.compile(r"[A-Za-z]")
_VOWELS = re.compile(r"[AEIOUYaeiouy]")
_RARE = b"<=>[]\\^`{}~#*+@_\"$!?;:'&"
_LETTERS = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
_NOT_LETTERS = bytes(b for b in range(256) if b not in _LETTERS)
_NOT_RARE = bytes(b for b in range(256) if b not in _RARE)
_NOT_VOWELS = bytes(b for b in range(256) if b not in b"AEIOUYaeiouy")
_NOT_C0 = bytes(b for b in range(256) if not (b <= 0x08 or b == 0x0B or 0x0E <= b <= 0x1F))
_TOKEN = re.compile(r"\S+")
_WORD = re.compile(r"^[(\[\"'“‘]*([^\W\d_]+(?:[-'’][^\W\d_]+)*)[)\]\"'”’.,;:!?%]*$")
_NUMBER = re.compile(r"^[(\[$€£¥]*[-+]?\d[\d,.]*%?[)\]]*[.,;:]?$")


def unreadable_reason(text: str) -> str | None:
    """Why the text of a page with text is not real text, or None when it reads as text."""
    # Counts by bytes.translate (one pass in C each) on the ASCII characters: most pages
    # are all ASCII, and then the whole count.
    ascii_text = text.encode("ascii", "ignore")
    blank = len(ascii_text) - len(ascii_text.translate(None, b" \n\r\t"))
    visible = len(text) - blank
    if visible < _MIN_CHARS:
        return None
    # Broken characters are all controls (ASCII) but for the private-use areas and U+FFFD.
    maybe_broken = len(ascii_text) < len(text) or len(ascii_text.translate(None, _NOT_C0)) > 0
    broken = len(_BROKEN.findall(text)) if maybe_broken and _BROKEN.search(text) else 0
    if broken >= 0.3 * visible:
        return "private-use or replacement characters instead of text (broken font map)"
    # Cheap counts first (most pages are plainly text); words only when they look odd.
    letters = len(ascii_text.translate(None, _NOT_LETTERS))
    vowels = len(ascii_text.translate(None, _NOT_VOWELS))
    symbols = len(ascii_text.translate(None, _NOT_RARE))
    odd_letters = letters >= 100 and vowels < 0.25 * letters
    if not odd_letters and symbols < 0.12 * visible:
        return None
    if _garbled(text, visible, symbols):
        return "garbled text (broken font encoding: letters map to the wrong characters)"
    return None


def _garbled(text: str, visible: int, symbols: int) -> bool:
    tokens = _TOKEN.findall(text)
    if len(tokens) < 8:
        return False
    wordlike = sum(1 for t in tokens if _is_word(t))
    if symbols >= 0.12 * visible and wordlike < 0.4 * len(tokens):
        return True  # ">=C4=CB ;.8 3:*#'?": punctuation where letters should be
    # Latin-script prose runs about 38 % vowels and nearly every word of four letters or
    # more has one; leaked glyph numbers ("GHSRWV" for "depots") have neither.
    letters = _LATIN.findall(text)
    long_words = [m.group(1) for t in tokens if (m := _WORD.match(t)) and len(m.group(1)) >= 4]
    long_words = [w for w in long_words if w.isascii()]
    if len(letters) < 100 or len(long_words) < 10:
        return False
    vowels = len(_VOWELS.findall(text))
    silent = sum(1 for w in long_words if not _VOWELS.search(w))
    lower = sum(1 for ch in letters if ch.islower())
    return vowels < 0.25 * len(letters) and (
        silent >= 0.35 * len(long_words) or lower < 0.1 * len(letters)
    )


def _is_word(token: str) -> bool:
    if _NUMBER.match(token):
        return True
    match = _WORD.match(token)
    if not match:
        return False
    word = match.group(1)
    if not word.isascii():
        return True  # other scripts: no vowel test
    return len(word) <= 3 or bool(_VOWELS.search(word))
