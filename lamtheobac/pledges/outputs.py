"""A member's plan as .docx in the usual form layout (mẫu 01), through ``partydoc``.

The personal plan has no number of its own; partydoc's header always prints one, so the
plan carries the blank-serial form of its cell ("Số     -KH/CB"), as a form to file.
"""

from __future__ import annotations

from lamtheobac.core.dates import today
from lamtheobac.partydoc import Header, PartyDocument, Signature
from lamtheobac.pledges.models import Pledge
from lamtheobac.units.models import Unit

TITLE = "Học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh năm {year}"


def pledge_docx(pledge: Pledge) -> bytes:
    """The plan of ``pledge`` (person, position, unit, items with job and time; the year-end
    assessment columns when assessed), signed by the person."""
    unit: Unit = pledge.unit
    parent = Unit.objects.filter(path=unit.path[: -Unit.steplen]).first()
    person = pledge.person
    issuer_code = unit.issuer_code or "CB"
    header = Header(
        superior=(unit.superior_name or (parent.name if parent else None)),
        issuer=unit.header_name or unit.name,
        number=f"-KH/{issuer_code}",
        place=unit.place or (parent.place if parent else "") or "Việt Nam",
        date=(pledge.submitted_at.date() if pledge.submitted_at else today()),
    )
    doc = PartyDocument(
        header,
        kind_name="KẾ HOẠCH CÁ NHÂN",
        title=TITLE.format(year=pledge.year),
    )
    doc.labelled("Họ và tên:", person.full_name)
    doc.labelled("Chức vụ, nhiệm vụ:", pledge.position or person.position or "")
    doc.labelled("Sinh hoạt tại:", unit.name)
    if pledge.is_leader:
        doc.paragraph("(Người đứng đầu, cán bộ chủ chốt — kế hoạch nêu gương)", italic=True)
    doc.heading("I- NỘI DUNG ĐĂNG KÝ, CAM KẾT")
    items = list(pledge.items.all())
    assessed = any(i.self_result for i in items)
    columns = ["TT", "Nội dung đăng ký", "Gắn với nhiệm vụ", "Thời gian"]
    widths = [12.0, 75.0, 48.0, 30.0]
    if assessed:
        columns.append("Tự đánh giá")
        widths = [10.0, 62.0, 40.0, 25.0, 28.0]
    rows = []
    for n, item in enumerate(items, start=1):
        row: list[object] = [n, item.content, item.job_link, item.timeframe]
        if assessed:
            row.append(item.get_self_result_display() if item.self_result else "")
        rows.append(row)
    doc.table(columns, rows, widths_mm=widths)
    if pledge.result:
        doc.heading("II- KẾT QUẢ ĐÁNH GIÁ CỦA CHI BỘ")
        doc.labelled("Kết quả:", pledge.get_result_display())
        if pledge.evaluation_comment:
            doc.paragraph(pledge.evaluation_comment)
    doc.closing(
        [f"{unit.name} (để theo dõi)", "Lưu cá nhân"],
        Signature(capacity=None, title="NGƯỜI VIẾT KẾ HOẠCH", name=person.full_name),
    )
    return doc.to_bytes()
