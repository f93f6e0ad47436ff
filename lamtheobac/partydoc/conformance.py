"""The [A] and [B] rules of docs/party-format.md, checked on a generated .docx.

Each ``Rule`` reads the document's XML (through python-docx's reader) and returns the value it
measured and whether the rule holds; ``None`` means the rule does not apply to this document
(e.g. a superior line when the issuer has none). ``check()`` runs every rule on one file; the
drafting app's conformance test renders the results as ``docs/conformance.md``.

Tags follow the reference: [A] quoted from 36-HD/VPTW itself, [B] a secondary source. A few
[C] rules the issue asks for (no "V/v", upright bases, "Kính trình" under 05-HD, one spelling)
are checked too and tagged as such.
"""

from __future__ import annotations

import io
import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from functools import cached_property

import docx
from docx.document import Document
from docx.oxml.ns import qn
from docx.shared import Length
from docx.table import Table
from docx.text.paragraph import Paragraph

from .document import PARTY_HEADING, RECIPIENTS_LABEL
from .rules import FormatRules

# kind code (§14.1) -> kind name line (None: công văn has none, §7)
KINDS: dict[str, str | None] = {
    "BC": "BÁO CÁO",
    "CV": None,
    "TTr": "TỜ TRÌNH",
    "QĐ": "QUYẾT ĐỊNH",
    "TB": "THÔNG BÁO",
    "KH": "KẾ HOẠCH",
}
KIND_LABELS = {
    "BC": "Báo cáo",
    "CV": "Công văn",
    "TTr": "Tờ trình",
    "QĐ": "Quyết định",
    "TB": "Thông báo",
    "KH": "Kế hoạch",
}
_NUMBER = re.compile(
    r"^Số (\d{2,5}|\s{5})\u2011?-?(?P<kind>[A-Za-zĐđ]{1,5})/[A-ZĐ][A-ZĐa-zđ0-9]*(-[A-ZĐ][A-ZĐa-zđ0-9]*)*$"
)
_DATE_LINE = re.compile(r"^[^,]+, ngày (0[1-9]|[12]\d|3[01]) tháng (0[12]|[3-9]|1[0-2]) năm \d{4}$")
_CITATION = re.compile(r"\bsố \d+-[A-Za-zĐđ]{1,5}/[A-ZĐ][A-ZĐa-zđ0-9-]*")
_CITATION_FULL = re.compile(
    r"\bsố \d+-[A-Za-zĐđ]{1,5}/[A-ZĐ][A-ZĐa-zđ0-9-]*, ngày \d{2}/(0[12]|[3-9]|1[0-2])/\d{4}"
    r" của [A-ZĐ]"
)
_COLLECTIVE = ("T/M",)
# open syllables only ("hoà", "uỷ" vs "hòa", "ủy"); "toàn", "quý" are the same in both
_OLD_STYLE = re.compile(r"(?<!q)(uỷ|uý|uỳ|uỹ|uỵ|oà|oá|oả|oã|oạ|oè|oé|oẻ|oẽ|oẹ)(?!\w)")
_NEW_STYLE = re.compile(r"(?<!q)(ủy|úy|ùy|ũy|ụy|òa|óa|ỏa|õa|ọa|òe|óe|ỏe|õe|ọe)(?!\w)")


