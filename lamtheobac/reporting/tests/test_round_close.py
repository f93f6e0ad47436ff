"""“Kết thúc đợt báo cáo” really ends a round (issue 7): OPEN → CLOSED with its audit event;
the units can no longer save, submit or attach (a Vietnamese refusal, nothing changed); the
round leaves the units' open rounds; only the committee's staff may close it."""

from __future__ import annotations

import pytest
from django.contrib.messages import get_messages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from lamtheobac.audit.models import AuditEvent
from lamtheobac.core.errors import AccessDenied, StateError
from lamtheobac.reporting import queries
from lamtheobac.reporting.actions import reports, rounds
from lamtheobac.reporting.models import (
    Attachment,
    ReportingRound,
    ReportingRoundState,
    ReportState,
    ReportSubmission,
    UnitReport,
)
from lamtheobac.testing import make_round
from lamtheobac.units.policy import policy_of

pytestmark = pytest.mark.django_db

REFUSAL = "Đợt báo cáo chưa mở hoặc đã kết thúc."
DRAFT_TEXT = "Bản nháp của Sở Tài chính, chưa nộp."


@pytest.fixture
def round(world):
    """An open round: Sở Tư pháp submitted; Sở Tài chính has a draft it has not submitted."""
    round = make_round(
        committee=world.committee, by=world.officer, targets=[world.grassroots, world.sibling]
    )
    first = round.outline.sections.order_by("position").first()
    reports.save_report_draft(
        round, unit=world.sibling, answers={first.pk: "Sở Tư pháp báo cáo."}, values={},
        version=None, by=world.sibling_officer,
    )  # fmt: skip
    reports.submit_unit_report(round, unit=world.sibling, version=None, by=world.sibling_officer)
    reports.save_report_draft(
        round, unit=world.grassroots, answers={first.pk: DRAFT_TEXT}, values={},
        version=None, by=world.secretary,
    )  # fmt: skip
    round.refresh_from_db()
    return round


def _close_url(round):
    return reverse("reporting:round_close", args=[round.pk])


def _messages(response):
    return [str(m) for m in get_messages(response.wsgi_request)]


def _report_url(round, unit):
    return reverse("reporting:report_edit", args=[round.pk, unit.pk])


def _field(round):
    return f"section_{round.outline.sections.order_by('position').first().pk}"


def _snapshot(round):
    """What a unit could change: reports with state, version and text; submissions; files."""
    return (
        sorted(
            (r.unit_id, r.state, r.version, tuple(a.text for a in r.answers.all()))
            for r in UnitReport.objects.filter(round=round)
        ),
        ReportSubmission.objects.filter(report__round=round).count(),
        Attachment.objects.filter(report__round=round).count(),
    )


def test_the_officer_closes_an_open_round_which_becomes_closed_with_an_audit_event(
    client, world, round
):
    client.force_login(world.officer)
    detail = reverse("reporting:round_detail", args=[round.pk])
    assert "Kết thúc đợt báo cáo" in client.get(detail).content.decode()
    response = client.post(_close_url(round), {"version": round.version, "confirmed": "1"})
    assert response.status_code == 302 and response["Location"] == detail
    assert "Đã kết thúc đợt báo cáo; các đơn vị không nhập thêm được nữa." in _messages(response)
    before = round.version
    round.refresh_from_db()
    assert round.state == ReportingRoundState.CLOSED
    assert round.closed_at is not None and round.version == before + 1
    event = AuditEvent.objects.get(action="reporting_round.close")
    assert event.actor == world.officer
    assert (event.target_type, event.target_id) == ("reporting.reportinground", str(round.pk))
    assert event.before == {"state": "open"}
    assert event.after is not None and event.after["state"] == "closed"
    assert event.after["submitted"] == 1
    # The page says so and offers no second close; what was submitted stays readable.
    page = client.get(detail).content.decode()
    assert "Đã kết thúc" in page and "Kết thúc đợt báo cáo</button>" not in page
    submitted = UnitReport.objects.get(round=round, unit=world.sibling)
    assert client.get(reverse("reporting:report_view", args=[submitted.pk])).status_code == 200


