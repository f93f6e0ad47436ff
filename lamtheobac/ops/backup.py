"""One-archive backups and restores (issue 13 §4).

An archive is a ``.tar.gz`` holding ``manifest.json`` (format, database vendor, time, the
inventory: rows per model and SHA-256 per stored file), the database — ``db.sqlite3`` copied
with SQLite's online backup API (consistent while the app runs) or ``database.dump`` from
``pg_dump --format=custom`` — every file of the default storage under ``files/`` (read
through the storage API, so an S3 bucket is backed up the same way), and the data
directory's generated ``secret_key`` when there is one.

``restore`` rebuilds an empty database and an empty storage from an archive, then checks the
inventory against the manifest; it refuses a database that already has tables.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from contextlib import closing
from pathlib import Path
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import Storage, default_storage
from django.db import connection

from lamtheobac.core.errors import DomainError

FORMAT = 1


def _walk(storage: Storage, folder: str = "") -> list[str]:
    directories, files = storage.listdir(folder)
    names = [f"{folder}/{f}" if folder else f for f in files]
    for d in directories:
        names += _walk(storage, f"{folder}/{d}" if folder else d)
    return sorted(names)


def stored_files(storage: Storage | None = None) -> list[str]:
    """Names of every file in the default storage ([] when its folder does not exist yet)."""
    storage = storage or default_storage
    try:
        return _walk(storage)
    except FileNotFoundError:
        return []


def _sha256(stream: Any) -> str:
    digest = hashlib.sha256()
    for chunk in iter(lambda: stream.read(1 << 20), b""):
        digest.update(chunk)
    return digest.hexdigest()


def inventory() -> dict[str, Any]:
    """{"rows": {model label: count}, "files": {storage name: sha256}} of this installation."""
    rows = {
        model._meta.label_lower: model._default_manager.using("default").count()
        for model in apps.get_models()
        if model._meta.managed and not model._meta.proxy
    }
    files = {}
    for name in stored_files():
        with default_storage.open(name, "rb") as stream:
            files[name] = _sha256(stream)
    return {"rows": dict(sorted(rows.items())), "files": files}


def _pg_env() -> tuple[list[str], dict[str, str]]:
    s = connection.settings_dict
    args = ["--host", str(s.get("HOST") or "127.0.0.1"), "--port", str(s.get("PORT") or 5432)]
    if s.get("USER"):
        args += ["--username", str(s["USER"])]
    env = dict(os.environ)
    if s.get("PASSWORD"):
        env["PGPASSWORD"] = str(s["PASSWORD"])
    return args, env


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        raise DomainError(f"Thiếu {name}: cài gói postgresql-client (scripts/system-packages.sh).")
    return path


def _add_bytes(archive: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mtime = int(dt.datetime.now(dt.UTC).timestamp())
    info.mode = 0o600
    archive.addfile(info, io.BytesIO(data))


def backup(path: Path) -> dict[str, Any]:
    """Write the archive to ``path`` (0600); returns its manifest."""
    vendor = connection.vendor
    if vendor not in {"sqlite", "postgresql"}:
        raise DomainError(f"Chưa hỗ trợ sao lưu cơ sở dữ liệu {vendor}.")
    path.parent.mkdir(parents=True, exist_ok=True)
    manifest: dict[str, Any] = {
        "format": FORMAT,
        "vendor": vendor,
        "created_at": dt.datetime.now(dt.UTC).isoformat(),
        "inventory": inventory(),
    }
    with tempfile.TemporaryDirectory() as scratch:
        if vendor == "sqlite":
            database = Path(scratch) / "db.sqlite3"
            connection.ensure_connection()
            with closing(sqlite3.connect(database)) as target:
                connection.connection.backup(target)
        else:
            database = Path(scratch) / "database.dump"
            args, env = _pg_env()
            subprocess.run(  # noqa: S603 (fixed argv, no shell)
                [
                    _tool("pg_dump"),
                    "--format=custom",
                    "--no-owner",
                    "--no-acl",
                    *args,
                    "--file",
                    str(database),
                    str(connection.settings_dict["NAME"]),
                ],
                env=env,
                check=True,
            )
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as raw, tarfile.open(fileobj=raw, mode="w:gz") as archive:
            _add_bytes(archive, "manifest.json", json.dumps(manifest, indent=1).encode())
            archive.add(database, arcname=database.name)
            key = Path(settings.DATA_DIR) / "secret_key"
            if key.exists():
                archive.add(key, arcname="secret_key")
            for name in manifest["inventory"]["files"]:
                with default_storage.open(name, "rb") as stream:
                    _add_bytes(archive, f"files/{name}", stream.read())
    return manifest


def _database_is_empty() -> bool:
    return not connection.introspection.table_names()


def restore(path: Path) -> dict[str, Any]:
    """Rebuild the (empty) database and storage from the archive at ``path``.

    Raises DomainError (Vietnamese) for a database that is not empty, a storage that already
    holds files, an archive from another database vendor, or an inventory that does not match
    after restoring. Returns {"expected": manifest inventory, "found": inventory now}.
    """
    with tarfile.open(path, mode="r:gz") as archive:
        manifest = json.loads(_member(archive, "manifest.json"))
        if manifest.get("format") != FORMAT:
            raise DomainError("Tệp sao lưu không đúng định dạng của lamtheobac.")
        if manifest["vendor"] != connection.vendor:
            raise DomainError(
                f"Tệp sao lưu là của {manifest['vendor']}, còn cấu hình hiện tại dùng "
                f"{connection.vendor}: không khôi phục được."
            )
        if not _database_is_empty():
            raise DomainError(
                "Cơ sở dữ liệu đích đã có dữ liệu. Chỉ khôi phục vào một cơ sở dữ liệu trống "
                "(thư mục dữ liệu mới, hoặc một CSDL PostgreSQL vừa tạo)."
            )
        if stored_files():
            raise DomainError("Thư mục tệp đích đã có tệp. Chỉ khôi phục vào nơi lưu trống.")
        with tempfile.TemporaryDirectory() as scratch:
            if manifest["vendor"] == "sqlite":
                _restore_sqlite(archive, Path(scratch))
            else:
                _restore_postgresql(archive, Path(scratch))
        key = Path(settings.DATA_DIR) / "secret_key"
        if "secret_key" in archive.getnames() and not os.environ.get("DJANGO_SECRET_KEY"):
            key.write_bytes(_member(archive, "secret_key"))
            key.chmod(0o600)
        for member in archive.getmembers():
            if member.isfile() and member.name.startswith("files/"):
                name = member.name.removeprefix("files/")
                saved = default_storage.save(name, ContentFile(_member(archive, member.name)))
                if saved != name:
                    raise DomainError(f"Không khôi phục được tệp {name} đúng tên.")
    found = inventory()
    if found != manifest["inventory"]:
        raise DomainError("Dữ liệu sau khi khôi phục không khớp với bản sao lưu.")
    return {"expected": manifest["inventory"], "found": found}


def _member(archive: tarfile.TarFile, name: str) -> bytes:
    stream = archive.extractfile(name)
    if stream is None:
        raise DomainError(f"Tệp sao lưu thiếu {name}.")
    return stream.read()


def _restore_sqlite(archive: tarfile.TarFile, scratch: Path) -> None:
    source = scratch / "db.sqlite3"
    source.write_bytes(_member(archive, "db.sqlite3"))
    connection.close()
    target = Path(connection.settings_dict["NAME"])
    with closing(sqlite3.connect(source)) as src, closing(sqlite3.connect(target)) as dst:
        src.backup(dst)
    connection.close()


def _restore_postgresql(archive: tarfile.TarFile, scratch: Path) -> None:
    dump = scratch / "database.dump"
    dump.write_bytes(_member(archive, "database.dump"))
    args, env = _pg_env()
    connection.close()
    subprocess.run(  # noqa: S603 (fixed argv, no shell)
        [
            _tool("pg_restore"),
            "--no-owner",
            "--no-acl",
            "--exit-on-error",
            *args,
            "--dbname",
            str(connection.settings_dict["NAME"]),
            str(dump),
        ],
        env=env,
        check=True,
    )
