""".doc and .odt through LibreOffice, other OLE2 files, and what happens without LibreOffice."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from lamtheobac.reading import ReadError, read_bytes, read_text
from lamtheobac.reading.loading import OFFICE_ENCRYPTED, OLE_NOT_WORD, bytes_to_text, sniff
from lamtheobac.reading.office import NEED_LIBREOFFICE

from .conftest import seed_path
from .test_loading import _key_fields, _seed_003_docx

SEED_003 = seed_path("003").read_text(encoding="utf-8")
OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _require_soffice() -> str:
    program = shutil.which("soffice")
    if program is None:
        if os.environ.get("CI"):
            pytest.fail("LibreOffice (soffice) must be installed in CI")
        pytest.skip("LibreOffice (soffice) is not installed")
    return program


@pytest.fixture(scope="module")
def converted(tmp_path_factory) -> dict[str, bytes]:
    """Seed 003 as a .docx, then as .odt and .doc made from it by LibreOffice."""
    program = _require_soffice()
    folder = tmp_path_factory.mktemp("office")
    source = folder / "seed003.docx"
    source.write_bytes(_seed_003_docx())
    out: dict[str, bytes] = {}
    for target in ("odt", "doc"):
        subprocess.run(
            [
                program,
                f"-env:UserInstallation={(folder / 'profile').as_uri()}",
                "--headless",
                "--convert-to",
                target,
                "--outdir",
                str(folder),
                str(source),
            ],
            check=True,
            capture_output=True,
            timeout=120,
        )
        out[target] = (folder / f"seed003.{target}").read_bytes()
    return out


def test_an_odt_is_told_by_its_mimetype_and_read_through_libreoffice(converted):
    data = converted["odt"]
    assert sniff(data) == "zip"
    _text, kind = bytes_to_text(data)
    assert kind == "odt"
    ex = read_bytes(data, filename="không-đuôi")
    assert ex.number.value == "59-KH/ĐUK"
    assert ex.date.value == "2020-03-06"
    assert _key_fields(ex) == _key_fields(read_text(SEED_003))


def test_a_doc_is_told_by_its_ole2_signature_and_read_through_libreoffice(converted):
    data = converted["doc"]
    assert data.startswith(OLE)
    _text, kind = bytes_to_text(data)
    assert kind == "doc"
    ex = read_bytes(data)
    assert ex.number.value == "59-KH/ĐUK"
    assert ex.date.value == "2020-03-06"
    assert _key_fields(ex) == _key_fields(read_text(SEED_003))


def test_without_libreoffice_a_doc_gets_a_message_naming_what_to_install(converted, monkeypatch):
    monkeypatch.setenv("PATH", "/nonexistent")
    for data in (converted["doc"], converted["odt"]):
        with pytest.raises(ReadError) as error:
            read_bytes(data)
        assert error.value.message == NEED_LIBREOFFICE
        assert "apt-get install libreoffice-writer-nogui" in error.value.message


def test_an_ole2_file_that_is_not_word_is_refused_without_libreoffice():
    with pytest.raises(ReadError) as error:
        read_bytes(OLE + b"\x00" * 600 + "Workbook".encode("utf-16-le"))
    assert error.value.message == OLE_NOT_WORD


def test_a_password_protected_word_file_is_refused():
    with pytest.raises(ReadError) as error:
        read_bytes(OLE + b"\x00" * 600 + "EncryptedPackage".encode("utf-16-le"))
    assert error.value.message == OFFICE_ENCRYPTED


def test_a_damaged_doc_is_a_read_error_not_a_crash(converted):
    _require_soffice()
    data = converted["doc"]
    with pytest.raises(ReadError):
        read_bytes(data[: len(data) // 3] + b"\x00" * 100)


def test_an_rtf_file_is_read_through_libreoffice(tmp_path: Path):
    _require_soffice()
    rtf = r"{\rtf1\ansi\ansicpg1258 S\u7889? 59-KH/\u272?UK\par Qu\u7843?ng Nam, ng\'e0y 06 th\'e1ng 3 n\u259?m 2020\par}"
    ex = read_bytes(rtf.encode("ascii"))
    assert "59-KH/ĐUK" in ex.text
    assert ex.date.value == "2020-03-06"
