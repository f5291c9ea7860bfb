"""One memo for the many "compute once per distinct key" tables of names and search.

A text repeats its words and an archive its entities, so each derived value (a word's keys, a
token's index term, an entity's spellings, a collection's did-you-mean index) is computed the
first time it is asked for and then looked up. :class:`Memo` is that table: a ``dict`` whose
missing keys are filled by a function, so a hit costs one dict lookup and no Python call
(``memo[key]``, or ``memo.__getitem__`` passed to ``map``). With a ``limit`` it forgets all it
holds when full, a bound on memory for a process that reads without end (``archive import`` of a
large corpus); without one it lives as long as its owner (one build, one index).

``functools.lru_cache`` is kept for pure functions of one string (``archive.names.normalise``):
there the cache belongs to the function, not to an object.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Generic, Optional, TypeVar

__all__ = ["Memo"]

K = TypeVar("K")
V = TypeVar("V")


class Memo(dict[K, V], Generic[K, V]):
    """``memo[key]`` is ``compute(key)``, computed once (until ``limit`` keys are held)."""

    __slots__ = ("compute", "limit")

    def __init__(self, compute: Callable[[K], V], limit: Optional[int] = None) -> None:
        super().__init__()
        self.compute = compute
        self.limit = limit

    def __missing__(self, key: K) -> V:
        if self.limit is not None and len(self) >= self.limit:
            self.clear()
        value = self[key] = self.compute(key)
        return value
