"""Declared state transitions: the one way a stateful object changes state (issue 7).

Each stateful model declares its transitions once, in a :class:`Workflow` (name, source
states, target state, the policy action required and on which unit, a Vietnamese label).
:func:`perform` carries out one transition: it locks the row, checks the version the user
saw and the current state, checks the caller's right through the one permission policy,
applies the change, bumps the version and writes the audit event with the transition's
typed action name (``<workflow key>.<transition name>``) — all inside the caller's
transaction. Write functions call it; they never assign a state field themselves.

Templates ask the object: ``{% if report.can.accept %}`` (state only; the view has already
checked the user's right on the page).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from dataclasses import KW_ONLY, dataclass, field
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar

from django.db import models, transaction
from django.utils import timezone

from lamtheobac.core.errors import AccessDenied, StaleEdit, StateError

if TYPE_CHECKING:
    from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

    from lamtheobac.units.models import Unit
    from lamtheobac.units.policy import Action


@dataclass(frozen=True)
class Transition:
    """One allowed change of state.

    ``source``: the states it may start from; ``target``: the state it leads to;
    ``action``: the policy action (``units.policy.Action``) the caller needs on the unit
    reached by the dotted attribute path ``on`` from the object (e.g. ``"unit"`` or
    ``"round.committee"``); ``label``: the Vietnamese verb shown on buttons and in refusals.
    ``also``: other (action, path) pairs that equally give the right (e.g. the committee's
    staff acting for a unit); empty by default.
    """

    name: str
    _: KW_ONLY
    source: Collection[str]
    target: str
    action: Action
    on: str
    label: str
    also: tuple[tuple[Action, str], ...] = ()

    def rights(self) -> tuple[tuple[Action, str], ...]:
        """Every (action, path) pair that gives the right to this transition, main one first."""
        return ((self.action, self.on), *self.also)

    def __post_init__(self) -> None:
        object.__setattr__(self, "source", frozenset(str(s) for s in self.source))
        object.__setattr__(self, "target", str(self.target))


def by_staff(
    name: str, source: Collection[str], target: str, label: str, *, on: str = "committee"
) -> Transition:
    """A transition the committee's staff make: MANAGE on the unit at ``on`` (the common
    case of rounds and of reviewing what units sent)."""
    from lamtheobac.units.policy import Action

    return Transition(name, source=source, target=target, action=Action.MANAGE, on=on, label=label)


@dataclass(frozen=True)
class Workflow:
    """The transition table of one model: ``key`` names it in audit actions (``"unit_report"``).

    ``states`` are the model's state choices (a ``TextChoices`` class); every source and
    target must be one of them, and every state but ``initial`` must be reachable, or
    :class:`ValueError` is raised when the table is declared.
    """

    key: str
    states: type[models.TextChoices]
    initial: str
    transitions: tuple[Transition, ...]
    state_field: str = "state"
    _by_name: dict[str, Transition] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        by_name = {t.name: t for t in self.transitions}
        if len(by_name) != len(self.transitions):
            raise ValueError(f"{self.key}: two transitions share a name")
        values = set(self.states.values)
        for t in self.transitions:
            unknown = (set(t.source) | {t.target}) - values
            if unknown:
                raise ValueError(f"{self.key}.{t.name}: unknown states {sorted(unknown)}")
        reachable = {self.initial}
        frontier = [self.initial]
        while frontier:
            state = frontier.pop()
            for t in self.transitions:
                if state in t.source and t.target not in reachable:
                    reachable.add(t.target)
                    frontier.append(t.target)
        if values - reachable:
            raise ValueError(f"{self.key}: unreachable states {sorted(values - reachable)}")
        object.__setattr__(self, "_by_name", by_name)

    def __getitem__(self, name: str) -> Transition:
        try:
            return self._by_name[name]
        except KeyError:
            raise KeyError(f"{self.key} has no transition {name!r}") from None

    def audit_action(self, name: str) -> str:
        """The audit trail's action name of transition ``name``: ``"<key>.<name>"``."""
        return f"{self.key}.{self[name].name}"

    def allows(self, state: str, name: str) -> bool:
        return state in self[name].source

    def label_of(self, state: str) -> str:
        return str(dict(self.states.choices).get(state, state))

    def table(self) -> list[dict[str, str]]:
        """Rows for the documentation: name, label, from, to, who (action on unit)."""
        return [
            {
                "name": t.name,
                "label": t.label,
                "from": ", ".join(sorted(t.source)),
                "to": t.target,
                "who": " or ".join(f"{action} on {on}" for action, on in t.rights()),
            }
            for t in self.transitions
        ]