@dataclass(frozen=True)
class Reading:
    """A generated .docx opened for checking, with what the rules need to know about it."""

    doc: Document
    rules: FormatRules
    board: bool = False  # issued by an advisory board (head direct / K/T) rather than T/M

    @classmethod
    def of(cls, data: bytes, rules: FormatRules, *, board: bool = False) -> Reading:
        return cls(docx.Document(io.BytesIO(data)), rules, board)

    @cached_property
    def header(self) -> Table:
        return self.doc.tables[0]

    @cached_property
    def closing(self) -> Table | None:
        for table in self.doc.tables:
            if table.cell(0, 0).paragraphs[0].text.strip() == RECIPIENTS_LABEL:
                return table
        return None

    @cached_property
    def number_paragraph(self) -> Paragraph:
        return self.header.cell(1, 0).paragraphs[0]

    @cached_property
    def kind_code(self) -> str:
        match = _NUMBER.match(self.number_paragraph.text)
        return match["kind"] if match else "?"

    @cached_property
    def body(self) -> list[Paragraph]:
        """Top-level paragraphs after the header, before the closing (no appendix)."""
        out = []
        for block in self.doc.element.body.iterchildren():
            if self.closing is not None and block is self.closing._tbl:
                break
            if block.tag == qn("w:p"):
                out.append(Paragraph(block, self.doc._body))
        return out

    @cached_property
    def kind_paragraph(self) -> Paragraph | None:
        name = KINDS.get(self.kind_code)
        return next((p for p in self.body if name and p.text.strip() == name), None)

    @cached_property
    def title_paragraph(self) -> Paragraph | None:
        if self.kind_paragraph is None:
            return None
        index = self.body.index(self.kind_paragraph)
        return self.body[index + 1] if index + 1 < len(self.body) else None

    @cached_property
    def prose(self) -> list[Paragraph]:
        """Body paragraphs proper: after the "-----" separator (or the Kính gửi block)."""
        start = 0
        for index, p in enumerate(self.body):
            text = p.text.strip()
            if text == self.rules.separator or text.startswith(("Kính gửi:", "Kính trình:")):
                start = index + 1
            elif start and text.startswith("- ") and index == start:
                start = index + 1  # the rest of a multi-line Kính gửi list
        return [p for p in self.body[start:] if p.text.strip()]

    def all_text(self) -> Iterator[str]:
        for p in self.doc.paragraphs:
            yield p.text
        for table in self.doc.tables:
            for row in table.rows:
                for cell in row.cells:
                    for p in cell.paragraphs:
                        yield p.text


Check = Callable[[Reading], tuple[str, bool | None]]


@dataclass(frozen=True)
class Rule:
    code: str
    tag: str  # "A", "B" or "C"
    where: str  # section of docs/party-format.md
    text: str
    check: Check


def _runs(p: Paragraph) -> list:
    return [r for r in p.runs if r.text.strip()]


def _style(p: Paragraph) -> tuple[set[float], set[bool], set[bool]]:
    runs = _runs(p)
    sizes = {r.font.size.pt for r in runs if r.font.size is not None}
    return sizes, {bool(r.font.bold) for r in runs}, {bool(r.font.italic) for r in runs}


def _fmt(sizes: set[float]) -> str:
    return "/".join(f"{s:g}" for s in sorted(sizes)) or "?"


def _describe(p: Paragraph | None) -> str:
    if p is None:
        return "thiếu"
    sizes, bold, italic = _style(p)
    parts = [f"{_fmt(sizes)} pt"]
    parts.append("đậm" if bold == {True} else "không đậm" if bold == {False} else "lẫn")
    parts.append("nghiêng" if italic == {True} else "đứng" if italic == {False} else "lẫn")
    return ", ".join(parts)


def _styled(
    p: Paragraph | None, sizes: set[float], *, bold: bool, italic: bool
) -> tuple[str, bool]:
    if p is None:
        return "thiếu", False
    got, b, i = _style(p)
    ok = bool(got) and got <= sizes and b == {bold} and i == {italic}
    return _describe(p), ok


# -- the header (§3, §4) -----------------------------------------------------------------


def heading_rule(r: Reading) -> tuple[str, bool | None]:
    p = r.header.cell(0, 1).paragraphs[0]
    text_ok = p.text.strip() == PARTY_HEADING
    desc, ok = _styled(p, {15}, bold=True, italic=False)
    return f"“{p.text.strip()}”, ô phải dòng 1, {desc}", text_ok and ok


def heading_underline(r: Reading) -> tuple[str, bool | None]:
    p = r.header.cell(0, 1).paragraphs[0]
    runs = _runs(p)
    ok = bool(runs) and all(run.font.underline for run in runs)
    return ("gạch chân đúng độ dài dòng chữ" if ok else "không có đường kẻ"), ok


