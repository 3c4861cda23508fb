"""Read articles from files, directories, glob patterns and standard input (no LLM).

Text is kept exactly as read, apart from three things that would otherwise make offsets depend
on the platform: a byte-order mark is dropped and "\\r\\n" / "\\r" become "\\n". HTML goes
through trafilatura for the main text (navigation, ads and footers dropped), the title, the
site name and the publication date. Every input that cannot be read becomes a `Failure` that
names it; the others still load.
"""

from __future__ import annotations

import codecs
import datetime as dt
import functools
import glob
import os
import re
import sys
import unicodedata
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from enum import Enum
from pathlib import Path
from typing import Any, TextIO

from summarizer.errors import InputError
from summarizer.schemas import Document, Failure
from summarizer.text.dates import date_in_stem, date_in_text
from summarizer.text.segment import segment

ARTICLE_SUFFIXES = (".txt", ".md", ".html", ".htm")
HTML_SUFFIXES = (".html", ".htm")
TEXT_SUFFIXES = (".txt", ".md")
STDIN = "-"
STDIN_ID = "stdin"

# A date written near the top of a text file is taken as its publication date: the dateline
# sits within the first lines (headline, byline, date), later dates are usually events.
DATE_LINES = 10
_DATE_PREFIX_CHARS = 4_000
# Share of control characters above which a decodable file is still treated as binary.
_MAX_CONTROL_SHARE = 0.05
_SNIFF_CHARS = 65_536

_HTML_START = re.compile(r"\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html|head)\b", re.IGNORECASE | re.DOTALL)
_DECLARED_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_LINE_BREAKS = re.compile(r"\r\n?")


@dataclass
class IngestResult:
    """What was read: documents in input order, and one failure per input that was not."""

    documents: list[Document] = field(default_factory=list)
    failures: list[Failure] = field(default_factory=list)


class _Rejected(Exception):
    """An input that cannot be read; the message is the reason, without the file name."""


@dataclass
class _Loaded:
    stem: str
    source: str
    text: str
    title: str | None = None
    outlet: str | None = None
    published: dt.date | None = None


def load_documents(inputs: Sequence[str], *, stdin: TextIO | None = None) -> IngestResult:
    """Documents from files, directories (recursively), glob patterns and "-" (standard input).

    Ids are file stems, made unique with "-1", "-2"... in input order when stems collide;
    standard input gets the id "stdin". A file reached twice (say by a path and a pattern)
    is read once.
    """
    if not inputs:
        raise InputError("no input given")
    loaded: list[_Loaded] = []
    failures: list[Failure] = []
    seen: set[Path] = set()
    stdin_read = False
    for given in inputs:
        if given == STDIN:
            if stdin_read:
                failures.append(_failure(given, "standard input is given more than once"))
                continue
            stdin_read = True
            stream = stdin if stdin is not None else sys.stdin
            _collect(functools.partial(_load_stdin, stream), given, loaded, failures)
            continue
        paths, problem = _expand(given)
        if problem is not None:
            failures.append(_failure(given, problem))
        for path in paths:
            key = path.resolve()
            if key in seen:
                continue
            seen.add(key)
            _collect(functools.partial(_load_file, path), str(path), loaded, failures)
    ids = _unique_ids([item.stem for item in loaded])
    documents = [_document(item, document_id) for item, document_id in zip(loaded, ids, strict=True)]
    return IngestResult(documents=documents, failures=failures)


def document_from_text(
    text: str,
    id: str = "text",
    *,
    source: str | None = None,
    outlet: str | None = None,
    published: dt.date | None = None,
    title: str | None = None,
) -> Document:
    """A segmented Document from a string already in memory, with the same newline rules."""
    return _document(
        _Loaded(
            stem=id,
            source=source if source is not None else id,
            text=_clean_text(text),
            title=title,
            outlet=outlet,
            published=published,
        ),
        id,
    )


# --------------------------------------------------------------------------- inputs


