"""CNMARC (UNIMARC) records in ISO 2709 files, as library systems export them -> books.

The file is split on the record terminator and each record is read on its own: vendors count
the record length (and directory lengths) in characters instead of bytes, and trusting them
would shift every record after the first Chinese character. Each record's directory is laid
again from where its fields really end before pymarc reads it.
"""
from __future__ import annotations

import warnings
from collections import Counter
from dataclasses import dataclass, field

from generator.importers import ImportedBook, encoding
from generator.importers.bookrecord import make_book
from generator.problems import Problems

RECORD_END = b"\x1d"
FIELD_END = b"\x1e"
SUBFIELD = b"\x1f"
LEADER = 24
ENTRY = 12
UNICODE_SETS = {"50"}  # 100$a/26-29: ISO 10646 (UTF-8); other sets in Chinese records are GB


class RecordError(Exception):
    """A record whose structure cannot be read; the message says where it breaks."""


@dataclass
class MarcFile:
    books: list[ImportedBook] = field(default_factory=list)
    records: int = 0
    encodings: Counter = field(default_factory=Counter)  # (encoding, how it was found) -> records


def looks_like_marc(raw: bytes) -> bool:
    """An ISO 2709 file starts with a five-digit length, and its directory ends with 0x1E."""
    head = raw.lstrip(b"\r\n\x00 \t\xef\xbb\xbf")[:LEADER]
    return len(head) == LEADER and head[:5].isdigit() and FIELD_END in raw[:100_000] and head[12:17].isdigit()


def read_marc(raw: bytes, name: str, problems: Problems) -> MarcFile:
    import pymarc  # loaded only when a catalogue file is imported

    found = MarcFile()
    chunks = [c.strip(b"\r\n\x00 \t") for c in raw.split(RECORD_END)]
    for number, chunk in enumerate((c for c in chunks if c), start=1):
        found.records = number
        try:
            fields = split_fields(chunk.removeprefix(b"\xef\xbb\xbf"))
        except RecordError as exc:
            problems.error("import_record_unreadable", name, number, detail=str(exc))
            continue
        chosen = choose_encoding(fields)
        if chosen is None:
            problems.error("import_record_encoding", name, number)
            continue
        found.encodings[chosen] += 1
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                record = pymarc.Record(rebuild(chunk[:LEADER], fields, chosen[0]), to_unicode=True,
                                       force_utf8=chosen[0] == encoding.UTF8, file_encoding=_codec(chosen[0]))
        except (pymarc.exceptions.PymarcException, ValueError, UnicodeDecodeError) as exc:
            problems.error("import_record_unreadable", name, number, detail=type(exc).__name__)
            continue
        book = make_book(book_values(record), name, number, problems)
        if book is not None:
            found.books.append(book)
    return found


def split_fields(chunk: bytes) -> list[tuple[str, bytes]]:
    """(tag, field bytes without its terminator) in directory order, from where fields end."""
    end = chunk.find(FIELD_END, LEADER)
    directory = chunk[LEADER:end]
    if end < 0 or len(directory) % ENTRY or not directory.isdigit() and not _tags_ok(directory):
        raise RecordError("directory")
    entries = [(directory[i:i + 3].decode("ascii"), int(directory[i + 7:i + 12]))
               for i in range(0, len(directory), ENTRY)]
    pieces = chunk[end + 1:].split(FIELD_END)
    if pieces and pieces[-1].strip() == b"":
        pieces.pop()
    if len(pieces) != len(entries):
        raise RecordError(f"{len(entries)} fields in the directory, {len(pieces)} in the record")
    # The data area holds the fields in the order of their offsets, whatever unit those count in.
    by_offset = sorted(range(len(entries)), key=lambda i: entries[i][1])
    data = dict(zip(by_offset, pieces))
    return [(entries[i][0], data[i]) for i in range(len(entries))]


