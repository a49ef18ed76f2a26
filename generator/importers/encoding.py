"""Which encoding a text export is in: UTF-8 (with or without BOM), UTF-16, or GBK/GB18030,
which Excel and older library systems write on Chinese Windows."""
from __future__ import annotations

import codecs

UTF8 = "UTF-8"
GB = "GB18030"  # GB2312 and GBK are subsets: one decoder reads all three
UTF16 = "UTF-16"


def decode(raw: bytes) -> tuple[str, str] | None:
    """(text, encoding name), or None when the bytes are neither UTF-8 nor clearly Chinese GBK."""
    if raw.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return raw.decode("utf-16", errors="replace"), UTF16
    try:
        return raw.decode("utf-8-sig"), UTF8
    except UnicodeDecodeError:
        pass
    text = chinese_gb(raw)
    return (text, GB) if text is not None else None


def chinese_gb(raw: bytes) -> str | None:
    """The bytes read as GB18030 when they look like Chinese text, else None.

    A GB18030 decode succeeds on many byte strings that are not Chinese (Big5, Windows-1252),
    so the result is kept only when nearly all its characters are in GB2312, the everyday set.
    (Broader than the content loader's test: class lists are names, and names use GB2312's
    second level often.)
    """
    try:
        text = raw.decode("gb18030")
    except UnicodeDecodeError:
        return None
    wide = [c for c in text if ord(c) > 0x7F]
    if not wide:
        return text
    return text if sum(_in_gb2312(c) for c in wide) >= 0.9 * len(wide) else None


def _in_gb2312(char: str) -> bool:
    try:
        char.encode("gb2312")
    except UnicodeEncodeError:
        return False
    return True
