"""Seeds 004, 000 and 002 turned into tracked tasks through the review step (issue 9 §1)."""

from __future__ import annotations

import datetime as dt

from lamtheobac.audit.models import AuditEvent
from lamtheobac.tasks.actions.tasks import TaskDraft, create_tasks_from_plan
from lamtheobac.tasks.models import Recurrence, Task
from lamtheobac.tasks.proposals import Proposal, merge, proposals_for


def _drafts(rows: list[Proposal]) -> list[TaskDraft]:
    return [
        TaskDraft(
            title=r.text,
            lead=r.lead,
            supports=r.supports,
            due=r.due,
            due_exclusive=r.due_exclusive,
            due_text=r.due_text,
            recurrence=r.recurrence,
        )
        for r in rows
        if r.lead is not None
    ]


def test_seed_004_becomes_tasks_with_their_lead_units_and_due_dates(town, seed_document):
    plan = seed_document("004", owner=town.committee, by=town.officer)
    tasks = create_tasks_from_plan(
        document=plan, drafts=_drafts(proposals_for(plan)), by=town.officer
    )

    def find(start: str) -> list[Task]:
        return [t for t in tasks if t.title.startswith(start)]

    (study,) = find("Ban Tuyên giáo Thị ủy: Tiếp thu toàn bộ nội dung Chuyên đề năm 2022")
    assert study.lead == town.propaganda
    assert study.due == dt.date(2022, 6, 30)  # "Thời gian thực hiện Quý II/2022"
    sessions = find("Tổ chức sinh hoạt chuyên đề")
    assert [(t.occurrence, t.due) for t in sessions] == [
        ("Quý I/2022", dt.date(2022, 3, 31)),
        ("Quý II/2022", dt.date(2022, 6, 30)),
        ("Quý III/2022", dt.date(2022, 9, 30)),
        ("Quý IV/2022", dt.date(2022, 12, 31)),
    ]
    assert {t.lead for t in sessions} == {town.propaganda}
    assert len({t.series for t in sessions}) == 1
    (example,) = find("Thực hiện trách nhiệm nêu gương")
    assert (example.lead, example.due) == (town.organisation, dt.date(2022, 3, 31))
    (propaganda,) = find("Đẩy mạnh tuyên truyền")
    assert propaganda.recurrence == Recurrence.CONTINUOUS and propaganda.due is None
    assert propaganda.due_display == "Thường xuyên"
    assert set(propaganda.supports.all()) == {town.culture, town.media}
    (models,) = find("Ban Tuyên giáo Thị ủy theo dõi, tổng hợp báo cáo")
    assert models.due == dt.date(2022, 9, 30)
    (dialogue,) = find("Ban Dân vận Thị ủy")
    assert dialogue.lead == town.mass_mobilisation
    (citizens,) = find("Văn phòng thị xã")
    assert citizens.recurrence == Recurrence.CONTINUOUS
    assert all(t.plan == plan and t.committee == town.committee for t in tasks)
    created = AuditEvent.objects.filter(action="task.created_from_plan", actor=town.officer)
    assert created.count() == len(tasks) == Task.objects.count()


def test_a_group_of_units_written_in_the_plan_is_left_for_staff_to_assign(town, seed_document):
    plan = seed_document("004", owner=town.committee, by=town.officer)
    (row,) = [p for p in proposals_for(plan) if p.lead_name == "Các chi, đảng bộ trực thuộc Thị ủy"]
    assert row.lead is None
    assert (row.due, row.due_exclusive) == (dt.date(2022, 4, 30), True)  # "trước ngày 30/4/2022"


def test_seed_000_becomes_tasks_of_the_committee_boards(khoi, seed_document):
    plan = seed_document("000", owner=khoi.committee, by=khoi.officer)
    tasks = create_tasks_from_plan(
        document=plan, drafts=_drafts(proposals_for(plan)), by=khoi.officer
    )
    leads = [t.lead.name for t in tasks]
    assert leads == ["Ban Tuyên giáo Đảng ủy Khối", "Văn phòng Đảng ủy Khối"]
    assert tasks[0].title.startswith("Giao Ban Tuyên giáo Đảng ủy Khối căn cứ Kế hoạch này")


def test_seed_002_becomes_tasks_with_its_quarter_deadline(khoi, seed_document):
    plan = seed_document("002", owner=khoi.committee, by=khoi.officer)
    tasks = create_tasks_from_plan(
        document=plan, drafts=_drafts(proposals_for(plan)), by=khoi.officer
    )
    leads = {t.lead.name for t in tasks}
    assert {
        "Ban Tuyên giáo Đảng ủy Khối",
        "Ban Tổ chức Đảng ủy Khối",
        "Ủy ban Kiểm tra Đảng ủy Khối",
    } <= leads
    assert any(
        t.due == dt.date(2023, 6, 30) for t in tasks if t.lead.name.startswith("Ban Tuyên giáo")
    )


def test_merging_rows_joins_their_words_and_keeps_the_earliest_due_date(town, seed_document):
    plan = seed_document("004", owner=town.committee, by=town.officer)
    rows = proposals_for(plan)
    rows[1].merge_into = 1
    merged = merge(rows)
    assert len(merged) == len(rows) - 1
    assert rows[1].text in merged[0].text
    assert merged[0].due == dt.date(2022, 4, 30)
