#!/usr/bin/env bash
# Install the system packages the tests use, from Debian's archive, when missing:
# chromium (driven by Playwright through executable_path; never a downloaded browser),
# LibreOffice Writer/Calc (to prove generated .docx/.xlsx convert to PDF), fonts, and
# Tesseract with its Vietnamese model (the reader's OCR of scans, issue 10).
set -euo pipefail
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v soffice >/dev/null 2>&1 || need+=(libreoffice-writer-nogui libreoffice-calc-nogui)
dpkg -s fonts-liberation >/dev/null 2>&1 || need+=(fonts-liberation)
# pg_dump/pg_restore for `lamtheobac backup`/`restore` on PostgreSQL (and their test).
command -v pg_dump >/dev/null 2>&1 || need+=(postgresql-client)
# Liberation Serif 2.x: metrically Times New Roman, with Vietnamese capitals (the 1.x of
# fonts-liberation lacks them and LibreOffice falls back to another font; issue 12 §3).
dpkg -s fonts-liberation2 >/dev/null 2>&1 || need+=(fonts-liberation2)
dpkg -s fonts-dejavu-core >/dev/null 2>&1 || need+=(fonts-dejavu-core)
command -v tesseract >/dev/null 2>&1 || need+=(tesseract-ocr)
dpkg -s tesseract-ocr-vie >/dev/null 2>&1 || need+=(tesseract-ocr-vie)
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -ne 0 ]; then
  echo "Thiếu gói hệ thống: ${need[*]}. Cài bằng: sudo apt-get install -y ${need[*]}" >&2
  exit 1
fi
echo "Cài gói hệ thống: ${need[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
