"""Old Word (.doc), OpenDocument (.odt) and RTF to .docx, through LibreOffice headless.

Each conversion runs in its own temporary directory with its own LibreOffice
profile (two conversions at once would otherwise fight over one profile), is
killed after 60 seconds, and every failure becomes a ``ReadError``.
"""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from .errors import ReadError

TIMEOUT_SECONDS = 60
NEED_LIBREOFFICE = (
    "Cần cài LibreOffice để đọc tệp .doc/.odt (apt-get install libreoffice-writer-nogui)."
)
CONVERSION_FAILED = (
    "LibreOffice không chuyển được tệp này; hãy mở bằng Word và lưu lại thành .docx."
)
CONVERSION_TIMEOUT = "LibreOffice chuyển tệp quá lâu (quá 60 giây); hãy lưu lại thành .docx."


def soffice_path() -> str | None:
    """The LibreOffice program on PATH, if any."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def convert_to_docx(data: bytes, suffix: str) -> bytes:
    """The .docx LibreOffice makes from ``data`` (a file ending in ``suffix``, e.g. ".doc")."""
    program = soffice_path()
    if program is None:
        raise ReadError(NEED_LIBREOFFICE)
    with tempfile.TemporaryDirectory(prefix="lamtheobac-office-") as tmp:
        folder = Path(tmp)
        source = folder / f"document{suffix}"
        source.write_bytes(data)
        out = folder / "out"
        command = [
            program,
            f"-env:UserInstallation={(folder / 'profile').as_uri()}",
            "--headless",
            "--invisible",
            "--nologo",
            "--nodefault",
            "--norestore",
            "--nolockcheck",
            "--convert-to",
            "docx:MS Word 2007 XML",
            "--outdir",
            str(out),
            str(source),
        ]
        try:
            # the program is LibreOffice found on PATH and the arguments are our own paths
            process = subprocess.Popen(  # noqa: S603
                command,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                start_new_session=True,
                env={**os.environ, "HOME": str(folder)},
            )
        except OSError as exc:
            raise ReadError(NEED_LIBREOFFICE) from exc
        try:
            process.wait(timeout=TIMEOUT_SECONDS)
        except subprocess.TimeoutExpired as exc:
            _kill(process)
            raise ReadError(CONVERSION_TIMEOUT) from exc
        result = out / "document.docx"
        if process.returncode != 0 or not result.is_file() or result.stat().st_size == 0:
            raise ReadError(CONVERSION_FAILED)
        return result.read_bytes()


def _kill(process: subprocess.Popen[bytes]) -> None:
    """Stop the LibreOffice this module started: its own process group, made for it."""
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except OSError:
        process.kill()
    process.wait()
