"""Personal plans: each flow and rule of issue 8 point 2."""

from __future__ import annotations

import datetime as dt
import io

import docx
import openpyxl
import pytest
from django.utils import timezone

from lamtheobac.audit.models import AuditEvent
from lamtheobac.core.errors import AccessDenied, DomainError, Locked, StaleEdit, StateError
from lamtheobac.core.transitions import perform
from lamtheobac.pledges import queries
from lamtheobac.pledges.actions import imports, memberships
from lamtheobac.pledges.actions import pledges as actions
from lamtheobac.pledges.actions.pledges import ItemAssessment, ItemInput
from lamtheobac.pledges.models import Pledge, PledgeState, Result
from lamtheobac.pledges.outputs import pledge_docx
from lamtheobac.programme.actions import themes
from lamtheobac.testing import grant, make_person, make_programme, make_unit, make_user
from lamtheobac.units.models import Role, UnitKind

pytestmark = pytest.mark.django_db
YEAR = 2026
ITEMS = [ItemInput("Đọc và làm theo 1 tác phẩm của Bác", "Chuyên viên ngân sách", "Quý II")]


@pytest.fixture
def me(world):
    """The world's member with their Person in the cell."""
    return make_person(unit=world.cell, user=world.member, position="Chuyên viên")


def _accepted(world, person):
    p = actions.start_pledge(person=person, year=YEAR, by=world.cell_secretary, items=ITEMS)
    p = actions.submit_pledge(pledge=p, by=world.cell_secretary, version=p.version)
    return actions.accept_pledge(pledge=p, by=world.cell_secretary, version=p.version)


def test_a_member_writes_submits_and_the_cell_secretary_accepts_with_every_change_audited(
    world, me
):
    p = actions.start_pledge(person=me, year=YEAR, by=world.member, items=ITEMS)
    assert p.state == PledgeState.DRAFT and p.unit == world.cell
    p = actions.submit_pledge(
        pledge=p,
        by=world.member,
        version=p.version,
        now=timezone.make_aware(dt.datetime(2026, 3, 2)),
    )
    assert p.state == PledgeState.SUBMITTED and not p.is_late
    p = actions.accept_pledge(pledge=p, by=world.cell_secretary, version=p.version)
    assert p.state == PledgeState.ACCEPTED
    actions_logged = set(
        AuditEvent.objects.filter(target_id=str(p.pk), target_type="pledges.pledge").values_list(
            "action", flat=True
        )
    )
    assert actions_logged == {"pledge.started", "pledge.submit", "pledge.accept"}


def test_a_returned_plan_carries_the_comment_and_can_be_resubmitted(world, me):
    p = actions.start_pledge(person=me, year=YEAR, by=world.member, items=ITEMS)
    p = actions.submit_pledge(pledge=p, by=world.member, version=p.version)
    p = actions.return_pledge(
        pledge=p, by=world.cell_secretary, version=p.version, comment="Gắn với nhiệm vụ rõ hơn"
    )
    assert p.state == PledgeState.RETURNED and p.return_comment == "Gắn với nhiệm vụ rõ hơn"
    assert queries.pledge_counts([world.cell], YEAR)[world.cell.pk].submitted == 0
    p = actions.save_pledge(pledge=p, items=ITEMS * 2, by=world.member, version=p.version)
    p = actions.submit_pledge(pledge=p, by=world.member, version=p.version)
    assert p.state == PledgeState.SUBMITTED and p.return_comment == ""
    assert queries.pledge_counts([world.cell], YEAR)[world.cell.pk].submitted == 1


def test_a_member_cannot_submit_for_a_colleague_nor_edit_once_accepted(world, me):
    colleague = make_person(unit=world.cell)
    other = actions.start_pledge(person=colleague, year=YEAR, by=world.cell_secretary, items=ITEMS)
    with pytest.raises(AccessDenied):
        actions.submit_pledge(pledge=other, by=world.member, version=other.version)
    mine = _accepted(world, me)
    with pytest.raises(StateError):
        actions.save_pledge(pledge=mine, items=ITEMS, by=world.member, version=mine.version)


