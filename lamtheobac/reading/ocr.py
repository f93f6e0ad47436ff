"""Scans read through OCR: image-only PDFs and images (.png, .jpg, .tiff) (issue 10 §3).

Pages are rasterised with pypdfium2 at ``DPI`` and read by the Tesseract command
(Debian ``tesseract-ocr`` with the Vietnamese model ``tesseract-ocr-vie``) one at a
time, single-threaded, as TSV: each word with its box and confidence. Words are put
back in Tesseract's reading order — a block per column of a two-column header, a line
per text line, a blank line between blocks — as NFC text, so the normal reader reads
it. See docs/decisions/0006-pdf-and-ocr.md.
"""

from __future__ import annotations

import io
import os
import shutil
import subprocess
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from .errors import ReadError

#: Resolution pages are rasterised at; Tesseract reads body text best at 300 dpi.
DPI = 300
#: Pages read at most: about three seconds a page, so a long scan is refused, not queued.
MAX_PAGES = 20
#: Pixels in one image at most (an A4 page at 600 dpi is 35 million).
MAX_PIXELS = 60_000_000
PACKAGES = "tesseract-ocr tesseract-ocr-vie"

OCR_MISSING = (
    "Tệp là ảnh quét, cần nhận dạng chữ (OCR) nhưng máy chủ chưa cài Tesseract tiếng Việt. "
    f"Quản trị viên cài các gói Debian: {PACKAGES} "
    f"(sudo apt-get install {PACKAGES}), hoặc gửi bản .docx."
)
OCR_TOO_MANY_PAGES = (
    f"Bản quét có quá nhiều trang để nhận dạng chữ (tối đa {MAX_PAGES} trang): "
    "hãy gửi bản .docx hoặc PDF có lớp chữ."
)
OCR_IMAGE_TOO_LARGE = "Ảnh quá lớn để nhận dạng chữ: hãy quét ở 300 dpi rồi tải lên lại."
OCR_IMAGE_BROKEN = "Tệp ảnh bị hỏng hoặc không phải ảnh PNG, JPG, TIFF."
OCR_NO_TEXT = "Không nhận dạng được chữ nào trong ảnh quét."
OCR_FAILED = "Nhận dạng chữ (OCR) bị lỗi, không đọc được bản quét này."


@dataclass(frozen=True)
class Word:
    """One recognised word: where it is in the text and on its page (pixels at ``DPI``)."""

    start: int
    end: int
    page: int  # 1-based
    box: tuple[int, int, int, int]  # left, top, right, bottom
    confidence: float  # 0–100


@dataclass
class OcrText:
    """Text read from a scan, with every word's page and box, and the mean confidence."""

    text: str
    pages: int
    words: list[Word] = field(default_factory=list)
    engine: str = ""

    @property
    def confidence(self) -> float:
        """Mean word confidence, 0–100 (Tesseract's scale)."""
        if not self.words:
            return 0.0
        return sum(w.confidence for w in self.words) / len(self.words)

    def position(self, span: tuple[int, int]) -> dict[str, Any] | None:
        """The page and box (union of the words of ``span`` on its first page), or None."""
        start, end = span
        hit = [w for w in self.words if w.start < end and w.end > start]
        if not hit:
            return None
        page = hit[0].page
        boxes = [w.box for w in hit if w.page == page]
        return {
            "page": page,
            "box": [
                min(b[0] for b in boxes),
                min(b[1] for b in boxes),
                max(b[2] for b in boxes),
                max(b[3] for b in boxes),
            ],
        }


@lru_cache(maxsize=1)
def engine() -> str | None:
    """ "tesseract 5.3.0 (vie)" when Tesseract and its Vietnamese model are installed."""
    command = shutil.which("tesseract")
    if command is None:
        return None
    try:
        langs = subprocess.run(  # noqa: S603 (fixed arguments, the installed command)
            [command, "--list-langs"], capture_output=True, text=True, timeout=30, check=False
        )
        version = subprocess.run(  # noqa: S603 (fixed arguments, the installed command)
            [command, "--version"], capture_output=True, text=True, timeout=30, check=False
        )
    except (OSError, subprocess.SubprocessError):
        return None
    if "vie" not in (langs.stdout + langs.stderr).split():
        return None
    first = (version.stdout or version.stderr).splitlines()[:1]
    return f"{first[0].strip() if first else 'tesseract'} (vie)"


def _require_engine() -> str:
    name = engine()
    if name is None:
        raise ReadError(OCR_MISSING)
    return name


