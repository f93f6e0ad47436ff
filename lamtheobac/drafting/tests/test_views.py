"""The drafting step: choose the issuing body and signer, download, regenerate (issue 12 §1)."""

from __future__ import annotations

import io

import docx
import pytest
from django.urls import reverse

from lamtheobac.drafting.models import DocumentDraft, SignerChoice
from lamtheobac.drafting.tests.builders import commendation_round, reporting_round
from lamtheobac.drafting.tests.client import form_data

pytestmark = pytest.mark.django_db


def texts(data: bytes) -> list[str]:
    document = docx.Document(io.BytesIO(data))
    out = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                out.extend(p.text for p in cell.paragraphs)
    return out


def test_a_deputy_head_of_the_board_signs_a_tờ_trình_k_t_under_the_board_header(client, world):
    round = commendation_round(world)
    client.force_login(world.officer)
    url = reverse("drafting:draft", args=["petition", round.pk])
    data = form_data(
        client, url, authority="K/T", behalf="Trưởng ban", title="Phó Trưởng ban",
        name="Nguyễn Thị Hoa", serial="7", signing_date="2026-03-02",
    )  # fmt: skip
    response = client.post(url, data)
    assert response.status_code == 302
    download = client.get(response["Location"])
    lines = texts(download.content)
    assert "ĐẢNG ỦY KHỐI CÁC CƠ QUAN" in lines and "BAN TUYÊN GIÁO" in lines
    assert "Số 07-TTr/BTGĐUK" in lines
    assert "Quảng Nam, ngày 02 tháng 3 năm 2026" in lines
    assert [t for t in lines if t in ("K/T TRƯỞNG BAN", "PHÓ TRƯỞNG BAN", "Nguyễn Thị Hoa")] == [
        "K/T TRƯỞNG BAN",
        "PHÓ TRƯỞNG BAN",
        "Nguyễn Thị Hoa",
    ]
    assert "Kính gửi: Ban Thường vụ Đảng ủy Khối các cơ quan tỉnh" in lines  # 2018 rules
    assert any(t.startswith("- Lưu Ban Tuyên giáo") for t in lines)


def test_the_signer_is_remembered_for_the_unit_and_kind_and_the_draft_regenerates(client, world):
    round = commendation_round(world)
    client.force_login(world.officer)
    url = reverse("drafting:draft", args=["decision", round.pk])
    data = form_data(client, url, name="Phạm Văn Sáu", signing_date="2026-06-10")
    first = client.post(url, data)
    assert SignerChoice.objects.get(unit=world.committee, kind="decision").name == "Phạm Văn Sáu"
    again = client.get(url)
    assert again.context["form"]["name"].value() == "Phạm Văn Sáu"
    draft = DocumentDraft.objects.get()
    assert draft.rule_version == "" and draft.signing_date.isoformat() == "2026-06-10"
    one, two = client.get(first["Location"]), client.get(first["Location"])
    assert texts(one.content) == texts(two.content)
    assert "Quảng Nam, ngày 10 tháng 6 năm 2026" in texts(one.content)


def test_a_committee_cannot_be_signed_k_t_and_nothing_is_saved(client, world):
    round = commendation_round(world)
    client.force_login(world.officer)
    url = reverse("drafting:draft", args=["decision", round.pk])
    data = form_data(client, url, authority="K/T", behalf="BÍ THƯ", name="Phạm Sáu")
    response = client.post(url, data)
    assert response.status_code == 200
    assert "không ký K/T" in response.content.decode()
    assert not DocumentDraft.objects.exists()


def test_an_empty_signer_name_is_refused_with_a_vietnamese_message(client, world):
    round = commendation_round(world)
    client.force_login(world.officer)
    url = reverse("drafting:draft", args=["decision", round.pk])
    response = client.post(url, form_data(client, url, name=""))
    assert "Nhập họ và tên người ký." in response.content.decode()
    assert not DocumentDraft.objects.exists()


def test_the_edited_consolidated_report_text_is_kept_and_downloaded(client, world):
    round = reporting_round(world)
    client.force_login(world.officer)
    url = reverse("drafting:draft", args=["consolidated", round.pk])
    data = form_data(client, url, name="Phạm Sáu")
    assert "3/6 đơn vị (50,0%) đã gửi báo cáo" in data["body_text"]
    data["body_text"] = data["body_text"].replace(
        "tổng hợp kết quả như sau:", "tổng hợp kết quả như sau (đã biên tập):"
    )
    response = client.post(url, data)
    assert "tổng hợp kết quả như sau (đã biên tập):" in "\n".join(
        texts(client.get(response["Location"]).content)
    )
    assert "(đã biên tập)" in client.get(url).context["form"]["body_text"].value()