def superior_line(r: Reading) -> tuple[str, bool | None]:
    paragraphs = [p for p in r.header.cell(0, 0).paragraphs if p.text.strip()]
    if len(paragraphs) < 3:  # issuer + star only: a one-line name
        return "không có (tên một dòng)", None
    p = paragraphs[0]
    desc, ok = _styled(p, {14}, bold=False, italic=False)
    return f"“{p.text}”, {desc}", ok and p.text == p.text.upper()


def issuer_line(r: Reading) -> tuple[str, bool | None]:
    paragraphs = [p for p in r.header.cell(0, 0).paragraphs if p.text.strip()]
    p = paragraphs[-2] if len(paragraphs) >= 2 else None
    desc, ok = _styled(p, {14}, bold=True, italic=False)
    text = p.text if p is not None else ""
    return f"“{text}”, {desc}", ok and text == text.upper()


def star_line(r: Reading) -> tuple[str, bool | None]:
    paragraphs = [p.text.strip() for p in r.header.cell(0, 0).paragraphs if p.text.strip()]
    ok = bool(paragraphs) and paragraphs[-1] == "*"
    return ("dấu * dưới tên cơ quan" if ok else f"dòng cuối: {paragraphs[-1:]}"), ok


def number_line(r: Reading) -> tuple[str, bool | None]:
    p = r.number_paragraph
    desc, ok = _styled(p, {14}, bold=False, italic=False)
    text = p.text
    hyphen_ok = p._p.xpath("count(.//w:noBreakHyphen)") >= 1
    pattern_ok = _NUMBER.match(text) is not None and ":" not in text
    kind_ok = r.kind_code in KINDS
    measured = f"“{text}”, {desc}, gạch nối không ngắt dòng: {'có' if hyphen_ok else 'không'}"
    return measured, ok and pattern_ok and kind_ok and hyphen_ok


def date_line(r: Reading) -> tuple[str, bool | None]:
    p = r.header.cell(1, 1).paragraphs[0]
    desc, ok = _styled(p, {14}, bold=False, italic=True)
    return f"“{p.text}”, {desc}", ok and _DATE_LINE.match(p.text) is not None


def kind_name(r: Reading) -> tuple[str, bool | None]:
    if KINDS.get(r.kind_code) is None:
        return "công văn: không có tên loại", None
    desc, ok = _styled(r.kind_paragraph, {15, 16}, bold=True, italic=False)
    return desc, ok


def summary_line(r: Reading) -> tuple[str, bool | None]:
    if KINDS.get(r.kind_code) is None:
        return "công văn: xem quy tắc trích yếu công văn", None
    p = r.title_paragraph
    desc, ok = _styled(p, {14, 15}, bold=True, italic=False)
    text = p.text.strip() if p is not None else ""
    lower = bool(text) and text[0] == text[0].lower()
    return f"“{text[:40]}…”, {desc}", ok and lower and not text.startswith("V/v")


def cong_van_summary(r: Reading) -> tuple[str, bool | None]:
    if KINDS.get(r.kind_code) is not None:
        return "không phải công văn", None
    paragraphs = [p for p in r.header.cell(1, 0).paragraphs[1:] if p.text.strip()]
    if not paragraphs:
        return "thiếu", False
    p = paragraphs[0]
    desc, ok = _styled(p, {12}, bold=False, italic=True)
    text = p.text.strip()
    return f"“{text[:40]}…”, {desc}", ok and not text.startswith(("V/v", "v/v"))


def body_size(r: Reading) -> tuple[str, bool | None]:
    sizes: set[float] = set()
    for p in r.prose:
        sizes |= _style(p)[0]
    ok = len(sizes) == 1 and sizes <= {14, 15}
    return f"{_fmt(sizes)} pt", ok


