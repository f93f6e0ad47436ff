"""Web pages saved from a website: charset from the page, scripts and menus dropped, blocks as lines."""

from __future__ import annotations

import contextlib

from hypothesis import given, settings
from hypothesis import strategies as st

from lamtheobac.reading import Extraction, ReadError, read_bytes
from lamtheobac.reading.legacy import unicode_to_tcvn3
from lamtheobac.reading.loading import bytes_to_text, sniff

from .builders import to_cp1258

PAGE = """<!DOCTYPE html>
<html lang="vi"><head><meta charset="{charset}"><title>Cổng thông tin</title>
<style>p {{ color: red }}</style><script>var x = "Số 99-KH/TW";</script></head>
<body><nav><a href="/">Trang chủ</a> | <a href="/tin">Tin tức</a></nav>
<article>
<table><tr><td>ĐẢNG BỘ TỈNH QUẢNG NAM<br>ĐẢNG ỦY KHỐI CÁC CƠ QUAN<br>*<br>Số 59-KH/ĐUK</td>
<td><b>ĐẢNG CỘNG SẢN VIỆT NAM</b><p><i>Quảng Nam, ngày 06 tháng 3 năm 2020</i></p></td></tr></table>
<h3>KẾ HOẠCH</h3>
<p>Sơ kết 04 năm thực hiện Chỉ thị số 05-CT/TW,
   ngày 15/5/2016 của Bộ Chính trị</p>
<p>Các chi bộ gửi báo cáo trước ngày 20/3/2020.</p>
<ul><li>Ban Thường vụ Đảng ủy Khối;</li><li>Lưu VP.</li></ul>
</article>
<footer>Bản quyền &copy; 2020</footer>
<script>document.write("Lưu ý")</script>
</body></html>
"""


def test_a_utf8_page_gives_its_number_date_and_deadline():
    data = PAGE.format(charset="utf-8").encode("utf-8")
    assert sniff(data) == "html"
    text, kind = bytes_to_text(data)
    assert kind == "html"
    assert "var x" not in text and "Trang chủ" not in text and "Lưu ý" not in text
    assert "Cổng thông tin" not in text
    assert text.split("\n")[:8] == [
        "ĐẢNG BỘ TỈNH QUẢNG NAM",
        "ĐẢNG ỦY KHỐI CÁC CƠ QUAN",
        "*",
        "Số 59-KH/ĐUK",
        "",
        "ĐẢNG CỘNG SẢN VIỆT NAM",
        "Quảng Nam, ngày 06 tháng 3 năm 2020",
        "",
    ]
    assert "Sơ kết 04 năm thực hiện Chỉ thị số 05-CT/TW, ngày 15/5/2016 của Bộ Chính trị" in text
    ex = read_bytes(data)
    assert ex.number.value == "59-KH/ĐUK"
    assert ex.date.value == "2020-03-06"
    assert [(d.due, d.exclusive) for d in ex.deadlines] == [("2020-03-20", True)]


def test_a_windows_1258_page_is_decoded_by_its_meta_charset():
    data = to_cp1258(PAGE.format(charset="windows-1258"))
    ex = read_bytes(data)
    assert ex.number.value == "59-KH/ĐUK"
    assert ex.date.value == "2020-03-06"
    assert "Quảng Nam, ngày 06 tháng 3 năm 2020" in ex.text


def test_an_http_equiv_charset_and_a_utf16_page_are_read():
    page = PAGE.replace('<meta charset="{charset}">', "").replace(
        "<head>", '<head><meta http-equiv="Content-Type" content="text/html; charset=utf-8">'
    )
    assert read_bytes(page.encode("utf-8")).number.value == "59-KH/ĐUK"
    utf16 = b"\xff\xfe" + PAGE.format(charset="utf-16").encode("utf-16-le")
    assert read_bytes(utf16).date.value == "2020-03-06"


def test_an_old_page_in_tcvn3_is_converted():
    page = PAGE.format(charset="windows-1252")
    data = unicode_to_tcvn3(page)
    ex = read_bytes(data)
    assert ex.number.value == "59-KH/ĐUK"
    assert ex.date.value == "2020-03-06"


def test_a_page_with_only_scripts_is_refused():
    try:
        read_bytes(b"<html><head><script>alert(1)</script></head><body></body></html>")
    except ReadError as error:
        assert error.message
    else:
        raise AssertionError("a page without text was read")


_TAGS = st.sampled_from(
    [
        "<html>",
        "<body>",
        "</body>",
        "<p>",
        "</p>",
        "<script>",
        "</script>",
        "<style>",
        "<nav>",
        "</nav>",
        "<td>",
        "</td>",
        "<br>",
        "<!--",
        "-->",
        "<![CDATA[",
        "<!doctype html>",
        "<meta charset='windows-1258'>",
        '<meta charset="x-unknown">',
        "<pre>",
        "</pre>",
        "&amp;",
        "&#x110;",
        "&#99999999;",
        "<a href='",
        "<",
        ">",
        "Số 59-KH/ĐUK",
        "ngày 06/3/2020",
    ]
)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.one_of(_TAGS, st.text(max_size=20)), max_size=60),
    st.sampled_from(["utf-8", "cp1258", "utf-16"]),
)
def test_arbitrary_html_gives_an_extraction_or_a_read_error(pieces, encoding):
    data = ("<html>" + "".join(pieces)).encode(encoding, errors="replace")
    with contextlib.suppress(ReadError):
        assert isinstance(read_bytes(data), Extraction)
