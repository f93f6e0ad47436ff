"""Generated scale profiles for the benchmark (docs/domain.md §7).

Profile S is one Đảng ủy Khối: N grassroots organisations (đảng bộ cơ sở or chi bộ cơ sở; each
đảng bộ cơ sở has 2 chi bộ trực thuộc), one opened round with a 10-section outline (depth 1
and 2) and 3 indicators, and a submitted report from every target unit.

Bulk writes build the volume; a few reports go through the real write functions
(``save_report_draft`` then ``submit_unit_report``) so the bulk rows can be checked against
what the app itself makes.
"""

from __future__ import annotations

import datetime as dt
import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.contrib.auth import get_user_model
from django.contrib.auth.hashers import make_password
from django.db import transaction

from lamtheobac.audit.models import AuditEvent
from lamtheobac.core.dates import today
from lamtheobac.core.vietnamese import nfc
from lamtheobac.reporting.actions import ReportingAction, reports, rounds
from lamtheobac.reporting.actions import outline as outline_writes
from lamtheobac.reporting.models import (
    Indicator,
    IndicatorValue,
    Outline,
    OutlineSection,
    ReportingRound,
    ReportState,
    ReportSubmission,
    RoundTarget,
    SectionAnswer,
    UnitReport,
)
from lamtheobac.units.models import Role, RoleGrant, Unit, UnitKind

if TYPE_CHECKING:
    from django.contrib.auth.models import User


PROFILES = ("S", "L")  # L: adds the programme year page at 1,500 organisations (issue 8)
REAL_SUBMISSIONS = 3  # reports made through save_report_draft + submit_unit_report (N ≥ 6)
PARAGRAPH_CHARS = 600  # minimum length of each generated answer

# (number, heading, depth); the depth-2 sections hang under the depth-1 section before them.
OUTLINE: tuple[tuple[str, str, int], ...] = (
    ("I", "ĐẶC ĐIỂM TÌNH HÌNH", 1),
    ("II", "KẾT QUẢ THỰC HIỆN", 1),
    ("1", "Công tác lãnh đạo, chỉ đạo, quán triệt, triển khai", 2),
    ("2", "Kết quả học tập và làm theo tư tưởng, đạo đức, phong cách Hồ Chí Minh", 2),
    ("3", "Việc nêu gương của cán bộ, đảng viên, trước hết là người đứng đầu", 2),
    ("4", "Công tác tuyên truyền, nhân rộng điển hình tiên tiến", 2),
    ("III", "HẠN CHẾ, NGUYÊN NHÂN", 1),
    ("1", "Hạn chế, khuyết điểm", 2),
    ("2", "Nguyên nhân", 2),
    ("IV", "PHƯƠNG HƯỚNG, NHIỆM VỤ THỜI GIAN TỚI", 1),
)
# (index in OUTLINE, name, unit label)
INDICATORS: tuple[tuple[int, str, str], ...] = (
    (3, "Số mô hình, điển hình học tập và làm theo Bác", "mô hình"),
    (3, "Số tập thể, cá nhân được khen thưởng", "tập thể, cá nhân"),
    (4, "Số đảng viên đăng ký làm theo Bác", "đảng viên"),
)

AGENCIES = (
    "Sở Tài chính",
    "Sở Tư pháp",
    "Sở Nội vụ",
    "Sở Y tế",
    "Sở Giáo dục và Đào tạo",
    "Sở Xây dựng",
    "Sở Công Thương",
    "Sở Nông nghiệp và Môi trường",
    "Sở Khoa học và Công nghệ",
    "Sở Văn hóa, Thể thao và Du lịch",
    "Văn phòng Ủy ban nhân dân tỉnh",
    "Thanh tra tỉnh",
    "Bệnh viện Đa khoa tỉnh",
    "Trường Chính trị tỉnh",
    "Báo Quảng Nam",
    "Đài Phát thanh và Truyền hình tỉnh",
    "Kho bạc Nhà nước khu vực",
    "Ban Quản lý các khu công nghiệp",
)
CELLS = ("Phòng Tổ chức - Hành chính", "Phòng Nghiệp vụ", "Phòng Kế hoạch - Tổng hợp")

