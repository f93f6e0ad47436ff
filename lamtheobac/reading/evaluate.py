"""Measured accuracy: precision, recall and F1 per field over a labelled corpus (issue 3).

A corpus is a folder of documents ``NAME.txt|.docx|.pdf|…`` each with a
hand-written ``NAME.gold.json`` (renderings of one text share its gold).
Scalar fields (number, kind, date, issuer, signer name) match exactly after
NFC and whitespace normalisation: a missing prediction is a false negative,
a wrong one both a false positive and a false negative, a prediction where
the gold is null a false positive. List fields match as multisets per
document on a key: citations by number, deadlines by (due, exclusive),
outline headings and recipients by normalised text, tasks by lead, quotas by
the (min, max) triple of collectives, individuals and total.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .api import read_path
from .errors import ReadError
from .model import Extraction

SCALAR_FIELDS = ("number", "kind", "date", "issuer", "signer.name")
LIST_FIELDS = ("citations", "deadlines", "outline_headings", "recipients", "tasks", "quotas")
FIELDS = SCALAR_FIELDS + LIST_FIELDS

#: F1 targets on the development corpus (issue 3, "Accuracy, measured"); issuer has none.
TARGETS: dict[str, float] = {
    "number": 0.97,
    "kind": 0.97,
    "date": 0.97,
    "signer.name": 0.97,
    "citations": 0.97,
    "deadlines": 0.97,
    "outline_headings": 0.93,
    "recipients": 0.93,
    "tasks": 0.93,
    "quotas": 0.93,
}
#: Fields whose extractor may not exist yet: enforced once it finds something in a seed.
PROVISIONAL = ("tasks", "quotas")
DOCUMENT_SUFFIXES = (".txt", ".docx", ".pdf", ".doc", ".odt", ".html", ".htm")
GOLD_SUFFIX = ".gold.json"


@dataclass
class Score:
    """True positives, false positives and false negatives for one field."""

    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: Score) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn

    @property
    def precision(self) -> float:
        """TP / (TP + FP); 1.0 when nothing was predicted."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        """TP / (TP + FN); 1.0 when the gold has nothing."""
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


_STARS = re.compile(r"\*+")


def norm_scalar(value: Any) -> str | None:
    """NFC, whitespace collapsed; empty or missing → None."""
    if value is None:
        return None
    text = " ".join(unicodedata.normalize("NFC", str(value)).split())
    return text or None


def norm_text(value: Any) -> str | None:
    """``norm_scalar`` plus: no markdown stars, no list dash, no end punctuation, case-folded."""
    text = norm_scalar(value)
    if text is None:
        return None
    text = _STARS.sub("", text)
    text = " ".join(text.split()).strip(" -–+•,;.").casefold()
    return text or None


def _value(item: Any) -> Any:
    """A located value ``{"value": …}`` or a plain one."""
    if isinstance(item, dict) and "value" in item:
        return item["value"]
    return item


def _bounds(item: Any) -> tuple[int | None, int | None]:
    if not isinstance(item, dict):
        return None, None
    return item.get("min"), item.get("max")


def quota_key(quota: dict[str, Any]) -> tuple[tuple[int | None, int | None], ...]:
    """(min, max) of collectives, individuals and total."""
    return tuple(_bounds(quota.get(part)) for part in ("collectives", "individuals", "total"))


_KEYS: dict[str, Callable[[Any], Any]] = {
    "citations": lambda c: norm_scalar(c["number"] if isinstance(c, dict) else c),
    "deadlines": lambda d: (d["due"], bool(d.get("exclusive"))),
    "outline_headings": norm_text,
    "recipients": lambda r: norm_text(_value(r)),
    "tasks": lambda t: norm_text(_value(t.get("lead") if isinstance(t, dict) else t)),
    "quotas": quota_key,
}


def predicted_fields(ex: Extraction) -> dict[str, Any]:
    """The evaluated fields of an extraction, in the gold files' shape."""
    data = ex.to_json()
    signer = data.get("signer") or {}
    return {
        "number": _value(data.get("number")),
        "kind": _value(data.get("kind")),
        "date": _value(data.get("date")),
        "issuer": _value(data.get("issuer")),
        "signer.name": _value(signer.get("name")),
        "citations": data.get("citations") or [],
        "deadlines": data.get("deadlines") or [],
        "outline_headings": data.get("outline_headings") or [],
        "recipients": data.get("recipients") or [],
        "tasks": data.get("tasks") or [],
        "quotas": data.get("quotas") or [],
    }


