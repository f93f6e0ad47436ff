"""Error pages are Vietnamese, in the site layout, say why and offer a way back (issue 14 §4).

DEBUG is off in tests (pytest-django), so Django calls the project's handlers."""

from __future__ import annotations

import pytest
from django.test import Client

from lamtheobac.testing import World

pytestmark = pytest.mark.django_db


def _ways_back(page: str) -> None:
    assert 'id="error-ways-back"' in page
    assert 'href="/">Về trang chính</a>' in page


def test_a_403_says_the_reason_in_vietnamese_with_the_navigation_and_a_way_back(
    client: Client, world: World
) -> None:
    client.force_login(world.member)
    response = client.get("/van-ban/", HTTP_REFERER="http://testserver/lich/")
    assert response.status_code == 403
    page = response.content.decode()
    assert "Bạn không có quyền thực hiện việc này" in page
    assert "Lý do" in page and "Bạn không có quyền xem văn bản." in page
    assert (
        '<nav aria-label="Danh mục chính">' in page
    )  # the site layout, signed in: the menu is there
    _ways_back(page)
    assert 'href="http://testserver/lich/">Quay lại trang trước</a>' in page
    assert "Forbidden" not in page


def test_a_404_outside_the_users_scope_is_a_vietnamese_page_with_a_way_back(
    client: Client, world: World
) -> None:
    client.force_login(world.sibling_officer)
    response = client.get("/van-ban/999999/")
    assert response.status_code == 404
    page = response.content.decode()
    assert "Không tìm thấy trang" in page and "Not Found" not in page
    assert '<nav aria-label="Danh mục chính">' in page
    _ways_back(page)
    assert "Quay lại trang trước" not in page  # no referer: no back link pointing nowhere


def test_a_404_of_an_unknown_address_shows_no_technical_reason(
    client: Client, world: World
) -> None:
    client.force_login(world.officer)
    page = client.get("/khong-co-trang-nay/").content.decode()
    assert "Không tìm thấy trang" in page
    assert "Lý do" not in page and "Resolver404" not in page and "path" not in page


def test_a_back_link_to_another_site_is_not_offered(client: Client, world: World) -> None:
    client.force_login(world.member)
    page = client.get("/van-ban/", HTTP_REFERER="https://evil.example/").content.decode()
    assert "evil.example" not in page


def test_a_500_is_a_vietnamese_page_with_a_way_home(world: World, settings) -> None:
    settings.ROOT_URLCONF = "lamtheobac.core.tests.error_urls"
    client = Client(raise_request_exception=False)
    client.force_login(world.officer)
    response = client.get("/thu-loi/")
    assert response.status_code == 500
    page = response.content.decode()
    assert "Hệ thống gặp lỗi" in page and "không được lưu" in page
    assert "a bug in our code" not in page and "Server Error" not in page
    _ways_back(page)


def test_a_400_is_a_vietnamese_page(client: Client, world: World) -> None:
    client.force_login(world.officer)
    response = client.post("/van-ban/nhap/", CONTENT_LENGTH="khong-phai-so")
    assert response.status_code == 400
    page = response.content.decode()
    assert "Yêu cầu không hợp lệ" in page
    _ways_back(page)


def test_an_upload_over_the_cap_is_a_vietnamese_413_in_the_layout(
    client: Client, world: World
) -> None:
    client.force_login(world.officer)
    response = client.post("/van-ban/nhap/", CONTENT_LENGTH=str(300 * 1024 * 1024))
    assert response.status_code == 413
    page = response.content.decode()
    assert "Tệp gửi lên quá lớn" in page and "Yêu cầu quá lớn: tối đa" in page
    assert 'class="top"' in page  # the site's header
    _ways_back(page)