def test_changing_the_issuing_body_refills_its_header_and_symbol_without_downloading(client, world):
    round = commendation_round(world)
    client.force_login(world.officer)
    url = reverse("drafting:draft", args=["petition", round.pk])
    data = form_data(client, url, issuing_unit=str(world.committee.pk), name="Phạm Sáu")
    response = client.post(url, data)
    assert response.status_code == 200
    form = response.context["form"]
    assert form["symbol"].value() == "ĐUK" and form["authority"].value() == "T/M"
    assert not DocumentDraft.objects.exists()


def test_a_committee_without_an_issuer_code_gets_a_derived_symbol_not_a_server_error(client, world):
    world.committee.issuer_code = ""
    world.committee.save()
    round = reporting_round(world)
    client.force_login(world.officer)
    for kind in ("consolidated", "reminder"):
        url = reverse("drafting:draft", args=[kind, round.pk])
        response = client.post(url, form_data(client, url, name="Phạm Sáu"))
        assert response.status_code == 302, kind
        lines = texts(client.get(response["Location"]).content)
        assert any(t.startswith("Số ") and t.endswith("/ĐUKCCQ") for t in lines), kind
    old = client.get(reverse("reporting:consolidated_docx", args=[round.pk]))
    assert old.status_code == 303
    assert old["Location"] == reverse("drafting:draft", args=["consolidated", round.pk])


@pytest.mark.parametrize("who", ["stranger", "sibling_officer", "member", "secretary"])
def test_people_without_the_right_on_the_committee_cannot_draft_or_download(client, world, who):
    round = commendation_round(world)
    client.force_login(world.officer)
    url = reverse("drafting:draft", args=["decision", round.pk])
    saved = client.post(url, form_data(client, url, name="Phạm Sáu"))
    client.force_login(getattr(world, who))
    assert client.get(url).status_code in (403, 404)
    assert client.post(url, {"name": "X"}).status_code in (403, 404)
    assert client.get(saved["Location"]).status_code in (403, 404)
    assert DocumentDraft.objects.count() == 1


def test_the_leader_may_draft_the_report_but_not_the_reminder(client, world):
    round = reporting_round(world)
    client.force_login(world.leader)
    assert client.get(reverse("drafting:draft", args=["consolidated", round.pk])).status_code == 200
    assert client.get(reverse("drafting:draft", args=["reminder", round.pk])).status_code == 403


def test_an_unknown_kind_is_not_found(client, world):
    client.force_login(world.officer)
    assert client.get(reverse("drafting:draft", args=["bien-ban", 1])).status_code == 404


def test_the_nominee_list_is_drafted_with_its_grouping_and_signing_date(client, world):
    import openpyxl

    round = commendation_round(world)
    client.force_login(world.officer)
    url = reverse("drafting:draft", args=["nominees", round.pk])
    form = client.get(url).context["form"]
    assert "name" not in form.fields and "group_by_unit" in form.fields
    data = form_data(client, url, group_by_unit="on", signing_date="2026-05-04")
    response = client.post(url, data)
    sheet = openpyxl.load_workbook(io.BytesIO(client.get(response["Location"]).content)).active
    assert sheet["A2"].value.endswith("lập ngày 04/5/2026")
    assert sheet["A5"].value == "Đảng bộ Sở Tài chính"
    assert not SignerChoice.objects.exists()


def test_a_decision_takes_its_number_from_the_register_and_a_typed_number_takes_none(client, world):
    from lamtheobac.registers.models import RegisterEntry

    round = commendation_round(world)
    client.force_login(world.officer)
    url = reverse("drafting:draft", args=["decision", round.pk])
    numbers = []
    for _ in range(2):
        data = form_data(
            client, url, name="Phạm Văn Sáu", signing_date="2026-06-10", serial="",
            take_number="on",
        )  # fmt: skip
        saved = client.post(url, data)
        assert saved.status_code == 302
        numbers += [t for t in texts(client.get(saved["Location"]).content) if t.startswith("Số ")]
    code = world.committee.issuer_code
    assert numbers == [f"Số 01-QĐ/{code}", f"Số 02-QĐ/{code}"]
    entries = RegisterEntry.objects.order_by("serial")
    assert [(e.kind, e.serial, e.issued_on.isoformat()) for e in entries] == [
        ("QĐ", 1, "2026-06-10"),
        ("QĐ", 2, "2026-06-10"),
    ]
    typed = form_data(client, url, name="Phạm Văn Sáu", serial="9", take_number="on")
    assert client.post(url, typed).status_code == 302
    assert RegisterEntry.objects.count() == 2
    last = DocumentDraft.objects.order_by("-pk").first()
    assert last is not None and last.serial == "9"
