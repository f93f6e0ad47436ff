"""Write functions of commendations (issue 7, ADR 0005): ``prefill`` (a round from a plan),
``setup`` (a round's settings and states), ``round_rules`` (quota rules, criteria, dossier
requirements), ``nominations`` (the unit side) and ``review`` (the committee's review).

State changes are the declared transitions of ``CommendationRound.workflow`` and
``Nomination.workflow`` (audited as ``<key>.<name>``); the other writes are audited under the
names below. ``NominationStep`` names the entries of a nomination's own state log.
"""

from __future__ import annotations

from enum import StrEnum


class CommendationAction(StrEnum):
    """Audit action names of the commendation writes that are not state transitions."""

    ROUND_CREATED = "commendation_round.created"
    ROUND_UPDATED = "commendation_round.updated"
    QUOTA_RULE_SAVED = "commendation_round.quota_rule_saved"
    QUOTA_RULE_REMOVED = "commendation_round.quota_rule_removed"
    CRITERION_SAVED = "commendation_round.criterion_saved"
    REQUIREMENT_SAVED = "commendation_round.requirement_saved"
    NOMINATED = "nomination.nominated"
    NOMINATION_UPDATED = "nomination.updated"
    DOSSIER_ITEM_ADDED = "nomination.dossier_item_added"
    DOSSIER_ITEM_REMOVED = "nomination.dossier_item_removed"
    ELIGIBILITY_OVERRIDDEN = "nomination.eligibility_overridden"
    GRASSROOTS_ROUND_OPENED = "commendation_round.grassroots_round_opened"
    PICKS_FORWARDED = "commendation_round.picks_forwarded"


class NominationStep(StrEnum):
    """Entries of a nomination's state log (``NominationEvent.action``), shown on its page."""

    NOMINATED = "nominated"
    DOSSIER_ITEM_ADDED = "dossier_item_added"
    DOSSIER_ITEM_REMOVED = "dossier_item_removed"
    SUBMITTED = "submitted"
    WITHDRAWN = "withdrawn"
    RETURNED = "returned"
    SHORTLISTED = "shortlisted"
    DECIDED = "decided"
    ELIGIBILITY_OVERRIDDEN = "eligibility_overridden"
    ROUND_FINISHED = "round_finished"
