"""Write TCVN3 (ABC, ".VnTime") and VNI variants of some corpus texts, as old offices still send.

Run from the repository root: ``.venv/bin/python lamtheobac/reading/corpus/legacy_variants.py``.
The output is committed so the corpus stays stable; a variant ``NAME.tcvn3.txt`` or
``NAME.vni.docx`` is scored against ``NAME.gold.json``. Plain TCVN3 text has no codes for
capitals with a tone (the reader must guess them); the ``.docx`` variants carry the font,
".VnTimeH" for capitals, so their text is exact.
"""

from __future__ import annotations

import sys
from pathlib import Path

from docx import Document

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[2]))

from lamtheobac.reading.legacy import (  # noqa: E402
    unicode_to_tcvn3,
    unicode_to_tcvn3_runs,
    unicode_to_vni,
    unicode_to_vni_bytes,
)

TCVN3_TEXT = ["seed_003", "d01_kh_huyen_uy", "d07_kh_chi_bo_quy", "d14_kh_khen_thuong_quota"]
VNI_TEXT = ["seed_001", "d02_cv_thi_uy_de_cuong", "d06_tb_chi_bo"]
TCVN3_DOCX = ["d03_hd_btg_tinh_uy", "seed_004"]
VNI_DOCX = ["d05_qd_khen_thuong"]


def _docx(text: str, target: Path, *, encoding: str) -> None:
    document = Document()
    for line in text.split("\n"):
        paragraph = document.add_paragraph()
        if encoding == "tcvn3":
            for run_text, capitals in unicode_to_tcvn3_runs(line):
                run = paragraph.add_run(run_text)
                run.font.name = ".VnTimeH" if capitals else ".VnTime"
        else:
            run = paragraph.add_run(unicode_to_vni(line))
            run.font.name = "VNI-Times"
    document.save(str(target))


def main() -> None:
    for name in TCVN3_TEXT:
        text = (HERE / f"{name}.txt").read_text(encoding="utf-8")
        (HERE / f"{name}.tcvn3.txt").write_bytes(unicode_to_tcvn3(text))
    for name in VNI_TEXT:
        text = (HERE / f"{name}.txt").read_text(encoding="utf-8")
        (HERE / f"{name}.vni.txt").write_bytes(unicode_to_vni_bytes(text))
    for name in TCVN3_DOCX:
        _docx(
            (HERE / f"{name}.txt").read_text(encoding="utf-8"),
            HERE / f"{name}.tcvn3.docx",
            encoding="tcvn3",
        )
    for name in VNI_DOCX:
        _docx(
            (HERE / f"{name}.txt").read_text(encoding="utf-8"),
            HERE / f"{name}.vni.docx",
            encoding="vni",
        )


if __name__ == "__main__":
    main()