def pdf_pages(data: bytes) -> Iterator[Any]:
    """The pages of a PDF as PIL images at ``DPI``; at most ``MAX_PAGES``, else ReadError."""
    import pypdfium2

    try:
        document = pypdfium2.PdfDocument(data)
    except Exception as exc:  # pdfium raises PdfiumError on damaged files
        raise ReadError(OCR_FAILED) from exc
    try:
        if len(document) > MAX_PAGES:
            raise ReadError(OCR_TOO_MANY_PAGES)
        for index in range(len(document)):
            page = document[index]
            try:
                width, height = page.get_size()
                if width * height * (DPI / 72) ** 2 > MAX_PIXELS:
                    raise ReadError(OCR_IMAGE_TOO_LARGE)
                bitmap = page.render(scale=DPI / 72, grayscale=True)
                yield bitmap.to_pil()
            finally:
                page.close()
    finally:
        document.close()


def image_pages(data: bytes) -> Iterator[Any]:
    """The frames of a PNG, JPEG or (multi-page) TIFF as PIL images; ReadError if broken."""
    from PIL import Image, ImageSequence

    try:
        image = Image.open(io.BytesIO(data))
        if image.width * image.height > MAX_PIXELS:
            raise ReadError(OCR_IMAGE_TOO_LARGE)
        frames = [frame.convert("L") for frame in ImageSequence.Iterator(image)]
    except ReadError:
        raise
    except Exception as exc:  # Pillow raises many kinds (and DecompressionBombError)
        raise ReadError(OCR_IMAGE_BROKEN) from exc
    if len(frames) > MAX_PAGES:
        raise ReadError(OCR_TOO_MANY_PAGES)
    yield from frames


def _tsv(image: Any) -> list[dict[str, str]]:
    """Tesseract's TSV rows for one page image (words and their layout numbers)."""
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", dpi=(DPI, DPI))
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    command = shutil.which("tesseract") or "tesseract"
    try:
        done = subprocess.run(  # noqa: S603 (fixed arguments; the image goes in on stdin)
            [command, "stdin", "stdout", "-l", "vie", "--dpi", str(DPI), "tsv"],
            input=buffer.getvalue(),
            capture_output=True,
            timeout=180,
            check=False,
            env=env,
        )
    except (OSError, subprocess.SubprocessError) as exc:
        raise ReadError(OCR_FAILED) from exc
    if done.returncode != 0:
        raise ReadError(OCR_FAILED)
    rows = done.stdout.decode("utf-8", errors="replace").splitlines()
    if not rows:
        return []
    names = rows[0].split("\t")
    return [dict(zip(names, row.split("\t"), strict=False)) for row in rows[1:]]


def recognise(images: Iterator[Any]) -> OcrText:
    """OCR every page image; the text in reading order, NFC, with word positions."""
    name = _require_engine()
    parts: list[str] = []
    words: list[Word] = []
    length = 0
    pages = 0

    def emit(piece: str) -> None:
        nonlocal length
        parts.append(piece)
        length += len(piece)

    for pages, image in enumerate(images, start=1):
        if pages > 1:
            emit("\n\n")
        line_key: tuple[str, ...] | None = None
        block_key: tuple[str, ...] | None = None
        for row in _tsv(image):
            if row.get("level") != "5":
                continue
            word = unicodedata.normalize("NFC", (row.get("text") or "").strip())
            if not word:
                continue
            block = (row["block_num"],)
            key = (row["block_num"], row["par_num"], row["line_num"])
            if line_key is not None and key != line_key:
                emit("\n\n" if block != block_key else "\n")
            elif line_key is not None:
                emit(" ")
            line_key, block_key = key, block
            left, top = int(row["left"]), int(row["top"])
            box = (left, top, left + int(row["width"]), top + int(row["height"]))
            words.append(Word(length, length + len(word), pages, box, float(row["conf"])))
            emit(word)
    text = "".join(parts)
    if not words:
        raise ReadError(OCR_NO_TEXT)
    return OcrText(text=text, pages=pages, words=words, engine=name)


def ocr_pdf(data: bytes) -> OcrText:
    """Read an image-only PDF by OCR. Raises ReadError (Vietnamese) when it cannot."""
    _require_engine()
    return recognise(pdf_pages(data))


def ocr_image(data: bytes) -> OcrText:
    """Read a PNG, JPEG or TIFF scan by OCR. Raises ReadError (Vietnamese) when it cannot."""
    _require_engine()
    return recognise(image_pages(data))
