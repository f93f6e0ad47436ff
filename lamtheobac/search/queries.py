"""The reads behind the search page (issue 14 §7): documents, persons and units the caller may
see, matched without regard to tones, modifiers or case (``folding``), each list in a constant
number of queries.

Scope, from the one policy (ADR 0005): documents as on the documents list (owners on which the
user reads reports or manages); persons and units in the subtrees of the user's grants
(``Action.VIEW``, the roster's names). A user with no grant finds nothing.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db.models import Q, QuerySet

from lamtheobac.documents.access import readable_documents
from lamtheobac.documents.models import Document
from lamtheobac.search import folding
from lamtheobac.units.models import Person, Unit
from lamtheobac.units.policy import Action, Policy

SEPARATOR = " — "


def parents_of(units: Iterable[Unit]) -> dict[int, Unit]:
    """The parent of each unit that has one, by the child's pk; one query for all of them."""
    parent_paths = {u.pk: u.path[: -Unit.steplen] for u in units if u.depth > 1}
    if not parent_paths:
        return {}
    by_path = {p.path: p for p in Unit.objects.filter(path__in=set(parent_paths.values()))}
    return {pk: by_path[path] for pk, path in parent_paths.items() if path in by_path}


def unit_label(unit: Unit, parent: Unit | None) -> str:
    """ "Chi bộ Văn phòng — Đảng bộ Sở Y tế": a unit with its parent, as seventeen cells named
    alike are told apart; a top unit alone."""
    return f"{unit.name}{SEPARATOR}{parent.name}" if parent is not None else unit.name


def unit_labels(units: Iterable[Unit]) -> dict[int, str]:
    """``unit_label`` of each unit, by pk (one query for the parents)."""
    units = list(units)
    parents = parents_of(units)
    return {u.pk: unit_label(u, parents.get(u.pk)) for u in units}


def _every_word(fields: tuple[str, ...], query: str, *, at_word_start: bool) -> Q:
    """Each word of ``query`` found in one of ``fields`` (AND over words, OR over fields).
    An empty query matches nothing."""
    terms = folding.words(query)
    if not terms:
        return Q(pk__in=[])
    condition = Q()
    for term in terms:
        pattern = folding.word_start(term) if at_word_start else folding.loose(term)
        either = Q()
        for field in fields:
            either |= Q(**{f"{field}__regex": pattern})
        condition &= either
    return condition


def documents(policy: Policy, query: str) -> QuerySet[Document]:
    """Readable documents whose number, title or text holds every word, newest first; the
    texts stay in the database (deferred: a list never loads them)."""
    return (
        readable_documents(policy)
        .filter(_every_word(("number", "title", "text"), query, at_word_start=False))
        .defer("text", "extraction", "outline")
        .order_by("-date", "-pk")
    )


def persons(policy: Policy, query: str) -> QuerySet[Person]:
    """Persons in the user's units whose names hold every word at a word's start, in the
    Vietnamese office order (given name, middle, family: ``core.vietnamese.sort_key``)."""
    return (
        Person.objects.filter(policy.unit_filter(Action.VIEW))
        .filter(
            _every_word(("family_name", "middle_name", "given_name"), query, at_word_start=True)
        )
        .select_related("unit")
        .order_by("sort_key", "pk")
    )


def units(policy: Policy, query: str) -> QuerySet[Unit]:
    """Units in the user's scope whose name or short name holds every word, in tree order."""
    return (
        policy.units(Action.VIEW)
        .filter(_every_word(("name", "short_name"), query, at_word_start=True))
        .order_by("path")
    )


@dataclass(frozen=True)
class Labelled:
    """A found person or unit with the label of its unit (the unit with its parent)."""

    item: Person | Unit
    unit_label: str


def labelled_persons(page: Iterable[Person]) -> list[Labelled]:
    people = list(page)
    labels = unit_labels({p.unit.pk: p.unit for p in people}.values())
    return [Labelled(p, labels[p.unit.pk]) for p in people]


def labelled_units(page: Iterable[Unit]) -> list[Labelled]:
    found = list(page)
    labels = unit_labels(found)
    return [Labelled(u, labels[u.pk]) for u in found]
