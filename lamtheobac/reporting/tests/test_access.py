"""The access layer's two answers agree: "may this user download this attachment" and
"which attachments may they download" (issue 7 §2, the Wagtail shape)."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from lamtheobac.reporting import access
from lamtheobac.reporting.actions import reports
from lamtheobac.reporting.models import Attachment
from lamtheobac.testing import World, make_round
from lamtheobac.units.policy import Policy

pytestmark = pytest.mark.django_db

# persona → the units whose kept attachment they may download.
EXPECTED = {
    "officer": {"Đảng bộ Sở Tài chính"},  # submitted; the sibling's draft is not the committee's
    "leader": {"Đảng bộ Sở Tài chính"},
    "secretary": {"Đảng bộ Sở Tài chính"},
    "sibling_officer": {"Chi bộ Sở Tư pháp"},  # their own draft
    "admin": set(),
    "member": set(),
    "stranger": set(),
}


def _png(name: str, fill: bytes) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, b"\x89PNG\r\n\x1a\n" + fill * 32)


@pytest.mark.parametrize("persona", sorted(EXPECTED))
def test_the_downloadable_list_is_exactly_the_attachments_the_user_may_download(
    world: World, persona: str
) -> None:
    round = make_round(
        committee=world.committee, by=world.officer, targets=[world.grassroots, world.sibling]
    )
    section = round.outline.sections.first()
    assert section is not None
    for unit, user, fill in (
        (world.grassroots, world.secretary, b"\x00"),
        (world.sibling, world.sibling_officer, b"\x01"),
    ):
        reports.save_report_draft(
            round, unit=unit, answers={section.pk: "Nội dung."}, values={}, version=None, by=user
        )
        reports.add_attachment(round, unit=unit, upload=_png("a.png", fill), version=None, by=user)
        removed = reports.add_attachment(
            round, unit=unit, upload=_png("b.png", fill + b"\x02"), version=None, by=user
        )
        reports.remove_attachment(removed, by=user)
    # Sở Tài chính submits; Sở Tư pháp keeps a draft the committee may not see.
    reports.submit_unit_report(round, unit=world.grassroots, version=None, by=world.secretary)

    policy = Policy(getattr(world, persona))
    every = Attachment.objects.select_related("report__round__committee", "report__unit")
    expected = {a for a in every if access.can_download(policy, a)}
    assert set(access.downloadable_attachments(policy)) == expected
    assert {a.report.unit.name for a in expected} == EXPECTED[persona]
    assert all(not a.is_removed for a in expected)
