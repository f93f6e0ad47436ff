"""The year's theme (chuyên đề năm) and the quarterly topics (chủ điểm quý) of a plan.

A yearly plan (seed 004 §II.1–§II.2) names the year's theme ("chuyên đề năm 2022 … với Chủ
đề: "…"") and suggests one topic per quarter, each on its own line, in forms such as::

    - *Quý I/2022*: "Tư tưởng … về ý chí tự lực, tự cường"; liên hệ …
    Quý II: Tư tưởng Hồ Chí Minh về …
    Chủ điểm quý III: "…"
    3. Quý IV (tháng 10–12): Đánh giá kết quả …; liên hệ …

A line counts as a topic when it begins (after a bullet, a list number, emphasis marks or
the words "chủ điểm") with "Quý" and a quarter in Roman or Arabic numerals, optionally
"/year" or "năm year", then ":" or a dash. The quoted part is the topic's title; what
follows is guidance. Without quotes the title runs to the first ";". To tell topics from a
task's time ("- Quý II: hoàn thành …"), a run of such lines is kept only when it names at
least two different quarters or the words "chủ điểm" / "chuyên đề" stand in it or in the
few lines before it. A quarter named twice keeps its first topic.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from .model import Located, Span

_QUARTER_NUMBERS = {"I": 1, "II": 2, "III": 3, "IV": 4, "1": 1, "2": 2, "3": 3, "4": 4}

_TOPIC_LINE = re.compile(
    r"""^[\s\-+•*–]*+                       # bullets and emphasis (possessive: linear)
        (?:(?:\d{1,2}|[a-zđ])[.)]\s*)?      # a list number "3." or "a)"
        [*_]*\s*
        (?:chủ\s+điểm\s+)?                  # "Chủ điểm quý III"
        quý\s+(?P<q>IV|III|II|I|[1-4])\b
        (?:\s*(?:/|năm)\s*(?P<year>\d{4}))?
        [*_]*\s*
        (?:\([^)]{0,40}\)\s*)?              # "(tháng 10–12)"
        [*_]*\s*[:–\-]\s*[*_]*\s*
        (?P<rest>\S.*)$""",
    re.IGNORECASE | re.VERBOSE,
)
_QUOTED = re.compile(r"^[\"“”«](?P<title>[^\"“”«»]{3,}?)[\"“”»]\s*[;,.:]?\s*(?P<tail>.*)$")
_CONTEXT = re.compile(r"chủ\s+điểm|chuyên\s+đề", re.IGNORECASE)
_CONTEXT_LINES = 6
_GAP_LINES = 4  # lines allowed between two topics of one run (blank lines, wrapped text)

_YEAR_THEME = re.compile(
    r"chuyên\s+đề\s+(?:năm\s+)?(?P<year>\d{4})?[^\"“\n]{0,80}?chủ\s+đề\s*:?\s*"
    r"[\"“](?P<title>[^\"”]{10,})[\"”]",
    re.IGNORECASE,
)
_TERM_THEME = re.compile(
    r"(?:chuyên|chủ)\s+đề\s+toàn\s+khóa[^\"“\n]{0,60}?[\"“](?P<title>[^\"”]{10,})[\"”]",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class QuarterTopic:
    """One quarter's topic: ``quarter`` 1–4, ``year`` when written ("Quý I/2022"), the
    ``title`` (the quoted words, else up to the first ";") and the ``guidance`` after it."""

    quarter: int
    year: int | None
    title: str
    guidance: str
    text: str
    span: Span

    def to_json(self) -> dict[str, Any]:
        return {
            "quarter": self.quarter,
            "year": self.year,
            "title": self.title,
            "guidance": self.guidance,
            "text": self.text,
            "span": [self.span[0], self.span[1]],
        }


@dataclass
class Themes:
    """What a plan says about its themes: the year's, the term's, the quarters' topics."""

    year_theme: Located | None = None
    term_theme: Located | None = None
    topics: list[QuarterTopic] = field(default_factory=list)


def _clean(text: str) -> str:
    return re.sub(r"\s+", " ", text.replace("*", "").replace("_", " ")).strip(" ;,.")


def _split_title(rest: str) -> tuple[str, str]:
    rest = rest.strip().replace("**", "").strip("*_ ")
    quoted = _QUOTED.match(rest)
    if quoted:
        return _clean(quoted["title"]), _clean(quoted["tail"])
    head, _, tail = rest.partition(";")
    return _clean(head), _clean(tail)


def _lines(text: str, lo: int, hi: int) -> list[tuple[int, str]]:
    lines = []
    pos = lo
    for raw in text[lo:hi].split("\n"):
        lines.append((pos, raw))
        pos += len(raw) + 1
    return lines


def find_quarter_topics(text: str, lo: int = 0, hi: int | None = None) -> list[QuarterTopic]:
    """The quarterly topics in ``text[lo:hi]``, in the order written (see module doc)."""
    hi = len(text) if hi is None else hi
    lines = _lines(text, lo, hi)
    runs: list[list[tuple[int, QuarterTopic]]] = []
    last_index = -100
    for index, (start, raw) in enumerate(lines):
        match = _TOPIC_LINE.match(raw)
        if match is None:
            continue
        title, guidance = _split_title(match["rest"])
        if len(title) < 3:
            continue
        stripped = raw.rstrip()
        offset = len(raw) - len(raw.lstrip())
        topic = QuarterTopic(
            quarter=_QUARTER_NUMBERS[match["q"].upper()],
            year=int(match["year"]) if match["year"] else None,
            title=title,
            guidance=guidance,
            text=stripped.strip(),
            span=(start + offset, start + len(stripped)),
        )
        if index - last_index > _GAP_LINES or not runs:
            runs.append([])
        runs[-1].append((index, topic))
        last_index = index
    found: dict[int, QuarterTopic] = {}
    for run in runs:
        quarters = {topic.quarter for _, topic in run}
        first = run[0][0]
        context = " ".join(raw for _, raw in lines[max(0, first - _CONTEXT_LINES) : first])
        context += " ".join(topic.text for _, topic in run)
        if len(quarters) < 2 and not _CONTEXT.search(context):
            continue
        for _, topic in run:
            found.setdefault(topic.quarter, topic)
    return sorted(found.values(), key=lambda t: t.span[0])


def find_themes(text: str, lo: int = 0, hi: int | None = None) -> Themes:
    """The year's theme, the term's theme and the quarterly topics in ``text[lo:hi]``.

    The year's theme is the quoted "Chủ đề" of a sentence about the "chuyên đề năm"; the
    term's theme the quoted words after "chuyên đề toàn khóa". Either is None when the text
    does not quote it.
    """
    hi = len(text) if hi is None else hi
    themes = Themes(topics=find_quarter_topics(text, lo, hi))
    body = text[lo:hi]
    year = _YEAR_THEME.search(body)
    if year:
        themes.year_theme = Located(
            _clean(year["title"]), (lo + year.start("title"), lo + year.end("title"))
        )
    term = _TERM_THEME.search(body)
    if term:
        themes.term_theme = Located(
            _clean(term["title"]), (lo + term.start("title"), lo + term.end("title"))
        )
    return themes
