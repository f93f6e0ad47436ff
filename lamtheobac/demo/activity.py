"""A round in progress for the demo: 545-CV/ĐUK opened to the grassroots organisations, with
reports in the states a visitor should see on the completeness matrix (docs/domain.md §4.3–§4.4).

Every change of state goes through the reporting write functions, so the audit trail reads as
if the units and the committee did it: reports are written by each unit's own staff (``vp.<n>``,
one per grassroots organisation without a demo account, with no usable password), accepted or
returned by ``btg.duk``. Choices and text come from ``random.Random(ACTIVITY_SEED)``, so every
build is the same. Đảng bộ Sở Tài chính is left for the visitor (``bithu.taichinh``); Chi bộ Sở
Tư pháp (``bithu.tuphap``) has a draft to finish.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.contrib.auth import get_user_model

from lamtheobac.core.dates import today
from lamtheobac.core.errors import DomainError
from lamtheobac.demo import phrases
from lamtheobac.documents.models import Document
from lamtheobac.reporting.actions.reports import (
    accept_unit_report,
    return_unit_report,
    save_report_draft,
    submit_unit_report,
)
from lamtheobac.reporting.actions.rounds import (
    create_round_from_document,
    default_targets,
    open_reporting_round,
    update_round,
)
from lamtheobac.reporting.models import ReportingRound
from lamtheobac.units.models import Person, Role, RoleGrant, Unit, UnitKind

if TYPE_CHECKING:
    from django.contrib.auth.models import User


ACTIVITY_SEED = 2022
PLAN_NUMBER = "545-CV/ĐUK"  # seed 001: an outline of 8 contents under section II
DAYS_LEFT = 10
SUBMITTED_SHARE = 0.4
DRAFT_SHARE = 0.15
ACCEPTED = 3
RETURN_COMMENT = "Đề nghị bổ sung số liệu mục II."
NOT_STARTED_UNIT = "Đảng bộ Sở Tài chính"  # the visitor reports as bithu.taichinh
DRAFT_UNIT = "Chi bộ Sở Tư pháp"  # bithu.tuphap finds a draft
DEMO_UNIT_USERS = {NOT_STARTED_UNIT: "bithu.taichinh", DRAFT_UNIT: "bithu.tuphap"}
# Who writes the reports of the other organisations: a clerk, else any officer of the office.
_CLERK_POSITIONS = ("Văn thư", "Chuyên viên", "Chuyên viên chính")


@dataclass(frozen=True)
class _Facts:
    """What one unit's report talks about."""

    unit: Unit
    members: int  # đảng viên
    cells: int  # subordinate cells (1 for a chi bộ cơ sở)


