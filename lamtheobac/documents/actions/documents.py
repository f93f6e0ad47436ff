"""Write functions for documents: import a file through the reader, correct extracted values,
archive and bring back from the archive."""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import unicodedata
from pathlib import PurePath
from typing import TYPE_CHECKING, Any

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils import timezone

from lamtheobac.audit.models import record
from lamtheobac.core.errors import DomainError, StateError
from lamtheobac.documents.actions import DocumentAction
from lamtheobac.documents.models import Addressee, Citation, Deadline, Document, Frequency
from lamtheobac.reading import ReadError, read_bytes
from lamtheobac.reading.loading import sniff
from lamtheobac.units.models import Unit
from lamtheobac.units.policy import Action, authorize

if TYPE_CHECKING:
    from django.contrib.auth.models import User

MAX_DOCUMENT_SIZE = 50 * 1024 * 1024

# Scalar fields staff may correct, with the reader's JSON key each comes from.
CORRECTABLE_FIELDS: dict[str, str] = {
    "number": "number",
    "kind": "kind",
    "kind_name": "kind_name",
    "issuer": "issuer",
    "superior": "superior",
    "place": "place",
    "date": "date",
    "title": "title",
    "signer_capacity": "signer.capacity",
    "signer_title": "signer.title",
    "signer_name": "signer.name",
}


def _value(extraction: dict[str, Any], key: str) -> Any:
    node: Any = extraction
    for part in key.split("."):
        if not isinstance(node, dict):
            return None
        node = node.get(part)
    if isinstance(node, dict):
        return node.get("value")
    return node


def _span(item: dict[str, Any]) -> tuple[int | None, int | None]:
    span = item.get("span") or [None, None]
    return span[0], span[1]


def _date(value: str | None) -> dt.date | None:
    return dt.date.fromisoformat(value) if value else None


# What the bytes of a file named with each suffix may be (``reading.loading.sniff``). Word
# also saves RTF and web pages under a .doc name, and a .txt may hold markup.
_KINDS_BY_SUFFIX: dict[str, set[str]] = {
    ".pdf": {"pdf"},
    ".docx": {"zip"},
    ".odt": {"zip"},
    ".doc": {"ole", "rtf", "html"},
    ".rtf": {"rtf"},
    ".html": {"html"},
    ".htm": {"html"},
    ".txt": {"text", "html"},
    ".png": {"image"},
    ".jpg": {"image"},
    ".jpeg": {"image"},
    ".tif": {"image"},
    ".tiff": {"image"},
}
_KIND_WORDS = {
    "pdf": "tệp PDF",
    "zip": "tệp nén (.docx/.odt)",
    "ole": "tệp Word cũ (.doc)",
    "rtf": "tệp RTF",
    "html": "trang web (HTML)",
    "text": "văn bản thuần",
    "image": "ảnh",
}


def check_kind(filename: str, data: bytes) -> None:
    """Refuse a file whose name says one kind and whose bytes are another (a text file
    renamed ``.pdf``; issue 14 §5). Raises DomainError; names without a known suffix pass
    (the reader decides by content)."""
    suffix = PurePath(filename or "").suffix.lower()
    expected = _KINDS_BY_SUFFIX.get(suffix)
    if expected is None:
        return
    kind = sniff(data)
    if kind not in expected:
        raise DomainError(
            f"Tệp “{filename}” mang đuôi {suffix} nhưng nội dung là {_KIND_WORDS[kind]}. "
            "Không nhập; hãy mở tệp kiểm tra rồi lưu lại đúng định dạng."
        )


_SPACES = re.compile(r"\s+")
_INVISIBLE = dict.fromkeys(map(ord, "\ufeff\u200b\u200c\u200d\u00ad"), None)


def text_digest(text: str) -> str:
    """SHA-256 (hex) of the text as read, normalised: NFC, invisible characters dropped,
    every run of white space one space, trimmed. Two copies of a plan in different formats
    or encodings (UTF-8 and UTF-16, .docx and .txt of the same words) give the same digest."""
    normal = unicodedata.normalize("NFC", text).translate(_INVISIBLE)
    normal = _SPACES.sub(" ", normal).strip()
    return hashlib.sha256(normal.encode("utf-8")).hexdigest()