def test_the_committee_leader_reads_but_cannot_accept(world, me):
    p = actions.start_pledge(person=me, year=YEAR, by=world.member, items=ITEMS)
    p = actions.submit_pledge(pledge=p, by=world.member, version=p.version)
    with pytest.raises(AccessDenied):
        actions.accept_pledge(pledge=p, by=world.leader, version=p.version)
    with pytest.raises(AccessDenied):
        actions.submit_pledge(pledge=p, by=world.leader, version=p.version)


def test_a_plan_submitted_after_31_march_is_recorded_late_not_refused(world, me):
    p = actions.start_pledge(person=me, year=YEAR, by=world.member, items=ITEMS)
    on_time = timezone.make_aware(dt.datetime(2026, 3, 31, 23, 0))
    late = timezone.make_aware(dt.datetime(2026, 4, 1, 0, 30))
    assert not actions._deadline_passed(world.cell, YEAR, on_time)
    p = actions.submit_pledge(pledge=p, by=world.member, version=p.version, now=late)
    assert p.state == PledgeState.SUBMITTED and p.is_late
    assert queries.pledge_counts([world.grassroots], YEAR)[world.grassroots.pk].late == 1


def test_a_locked_year_refuses_late_registration_and_changes_nothing(world, me):
    p = actions.start_pledge(person=me, year=YEAR, by=world.member, items=ITEMS)
    make_programme(world, year=YEAR, locked=True)
    with pytest.raises(Locked):
        actions.submit_pledge(pledge=p, by=world.member, version=p.version)
    with pytest.raises(Locked):
        actions.start_pledge(
            person=make_person(unit=world.cell), year=YEAR, by=world.cell_secretary
        )
    p.refresh_from_db()
    assert p.state == PledgeState.DRAFT


def test_the_year_settings_come_from_the_published_programme_only(world):
    assert queries.year_settings(world.cell, YEAR).deadline == dt.date(YEAR, 3, 31)
    draft = make_programme(world, year=YEAR, publish=False, pledge_deadline=dt.date(YEAR, 4, 15))
    assert not queries.year_settings(world.cell, YEAR).from_programme
    themes.publish_theme(draft, by=world.officer, version=draft.version)
    settings = queries.year_settings(world.cell, YEAR)
    assert settings.from_programme and settings.deadline == dt.date(YEAR, 4, 15)


def test_a_stale_form_is_refused(world, me):
    p = actions.start_pledge(person=me, year=YEAR, by=world.member, items=ITEMS)
    actions.save_pledge(pledge=p, items=ITEMS, by=world.member, version=p.version)
    with pytest.raises(StaleEdit):
        actions.save_pledge(pledge=p, items=ITEMS, by=world.member, version=p.version)


def test_year_end_self_assessment_and_evaluation_feed_the_rating_evidence(world, me):
    p = _accepted(world, me)
    item = p.items.get()
    p = actions.self_assess_pledge(
        pledge=p,
        by=world.member,
        version=p.version,
        assessments=[ItemAssessment(item.pk, Result.GOOD, "Đã đọc xong")],
        summary="Hoàn thành",
    )
    assert p.state == PledgeState.SELF_ASSESSED
    with pytest.raises(AccessDenied):
        actions.evaluate_pledge(pledge=p, by=world.member, version=p.version, result=Result.GOOD)
    p = actions.evaluate_pledge(
        pledge=p, by=world.cell_secretary, version=p.version, result=Result.GOOD, comment="Tốt"
    )
    evidence = queries.rating_evidence([me.pk], YEAR)[me.pk]
    assert evidence.result == Result.GOOD and evidence.result_label == "Hoàn thành tốt"
    counts = queries.pledge_counts([world.cell], YEAR)[world.cell.pk]
    assert (counts.submitted, counts.accepted, counts.assessed, counts.good) == (1, 1, 1, 1)


def test_self_assessment_needs_a_result_for_every_item(world, me):
    p = _accepted(world, me)
    with pytest.raises(Exception, match="tự đánh giá"):
        actions.self_assess_pledge(pledge=p, by=world.member, version=p.version, assessments=[])


