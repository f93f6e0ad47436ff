import os
import shutil
import subprocess

import pytest

from .test_document import make_reminder, make_report


def libreoffice() -> str:
    found = shutil.which("soffice") or shutil.which("libreoffice")
    if found is None:
        if os.environ.get("CI"):
            pytest.fail(
                "LibreOffice must be installed in CI to check that the .docx converts to PDF"
            )
        pytest.skip("LibreOffice is not installed")
    return found


@pytest.mark.parametrize("build", [make_report, make_reminder], ids=["report", "reminder"])
def test_libreoffice_converts_the_document_to_a_non_empty_pdf(build, tmp_path):
    program = libreoffice()
    source = tmp_path / "document.docx"
    doc = build()
    doc.table(["STT", "Đơn vị"], [[str(i), f"Chi bộ {i}"] for i in range(1, 80)])
    doc.save(source)
    profile = tmp_path / "profile"
    subprocess.run(
        [
            program,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    pdf = tmp_path / "document.pdf"
    assert pdf.exists()
    assert pdf.stat().st_size > 0
    assert pdf.read_bytes()[:5] == b"%PDF-"