def _refuse_duplicate(existing: Document, *, same_bytes: bool) -> None:
    where = " (đang ở mục lưu trữ)" if existing.is_archived else ""
    how = "Tệp này" if same_bytes else "Văn bản có cùng nội dung (có thể ở định dạng khác)"
    raise DomainError(
        f"{how} đã được nhập trước đó: {existing.display_name}{where}. Không nhập lại."
    )


@transaction.atomic
def import_document(*, owner: Unit, data: bytes, filename: str, by: User) -> Document:
    """Read ``data`` (a .txt, .docx or .pdf plan or letter) and store it as a Document.

    Returns the new Document with its citations and deadlines. Raises DomainError with a
    Vietnamese message when the file cannot be read (nothing is stored) or was already
    imported by the same unit. Implements docs/domain.md §4.1.
    """
    authorize(by, Action.MANAGE, owner)
    return _import(owner=owner, data=data, filename=filename, by=by)


@transaction.atomic
def import_implementing_plan(
    *, plan: Document, owner: Unit, data: bytes, filename: str, by: User
) -> Document:
    """A grassroots organisation uploads its own plan implementing ``plan`` (issue 9 §3): read
    and stored like any import, owned by ``owner`` and linked to ``plan`` (``implements``;
    both pages show the link). ``owner`` must be a grassroots organisation ``plan`` addresses
    (``documents.access.addressed_units``); needs its staff's right (REPORT) or MANAGE on it.
    Raises DomainError for an unreadable or repeated file, or an owner the plan does not
    address; AccessDenied without the right. Nothing is stored then."""
    from lamtheobac.core.errors import AccessDenied
    from lamtheobac.documents.access import addressed_units
    from lamtheobac.units.models import GRASSROOTS_KINDS
    from lamtheobac.units.policy import policy_of

    policy = policy_of(by)
    if not (policy.can(Action.REPORT, owner) or policy.can(Action.MANAGE, owner)):
        raise AccessDenied()
    if owner.kind not in GRASSROOTS_KINDS:
        raise DomainError("Chỉ tổ chức cơ sở đảng mới tải lên kế hoạch thực hiện.")
    if not addressed_units(plan).filter(pk=owner.pk).exists():
        raise DomainError(f"{plan.display_name} không gửi tới {owner.name}.")
    document = _import(owner=owner, data=data, filename=filename, by=by)
    document.implements = plan
    document.save(update_fields=["implements"])
    record(
        actor=by,
        action=DocumentAction.IMPLEMENTS,
        target=document,
        unit=owner,
        after={"plan": plan.pk, "plan_number": plan.number},
    )
    return document


def _import(*, owner: Unit, data: bytes, filename: str, by: User) -> Document:
    """``import_document`` without the right check (its callers check their own right)."""
    if len(data) > MAX_DOCUMENT_SIZE:
        raise DomainError("Tệp quá lớn: văn bản tối đa 50 MB.")
    digest = hashlib.sha256(data).hexdigest()
    existing = Document.objects.filter(owner=owner, source_sha256=digest).first()
    if existing is not None:
        _refuse_duplicate(existing, same_bytes=True)
    check_kind(filename, data)
    try:
        extraction = read_bytes(data, filename=filename)
    except ReadError as exc:
        raise DomainError(exc.message) from exc
    result = extraction.to_json()
    text = result.pop("text", "")
    text_sha256 = text_digest(text)
    existing = Document.objects.filter(owner=owner, text_sha256=text_sha256).first()
    if existing is not None:
        _refuse_duplicate(existing, same_bytes=False)
    document = Document(
        owner=owner,
        number=_value(result, "number") or "",
        serial=_value(result, "serial") or "",
        kind=_value(result, "kind") or "",
        kind_name=_value(result, "kind_name") or "",
        issuer_code=_value(result, "issuer_code") or "",
        issuer=_value(result, "issuer") or "",
        superior=_value(result, "superior") or "",
        place=_value(result, "place") or "",
        date=_date(_value(result, "date")),
        title=_value(result, "title") or "",
        signer_capacity=_value(result, "signer.capacity") or "",
        signer_title=_value(result, "signer.title") or "",
        signer_name=_value(result, "signer.name") or "",
        recipients=[r.get("value", "") for r in result.get("recipients", [])],
        outline=result.get("outline"),
        source_name=filename[:255],
        source_sha256=digest,
        text_sha256=text_sha256,
        text=text,
        extraction=result,
        uploaded_by=by,
    )
    document.source.save(filename or "van-ban.txt", ContentFile(data), save=False)
    try:
        with transaction.atomic():
            document.save()
    except IntegrityError as exc:  # the same file imported concurrently
        raise DomainError("Tệp này vừa được nhập. Không nhập lại.") from exc
    _store_citations(document, result.get("citations", []))
    _store_deadlines(document, result.get("deadlines", []), result.get("recurring", []))
    address(document)
    record(
        actor=by,
        action=DocumentAction.IMPORTED,
        target=document,
        unit=owner,
        after={"number": document.number, "source_name": document.source_name},
    )
    return document