def open_demo_round(root: Unit, *, users: dict[str, User]) -> ReportingRound:
    """Open a round from 545-CV/ĐUK due in DAYS_LEFT days and fill it as a committee mid-round.

    About 40 % of the targets submitted (ACCEPTED of them accepted, one returned with
    RETURN_COMMENT), about 15 % with a draft, the rest not started. ``users`` are the demo
    users by username (``btg.duk``, ``bithu.tuphap`` are used). Raises DomainError when the plan
    was not imported or a ``vp.<n>`` username is taken. Call inside the build's transaction.
    """
    rng = random.Random(ACTIVITY_SEED)
    officer = users["btg.duk"]
    document = Document.objects.filter(owner=root, number=PLAN_NUMBER).first()
    if document is None:
        raise DomainError(f"Chưa nhập văn bản {PLAN_NUMBER}: không mở được đợt báo cáo mẫu.")
    demo_round = create_round_from_document(document=document, by=officer)
    demo_round = update_round(
        demo_round,
        title=demo_round.title,
        report_title=demo_round.report_title,
        deadline=today() + dt.timedelta(days=DAYS_LEFT),
        deadline_exclusive=False,
        lock_date=None,
        target_units=None,
        version=demo_round.version,
        by=officer,
    )
    demo_round = open_reporting_round(demo_round, by=officer)

    units = default_targets(root)
    writers = _unit_staff(root, units, users)
    facts = _facts(root, units)
    sections = list(demo_round.outline.sections.filter(depth=1).order_by("position", "pk"))
    others = [u for u in units if u.name not in DEMO_UNIT_USERS]
    rng.shuffle(others)
    submitting = others[: round(len(units) * SUBMITTED_SHARE)]
    drafting = [u for u in units if u.name == DRAFT_UNIT]
    drafting += others[len(submitting) : len(submitting) + round(len(units) * DRAFT_SHARE) - 1]

    for unit in sorted(submitting, key=lambda u: u.path):
        vague = unit == submitting[ACCEPTED]  # the report returned for numbers in section II
        answers = report_answers(rng, facts[unit.pk], vague=vague)
        report = save_report_draft(
            demo_round,
            unit=unit,
            answers=dict(zip((s.pk for s in sections), answers, strict=False)),
            values={},
            version=None,
            by=writers[unit.pk],
        )
        submit_unit_report(demo_round, unit=unit, version=report.version, by=writers[unit.pk])
    reports = {r.unit_id: r for r in demo_round.reports.all()}
    for unit in submitting[:ACCEPTED]:
        accept_unit_report(reports[unit.pk], by=officer)
    return_unit_report(reports[submitting[ACCEPTED].pk], comment=RETURN_COMMENT, by=officer)

    for unit in sorted(drafting, key=lambda u: u.path):
        answers = report_answers(rng, facts[unit.pk])[: rng.randint(1, len(sections) - 1)]
        save_report_draft(
            demo_round,
            unit=unit,
            answers=dict(zip((s.pk for s in sections), answers, strict=False)),
            values={},
            version=None,
            by=writers[unit.pk],
        )
    return demo_round


def _unit_staff(root: Unit, units: list[Unit], users: dict[str, User]) -> dict[int, User]:
    """The user who writes each unit's report: the demo account where there is one, else a new
    ``vp.<n>`` user (unusable password, UNIT_STAFF on the unit) tied to a clerk of the unit."""
    user_model = get_user_model()
    others = [u for u in units if u.name not in DEMO_UNIT_USERS]
    usernames = [f"vp.{n}" for n in range(1, len(others) + 1)]
    taken = user_model.objects.filter(username__in=usernames).values_list("username", flat=True)
    if taken:
        raise DomainError(f"Tài khoản đã tồn tại: {', '.join(sorted(taken))}.")
    clerks = _clerks(root, others)
    accounts = []
    for username, unit in zip(usernames, others, strict=True):
        person = clerks[unit.pk]
        user = user_model(
            username=username,
            first_name=person.given_name,
            last_name=f"{person.family_name} {person.middle_name}".strip(),
        )
        user.set_unusable_password()
        accounts.append(user)
    user_model.objects.bulk_create(accounts)
    people = []
    for user, unit in zip(accounts, others, strict=True):
        clerks[unit.pk].user = user
        people.append(clerks[unit.pk])
    Person.objects.bulk_update(people, ["user"])
    RoleGrant.objects.bulk_create(
        RoleGrant(user=user, unit=unit, role=Role.UNIT_STAFF)
        for user, unit in zip(accounts, others, strict=True)
    )
    writers = {unit.pk: user for user, unit in zip(accounts, others, strict=True)}
    by_name = {u.name: u.pk for u in units}
    for unit_name, username in DEMO_UNIT_USERS.items():
        writers[by_name[unit_name]] = users[username]
    return writers


def _clerks(root: Unit, units: list[Unit]) -> dict[int, Person]:
    """One clerk per unit (one query): the first văn thư, else chuyên viên, in tree order."""
    org_of = {u.path: u.pk for u in units}
    step = len(units[0].path)
    rank = {p: i for i, p in enumerate(_CLERK_POSITIONS)}
    best: dict[int, tuple[int, Person]] = {}
    candidates = (
        Person.objects.filter(
            unit__path__startswith=root.path, position__in=_CLERK_POSITIONS, user__isnull=True
        )
        .select_related("unit")
        .order_by("unit__path", "pk")
    )
    for person in candidates:
        pk = org_of.get(person.unit.path[:step])
        if pk is None:
            continue
        if pk not in best or rank[person.position] < best[pk][0]:
            best[pk] = (rank[person.position], person)
    return {pk: person for pk, (_, person) in best.items()}