SENTENCES = (
    "Cấp ủy {unit} đã ban hành kế hoạch thực hiện, phân công cụ thể từng đồng chí cấp ủy viên "
    "phụ trách, gắn việc học tập và làm theo Bác với thực hiện nhiệm vụ chính trị của cơ quan.",
    "Trong kỳ, {unit} tổ chức quán triệt chuyên đề năm cho 100% cán bộ, đảng viên, kết hợp sinh "
    "hoạt chi bộ thường kỳ với thảo luận những việc làm cụ thể để làm theo.",
    "Mỗi cán bộ, đảng viên đã đăng ký nội dung làm theo gắn với chức trách, nhiệm vụ được giao; "
    "việc đăng ký được chi bộ xem xét, kiểm tra và đánh dấu kết quả hằng quý.",
    "Người đứng đầu cấp ủy, cơ quan gương mẫu đi đầu trong tiết kiệm, chống lãng phí, nói đi đôi "
    "với làm, tạo sự lan tỏa trong đội ngũ cán bộ, công chức, viên chức và người lao động.",
    "Đơn vị đã xây dựng và nhân rộng mô hình “Mỗi tuần một việc tốt”, cải cách thủ tục hành "
    "chính theo hướng phục vụ, giảm thời gian giải quyết hồ sơ cho người dân và doanh nghiệp.",
    "Công tác tuyên truyền được thực hiện qua trang thông tin điện tử, bảng tin và nhóm trao "
    "đổi của cơ quan, kịp thời giới thiệu những tấm gương người tốt, việc tốt.",
    "Tuy vậy, việc cụ thể hóa chuẩn mực đạo đức ở một số chi bộ còn chung chung, chưa sát với "
    "đặc điểm chuyên môn; một số đảng viên chưa thường xuyên tự liên hệ, tự sửa mình.",
    "Nguyên nhân chủ yếu là khối lượng công việc chuyên môn lớn, một số cấp ủy viên chưa dành "
    "thời gian thỏa đáng cho việc kiểm tra, đôn đốc thực hiện cam kết làm theo.",
    "Thời gian tới, {unit} tiếp tục đổi mới hình thức học tập, đưa nội dung làm theo Bác vào "
    "sinh hoạt chi bộ, gắn với đánh giá, xếp loại chất lượng tổ chức đảng và đảng viên cuối năm.",
    "Qua sơ kết, đơn vị đề nghị khen thưởng các tập thể, cá nhân tiêu biểu, đồng thời kiến nghị "
    "cấp trên tổ chức tập huấn nghiệp vụ cho đội ngũ cán bộ làm công tác tuyên giáo cơ sở.",
)


@dataclass
class Built:
    """What a profile builder made: the round, its committee and the users to log in as."""

    committee: Unit
    round: ReportingRound
    officer: Any  # committee staff on ``committee``
    unit_staff: Any  # unit staff of ``targets[0]``
    targets: list[Unit]
    cells: int
    seconds: float = 0.0
    counts: dict[str, int] = field(default_factory=dict)


def paragraph(rng: random.Random, unit_name: str, minimum: int = PARAGRAPH_CHARS) -> str:
    """A realistic Vietnamese paragraph of at least ``minimum`` characters about ``unit_name``."""
    parts: list[str] = []
    order = rng.sample(SENTENCES, len(SENTENCES))
    i = 0
    while sum(len(p) + 1 for p in parts) < minimum:
        parts.append(order[i % len(order)].format(unit=unit_name))
        i += 1
    return nfc(" ".join(parts))


def _org_name(i: int, committee_kind: bool) -> str:
    agency = AGENCIES[i % len(AGENCIES)]
    suffix = f" ({i // len(AGENCIES) + 1})" if i >= len(AGENCIES) else ""
    return f"{'Đảng bộ' if committee_kind else 'Chi bộ'} {agency}{suffix}"


def _build_tree(n_units: int, tag: str) -> tuple[Unit, list[Unit], int]:
    """One committee with ``n_units`` grassroots organisations; every third is a đảng bộ cơ sở
    with 2 chi bộ trực thuộc. Root by add_root, descendants by treebeard's bulk load."""
    children = []
    cells = 0
    for i in range(n_units):
        is_committee = i % 3 == 0
        name = _org_name(i, is_committee)
        node: dict[str, Any] = {
            "data": {
                "name": nfc(name),
                "short_name": name.split(" ", 2)[-1][:120],
                "kind": UnitKind.GRASSROOTS_COMMITTEE if is_committee else UnitKind.GRASSROOTS_CELL,
            }
        }
        if is_committee:
            node["children"] = [
                {"data": {"name": nfc(f"Chi bộ {cell}"), "kind": UnitKind.SUBORDINATE_CELL}}
                for cell in CELLS[:2]
            ]
            cells += 2
        children.append(node)
    board = {"data": {"name": "Ban Tuyên giáo Đảng ủy Khối", "kind": UnitKind.BOARD}}
    root = {
        "data": {
            "name": nfc(f"Đảng ủy Khối các cơ quan tỉnh ({tag})"),
            "kind": UnitKind.COMMITTEE,
            "issuer_code": "ĐUK",
            "superior_name": "ĐẢNG BỘ TỈNH QUẢNG NAM",
            "header_name": "ĐẢNG ỦY KHỐI CÁC CƠ QUAN",
            "place": "Quảng Nam",
        },
        "children": [board, *children],
    }
    (root_pk, *_) = Unit.objects.load_bulk([root], bulk_create=True)
    committee = Unit.objects.get(pk=root_pk)
    orgs = list(Unit.objects.subtree(committee).grassroots().in_tree_order())
    return committee, orgs, cells


