"""One settings module, driven by environment variables.

- ``LAMTHEOBAC_DATA_DIR``: where the SQLite database, uploads and generated files live
  (default: ``./var`` under the current directory).
- ``DATABASE_URL``: e.g. ``postgres://postgres@127.0.0.1:5432/lamtheobac``; SQLite otherwise.
- ``DJANGO_SECRET_KEY`` or ``DJANGO_SECRET_KEY_FILE``; without either, a key is generated once
  into the data directory.
- ``DJANGO_DEBUG`` (``1`` to enable), ``DJANGO_ALLOWED_HOSTS`` (comma separated).
- ``EMAIL_URL``-style settings are not used; ``EMAIL_HOST`` switches SMTP on.
- Production (HTTPS, proxy, cookies, sessions, storage, logs): see ``.env.example`` and
  ``docs/deployment.md``; every such setting is read near the end of this module.
"""

from __future__ import annotations

import os
import secrets
from pathlib import Path
from typing import Any

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent
DATA_DIR = Path(os.environ.get("LAMTHEOBAC_DATA_DIR", Path.cwd() / "var")).resolve()
DATA_DIR.mkdir(parents=True, exist_ok=True)


def _env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def _secret_key() -> str:
    if key := os.environ.get("DJANGO_SECRET_KEY"):
        return key
    if path := os.environ.get("DJANGO_SECRET_KEY_FILE"):
        return Path(path).read_text(encoding="utf-8").strip()
    key_file = DATA_DIR / "secret_key"
    if not key_file.exists():
        key_file.write_text(secrets.token_urlsafe(50), encoding="utf-8")
        key_file.chmod(0o600)
    return key_file.read_text(encoding="utf-8").strip()


SECRET_KEY = _secret_key()
DEBUG = _env_bool("DJANGO_DEBUG")
ALLOWED_HOSTS = [
    h.strip()
    for h in os.environ.get("DJANGO_ALLOWED_HOSTS", "127.0.0.1,localhost,testserver").split(",")
    if h.strip()
]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "treebeard",
    "axes",
    "django_htmx",
    "lamtheobac.core",
    "lamtheobac.audit",
    "lamtheobac.units",
    "lamtheobac.ratings",
    "lamtheobac.notifications",
    "lamtheobac.documents",
    "lamtheobac.reporting",
    "lamtheobac.commendations",
    "lamtheobac.pledges",
    "lamtheobac.demo",
    "lamtheobac.bench",
    "lamtheobac.ops",
    "django_tasks",
    "django_tasks_db",
    "lamtheobac.jobs",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "lamtheobac.accounts",
    "lamtheobac.api",
    "lamtheobac.drafting",
    "lamtheobac.programme",
    "lamtheobac.tasks",
    "lamtheobac.inspections",
    "lamtheobac.registers",
    "lamtheobac.agenda",
    "lamtheobac.roster",
    "lamtheobac.structure",
    "lamtheobac.search",
]

MIDDLEWARE = [
    "lamtheobac.ops.logging.RequestContextMiddleware",
    "lamtheobac.ops.middleware.RequestSizeLimitMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Compresses pages (the matrix, lists) ~8x. BREACH: Django ≥ 4.2 pads each gzip stream
    # with random bytes ("Heal The Breach") and masks CSRF tokens per response; off with
    # DJANGO_GZIP=0 (e.g. behind a proxy that compresses). WhiteNoise serves static
    # files pre-compressed (docs/architecture.md, "Performance").
    *(
        ["django.middleware.gzip.GZipMiddleware"]
        if os.environ.get("DJANGO_GZIP", "1") != "0"
        else []
    ),
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "lamtheobac.ops.logging.SetUserMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "lamtheobac.accounts.middleware.SecondFactorRequiredMiddleware",
    "lamtheobac.ops.middleware.NoStoreMiddleware",
    "csp.middleware.CSPMiddleware",
    # Deny by default: every view needs a login unless marked @login_not_required (ADR 0005).
    "django.contrib.auth.middleware.LoginRequiredMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",
    "lamtheobac.core.middleware.DomainErrorMiddleware",
]

ROOT_URLCONF = "lamtheobac.urls"
WSGI_APPLICATION = "lamtheobac.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "lamtheobac.core.context_processors.navigation",
            ],
        },
    },
]

DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{DATA_DIR / 'db.sqlite3'}",
        conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "0")),
        # Kept connections are checked before reuse, so a restarted database costs one error-free
        # reconnect instead of a failed request.
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets readers and one writer work at once; IMMEDIATE avoids lock upgrades mid-transaction.
    DATABASES["default"]["OPTIONS"] = {
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
        "timeout": 20,
    }
    DATABASES["default"]["TEST"] = {"NAME": os.environ.get("SQLITE_TEST_NAME") or None}

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    # ModelBackend reading the user with their person in one query (issue 13 §5).
    "lamtheobac.accounts.backends.UserWithPersonBackend",
    # Sessions signed in before it keep working until they expire.
    "django.contrib.auth.backends.ModelBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# Throttled logins (django-axes): 5 failures lock the username+IP pair for one hour.
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 1
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_LOCKOUT_TEMPLATE = "registration/locked_out.html"
AXES_VERBOSE = False

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATIC_ROOT = DATA_DIR / "static"
STATIC_ROOT.mkdir(exist_ok=True)
# WhiteNoise serves the app's static files straight from the finders: no collectstatic step.
WHITENOISE_USE_FINDERS = True
# "reads": what ``core.readcache.cached_read`` keeps in each process's memory, keyed by a stamp
# of the database's state, so it never needs clearing (issue 13 §5; docs/architecture.md,
# "Performance"). Local memory on purpose: a network cache would cost the round trip it saves.
# LAMTHEOBAC_READ_CACHE=0 reads everything afresh on every request (to compare, or to rule the
# cache out when looking for a fault).
READ_CACHE = _env_bool("LAMTHEOBAC_READ_CACHE", default=True)
CACHES = {
    "default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"},
    "reads": {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "lamtheobac-reads",
        "OPTIONS": {"MAX_ENTRIES": int(os.environ.get("LAMTHEOBAC_READ_CACHE_ENTRIES", "1000"))},
    },
}
STATICFILES_DIRS: list[Path | tuple[str, Path]] = [BASE_DIR / "static"]
_HTMX_DIST = Path(__file__).resolve().parent.parent / "node_modules" / "htmx.org" / "dist"
if _HTMX_DIST.is_dir():
    STATICFILES_DIRS.append(("vendor/htmx", _HTMX_DIST))

MEDIA_ROOT = DATA_DIR / "media"
MEDIA_URL = "/files/"  # never served directly; downloads go through permission-checked views

STORAGES: dict[str, dict[str, Any]] = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}

# Uploads: at most 20 MB per file (checked by the upload validators); keep big uploads on disk.
MAX_UPLOAD_SIZE = 20 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

if os.environ.get("EMAIL_HOST"):
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_HOST = os.environ["EMAIL_HOST"]
    EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "587"))
    EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
    EMAIL_USE_TLS = _env_bool("EMAIL_USE_TLS", True)
    if not EMAIL_HOST_USER:
        raise ImproperlyConfigured("EMAIL_HOST is set but EMAIL_HOST_USER is missing.")
else:
    # Without SMTP, e-mails are written to files in the data directory, never lost silently.
    EMAIL_BACKEND = "django.core.mail.backends.filebased.EmailBackend"
    EMAIL_FILE_PATH = DATA_DIR / "mail"
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "lamtheobac@localhost")
# The site's own address, for absolute links in e-mails (issue 14 §6), e.g.
# ``https://lamtheobac.tinhuy.vn``; no trailing slash needed.
SITE_URL = os.environ.get("LAMTHEOBAC_SITE_URL", "http://localhost:8000").rstrip("/")
# Days before a deadline when units that have not yet reported are told (comma separated).
DEADLINE_NOTICE_DAYS = [
    int(d) for d in os.environ.get("LAMTHEOBAC_DEADLINE_NOTICE_DAYS", "3").split(",") if d.strip()
]

SESSION_ENGINE = "lamtheobac.accounts.sessions"  # database sessions, read through core.readcache
SESSION_COOKIE_HTTPONLY = True
CSRF_COOKIE_HTTPONLY = False
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
}


# --- Production: HTTPS behind a proxy, cookies, sessions (issue 13 §1, §7) -----------------
# Defaults keep the demo and the tests on plain http://127.0.0.1; `.env.example` documents the
# production values, under which `manage.py check --deploy` prints no warning.


def _env_list(name: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, "").split(",") if item.strip()]


SECURE_SSL_REDIRECT = _env_bool("DJANGO_SECURE_SSL_REDIRECT")
# The health endpoint answers the proxy over plain HTTP.
SECURE_REDIRECT_EXEMPT = [r"^suc-khoe/$"]
SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_SECURE_HSTS_SECONDS", "0"))
SECURE_HSTS_INCLUDE_SUBDOMAINS = _env_bool("DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS")
SECURE_HSTS_PRELOAD = _env_bool("DJANGO_SECURE_HSTS_PRELOAD")
SESSION_COOKIE_SECURE = _env_bool("DJANGO_SESSION_COOKIE_SECURE")
CSRF_COOKIE_SECURE = _env_bool("DJANGO_CSRF_COOKIE_SECURE")
# "HTTP_X_FORWARDED_PROTO=https": trust the TLS-terminating proxy's header (only behind one).
if _proxy_header := os.environ.get("DJANGO_SECURE_PROXY_SSL_HEADER", "").strip():
    _header_name, _, _header_value = _proxy_header.partition("=")
    SECURE_PROXY_SSL_HEADER = (_header_name.strip(), _header_value.strip() or "https")
