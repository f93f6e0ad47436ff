"""Nomination quotas: how many collectives and individuals a unit or the committee puts forward.

Forms read (59-KH/ĐUK §II.3.2.c, 545-CV/ĐUK, the KL 01 plan):
"01 tập thể hoặc 01 cá nhân" (either: total at most 1), "01 tập thể và 01
cá nhân" (both: total at most 2), "01 - 02 tập thể, 02 - 03 cá nhân"
(ranges: the low end is a minimum), "tối đa", "không quá", "ít nhất";
numbers as digits ("01", "1") or words ("một", "hai"). A single number
only caps: "lựa chọn 01 tập thể" does not force a unit to nominate. Members
("đoàn viên", "đảng viên") count under a cap or right after a word of choosing
("giới thiệu 01 đoàn viên"); a sentence typed without diacritics is read too.

A quota may be conditioned on the unit's member count: "dưới 200 đảng
viên" → at most 199, "trên 200" → at least 201, "từ 200 đảng viên trở
lên" → at least 200. ``quota_warnings`` says where conditions of the same
scope leave a gap (exactly 200) or overlap (docs/domain.md §4.1).
"""

from __future__ import annotations

import bisect
import itertools
import re

from .budget import EVERY, checkpoint
from .dates import fold
from .model import Bound, Quota, QuotaCondition, ReadWarning, Span
from .text import clean_inline, trim_span

_DIGITS = {
    "một": 1,
    "hai": 2,
    "ba": 3,
    "bốn": 4,
    "năm": 5,
    "lăm": 5,
    "sáu": 6,
    "bảy": 7,
    "tám": 8,
    "chín": 9,
}
#: A count written in digits ("01") or in words up to nineteen ("một", "mười hai").
NUMBER = (
    r"(?:\d{1,4}|mười(?:\s+(?:một|hai|ba|bốn|lăm|sáu|bảy|tám|chín))?|"
    r"một|hai|ba|bốn|năm|sáu|bảy|tám|chín)"
)


def count_value(word: str) -> int:
    """The value of a count matched by ``NUMBER``: "02" → 2, "hai" → 2, "mười lăm" → 15."""
    word = " ".join(word.lower().split())
    if word.isdigit():
        return int(word)
    if word.startswith("mười"):
        rest = word[len("mười") :].strip()
        return 10 + (_DIGITS[rest] if rest else 0)
    return _DIGITS[word]


_ITEM_START = re.compile(
    r"[ \t]*(?:\d{1,2}(?:\.\d{1,2})*[ \t]*[.)\-][ \t]|[IVX]+[ \t]*[.)\-]|[a-zđ][ \t]*[.)][ \t]|[-–+•*|])"
)


def _wraps(text: str, start: int, line_end: int, hi: int) -> bool:
    """Whether the line ending at ``line_end`` runs on into the next (no end mark, no new item)."""
    line = text[max(start, line_end - 200) : line_end].rstrip()  # its end is what counts
    if not line or line[-1] in ".:;!?":
        return False
    nxt = text[line_end + 1 : min(hi, line_end + 200)]
    if _ITEM_START.match(nxt):
        return False
    head = nxt.lstrip(" \t")[:1]
    return head.islower() or head.isdigit()


_STOPS = re.compile(r"[.!?…]")


_LAST: list[tuple[str, int, int, list[Span]]] = []  # the last text asked about


def sentence_spans(text: str, lo: int, hi: int) -> list[Span]:
    """Sentences of ``text[lo:hi]``: each line split after ". " before a capital letter.

    The quota and period finders ask for the same body: the last answer is kept (one
    entry, the text compared by identity) so the walk is made once a document.
    """
    if _LAST and _LAST[0][0] is text and _LAST[0][1:3] == (lo, hi):
        return list(_LAST[0][3])
    spans = _sentence_spans(text, lo, hi)
    _LAST[:] = [(text, lo, hi, spans)]
    return list(spans)


