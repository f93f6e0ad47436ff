"""Deep pages of the completeness matrix (issue 13 §5, profile XL): a page reached from its
neighbour is read from that neighbour's edge row (``sau`` / ``truoc``), a page asked by number
from the nearer end of the order; either way the rows are those OFFSET would give, the filters
hold, and the queries do not depend on the page."""

from __future__ import annotations

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from lamtheobac.reporting import matrix
from lamtheobac.reporting.matrix import MatrixFilter
from lamtheobac.reporting.models import MatrixState, ReportState, RoundTarget, UnitReport
from lamtheobac.testing import make_round
from lamtheobac.units.models import Unit, UnitKind

pytestmark = pytest.mark.django_db

N = 250


@pytest.fixture
def big(world):
    """``N`` cells under the committee, targets of one open round; every third has submitted on
    time. Positions repeat (three targets share each), so the order leans on the target id."""
    Unit.objects.load_bulk(
        [
            {"data": {"name": f"Chi bộ trang số {i:03d}", "kind": UnitKind.GRASSROOTS_CELL}}
            for i in range(N)
        ],
        parent=world.committee,
    )
    units = list(Unit.objects.filter(name__startswith="Chi bộ trang ").order_by("name"))
    round = make_round(committee=world.committee, by=world.officer, targets=units)
    targets = list(RoundTarget.objects.filter(round=round).order_by("position", "pk"))
    for i, target in enumerate(targets):
        target.position = i // 3
    RoundTarget.objects.bulk_update(targets, ["position"])
    UnitReport.objects.bulk_create(
        [
            UnitReport(round=round, unit=u, state=ReportState.SUBMITTED, is_late=False)
            for u in units[::3]
        ]
    )
    return round


def _offset_names(round, flt: MatrixFilter) -> list[str]:
    """Every row's unit name in target order, read the plain way (no paging)."""
    return [r.unit_name for r in matrix.rows(round, flt)]


def _names(html: str) -> list[str]:
    return re.findall(r'<tr data-unit="([^"]+)"', html)


def _numbers(html: str) -> list[int]:
    return [int(n) for n in re.findall(r'<td class="num">(\d+)</td>', html)]


def _link(html: str, rel: str) -> str | None:
    found = re.search(rf'<a href="(\?[^"]+)" rel="{rel}">', html)
    return found.group(1).replace("&amp;", "&") if found else None


def test_following_the_next_links_reads_every_row_once_in_order(client, world, big):
    client.force_login(world.officer)
    url = reverse("reporting:round_detail", args=[big.pk])
    seen: list[str] = []
    numbers: list[int] = []
    query: str | None = ""
    pages = 0
    while query is not None:
        html = client.get(url + query).content.decode()
        seen += _names(html)
        numbers += _numbers(html)
        pages += 1
        query = _link(html, "next")
        if query:
            assert "sau=" in query and "trang=" in query
    assert pages == 3
    assert seen == _offset_names(big, MatrixFilter())
    assert numbers == list(range(1, N + 1))


def test_the_previous_link_gives_the_page_before(client, world, big):
    client.force_login(world.officer)
    url = reverse("reporting:round_detail", args=[big.pk])
    third = client.get(url, {"trang": 3}).content.decode()
    back = _link(third, "prev")
    assert back is not None and "truoc=" in back
    second = client.get(url + back).content.decode()
    assert _names(second) == _offset_names(big, MatrixFilter())[100:200]
    assert _numbers(second)[0] == 101
    assert "Trang 2/3" in second


def test_a_page_asked_by_number_is_the_same_from_either_end(world, big):
    everything = _offset_names(big, MatrixFilter())
    for number in (1, 2, 3):
        found = matrix.page(big, MatrixFilter(), number)
        assert [r.unit_name for r in found.rows] == everything[(number - 1) * 100 : number * 100]
        assert found.rows[0].number == (number - 1) * 100 + 1


def test_deep_pages_keep_the_state_and_name_filters(client, world, big):
    flt = MatrixFilter(state=MatrixState.NOT_STARTED, text="trang so 1")
    kept = _offset_names(big, flt)
    assert 0 < len(kept) < N and all("số 1" in name for name in kept)
    first = matrix.page(big, flt, 1)
    assert [r.unit_name for r in first.rows] == kept[:100]
    assert first.matching == len(kept) and first.pages == 1

    wide = MatrixFilter(state=MatrixState.NOT_STARTED)
    kept = _offset_names(big, wide)
    assert len(kept) > 100
    client.force_login(world.officer)
    url = reverse("reporting:round_detail", args=[big.pk])
    html = client.get(url, {"trang-thai": "not_started"}).content.decode()
    following = _link(html, "next")
    assert following is not None and "trang-thai=not_started" in following
    second = client.get(url + following).content.decode()
    assert _names(second) == kept[100:200]
    assert all(state == "not_started" for state in re.findall(r'badge state-(\w+)">', second))


def test_a_malformed_or_foreign_key_falls_back_to_the_page_number(world, big):
    everything = _offset_names(big, MatrixFilter())
    for after in ("x.y", "12", "-1.5", ""):
        found = matrix.page(big, MatrixFilter(), 2, after=after)
        assert [r.unit_name for r in found.rows] == everything[100:200]
    # A key on page 1 is ignored: page 1 always starts at the first row.
    found = matrix.page(big, MatrixFilter(), 1, after=f"{10**6}.1")
    assert [r.unit_name for r in found.rows] == everything[:100]


def test_deep_pages_take_the_same_queries_as_the_first(client, world, big):
    client.force_login(world.officer)
    url = reverse("reporting:round_detail", args=[big.pk])
    html = client.get(url).content.decode()  # warms the per-round cache of đảng bộ choices
    following = _link(html, "next")
    assert following is not None
    counted = []
    for query in ("", "?trang=2", following, "?trang=3"):
        with CaptureQueriesContext(connection) as captured:
            assert client.get(url + query).status_code == 200
        counted.append(len(captured))
    assert len(set(counted)) == 1, counted


def test_the_pager_jumps_to_a_page_by_number_and_keeps_the_filter(client, world, big):
    client.force_login(world.officer)
    url = reverse("reporting:round_detail", args=[big.pk])
    html = client.get(url, {"trang-thai": "not_started", "trang": 2}).content.decode()
    form = re.search(r'<form method="get" class="inline">(.*?)</form>', html, re.S)
    assert form is not None
    assert '<input type="hidden" name="trang-thai" value="not_started">' in form.group(1)
    assert 'name="trang" min="1" max="2" value="2"' in form.group(1)
    assert "Trang cuối" not in html  # on the last page
    assert 'href="?trang-thai=not_started&amp;trang=1">« Trang đầu' in html


def test_select_all_reminds_the_pending_units_of_every_page(client, world, big):
    from lamtheobac.audit.models import AuditEvent

    pending = matrix.unit_ids(big, MatrixFilter(), matrix.PENDING)
    assert len(pending) > matrix.PER_PAGE  # more than one page of them
    client.force_login(world.officer)
    client.post(
        reverse("reporting:remind", args=[big.pk]),
        {"pham-vi": "chon", "tat-ca": "1", "trang-thai": "not_started", "confirmed": "1"},
    )
    event = AuditEvent.objects.get(action="reporting_round.reminded")
    assert event.after is not None
    assert sorted(event.after["unit_ids"]) == sorted(pending)
