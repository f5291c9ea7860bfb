"""Did-you-mean: near-miss keys, ids and names (names compared as :mod:`archive.names.normalise` reduces them).

Only ever called on the error path, so it may use difflib; the happy path never pays for it.
But a file may hold thousands of unknown keys or ids, each asking for a suggestion among
thousands of candidates, so the candidates are indexed once (:class:`CloseMatcher`) and each
word is compared only with the few that could come close enough: the answers are difflib's.
"""

from __future__ import annotations

import difflib
import heapq
from collections.abc import Iterable

from archive.names.memo import Memo

__all__ = ["CloseMatcher", "close_matches", "did_you_mean"]


def close_matches(word: str, candidates: Iterable[str], n: int = 3, cutoff: float = 0.75) -> list[str]:
    """The candidates most like ``word``, best first: ``difflib.get_close_matches``.

    The candidates are indexed once per distinct collection (callers pass a few dozen field
    names and vocabularies, kept here; more than :data:`_KEPT_MATCHERS` and all are dropped).
    """
    return _MATCHERS[tuple(candidates)].matches(word, n, cutoff)


def _ratio(matches: int, length: int) -> float:
    """difflib's ratio for ``matches`` matching characters in two texts of ``length`` in all."""
    return 2.0 * matches / length if length else 1.0


def _elements(text: str) -> list[tuple[str, int]]:
    """The characters of ``text`` as a set: the k-th ``a`` is ``("a", k)``. Two texts have as
    many of these in common as difflib's ``quick_ratio`` counts matching characters."""
    seen: dict[str, int] = {}
    out = []
    for ch in text:
        k = seen[ch] = seen.get(ch, 0) + 1
        out.append((ch, k))
    return out


