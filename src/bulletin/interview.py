"""The questions ``bulletin new`` asks at a terminal, for the fields no flag gave.

Every answer is checked with the same resolvers as the flags (``new_entry``); a wrong answer
gets the same plain message and the question again, so nobody has to start over.
"""

from __future__ import annotations

import dataclasses
from datetime import date
from typing import Protocol

from bulletin.config import Category, ProjectConfig
from bulletin.diagnostics import Problem
from bulletin.messages import Lang, render_message, text
from bulletin.new_entry import (
    EntryFields,
    Place,
    describe,
    match_places,
    places,
    resolve_category,
    resolve_place,
    resolve_when,
)


class Terminal(Protocol):
    def ask(self, question: str, default: str = "") -> str: ...

    def say(self, line: str) -> None: ...

    def edit(self) -> str | None: ...


def interview(
    config: ProjectConfig, given: EntryFields, today: date, lang: Lang, terminal: Terminal
) -> EntryFields:
    """``given`` completed with answers; fields that flags gave correctly are not asked."""
    session = _Interview(config, lang, terminal)
    fields = dataclasses.replace(given)
    found = resolve_place(config, given.station, given.district)
    if given.station or given.district:
        session.report(found)
    place = found if isinstance(found, Place) else session.place()
    fields.station, fields.district = place.station, place.district
    category = resolve_category(config, given.category) if given.category else None
    if not isinstance(category, Category):
        session.report(category)
        category = session.category()
    fields.category = category.key
    if given.date is None or isinstance(resolve_when(given.date, today), Problem):
        fields.date = session.when(today)
    if given.title is None:
        fields.title = terminal.ask(text("ask_title", lang)) or None
    if not (given.body and given.body.strip()):
        fields.body = session.body()
    return fields


class _Interview:
    def __init__(self, config: ProjectConfig, lang: Lang, terminal: Terminal) -> None:
        self.config = config
        self.lang = lang
        self.terminal = terminal

    def report(self, problem: object) -> None:
        if isinstance(problem, Problem):
            self.terminal.say(render_message(problem, self.lang))

    def choose(self, options: list[str]) -> int | None:
        for number, option in enumerate(options, start=1):
            self.terminal.say(f"  {number}. {option}")
        answer = self.terminal.ask(text("ask_number", self.lang))
        if answer.isdigit() and 1 <= int(answer) <= len(options):
            return int(answer) - 1
        return None

    def place(self) -> Place:
        if not self.config.districts:
            while not (answer := self.terminal.ask(text("ask_station_free", self.lang))):
                pass
            return Place(answer, None)
        while True:
            answer = self.terminal.ask(text("ask_station", self.lang))
            found = match_places(self.config, answer) if answer else places(self.config)
            if not found:
                self.report(resolve_place(self.config, answer, None))  # says why, with a guess
                continue
            if len(found) == 1:
                self.terminal.say(text("chosen", self.lang, choice=describe(found[0])))
                return found[0]
            index = self.choose([describe(place) for place in found])
            if index is not None:
                return found[index]

    def category(self) -> Category:
        categories = self.config.categories
        for number, category in enumerate(categories, start=1):
            self.terminal.say(f"  {number}. {category.title}（{category.key}）")
        while True:
            answer = self.terminal.ask(text("ask_category", self.lang))
            if answer.isdigit() and 1 <= int(answer) <= len(categories):
                return categories[int(answer) - 1]
            found = resolve_category(self.config, answer)
            if isinstance(found, Category):
                return found
            self.report(found)

    def when(self, today: date) -> str:
        """A day or a period, as the worker wrote it once it reads."""
        while True:
            answer = self.terminal.ask(text("ask_date", self.lang), today.isoformat())
            found = resolve_when(answer, today)
            if not isinstance(found, Problem):
                return answer or today.isoformat()
            self.report(found)

    def body(self) -> str:
        while True:
            answer = self.terminal.ask(text("ask_body", self.lang)) or (self.terminal.edit() or "")
            if answer.strip():
                return answer
            self.terminal.say(text("body_needed", self.lang))