def _users(committee: Unit, orgs: list[Unit], tag: str) -> tuple[Any, dict[int, Any]]:
    """A committee officer and one unit-staff account per organisation (bulk)."""
    User = get_user_model()
    password = make_password(None)  # unusable: the bench logs in with force_login
    officer = User.objects.create(username=f"bench.{tag}.btg", password=password)
    staff = User.objects.bulk_create(
        [User(username=f"bench.{tag}.u{i}", password=password) for i in range(len(orgs))]
    )
    RoleGrant.objects.bulk_create(
        [RoleGrant(user=officer, unit=committee, role=Role.COMMITTEE_STAFF)]
        + [
            RoleGrant(user=u, unit=org, role=Role.UNIT_STAFF)
            for u, org in zip(staff, orgs, strict=True)
        ]
    )
    return officer, {org.pk: u for u, org in zip(staff, orgs, strict=True)}


def _round(committee: Unit, orgs: list[Unit], officer: User, tag: str) -> ReportingRound:
    """A round with the 10-section outline and 3 indicators, opened by the real write function.

    The deadline was three days ago and nothing is locked, so reports are still accepted and
    the ones submitted after the deadline are marked late (docs/domain.md §9).
    """
    outline = Outline.objects.create(title="ĐỀ CƯƠNG BÁO CÁO SƠ KẾT")
    sections: list[OutlineSection] = []
    parent: OutlineSection | None = None
    for position, (number, heading, depth) in enumerate(OUTLINE, start=1):
        section = OutlineSection.objects.create(
            outline=outline,
            parent=parent if depth == 2 else None,
            number=number,
            heading=heading,
            guidance="Nêu rõ kết quả, số liệu minh chứng." if depth == 2 else "",
            depth=depth,
            position=position,
        )
        if depth == 1:
            parent = section
        sections.append(section)
    round = ReportingRound.objects.create(
        committee=committee,
        outline=outline,
        title=f"Sơ kết 04 năm thực hiện Chỉ thị số 05-CT/TW ({tag})",
        report_title="tổng hợp kết quả sơ kết 04 năm thực hiện Chỉ thị số 05-CT/TW",
        deadline=today() - dt.timedelta(days=3),
        deadline_exclusive=False,
        created_by=officer,
    )
    for index, name, label in INDICATORS:
        outline_writes.add_indicator(
            round, section=sections[index], name=name, unit_label=label, by=officer
        )
    RoundTarget.objects.bulk_create(
        [
            RoundTarget(round=round, unit=u, unit_name=u.name, position=i)
            for i, u in enumerate(orgs, start=1)
        ]
    )
    return rounds.open_reporting_round(round, by=officer)


def _content(
    rng: random.Random, unit: Unit, sections: list[OutlineSection], indicators: list[Indicator]
) -> tuple[dict[int, str], dict[int, Decimal]]:
    answers = {s.pk: paragraph(rng, unit.name) for s in sections}
    values = {i.pk: Decimal(rng.randint(0, 60)) for i in indicators}
    return answers, values


def _submit_real(
    round: ReportingRound, units: list[Unit], staff: dict[int, Any], rng: random.Random
) -> None:
    sections = list(round.outline.sections.all())
    indicators = list(Indicator.objects.filter(section__outline=round.outline))
    for unit in units:
        answers, values = _content(rng, unit, sections, indicators)
        by = staff[unit.pk]
        report = reports.save_report_draft(
            round, unit=unit, answers=answers, values=values, version=None, by=by
        )
        reports.submit_unit_report(round, unit=unit, version=report.version, by=by)


