"""Generated files open in real readers: the consolidated report, the reminder letter, the matrix."""

from __future__ import annotations

import io
import os
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import docx
import openpyxl
import pytest
from django.urls import reverse

from lamtheobac.drafting.tests.client import drafted
from lamtheobac.reporting import queries
from lamtheobac.reporting.actions import outline, reports, rounds
from lamtheobac.testing import make_round

pytestmark = pytest.mark.django_db


@pytest.fixture
def reported(world):
    round = make_round(
        committee=world.committee,
        by=world.officer,
        targets=[world.grassroots, world.sibling],
        open=False,
        report_title="tổng hợp sơ kết 04 năm thực hiện Chỉ thị số 05-CT/TW",
    )
    first, second = list(round.outline.sections.order_by("position"))
    indicator = outline.add_indicator(
        round,
        section=second,
        name="Số đảng viên đăng ký làm theo",
        unit_label="người",
        by=world.officer,
    )
    round = rounds.open_reporting_round(round, by=world.officer)
    reports.save_report_draft(
        round,
        unit=world.grassroots,
        answers={
            first.pk: "Đảng bộ có 214 đảng viên, 6 chi bộ trực thuộc.",
            second.pk: "100% đảng viên đăng ký.",
        },
        values={indicator.pk: Decimal(214)},
        version=None,
        by=world.secretary,
    )
    reports.submit_unit_report(round, unit=world.grassroots, version=None, by=world.secretary)
    reports.save_report_draft(
        round,
        unit=world.sibling,
        answers={first.pk: "Bản nháp chưa nộp của Sở Tư pháp."},
        values={indicator.pk: Decimal(30)},
        version=None,
        by=world.sibling_officer,
    )
    return round


def _paragraphs(document: docx.document.Document) -> list[str]:
    texts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                texts.extend(p.text for p in cell.paragraphs)
    return texts


def test_the_consolidated_report_has_the_party_header_sections_unit_text_and_totals(
    client, world, reported
):
    client.force_login(world.officer)
    response = drafted(client, "consolidated", reported.pk, name="Phạm Văn Sáu")
    document = docx.Document(io.BytesIO(response.content))
    texts = _paragraphs(document)
    joined = "\n".join(texts)
    for expected in (
        "ĐẢNG BỘ TỈNH QUẢNG NAM",
        "ĐẢNG ỦY KHỐI CÁC CƠ QUAN",
        "ĐẢNG CỘNG SẢN VIỆT NAM",
        "BÁO CÁO",
    ):
        assert expected in texts, expected
    assert any(t.startswith("Số ") and t.endswith("-BC/ĐUK") for t in texts)
    assert any(t.startswith("Quảng Nam, ngày ") for t in texts)
    assert "I- ĐẶC ĐIỂM TÌNH HÌNH" in texts and "II- KẾT QUẢ ĐẠT ĐƯỢC" in texts
    assert "Đảng bộ Sở Tài chính: Đảng bộ có 214 đảng viên, 6 chi bộ trực thuộc." in texts
    # issue 12 §4: shares with one decimal, and each unit's contribution attributed
    assert (
        "Số đảng viên đăng ký làm theo: tổng cộng 214 người (1/2 đơn vị (50,0%) báo cáo số liệu)"
        in joined
    )
    assert "1/2 đơn vị (50,0%) đã gửi báo cáo (1 đúng hạn, 0 muộn)" in joined
    assert "Bản nháp chưa nộp" not in joined  # a draft is never consolidated
    status_table = document.tables[-2]
    rows = [[c.text for c in r.cells] for r in status_table.rows]
    assert rows[0] == ["STT", "Đơn vị", "Thời điểm nộp", "Đúng hạn / muộn"]
    assert rows[1][1] == "Đảng bộ Sở Tài chính" and rows[1][3] == "Đúng hạn"
    assert rows[2][1] == "Chi bộ Sở Tư pháp" and rows[2][3] == "Đang soạn"
    assert "T/M BAN THƯỜNG VỤ" in texts and "Phạm Văn Sáu" in texts  # the drafted signer


def test_consolidation_takes_a_fixed_number_of_queries(
    world, reported, django_assert_max_num_queries
):
    with django_assert_max_num_queries(8):
        sections, _rows = queries.consolidation(reported)
    assert [len(s.entries) for s in sections] == [1, 1]


def test_the_reminder_letter_is_a_cong_van_addressed_to_the_units_not_submitted(
    client, world, reported
):
    client.force_login(world.officer)
    response = drafted(client, "reminder", reported.pk, name="Phạm Văn Sáu")
    assert response["Content-Disposition"].endswith('.docx"')
    texts = _paragraphs(docx.Document(io.BytesIO(response.content)))
    joined = "\n".join(texts)
    assert "Chi bộ Sở Tư pháp" in joined
    assert "Đảng bộ Sở Tài chính" not in joined
    assert any(t.endswith("-CV/ĐUK") for t in texts)
    assert any(t.startswith("Kính gửi") for t in texts)


def test_the_matrix_exports_to_xlsx_with_every_target_and_the_counts(client, world, reported):
    client.force_login(world.leader)
    response = client.get(reverse("reporting:matrix_xlsx", args=[reported.pk]))
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[3] == ("STT", "Đơn vị", "Tình trạng", "Thời điểm nộp", "Đúng hạn / muộn")
    assert rows[4][1:3] == ("Đảng bộ Sở Tài chính", "Đã nộp đúng hạn") and rows[4][4] == "Đúng hạn"
    assert rows[5][1:3] == ("Chi bộ Sở Tư pháp", "Đang soạn")
    counts = {r[1]: r[2] for r in rows[7:] if r and r[1]}
    assert (
        counts["Đã nộp đúng hạn"] == 1
        and counts["Đang soạn"] == 1
        and counts["Chưa thực hiện"] == 0
    )


def test_the_matrix_page_shows_counts_percentages_and_filters_by_state(client, world, reported):
    client.force_login(world.officer)
    url = reverse("reporting:round_detail", args=[reported.pk])
    page = client.get(url)
    content = page.content.decode()
    assert "Đã nộp đúng hạn: 1 (50%)" in content and "Đang soạn: 1 (50%)" in content
    filtered = client.get(url, {"trang-thai": "on_time"}).content.decode()
    assert "Đảng bộ Sở Tài chính" in filtered and 'data-unit="Chi bộ Sở Tư pháp"' not in filtered


def _soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


def test_generated_docx_and_xlsx_convert_to_pdf_with_libreoffice(
    client, world, reported, tmp_path: Path
):
    binary = _soffice()
    if binary is None:
        if os.environ.get("CI"):
            pytest.fail(
                "LibreOffice phải được cài trong CI: apt-get install libreoffice-writer-nogui libreoffice-calc-nogui"
            )
        pytest.skip("LibreOffice chưa được cài trên máy này")
    client.force_login(world.officer)
    files = {
        "tong-hop.docx": drafted(client, "consolidated", reported.pk, name="Phạm Sáu").content,
        "don-doc.docx": drafted(client, "reminder", reported.pk, name="Phạm Sáu").content,
        "tinh-hinh.xlsx": client.get(reverse("reporting:matrix_xlsx", args=[reported.pk])).content,
    }
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    profile = (tmp_path / "profile").as_uri()
    subprocess.run(
        [
            binary,
            f"-env:UserInstallation={profile}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            *[str(tmp_path / n) for n in files],
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    for name in files:
        pdf = tmp_path / (Path(name).stem + ".pdf")
        assert pdf.exists() and pdf.read_bytes().startswith(b"%PDF")
