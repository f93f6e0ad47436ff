"""The whole path as a user walks it (issue 11, acceptance): download the template, fill it,
import it, import a corrected copy — only the corrected rows change. Real .xlsx files."""

from __future__ import annotations

import datetime as dt
import io
from typing import Any

import openpyxl
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from lamtheobac.audit.models import AuditEvent
from lamtheobac.roster.actions import RosterAction
from lamtheobac.units.models import Person, Unit


def _filled(template: bytes, rows: list[list[Any]]) -> bytes:
    workbook = openpyxl.load_workbook(io.BytesIO(template))
    sheet = workbook.active
    for line, row in enumerate(rows, start=3):
        for column, value in enumerate(row, start=1):
            sheet.cell(row=line, column=column, value=value)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _upload(client, view, scope, data, name):
    response = client.post(
        reverse(view), {"scope": scope.pk, "file": SimpleUploadedFile(name, data)}
    )
    assert response.status_code == 303, response.content.decode()[:2000]
    return response


def test_template_fill_import_and_corrected_reimport_change_only_corrected_rows(client, world):
    client.force_login(world.admin)

    # 1. The tree.
    template = client.get(reverse("roster:units_template")).content
    tree: list[list[Any]] = [
        ["SCT", "Đảng bộ Sở Công Thương", "Đảng bộ cơ sở", "", 40],
        ["SCT.VP", "Chi bộ Văn phòng", "Chi bộ trực thuộc", "SCT", None],
        ["SCT.TT", "Chi bộ Thanh tra", "Chi bộ trực thuộc", "SCT", None],
    ]
    result = _upload(
        client, "roster:import_units", world.committee, _filled(template, tree), "t.xlsx"
    )
    page = client.get(result["Location"])
    assert page.context["summary"]["created"] == 3
    ids = dict(Unit.objects.filter(code__startswith="SCT").values_list("code", "pk"))
    tree[2][1] = "Chi bộ Thanh tra Sở"
    _upload(client, "roster:import_units", world.committee, _filled(template, tree), "t2.xlsx")
    assert dict(Unit.objects.filter(code__startswith="SCT").values_list("code", "pk")) == ids
    assert list(
        AuditEvent.objects.filter(action=RosterAction.UNIT_UPDATED).values_list(
            "target_id", flat=True
        )
    ) == [str(ids["SCT.TT"])]

    # 2. The members of the new cells.
    template = client.get(reverse("roster:members_template")).content
    members: list[list[Any]] = [
        [
            1,
            "Nguyễn Văn An",
            "03/05/1980",
            "Nam",
            "Chánh Văn phòng",
            "SCT.VP",
            "x",
            "03/02/2005",
            "03/02/2006",
            "01000001",
        ],
        [
            2,
            "Trần Thị Bình",
            "1985",
            "Nữ",
            "Thanh tra viên",
            "Chi bộ Thanh tra Sở",
            "x",
            "ngày 15 tháng 1 năm 2010",
            "15.01.2011",
            "01000002",
        ],
        [3, "Lê Văn Cường", "12-09-1990", "Nam", "Lái xe", "SCT.VP", "không", None, None, None],
    ]
    result = _upload(
        client, "roster:import_members", world.committee, _filled(template, members), "dv.xlsx"
    )
    assert client.get(result["Location"]).context["summary"]["created"] == 3
    sct = Unit.objects.get(code="SCT")
    assert sct.party_member_count() == 2  # the roster, not the declared 40
    before = {
        p.card_number or p.given_name: p
        for p in Person.objects.filter(unit__code__startswith="SCT")
    }

    members[1][5] = "SCT.VP"  # Bình was put in the wrong cell
    members[2][2] = "12/09/1991"  # Cường's birth year was mistyped
    result = _upload(
        client, "roster:import_members", world.committee, _filled(template, members), "dv2.xlsx"
    )
    summary = client.get(result["Location"]).context["summary"]
    assert (summary["created"], summary["updated"], summary["unchanged"]) == (0, 2, 1)
    after = {
        p.card_number or p.given_name: p
        for p in Person.objects.filter(unit__code__startswith="SCT")
    }
    assert {k: p.pk for k, p in after.items()} == {k: p.pk for k, p in before.items()}
    assert after["01000002"].unit.code == "SCT.VP"
    assert after["Cường"].date_of_birth == dt.date(1991, 9, 12)
    updated = AuditEvent.objects.filter(action=RosterAction.MEMBER_UPDATED)
    assert sorted(updated.values_list("target_id", flat=True)) == sorted(
        [str(before["01000002"].pk), str(before["Cường"].pk)]
    )

    # 3. A bad file: the page lists the row and nothing changes.
    members[0][2] = "31/02/1980"
    response = client.post(
        reverse("roster:import_members"),
        {
            "scope": world.committee.pk,
            "file": SimpleUploadedFile("x.xlsx", _filled(template, members)),
        },
    )
    assert response.status_code == 400
    assert response.context["errors"][0]["line"] == 3
    assert "không có thật" in response.content.decode()
    assert Person.objects.get(card_number="01000001").date_of_birth == dt.date(1980, 5, 3)