def body_upright(r: Reading) -> tuple[str, bool | None]:
    slanted = []
    for p in r.prose:
        text = p.text.strip()
        if re.match(r"^[a-zđ]\)", text) or text.startswith("(") or text.startswith("Phụ lục"):
            continue  # level-3 headings and notes may be italic (§9, [C])
        if any(r_.font.italic for r_ in _runs(p)):
            slanted.append(text[:30])
    return (f"{len(slanted)} đoạn nghiêng" + (f": {slanted[0]}…" if slanted else "")), not slanted


def bases_upright(r: Reading) -> tuple[str, bool | None]:
    bases = [p for p in r.prose if p.text.strip().startswith(("Căn cứ", "Xét đề nghị"))]
    if not bases:
        return "không có căn cứ", None
    italic = [p for p in bases if any(run.font.italic for run in _runs(p))]
    return f"{len(bases)} căn cứ, {len(italic)} in nghiêng", not italic


def decision_names_body(r: Reading) -> tuple[str, bool | None]:
    if r.kind_code != "QĐ":
        return "không phải quyết định", None
    enact = next((p.text for p in r.prose if p.text.strip().endswith("QUYẾT ĐỊNH:")), "")
    body = enact.removesuffix("QUYẾT ĐỊNH:").strip()
    if not body:
        return "thiếu dòng quyết định", False
    mentions = [p.text for p in r.prose if p.text.startswith(("Căn cứ Quy chế", "Xét đề nghị"))]
    issuer = " ".join(body.split()[3:])  # drop "BAN THƯỜNG VỤ"
    ok = all(issuer.lower() in m.lower() for m in mentions if "Quy chế" in m)
    return f"“{body}”", ok


def signature_block(r: Reading) -> tuple[str, bool | None]:
    if r.closing is None:
        return "thiếu khối ký", False
    lines = [p for p in r.closing.cell(0, 1).paragraphs if p.text.strip()]
    if not lines:
        return "thiếu", False
    name = lines[-1]
    first = lines[0].text.strip()
    name_ok = bool(name.text.strip()) and _style(name)[1] == {True}
    prefix = first.split(" ")[0] if first.startswith(("T/M", "K/T", "T/L", "T/UQ")) else ""
    collective_ok = prefix in _COLLECTIVE or prefix == "T/L"
    authority_ok = prefix in ("", "K/T") if r.board else collective_ok
    measured = (
        " / ".join(p.text.strip() for p in lines[:2]) + f" / {name.text.strip() or '(trống)'}"
    )
    return measured, authority_ok and name_ok and len(lines) >= 2


def slash_prefixes(r: Reading) -> tuple[str, bool | None]:
    texts = [p.text for p in r.closing.cell(0, 1).paragraphs] if r.closing else []
    state = [t for t in texts if re.match(r"^(TM|KT|TL|TUQ)\.", t.strip())]
    return ("dùng dấu gạch chéo" if not state else f"kiểu Nhà nước: {state[0]}"), not state


def positions(r: Reading) -> tuple[str, bool | None]:
    if r.closing is None:
        return "thiếu", False
    left = r.closing.cell(0, 0).paragraphs[0]
    label_ok = left.text.strip() == RECIPIENTS_LABEL and all(x.font.underline for x in _runs(left))
    right = r.closing.cell(0, 1).text.strip() != ""
    keep = r.closing.rows[0]._tr.xpath("count(w:trPr/w:cantSplit)") == 1
    return (
        f"Nơi nhận trái (gạch chân: {'có' if label_ok else 'không'}), chữ ký phải, "
        f"khối ký không tách trang: {'có' if keep else 'không'}"
    ), label_ok and right and keep


