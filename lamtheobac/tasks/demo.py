"""Plan work for the demo committee (issue 9): the tasks of 70-KH/ĐUK (seed 000) and of the
standing plan for KL 01 (seed 002) in every state, tasks handed to grassroots organisations
(some overdue, some due within 30 days), this year's inspection programme with an inspection
concluded and its recommendations open, and the committee's register with numbers.

Called once by ``demo.builder.build_demo_committee`` inside its transaction, after the seeds
are imported; every change goes through the write functions, so the audit trail reads as if
the committee and the units did it. Deterministic: no randomness, dates relative to today.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from lamtheobac.core.dates import today
from lamtheobac.documents.models import Document
from lamtheobac.inspections.actions import inspections
from lamtheobac.registers.actions.registers import register_document, set_last_number
from lamtheobac.tasks.actions.tasks import (
    TaskDraft,
    create_task,
    create_tasks_from_plan,
    update_progress,
)
from lamtheobac.tasks.models import Recurrence, Task, TaskState
from lamtheobac.tasks.proposals import proposals_for
from lamtheobac.units.models import Unit

FINANCE = "Đảng bộ Sở Tài chính"
JUSTICE = "Chi bộ Sở Tư pháp"


def _plan_tasks(document: Document, *, by: Any) -> list[Task]:
    drafts = [
        TaskDraft(
            title=row.text,
            lead=row.lead,
            supports=row.supports,
            due=row.due,
            due_exclusive=row.due_exclusive,
            due_text=row.due_text,
            recurrence=row.recurrence,
        )
        for row in proposals_for(document)
        if row.lead is not None
    ]
    return create_tasks_from_plan(document=document, drafts=drafts, by=by) if drafts else []


def _progress(task: Task, state: str, result: str, *, by: Any) -> None:
    update_progress(task=task, state=state, result=result, by=by, version=None)


def build_plan_work(root: Unit, *, users: dict[str, Any]) -> dict[str, int]:
    """Write the demo's plan work under ``root``; returns counts (tasks, inspections,
    register entries). ``users`` holds the demo users by username (``btg.duk``,
    ``bithu.taichinh``)."""
    officer = users["btg.duk"]
    secretary = users["bithu.taichinh"]
    day = today()
    units = {u.name: u for u in Unit.objects.filter(path__startswith=root.path)}
    documents = {d.number: d for d in Document.objects.filter(owner=root)}
    tasks: list[Task] = []
    review = documents.get("70-KH/ĐUK")
    if review is not None:
        done = _plan_tasks(review, by=officer)
        for task in done:
            _progress(task, TaskState.DONE, "Đã hoàn thành, báo cáo Ban Thường vụ.", by=officer)
        tasks += done
    standing = Document.objects.filter(owner=root, source_name__startswith="002").first()
    if standing is not None:
        ongoing = _plan_tasks(standing, by=officer)
        for i, task in enumerate(ongoing):
            if i % 3 == 0:
                _progress(task, TaskState.IN_PROGRESS, "Đang triển khai.", by=officer)
            elif i % 3 == 1:
                _progress(task, TaskState.DONE, "Đã hoàn thành.", by=officer)
        tasks += ongoing
    finance, justice = units.get(FINANCE), units.get(JUSTICE)
    board = units.get("Ban Tuyên giáo Đảng ủy Khối")
    if finance is not None and justice is not None:
        handed = [
            ("Xây dựng kế hoạch học tập chuyên đề năm", finance, day - dt.timedelta(days=12)),
            ("Gửi bản đăng ký làm theo của đảng viên", justice, day - dt.timedelta(days=4)),
            (
                "Báo cáo mô hình điển hình học tập và làm theo Bác",
                finance,
                day + dt.timedelta(days=9),
            ),
            ("Tổ chức sinh hoạt chuyên đề quý", justice, day + dt.timedelta(days=20)),
        ]
        for title, lead, due in handed:
            tasks += create_task(
                committee=root,
                draft=TaskDraft(title=title, lead=lead, due=due, supports=[board] if board else []),
                by=officer,
            )
        tasks += create_task(
            committee=root,
            draft=TaskDraft(
                title="Sinh hoạt chi bộ theo chủ điểm quý",
                lead=finance,
                recurrence=Recurrence.QUARTERLY,
            ),
            by=officer,
            year=day.year,
        )
        tasks += create_task(
            committee=root,
            draft=TaskDraft(
                title="Tuyên truyền gương người tốt, việc tốt",
                lead=finance,
                recurrence=Recurrence.CONTINUOUS,
            ),
            by=officer,
        )
        first = Task.objects.filter(lead=finance, title__startswith="Xây dựng kế hoạch").first()
        if first is not None:
            _progress(
                first, TaskState.IN_PROGRESS, "Đã có dự thảo, chờ cấp ủy thông qua.", by=secretary
            )
    entries = 0
    programme = inspections.create_programme(committee=root, year=day.year, by=officer)
    counted = 0
    if finance is not None and justice is not None:
        start = max(dt.date(day.year, 1, 1), day - dt.timedelta(days=40))
        concluded = inspections.plan_inspection(
            programme=programme,
            target=finance,
            by=officer,
            subject="Việc thực hiện Kết luận số 01-KL/TW của Bộ Chính trị",
            team="Đ/c Trưởng Ban Tuyên giáo (trưởng đoàn)\nĐ/c Ủy viên Ủy ban Kiểm tra",
            start=start,
            end=start + dt.timedelta(days=3),
        )
        concluded = inspections.notify(
            inspection=concluded, by=officer, version=None, on=start - dt.timedelta(days=7)
        )
        concluded = inspections.start(inspection=concluded, by=officer, version=None)
        inspections.conclude(
            inspection=concluded,
            by=officer,
            version=None,
            findings="Đảng bộ đã ban hành kế hoạch, tổ chức học tập chuyên đề; một số chi bộ chưa cập nhật sổ theo dõi.",
            conclusions="Cơ bản thực hiện tốt; cần khắc phục việc theo dõi đăng ký làm theo.",
            recommendations=[
                (
                    "Bổ sung sổ theo dõi việc đăng ký làm theo ở các chi bộ",
                    day + dt.timedelta(days=15),
                ),
                ("Báo cáo kết quả khắc phục về Ban Thường vụ", day + dt.timedelta(days=30)),
            ],
        )
        later = day + dt.timedelta(days=25)
        if later.year == day.year:
            planned = inspections.plan_inspection(
                programme=programme,
                target=justice,
                by=officer,
                kind="supervision",
                subject="Việc sinh hoạt chuyên đề theo chủ điểm quý",
                start=later,
                end=later + dt.timedelta(days=1),
            )
            inspections.notify(inspection=planned, by=officer, version=None)
        counted = programme.inspections.count()
    set_last_number(unit=root, year=day.year, kind="BC", last=59, by=officer)
    for title in (
        "Báo cáo sơ kết 2 năm thực hiện Kết luận số 01-KL/TW",
        "Báo cáo kết quả học tập chuyên đề năm",
    ):
        register_document(
            unit=root, kind="BC", title=title, by=officer, recipients="Ban Tuyên giáo Tỉnh ủy"
        )
        entries += 1
    register_document(
        unit=root,
        kind="CV",
        title="V/v đôn đốc gửi báo cáo",
        by=officer,
        recipients="Các chi, đảng bộ cơ sở",
    )
    entries += 1
    return {"tasks": len(tasks), "inspections": counted, "register_entries": entries}
