"""The completeness matrix page: filters by đảng bộ, name and state, pages of 100 rows, counts
on top, select-all for the bulk actions, an export that honours the filter (issue 13 §5,
issue 14 §7)."""

from __future__ import annotations

import io

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pytest_django.asserts import assertInHTML

from lamtheobac.audit.models import AuditEvent
from lamtheobac.reporting import matrix
from lamtheobac.reporting.actions import reports
from lamtheobac.reporting.matrix import MatrixFilter
from lamtheobac.reporting.models import ReportState, UnitReport
from lamtheobac.testing import make_round
from lamtheobac.units.models import Unit, UnitKind

pytestmark = pytest.mark.django_db


def _submit(round, unit, by):
    first = round.outline.sections.order_by("position").first()
    reports.save_report_draft(
        round, unit=unit, answers={first.pk: "Nội dung."}, values={}, version=None, by=by
    )
    return reports.submit_unit_report(round, unit=unit, version=None, by=by)


@pytest.fixture
def round(world):
    """Four targets: Đảng bộ Sở Tài chính and its two cells, and Chi bộ Sở Tư pháp beside it.
    The đảng bộ and its Ngân sách cell submitted; Sở Tư pháp has a draft."""
    round = make_round(
        committee=world.committee,
        by=world.officer,
        targets=[world.grassroots, world.cell, world.other_cell, world.sibling],
    )
    _submit(round, world.grassroots, world.secretary)
    _submit(round, world.cell, world.cell_secretary)
    first = round.outline.sections.order_by("position").first()
    reports.save_report_draft(
        round,
        unit=world.sibling,
        answers={first.pk: "Nháp."},
        values={},
        version=None,
        by=world.sibling_officer,
    )
    return round


def _page(client, world, round, **params):
    client.force_login(world.officer)
    response = client.get(reverse("reporting:round_detail", args=[round.pk]), params)
    assert response.status_code == 200
    return response.content.decode()


def _units(html: str) -> list[str]:
    import re

    return re.findall(r'<tr data-unit="([^"]+)"', html)


def test_the_matrix_filters_by_dang_bo_and_names_each_units_parent(client, world, round):
    html = _page(client, world, round, **{"dang-bo": world.grassroots.pk})
    assert _units(html) == [
        "Đảng bộ Sở Tài chính",
        "Chi bộ Phòng Ngân sách",
        "Chi bộ Phòng Tin học",
    ]
    assertInHTML(
        '<td>Chi bộ Phòng Tin học <small class="muted">(thuộc Đảng bộ Sở Tài chính)</small></td>',
        html,
    )
    assertInHTML(  # counts cover what the filter keeps
        f'<a href="?dang-bo={world.grassroots.pk}" class="badge active" aria-current="true">'
        "Tất cả: 3</a>",
        html,
    )
    assertInHTML(
        f'<option value="{world.grassroots.pk}" selected>Đảng bộ Sở Tài chính</option>', html
    )


def test_the_name_search_ignores_diacritics_and_case(client, world, round):
    assert _units(_page(client, world, round, tim="phong NGAN sach")) == ["Chi bộ Phòng Ngân sách"]
    assert _units(_page(client, world, round, tim="sở tư pháp")) == ["Chi bộ Sở Tư pháp"]
    assert _units(_page(client, world, round, tim="khong co")) == []


def test_the_active_state_filter_is_marked_and_keeps_the_other_filters(client, world, round):
    html = _page(client, world, round, **{"trang-thai": "on_time", "tim": "tai chinh"})
    assert _units(html) == ["Đảng bộ Sở Tài chính"]
    assertInHTML(
        '<a href="?trang-thai=on_time&amp;tim=tai+chinh" class="badge state-on_time active" '
        'data-state="on_time" aria-current="true">Đã nộp đúng hạn: 1 (100%)</a>',
        html,
    )
    assertInHTML('<a href="?tim=tai+chinh" class="badge">Tất cả: 1</a>', html)


