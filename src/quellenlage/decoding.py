"""Bytes to text: byte-order marks, UTF-16/32 with or without a BOM, legacy code pages, and
the few repairs that keep every offset where it was.

Pure functions, no spaCy. The repairs are length-preserving: a lone CR becomes LF (old Mac
line endings are line endings), a lone surrogate (only JSON escapes can make one) becomes
U+FFFD. So `text[start:end]` means the same characters before and after.
"""
from __future__ import annotations

import codecs
import re

import charset_normalizer

_WESTERN_EXTRA = set("äöüÄÖÜßéèêëáàâíìîïóòôúùûçñÉÈÀÇ„“”‚‘’–—…€°§«»·×±²³µ¼½¾©®™•\xa0")
# Longest BOM first: the UTF-32-LE mark starts with the UTF-16-LE one.
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32-le", "utf-32"), (codecs.BOM_UTF32_BE, "utf-32-be", "utf-32"),
         (codecs.BOM_UTF8, "utf-8", "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16-le", "utf-16"),
         (codecs.BOM_UTF16_BE, "utf-16-be", "utf-16"))
_LONE_CR = re.compile(r"\r(?!\n)")
_SURROGATE = re.compile("[\ud800-\udfff]")


def bom_encoding(head: bytes) -> tuple[str, int, str] | None:
    """(codec, BOM length, name to record) when `head` starts with a byte-order mark."""
    for bom, codec, name in _BOMS:
        if head.startswith(bom):
            return codec, len(bom), name
    return None


def sniff_wide(raw: bytes) -> str | None:
    """UTF-16 or UTF-32 without a BOM, told by where the zero bytes fall: text that is mostly
    Latin script has a zero in every other (UTF-16) or three of four (UTF-32) bytes."""
    head = raw[:4096]
    n = len(head) - len(head) % 4
    if n < 4:
        return None
    zeros = [sum(1 for i in range(k, n, 4) if head[i] == 0) / (n // 4) for k in range(4)]
    guess = None
    if zeros[1] > .9 and zeros[2] > .9 and zeros[3] > .9 and zeros[0] < .5:
        guess = "utf-32-le"
    elif zeros[0] > .9 and zeros[1] > .9 and zeros[2] > .9 and zeros[3] < .5:
        guess = "utf-32-be"
    elif zeros[1] > .7 and zeros[3] > .7 and zeros[0] < .3 and zeros[2] < .3:
        guess = "utf-16-le"
    elif zeros[0] > .7 and zeros[2] > .7 and zeros[1] < .3 and zeros[3] < .3:
        guess = "utf-16-be"
    return guess if guess and _reads_as_text(head[:n].decode(guess, errors="replace")) else None


def _reads_as_text(text: str) -> bool:
    """Words and spaces, mostly Latin letters: not a binary pattern that happens to fit."""
    if not text:
        return False
    plain = sum(1 for ch in text if ch.isascii() and (ch.isalnum() or ch in " \n\t.,;:!?-'\"()"))
    spaces = sum(1 for ch in text if ch in " \n\t")
    return plain / len(text) > .6 and (len(text) < 20 or spaces > 0)


def decode(raw: bytes) -> tuple[str, str]:
    """Bytes -> (text, encoding name). A BOM decides (and is removed); then BOM-less UTF-16/32;
    then UTF-8; then the Western code pages legacy German text uses; then detection."""
    marked = bom_encoding(raw[:4])
    if marked:
        codec, skip, name = marked
        return repair(raw[skip:].decode(codec, errors="replace")), name
    wide = sniff_wide(raw)
    if wide:
        return repair(raw.decode(wide, errors="replace")), wide
    try:
        return repair(raw.decode("utf-8")), "utf-8"
    except UnicodeDecodeError:
        pass
    # Statistical detection is unreliable on short texts (it reads Latin-1 umlauts as
    # Chinese), so take the Western code page first when all it yields is Western text.
    for western in ("cp1252", "latin_1"):
        try:
            text = raw.decode(western)
        except UnicodeDecodeError:
            continue
        if all(ch in _WESTERN_EXTRA or ch.isascii() for ch in text):
            return repair(text), western
    best = charset_normalizer.from_bytes(raw).best()
    if best is None:
        raise UnicodeDecodeError("unknown", raw[:1], 0, 1, "no encoding fits")
    return repair(str(best)), best.encoding


def looks_binary(raw: bytes) -> bool:
    """Zero bytes or many control bytes, unless the bytes are UTF-16/32 text."""
    head = raw[:8192]
    if not head or bom_encoding(head[:4]) or sniff_wide(head):
        return False
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b < 9 or 13 < b < 32)
    return controls / len(head) > 0.05


def repair(text: str) -> str:
    """Length-preserving repairs: lone CR -> LF, lone surrogates -> U+FFFD."""
    if "\r" in text:
        text = _LONE_CR.sub("\n", text)
    if _SURROGATE.search(text):
        text = _SURROGATE.sub("\ufffd", text)
    return text


def printable_name(name: str) -> str:
    """A file name as valid UTF-8 text (undecodable bytes shown as U+FFFD), for ids and rows."""
    try:
        name.encode("utf-8")
        return name
    except UnicodeEncodeError:
        return name.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
