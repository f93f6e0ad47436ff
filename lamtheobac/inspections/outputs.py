"""The inspection notice (thông báo) as a Party-format .docx (party-format.md §13)."""

from __future__ import annotations

from lamtheobac.core.dates import today
from lamtheobac.inspections.models import Inspection
from lamtheobac.partydoc import Header, PartyDocument, Signature, format_date_short


def notice_docx(inspection: Inspection) -> bytes:
    """Thông báo to the inspected unit: subject, dates, team. The number is the register's
    (``inspection.notice``) or blank before it is sent."""
    committee = inspection.programme.committee
    code = committee.issuer_code
    number = inspection.notice.number if inspection.notice else (f"-TB/{code}" if code else "-TB")
    issued = inspection.notice.issued_on if inspection.notice else today()
    doc = PartyDocument(
        header=Header(
            superior=committee.superior_name or None,
            issuer=committee.header_name or committee.name.upper(),
            number=number,
            place=committee.place or "Việt Nam",
            date=issued,
        ),
        kind_name="THÔNG BÁO",
        title=f"{inspection.get_kind_display()} đối với {inspection.target.name}",
    )
    doc.paragraph(
        f"Thực hiện {inspection.programme.title}, Ban Thường vụ thông báo "
        f"{inspection.get_kind_display().lower()} đối với {inspection.target.name} như sau:"
    )
    doc.labelled("1. Nội dung:", inspection.subject)
    doc.labelled(
        "2. Thời gian:",
        f"từ ngày {format_date_short(inspection.start)} đến ngày {format_date_short(inspection.end)}.",
    )
    members = [line.strip() for line in inspection.team.splitlines() if line.strip()]
    doc.labelled("3. Thành phần đoàn:", "; ".join(members) if members else "(sẽ thông báo sau).")
    doc.paragraph(
        f"Đề nghị {inspection.target.name} chuẩn bị báo cáo và tài liệu liên quan, "
        "bố trí thành phần làm việc với đoàn theo thời gian trên."
    )
    doc.closing(
        recipients=[inspection.target.name, "Lưu VP"],
        signature=Signature(capacity="T/M BAN THƯỜNG VỤ", title="PHÓ BÍ THƯ", name=""),
    )
    return doc.to_bytes()
