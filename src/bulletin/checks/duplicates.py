"""The same activity reported twice in a week: equal bodies, or bodies at least 90 % alike.

Alike is difflib's ratio over the bodies' letters and digits (punctuation, spaces and line
breaks do not count). Comparing every pair would grow with the square of a week's entries,
so a pair is compared only when the two bodies share an anchor: a whole clause, or the
first or last characters of a long one. Bodies that alike share clauses, since an edit of
a tenth of the text leaves most clauses whole. An anchor shared by many entries is left out,
so each entry has a bounded number of candidates and the work grows linearly with the week.
Cheap bounds of the ratio (lengths, then which characters occur) then spare almost every
candidate the ratio itself; they only ever rule out pairs whose ratio is below the
threshold, so the pairs found are those the ratio alone would find among the candidates.
On the 2-core machine, 10,000 entries of one week built from a few hundred shared clauses
(185,000 candidate pairs) take about 0.3 s.
"""

from __future__ import annotations

import math
import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence
from difflib import SequenceMatcher
from functools import cached_property

from bulletin.diagnostics import Problem, warning
from bulletin.model import Entry
from bulletin.weeks import WeekId

CODE = "W-duplicate"
_CLAUSE_BREAK = re.compile(r"[\W_]+")
_FULL_WIDTH_ALPHANUMERIC = re.compile("[０-９Ａ-Ｚａ-ｚ]")
_SHORTEST_ANCHOR = 6
_ANCHOR_END = 8
# An anchor shared by more entries than this is boilerplate (在县民政局指导下), not a sign.
_BOILERPLATE = 20
_BINARY_DIGITS = b"0" * 255 + b"1"  # a translation table: 0xFF → "1", every other byte → "0"


def find_duplicates(entries: Sequence[Entry], threshold: float) -> Iterator[Problem]:
    """Each entry that repeats an earlier one of its week, at the later one in path order."""
    weeks: dict[WeekId | None, list[Entry]] = defaultdict(list)
    for entry in entries:
        weeks[entry.week].append(entry)
    for members in weeks.values():
        yield from _within_week(members, threshold)


def _within_week(entries: Sequence[Entry], threshold: float) -> Iterator[Problem]:
    texts: list[_Text] = []
    first_with_text: dict[str, int] = {}
    by_anchor: dict[str, list[int]] = defaultdict(list)
    for index, entry in enumerate(entries):
        clauses = _clauses(entry.body)
        text = _Text("".join(clauses))
        texts.append(text)
        if not text.letters:
            continue  # nothing to compare; W-short-body says so
        earlier = first_with_text.setdefault(text.letters, index)
        if earlier != index:
            found: tuple[int, float] | None = (earlier, 1.0)
        else:
            anchors = _anchors(clauses)
            shortest, longest = _sizes_alike(text.size, threshold)
            # Beyond _BOILERPLATE entries an anchor stays boilerplate: it is neither read nor
            # counted again.
            sharing = [ids for anchor in anchors if len(ids := by_anchor[anchor]) <= _BOILERPLATE]
            shared = set().union(*sharing)  # in C: most candidates share several anchors
            candidates = sorted(
                other for other in shared if shortest <= texts[other].size <= longest
            )
            found = _first_alike(texts, candidates, text, threshold)
            for ids in sharing:
                ids.append(index)
        if found is None:
            continue
        other = entries[found[0]]
        if CODE in entry.ignore or CODE in other.ignore:
            continue
        yield warning(entry.location, CODE, other=str(other.location), percent=int(found[1] * 100))