def required_elements(r: Reading) -> tuple[str, bool | None]:
    missing = []
    if r.header.cell(0, 1).paragraphs[0].text.strip() != PARTY_HEADING:
        missing.append("tiêu đề")
    if not r.header.cell(0, 0).text.strip():
        missing.append("tên cơ quan")
    if not r.number_paragraph.text.startswith("Số"):
        missing.append("số, ký hiệu")
    if "ngày" not in r.header.cell(1, 1).text:
        missing.append("địa danh, ngày")
    if KINDS.get(r.kind_code) and r.kind_paragraph is None:
        missing.append("tên loại")
    if not r.prose:
        missing.append("nội dung")
    if r.closing is None or not r.closing.cell(0, 1).paragraphs[-1].text.strip():
        missing.append("họ tên người ký")
    if r.closing is None or len(r.closing.cell(0, 0).paragraphs) < 2:
        missing.append("nơi nhận")
    return ("đủ 8 thành phần (trừ dấu)" if not missing else "thiếu: " + ", ".join(missing)), (
        not missing
    )


def unicode_nfc(r: Reading) -> tuple[str, bool | None]:
    bad = [t for t in r.all_text() if unicodedata.normalize("NFC", t) != t]
    return ("Unicode NFC (TCVN 6909:2001)" if not bad else f"{len(bad)} đoạn không NFC"), not bad


def times_new_roman(r: Reading) -> tuple[str, bool | None]:
    names = set()
    parts = [r.doc.element, r.doc.sections[0].header._element]
    defaults = r.doc.styles.element.find(qn("w:docDefaults"))
    if defaults is not None:
        parts.append(defaults)
    parts.append(r.doc.styles["Normal"].element)
    for part in parts:
        for element in part.iter(qn("w:rFonts")):
            names.add(element.get(qn("w:ascii")))
    names.discard(None)
    return ", ".join(sorted(names)), names == {r.rules.font_name}


def _mm(value: Length | None) -> float:
    return value.mm if value is not None else 0.0


def a4_page(r: Reading) -> tuple[str, bool | None]:
    s = r.doc.sections[0]
    w, h = round(_mm(s.page_width)), round(_mm(s.page_height))
    margins = tuple(
        round(_mm(m)) for m in (s.top_margin, s.bottom_margin, s.left_margin, s.right_margin)
    )
    ok = (w, h) == (210, 297) and margins == (20, 20, 30, 15)
    return f"{w} × {h} mm, lề {'/'.join(map(str, margins))} mm", ok


def page_numbers(r: Reading) -> tuple[str, bool | None]:
    s = r.doc.sections[0]
    header_xml = s.header._element
    field = any("PAGE" in (t.text or "") for t in header_xml.iter(qn("w:instrText")))
    first_empty = not any(
        "PAGE" in (t.text or "") for t in s.first_page_header._element.iter(qn("w:instrText"))
    )
    sizes = {
        int(sz.get(qn("w:val"))) / 2 for sz in header_xml.iter(qn("w:sz")) if sz.get(qn("w:val"))
    }
    distance = abs(_mm(s.header_distance) - 10) < 0.5
    ok = s.different_first_page_header_footer and field and first_empty and distance
    return (
        f"từ trang 2, cỡ {_fmt(sizes)}, cách mép trên {_mm(s.header_distance):.0f} mm",
        ok and sizes == {14},
    )


def citations(r: Reading) -> tuple[str, bool | None]:
    # the generated grounds ("Thực hiện …", "Căn cứ …"); units' own text is quoted as written
    texts = [p.text for p in r.prose if p.text.startswith(("Thực hiện", "Căn cứ"))]
    found = [m for t in texts for m in _CITATION.finditer(t)]
    if not found:
        return "không trích dẫn văn bản", None
    full = sum(len(_CITATION_FULL.findall(t)) for t in texts)
    return f"{full}/{len(found)} trích dẫn có “, ngày dd/mm/yyyy của …”", full == len(found)


def kind_in_list(r: Reading) -> tuple[str, bool | None]:
    return f"{r.kind_code} ({KIND_LABELS.get(r.kind_code, '?')})", r.kind_code in KINDS


def appendix_numbers(r: Reading) -> tuple[str, bool | None]:
    labels = [p.text.strip() for p in r.doc.paragraphs if p.text.strip().startswith("Phụ lục")]
    labels = [t for t in labels if len(t) < 20]
    if not labels:
        return "không có phụ lục", None
    ok = all(re.fullmatch(r"Phụ lục( \d+)?", t) for t in labels)
    return ", ".join(labels), ok