def test_a_member_who_moves_cell_mid_year_keeps_the_plan_and_both_cells_count_their_part(world, me):
    p = _accepted(world, me)  # in Phòng Ngân sách from January
    memberships.record_transfer(
        person=me, to_unit=world.other_cell, on=dt.date(2026, 7, 1), by=world.secretary
    )
    p.refresh_from_db()
    assert p.unit == world.other_cell  # the plan follows the person
    assert queries.responsible_unit(me, dt.date(2026, 6, 30)) == world.cell
    assert queries.responsible_unit(me, dt.date(2026, 7, 1)) == world.other_cell
    item = p.items.get()
    p = actions.self_assess_pledge(
        pledge=p,
        by=world.member,
        version=p.version,
        assessments=[ItemAssessment(item.pk, Result.DONE)],
    )
    other_secretary = make_user()
    grant(other_secretary, world.other_cell, Role.UNIT_STAFF)
    with pytest.raises(AccessDenied):  # the old cell no longer evaluates it
        actions.evaluate_pledge(pledge=p, by=world.cell_secretary, version=p.version, result="done")
    actions.evaluate_pledge(pledge=p, by=other_secretary, version=p.version, result=Result.DONE)
    counts = queries.pledge_counts([world.cell, world.other_cell, world.grassroots], YEAR)
    old, new, org = counts[world.cell.pk], counts[world.other_cell.pk], counts[world.grassroots.pk]
    assert (old.submitted, old.accepted, old.assessed) == (1, 1, 0)
    assert (new.submitted, new.accepted, new.assessed) == (0, 0, 1)
    assert (org.submitted, org.accepted, org.assessed) == (1, 1, 1)  # counted once above


def test_a_non_member_registers_through_the_union_unit_with_the_same_flow(world):
    union = make_unit(
        parent=world.grassroots, name="Công đoàn Sở Tài chính", kind=UnitKind.MASS_ORGANISATION
    )
    union_staff = make_user()
    grant(union_staff, union, Role.UNIT_STAFF)
    worker = make_person(unit=union, is_party_member=False, position="Nhân viên")
    p = actions.start_pledge(person=worker, year=YEAR, by=union_staff, items=ITEMS)
    p = actions.submit_pledge(pledge=p, by=union_staff, version=p.version)
    with pytest.raises(AccessDenied):
        actions.accept_pledge(pledge=p, by=world.cell_secretary, version=p.version)
    p = actions.accept_pledge(pledge=p, by=union_staff, version=p.version)
    assert p.unit == union and p.state == PledgeState.ACCEPTED


def test_leaders_plans_are_flagged_and_listed_separately(world, me):
    head = make_person(unit=world.cell, position="Bí thư Chi bộ, Trưởng phòng")
    actions.start_pledge(person=head, year=YEAR, by=world.cell_secretary, items=ITEMS)
    actions.start_pledge(person=me, year=YEAR, by=world.member, items=ITEMS)
    assert [p.person for p in queries.leader_pledges(world.grassroots, YEAR)] == [head]


def test_the_cell_quick_entry_writes_every_row_and_submits_on_behalf(world, me):
    colleague = make_person(unit=world.cell)
    counts = actions.enter_for_cell(
        unit=world.cell,
        year=YEAR,
        rows=[
            actions.CellRow(me.pk, "Việc một | Nhiệm vụ A | Quý I\nViệc hai", submit=True),
            actions.CellRow(colleague.pk, "", is_leader=True),
        ],
        by=world.cell_secretary,
    )
    assert counts == {"started": 1, "edited": 0, "submitted": 1}
    p = Pledge.objects.get(person=me)
    assert p.state == PledgeState.SUBMITTED
    assert [(i.content, i.job_link, i.timeframe) for i in p.items.all()] == [
        ("Việc một", "Nhiệm vụ A", "Quý I"),
        ("Việc hai", "", ""),
    ]
    assert not Pledge.objects.filter(person=colleague).exists()
    with pytest.raises(AccessDenied):
        actions.enter_for_cell(unit=world.cell, year=YEAR, rows=[], by=world.sibling_officer)


