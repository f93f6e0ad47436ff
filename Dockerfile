# lamtheobac image for compose.yaml (not built in CI). Debian's LibreOffice reads .doc/.odt/.rtf.
FROM python:3.11-slim-bookworm
RUN apt-get update \
 && apt-get install -y --no-install-recommends libreoffice-writer-nogui postgresql-client \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY requirements.txt requirements-s3.txt pyproject.toml ./
RUN pip install --no-cache-dir -r requirements.txt -r requirements-s3.txt
COPY . .
RUN pip install --no-cache-dir --no-deps -e .
ENV LAMTHEOBAC_DATA_DIR=/data LAMTHEOBAC_BIND=0.0.0.0:8000
EXPOSE 8000
CMD ["lamtheobac", "serve", "--no-worker"]
