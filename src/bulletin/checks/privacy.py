"""Clients' names and numbers that must not be published.

``W-private-name``: a name from the coordinator's private list (``[privacy] names_file``);
the message never repeats the name, so it does not reach CI logs.
``W-full-name``: in casework, a common surname with one or two given-name characters right
after 服务对象/个案/案主…, as in 对服务对象张某某、李某某进行回访 written with real names. Pseudonyms
(张某, 小张, 张大爷, 张静（化名）) pass.
``W-id-number``, ``W-phone-number``: a resident ID number (18 characters whose birth date and
check digit are right) or a mobile number (11 digits from 13 to 19), anywhere readers see.
WeChat's rules forbid publishing the first; both let anyone find the client.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date

from bulletin.checks.context import CheckContext
from bulletin.diagnostics import Problem, warning
from bulletin.model import Entry

# The most common surnames, without those that mostly begin ordinary words after 服务对象
# (高龄, 方面, 安全, 关心, 全家, 常年, 于是, 向社工…).
SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶"
    "苏魏吕丁任沈姚卢姜崔钟谭陆汪范廖贾夏韦付邹孟熊秦邱江尹薛闫段雷侯史陶黎贺顾毛郝龚邵"
    "钱严覃武戴莫孔汤温牛樊葛邢齐易乔伍庞颜倪庄聂章鲁岳翟殷詹欧耿焦俞左柳甘祝包宁符舒阮"
    "柯纪梅凌毕季裴霍涂苗盛翁冉骆蓝靳柴鲍喻祁蒲滕饶艾尤穆卓缪娄窦戚岑宫卜冷晏瞿佟臧闵苟"
    "邬卞栾隋刁巫寇桑郎甄仲虞敖巩佘邝"
)
# Characters that make 张某, 小张's kin (张大爷, 张阿姨) or a title (张老师), not a given name.
_NOT_GIVEN = "某先女老大阿婆爷奶姨叔伯哥姐弟妹嫂氏师总工社家们同书主局村镇乡县区医护经处科校园所站的了和与及等在是进到去来说一二三四五六七八九十"
_TRIGGER = r"(?:服务对象|个案对象|案主|个案|对象|求助者|求助人|受助者|受助人|当事人)"
_NAME = rf"[{SURNAMES}][^\W\d_{_NOT_GIVEN}]{{1,2}}"
# What may follow a name: punctuation or the end, or a word that cannot continue it.
_AFTER = r"(?=[\W_]|$|家|的|进行|等|及其|因|现年|今年|目前|是|和|与|及)"
_NAMES_AFTER_TRIGGER = re.compile(rf"{_TRIGGER}[\s:：“”\"'「『]*({_NAME}{_AFTER})")
_MORE_NAMES = re.compile(rf"[、,，和与及]\s*({_NAME}{_AFTER})")
_PSEUDONYM_MARK = re.compile(r"\s*[（(]化名[）)]")
# Surname-led words that read like names after 服务对象.
_WORDS = frozenset({"马上", "周岁", "周末", "周边", "许多", "孙子", "孙女", "余额", "钱款", "任务"})


def full_names(entry: Entry, context: CheckContext) -> Iterator[Problem]:
    if entry.category not in context.casework:
        return
    for field, inner, text in _published_texts(entry):
        for name, end in _names_in(text):
            if _PSEUDONYM_MARK.match(text, end):
                continue
            surname = name[0]
            # Only the surname is repeated: CI logs and pull-request annotations are public.
            yield warning(
                entry.places.text_in(name, field, *inner),
                "W-full-name",
                value=surname + "*" * (len(name) - 1),
                pseudonyms=(f"{surname}某", f"小{surname}"),
            )


def private_names(entry: Entry, context: CheckContext) -> Iterator[Problem]:
    if context.private_names is None:
        return
    for field, inner, text in _published_texts(entry):
        found = context.private_names.search(text)
        if found:
            where = entry.places.text_in(found[0], field, *inner)
            yield warning(where, "W-private-name", field="caption" if inner else field)


def contact_numbers(entry: Entry, context: CheckContext) -> Iterator[Problem]:
    for field, inner, text in _published_texts(entry):
        for found in _DIGIT_RUN.finditer(text):
            number = found[0]
            if len(number) == 18 and _is_id_number(number):
                code, value = "W-id-number", _masked(number, 4, 4)
            elif len(number) == 11 and number[0] == "1" and number[1] in "3456789":
                code, value = "W-phone-number", _masked(number, 3, 4)
            else:
                continue  # a serial number or a figure, or part of one
            yield warning(entry.places.text_in(number, field, *inner), code, value=value)


# Runs of 11 digits or more (an ID number may end in X), then told apart by length. A match
# always takes a whole run: the first digit of a long enough run is tried before the rest. A
# single digit first, not a look-behind, lets the scan skip to the next digit in C.
_DIGIT_RUN = re.compile(r"[0-9][0-9]{10,}[Xx]?")
_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)


def _is_id_number(text: str) -> bool:
    """GB 11643: a birth date at characters 7–14, and a check digit (ISO 7064 MOD 11-2)."""
    try:
        born = date(int(text[6:10]), int(text[10:12]), int(text[12:14]))
    except ValueError:
        return False
    if not date(1900, 1, 1) <= born <= date(2100, 12, 31):
        return False
    total = sum(int(digit) * weight for digit, weight in zip(text, _ID_WEIGHTS, strict=False))
    return "10X98765432"[total % 11] == text[17].upper()


def _masked(number: str, shown_first: int, shown_last: int) -> str:
    """Enough to find it in the text, not enough to use it: CI logs are public."""
    hidden = len(number) - shown_first - shown_last
    return number[:shown_first] + "*" * hidden + number[-shown_last:]


def _published_texts(entry: Entry) -> Iterator[tuple[str, tuple[int | str, ...], str]]:
    """The texts readers see: field, where inside the field, text."""
    if entry.title:
        yield "title", (), entry.title
    yield "body", (), entry.body
    for index, image in enumerate(entry.images):
        if image.caption:
            yield "images", (index, "caption"), image.caption


def _names_in(text: str) -> Iterator[tuple[str, int]]:
    """Each distinct name-like word after a trigger (and the ones listed after it), with its end."""
    seen: set[str] = set()
    for match in _NAMES_AFTER_TRIGGER.finditer(text):
        name, end = match[1], match.end(1)
        while name:
            if name not in _WORDS and name not in seen:
                seen.add(name)
                yield name, end
            more = _MORE_NAMES.match(text, end)
            name, end = (more[1], more.end(1)) if more else ("", end)