def workflows() -> list[tuple[type[Stateful], Workflow]]:
    """Every concrete model that declares a workflow, with its table, ordered by key."""
    from django.apps import apps

    found = [
        (model, model.workflow)
        for model in apps.get_models()
        if issubclass(model, Stateful) and isinstance(getattr(model, "workflow", None), Workflow)
    ]
    return sorted(found, key=lambda pair: pair[1].key)


class _Can:
    """``obj.can.<name>`` in templates, ``obj.can("name")`` in Python: state allows it."""

    do_not_call_in_templates = True

    def __init__(self, obj: Stateful) -> None:
        self._obj = obj

    def __call__(self, name: str) -> bool:
        wf = self._obj.workflow
        return wf.allows(getattr(self._obj, wf.state_field), name)

    def __getitem__(self, name: str) -> bool:
        return self(name)


class Stateful(models.Model):
    """Abstract base of models whose state changes only through :func:`perform`.

    ``version`` is bumped by every write so that a form built on an older version is refused
    (:class:`~lamtheobac.core.errors.StaleEdit`) instead of overwriting newer work.
    """

    workflow: ClassVar[Workflow]
    version = models.PositiveIntegerField(default=1)

    class Meta:
        abstract = True

    @property
    def can(self) -> _Can:
        return _Can(self)

    @property
    def state_label(self) -> str:
        wf = self.workflow
        return wf.label_of(getattr(self, wf.state_field))


S = TypeVar("S", bound=Stateful)


def unit_of(obj: models.Model, path: str) -> Unit:
    """The unit reached from ``obj`` by the dotted attribute path ``path``."""
    value: Any = obj
    for part in path.split("."):
        value = getattr(value, part)
    return value


def check_allowed(
    obj: Stateful, name: str, *, by: AbstractBaseUser | AnonymousUser | None
) -> Transition:
    """Refuse unless ``obj``'s state allows transition ``name`` and ``by`` has its right.

    Raises :class:`StateError` (state) or :class:`AccessDenied` (right); ``by=None`` is the
    system itself (demo builder, scheduled jobs) and skips the right check.
    """
    wf = obj.workflow
    t = wf[name]
    state = getattr(obj, wf.state_field)
    if state not in t.source:
        raise StateError(f"Không thể {t.label.lower()}: đang ở trạng thái «{wf.label_of(state)}».")
    if by is not None and not may(by, obj, t):
        raise AccessDenied()
    return t


def may(by: AbstractBaseUser | AnonymousUser, obj: models.Model, t: Transition) -> bool:
    """True when ``by`` holds one of the rights ``t`` accepts, on the unit it names from ``obj``."""
    from lamtheobac.units.policy import policy_of

    policy = policy_of(by)
    return any(policy.can(action, unit_of(obj, on)) for action, on in t.rights())


def lock(obj: S, version: int | None = None) -> S:
    """Lock ``obj``'s row (``SELECT … FOR UPDATE OF self``) and reload it.

    ``version``: the version the user's form was built on; a mismatch raises StaleEdit.
    Must run inside a transaction.
    """
    locked = type(obj)._default_manager.select_for_update(of=("self",)).get(pk=obj.pk)
    if version is not None and locked.version != version:
        raise StaleEdit()
    return locked