def addressee_label(r: Reading) -> tuple[str, bool | None]:
    found = next(
        (p.text.split(":")[0] for p in r.body if p.text.startswith(("Kính gửi", "Kính trình"))),
        None,
    )
    if found is None:
        return "không có", None if r.kind_code not in ("CV", "TTr") else False
    expected = r.rules.petition_label if r.kind_code == "TTr" else r.rules.addressee_label
    return f"“{found}:”", found == expected


def spelling(r: Reading) -> tuple[str, bool | None]:
    text = unicodedata.normalize("NFC", " ".join(r.all_text())).lower()
    old = len(_OLD_STYLE.findall(text))
    new = len(_NEW_STYLE.findall(text))
    if r.rules.spelling == "modern":
        return f"ủy/hòa: {new}, uỷ/hoà: {old}", old == 0
    if r.rules.spelling == "traditional":
        return f"uỷ/hoà: {old}, ủy/hòa: {new}", new == 0
    return f"uỷ/hoà: {old}, ủy/hòa: {new}", old == 0 or new == 0


def recipients_list(r: Reading) -> tuple[str, bool | None]:
    if r.closing is None:
        return "thiếu", False
    items = [p for p in r.closing.cell(0, 0).paragraphs[1:] if p.text.strip()]
    sizes: set[float] = set()
    for p in items:
        sizes |= _style(p)[0]
    last = items[-1].text.strip() if items else ""
    ok = (
        sizes == {12}
        and all(p.text.startswith("- ") for p in items)
        and last.startswith("- Lưu")
        and not last.startswith("- Lưu:")
        and last.endswith(".")
    )
    return f"{len(items)} dòng, {_fmt(sizes)} pt, cuối “{last}”", ok


