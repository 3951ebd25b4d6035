"""Clients' names and numbers that must not be published.

``W-private-name``: a name from the coordinator's private list (``[privacy] names_file``);
the message never repeats the name, so it does not reach CI logs.
``W-full-name``: a common surname with one or two given-name characters right after a word
that names a client (服务对象, 帮扶对象, 案主, 求助者…), as in 对服务对象张某某、李某某进行回访 or
探访服务对象张某某家 written with real names. In casework that is enough, and 个案 and 对象 also
count as client words there (个案：张某某…; elsewhere they begin ordinary phrases). In every
other category a name counts only where it shows itself as one: followed directly by 家
(探访服务对象张某某家), or written at least twice in the entry's texts (探访服务对象张某某家，因张某某
前段时间去世); outside casework a surname-led word after a client word is mostly a word (冷漠, 温饱,
顾虑, 祝寿, 曾表示, 包饺子, 周围的邻居, 李寨、张楼两村). Each place the name is written in the entry
is reported, not only the one after the client word. Pseudonyms and terms of address (张某, 小张,
张大爷, 王婶, 张姥姥, 王妈妈, 岳母, 张静（化名）), village names (王庄, 李寨, 张楼) pass, and so do a
volunteer's or a social worker's name (志愿者张某某, 社工张某某): no client word stands before them.
Most ordinary words are two characters long, and many begin with a surname (尤其, 严重, 温暖,
焦虑): a surname with one character after it is read as a name only where what follows is
what follows a name and not a word: punctuation other than 、, 家, 进行, 因…, 的 before a
relative (孙强的母亲), or a list of names (孙强、王芳). Before 是, 的 + anything else, or 、 +
a word (尤其是, 严重的焦虑, 焦虑、失眠) it is the word; a name of three characters is read there.
``W-id-number``, ``W-phone-number``: a resident ID number (18 characters whose birth date and
check digit are right) or a mobile number (11 digits from 13 to 19), anywhere readers see.
WeChat's rules forbid publishing the first; both let anyone find the client.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
from collections.abc import Iterator, Sequence
from datetime import date

from bulletin.checks.context import CheckContext
from bulletin.diagnostics import Problem, warning
from bulletin.model import Entry
from bulletin.textfile import INVISIBLE, NO_BREAK_SPACES, ZERO_WIDTH

# The most common surnames, without those that mostly begin ordinary words after 服务对象
# (高龄, 方面, 安全, 关心, 全家, 常年, 于是, 向社工…).
SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶"
    "苏魏吕丁任沈姚卢姜崔钟谭陆汪范廖贾夏韦付邹孟熊秦邱江尹薛闫段雷侯史陶黎贺顾毛郝龚邵"
    "钱严覃武戴莫孔汤温牛樊葛邢齐易乔伍庞颜倪庄聂章鲁岳翟殷詹欧耿焦俞左柳甘祝包宁符舒阮"
    "柯纪梅凌毕季裴霍涂苗盛翁冉骆蓝靳柴鲍喻祁蒲滕饶艾尤穆卓缪娄窦戚岑宫卜冷晏瞿佟臧闵苟"
    "邬卞栾隋刁巫寇桑郎甄仲虞敖巩佘邝"
)
# Characters that make 张某, 小张's kin (张大爷, 王婶, 张姥姥, 王妈妈, 岳母) or a title (张老师),
# not a given name; village endings (李寨、张楼, 王庄); and parts of the body, never one
# (服务对象左腿、右腿).
_NOT_GIVEN = (
    "某先女老大阿婆爷奶姨叔伯哥姐弟妹嫂婶姥妈舅爸母父氏师总工社家们同书主局村镇乡县区医护"
    "经处科校园所站庄寨楼屯营的了和与及等在是进到去来说一二三四五六七八九十腿脚手眼耳腰臂肩膝"
)
# Words that name a client in any category, and the looser ones read in casework alone
# (elsewhere 个案 and 对象 begin ordinary phrases: 个案管理, 对象范围).
_OBJECT_OF = "服务|个案|帮扶|救助|慰问|走访|探访|关爱|低保|特困"  # 服务对象, 帮扶对象…
_NAME = rf"[{SURNAMES}][^\W\d_{_NOT_GIVEN}]{{1,2}}"
# What may follow a name: punctuation or the end, or a word that cannot continue it (孙强、钱芳夫妇).
_KIN_OF_NAMES = "夫妇|夫妻|母子|母女|父子|父女|一家"
_AFTER = rf"(?=[\W_]|$|家|的|进行|等|及其|因|现年|今年|目前|是|和|与|及|{_KIN_OF_NAMES})"
_AFTER_CLIENT = rf"[\s:：“”\"'「『]*({_NAME}{_AFTER})"


def _after(words: str) -> re.Pattern[str]:
    return re.compile(words + _AFTER_CLIENT)


# A pattern per client word, each led by text the scan can skip to in C (one pattern led by
# an alternation of them tried every position: 4 µs a body); with the word to look for first.
_CLIENT_WORDS = (
    ("对象", _after(f"对象(?<=(?:{_OBJECT_OF})对象)")),
    ("案主", _after("案主")),
    ("求助", _after("求助[者人]")),
    ("受助", _after("受助[者人]")),
    ("当事人", _after("当事人")),
)
_CASEWORK_WORDS = (("对象", _after("对象")), ("个案", _after("个案")), *_CLIENT_WORDS[1:])
_MORE_NAMES = re.compile(rf"[、,，和与及]\s*({_NAME}{_AFTER})")
# What follows a two-character name and no word: the rest of _AFTER (是, 的, 和, 与, 及, 、)
# also follows words, and counts only before another name (孙强、王芳) or, for 的, a relative.
_AFTER_NAME_ONLY = re.compile(rf"(?!、)[\W_]|$|家|进行|等|及其|因|现年|今年|目前|{_KIN_OF_NAMES}")
_RELATIVE = re.compile(
    "的(?:[父母儿女妻夫子孙哥姐弟妹爷奶外姥公婆亲邻]|老伴|爱人|家[人属]|监护人|爸|妈)"
)
_LIST_JOINS = "、和与及"
_NEXT_IN_LIST = re.compile(rf"[{_LIST_JOINS}]\s*({_NAME})")
_PSEUDONYM_MARK = re.compile(r"\s*[（(]化名[）)]")
# Surname-led words that read like names after 服务对象, even before a comma.
_WORDS = frozenset(
    {
        # nouns and time words
        *("马上", "周岁", "周末", "周边", "周围", "许多", "孙子", "孙女", "余额", "钱款", "任务"),
        *("包括", "范围", "温饱"),
        # what a client feels or is like
        *("冷暖", "温暖", "温馨", "舒心", "舒适", "严重", "严厉", "焦虑", "焦躁", "易怒", "冷漠"),
        "顾虑",
        # what a client or a worker does (求助者陈述, 当事人许诺, 为服务对象祝寿)
        *("陈述", "许诺", "祝寿"),
        # three characters, read as a name in casework (案主曾表示, 案主毕业后)
        *("曾表示", "毕业后"),
    }
)


def full_names(entry: Entry, context: CheckContext) -> Iterator[Problem]:
    words = _CASEWORK_WORDS if entry.category in context.casework else _CLIENT_WORDS
    texts = list(_published_texts(entry))
    names = {
        name
        for _, _, text in texts
        for word, pattern in words
        if word in text
        for name in _names_in(text, pattern)
    }
    if not names:
        return
    # A name written （化名） once is a pseudonym wherever it stands.
    names = {name for name in names if not _is_pseudonym(name, texts)}
    if entry.category not in context.casework:
        names = {name for name in names if _shows_itself(name, texts)}
    for field, inner, text in texts:
        for start, end in _written_at(text, names):
            name = text[start:end]
            surname = name[0]
            # Only the surname is repeated: CI logs and pull-request annotations are public.
            yield warning(
                entry.places.span_in(text, start, end, field, *inner),
                "W-full-name",
                value=surname + "*" * (len(name) - 1),
                pseudonyms=(f"{surname}某", f"小{surname}"),
            )


def private_names(entry: Entry, context: CheckContext) -> Iterator[Problem]:
    if context.private_names is None:
        return
    for field, inner, text in _published_texts(entry):
        for found in context.private_names.finditer(text):
            where = entry.places.span_in(text, *found.span(), field, *inner)
            yield warning(where, "W-private-name", field="caption" if inner else field)


def contact_numbers(entry: Entry, context: CheckContext) -> Iterator[Problem]:
    for field, inner, text in _published_texts(entry):
        for code, before, written, number in _numbers_in(text):
            value = _masked(number, 4, 4) if code == "W-id-number" else _masked(number, 3, 4)
            # With the character before it, the number is told from the same digits inside a
            # longer one (编号2013812345678999): located, then moved past that character.
            where = entry.places.text_in(before + written, field, *inner)
            if before and where.column:
                where = dataclasses.replace(where, column=where.column + len(before))
            yield warning(where, code, value=value)


# As workers write them: 13812345678, 138-1234-5678, 138 1234 5678, +86 138…, in full-width
# digits too; an ID number in one piece or as 6-8-4. Each pattern starts with what the scan
# can skip to in C (a "1", a digit), and what is around a match is checked after.
_MOBILE = re.compile(r"1[3-9][0-9](?:[- ]?[0-9]{4}){2}")
_ID = re.compile(r"[1-9][0-9]{5} ?[0-9]{8} ?[0-9]{3}[0-9Xx]")
_FULL_WIDTH_DIGIT = re.compile("[０-９]")
# Eleven digits or more, with the spaces and dashes the patterns allow, and the invisible
# characters text pasted from Word or WeChat holds: what either needs.
_LONG_RUN = re.compile(f"[0-9０-９][- 0-9０-９{INVISIBLE}]{{10}}")
_ZERO_WIDTH = re.compile(f"[{ZERO_WIDTH}]")
_AS_SPACES = str.maketrans(dict.fromkeys(NO_BREAK_SPACES, " "))
# After a mobile number's digits, a unit makes it a figure (13000000000元).
_UNITS = frozenset("元万亿人户次份个件名场台套天")


def _numbers_in(text: str) -> Iterator[tuple[str, str, str, str]]:
    """Each mobile and ID number in ``text``: its code, the character written before it (none
    at a line's start), the number as written, and its digits."""
    if not _LONG_RUN.search(text):
        return  # most texts: nothing long enough to be either
    # NFKC is slow on Chinese text: only for full-width digits, which it turns into ASCII one
    # for one (the number is then where it was written).
    normal = unicodedata.normalize("NFKC", text) if _FULL_WIDTH_DIGIT.search(text) else text
    written = text if len(text) == len(normal) else normal
    # A no-break space reads as a space, a zero-width character as nothing (138\u200b1234…);
    # ``kept`` maps each character left back to where it is written.
    normal = normal.translate(_AS_SPACES)
    kept: Sequence[int] = range(len(normal))
    if _ZERO_WIDTH.search(normal):
        kept = [index for index, char in enumerate(normal) if char not in ZERO_WIDTH]
        normal = "".join(normal[index] for index in kept)
    for code, pattern in (("W-phone-number", _MOBILE), ("W-id-number", _ID)):
        for found in pattern.finditer(normal):
            start, end = found.span()
            before, after = normal[start - 1 : start], normal[end : end + 1]
            prefix = normal[max(0, start - 3) : start].lstrip(" -")
            alone = not before.isdigit() or prefix in ("+86", "86")
            number = found[0].replace(" ", "").replace("-", "")
            if not alone or after.isdigit() or (after.isascii() and after.isalpha()):
                continue
            if code == "W-phone-number" and after in _UNITS:
                continue
            if code == "W-id-number" and not _is_id_number(number):
                continue
            first, last = kept[start], kept[end - 1] + 1
            previous = written[first - 1 : first].strip() if first else ""
            yield code, previous, written[first:last], number


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


def _names_in(text: str, pattern: re.Pattern[str]) -> Iterator[str]:
    """Each name-like word after a client word (and the ones listed after it)."""
    for match in pattern.finditer(text):
        name, end, listed = match[1], match.end(1), False
        while name:
            more = _MORE_NAMES.match(text, end)
            if name not in _WORDS and (len(name) > 2 or listed or _ends_a_name(text, end)):
                yield name
            listed = more is not None and text[end] in _LIST_JOINS
            name, end = (more[1], more.end(1)) if more else ("", end)


def _ends_a_name(text: str, end: int) -> bool:
    """Whether what follows ``text[:end]`` follows a name and no word: see _AFTER_NAME_ONLY;
    or another name listed after it (孙强、王芳夫妇, not 焦虑、失眠 nor 温暖、舒适)."""
    if _AFTER_NAME_ONLY.match(text, end) or _RELATIVE.match(text, end):
        return True
    listed = _NEXT_IN_LIST.match(text, end)
    return listed is not None and listed[1][:2] not in _WORDS


def _shows_itself(name: str, texts: Sequence[tuple[str, object, str]]) -> bool:
    """Whether ``name`` shows itself as one: followed by 家 (探访服务对象张某某家), or written
    twice in the entry (…张某某家，因张某某前段时间去世). Outside casework a surname-led word
    after a client word is far more often a word (冷漠, 祝寿, 曾表示, 包饺子) than a name."""
    home = name + "家"
    return sum(text.count(name) for _, _, text in texts) >= 2 or any(
        home in text for _, _, text in texts
    )


def _is_pseudonym(name: str, texts: Sequence[tuple[str, object, str]]) -> bool:
    for _, _, text in texts:
        start = text.find(name)
        while start >= 0:
            if _PSEUDONYM_MARK.match(text, start + len(name)):
                return True
            start = text.find(name, start + 1)
    return False


def _written_at(text: str, names: set[str]) -> list[tuple[int, int]]:
    """Each place in ``text`` where one of ``names`` is written, in order, as (start, end). A
    name inside a longer one found there (张有 in 张有才) is that one."""
    taken: list[tuple[int, int]] = []
    for name in sorted(names, key=lambda name: (-len(name), name)):
        start = text.find(name)
        while start >= 0:
            end = start + len(name)
            if not any(start < other_end and other_start < end for other_start, other_end in taken):
                taken.append((start, end))
            start = text.find(name, start + 1)
    return sorted(taken)