def _expand(given: str) -> tuple[list[Path], str | None]:
    """The files an input stands for, and a reason when it stands for none."""
    path = Path(given)
    if path.is_dir():
        articles = _articles_in(path)
        if not articles:
            return [], f"no articles ({', '.join(ARTICLE_SUFFIXES)}) in directory"
        return articles, None
    if path.exists():
        return [path], None
    if glob.has_magic(given):
        matches = sorted(glob.glob(given, recursive=True))
        files: list[Path] = []
        for match in matches:
            matched = Path(match)
            files.extend(_articles_in(matched) if matched.is_dir() else [matched])
        if not files:
            return [], "no file matches this pattern"
        return files, None
    return [], "file not found"


def _articles_in(directory: Path) -> list[Path]:
    """Article files under `directory`, recursively, sorted, hidden files and folders skipped."""
    found = []
    for folder, subfolders, files in os.walk(directory):
        subfolders[:] = [name for name in subfolders if not name.startswith(".")]
        for name in files:
            path = Path(folder, name)
            if not name.startswith(".") and path.suffix.lower() in ARTICLE_SUFFIXES and path.is_file():
                found.append(path)
    return sorted(found, key=lambda p: p.relative_to(directory).as_posix())


def _collect(load: Callable[[], _Loaded], name: str, loaded: list[_Loaded], failures: list[Failure]) -> None:
    try:
        loaded.append(load())
    except _Rejected as rejected:
        failures.append(_failure(name, str(rejected)))


def _failure(name: str, reason: str) -> Failure:
    shown = "standard input" if name == STDIN else name
    return Failure(document=name, stage="ingest", reason=f"{shown}: {reason}")


# --------------------------------------------------------------------------- reading


class _Kind(Enum):
    TEXT = "text"
    HTML = "html"
    SNIFF = "sniff"  # other extensions and standard input: HTML if it starts like HTML


def _kind_of(path: Path) -> _Kind:
    suffix = path.suffix.lower()
    if suffix in HTML_SUFFIXES:
        return _Kind.HTML
    return _Kind.TEXT if suffix in TEXT_SUFFIXES else _Kind.SNIFF


def _load_file(path: Path) -> _Loaded:
    try:
        data = path.read_bytes()
    except OSError as error:
        raise _Rejected(f"cannot read ({error.strerror or error})") from error
    return _from_bytes(data, stem=path.stem, source=str(path), kind=_kind_of(path))


def _load_stdin(stream: TextIO) -> _Loaded:
    raw = getattr(stream, "buffer", None)
    if raw is not None:
        # The real standard input: decode its bytes by the same rules as a file.
        return _from_bytes(raw.read(), stem=STDIN_ID, source=STDIN, kind=_Kind.SNIFF)
    text = stream.read()
    if not text:
        raise _Rejected("empty input")
    return _from_text(text, stem=STDIN_ID, source=STDIN, kind=_Kind.SNIFF)


def _from_bytes(data: bytes, *, stem: str, source: str, kind: _Kind) -> _Loaded:
    if not data:
        raise _Rejected("empty file")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as error:
            raise _Rejected(f"not valid UTF-16 text (bad bytes at offset {error.start})") from error
    elif b"\x00" in data:
        raise _Rejected("binary file (contains NUL bytes), not text")
    else:
        text = _decode_utf8(data, kind=kind)
    return _from_text(text, stem=stem, source=source, kind=kind)


def _decode_utf8(data: bytes, *, kind: _Kind) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        # An HTML page says which encoding it uses; honouring that is not guessing.
        html = kind is _Kind.HTML or (kind is _Kind.SNIFF and _looks_like_html(data[:1024]))
        charset = _declared_charset(data) if html else None
        if charset is not None:
            try:
                return data.decode(charset)
            except UnicodeDecodeError:
                pass
        bad = data[error.start]
        raise _Rejected(
            f"not UTF-8 text (invalid byte 0x{bad:02x} at offset {error.start}); convert it to UTF-8"
        ) from error