CSRF_TRUSTED_ORIGINS = _env_list("DJANGO_CSRF_TRUSTED_ORIGINS")
USE_X_FORWARDED_HOST = _env_bool("DJANGO_USE_X_FORWARDED_HOST")
# A signed-in session lasts 8 hours by default (was Django's two weeks).
SESSION_COOKIE_AGE = int(os.environ.get("DJANGO_SESSION_COOKIE_AGE", str(8 * 3600)))
SESSION_EXPIRE_AT_BROWSER_CLOSE = _env_bool("DJANGO_SESSION_EXPIRE_AT_BROWSER_CLOSE")
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

# Uploaded files: the local disk under the data directory by default; any S3-compatible store
# (MinIO, Ceph, a cloud's object storage) with LAMTHEOBAC_STORAGE=s3 and `pip install -r
# requirements-s3.txt` (django-storages). Every upload goes through Django's storage API.
if os.environ.get("LAMTHEOBAC_STORAGE", "").strip().lower() == "s3":
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": os.environ["AWS_STORAGE_BUCKET_NAME"],
            "endpoint_url": os.environ.get("AWS_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("AWS_S3_REGION_NAME") or None,
            "access_key": os.environ.get("AWS_ACCESS_KEY_ID"),
            "secret_key": os.environ.get("AWS_SECRET_ACCESS_KEY"),
            "default_acl": None,
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }

# Background work (ADR 0008): django-tasks with its database backend; `lamtheobac worker` runs
# the queue. LAMTHEOBAC_TASKS=immediate runs each task inside the request (tests).
TASKS = {
    "default": {
        "BACKEND": (
            "django_tasks.backends.immediate.ImmediateBackend"
            if os.environ.get("LAMTHEOBAC_TASKS") == "immediate"
            else "django_tasks_db.DatabaseBackend"
        )
    }
}
# A running job with no sign of life for this long (seconds) is marked failed.
JOBS_STALE_SECONDS = int(os.environ.get("LAMTHEOBAC_JOBS_STALE_SECONDS", "3600"))
# Rounds with more target units than this remind and export in the worker (issue 13 §2).
JOBS_BACKGROUND_UNITS = int(os.environ.get("LAMTHEOBAC_JOBS_BACKGROUND_UNITS", "200"))

# Structured logs on stdout (issue 13 §6): JSON lines with request id and user
# (LOG_FORMAT=text for plain lines); 403/404 without tracebacks.
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {
        "context": {"()": "lamtheobac.ops.logging.RequestContext"},
        "quiet_refusals": {"()": "lamtheobac.ops.logging.QuietRefusals"},
    },
    "formatters": {
        "json": {"()": "lamtheobac.ops.logging.JsonFormatter"},
        "text": {
            "format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s %(user)s] %(message)s"
        },
    },
    "handlers": {
        "stdout": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "filters": ["context", "quiet_refusals"],
            "formatter": "text" if os.environ.get("LOG_FORMAT") == "text" else "json",
        }
    },
    "root": {"handlers": ["stdout"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
    "loggers": {
        "django.request": {"handlers": ["stdout"], "level": "WARNING", "propagate": False},
        "lamtheobac.request": {
            "handlers": ["stdout"],
            "level": os.environ.get("LOG_LEVEL_REQUESTS", os.environ.get("LOG_LEVEL", "WARNING")),
            "propagate": False,
        },
    },
}

# Accounts and limits (issue 13 §7). One request carries at most MAX_REQUEST_SIZE bytes
# (a 50 MB document and its form), refused with 413 before the body is read.
MAX_REQUEST_SIZE = int(os.environ.get("LAMTHEOBAC_MAX_REQUEST_MB", "52")) * 1024 * 1024
PASSWORD_RESET_TIMEOUT = 3 * 24 * 3600
OTP_TOTP_ISSUER = "lamtheobac"
# Content security policy (django-csp): scripts, styles and everything else from this site
# only; inline style attributes allowed (a few templates use them), no inline scripts.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "style-src-attr": ["'unsafe-inline'"],
        "img-src": ["'self'", "data:"],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

# JSON API (ADR 0010): requests per token and minute (django-ninja throttling, in the cache).
API_RATE = os.environ.get("LAMTHEOBAC_API_RATE", "600/m")
API_WRITE_RATE = os.environ.get("LAMTHEOBAC_API_WRITE_RATE", "60/m")

# Issue 14 §2: a reminder to the same units of a round is refused again within this many hours.
REMINDER_REPEAT_HOURS = int(os.environ.get("LAMTHEOBAC_REMINDER_REPEAT_HOURS", "6"))