def test_the_matrix_shows_100_rows_a_page_and_its_queries_do_not_grow(client, world):
    def build(n: int, tag: str):
        Unit.objects.load_bulk(
            [
                {"data": {"name": f"Chi bộ {tag} số {i:03d}", "kind": UnitKind.GRASSROOTS_CELL}}
                for i in range(n)
            ],
            parent=world.committee,
        )
        units = list(Unit.objects.filter(name__startswith=f"Chi bộ {tag} ").order_by("name"))
        return make_round(committee=world.committee, by=world.officer, targets=units)

    small, large = build(3, "nhỏ"), build(230, "lớn")
    client.force_login(world.officer)
    counted = []
    for r in (small, large):
        url = reverse("reporting:round_detail", args=[r.pk])
        client.get(url)  # warm the per-round cache of đảng bộ choices
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url, {"trang": 2}).status_code == 200
        counted.append(len(captured))
    assert counted[0] == counted[1]
    html = client.get(reverse("reporting:round_detail", args=[large.pk]), {"trang": 2})
    names = _units(html.content.decode())
    assert len(names) == 100 and names[0] == "Chi bộ lớn số 100"
    assert "Trang 2/3" in html.content.decode()
    last = client.get(reverse("reporting:round_detail", args=[large.pk]), {"trang": 99})
    assert _units(last.content.decode())[-1] == "Chi bộ lớn số 229"  # the nearest page


def test_select_all_accepts_every_submitted_report_the_filter_keeps(client, world, round):
    _submit(round, world.sibling, world.sibling_officer)  # submitted, but outside the filter
    client.force_login(world.officer)
    url = reverse("reporting:accept_bulk", args=[round.pk])
    data = {"tat-ca": "1", "dang-bo": str(world.grassroots.pk)}
    asked = client.post(url, data).content.decode()
    assert "Tiếp nhận 2 báo cáo đã nộp theo bộ lọc?" in asked
    response = client.post(url, {**data, "confirmed": "1"})
    assert response.status_code == 302
    assert response["Location"].endswith(f"?dang-bo={world.grassroots.pk}")
    states = dict(UnitReport.objects.filter(round=round).values_list("unit__name", "state"))
    assert states == {
        "Đảng bộ Sở Tài chính": ReportState.ACCEPTED,
        "Chi bộ Phòng Ngân sách": ReportState.ACCEPTED,
        "Chi bộ Sở Tư pháp": ReportState.SUBMITTED,
    }


def test_select_all_with_nothing_submitted_in_the_filter_changes_nothing(client, world, round):
    client.force_login(world.officer)
    response = client.post(
        reverse("reporting:accept_bulk", args=[round.pk]),
        {"tat-ca": "1", "tim": "tin hoc", "confirmed": "1"},
        follow=True,
    )
    assert "Không có báo cáo đã nộp nào theo bộ lọc để tiếp nhận." in response.content.decode()
    assert not UnitReport.objects.filter(state=ReportState.ACCEPTED).exists()


def test_reminding_the_selected_units_reminds_only_them(client, world, round):
    client.force_login(world.officer)
    url = reverse("reporting:remind", args=[round.pk])
    data = {"pham-vi": "chon", "don-vi": [str(world.other_cell.pk)]}
    assert "Gửi nhắc nhở tới 1 đơn vị" in client.post(url, data).content.decode()
    client.post(url, {**data, "confirmed": "1"})
    event = AuditEvent.objects.get(action="reporting_round.reminded")
    assert event.after is not None and event.after["unit_ids"] == [world.other_cell.pk]


def test_select_all_reminds_every_pending_unit_the_filter_keeps(client, world, round):
    client.force_login(world.officer)
    client.post(
        reverse("reporting:remind", args=[round.pk]),
        {"pham-vi": "chon", "tat-ca": "1", "tim": "chi bo", "confirmed": "1"},
    )
    event = AuditEvent.objects.get(action="reporting_round.reminded")
    assert event.after is not None
    # Chi bộ Phòng Tin học (not started) and Chi bộ Sở Tư pháp (draft); Ngân sách submitted.
    assert sorted(event.after["unit_ids"]) == sorted([world.other_cell.pk, world.sibling.pk])


