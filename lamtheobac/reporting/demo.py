"""The demo's cascading round (issue 9 §4): the committee asks its grassroots organisations for
a half-year report on the themed sessions; two đảng bộ cơ sở forward it to their chi bộ trực
thuộc, whose cells report; the first consolidates and submits upward, the second is still
waiting on a cell. Đảng bộ Sở Tài chính is left to forward it itself (the visitor as
``bithu.taichinh``). Call inside the demo build's transaction, after ``open_demo_round``
(which gives every other grassroots organisation a ``vp.<n>`` writer).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.contrib.auth import get_user_model

from lamtheobac.core.dates import today
from lamtheobac.reporting.actions import cascade, reports
from lamtheobac.reporting.actions.rounds import default_targets, open_reporting_round
from lamtheobac.reporting.models import (
    Indicator,
    Outline,
    OutlineSection,
    ReportingRound,
    RoundTarget,
)
from lamtheobac.units.models import Role, RoleGrant, Unit, UnitKind

if TYPE_CHECKING:
    from django.contrib.auth.models import User

CASCADE_TITLE = "Báo cáo kết quả sinh hoạt chuyên đề 6 tháng đầu năm"
SKIP = "Đảng bộ Sở Tài chính"  # forwards it in the demo by hand
SECTIONS = (
    ("I", "KẾT QUẢ TỔ CHỨC SINH HOẠT CHUYÊN ĐỀ"),
    ("II", "NHỮNG CÁCH LÀM HAY, MÔ HÌNH MỚI"),
)
INDICATOR = ("Số đảng viên tham gia sinh hoạt chuyên đề", "người")


def _writer(unit: Unit, username: str) -> User:
    """The unit's staff account: the one it has, else a new one with an unusable password."""
    grant = RoleGrant.objects.filter(unit=unit, role=Role.UNIT_STAFF).select_related("user").first()
    if grant is not None:
        return grant.user
    user = get_user_model()(username=username, first_name=unit.short_name or unit.name[:30])
    user.set_unusable_password()
    user.save()
    RoleGrant.objects.create(user=user, unit=unit, role=Role.UNIT_STAFF)
    return user


def build_cascade(root: Unit, *, users: dict[str, Any]) -> ReportingRound:
    """Open the cascading round and play it out (see the module docstring); returns it."""
    officer = users["btg.duk"]
    outline = Outline.objects.create(title="ĐỀ CƯƠNG BÁO CÁO")
    sections = [
        OutlineSection.objects.create(
            outline=outline, number=number, heading=heading, depth=1, position=i
        )
        for i, (number, heading) in enumerate(SECTIONS, start=1)
    ]
    Indicator.objects.create(section=sections[0], name=INDICATOR[0], unit_label=INDICATOR[1])
    day = today()
    round = ReportingRound.objects.create(
        committee=root,
        outline=outline,
        title=CASCADE_TITLE,
        report_title="tổng hợp kết quả sinh hoạt chuyên đề 6 tháng đầu năm",
        deadline=day + dt.timedelta(days=20),
        deadline_text="chậm nhất sau 20 ngày",
        created_by=officer,
    )
    targets = default_targets(root)
    RoundTarget.objects.bulk_create(
        RoundTarget(round=round, unit=u, unit_name=u.name, position=i)
        for i, u in enumerate(targets, start=1)
    )
    round = open_reporting_round(round, by=officer)
    committees = [
        u
        for u in targets
        if u.kind == UnitKind.GRASSROOTS_COMMITTEE
        and u.name != SKIP
        and len(cascade.cells_of(u)) >= 2
    ][:2]
    n = 0
    for index, unit in enumerate(committees):
        staff = _writer(unit, f"vp.dangbo.{index + 1}")
        child = cascade.open_child_round(
            round, unit=unit, deadline=day + dt.timedelta(days=12), by=staff
        )
        cells = [t.unit for t in child.targets.order_by("position")]
        # the second đảng bộ still waits for its last cell
        reporting = cells if index == 0 else cells[:-1]
        child_sections = list(child.outline.sections.order_by("position"))
        child_indicator = Indicator.objects.get(section__outline=child.outline)
        for cell in reporting:
            n += 1
            members = 8 + (n * 5) % 17
            reports.save_and_maybe_submit(
                child,
                unit=cell,
                answers={
                    child_sections[0].pk: (
                        f"Chi bộ tổ chức 2 buổi sinh hoạt chuyên đề theo chủ điểm quý I, II; "
                        f"{members} đảng viên tham gia, nhiều ý kiến liên hệ thực tế."
                    ),
                    child_sections[1].pk: "Mô hình “Mỗi tuần một việc tốt” tại cơ quan.",
                },
                values={child_indicator.pk: Decimal(members)},
                version=None,
                submit=True,
                by=_writer(cell, f"chibo.{n}"),
            )
        if index == 0:
            own = reports.save_report_draft(
                round,
                unit=unit,
                answers={sections[0].pk: "Đảng ủy ban hành kế hoạch, chỉ đạo các chi bộ."},
                values={},
                version=None,
                by=staff,
            )
            report = cascade.consolidate_from_cells(round, unit=unit, version=own.version, by=staff)
            reports.submit_unit_report(round, unit=unit, version=report.version, by=staff)
    return round