def address(document: Document) -> int:
    """Match ``document``'s recipient list (nơi nhận) to units and keep them as its
    ``Addressee`` rows, replacing earlier ones; returns how many units it names. Units are
    matched under the document's owner by exact name and by group lines (``access.
    recipient_condition``). Called by the import and by ``correct_recipients``; two queries
    and one bulk insert, whatever the number of units."""
    from lamtheobac.documents.access import recipient_condition

    Addressee.objects.filter(document=document).delete()
    if not document.recipients:
        return 0
    units = Unit.objects.filter(recipient_condition(document)).values_list("pk", flat=True)
    made = Addressee.objects.bulk_create(
        [Addressee(document=document, unit_id=pk) for pk in units], batch_size=1000
    )
    return len(made)


def _store_citations(document: Document, citations: list[dict[str, Any]]) -> None:
    numbers = [c.get("number", "") for c in citations]
    known = {
        d.number: d
        for d in Document.objects.filter(owner=document.owner, number__in=numbers).exclude(
            pk=document.pk
        )
    }
    rows = []
    for position, c in enumerate(citations):
        start, end = _span(c)
        rows.append(
            Citation(
                document=document,
                number=c.get("number", "")[:64],
                kind=(c.get("kind") or "")[:16],
                issuer=(c.get("issuer") or "")[:64],
                date=_date(c.get("date")),
                text=c.get("text") or "",
                span_start=start,
                span_end=end,
                cited_document=known.get(c.get("number", "")),
                position=position,
            )
        )
    Citation.objects.bulk_create(rows)


def _store_deadlines(
    document: Document, deadlines: list[dict[str, Any]], recurring: list[dict[str, Any]]
) -> None:
    rows = []
    for position, d in enumerate(deadlines):
        start, end = _span(d)
        rows.append(
            Deadline(
                document=document,
                text=(d.get("text") or "")[:255],
                due=_date(d.get("due")),
                exclusive=bool(d.get("exclusive")),
                tentative=bool(d.get("tentative")),
                what=d.get("what") or "",
                who=(d.get("who") or "")[:255],
                span_start=start,
                span_end=end,
                position=position,
            )
        )
    offset = len(rows)
    valid = set(Frequency.values)
    for position, r in enumerate(recurring):
        start, end = _span(r)
        frequency = r.get("frequency") or ""
        rows.append(
            Deadline(
                document=document,
                text=(r.get("text") or "")[:255],
                frequency=frequency if frequency in valid else Frequency.CONTINUOUS,
                what=r.get("what") or "",
                who=(r.get("who") or "")[:255],
                span_start=start,
                span_end=end,
                position=offset + position,
            )
        )
    Deadline.objects.bulk_create(rows)


