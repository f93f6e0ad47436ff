"""Real office files for the upload and import tests, made once per test session: a .docx and
an .xlsx written by python-docx / openpyxl, and their .doc/.odt/.rtf/.xls/.ods copies saved by
LibreOffice (as an office would save them)."""

from __future__ import annotations

import io
import subprocess
import tempfile
from functools import cache
from pathlib import Path

import docx
import openpyxl

from lamtheobac.reading.office import soffice_path

PLAN_LINES = (
    "ĐẢNG ỦY KHỐI CÁC CƠ QUAN TỈNH",
    "Số 59-KH/ĐUK",
    "KẾ HOẠCH sơ kết 04 năm thực hiện Chỉ thị 05-CT/TW",
    "Các chi bộ gửi báo cáo về Ban Tuyên giáo chậm nhất ngày 30/4/2020.",
)


def docx_bytes(lines: tuple[str, ...] = PLAN_LINES) -> bytes:
    document = docx.Document()
    for line in lines:
        document.add_paragraph(line)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def xlsx_bytes() -> bytes:
    book = openpyxl.Workbook()
    book.active["A1"] = "Số đảng viên"
    book.active["B1"] = 12
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@cache
def converted(source: str, target: str) -> bytes:
    """``converted("docx", "doc")``: the LibreOffice copy of the sample file (cached)."""
    program = soffice_path()
    assert program is not None, "LibreOffice (soffice) is needed: scripts/system-packages.sh"
    data = docx_bytes() if source == "docx" else xlsx_bytes()
    filters = {
        "doc": "doc:MS Word 97",
        "xls": "xls:MS Excel 97",
        "odt": "odt",
        "ods": "ods",
        "rtf": "rtf",
        "html": "html",
    }
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / f"in.{source}").write_bytes(data)
        subprocess.run(
            [
                program,
                f"-env:UserInstallation={(folder / 'profile').as_uri()}",
                "--headless",
                "--convert-to",
                filters[target],
                "--outdir",
                str(folder),
                str(folder / f"in.{source}"),
            ],
            check=True,
            capture_output=True,
            timeout=120,
        )
        return (folder / f"in.{target}").read_bytes()
