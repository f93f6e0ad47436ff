"""A web page saved from a website, as lines of text (stdlib ``html.parser`` only).

Scripts, styles, navigation and the ``<head>`` are dropped; block elements
(paragraphs, headings, list items, table rows, ``<br>``) end a line, and each
table cell ends with a blank line, as ``docx_text`` reads a table.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from .errors import ReadError

_MAX_HTML_CHARS = 20_000_000
HTML_BROKEN = "Trang web không đọc được."

_SKIP = frozenset(
    [
        "script",
        "style",
        "nav",
        "noscript",
        "template",
        "svg",
        "math",
        "head",
        "iframe",
        "object",
        "select",
        "button",
        "canvas",
    ]
)
_BLOCK = frozenset(
    [
        "p",
        "div",
        "br",
        "li",
        "ul",
        "ol",
        "dl",
        "dt",
        "dd",
        "tr",
        "table",
        "thead",
        "tbody",
        "tfoot",
        "caption",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "section",
        "article",
        "header",
        "footer",
        "aside",
        "main",
        "blockquote",
        "pre",
        "hr",
        "form",
        "fieldset",
        "figure",
        "figcaption",
        "address",
        "center",
        "body",
        "html",
        "title",
        "option",
    ]
)
_CELL = frozenset(("td", "th"))
_VOID = frozenset(
    [
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "source",
        "track",
        "wbr",
    ]
)

_HTML_START = re.compile(
    rb"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html)\b", re.I | re.S
)
_HTML_TAG = re.compile(rb"<(?:html|body|head)[\s>]", re.I)
_META_CHARSET = re.compile(rb"""<meta[^>]+?charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)


def _ascii_head(data: bytes) -> bytes:
    """The first 4 KB as ASCII-compatible bytes (UTF-16 pages are decoded first)."""
    head = data[:4096]
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return head.decode("utf-16", errors="ignore").encode("ascii", errors="ignore")
        except Exception:
            return b""
    return head.removeprefix(b"\xef\xbb\xbf")


def looks_like_html(data: bytes) -> bool:
    """True for bytes that begin like an HTML page or name ``<html>``/``<body>`` early on."""
    head = _ascii_head(data)
    return bool(_HTML_START.match(head) or _HTML_TAG.search(head[:2048]))


def declared_charset(data: bytes) -> str | None:
    """The charset a ``<meta>`` names, if any; "utf-16" in a meta means UTF-8 (as browsers do)."""
    match = _META_CHARSET.search(_ascii_head(data))
    if match is None:
        return None
    name = match.group(1).decode("ascii").lower()
    if name.startswith(("utf-16", "utf-32", "unicode")):
        return "utf-8"
    return name


class _TextParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skipping: dict[str, int] = {}
        self.pre = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "body":
            self.skipping.pop("head", None)
        if tag in _SKIP and tag not in _VOID:
            self.skipping[tag] = self.skipping.get(tag, 0) + 1
            return
        if tag == "pre":
            self.pre += 1
        if tag in _BLOCK or tag in _CELL:
            self.parts.append("\n")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self.skipping:
            self.skipping[tag] -= 1
            if self.skipping[tag] <= 0:
                del self.skipping[tag]
            return
        if tag == "pre" and self.pre:
            self.pre -= 1
        if tag in _CELL:
            self.parts.append("\n\n")
        elif tag in _BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if self.skipping:
            return
        self.parts.append(data if self.pre else re.sub(r"\s+", " ", data))


def html_text(data: bytes) -> str:
    """The visible text of an HTML page, one block per line.

    The charset is the BOM's, else the ``<meta charset>``'s, else found as
    for plain text (UTF-8, Windows-1258, TCVN3, VNI). Raises ``ReadError``
    when nothing readable is left.
    """
    from .loading import EMPTY, decode_text

    source = decode_text(data, declared=declared_charset(data))
    if len(source) > _MAX_HTML_CHARS:
        raise ReadError(HTML_BROKEN)
    parser = _TextParser()
    try:
        parser.feed(source)
        parser.close()
    except Exception as exc:  # html.parser is lenient; this guards the rare assertion
        raise ReadError(HTML_BROKEN) from exc
    lines = [line.strip() for line in "".join(parser.parts).split("\n")]
    out: list[str] = []
    for line in lines:
        if line or (out and out[-1]):
            out.append(line)
    text = "\n".join(out).strip("\n")
    if not text.strip():
        raise ReadError(EMPTY)
    return text