def _declared_charset(data: bytes) -> str | None:
    match = _DECLARED_CHARSET.search(data[:4096])
    if match is None:
        return None
    try:
        return codecs.lookup(match.group(1).decode("ascii")).name
    except LookupError:
        return None


def _looks_like_html(start: bytes | str) -> bool:
    head = start.decode("latin-1") if isinstance(start, bytes) else start
    return _HTML_START.match(head) is not None


def _from_text(text: str, *, stem: str, source: str, kind: _Kind) -> _Loaded:
    if _mostly_control_characters(text):
        raise _Rejected("binary file (mostly control characters), not text")
    text = _clean_text(text)
    if not text.strip():
        raise _Rejected("empty file (only whitespace)")
    if kind is _Kind.HTML or (kind is _Kind.SNIFF and _looks_like_html(text[:1024])):
        return _from_html(text, stem=stem, source=source)
    return _Loaded(stem=stem, source=source, text=text)


def _clean_text(text: str) -> str:
    return _LINE_BREAKS.sub("\n", text.removeprefix("\ufeff"))


def _mostly_control_characters(text: str) -> bool:
    sample = text[:_SNIFF_CHARS]
    if not sample:
        return False
    control = sum(
        1
        for char in sample
        if (unicodedata.category(char) == "Cc" and char not in "\t\n\r\f\v") or char == "\ufffd"
    )
    return control / len(sample) > _MAX_CONTROL_SHARE


def _from_html(html: str, *, stem: str, source: str) -> _Loaded:
    import trafilatura  # heavy (lxml, htmldate): loaded only when HTML is read

    extracted = trafilatura.bare_extraction(
        html,
        favor_recall=True,
        include_comments=False,
        include_tables=True,
        with_metadata=True,
        # Dates from the page's metadata and markup only: a date in the body is not the
        # publication date (the plain-text rule looks only at the first lines, for the same reason).
        date_extraction_params={"extensive_search": False, "original_date": True},
    )
    fields: dict[str, Any] = {}
    if isinstance(extracted, dict):
        fields = extracted
    elif extracted is not None:
        fields = extracted.as_dict()
    body = _clean_text(_field(fields, "text") or "").strip()
    if not body:
        raise _Rejected("no article text found in the HTML")
    title = _field(fields, "title")
    text = body if title is None or body.startswith(title) else f"{title}\n\n{body}"
    return _Loaded(
        stem=stem,
        source=source,
        text=text,
        title=title,
        outlet=_field(fields, "sitename"),
        published=_parse_iso_date(_field(fields, "date")),
    )


def _field(fields: dict[str, Any], name: str) -> str | None:
    value = fields.get(name)
    return value.strip() or None if isinstance(value, str) else None


# --------------------------------------------------------------------------- metadata


def _document(item: _Loaded, document_id: str) -> Document:
    published = item.published or date_in_stem(item.stem) or _date_near_top(item.text)
    return Document(
        id=document_id,
        text=item.text,
        source=item.source,
        outlet=item.outlet,
        published=published,
        title=item.title,
        sentences=segment(item.text),
    )


def _unique_ids(stems: list[str]) -> list[str]:
    """Stems as ids; stems shared by several inputs become stem-1, stem-2... in input order."""
    counts = Counter(stems)
    taken = set(stems)
    next_number: Counter[str] = Counter()
    ids = []
    for stem in stems:
        if counts[stem] == 1:
            ids.append(stem)
            continue
        while True:
            next_number[stem] += 1
            candidate = f"{stem}-{next_number[stem]}"
            if candidate not in taken:
                break
        taken.add(candidate)
        ids.append(candidate)
    return ids


def _parse_iso_date(value: str | None) -> dt.date | None:
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value[:10])
    except ValueError:
        return None


def _date_near_top(text: str) -> dt.date | None:
    lines = [line for line in text[:_DATE_PREFIX_CHARS].split("\n") if line.strip()][:DATE_LINES]
    for line in lines:
        if (date := date_in_text(line)) is not None:
            return date
    return None
