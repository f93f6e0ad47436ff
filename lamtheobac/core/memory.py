"""Building large results in memory without the cyclic garbage collector walking them.

CPython starts a full collection each time the objects that survived the young generations
exceed a quarter of those already in the oldest one. A process holds about 150,000 long-lived
objects (Django, the apps, the URLconf), so a read or an import that keeps tens of thousands
of model instances, rows and lists until it returns triggers full collections that walk the
whole heap — none for a small result, several for a large one, each longer than the last:

- the eligibility list of 10,000 nominees (``commendations.queries.nominations_by_unit``)
  spent 0.7–0.8 s of its 2.0 s CPU in four full collections, the list of 1,000 none
  (``lamtheobac bench``, commendations);
- reading and matching a roster of 150,000 people, about 0.6 s CPU
  (``lamtheobac bench --roster``).

Reference counting still frees at once what such work drops; what it keeps holds no reference
cycles, so nothing is lost by leaving the collector off while it is built.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

_lock = threading.Lock()
_depth = 0
_was_enabled = False


@contextmanager
def gc_paused() -> Iterator[None]:
    """No cyclic garbage collection inside the block. The collector is process-wide: the
    outermost of nested or concurrent (other threads') blocks switches it off, and the last
    one to end switches it back on if it was on before the first began."""
    global _depth, _was_enabled
    with _lock:
        if _depth == 0:
            _was_enabled = gc.isenabled()
            gc.disable()
        _depth += 1
    try:
        yield
    finally:
        with _lock:
            _depth -= 1
            if _depth == 0 and _was_enabled:
                gc.enable()
