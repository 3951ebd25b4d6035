"""The same activity reported twice in a week: equal bodies, or bodies at least 90 % alike.

Alike is difflib's ratio over the bodies' letters and digits (punctuation, spaces and line
breaks do not count). Comparing every pair would grow with the square of a week's entries,
so a pair is compared only when the two bodies share an anchor: the first or last six
characters of a clause (which a comma added or dropped beside the clause leaves), or a whole
clause longer than twelve (a shorter one is its two ends). Bodies that alike share anchors, since an edit of a tenth of the text leaves most
clauses whole, or their ends; a body edited inside every one of its clauses escapes. An anchor shared by many entries is left out,
so each entry has a bounded number of candidates and the work grows linearly with the week.
Cheap bounds of the ratio (lengths, then which characters occur) then spare almost every
candidate the ratio itself; they only ever rule out pairs whose ratio is below the
threshold, so the pairs found are those the ratio alone would find among the candidates.
On the 2-core machine, 10,000 entries of one week built from a few hundred shared clauses
(185,000 candidate pairs) take about 0.3 s.

A search keeps what it found (``WeekSearch``) for the next one, which then searches again only
for the entries whose result a change can reach: editing one file of 10,000 makes the next
search a pass over the week's anchors, without comparing.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import cached_property
from types import MappingProxyType

from bulletin.diagnostics import Problem, warning
from bulletin.load import YamlPath
from bulletin.model import Entry
from bulletin.records import Record
from bulletin.weeks import WeekId

CODE = "W-duplicate"
_CLAUSE_BREAK = re.compile(r"[\W_]+")
_FULL_WIDTH_ALPHANUMERIC = re.compile("[０-９Ａ-Ｚａ-ｚ]")
_SHORTEST_ANCHOR = 6
_ANCHOR_END = _SHORTEST_ANCHOR
# An anchor shared by more entries than this is boilerplate (在县民政局指导下), not a sign.
_BOILERPLATE = 20
_BINARY_DIGITS = b"0" * 255 + b"1"  # a translation table: 0xFF → "1", every other byte → "0"


def find_duplicates(
    entries: Sequence[Entry],
    threshold: float,
    texts: Sequence[BodyText] | None = None,
    earlier: Mapping[WeekId | None, WeekSearch] = MappingProxyType({}),
) -> Duplicates:
    """Each entry that repeats an earlier one of its week, at the later one in path order.

    ``texts`` are the entries' ``body_text``, when they are known already; ``earlier`` is
    what the previous search found (``Duplicates.weeks``): only the entries whose result can
    have changed since are searched again.
    """
    if texts is None:
        texts = [body_text(entry.body) for entry in entries]
    weeks: dict[WeekId | None, list[int]] = defaultdict(list)
    for index, entry in enumerate(entries):
        weeks[entry.week].append(index)
    problems: list[Problem] = []
    searches: dict[WeekId | None, WeekSearch] = {}
    for week, members in weeks.items():
        week_entries = [entries[index] for index in members]
        search = _search_week(
            week_entries, [texts[index] for index in members], threshold, earlier.get(week)
        )
        searches[week] = search
        for entry, repeated in zip(week_entries, search.repeats, strict=True):
            if repeated is None:
                continue
            other = week_entries[repeated[0]]
            if CODE in entry.ignore or CODE in other.ignore:
                continue
            percent = int(repeated[1] * 100)
            problems.append(
                warning(entry.location, CODE, other=str(other.location), percent=percent)
            )
    return Duplicates(problems, searches)


def repeated_file(problem: Problem) -> str | None:
    """The file of the earlier entry that a ``W-duplicate`` names (None for any other
    problem): a run that reports only some files keeps a repeat of one of them."""
    other = problem.args.get("other")
    return other.split(":")[0] if problem.code == CODE and isinstance(other, str) else None


@dataclass(frozen=True, slots=True)
class BodyText(Record):
    """What the search needs of a body: its clauses (its runs of letters and digits), one per
    line. Its anchors are made again when needed rather than kept: a province's week would
    hold a few hundred thousand of them."""

    clauses: str

    @property
    def letters(self) -> str:
        return self.clauses.replace("\n", "")

    def anchors(self) -> set[str]:
        return _anchors(self.clauses.split("\n"))


def body_text(body: str) -> BodyText:
    return BodyText("\n".join(_clauses(body)))


EntryKey = tuple[str, YamlPath]  # the entry's file and its place there: ``EntryPlaces.order``


@dataclass(frozen=True)
class WeekSearch:
    """A week's search as the next one needs it: its entries in order, their texts, and for
    each the earlier entry it repeats (by index) with the ratio, or None."""

    keys: tuple[EntryKey, ...]
    texts: tuple[BodyText, ...]
    repeats: tuple[tuple[int, float] | None, ...]


@dataclass(frozen=True)
class Duplicates:
    problems: list[Problem]
    weeks: dict[WeekId | None, WeekSearch]


def _search_week(
    entries: Sequence[Entry],
    texts: Sequence[BodyText],
    threshold: float,
    earlier: WeekSearch | None,
) -> WeekSearch:
    keys = tuple(entry.places.order() for entry in entries)
    unchanged = _Unchanged(earlier, keys, texts) if earlier is not None else None
    compared: list[_Text] = []
    first_with_text: dict[str, int] = {}
    by_anchor: dict[str, list[int]] = defaultdict(list)
    repeats: list[tuple[int, float] | None] = []
    for index, text in enumerate(texts):
        letters = text.letters
        compared.append(_Text(letters))
        if not letters:
            repeats.append(None)  # nothing to compare; W-short-body says so
            continue
        earlier_index = first_with_text.setdefault(letters, index)
        if earlier_index != index:
            repeats.append((earlier_index, 1.0))
            continue
        anchors = text.anchors()
        # Beyond _BOILERPLATE entries an anchor stays boilerplate: it is neither read nor
        # counted again.
        sharing = [ids for anchor in anchors if len(ids := by_anchor[anchor]) <= _BOILERPLATE]
        if unchanged is not None and unchanged.holds(index, letters, anchors):
            found = unchanged.repeat(index)
        else:
            # set.union in C: most candidates share several anchors
            found = _first_alike(
                compared, sorted(set().union(*sharing)), compared[index], threshold
            )
        repeats.append(found)
        for ids in sharing:
            ids.append(index)
    return WeekSearch(keys, tuple(texts), tuple(repeats))


class _Unchanged:
    """Which entries of a week searched before find what they found then, without a search.

    An entry's result depends on the entries before it that have its letters, and, for each
    of its anchors, on the first ``_BOILERPLATE + 1`` entries before it that have the anchor
    (not counting exact repeats, which add no anchors): after those the anchor is boilerplate.
    An entry not changed since (same place, same text) finds what it found then unless a
    changed entry (added, removed or edited) has its letters, or one of its anchors is shared
    by k changed entries and fewer than ``_BOILERPLATE + 1 + k`` entries before it: then the
    entries that anchor reaches may differ. Entries with a changed entry's letters may have
    become, or stopped being, exact repeats, so they count as changed for their anchors.
    """

    def __init__(self, earlier: WeekSearch, keys: Sequence[EntryKey], texts: Sequence[BodyText]):
        before = {
            key: (index, text)
            for index, (key, text) in enumerate(zip(earlier.keys, earlier.texts, strict=True))
        }
        self.earlier = earlier
        self.index_of = {key: index for index, key in enumerate(keys)}
        self.was: list[int | None] = []
        changed: list[BodyText] = []
        for key, text in zip(keys, texts, strict=True):
            old = before.pop(key, None)
            self.was.append(old[0] if old is not None and old[1] == text else None)
            if old is not None and old[1] != text:
                changed.append(old[1])
            if self.was[-1] is None:
                changed.append(text)
        changed += [text for _, text in before.values()]  # entries no longer there
        self.changed_letters = {text.letters for text in changed}
        flipped = [text for text in texts if text.letters in self.changed_letters]
        self.changed_anchors = Counter(
            anchor for text in [*changed, *flipped] for anchor in text.anchors()
        )
        self.counted: Counter[str] = Counter()

    def holds(self, index: int, letters: str, anchors: set[str]) -> bool:
        """Whether the entry finds what it found before. Called in order for each entry that
        is not an exact repeat: it counts them."""
        was = self.was[index]
        reached = [anchor for anchor in anchors if anchor in self.changed_anchors]
        holds = (
            was is not None
            and letters not in self.changed_letters
            and all(
                self.counted[anchor] > _BOILERPLATE + self.changed_anchors[anchor]
                for anchor in reached
            )
        )
        self.counted.update(reached)
        return holds

    def repeat(self, index: int) -> tuple[int, float] | None:
        """What the entry found before, when that ``holds``: the entry it repeats is unchanged."""
        was = self.was[index]
        assert was is not None
        repeated = self.earlier.repeats[was]
        if repeated is None:
            return None
        return self.index_of[self.earlier.keys[repeated[0]]], repeated[1]


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
    """Each clause, and its first and last characters: a clause's ends stay anchors when a
    comma is added or dropped next to it (社工来到桂李寨村，对… and 社工来到桂李寨村对…)."""
    anchors: set[str] = set()
    for clause in clauses:
        size = len(clause)
        if size >= _SHORTEST_ANCHOR:
            anchors.add("^" + clause[:_ANCHOR_END])
            anchors.add("$" + clause[-_ANCHOR_END:])
            if size > 2 * _ANCHOR_END:  # a shorter one is its two ends
                anchors.add(clause)
    return anchors


def _first_alike(
    texts: Sequence[_Text], candidates: Sequence[int], text: _Text, threshold: float
) -> tuple[int, float] | None:
    matcher: SequenceMatcher[str] | None = None
    size, buckets, outside = text.size, text.buckets, ~text.buckets
    half = threshold / 2
    for other in candidates:
        first = texts[other]
        needed = half * (first.size + size)
        # The ratio is 2M/(a+b) for M characters matched in order, M ≤ min(a, b), and a
        # character of one text that never occurs in the other cannot be matched. A bucket of
        # one text that no character of the other falls in holds at least one such character:
        # the count of those buckets bounds M in two integer operations, and rules out almost
        # every candidate before the exact bounds below (written here, not called: this loop
        # runs for hundreds of thousands of pairs).
        if first.size < needed or size < needed:
            continue
        if first.size - (first.buckets & outside).bit_count() < needed:
            continue
        if size - (buckets & ~first.buckets).bit_count() < needed:
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
    for one, two in ((first, second), (second, first)):
        missing = one.characters - two.characters
        # Each missing character occurs at least once: a bound without counting first.
        if one.size - len(missing) < needed:
            return False
        if one.size - sum(one.counts[char] for char in missing) < needed:
            return False
    return True