class _Text:
    """A body's letters and digits, with what the cheap bounds need computed when asked."""

    def __init__(self, letters: str) -> None:
        self.letters = letters
        self.size = len(letters)

    @cached_property
    def characters(self) -> frozenset[str]:
        return frozenset(self.letters)

    @cached_property
    def counts(self) -> Counter[str]:
        return Counter(self.letters)

    @cached_property
    def buckets(self) -> int:
        """A 256-bit integer: a bit for each low byte of the code points that occur.

        Made in C, without a loop over the characters: the low byte of each code point (one
        UTF-32 unit per character) is mapped to 0xFF in a translation table of all 256 bytes,
        and the table, read as digits "1" where it holds 0xFF and "0" elsewhere, is parsed
        as a binary number. Byte 255 always reads "1", so it never counts as missing: a bound
        a little weaker, never wrong.
        """
        low_bytes = self.letters.encode("utf-32-le", "surrogatepass")[::4]
        table = bytes.maketrans(low_bytes, b"\xff" * len(low_bytes))
        return int(table.translate(_BINARY_DIGITS), 2)


def _clauses(body: str) -> list[str]:
    # Full-width letters and digits (１０名) compare equal to half-width ones. NFKC is slow on
    # Chinese text, and its full-width punctuation is a clause break either way.
    if _FULL_WIDTH_ALPHANUMERIC.search(body):
        body = unicodedata.normalize("NFKC", body)
    return [part for part in _CLAUSE_BREAK.split(body) if part]


def _anchors(clauses: Sequence[str]) -> set[str]:
    anchors = {clause for clause in clauses if len(clause) >= _SHORTEST_ANCHOR}
    long = [clause for clause in clauses if len(clause) > 2 * _ANCHOR_END]
    anchors.update("^" + clause[:_ANCHOR_END] for clause in long)
    anchors.update("$" + clause[-_ANCHOR_END:] for clause in long)
    return anchors


def _sizes_alike(size: int, threshold: float) -> tuple[int, int]:
    """The lengths a text alike to one of ``size`` can have, one more each way than exact.

    The ratio of texts of a ≤ b letters is at most 2a/(a+b), so b lies within
    [t·a/(2−t), a·(2−t)/t]; ``_may_be_alike`` decides the edges exactly.
    """
    return (
        math.floor(threshold * size / (2 - threshold)) - 1,
        math.ceil(size * (2 - threshold) / threshold) + 1,
    )


def _first_alike(
    texts: Sequence[_Text], candidates: Sequence[int], text: _Text, threshold: float
) -> tuple[int, float] | None:
    matcher: SequenceMatcher[str] | None = None
    for other in candidates:
        first = texts[other]
        needed = threshold * (first.size + text.size) / 2
        # The ratio is 2M/(a+b) for M characters matched in order, and a character of one
        # text that never occurs in the other cannot be matched. A bucket of one text that no
        # character of the other falls in holds at least one such character: the count of
        # those buckets bounds M in two integer operations, and rules out almost every
        # candidate before the exact bounds below (written here, not called: this loop runs
        # for hundreds of thousands of pairs).
        if first.size - (first.buckets & ~text.buckets).bit_count() < needed:
            continue
        if text.size - (text.buckets & ~first.buckets).bit_count() < needed:
            continue
        if not _may_be_alike(first, text, needed):
            continue
        if matcher is None:
            matcher = SequenceMatcher(None, autojunk=False)
            matcher.set_seq2(text.letters)  # indexed once, compared with each candidate
        matcher.set_seq1(first.letters)
        ratio = matcher.ratio()
        if ratio >= threshold:
            return other, ratio
    return None


def _may_be_alike(first: _Text, second: _Text, needed: float) -> bool:
    """Whether ``needed`` characters can be matched, by bounds far cheaper than the ratio:
    M ≤ a − (the occurrences in the first text of characters missing from the second), and
    likewise the other way round."""
    if first.size < needed or second.size < needed:
        return False
    for one, two in ((first, second), (second, first)):
        missing = one.characters - two.characters
        # Each missing character occurs at least once: a bound without counting first.
        if one.size - len(missing) < needed:
            return False
        if one.size - sum(one.counts[char] for char in missing) < needed:
            return False
    return True
