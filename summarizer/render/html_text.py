"""What every HTML module shares: escaping for text and attributes, element ids for documents
and sentences, and JSON that is safe inside a `<script>` element."""

from __future__ import annotations

import json
from functools import lru_cache
from html import escape


def h(value: object) -> str:
    """Escape for HTML text and (double-quoted) attribute values."""
    return _escaped(value if isinstance(value, str) else str(value))


# Control characters have no place in an HTML page (they are parse errors): shown as U+FFFD.
_CONTROLS = dict.fromkeys([*range(0, 9), 11, 12, *range(14, 32), 127], "�")


@lru_cache(maxsize=1 << 16)
def _escaped(text: str) -> str:
    """Remembered: a large report escapes the same names, refs and sentences many times."""
    return escape(text.translate(_CONTROLS), quote=True)


@lru_cache(maxsize=1 << 12)
def anchor_token(value: str) -> str:
    """An id-safe, injective spelling: [A-Za-z0-9_.-] kept, anything else as ~HEX~."""
    return "".join(ch if ch.isascii() and (ch.isalnum() or ch in "_.-") else f"~{ord(ch):x}~" for ch in value)


def sentence_anchor(document_id: str, index: int) -> str:
    """The element id of a sentence: `s-<doc>-<index>`; citations link to it."""
    return f"s-{anchor_token(document_id)}-{index}"


def document_anchor(document_id: str) -> str:
    return f"doc-{anchor_token(document_id)}"


def script_json(value: object) -> str:
    """JSON that is safe inside a <script> element: no `</script>`, `<!--` or line separators."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    for raw, escaped in (("<", "\\u003c"), (">", "\\u003e"), ("&", "\\u0026")):
        text = text.replace(raw, escaped)
    text = text.replace("\x7f", "\\u007f")  # the one control character JSON leaves raw
    return text.replace("\u2028", "\\u2028").replace("\u2029", "\\u2029")