def _facts(root: Unit, units: list[Unit]) -> dict[int, _Facts]:
    """Party members and cells per unit, in two queries."""
    org_of = {u.path: u.pk for u in units}
    step = len(units[0].path)
    members: Counter[int] = Counter()
    paths = Person.objects.filter(unit__path__startswith=root.path, is_party_member=True)
    for path in paths.values_list("unit__path", flat=True):
        pk = org_of.get(path[:step])
        if pk is not None:
            members[pk] += 1
    return {u.pk: _Facts(unit=u, members=members[u.pk], cells=max(u.numchild, 1)) for u in units}


def _share(part: int, whole: int) -> str:
    """ "97,3%" (Vietnamese decimal comma), "100%"."""
    value = f"{100 * part / max(whole, 1):.1f}".removesuffix(".0")
    return f"{value.replace('.', ',')}%"


def report_answers(rng: random.Random, facts: _Facts, *, vague: bool = False) -> list[str]:
    """One paragraph (2–4 sentences) per top-level section of 545-CV/ĐUK's outline: I
    leadership, II results, III shortcomings and causes, IV next steps. ``vague`` leaves the
    numbers out of section II (the report the committee returns)."""
    committee = facts.unit.kind == UnitKind.GRASSROOTS_COMMITTEE
    org = "Đảng bộ" if committee else "Chi bộ"
    members = facts.members
    attended = members - rng.randint(0, max(1, members // 15))
    registered = members - rng.choice((0, 0, 0, 1, 2, 3))
    words: dict[str, Any] = {
        "org": org,
        "org_lower": org.lower(),
        "committee": "Đảng ủy" if committee else "Chi ủy",
        "agency": facts.unit.short_name or facts.unit.name,
        "members": members,
        "attended": attended,
        "attended_share": _share(attended, members),
        "registered": registered,
        "registered_share": _share(registered, members),
        "documents": rng.randint(2, 5),
        "who": "Các chi bộ trực thuộc đã" if committee else "Chi bộ đã",
        "sessions": facts.cells * rng.randint(2, 4),
        "topic": rng.choice(phrases.SESSION_TOPICS),
        "models": rng.randint(1, 4),
        "model": rng.choice(phrases.MODEL_NAMES),
        "entrants": rng.randint(members, 2 * members),
        "families": rng.randint(2, 8),
        "outings": rng.randint(2, 5),
        "volunteers": rng.randint(15, 80),
        "checked": rng.randint(1, facts.cells),
    }
    briefing = (
        phrases.LEADERSHIP_BRIEFING_MAKEUP if attended < members else phrases.LEADERSHIP_BRIEFING
    )
    leadership = [rng.choice(phrases.LEADERSHIP_LEADS), briefing]
    leadership += rng.sample(phrases.LEADERSHIP_EXTRAS, rng.randint(0, 1))
    if vague:
        results = [phrases.RESULTS_VAGUE, rng.choice(phrases.RESULTS_EXTRAS[:2])]
    else:
        results = [phrases.RESULTS_PLEDGES, phrases.RESULTS_SESSIONS]
        extras = [phrases.RESULTS_MODELS, *phrases.RESULTS_EXTRAS]
        extras.append(
            phrases.RESULTS_OVERSIGHT_COMMITTEE if committee else phrases.RESULTS_OVERSIGHT_CELL
        )
        results += rng.sample(extras, rng.randint(1, 2))
    shortcomings = rng.sample(phrases.SHORTCOMINGS, rng.randint(1, 2))
    shortcomings.append(rng.choice(phrases.CAUSES))
    next_steps = rng.sample(phrases.NEXT_STEPS, rng.randint(2, 3))
    return [
        " ".join(sentence.format(**words) for sentence in paragraph)
        for paragraph in (leadership, results, shortcomings, next_steps)
    ]