def _sentence_spans(text: str, lo: int, hi: int) -> list[Span]:
    spans: list[Span] = []
    pos = lo
    while pos < hi:
        line_end = text.find("\n", pos, hi)
        line_end = hi if line_end < 0 else line_end
        while line_end < hi and _wraps(text, pos, line_end, hi):  # a line wrapped in a PDF
            next_end = text.find("\n", line_end + 1, hi)
            line_end = hi if next_end < 0 else next_end
        start = pos
        if line_end - pos < 3 or not _STOPS.search(text, pos, line_end):
            spans.append((start, line_end))  # a short line or one without a full stop
            pos = line_end + 1
            continue
        for match in re.finditer(r"(?<=[.!?…])[\s*]+(?=[*\"“(]*[^\W\d_])", text[pos:line_end]):
            after = text[pos + match.end() : min(line_end, pos + match.end() + 16)].lstrip('*"“(')
            if after[:1].isupper():
                spans.append((start, pos + match.start()))
                start = pos + match.end()
        spans.append((start, line_end))
        pos = line_end + 1
    return [trim_span(text[s:e], s) for s, e in spans if text[s:e].strip(" *|")]


#: What a count counts. Collectives ("tập thể", "01 mô hình tập thể") and individuals ("cá
#: nhân") always; people named otherwise — members by their organisation ("02 đoàn viên",
#: "01 gương đảng viên"), by their trade ("02 nhà giáo", "03 công nhân", "03 người") — are
#: individuals, and "03 điển hình", "01 hộ" (a household) count toward the total only; these
#: only under a cap or a word of choosing (``_is_count``). One count may name both kinds
#: ("tối đa 03 tập thể, cá nhân tiêu biểu": either kind, three in all).
_BOTH = r"tập\s+thể[\s*]*(?:,|và|hoặc|/)[\s*]*cá\s+nhân"
_COLLECTIVE = r"(?:mô\s+hình\s+)?tập\s+thể"
_PEOPLE = (
    r"(?:gương\s+)?(?:đoàn\s+viên|đảng\s+viên|hội\s+viên|nhà\s+giáo|giáo\s+viên|công\s+nhân|"
    r"cán\s+bộ|chiến\s+sĩ|học\s+sinh|sinh\s+viên|người)"
)
_ANY_KIND = r"(?:gương\s+)?điển\s+hình|hộ(?:\s+gia\s+đình)?"
#: Collectives named by what they are ("01 chi hội", "02 chi đoàn"), under a cap or a word of
#: choosing like the people named otherwise.
_UNITS = r"chi\s+hội|chi\s+đoàn|chi\s+bộ|tổ\s+(?:đảng|hội|chuyên\s+môn)"
#: "02 tập thể", "01 - 02 cá nhân", "ít nhất 01, tối đa 02 tập thể", "02 nhà giáo".
_COUNT = re.compile(
    rf"(?<![\w/])(?P<a>{NUMBER})(?:[\s*]*(?:-|–|đến|tới|,\s*(?:tối\s+đa|không\s+quá))"
    rf"[\s*]*(?P<b>{NUMBER}))?"
    rf"[\s*]+(?P<kind>{_BOTH}|{_COLLECTIVE}|cá\s+nhân|{_PEOPLE}|{_ANY_KIND}|{_UNITS})\b",
    re.IGNORECASE,
)
_COUNTED = re.compile(
    r"tập\s+thể|cá\s+nhân|đoàn\s+viên|đảng\s+viên|hội\s+viên|nhà\s+giáo|giáo\s+viên|"
    r"công\s+nhân|cán\s+bộ|chiến\s+sĩ|học\s+sinh|sinh\s+viên|người|điển\s+hình|\bhộ\b|"
    r"chi\s+hội|chi\s+đoàn|chi\s+bộ|\btổ\s+(?:đảng|hội|chuyên\s+môn)",
    re.IGNORECASE,
)


def _kind(match: re.Match[str]) -> str:
    """ "both", "collective", "individual" (always a count), "people" (an individual under a
    cap or a word of choosing) or "any" (the total only, likewise)."""
    kind = " ".join(match["kind"].lower().split())
    if re.fullmatch(_BOTH, kind):
        return "both"
    if kind.endswith("tập thể"):
        return "collective"
    if kind == "cá nhân":
        return "individual"
    if re.fullmatch(_ANY_KIND, kind):
        return "any"
    if re.fullmatch(_UNITS, kind):
        return "units"
    return "people"