def gold_fields(gold: dict[str, Any]) -> dict[str, Any]:
    """A gold file's fields, ``signer.name`` flattened."""
    signer = gold.get("signer") or {}
    flat = {name: gold.get(name) for name in FIELDS if name != "signer.name"}
    flat["signer.name"] = signer.get("name") if isinstance(signer, dict) else None
    for name in LIST_FIELDS:
        flat[name] = flat[name] or []
    return flat


@dataclass
class FieldResult:
    """One field of one document: the score and what was missed or extra."""

    score: Score
    missed: list[Any] = field(default_factory=list)
    extra: list[Any] = field(default_factory=list)


def score_scalar(gold: Any, predicted: Any) -> FieldResult:
    """Exact match after normalisation."""
    g, p = norm_scalar(gold), norm_scalar(predicted)
    if g is None and p is None:
        return FieldResult(Score())
    if g is None:
        return FieldResult(Score(fp=1), extra=[p])
    if p is None:
        return FieldResult(Score(fn=1), missed=[g])
    if g == p:
        return FieldResult(Score(tp=1))
    return FieldResult(Score(fp=1, fn=1), missed=[g], extra=[p])


def score_list(
    gold: Iterable[Any], predicted: Iterable[Any], key: Callable[[Any], Any]
) -> FieldResult:
    """Multiset match of ``key(item)``."""
    g = Counter(key(item) for item in gold)
    p = Counter(key(item) for item in predicted)
    common = g & p
    tp = sum(common.values())
    missed = sorted((g - common).elements(), key=repr)
    extra = sorted((p - common).elements(), key=repr)
    return FieldResult(Score(tp=tp, fp=len(extra), fn=len(missed)), missed, extra)


def score_document(gold: dict[str, Any], predicted: dict[str, Any]) -> dict[str, FieldResult]:
    """Per-field results for one document (both dicts in ``gold_fields`` shape)."""
    results: dict[str, FieldResult] = {}
    for name in SCALAR_FIELDS:
        results[name] = score_scalar(gold.get(name), predicted.get(name))
    for name in LIST_FIELDS:
        results[name] = score_list(gold.get(name) or [], predicted.get(name) or [], _KEYS[name])
    return results


@dataclass
class Report:
    """Totals per field, misses per document, and which targets apply."""

    documents: list[str] = field(default_factory=list)
    totals: dict[str, Score] = field(default_factory=lambda: {n: Score() for n in FIELDS})
    misses: dict[str, dict[str, FieldResult]] = field(default_factory=dict)
    errors: dict[str, str] = field(default_factory=dict)
    provisional_active: dict[str, bool] = field(default_factory=dict)

    def add(self, name: str, results: dict[str, FieldResult]) -> None:
        self.documents.append(name)
        for field_name, result in results.items():
            self.totals[field_name].add(result.score)
        wrong = {k: r for k, r in results.items() if r.missed or r.extra}
        if wrong:
            self.misses[name] = wrong

    def enforced(self, name: str) -> bool:
        """Whether the target of ``name`` counts for the exit status."""
        if name not in TARGETS:
            return False
        if name in PROVISIONAL:
            return self.provisional_active.get(name, False)
        return True

    def failures(self) -> list[str]:
        """Enforced fields below their target."""
        return [n for n in TARGETS if self.enforced(n) and self.totals[n].f1 < TARGETS[n]]


