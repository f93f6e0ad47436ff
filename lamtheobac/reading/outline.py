"""Attached outlines (ĐỀ CƯƠNG): a tree of headings with guidance text.

Numbering (docs/party-format.md §9, §15): level 1 is a Roman numeral
("I-", "I.", "I/"); level 2 an Arabic one ("1-", "1."); decimals ("2.1.",
"2.1-") go one level deeper each. Every other line is guidance for the
heading above it; a "* …" line after numbered children ("* Đánh giá
chung") belongs to the Roman section, since it sums that section up.
"""

from __future__ import annotations

import re

from .model import Outline, OutlineSection
from .numbers import PARTY_NUMBER
from .text import Line, clean_inline, is_upper_line

_ROMAN = re.compile(r"^(?P<num>X{0,3}(?:IX|IV|V?I{0,3}))\s*(?P<sep>[-./)])\s*(?P<rest>\S.*)$")
_ARABIC = re.compile(r"^(?P<num>\d{1,2}(?:\.\d{1,2})*)\s*(?P<sep>[-.)])(?P<gap>\s*)(?P<rest>\S.*)$")
_SEPARATOR = re.compile(r"^[\s\-_=*.–—]{3,}$")
_LETTER = re.compile(r"^(?P<num>[a-zđ])\s*(?P<sep>[)])\s+(?P<rest>\S.*)$")
#: "a)" items sit below whatever numbered heading is above them (placed by ``read_outline``).
_LETTER_LEVEL = 99
_PART = re.compile(r"^(?P<num>[A-H])\s*(?P<sep>[.\-/])\s+(?P<rest>\S.*)$")


def _heading(line: Line) -> tuple[int, str, str] | None:
    """(level, number, rest) when the line is a numbered heading.

    Levels: 0 "A." parts in capitals, 1 Roman, 2 "1-"/"1.", 3 "2.1.", …; "a)" items
    and "* Đánh giá chung" lines are placed under the heading above (``_item``).
    """
    text = line.text
    part = _PART.match(text)
    if part and is_upper_line(part["rest"]):
        return 0, part["num"], part["rest"]
    roman = _ROMAN.match(text)
    if roman and roman["num"] and roman["rest"][:1].isupper():
        return 1, roman["num"], roman["rest"]
    letter = _LETTER.match(text)
    if letter and letter["rest"][:1].isupper() and len(text) <= 100 and text[-1] not in ".;,":
        return _LETTER_LEVEL, letter["num"], letter["rest"]  # "a) Trong cán bộ, đảng viên"
    arabic = _ARABIC.match(text)
    if arabic and (arabic["gap"] or arabic["rest"][:1].isupper()):
        if PARTY_NUMBER.match(text):
            return None
        return 2 + arabic["num"].count("."), arabic["num"], arabic["rest"]
    return None


def _split_heading(rest: str, level: int) -> tuple[str, str]:
    """Heading and first guidance for an Arabic heading line (a long line splits at ":")."""
    rest = rest.strip()
    if level == 1:
        return rest, ""
    if rest.endswith(":"):
        return rest[:-1].strip(), ""
    colon = rest.find(":")
    if len(rest) > 60 and 0 < colon <= 80:
        return rest[:colon].strip(), rest[colon + 1 :].strip()
    return rest.rstrip(".").strip(), ""


def _title(lines: list[Line], start: int, stop: int) -> tuple[str, int, int]:
    """Outline title (ĐỀ CƯƠNG + subject lines), its end offset and the next line index."""
    head = lines[start]
    parts = [head.text]
    end = head.content_span()[1]
    i = start + 1
    while i < stop:
        line = lines[i]
        text = line.text
        if not text:
            if len(parts) > 1:
                break
            i += 1
            continue
        if text.startswith("(") or _SEPARATOR.match(text) or _heading(line):
            break
        if len(parts) > 1 and not (is_upper_line(text) or text[:1].islower()):
            break
        parts.append(text)
        end = line.content_span()[1]
        i += 1
    return " ".join(parts), end, i


def read_outline(lines: list[Line], start: int, stop: int | None = None) -> Outline | None:
    """Parse the outline whose "ĐỀ CƯƠNG" line is within 4 lines from ``start``."""
    stop = len(lines) if stop is None else stop
    head = next(
        (
            ln
            for ln in lines[start : min(stop, start + 5)]
            if ln.text.upper().startswith(("ĐỀ CƯƠNG", "DE CUONG"))
        ),
        None,
    )
    if head is None:
        return None
    title, title_end, i = _title(lines, head.index, stop)
    outline = Outline(title=title, span=(head.content_span()[0], title_end))
    # the "(kèm theo …)" note and the ----- rule
    depth = 0
    while i < stop:
        text = lines[i].text
        if not text or _SEPARATOR.match(text):
            i += 1
            continue
        if text.startswith("(") or depth > 0:
            depth += text.count("(") - text.count(")")
            i += 1
            continue
        break
    levels = {h[0] for ln in lines[i:stop] if (h := _heading(ln))} - {_LETTER_LEVEL}
    top = min(levels) if levels else 2
    stack: list[tuple[int, OutlineSection]] = []
    preamble: list[str] = []
    last_end = title_end
    for line in lines[i:stop]:
        text = line.text
        if not text:
            continue
        found = _heading(line)
        if found is not None and found[0] == _LETTER_LEVEL and not stack:
            found = None  # an "a)" item before any heading is guidance
        if found is not None:
            level, number, rest = found
            if level == _LETTER_LEVEL:  # one level below the nearest numbered heading
                level = next(
                    (
                        lv + 1
                        for lv, sec in reversed(stack)
                        if not sec.number.isalpha() or sec.number.isupper()
                    ),
                    0,
                )
            else:
                level -= top - 1
            heading, guidance = _split_heading(clean_inline(rest), level)
            section = OutlineSection(
                number=number,
                heading=heading,
                guidance=guidance,
                span=line.content_span(),
                written=text,
            )
            while stack and stack[-1][0] >= level:
                stack.pop()
            if stack:
                stack[-1][1].children.append(section)
            else:
                outline.sections.append(section)
            stack.append((level, section))
        else:
            if not stack:
                preamble.append(text)
            else:
                target = stack[-1][1]
                if text.startswith("* ") and len(stack) > 1:
                    target = stack[0][1]
                target.guidance = f"{target.guidance}\n{text}" if target.guidance else text
        end = line.content_span()[1]
        for _, open_section in stack:
            open_section.span = (open_section.span[0], end)
        last_end = end
    outline.guidance = "\n".join(preamble)
    outline.span = (outline.span[0], last_end)
    return outline