_SELECT = re.compile(
    r"\b(?:giới\s+thiệu|lựa\s+chọn|chọn|đề\s+cử|bình\s+chọn|bình\s+xét|tối\s+đa|không\s+quá|"
    r"ít\s+nhất|tối\s+thiểu|đề\s+nghị|đề\s+xuất|cử)\b",
    re.IGNORECASE,
)
#: Words between the selection word and the first count: a few, and no award of past
#: or other people's honours ("đề nghị Chủ tịch tỉnh tặng Bằng khen cho 03 tập thể").
_GAP_WORDS = 6
#: "danh sách … gồm 03 tập thể và 05 cá nhân" tells a list's size, not a limit.
_NOT_A_GAP = re.compile(r"\b(?:tặng|cho|khen|thưởng|đã|được|gồm)\b", re.IGNORECASE)
#: "đề nghị khen 01 tập thể", "đề xuất khen thưởng 02 cá nhân": put forward to be commended.
_TO_COMMEND = re.compile(r"[\s*]+khen(?:\s+thưởng)?(?:\s+(?:tối\s+đa|không\s+quá))?[\s*]+", re.I)
_AT_LEAST = re.compile(r"(?:ít\s+nhất|tối\s+thiểu)[\s*]*$", re.IGNORECASE)
_AT_MOST = re.compile(r"(?:tối\s+đa|không\s+quá)[\s*]*$", re.IGNORECASE)
_CONDITION = re.compile(
    r"(?:(?P<op>dưới|ít\s+hơn|trên|nhiều\s+hơn|hơn|từ|không\s+quá|tối\s+đa)\s+)?"
    r"(?P<a>\d{1,6})(?:\s*(?:-|–|đến|tới)\s*(?P<b>\d{1,6}))?\s+(?P<noun>đảng\s+viên)"
    r"(?P<tail>\s+trở\s+(?:lên|xuống))?",
    re.IGNORECASE,
)
_YEARLY = re.compile(r"\b(?:hằng|hàng|mỗi|từng)\s+năm\b", re.IGNORECASE)
_COMMITTEE = re.compile(
    r"^(?:Ban\s+Thường\s+vụ\s+|Ban\s+Chấp\s+hành\s+|Thường\s+trực\s+)?"
    r"(?:Đảng\s+[ủu]y\s+Khối|Thị\s+[ủu]y|Huyện\s+[ủu]y|Tỉnh\s+[ủu]y|Thành\s+[ủu]y|Quận\s+[ủu]y)\b",
    re.IGNORECASE,
)
_LEAD = re.compile(r"^[\s*\-–+•]*(?:\d+(?:\.\d+)*[.\-)]*|[a-zđ][.)\-])?[\s*]*", re.IGNORECASE)


def _condition(sentence: str, offset: int, before: int) -> QuotaCondition | None:
    for match in _CONDITION.finditer(sentence, 0, before):
        op = (match["op"] or "").lower()
        op = " ".join(op.split())
        a = int(match["a"])
        b = int(match["b"]) if match["b"] else None
        tail = " ".join((match["tail"] or "").lower().split())
        if b is not None and op in ("từ", ""):
            bound = Bound(a, b)
        elif op in ("dưới", "ít hơn"):
            bound = Bound(None, a - 1)
        elif op in ("trên", "nhiều hơn", "hơn"):
            bound = Bound(a + 1, None)
        elif op in ("không quá", "tối đa") or tail == "trở xuống":
            bound = Bound(None, a)
        elif op == "từ" or tail == "trở lên":
            bound = Bound(a, None)
        else:
            continue
        start, end = offset + match.start(), offset + match.end()
        return QuotaCondition(bound, clean_inline(match.group()), (start, end))
    return None


def _scope(sentence: str, verb_start: int) -> str:
    subject = sentence[:verb_start]
    subject = subject.rsplit(":", 1)[-1]
    subject = clean_inline(_LEAD.sub("", subject))
    if _COMMITTEE.match(subject) and "cơ sở" not in subject.lower():
        return "committee"
    return "unit"


def _sum(bounds: list[Bound], attr: str) -> int | None:
    values = [getattr(b, attr) for b in bounds]
    return sum(values) if values and all(v is not None for v in values) else None


def _total(bounds: list[Bound], either: bool) -> Bound:
    if not either:
        return Bound(_sum(bounds, "min"), _sum(bounds, "max"))
    mins = [b.min for b in bounds]
    maxes = [b.max for b in bounds]
    low = min(mins) if mins and all(v is not None for v in mins) else None  # type: ignore[type-var]
    high = max(maxes) if maxes and all(v is not None for v in maxes) else None  # type: ignore[type-var]
    return Bound(low, high)


def _combine(bounds: list[Bound]) -> Bound:
    if not bounds:
        return Bound()
    return Bound(_sum(bounds, "min"), _sum(bounds, "max"))