@transaction.atomic
def correct_document_field(
    *, document: Document, field: str, value: Any, by: User | None
) -> Document:
    """Set one scalar field of ``document`` to a corrected value, keeping before/after in the audit.

    ``field`` is a key of CORRECTABLE_FIELDS; ``value`` is a string (a date for ``date``).
    Raises DomainError for an unknown field. A correction to the same value changes nothing.
    """
    authorize(by, Action.MANAGE, document.owner)
    if field not in CORRECTABLE_FIELDS:
        raise DomainError("Trường này không sửa được.")
    document = Document.objects.select_for_update().get(pk=document.pk)
    before = getattr(document, field)
    value = (value or None) if field == "date" else (value or "").strip()
    if before == value:
        return document
    setattr(document, field, value)
    document.save(update_fields=[field])
    record(
        actor=by,
        action=DocumentAction.CORRECTED,
        target=document,
        unit=document.owner,
        before={field: before},
        after={field: value},
    )
    return document


@transaction.atomic
def correct_deadline(
    *, deadline: Deadline, due: dt.date | None, exclusive: bool, tentative: bool, by: User | None
) -> Deadline:
    """Correct the meaning of one deadline (its date and kind), keeping the audit trail."""
    authorize(by, Action.MANAGE, deadline.document.owner)
    deadline = Deadline.objects.select_for_update().get(pk=deadline.pk)
    before = {"due": deadline.due, "exclusive": deadline.exclusive, "tentative": deadline.tentative}
    after = {"due": due, "exclusive": exclusive, "tentative": tentative}
    if before == after:
        return deadline
    deadline.due, deadline.exclusive, deadline.tentative = due, exclusive, tentative
    deadline.save(update_fields=["due", "exclusive", "tentative"])
    record(
        actor=by,
        action=DocumentAction.DEADLINE_CORRECTED,
        target=deadline,
        unit=deadline.document.owner,
        before=before,
        after=after,
    )
    return deadline


@transaction.atomic
def correct_recipients(*, document: Document, recipients: list[str], by: User | None) -> Document:
    """Replace the recipient list with corrected lines (empty lines dropped)."""
    authorize(by, Action.MANAGE, document.owner)
    document = Document.objects.select_for_update().get(pk=document.pk)
    cleaned = [r.strip() for r in recipients if r.strip()]
    if cleaned == document.recipients:
        return document
    before = document.recipients
    document.recipients = cleaned
    document.save(update_fields=["recipients"])
    address(document)
    record(
        actor=by,
        action=DocumentAction.CORRECTED,
        target=document,
        unit=document.owner,
        before={"recipients": before},
        after={"recipients": cleaned},
    )
    return document


@transaction.atomic
def archive_document(*, document: Document, by: User | None) -> Document:
    """Move a document to the archive (lưu trữ): hidden from the lists by default, still
    readable, its rounds and tasks untouched (docs/domain.md §5: nothing others relied on is
    deleted). Needs MANAGE on its owner; audited. Raises StateError when already archived."""
    authorize(by, Action.MANAGE, document.owner)
    document = Document.objects.select_for_update().get(pk=document.pk)
    if document.is_archived:
        raise StateError("Văn bản này đã ở mục lưu trữ.")
    document.archived_at = timezone.now()
    document.archived_by = by
    document.save(update_fields=["archived_at", "archived_by"])
    record(actor=by, action=DocumentAction.ARCHIVED, target=document, unit=document.owner)
    return document


@transaction.atomic
def unarchive_document(*, document: Document, by: User | None) -> Document:
    """Bring a document back from the archive into the lists. Needs MANAGE on its owner;
    audited. Raises StateError when it is not archived."""
    authorize(by, Action.MANAGE, document.owner)
    document = Document.objects.select_for_update().get(pk=document.pk)
    if not document.is_archived:
        raise StateError("Văn bản này không ở mục lưu trữ.")
    before = document.archived_at
    document.archived_at = None
    document.archived_by = None
    document.save(update_fields=["archived_at", "archived_by"])
    record(
        actor=by,
        action=DocumentAction.UNARCHIVED,
        target=document,
        unit=document.owner,
        before={"archived_at": before.isoformat() if before else None},
    )
    return document