def _bits(indices: list[int], size: int) -> int:
    """The set ``indices`` (of ``range(size)``) as the bits of an int."""
    mask = bytearray((size + 7) // 8)
    for index in indices:
        mask[index >> 3] |= 1 << (index & 7)
    return int.from_bytes(mask, "little")


def _at_least(planes: list[int], threshold: int, everyone: int) -> int:
    """The members whose count, written in binary across ``planes`` (bit j of a member's
    count is its bit in ``planes[j]``), is at least ``threshold``."""
    if threshold.bit_length() > len(planes):
        return 0
    greater, equal = 0, everyone
    for j in range(len(planes) - 1, -1, -1):
        if threshold >> j & 1:
            equal &= planes[j]
        else:
            greater |= equal & planes[j]
            equal &= ~planes[j]
    return greater | equal


class CloseMatcher:
    """``difflib.get_close_matches`` over a fixed list of candidates, indexed once.

    difflib compares the word with every candidate: three tests, the last (``ratio``) costly.
    Here the candidates holding each character are indexed (:func:`_elements`; a set of
    candidates is the bits of an int), so that adding up, bit by bit, the sets of the word's
    characters gives every candidate's ``quick_ratio`` at once, in a few hundred operations on
    ints whatever the number of candidates. Only the candidates that pass it and the length
    test (``real_quick_ratio``) are compared with ``ratio``, best bound first, until no other
    can enter the ``n`` best. The answers (and their order) are difflib's.
    """

    def __init__(self, candidates: Iterable[str]) -> None:
        self.candidates: list[str] = list(candidates)
        size = len(self.candidates)
        self._lengths = [len(text) for text in self.candidates]
        holders: dict[tuple[str, int], list[int]] = {}
        by_length: dict[int, list[int]] = {}
        for index, text in enumerate(self.candidates):
            by_length.setdefault(len(text), []).append(index)
            for element in _elements(text):
                holders.setdefault(element, []).append(index)
        self._holders = {element: _bits(indices, size) for element, indices in holders.items()}
        self._of_length = {length: _bits(indices, size) for length, indices in by_length.items()}
        self._everyone = (1 << size) - 1
        self._thresholds: dict[tuple[int, float], list[tuple[int, int]]] = {}

    def matches(self, word: str, n: int = 3, cutoff: float = 0.75) -> list[str]:
        if not n > 0:
            raise ValueError(f"n must be > 0: {n!r}")
        if not 0.0 <= cutoff <= 1.0:
            raise ValueError(f"cutoff must be in [0.0, 1.0]: {cutoff!r}")
        length = len(word)
        thresholds = self._thresholds_for(length, cutoff)
        if not thresholds:
            return []
        if thresholds[0][0] == 0:  # a candidate without a character in common may pass
            return difflib.get_close_matches(word, self.candidates, n, cutoff)
        planes: list[int] = []  # bit j of a candidate's characters in common with the word
        holders = self._holders
        for element in _elements(word):
            carry = holders.get(element, 0)
            j = 0
            while carry:
                if j == len(planes):
                    planes.append(carry)
                    break
                planes[j], carry = planes[j] ^ carry, planes[j] & carry
                j += 1
        passing = 0
        for need, lengths in thresholds:
            passing |= lengths & _at_least(planes, need, self._everyone)
        if not passing:
            return []
        bounds = self._bounds(passing, planes, length)
        bounds.sort(reverse=True)
        matcher = difflib.SequenceMatcher()
        matcher.set_seq2(word)
        best: list[tuple[float, str]] = []  # a heap of the n best so far
        for bound, index in bounds:
            if len(best) == n and bound < best[0][0]:
                break  # (ratio <= quick_ratio: no candidate left can enter the n best)
            text = self.candidates[index]
            matcher.set_seq1(text)
            ratio = matcher.ratio()
            if ratio >= cutoff:
                if len(best) < n:
                    heapq.heappush(best, (ratio, text))
                else:
                    heapq.heappushpop(best, (ratio, text))
        return [text for _, text in heapq.nlargest(n, best)]

    def _bounds(self, passing: int, planes: list[int], length: int) -> list[tuple[float, int]]:
        """``(quick_ratio, index)`` of each candidate in ``passing``."""
        digits = [format(plane, "b")[::-1] for plane in planes]  # (digit i is candidate i)
        members = format(passing, "b")[::-1]
        lengths = self._lengths
        bounds = []
        index = members.find("1")
        while index >= 0:
            common = sum(1 << j for j, plane in enumerate(digits) if index < len(plane) and plane[index] == "1")
            bounds.append((_ratio(common, lengths[index] + length), index))
            index = members.find("1", index + 1)
        return bounds

    def _thresholds_for(self, length: int, cutoff: float) -> list[tuple[int, int]]:
        """For a word of ``length`` characters: ``(need, lengths)`` pairs, fewest first, where
        ``lengths`` holds the candidates of the lengths that can reach ``cutoff``
        (``real_quick_ratio``) with ``need`` characters in common and not fewer."""
        key = (length, cutoff)
        found = self._thresholds.get(key)
        if found is None:
            by_need: dict[int, int] = {}
            for other, members in self._of_length.items():
                total = other + length
                if _ratio(min(other, length), total) < cutoff:
                    continue
                need = max(0, int(cutoff * total / 2) - 1)
                while _ratio(need, total) < cutoff:
                    need += 1
                by_need[need] = by_need.get(need, 0) | members
            found = sorted(by_need.items())
            if len(self._thresholds) > 256:
                self._thresholds.clear()
            self._thresholds[key] = found
        return found


_KEPT_MATCHERS = 64
_MATCHERS: Memo[tuple[str, ...], CloseMatcher] = Memo(CloseMatcher, _KEPT_MATCHERS)


def did_you_mean(options: list[str]) -> str:
    if not options:
        return ""
    quoted = [f"'{o}'" for o in options]
    if len(quoted) == 1:
        return f"did you mean {quoted[0]}?"
    return f"did you mean {', '.join(quoted[:-1])} or {quoted[-1]}?"
