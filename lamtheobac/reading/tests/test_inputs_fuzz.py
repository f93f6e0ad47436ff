"""Any zip, any OLE2-looking or legacy-looking bytes: an extraction or a ReadError, never a crash."""

from __future__ import annotations

import contextlib
import io
import zipfile

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from lamtheobac.reading import Extraction, ReadError, read_bytes
from lamtheobac.reading.legacy import tcvn3_to_unicode, vni_to_unicode
from lamtheobac.reading.legacy_detect import decode_8bit, fix_legacy_text

_NAMES = st.sampled_from(
    [
        "word/document.xml",
        "[Content_Types].xml",
        "_rels/.rels",
        "word/styles.xml",
        "word/_rels/document.xml.rels",
        "mimetype",
        "content.xml",
        "random.bin",
    ]
)
_CONTENT = st.one_of(
    st.binary(max_size=512),
    st.sampled_from(
        [
            b"<?xml version='1.0'?><w:document xmlns:w='http://schemas.openxmlformats.org/"
            b"wordprocessingml/2006/main'><w:body><w:p><w:r><w:t>S\xe8</w:t></w:r></w:p>"
            b"</w:body></w:document>",
            b"application/vnd.openxmlformats",
            b"<Types/>",
        ]
    ),
)


@st.composite
def zips(draw) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, content in draw(st.dictionaries(_NAMES, _CONTENT, max_size=6)).items():
            archive.writestr(name, content)
    data = buffer.getvalue()
    cut = draw(st.integers(min_value=0, max_value=len(data)))
    return data[:cut] if draw(st.booleans()) else data


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(zips())
def test_arbitrary_zips_give_an_extraction_or_a_read_error(data):
    try:
        result = read_bytes(data)
    except ReadError as error:
        assert error.message
    else:
        assert isinstance(result, Extraction)


@settings(max_examples=200, deadline=None)
@given(
    st.binary(max_size=2048).map(lambda b: bytes(c | 0x80 if i % 3 else c for i, c in enumerate(b)))
)
def test_high_bytes_text_never_escapes_as_another_error(data):
    with contextlib.suppress(ReadError):
        read_bytes(b"Ngay " + data)
    decode_8bit(data)


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_legacy_converters_accept_any_text_and_keep_tcvn3_lengths(text):
    assert len(tcvn3_to_unicode(text, guess_case=True)) == len(text)
    vni_to_unicode(text)
    fix_legacy_text(text)


@settings(max_examples=5, deadline=None)
@given(st.binary(max_size=300))
def test_an_ole2_file_naming_a_word_stream_is_refused_cleanly_when_damaged(rest):
    data = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + rest + "WordDocument".encode("utf-16-le")
    with contextlib.suppress(ReadError):
        read_bytes(data)