def perform(
    obj: S,
    name: str,
    *,
    by: AbstractBaseUser | AnonymousUser | None,
    version: int | None = None,
    changes: Mapping[str, Any] | None = None,
    reason: str = "",
    unit: Unit | None = None,
    audit_after: Mapping[str, Any] | None = None,
) -> S:
    """Carry out transition ``name`` on ``obj`` and return the locked, updated object.

    Steps, in the caller's transaction (one is opened if there is none): lock the row,
    check ``version`` (StaleEdit), the current state (StateError) and ``by``'s right through
    the policy (AccessDenied; skipped for ``by=None``, the system); set the target state and
    the extra field ``changes``; bump ``version``; save only those fields; write one audit
    event ``<key>.<name>`` with ``{"state": before}`` → ``{"state": after, **audit_after}``,
    the ``reason`` and ``unit`` (default: the transition's unit).
    """
    from lamtheobac.audit.models import record

    with transaction.atomic():
        locked = lock(obj, version)
        t = check_allowed(locked, name, by=by)
        wf = locked.workflow
        before = getattr(locked, wf.state_field)
        setattr(locked, wf.state_field, t.target)
        fields = [wf.state_field, "version"]
        for attr, value in (changes or {}).items():
            setattr(locked, attr, value)
            fields.append(attr)
        locked.version += 1
        if any(f.name == "updated_at" for f in locked._meta.concrete_fields):
            fields.append("updated_at")
        locked.save(update_fields=fields)
        record(
            actor=by,
            action=wf.audit_action(name),
            target=locked,
            unit=unit or unit_of(locked, t.on),
            before={"state": before},
            after={"state": t.target, **(audit_after or {})},
            reason=reason,
        )
    return locked


def perform_many(
    queryset: models.QuerySet[S],
    name: str,
    *,
    by: AbstractBaseUser | AnonymousUser | None,
    changes: Mapping[str, Any] | None = None,
    reason: str = "",
    audit_after: Mapping[str, Any] | None = None,
    unit_path: str | None = None,
) -> list[S]:
    """Carry out transition ``name`` on every row of ``queryset`` whose state allows it.

    The bulk form of :func:`perform`, for writes that move many objects at once (accepting
    several reports, finishing a commendation round): rows in other states are left as they
    are. In the caller's transaction: lock the rows (``FOR UPDATE OF self``), check ``by``'s
    right on each row's unit (AccessDenied for the first refused; ``by=None`` is the system),
    set the target state and ``changes``, bump each version, save them with one
    ``bulk_update`` and write one audit event per row ``<key>.<name>`` with one
    ``bulk_create``. ``unit_path`` (default: the transition's ``on``) names the unit each
    audit event is filed under. Returns the changed objects.
    """
    from lamtheobac.audit.models import AuditEvent, unsaved_event

    model = queryset.model
    wf = model.workflow
    t = wf[name]
    with transaction.atomic():
        rows = list(
            queryset.select_for_update(of=("self",)).filter(
                **{f"{wf.state_field}__in": sorted(t.source)}
            )
        )
        if by is not None:
            for row in rows:
                if not may(by, row, t):
                    raise AccessDenied()
        fields = [wf.state_field, "version", *(changes or {})]
        if any(f.name == "updated_at" for f in model._meta.concrete_fields):
            fields.append("updated_at")
        now = timezone.now()
        events = []
        for row in rows:
            before = getattr(row, wf.state_field)
            setattr(row, wf.state_field, t.target)
            for attr, value in (changes or {}).items():
                setattr(row, attr, value)
            row.version += 1
            if "updated_at" in fields:
                setattr(row, "updated_at", now)  # noqa: B010 (not every model has the field)
            events.append(
                unsaved_event(
                    actor=by,
                    action=wf.audit_action(name),
                    target=row,
                    unit=unit_of(row, unit_path or t.on),
                    before={"state": before},
                    after={"state": t.target, **(audit_after or {})},
                    reason=reason,
                )
            )
        model._default_manager.bulk_update(rows, fields)
        AuditEvent.objects.bulk_create(events)
    return rows
