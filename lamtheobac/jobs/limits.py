"""The worker's memory ceiling (plain Python: no Django import, usable before setup)."""

from __future__ import annotations

import resource


def limit_memory(megabytes: int) -> None:
    """Cap this process's address space (RLIMIT_AS) at ``megabytes``; 0 leaves it alone.
    Past it, an allocation raises MemoryError, which fails the job (``runner.OUT_OF_MEMORY``)."""
    if megabytes <= 0:
        return
    limit = megabytes * 1024 * 1024
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))