def _xlsx(rows):
    book = openpyxl.Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_an_import_with_an_unknown_person_names_the_row_and_writes_nothing(world, me):
    data = _xlsx(
        [
            ["Họ và tên", "Nội dung đăng ký", "Gắn với nhiệm vụ"],
            [me.full_name, "Việc một", "Ngân sách"],
            ["Trần Thị Không Có", "Việc hai", ""],
            [me.full_name, "", ""],
        ]
    )
    with pytest.raises(imports.ImportFailed) as failure:
        imports.import_cell_pledges(unit=world.cell, year=YEAR, data=data, by=world.cell_secretary)
    report = failure.value.report
    assert [(r.row, r.ok) for r in report.rows] == [(2, True), (3, False), (4, False)]
    assert "Trần Thị Không Có" in report.rows[1].message
    assert not Pledge.objects.exists()


def test_a_clean_import_writes_each_person_with_their_items(world, me):
    colleague = make_person(unit=world.cell, family_name="Lê", middle_name="Thị", given_name="Hoa")
    data = _xlsx(
        [
            ["Họ và tên", "Nội dung đăng ký", "Thời gian", "Nêu gương"],
            [me.full_name.upper(), "Việc một", "Quý I", ""],
            [me.full_name, "Việc hai", "", ""],
            ["Lê Thị Hoa", "Việc ba", "", "x"],
        ]
    )
    report = imports.import_cell_pledges(
        unit=world.cell, year=YEAR, data=data, by=world.cell_secretary
    )
    assert (report.people, report.items) == (2, 3)
    assert Pledge.objects.get(person=me).items.count() == 2
    assert Pledge.objects.get(person=colleague).is_leader


def _docx_table(rows, *, merge_first_column=(), title=None):
    """A Word file with ``title`` as a paragraph and ``rows`` as one table; each
    ``(top, bottom)`` in ``merge_first_column`` merges that span of the name column."""
    document = docx.Document()
    document.add_paragraph("BẢN ĐĂNG KÝ HỌC TẬP VÀ LÀM THEO CỦA CHI BỘ")
    table = document.add_table(rows=len(rows), cols=len(rows[0]))
    for r, row in enumerate(rows):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    for top, bottom in merge_first_column:
        merged = table.cell(top, 0).merge(table.cell(bottom, 0))
        merged.text = rows[top][0]
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_a_word_table_imports_like_the_spreadsheet_with_a_merged_name_cell(world, me):
    colleague = make_person(unit=world.cell, family_name="Lê", middle_name="Thị", given_name="Hoa")
    data = _docx_table(
        [
            ["TT", "Họ và tên", "Nội dung đăng ký", "Thời gian"],
            ["1", me.full_name, "Đọc một tác phẩm của Bác", "Quý II"],
            ["", me.full_name, "Tiết kiệm văn phòng phẩm", "Cả năm"],
            ["2", "Lê Thị Hoa", "Giúp đỡ đồng nghiệp mới", "Quý III"],
        ]
    )
    report = imports.import_cell_pledges(
        unit=world.cell, year=YEAR, data=data, by=world.cell_secretary
    )
    assert (report.people, report.items) == (2, 3)
    mine = Pledge.objects.get(person=me)
    assert [i.content for i in mine.items.order_by("position")] == [
        "Đọc một tác phẩm của Bác",
        "Tiết kiệm văn phòng phẩm",
    ]
    assert Pledge.objects.get(person=colleague).items.get().timeframe == "Quý III"


def test_a_name_merged_down_two_rows_of_a_word_table_gives_that_person_two_items(world, me):
    data = _docx_table(
        [
            ["Họ và tên", "Nội dung đăng ký"],
            [me.full_name, "Việc một"],
            ["", "Việc hai"],
        ],
        merge_first_column=[(1, 2)],
    )
    report = imports.import_cell_pledges(
        unit=world.cell, year=YEAR, data=data, by=world.cell_secretary
    )
    assert (report.people, report.items) == (1, 2)