def _selection(sentence: str, first_count: int) -> re.Match[str] | None:
    """The selection word that governs the first count ("lựa chọn: 01 - 02 tập thể"), or None."""
    verbs = list(_SELECT.finditer(sentence, 0, first_count))
    if not verbs:
        return None
    gap = sentence[verbs[-1].end() : first_count]
    if _TO_COMMEND.fullmatch(gap):
        return verbs[-1]  # "đề nghị khen 01 tập thể": nominated for commendation
    if len(re.findall(r"[^\W\d_]+", gap)) > _GAP_WORDS or _NOT_A_GAP.search(gap):
        return None
    return verbs[-1]


_CAPPED = re.compile(r"(?:không\s+quá|tối\s+đa)[\s*]*$", re.IGNORECASE)
#: A range of members right after a selection word: "giới thiệu từ 01 đến 02 đảng viên".
_CHOSEN = re.compile(
    r"\b(?:giới\s+thiệu|lựa\s+chọn|chọn|đề\s+cử|bình\s+chọn|cử|đề\s+nghị|đề\s+xuất)"
    r"[\s*]+(?:từ[\s*]+)?$",
    re.IGNORECASE,
)


#: A number of members right after a word of choosing: "mỗi chi đoàn giới thiệu 01 đoàn viên".
_NOMINATED = re.compile(
    r"\b(?:giới\s+thiệu|lựa\s+chọn|chọn|đề\s+cử|bình\s+chọn)[\s*]+$", re.IGNORECASE
)


#: Between two counts of one quota: "01 tập thể hoặc 01 đảng viên", "01 tập thể, 02 người".
_JOINED = re.compile(r"[\s*]*(?:,|và|hoặc)[\s*]*$", re.IGNORECASE)


def _is_count(sentence: str, match: re.Match[str], previous: re.Match[str] | None) -> bool:
    """Collectives and individuals always; people named otherwise ("02 đoàn viên", "03
    nhà giáo") and "điển hình", "hộ" only under a cap ("không quá 02 đoàn viên"), right
    after a word of choosing ("giới thiệu 01 đoàn viên"), or joined to the count before
    ("01 tập thể hoặc 01 đảng viên") — elsewhere they size a unit ("chi bộ có 200 đảng
    viên", "giúp đỡ 05 hộ")."""
    if _kind(match) in ("both", "collective", "individual"):
        return True
    before = max(0, match.start() - 40)
    return bool(
        _CAPPED.search(sentence, before, match.start())
        or _NOMINATED.search(sentence, before, match.start())
        or (match["b"] and _CHOSEN.search(sentence, before, match.start()))
        or (
            previous is not None
            and _JOINED.match(sentence, previous.end(), match.start()) is not None
        )
    )


#: The words of a quota as written, put back in a sentence typed without diacritics ("moi
#: chi doan gioi thieu 01 doan vien tieu bieu", old OCR output): each has the length of its
#: unmarked form, so offsets hold.
_MARKED_WORDS = (
    "tập thể", "cá nhân", "đoàn viên", "đảng viên", "hội viên", "giới thiệu", "lựa chọn",
    "bình chọn", "bình xét", "đề cử", "đề nghị", "đề xuất", "chọn", "tối đa", "không quá",
    "ít nhất", "tối thiểu", "hoặc", "hằng năm", "hàng năm", "mỗi năm", "tặng", "khen",
    "thưởng", "được", "gồm", "trở lên", "trở xuống", "dưới",
)  # fmt: skip
_UNMARKED = {fold(word): word for word in _MARKED_WORDS}
_UNMARKED_RE = re.compile(
    r"\b(?:" + "|".join(sorted(map(re.escape, _UNMARKED), key=len, reverse=True)) + r")\b",
    re.IGNORECASE,
)
_COUNTED_UNMARKED = re.compile(fold(_COUNTED.pattern), re.IGNORECASE)
_UNMARKED_COUNTED_WORDS = (
    "tap the",
    "ca nhan",
    " vien",
    "Tap the",
    "Ca nhan",
    "TAP THE",
    "CA NHAN",
)


def _marked(sentence: str) -> str:
    """``sentence`` with the quota words put back when it has no diacritics at all."""
    if not sentence.isascii():
        return sentence
    return _UNMARKED_RE.sub(lambda m: _UNMARKED[m.group().lower()], sentence)