@transaction.atomic
def _submit_bulk(
    round: ReportingRound, units: list[Unit], staff: dict[int, Any], rng: random.Random
) -> int:
    """Submitted reports written in bulk, shaped like those of ``submit_unit_report``: the
    answers, the values, the frozen submission and the two audit events. Returns rows written."""
    sections = list(round.outline.sections.all())
    indicators = list(Indicator.objects.filter(section__outline=round.outline))
    due = round.due_at
    assert due is not None  # a reporting round always has a deadline
    contents = {u.pk: _content(rng, u, sections, indicators) for u in units}
    reports = []
    submitted_at: dict[int, dt.datetime] = {}
    for unit in units:
        # About one in six submits after the deadline.
        late = rng.random() < 1 / 6
        offset = dt.timedelta(hours=rng.randint(1, 60), minutes=rng.randint(0, 59))
        at = due + offset if late else due - offset
        submitted_at[unit.pk] = at
        reports.append(
            UnitReport(
                round=round,
                unit=unit,
                state=ReportState.SUBMITTED,
                version=3,
                submitted_at=at,
                submitted_by=staff[unit.pk],
                first_submitted_at=at,
                is_late=late,
            )
        )
    reports = UnitReport.objects.bulk_create(reports, batch_size=500)
    answers = [
        SectionAnswer(report=r, section_id=sid, text=text)
        for r in reports
        for sid, text in contents[r.unit_id][0].items()
    ]
    values = [
        IndicatorValue(report=r, indicator_id=iid, value=v)
        for r in reports
        for iid, v in contents[r.unit_id][1].items()
    ]
    submissions = [
        ReportSubmission(
            report=r,
            sequence=1,
            submitted_at=submitted_at[r.unit_id],
            submitted_by=r.submitted_by,
            is_late=r.is_late,
            content={
                "answers": {str(k): t for k, t in contents[r.unit_id][0].items()},
                "values": {str(k): str(v) for k, v in contents[r.unit_id][1].items()},
                "attachments": [],
            },
        )
        for r in reports
    ]
    events = [
        AuditEvent(
            actor=r.submitted_by,
            action=action,
            target_type="reporting.unitreport",
            target_id=str(r.pk),
            unit=r.unit,
            after=after,
        )
        for r in reports
        for action, after in (
            (ReportingAction.REPORT_SAVED, {"version": 2}),
            (
                UnitReport.workflow.audit_action("submit"),
                {"state": "submitted", "is_late": r.is_late, "submission": 1},
            ),
        )
    ]
    SectionAnswer.objects.bulk_create(answers, batch_size=1000)
    IndicatorValue.objects.bulk_create(values, batch_size=1000)
    ReportSubmission.objects.bulk_create(submissions, batch_size=500)
    AuditEvent.objects.bulk_create(events, batch_size=1000)
    return len(reports) + len(answers) + len(values) + len(submissions) + len(events)


def build_profile_s(
    n_units: int = 150,
    *,
    seed: int = 5,
    tag: str | None = None,
    step: Callable[[str], None] | None = None,
) -> Built:
    """Generate profile S with ``n_units`` grassroots organisations, every one submitted.

    ``tag`` tells committees apart when several profiles share one database; ``step`` is
    called with a label after each of the ``STAGES`` stages (for a progress bar). ``Built.seconds`` is the
    generation time in seconds.
    """
    if n_units < 1:
        raise ValueError("n_units must be at least 1")
    started = time.perf_counter()
    rng = random.Random(seed * 1_000_003 + n_units)
    tag = tag or f"S{n_units}"
    done = step or (lambda _label: None)
    committee, orgs, cells = _build_tree(n_units, tag)
    done("units and cells")
    officer, staff = _users(committee, orgs, tag)
    done("accounts")
    round = _round(committee, orgs, officer, tag)
    done("round opened")
    # At tiny sizes keep at least half the reports bulk-written, so both paths are exercised.
    real = orgs[: max(1, min(REAL_SUBMISSIONS, len(orgs) // 2))]
    _submit_real(round, real, staff, rng)
    done(f"{len(real)} reports submitted")
    rows = _submit_bulk(round, orgs[len(real) :], staff, rng) if len(orgs) > len(real) else 0
    done(f"{len(orgs) - len(real)} reports bulk-written")
    built = Built(
        committee=committee,
        round=round,
        officer=officer,
        unit_staff=staff[orgs[0].pk],
        targets=orgs,
        cells=cells,
        counts={"units": len(orgs), "cells": cells, "bulk_rows": rows},
    )
    built.seconds = time.perf_counter() - started
    return built


STAGES = 5  # calls of ``step`` made by build_profile_s
