"""The register's numbers: per kind, from 1 each year, never reused or skipped — also when
several people issue at the same instant (real threads on the real database)."""

from __future__ import annotations

import datetime as dt
import io
from functools import partial

import pytest
from openpyxl import load_workbook

from lamtheobac.audit.models import AuditEvent
from lamtheobac.core.errors import AccessDenied, DomainError
from lamtheobac.registers.actions.registers import register_document, set_last_number
from lamtheobac.registers.models import RegisterEntry
from lamtheobac.registers.outputs import register_workbook
from lamtheobac.testing import race, sqlite_on_disk

DAY = dt.date(2026, 3, 5)


@pytest.mark.django_db
def test_numbers_run_per_kind_and_the_printed_number_has_the_issuer_code(world):
    first = register_document(
        unit=world.committee, kind="BC", title="Báo cáo sơ kết", by=world.officer, on=DAY
    )
    letter = register_document(
        unit=world.committee, kind="CV", title="Đôn đốc báo cáo", by=world.officer, on=DAY
    )
    second = register_document(
        unit=world.committee, kind="BC", title="Báo cáo tổng kết", by=world.officer, on=DAY
    )
    assert [first.number, letter.number, second.number] == ["1-BC/ĐUK", "1-CV/ĐUK", "2-BC/ĐUK"]
    assert AuditEvent.objects.filter(action="register.document_registered").count() == 3


@pytest.mark.django_db
def test_a_register_started_by_hand_continues_after_the_last_number_given(world):
    set_last_number(unit=world.committee, year=2026, kind="BC", last=59, by=world.officer)
    entry = register_document(
        unit=world.committee, kind="BC", title="Báo cáo", by=world.officer, on=DAY
    )
    assert entry.number == "60-BC/ĐUK"
    with pytest.raises(DomainError):
        set_last_number(unit=world.committee, year=2026, kind="BC", last=10, by=world.officer)


@pytest.mark.django_db
def test_a_new_year_starts_from_one_and_strangers_cannot_take_numbers(world):
    register_document(unit=world.committee, kind="BC", title="Báo cáo", by=world.officer, on=DAY)
    later = register_document(
        unit=world.committee, kind="BC", title="Báo cáo", by=world.officer, on=dt.date(2027, 1, 2)
    )
    assert later.number == "1-BC/ĐUK"
    with pytest.raises(AccessDenied):
        register_document(
            unit=world.committee, kind="BC", title="x", by=world.sibling_officer, on=DAY
        )
    with pytest.raises(DomainError):
        register_document(
            unit=world.committee, kind="=SUM(A1)", title="x", by=world.officer, on=DAY
        )


@pytest.mark.django_db
def test_the_xlsx_keeps_formula_like_titles_as_text(world):
    entry = register_document(
        unit=world.committee,
        kind="BC",
        title='=HYPERLINK("http://x")',
        by=world.officer,
        on=DAY,
        recipients="+ Các chi bộ",
    )
    data = register_workbook(entry.register, [entry])
    ws = load_workbook(io.BytesIO(data)).active
    assert ws["D4"].value == '=HYPERLINK("http://x")' and ws["D4"].data_type == "s"
    assert ws["E4"].data_type == "s" and ws["B4"].value == "1-BC/ĐUK"


@pytest.mark.django_db
def test_the_register_page_lists_numbers_and_refuses_a_sibling_unit(world, client):
    entry = register_document(
        unit=world.committee, kind="BC", title="Báo cáo sơ kết", by=world.officer, on=DAY
    )
    client.force_login(world.officer)
    page = client.get(f"/so-van-ban/{entry.register_id}/")
    assert page.status_code == 200 and "1-BC/ĐUK" in page.content.decode()
    assert client.get(f"/so-van-ban/{entry.register_id}/xlsx/").status_code == 200
    client.force_login(world.sibling_officer)
    assert client.get(f"/so-van-ban/{entry.register_id}/").status_code == 404
    client.force_login(world.stranger)
    assert client.get(f"/so-van-ban/{entry.register_id}/").status_code == 404
    assert client.get("/so-van-ban/").status_code == 403
    assert client.get("/so-van-ban/dang-ky/").status_code == 403


@pytest.fixture(scope="module")
def _on_disk(django_db_setup, django_db_blocker, tmp_path_factory):
    with django_db_blocker.unblock(), sqlite_on_disk(tmp_path_factory.mktemp("race")):
        yield


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("_on_disk")
def test_issuers_racing_get_consecutive_numbers_none_reused_or_skipped(world):
    issuers = 6
    for attempt in range(3):
        on = dt.date(2030 + attempt, 5, 1)  # a fresh register each time: its creation races too
        outcomes = race(
            *[
                partial(
                    register_document,
                    unit=world.committee,
                    kind="BC",
                    title=f"Báo cáo {i}",
                    by=None,
                    on=on,
                )
                for i in range(issuers)
            ]
        )
        assert not [o for o in outcomes if isinstance(o, BaseException)], outcomes
        serials = sorted(
            RegisterEntry.objects.filter(register__year=on.year).values_list("serial", flat=True)
        )
        assert serials == list(range(1, issuers + 1))