def _counts(sentence: str) -> list[re.Match[str]]:
    """The counts of a quota in ``sentence``, in order (``_COUNT`` kept by ``_is_count``)."""
    counts: list[re.Match[str]] = []
    for match in _COUNT.finditer(sentence):
        if _is_count(sentence, match, counts[-1] if counts else None):
            counts.append(match)
    return counts


def parse_quota(text: str, start: int, end: int) -> Quota | None:
    """The quota stated by the sentence ``text[start:end]``, or ``None``."""
    sentence = _marked(text[start:end])
    counts = _counts(sentence)
    if not counts:
        return None
    verb = _selection(sentence, counts[0].start())
    if verb is None:
        return None
    collectives: list[Bound] = []
    individuals: list[Bound] = []
    parts: list[Bound] = []  # each count once, toward the total
    either = False
    for i, match in enumerate(counts):
        a = count_value(match["a"])
        before = sentence[max(0, match.start() - 20) : match.start()]
        if match["b"]:
            bound = Bound(a, count_value(match["b"]))
        elif _AT_LEAST.search(before):
            bound = Bound(a, None)
        else:
            bound = Bound(None, a)
        kind = _kind(match)
        if kind in ("both", "collective", "units"):
            collectives.append(bound)
        if kind in ("both", "individual", "people"):
            individuals.append(bound)
        parts.append(bound)
        if i and re.search(r"\bhoặc\b", sentence[counts[i - 1].end() : match.start()], re.I):
            either = True
    condition = _condition(sentence, start, counts[0].start())
    yearly = _YEARLY.search(sentence, 0, counts[0].start())
    lead = _LEAD.match(sentence)
    skip = lead.end() if lead else 0
    return Quota(
        text=clean_inline(text[start + skip : end]),
        condition=condition,
        scope=_scope(sentence, verb.start()),
        period="yearly" if yearly else None,
        collectives=_combine(collectives),
        individuals=_combine(individuals),
        total=_total(parts, either),
        span=(start + skip, end),
    )


#: The header row of a table of quotas per unit: a column of units, then two that count
#: collectives and individuals, in either order ("TT  Đơn vị  Tập thể  Cá nhân"); a report's
#: table of figures ("TT  Nội dung  Tập thể  Cá nhân") is not one.
_TABLE_HEAD = re.compile(
    r"^[^\n]{0,30}?\b(?:Tên\s+)?(?:đơn\s+vị|chi\s+bộ|đảng\s+bộ|cơ\s+quan|địa\s+phương|tổ\s+chức)"
    r"\b[^\n]{0,30}?\b(?P<first>Tập\s+thể|Cá\s+nhân)\s+(?P<second>Tập\s+thể|Cá\s+nhân)\s*$",
    re.IGNORECASE | re.MULTILINE,
)
#: A row of that table: the unit, then its two counts ("2  Chi bộ Trường học  00  02").
_TABLE_ROW = re.compile(
    r"[ \t]*(?:\d{1,3}\.?[ \t]+)?(?P<unit>[^\d\n][^\n]*?)[ \t]+(?P<a>\d{1,3})[ \t]+(?P<b>\d{1,3})[ \t]*$"
)
_TABLE_TOTAL = re.compile(r"(?:tổng\s+)?cộng\b|tổng\s+số\b", re.IGNORECASE)


def _table_quotas(text: str, lo: int, hi: int) -> list[Quota]:
    """Quotas given as a table per unit: a header row naming "Tập thể" and "Cá nhân" as its
    last columns, then a row a unit with its two counts, each a cap (a "00" cell is none of
    that kind); a "Tổng cộng" row is the sum, not a quota. One quota a row, its text the row."""
    found: list[Quota] = []
    for head in _TABLE_HEAD.finditer(text, lo, hi):
        collectives_first = head["first"].lower().startswith("t")
        if collectives_first == head["second"].lower().startswith("t"):
            continue  # the same kind twice
        pos = head.end() + 1
        wrapped = 0  # lines of a cell wrapped below its row (a PDF's narrow column)
        while pos < hi:
            end = text.find("\n", pos, hi)
            end = hi if end < 0 else end
            row = _TABLE_ROW.fullmatch(text, pos, end)
            if row is None:
                line = text[pos:end].strip()
                if not line or wrapped >= 2 or len(line.split()) > 6 or line[:1].isdigit():
                    break
                wrapped += 1
                pos = end + 1
                continue
            wrapped = 0
            if not _TABLE_TOTAL.match(row["unit"].strip()):
                a, b = int(row["a"]), int(row["b"])
                collectives, individuals = (a, b) if collectives_first else (b, a)
                span = trim_span(text[pos:end], pos)
                found.append(
                    Quota(
                        text=clean_inline(text[span[0] : span[1]]),
                        condition=None,
                        scope="unit",
                        period=None,
                        collectives=Bound(None, collectives),
                        individuals=Bound(None, individuals),
                        total=Bound(None, collectives + individuals),
                        span=span,
                    )
                )
            pos = end + 1
    return found


