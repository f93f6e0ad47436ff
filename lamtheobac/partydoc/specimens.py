"""Kế hoạch and thông báo built the way the app builds its own kinds (for the conformance
table and the LibreOffice checks; seed 003 is the model for the plan)."""

from __future__ import annotations

from .document import PartyDocument
from .draft import DraftValues


def plan(draft: DraftValues) -> bytes:
    """A kế hoạch shaped like seed 003 (59-KH/ĐUK): purpose, content, organisation."""
    doc = PartyDocument(
        draft.header("KH"),
        kind_name="KẾ HOẠCH",
        title="sơ kết 04 năm thực hiện Chỉ thị số 05-CT/TW, ngày 15/5/2016 của Bộ Chính trị",
        rules=draft.rules,
    )
    doc.paragraph(
        "Thực hiện Hướng dẫn số 115-HD/TW, ngày 11/10/2019 của Ban Tuyên giáo Trung ương; "
        "Kế hoạch số 297-KH/TU, ngày 10/02/2020 của Ban Thường vụ Tỉnh ủy, "
        f"{draft.issuer.collective} {draft.issuer.name} xây dựng kế hoạch sơ kết như sau:"
    )
    doc.heading("I- Mục đích, yêu cầu", 1)
    doc.heading("1. Mục đích", 2)
    doc.paragraph(
        "- Đánh giá việc lãnh đạo, chỉ đạo, tổ chức thực hiện Chỉ thị ở cấp ủy 02 cấp; kết quả "
        "đạt được, hạn chế, nguyên nhân và kinh nghiệm."
    )
    doc.heading("2. Yêu cầu", 2)
    doc.paragraph("- Đánh giá sát đúng, nghiêm túc, cụ thể; tổ chức sơ kết trang trọng, tiết kiệm.")
    doc.heading("II- Nội dung, hình thức", 1)
    doc.paragraph("Các đảng bộ, chi bộ cơ sở tổ chức sơ kết, gửi báo cáo về Ban Thường vụ.")
    doc.heading("III- Tổ chức thực hiện", 1)
    doc.paragraph("Ban Tuyên giáo Đảng ủy Khối theo dõi, đôn đốc, tổng hợp kết quả.")
    doc.closing(list(draft.recipients), draft.signature)
    return doc.to_bytes()


def notice(draft: DraftValues) -> bytes:
    """A thông báo of the standing committee's conclusion."""
    doc = PartyDocument(
        draft.header("TB"),
        kind_name="THÔNG BÁO",
        title="kết luận của Ban Thường vụ về kết quả sơ kết 04 năm thực hiện Chỉ thị",
        rules=draft.rules,
    )
    doc.paragraph(
        f"Ngày 20/4/2020, {draft.issuer.collective} {draft.issuer.name} họp nghe báo cáo kết "
        "quả sơ kết. Sau khi thảo luận, Ban Thường vụ kết luận như sau:"
    )
    doc.heading("1. Kết quả đạt được", 2)
    doc.paragraph("Các cấp ủy đã quán triệt, triển khai nghiêm túc; 100% đảng viên đăng ký.")
    doc.heading("2. Nhiệm vụ thời gian tới", 2)
    doc.paragraph("Tiếp tục đưa việc học tập và làm theo Bác thành việc làm thường xuyên.")
    doc.closing(list(draft.recipients), draft.signature)
    return doc.to_bytes()