RULES: tuple[Rule, ...] = (
    Rule("A1", "A", "§3 #1, §4", "Tiêu đề “ĐẢNG CỘNG SẢN VIỆT NAM”: ô phải, dòng đầu, in hoa cỡ 15, đứng, đậm", heading_rule),
    Rule("A2", "A", "§4", "Dưới tiêu đề có đường kẻ ngang, nét liền, dài bằng dòng chữ", heading_underline),
    Rule("A3", "A", "§3 #2a", "Tên cơ quan cấp trên trực tiếp: in hoa cỡ 14, đứng, không đậm", superior_line),
    Rule("A4", "A", "§3 #2b", "Tên cơ quan ban hành: in hoa cỡ 14, đứng, đậm", issuer_line),
    Rule("A5", "A", "§3 #3, §5", "Số và ký hiệu “Số 01-BC/ĐUK”: không dấu hai chấm, cỡ 14 đứng; số từ 01; gạch nối không ngắt dòng", number_line),
    Rule("A6", "A", "§3 #4, §6", "Địa danh, ngày tháng năm: cỡ 14 nghiêng; ngày 01–09, tháng 01, 02 có số 0", date_line),
    Rule("A7", "A", "§3 #5a, §7", "Tên loại văn bản: in hoa cỡ 15–16, đứng, đậm", kind_name),
    Rule("A8", "A", "§3 #5a, §7", "Trích yếu dưới tên loại: chữ thường cỡ 14–15, đứng, đậm; không “V/v”", summary_line),
    Rule("A9", "A", "§3 #5b, §7", "Trích yếu công văn: dưới số và ký hiệu, cỡ 12, nghiêng, không “V/v”", cong_van_summary),
    Rule("A10", "A", "§3 #6", "Nội dung: cỡ 14–15, một cỡ chữ trong cả văn bản", body_size),
    Rule("A11", "A", "§3 #6", "Nội dung in đứng", body_upright),
    Rule("A12", "A", "§10", "Thẩm quyền ký: cấp ủy ký T/M; người đứng đầu ban ký trực tiếp, cấp phó K/T; có họ tên (đậm)", signature_block),
    Rule("A13", "A", "§15", "Phụ lục đánh số Ả Rập (Phụ lục 1, 2)", appendix_numbers),
    Rule("B1", "B", "§1 (Điều 15, 66-QĐ/TW)", "Đủ thành phần bắt buộc: tiêu đề, tên cơ quan, số, địa danh ngày, tên loại, nội dung, người ký, nơi nhận", required_elements),
    Rule("B2", "B", "§1 Phụ lục 1", "Vị trí: nơi nhận bên trái, chữ ký bên phải; “Nơi nhận:” gạch chân; chỉ khối ký không tách trang", positions),
    Rule("B3", "B", "§2", "Phông chữ Unicode theo TCVN 6909:2001 (NFC)", unicode_nfc),
    Rule("B4", "B", "§2", "Phông Times New Roman cho mọi chữ", times_new_roman),
    Rule("B5", "B", "§2", "Khổ A4 (210 × 297 mm), lề 20/20/30/15 mm", a4_page),
    Rule("B6", "B", "§2", "Số trang từ trang 2, giữa lề trên, cách mép trên 10 mm, cỡ 14", page_numbers),
    Rule("B7", "B", "§4", "Dấu * dưới tên cơ quan ban hành (thay đường kẻ của văn bản Nhà nước)", star_line),
    Rule("B8", "B", "§6", "Trích dẫn văn bản: “… số 05-CT/TW, ngày 15/5/2016 của Bộ Chính trị”", citations),
    Rule("B9", "B", "§10, §16", "Tiền tố thẩm quyền dùng gạch chéo (T/M, K/T, T/L), không “TM.”, “KT.”", slash_prefixes),
    Rule("B10", "B", "§13", "Thể loại thuộc danh mục 66-QĐ/TW; văn bản đôn đốc là công văn", kind_in_list),
    Rule("C1", "C", "§8, §17", "“Kính gửi:” (36-HD); tờ trình “Kính trình:” theo 05-HD", addressee_label),
    Rule("C2", "C", "§11", "Nơi nhận: từng dòng “- …,” cỡ 12; dòng cuối “- Lưu ….” không dấu hai chấm", recipients_list),
    Rule("C3", "C", "§9", "Căn cứ in đứng (không nghiêng như văn bản Nhà nước)", bases_upright),
    Rule("C4", "C", "§9", "Quyết định: tên cơ quan ở dòng “… QUYẾT ĐỊNH:” trùng với căn cứ", decision_names_body),
    Rule("C5", "C", "§9, §17", "Một cách đặt dấu trong cả văn bản (uỷ/hoà hoặc ủy/hòa)", spelling),
)  # fmt: skip


@dataclass(frozen=True)
class Result:
    rule: Rule
    measured: str
    ok: bool | None


def check(data: bytes, rules: FormatRules, *, board: bool = False) -> list[Result]:
    """Every rule of ``RULES`` on the .docx ``data`` generated under ``rules``."""
    reading = Reading.of(data, rules, board=board)
    results = []
    for rule in RULES:
        measured, ok = rule.check(reading)
        results.append(Result(rule, measured, ok))
    return results


def failures(results: list[Result]) -> list[str]:
    return [f"{r.rule.code}: {r.measured}" for r in results if r.ok is False]


def markdown_table(results: list[Result]) -> str:
    """A Markdown table: rule, tag, source, measured value, result."""
    lines = [
        "| Quy tắc | Nguồn | Mục | Nội dung | Đo được | Kết quả |",
        "|---|---|---|---|---|---|",
    ]
    for r in results:
        verdict = "đạt" if r.ok else "không áp dụng" if r.ok is None else "**KHÔNG ĐẠT**"
        measured = r.measured.replace("|", "\\|")
        lines.append(
            f"| {r.rule.code} | [{r.rule.tag}] | {r.rule.where} | {r.rule.text} | {measured} | {verdict} |"
        )
    return "\n".join(lines)