def test_a_word_file_without_the_table_is_refused_and_writes_nothing(world, me):
    data = _docx_table([["Số", "Ghi chú"], ["1", me.full_name]])
    with pytest.raises(DomainError, match="họ và tên"):
        imports.import_cell_pledges(unit=world.cell, year=YEAR, data=data, by=world.cell_secretary)
    assert not Pledge.objects.exists()


def test_a_word_table_with_an_unknown_person_names_the_row(world, me):
    data = _docx_table([["Họ và tên", "Nội dung đăng ký"], ["Phan Văn Vắng", "Việc một"]])
    with pytest.raises(imports.ImportFailed) as failure:
        imports.import_cell_pledges(unit=world.cell, year=YEAR, data=data, by=world.cell_secretary)
    assert [(r.row, r.ok) for r in failure.value.report.rows] == [(2, False)]
    assert "Phan Văn Vắng" in failure.value.report.rows[0].message


def test_a_file_that_is_not_a_spreadsheet_gets_a_clear_message(world):
    with pytest.raises(Exception, match="Excel"):
        imports.import_cell_pledges(
            unit=world.cell, year=YEAR, data=b"not a zip", by=world.cell_secretary
        )


def test_the_plan_prints_as_a_docx_with_its_items(world, me):
    import docx

    p = _accepted(world, me)
    document = docx.Document(io.BytesIO(pledge_docx(p)))
    text = "\n".join(par.text for par in document.paragraphs)
    cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
    assert "KẾ HOẠCH CÁ NHÂN" in text and me.full_name in text
    assert ITEMS[0].content in cells


def test_perform_refuses_an_accept_from_a_draft(world, me):
    p = actions.start_pledge(person=me, year=YEAR, by=world.member, items=ITEMS)
    with pytest.raises(StateError):
        perform(p, "accept", by=world.cell_secretary, version=p.version)


def test_the_published_programme_sets_the_deadline_the_lock_and_the_quotas(world, me):
    from lamtheobac.programme.actions import themes

    theme = themes.create_theme(
        committee=world.committee,
        scope=world.committee,
        year=YEAR,
        by=world.officer,
        settings={
            "title": "Chuyên đề năm",
            "pledge_deadline": dt.date(2026, 4, 30),
            "individuals_max": 4,
        },
        topics={q: (f"Chủ điểm quý {q}", "") for q in (1, 2, 3, 4)},
    )
    theme = themes.publish_theme(theme, by=world.officer, version=theme.version)
    settings = queries.year_settings(world.cell, YEAR)
    assert (settings.deadline, settings.individual_max) == (dt.date(2026, 4, 30), 4)
    p = actions.start_pledge(person=me, year=YEAR, by=world.member, items=ITEMS)
    april = timezone.make_aware(dt.datetime(2026, 4, 15))
    p = actions.submit_pledge(pledge=p, by=world.member, version=p.version, now=april)
    assert not p.is_late
    theme.locked = True
    theme.save(update_fields=["locked"])
    with pytest.raises(Locked):
        actions.start_pledge(
            person=make_person(unit=world.cell), year=YEAR, by=world.cell_secretary
        )


def test_the_cell_page_does_not_overwrite_a_plan_changed_since_it_was_shown(world, me):
    p = actions.start_pledge(person=me, year=YEAR, by=world.member, items=ITEMS)
    shown = p.version
    actions.save_pledge(
        pledge=p, items=[ItemInput("Việc mới của tôi")], by=world.member, version=shown
    )
    with pytest.raises(StaleEdit):
        actions.enter_for_cell(
            unit=world.cell,
            year=YEAR,
            rows=[actions.CellRow(me.pk, "Việc khác", version=shown)],
            by=world.cell_secretary,
        )
    with pytest.raises(StaleEdit):  # the page showed no plan, one was written meanwhile
        actions.enter_for_cell(
            unit=world.cell,
            year=YEAR,
            rows=[actions.CellRow(me.pk, "Việc khác")],
            by=world.cell_secretary,
        )
    assert [i.content for i in Pledge.objects.get(person=me).items.all()] == ["Việc mới của tôi"]