def find_quotas(text: str, lo: int, hi: int) -> list[Quota]:
    """Quotas stated in ``text[lo:hi]`` (the body), in text order; spans are absolute: in
    sentences (``parse_quota``) and in a table of quotas per unit (``_table_quotas``)."""
    found = _table_quotas(text, lo, hi)
    # only a sentence naming collectives or individuals can state a quota: where those
    # words are is found in one pass, and other sentences are not parsed
    # (or typed without diacritics: "doan vien", "ca nhan" — looked for with a regular
    # expression only when a plain search finds one, most texts having none)
    unmarked = any(text.find(word, lo, hi) >= 0 for word in _UNMARKED_COUNTED_WORDS)
    patterns = (_COUNTED, _COUNTED_UNMARKED) if unmarked else (_COUNTED,)
    named = sorted(m.start() for pattern in patterns for m in pattern.finditer(text, lo, hi))
    if not named:
        return found  # no sentence names what a quota counts: the body is not walked
    for count, (start, end) in enumerate(sentence_spans(text, lo, hi)):
        if count % EVERY == EVERY - 1:
            checkpoint()
        i = bisect.bisect_left(named, start)
        if i == len(named) or named[i] >= end:
            continue
        for clause_start, clause_end in _clauses(text, start, end):
            quota = parse_quota(text, clause_start, clause_end)
            if quota is not None:
                found.append(quota)
    return sorted(found, key=lambda q: q.span[0])


def _clauses(text: str, start: int, end: int) -> list[Span]:
    """``text[start:end]`` split at "; " when every part with a count has its own selection
    word ("mỗi đảng bộ đề nghị 01 - 02 tập thể; mỗi chi bộ đề nghị 01 cá nhân"); else whole."""
    parts: list[Span] = []
    pos = start
    for match in re.finditer(r";\s+", text[start:end]):
        parts.append((pos, start + match.start()))
        pos = start + match.end()
    parts.append((pos, end))
    if len(parts) == 1:
        return parts
    for s, e in parts:
        part = _marked(text[s:e])
        counts = _counts(part)
        if counts and _selection(part, counts[0].start()) is None:
            return [(start, end)]
    return parts


def _range_words(low: int, high: int) -> str:
    return f"đúng {low}" if low == high else f"từ {low} đến {high}"


def quota_warnings(quotas: list[Quota]) -> list[ReadWarning]:
    """Member counts that conditions of the same scope leave uncovered or cover twice."""
    warnings: list[ReadWarning] = []
    for scope in ("unit", "committee"):
        conditioned = [q.condition for q in quotas if q.scope == scope and q.condition is not None]
        if len(conditioned) < 2:
            continue
        ordered = sorted(
            conditioned,
            key=lambda c: (c.member_count.min or 0, c.member_count.max or 10**9),
        )
        for prev, nxt in itertools.pairwise(ordered):
            prev_max = prev.member_count.max
            next_min = nxt.member_count.min or 0
            span = (min(prev.span[0], nxt.span[0]), max(prev.span[1], nxt.span[1]))
            if prev_max is None or next_min <= prev_max:
                warnings.append(
                    ReadWarning(
                        "quotas",
                        "quota_overlap",
                        f"Văn bản quy định mức “{prev.text}” và “{nxt.text}” chồng lên nhau: "
                        "đơn vị thuộc cả hai mức không rõ áp dụng mức nào.",
                        span,
                    )
                )
            elif next_min > prev_max + 1:
                low, high = prev_max + 1, next_min - 1
                warnings.append(
                    ReadWarning(
                        "quotas",
                        "quota_gap",
                        f"Văn bản quy định mức “{prev.text}” và “{nxt.text}” nhưng không nói "
                        f"trường hợp {_range_words(low, high)} đảng viên áp dụng mức nào.",
                        span,
                    )
                )
    return warnings