def test_reminding_with_nothing_selected_sends_nothing(client, world, round):
    client.force_login(world.officer)
    response = client.post(
        reverse("reporting:remind", args=[round.pk]),
        {"pham-vi": "chon", "confirmed": "1"},
        follow=True,
    )
    assert "Chưa chọn đơn vị nào để nhắc." in response.content.decode()
    assert not AuditEvent.objects.filter(action="reporting_round.reminded").exists()


def test_the_export_honours_the_filter(client, world, round):
    client.force_login(world.officer)
    page = _page(client, world, round, **{"dang-bo": world.grassroots.pk, "trang-thai": "on_time"})
    link = reverse("reporting:matrix_xlsx", args=[round.pk])
    assert f'href="{link}?trang-thai=on_time&amp;dang-bo={world.grassroots.pk}"' in page
    response = client.get(link, {"dang-bo": world.grassroots.pk, "trang-thai": "on_time"})
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    names = [r[1] for r in sheet.iter_rows(min_row=5, values_only=True) if isinstance(r[0], int)]
    assert names == ["Đảng bộ Sở Tài chính", "Chi bộ Phòng Ngân sách"]


def test_the_counts_are_one_aggregate_query_and_match_the_states(world, round):
    with CaptureQueriesContext(connection) as captured:
        counts = matrix.counts(round)
    assert len(captured) == 1
    assert dict(counts) == {
        "not_started": 1,
        "draft": 1,
        "on_time": 2,
        "late": 0,
        "returned": 0,
        "accepted": 0,
    }


def test_the_parent_choices_are_the_dang_bo_above_targets(world, round):
    assert matrix.parent_choices(round) == [(world.grassroots.pk, "Đảng bộ Sở Tài chính")]


def test_a_malformed_filter_is_ignored():
    flt = MatrixFilter.from_query({"trang-thai": "x", "dang-bo": "1; drop", "tim": "  a   b "})
    assert flt == MatrixFilter(state=None, parent=None, text="a b")


def test_a_stranger_cannot_see_or_export_the_matrix(client, world, round):
    client.force_login(world.sibling_officer)
    page = client.get(reverse("reporting:round_detail", args=[round.pk]), {"tim": "tai"})
    export = client.get(reverse("reporting:matrix_xlsx", args=[round.pk]), {"tim": "tai"})
    assert page.status_code in (403, 404) and export.status_code in (403, 404)


def test_the_matrix_page_is_sent_compressed_to_browsers_that_accept_it(client, world, round):
    import gzip

    client.force_login(world.officer)
    url = reverse("reporting:round_detail", args=[round.pk])
    response = client.get(url, headers={"accept-encoding": "gzip, deflate"})
    assert response["Content-Encoding"] == "gzip"
    assert 'id="matrix"' in gzip.decompress(response.content).decode()
    assert "Content-Encoding" not in client.get(url)  # not asked for, not compressed


def test_the_toolbar_question_leaves_out_units_just_reminded_without_a_query_of_its_own(
    client, world, round
):
    from lamtheobac.reporting.actions import rounds

    url = reverse("reporting:round_detail", args=[round.pk])
    client.force_login(world.officer)
    client.get(url)  # warm the per-round cache of đảng bộ choices
    with CaptureQueriesContext(connection) as captured:
        html = client.get(url).content.decode()
    assert 'data-confirm="Gửi nhắc nhở tới 2 đơn vị chưa nộp báo cáo' in html
    # the reminder window is read in the counts' query, not alone
    assert not [q for q in captured if q["sql"].startswith('SELECT "audit_auditevent"')]
    assert rounds.send_reminders(round, by=world.officer, units=[world.sibling.pk]) == 1
    html = client.get(url).content.decode()
    assert 'data-confirm="Gửi nhắc nhở tới 1 đơn vị chưa nộp báo cáo' in html
    rounds.send_reminders(round, by=world.officer)
    assert "Không còn đơn vị nào cần nhắc" in client.get(url).content.decode()
