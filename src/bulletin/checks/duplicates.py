"""The same activity reported twice in a week: equal bodies, or bodies at least 90 % alike.

Alike is difflib's ratio over the bodies' letters and digits (punctuation, spaces and line
breaks do not count). Comparing every pair would grow with the square of a week's entries,
so a pair is compared only when the two bodies share an anchor: a whole clause, or the
first or last characters of a long one. Bodies that alike share clauses, since an edit of
a tenth of the text leaves most clauses whole. Cheap bounds of the ratio then spare most
candidates the ratio itself. On the 2-core machine, 10,000 entries of one week built from a
few hundred shared clauses take about 0.5 s, as long as validating them.
"""

from __future__ import annotations

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
            candidates = sorted(
                {
                    other
                    for anchor in anchors
                    if len(by_anchor[anchor]) <= _BOILERPLATE
                    for other in by_anchor[anchor]
                }
            )
            found = _first_alike(texts, candidates, text, threshold)
            for anchor in anchors:
                by_anchor[anchor].append(index)
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

    @cached_property
    def characters(self) -> frozenset[str]:
        return frozenset(self.letters)

    @cached_property
    def counts(self) -> Counter[str]:
        return Counter(self.letters)


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


def _first_alike(
    texts: Sequence[_Text], candidates: Sequence[int], text: _Text, threshold: float
) -> tuple[int, float] | None:
    matcher: SequenceMatcher[str] | None = None
    for other in candidates:
        if not _may_be_alike(texts[other], text, threshold):
            continue
        if matcher is None:
            matcher = SequenceMatcher(None, autojunk=False)
            matcher.set_seq2(text.letters)  # indexed once, compared with each candidate
        matcher.set_seq1(texts[other].letters)
        ratio = matcher.ratio()
        if ratio >= threshold:
            return other, ratio
    return None


def _may_be_alike(first: _Text, second: _Text, threshold: float) -> bool:
    """Whether the ratio can reach ``threshold``, by bounds far cheaper than the ratio.

    The ratio is 2M/(a+b) for M characters matched in order, and a character of one text
    that never occurs in the other cannot be matched: M ≤ a − (the occurrences in the first
    text of characters missing from the second), and likewise the other way round.
    """
    needed = threshold * (len(first.letters) + len(second.letters)) / 2
    if min(len(first.letters), len(second.letters)) < needed:
        return False
    for one, two in ((first, second), (second, first)):
        missing = one.characters - two.characters
        # Each missing character occurs at least once: a bound without counting first.
        if len(one.letters) - len(missing) < needed:
            return False
        if len(one.letters) - sum(one.counts[char] for char in missing) < needed:
            return False
    return True