def test_after_closing_a_unit_can_neither_save_nor_submit_through_the_form(client, world, round):
    rounds.close_reporting_round(round, by=world.officer)
    before = _snapshot(round)
    client.force_login(world.secretary)
    url = _report_url(round, world.grassroots)
    version = UnitReport.objects.get(round=round, unit=world.grassroots).version
    page = client.get(url).content.decode()
    assert DRAFT_TEXT in page and "Nộp báo cáo</button>" not in page  # read only
    for button in ("save", "submit"):
        response = client.post(
            url,
            {_field(round): "Sửa sau khi đợt đã kết thúc", "version": version, button: "1"},
        )
        # Refused with the reason, and what was typed stays on the page (issue 14 §1).
        assert response.status_code == 409, button
        page = response.content.decode()
        assert REFUSAL in page and "Sửa sau khi đợt đã kết thúc" in page, button
    assert _snapshot(round) == before
    draft = UnitReport.objects.get(round=round, unit=world.grassroots)
    assert draft.state == ReportState.DRAFT and draft.answers.get().text == DRAFT_TEXT


def test_after_closing_the_write_functions_refuse_every_unit_entry(world, round):
    rounds.close_reporting_round(round, by=world.officer)
    round.refresh_from_db()  # as each request loads it
    before = _snapshot(round)
    first = round.outline.sections.order_by("position").first()
    png = SimpleUploadedFile("anh.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 64)
    attempts = {
        "save": lambda: reports.save_report_draft(
            round,
            unit=world.grassroots,
            answers={first.pk: "Muộn"},
            values={},
            version=None,
            by=world.secretary,
        ),
        "submit": lambda: reports.submit_unit_report(
            round, unit=world.grassroots, version=None, by=world.secretary
        ),
        "attach": lambda: reports.add_attachment(
            round, unit=world.grassroots, upload=png, version=None, by=world.secretary
        ),
    }
    for name, attempt in attempts.items():
        with pytest.raises(StateError, match=REFUSAL):
            attempt()
        assert _snapshot(round) == before, name


def test_a_closed_round_leaves_the_units_open_rounds_and_home_page(client, world, round):
    def open_round_ids(user):
        return [row.round.pk for row in queries.rounds_to_report(policy_of(user))]

    assert round.pk in open_round_ids(world.secretary)
    client.force_login(world.secretary)
    assert round.title in client.get(reverse("home")).content.decode()
    rounds.close_reporting_round(round, by=world.officer)
    assert round.pk not in open_round_ids(world.secretary)
    assert round.pk not in open_round_ids(world.sibling_officer)
    assert round.title not in client.get(reverse("home")).content.decode()


@pytest.mark.parametrize("who", ["secretary", "sibling_officer", "cell_secretary"])
def test_unit_staff_cannot_close_the_round(client, world, round, who):
    user = getattr(world, who)
    client.force_login(user)
    assert (
        client.post(_close_url(round), {"version": round.version, "confirmed": "1"}).status_code
        == 404
    )
    with pytest.raises(AccessDenied):
        rounds.close_reporting_round(round, version=round.version, by=user)
    round.refresh_from_db()
    assert round.state == ReportingRoundState.OPEN and round.closed_at is None
    assert not AuditEvent.objects.filter(action="reporting_round.close").exists()
    # …and the unit can still report.
    reports.submit_unit_report(round, unit=world.grassroots, version=None, by=world.secretary)


def test_a_closed_round_cannot_be_closed_again(client, world, round):
    rounds.close_reporting_round(round, by=world.officer)
    round.refresh_from_db()
    client.force_login(world.officer)
    response = client.post(_close_url(round), {"version": round.version, "confirmed": "1"})
    assert response.status_code == 303 and _messages(response)
    assert AuditEvent.objects.filter(action="reporting_round.close").count() == 1


def test_a_save_with_a_copy_of_the_round_loaded_before_the_close_is_refused(world, round):
    stale = ReportingRound.objects.get(pk=round.pk)  # loaded by a request before the close
    rounds.close_reporting_round(round, by=world.officer)
    first = stale.outline.sections.order_by("position").first()
    assert first is not None
    before = _snapshot(round)
    with pytest.raises(StateError, match=REFUSAL):
        reports.save_report_draft(
            stale,
            unit=world.grassroots,
            answers={first.pk: "Gửi sau khi đợt đã kết thúc"},
            values={},
            version=None,
            by=world.secretary,
        )
    assert _snapshot(round) == before
