"""What the drafted documents say (issue 12): the reminder letter, the consolidated report, the
rule version chosen by the signing date."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from lamtheobac.commendations import outputs as commendation_outputs
from lamtheobac.drafting.tests.builders import HEADINGS, commendation_round, reporting_round
from lamtheobac.drafting.tests.documents import SIGNER
from lamtheobac.drafting.tests.test_views import texts
from lamtheobac.partydoc import DraftValues
from lamtheobac.reporting import outputs, queries

pytestmark = pytest.mark.django_db


def drafted(round, **changes) -> DraftValues:
    base = outputs.default_draft(round, kind="reminder")
    return dataclasses.replace(base, signer=SIGNER, date=dt.date(2027, 1, 8), **changes)


def test_the_reminder_addresses_many_units_collectively_and_attaches_the_list_once(world):
    round = reporting_round(world, units=8, submitted=2)
    rows, _ = queries.matrix(round)
    pending = [r for r in rows if r.state in outputs.PENDING_STATES]
    values = drafted(round, rule_version="hd36_2018")
    data = outputs.reminder_letter(round, pending, values, total=len(rows))
    lines = texts(data)
    joined = "\n".join(lines)
    assert "Kính gửi: Các đảng bộ, chi bộ cơ sở (có danh sách kèm theo)" in lines
    name = pending[-1].target.unit_name
    assert sum(t == name for t in lines) == 1  # only in the attached list
    summary = next(t for t in lines if t.startswith("đôn đốc gửi báo cáo"))
    assert not summary.startswith("V/v")
    assert "Ban Thường vụ Đảng ủy Khối các cơ quan tỉnh đề nghị" in joined
    assert "trước ngày 05/01/2027" in joined  # the round's deadline, zero-padded
    assert "còn 06/8 đơn vị chưa gửi báo cáo (có danh sách kèm theo)" in joined
    assert "trước ngày 15/01/2027." in joined  # the new deadline: a week after signing
    assert "(kèm theo Công văn số     -CV/ĐUK, ngày 08/01/2027 của Ban Thường vụ" in joined


def test_a_reminder_to_a_few_units_names_them_and_attaches_nothing(world):
    round = reporting_round(world, units=4, submitted=2)
    rows, _ = queries.matrix(round)
    pending = [r for r in rows if r.state in outputs.PENDING_STATES]
    values = drafted(round, new_deadline=dt.date(2027, 2, 3), rule_version="hd05_2026")
    lines = texts(outputs.reminder_letter(round, pending, values, total=len(rows)))
    assert any(t.startswith("Kính gửi:") and pending[0].target.unit_name in t for t in lines)
    assert not any(t.startswith("DANH SÁCH") for t in lines)
    assert any(t.startswith("về việc đôn đốc gửi báo cáo") for t in lines)  # 05-HD wording
    assert "trước ngày 03/02/2027." in "\n".join(lines)


def test_the_consolidated_report_numbers_every_section_and_lists_empty_ones_once(world):
    round = reporting_round(world, units=6, submitted=3)
    sections, rows = queries.consolidation(round)
    text = outputs.consolidated_text(round, sections, rows, drafted(round))
    assert "3/6 đơn vị (50,0%) đã gửi báo cáo (3 đúng hạn, 0 muộn), 3 đơn vị chưa gửi" in text
    assert f"# I- {HEADINGS[0]}" in text and f"# II- {HEADINGS[1]}" in text
    assert "3/6 đơn vị (50,0%) đã báo cáo nội dung này." in text
    assert f"# III- {HEADINGS[2]}" not in text
    assert (
        f"Các nội dung chưa có đơn vị nào báo cáo: III- {HEADINGS[2]}; IV- {HEADINGS[3]}." in text
    )
    assert "# V- Tình hình gửi báo cáo của các đơn vị" in text
    assert "Chưa có đơn vị nào báo cáo nội dung này" not in text


def test_one_spelling_convention_runs_through_the_whole_report(world):
    round = reporting_round(world, units=3, submitted=2)
    sections, rows = queries.consolidation(round)
    for spelling, kept, gone in (("traditional", "uỷ", "ủy"), ("modern", "ủy", "uỷ")):
        data = outputs.consolidated_report(round, sections, rows, drafted(round, spelling=spelling))
        joined = "\n".join(texts(data)).lower()
        assert kept in joined and gone not in joined, spelling


def test_the_rules_follow_the_signing_date_unless_overridden(world):
    round = commendation_round(world)
    base = commendation_outputs.default_draft(round, kind="petition")
    late = dataclasses.replace(base, signer=SIGNER, date=dt.date(2026, 6, 10))
    assert any(
        t.startswith("Kính trình:") for t in texts(commendation_outputs.petition_docx(round, late))
    )
    early = dataclasses.replace(late, date=dt.date(2026, 5, 26))
    assert any(
        t.startswith("Kính gửi:") for t in texts(commendation_outputs.petition_docx(round, early))
    )
    forced = dataclasses.replace(late, rule_version="hd36_2018")
    assert any(
        t.startswith("Kính gửi:") for t in texts(commendation_outputs.petition_docx(round, forced))
    )


def test_the_decision_bases_are_upright(world):
    round = commendation_round(world)
    import io

    import docx

    document = docx.Document(io.BytesIO(commendation_outputs.decision_docx(round)))
    bases = [p for p in document.paragraphs if p.text.startswith(("Căn cứ", "Xét đề nghị"))]
    assert bases and not any(r.font.italic for p in bases for r in p.runs)