def corpus_documents(directory: Path) -> list[tuple[Path, Path]]:
    """(document, gold) pairs in ``directory``, sorted by name."""
    pairs = []
    for path in sorted(directory.iterdir()):
        if path.name.endswith(GOLD_SUFFIX) or path.suffix.lower() not in DOCUMENT_SUFFIXES:
            continue
        gold = path.with_name(path.stem + GOLD_SUFFIX)
        if not gold.exists():
            # A variant "NAME.tcvn3.txt" or "NAME.vni.docx" shares the gold of "NAME".
            gold = path.with_name(path.name.split(".", 1)[0] + GOLD_SUFFIX)
        if gold.exists():
            pairs.append((path, gold))
    return pairs


def evaluate(directory: str | Path, *, reader: Callable[[Path], Extraction] = read_path) -> Report:
    """Read every document of the corpus and score it against its gold."""
    directory = Path(directory)
    report = Report()
    seen_in_seeds = {name: False for name in PROVISIONAL}
    for document, gold_path in corpus_documents(directory):
        gold = gold_fields(json.loads(gold_path.read_text(encoding="utf-8")))
        try:
            predicted = predicted_fields(reader(document))
        except ReadError as error:
            report.errors[document.name] = error.message
            predicted = {name: None for name in SCALAR_FIELDS} | {n: [] for n in LIST_FIELDS}
        if document.name.startswith("seed_"):
            for name in PROVISIONAL:
                seen_in_seeds[name] = seen_in_seeds[name] or bool(predicted[name])
        report.add(document.name, score_document(gold, predicted))
    report.provisional_active = seen_in_seeds
    return report


def _kinds(names: list[str]) -> str:
    counts = Counter(Path(n).suffix.lstrip(".") for n in names)
    return ", ".join(f"{count} .{suffix}" for suffix, count in sorted(counts.items()))


def format_report(report: Report, *, verbose: bool = False) -> str:
    """The table per field, notes on provisional targets, and with ``verbose`` the misses."""
    lines = [
        f"Kho văn bản: {len(report.documents)} tài liệu ({_kinds(report.documents)})",
        "",
        f"{'trường':<18}{'P':>7}{'R':>7}{'F1':>7}{'TP':>6}{'FP':>5}{'FN':>5}  mục tiêu",
    ]
    for name in FIELDS:
        s = report.totals[name]
        target = TARGETS.get(name)
        if target is None:
            status = "—"
        elif not report.enforced(name):
            status = f"≥ {target:.2f} (chưa áp dụng)"
        else:
            status = f"≥ {target:.2f} {'đạt' if s.f1 >= target else 'KHÔNG ĐẠT'}"
        lines.append(
            f"{name:<18}{s.precision:>7.3f}{s.recall:>7.3f}{s.f1:>7.3f}"
            f"{s.tp:>6}{s.fp:>5}{s.fn:>5}  {status}"
        )
    pending = [n for n in PROVISIONAL if not report.enforced(n)]
    if pending:
        lines += [
            "",
            f"Ghi chú: {', '.join(pending)} chỉ được báo số liệu; mục tiêu sẽ áp dụng khi bộ "
            "trích xuất tương ứng trả về kết quả cho các văn bản mẫu (seed_*).",
        ]
    if report.errors:
        lines += ["", "Không đọc được:"]
        lines += [f"  {name}: {message}" for name, message in report.errors.items()]
    if verbose and report.misses:
        lines += ["", "Sai khác theo văn bản (thiếu = có trong gold, thừa = reader đưa ra):"]
        for doc, fields in report.misses.items():
            lines.append(f"  {doc}")
            for name, result in fields.items():
                if result.missed:
                    lines.append(f"    {name} thiếu: {result.missed}")
                if result.extra:
                    lines.append(f"    {name} thừa: {result.extra}")
    failures = report.failures()
    lines += [
        "",
        "Chưa đạt mục tiêu: " + ", ".join(failures)
        if failures
        else "Đạt mọi mục tiêu đang áp dụng.",
    ]
    return "\n".join(lines)
