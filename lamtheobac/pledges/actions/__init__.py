"""Write functions of the pledges app: plans, imports, transfers, exemplars and models.

Transitions are audited by ``core.transitions.perform`` as ``<workflow key>.<name>``
(``pledge.submit``, ``exemplary_model.approve`` …); the other writes use the names below.
"""

from __future__ import annotations

from enum import StrEnum


class AuditAction(StrEnum):
    PLEDGE_STARTED = "pledge.started"
    PLEDGE_EDITED = "pledge.edited"
    CELL_ENTRY = "pledge.cell_entry"
    PLEDGES_IMPORTED = "pledge.imported"
    PERSON_MOVED = "pledge.person_moved"
    EXEMPLAR_PROPOSED = "exemplar.proposed"
    EXEMPLAR_NOMINATED = "exemplar.nominated"
    MODEL_REGISTERED = "exemplary_model.registered"
    MODEL_EDITED = "exemplary_model.edited"
    MODEL_FILE_ADDED = "exemplary_model.file_added"
    MODEL_FILE_REMOVED = "exemplary_model.file_removed"