def _tags_ok(directory: bytes) -> bool:
    # Tags may hold letters (local fields); lengths and offsets are always digits.
    return all(directory[i + 3:i + 12].isdigit() and directory[i:i + 3].isalnum() for i in range(0, len(directory), ENTRY))


def choose_encoding(fields: list[tuple[str, bytes]]) -> tuple[str, str] | None:
    """(encoding, how it was found: "100$a" or "sniffed"), or None when the bytes read as neither."""
    data = b"".join(value for _, value in fields)
    declared = _declared(fields)
    if declared is not None and _decodes(data, declared):
        return declared, "100$a"
    if _decodes(data, encoding.UTF8):
        return encoding.UTF8, "sniffed"
    if encoding.chinese_gb(data) is not None:
        return encoding.GB, "sniffed"
    return None


def _declared(fields: list[tuple[str, bytes]]) -> str | None:
    """The character set 100$a positions 26–29 name, when they name one."""
    general = next((value for tag, value in fields if tag == "100"), None)
    if general is None:
        return None
    for sub in general.split(SUBFIELD)[1:]:
        if sub[:1] == b"a" and len(sub) >= 31:
            sets = sub[1 + 26:1 + 30]
            codes = {sets[:2].decode("latin-1").strip(), sets[2:].decode("latin-1").strip()} - {""}
            if not codes:
                return None
            return encoding.UTF8 if codes & UNICODE_SETS else encoding.GB
    return None


def _codec(name: str) -> str:
    return "utf-8" if name == encoding.UTF8 else "gb18030"


def _decodes(data: bytes, name: str) -> bool:
    try:
        data.decode(_codec(name))
    except UnicodeDecodeError:
        return False
    return True


def rebuild(leader: bytes, fields: list[tuple[str, bytes]], name: str) -> bytes:
    """The record again with lengths and offsets in bytes, as pymarc reads it."""
    directory, data, offset = b"", b"", 0
    for tag, value in fields:
        piece = value + FIELD_END
        directory += tag.encode("ascii") + b"%04d%05d" % (len(piece), offset)
        data += piece
        offset += len(piece)
    base = LEADER + len(directory) + 1
    length = base + len(data) + 1
    coding = b"a" if name == encoding.UTF8 else b" "  # leader/09: pymarc reads "a" as UTF-8
    head = b"%05d" % length + leader[5:9] + coding + b"22" + b"%05d" % base + leader[17:24]
    return head + directory + FIELD_END + data + RECORD_END


def _subfields(record, tag: str, code: str) -> list[str]:
    return [value for f in record.get_fields(tag) for value in f.get_subfields(code)]


def _first(record, tag: str, code: str) -> str:
    found = _subfields(record, tag, code)
    return found[0] if found else ""


def book_values(record) -> dict:
    """The book's raw values from the UNIMARC fields the issue lists. Pinyin subfields ($9, $A)
    are never asked for; a role in 701/702 $4 is left out."""
    title = _first(record, "200", "a")
    subtitle = "：".join(_subfields(record, "200", "e"))
    if subtitle:
        title = f"{title}：{subtitle}"
    part = " ".join(_subfields(record, "200", "h") + _subfields(record, "200", "i"))
    if part:
        title = f"{title} {part}"
    author = " ".join(_subfields(record, "200", "f") + _subfields(record, "200", "g"))
    if not author.strip():
        people = _subfields(record, "701", "a") or _subfields(record, "702", "a")
        author = "、".join(people)
    call = ""
    if _first(record, "905", "d"):
        call = "/".join(p for p in (_first(record, "905", "d"), _first(record, "905", "e")) if p)
    return {
        "title": title, "author": author,
        "publisher": _first(record, "210", "c"), "year": _first(record, "210", "d"),
        "isbn": _first(record, "010", "a"),  # 010$z is a cancelled ISBN: never the book's
        "call_numbers": [call, _first(record, "690", "a")],
        "tags": _subfields(record, "606", "a"),
        "summary": "\n".join(_subfields(record, "330", "a")),
    }
