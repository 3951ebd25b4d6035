"""Every user-facing sentence, in Chinese (the default: station workers read these) and English.

A ``Problem`` carries a code and facts; its text is made here, when it is printed, in the
language asked for. Each message says what is wrong and how to fix it.
"""

from __future__ import annotations

import errno
import os
import string
import unicodedata
from collections.abc import Mapping
from typing import Any, Literal, NamedTuple

from bulletin.diagnostics import MessageArg, Problem
from bulletin.suggest import did_you_mean

Lang = Literal["zh", "en"]
LANGS: tuple[Lang, ...] = ("zh", "en")

FIELD_GLOSS = {
    "category": "类别",
    "body": "正文",
    "station": "社工站",
    "district": "县区",
    "org": "服务机构",
    "date": "日期",
    "end": "结束日期",
    "time": "时间",
    "title": "标题",
    "images": "图片",
    "stats": "数据",
    "groups": "服务对象",
    "by_group": "按服务对象分的数据",
    "aliases": "别名",
    "src": "图片路径",
    "caption": "图片说明",
    "entries": "条目列表",
    "key": "键名",
    "label": "名称",
    "unit": "单位",
    "name": "名称",
    "stations": "社工站列表",
    "categories": "类别列表",
    "districts": "县区列表",
    "metrics": "数据项列表",
    "week_start": "每周起始日",
    "ignore": "忽略的警告",
    "digest": "摘要",
    "author": "作者",
    "theme": "主题",
    "base": "基础主题",
    "text_color": "正文颜色",
    "muted_color": "次要文字颜色",
    "accent_color": "主色",
    "band_text_color": "栏目标题文字颜色",
    "panel_color": "底色",
    "page_color": "页面底色",
    "font_family": "字体",
    "heading_font_family": "标题字体",
    "font_size": "字号",
    "heading_size": "栏目标题字号",
    "title_size": "大标题字号",
    "small_size": "小字字号",
    "line_height": "行高",
    "radius": "圆角",
}

NOUNS: Mapping[str, tuple[str, str]] = {
    "text": ("文字", "text"),
    "list": ("列表（每行以“- ”开头）", "a list"),
    "mapping": ("“键: 值”的组合", "a mapping of key: value"),
    "number": ("数字", "a number"),
    "boolean": ("true 或 false", "true or false"),
    "date": ("日期", "a date"),
}
# The same kinds as bulletin.toml writes them (TOML, not YAML).
TOML_NOUNS: Mapping[str, tuple[str, str]] = {
    "text": ("文字（放在引号里）", "text (in quotes)"),
    "list": ('列表，如 ["a", "b"]', 'a list such as ["a", "b"]'),
    "mapping": ("一个表（[名称] 下面写 键 = 值）", "a table ([name] with key = value lines below)"),
    "number": ("数字（不加引号）", "a number (without quotes)"),
    "boolean": ("布尔值 true 或 false（不加引号）", "true or false (without quotes)"),
    "date": ("日期，如 2022-11-18", "a date such as 2022-11-18"),
}
# What a body's opening repeats of the lead (W-lead-repeated).
LEAD_PARTS: Mapping[str, tuple[str, str]] = {
    "date": ("日期", "date"),
    "date_and_place": ("日期和地点", "date and place"),
}
SIDES: Mapping[str, tuple[str, str]] = {"before": ("早", "before"), "after": ("晚", "after")}
FILE_KINDS: Mapping[str, tuple[str, str]] = {
    "image": ("图片", "a picture"),
    "pdf": ("PDF 文件", "a PDF"),
    "office": ("Word/Excel 文档或压缩包", "a Word or Excel document or a zip archive"),
    "archive": ("压缩包", "an archive"),
    "binary": ("程序或数据文件", "a program or data file"),
}
# Facts that are words, said in the message's language: {argument name: {value: (zh, en)}}.
# 40164 names the calling address when WeChat's message gives it.
CALLING_IP: Mapping[str, tuple[str, str]] = {
    "": ("这台电脑的公网 IP（在这台电脑上用浏览器搜“IP”可以查到）", "this computer's public IP")
}
BOUNDS: Mapping[str, tuple[str, str]] = {
    "gt": ("大于", "greater than"),
    "ge": ("不小于", "at least"),
    "lt": ("小于", "less than"),
    "le": ("不大于", "at most"),
}
# Why the system refused to read, write or open a port, by errno. Messages get the reason as
# the system words it (``OSError.strerror``), so each is looked up in this system's wording.
OS_REASONS: Mapping[str, str] = {
    "ENOENT": "找不到这个文件或文件夹",
    "ENOTDIR": "路径里有一段是文件，不是文件夹",
    "EISDIR": "这里是一个文件夹，不是文件",
    "EACCES": "没有权限",
    "EPERM": "不允许这样做（没有权限）",
    "EROFS": "磁盘是只读的",
    "EEXIST": "已经有同名的文件或文件夹",
    "EADDRINUSE": "端口已被别的程序占用",
    "EADDRNOTAVAIL": "这台电脑没有这个网络地址",
    "ENOSPC": "磁盘空间已满",
    "EDQUOT": "超出了磁盘配额",
    "ENAMETOOLONG": "文件名或路径太长",
}
_SYSTEM_REASONS = {  # an errno this system does not have is left out
    os.strerror(getattr(errno, name)): zh for name, zh in OS_REASONS.items() if hasattr(errno, name)
}
# Reasons given in English by the system (above) and by tomllib (bulletin.toml's syntax),
# said in Chinese where they are common; any other is shown as it came.
REASONS: Mapping[str, tuple[str, str]] = {
    reason: (zh, reason)
    for reason, zh in {
        **_SYSTEM_REASONS,
        "Cannot overwrite a value": "同一个键写了两次",
        "Unterminated string": "引号没有成对（字符串没有结束）",
        "Unclosed array": "方括号 [ 没有对应的 ]",
        "Unclosed inline table": "花括号 { 没有对应的 }",
        "Invalid value": "值写得不对（文字要加引号）",
        "Invalid statement": "这一行看不懂（应是 键 = 值）",
        "Expected '=' after a key in a key/value pair": "键的后面缺少等号 =",
        "Expected ']' at the end of a table declaration": "表名的后面缺少 ]",
        "Expected ']]' at the end of an array declaration": "表名的后面缺少 ]]",
        "Invalid date or datetime": "日期写得不对",
        "Cannot declare a table twice": "同一个 [表] 写了两次，请把两处的内容合并到一处",
        "Expected newline or end of document after a statement": "值的后面还有多余的内容（文字要整个放在引号里）",
        "Illegal character '\\n'": "引号没有成对（这一行的文字没有结束）",
        "Found invalid character '\\n'": "引号没有成对（这一行的文字没有结束）",
        **dict.fromkeys(
            (
                "Invalid hex value",
                "Unescaped '\\' in a string",
                "Escaped character is not a Unicode scalar value",
            ),
            "双引号里的反斜杠 \\ 有特殊含义：路径请改用 /，或把文字放进单引号 '…' 里",
        ),
    }.items()
}
# The command line's arguments, as a missing one is named.
ARGUMENTS: Mapping[str, tuple[str, str]] = {
    "week": ("周次（如 week-47）", "the week (such as week-47)"),
    "file": ("表格文件（.xlsx 或 .csv）", "the spreadsheet (.xlsx or .csv)"),
}
# Characters pasted from Word or WeChat that look like a space, or like nothing at all.
CHARACTERS: Mapping[str, tuple[str, str]] = {
    "U+00A0": ("不换行空格（U+00A0）", "a no-break space (U+00A0)"),
    "U+202F": ("窄不换行空格（U+202F）", "a narrow no-break space (U+202F)"),
    "U+200B": ("零宽空格（U+200B）", "a zero-width space (U+200B)"),
    "U+2060": ("零宽连接符（U+2060）", "a word joiner (U+2060)"),
    "U+FEFF": ("零宽不换行空格（U+FEFF）", "a zero-width no-break space (U+FEFF)"),
}
WEEKDAYS: Mapping[str, tuple[str, str]] = {
    str(number): names
    for number, names in enumerate(
        [
            ("星期一", "Monday"),
            ("星期二", "Tuesday"),
            ("星期三", "Wednesday"),
            ("星期四", "Thursday"),
            ("星期五", "Friday"),
            ("星期六", "Saturday"),
            ("星期日", "Sunday"),
        ],
        start=1,
    )
}
# The page a template was making when it failed, by its template.
PAGES: Mapping[str, tuple[str, str]] = {
    "bulletin.html.j2": ("生成周报页 bulletin.html 时，", "While making the page bulletin.html: "),
    "bulletin.md.j2": ("生成 bulletin.md 时，", "While making bulletin.md: "),
    "index.html.j2": (
        "生成往期目录 index.html 时，",
        "While making the archive's index.html: ",
    ),
    "wechat.html.j2": (
        "生成公众号预览页 wechat.html 时，",
        "While making the WeChat preview wechat.html: ",
    ),
    "overview.html.j2": (
        "生成公众号文章的本周概况时，",
        "While making the WeChat article's 本周概况: ",
    ),
}
# Why a page lacks the other page's view: base.html.j2 is made into both.
SHARED: Mapping[str, tuple[str, str]] = {
    "base.html.j2": (
        "base.html.j2 是周报页和往期目录共用的：周报页 bulletin.html 收到 bulletin，往期目录 index.html 收到 archive。"
        "只属于一页的内容请放进 {% if bulletin is defined %}…{% endif %}（或 archive）里。",
        "base.html.j2 makes both the bulletin page (bulletin.html, given bulletin) and the archive's index "
        "(index.html, given archive): put what belongs to one of them inside {% if bulletin is defined %}…{% endif %} "
        "(or archive).",
    ),
}
WORDS: Mapping[str, Mapping[str, tuple[str, str]]] = {
    "page": PAGES,
    "shared": SHARED,
    "weekday": WEEKDAYS,
    "character": CHARACTERS,
    "argument": ARGUMENTS,
    "reason": REASONS,
    "expected": NOUNS,
    "toml_expected": TOML_NOUNS,
    "bound": BOUNDS,
    "side": SIDES,
    "repeated": LEAD_PARTS,
    "ip": CALLING_IP,
    "kind": FILE_KINDS,
}


class Message(NamedTuple):
    """A problem's text when what is wrong and how to fix it are worth telling apart (CI's JSON)."""

    zh: str
    en: str
    hint_zh: str
    hint_en: str


# code → (Chinese, English), or a Message with a separate hint.
_OUTSIDE_WEEK_ZH = "日期 {value} 不在 {week}（{range}）之内，{side}了 {days} 天。"
_OUTSIDE_WEEK_EN = (
    "The date {value} lies outside {week} ({range}): {days} {days:day|days} {side} it."
)
_WEEKDAY_HINT_ZH = "请核对日期和星期几，改正写错的那一个（也可以去掉星期几，只写日期）。"
_WEEKDAY_HINT_EN = "Check the date and the day of the week and correct the wrong one (or leave the day of the week out)."

CATALOG: Mapping[str, tuple[str, str] | Message] = {
    # Finding the project and the week
    "E-no-project": (
        "当前文件夹及其上级文件夹里都没有 bulletin.toml。请进入周报项目文件夹再运行，或用 -C 指定项目文件夹。",
        "No bulletin.toml in this folder or any folder above it. Run inside a bulletin project or name one with -C.",
    ),
    "E-no-project-here": (
        "这个文件夹里没有 bulletin.toml，不是周报项目。请检查 -C 后面的路径。",
        "This folder has no bulletin.toml, so it is not a bulletin project. Check the path given to -C.",
    ),
    "E-no-project-folder": (
        "没有这个文件夹。请检查 -C 后面的路径（相对于当前文件夹）。",
        "There is no such folder. Check the path given to -C (relative to the working directory).",
    ),
    "E-week-53": (
        "{year} 年只有 52 周，没有 {value}。请核对周次（年底最后几天常常属于下一年的第 1 周）。",
        "{year} has 52 weeks, so there is no {value}. Check the week (the last days of a year often belong to week 1 of the next).",
    ),
    "E-week-spec": (
        "看不懂周次“{value}”。请写成 week-47、47 或 2022-W47。",
        "Cannot read the week '{value}'. Write it as week-47, 47 or 2022-W47.",
    ),
    "E-no-entries": (
        "{week}（{range}）没有任何条目。条目应放在 {folder}/ 文件夹里。",
        "{week} ({range}) has no entries. Entries belong in the folder {folder}/.",
    ),
    # bulletin.toml
    "E-config-syntax": (
        "bulletin.toml 的格式有误：{reason}。请检查引号、等号和方括号是否成对。",
        "bulletin.toml is not valid TOML: {reason}. Check quotes, equals signs and brackets.",
    ),
    "E-config-week-start": (
        "不认识的星期“{value}”。请写 monday…sunday 中的一个，或 周一…周日，或 1…7（1 是周一）。",
        "Unknown weekday '{value}'. Use one of monday…sunday, or 1…7 (1 is Monday).",
    ),
    "E-config-brace": (
        "“{value}”里的花括号不成对。花括号只用来写占位符，如 {{month_week}}；不需要就去掉。",
        "The braces in '{value}' are not paired. Braces only mark a placeholder such as {{month_week}}; remove them otherwise.",
    ),
    "E-config-placeholder": (
        "{field} 里的占位符 {{{value}}} 不存在。可用的占位符：{{year}} {{week}} {{month_week}} {{start}} {{end}}。",
        "The placeholder {{{value}}} in {field} does not exist. Available: {{year}} {{week}} {{month_week}} {{start}} {{end}}.",
    ),
    "E-config-key-twice": (
        "{field} 写了两次，第 {line} 行已经写过。请只保留一处，删掉另一行。",
        "'{field}' is written twice: line {line} has it already. Keep one and delete the other line.",
    ),
    "E-config-misplaced-top": Message(
        zh="{field} 是写在文件开头的设置，写在 {table} 下面就成了 {table} 的一项：TOML 把一个 [表] 行下面的键都算作这个表的。",
        en="'{field}' is a setting of the top of the file; below {table} it counts as part of {table}, because TOML counts every key below a [table] line as that table's.",
        hint_zh="请把这一行移到第一个以 [ 或 [[ 开头的行之前。",
        hint_en="Move this line above the first line that starts with [ or [[.",
    ),
    "E-config-misplaced": Message(
        zh="{field} 是 {home} 的设置，不是 {table} 的：TOML 把一个 [表] 行下面的键都算作这个表的。",
        en="'{field}' is a setting of {home}, not of {table}: TOML counts every key below a [table] line as that table's.",
        hint_zh="请把这一行移到 {home} 那一行的下面。",
        hint_en="Move this line below the {home} line.",
    ),
    "E-config-duplicate": (
        "“{value}”重复出现（{field}）。每个名称只能登记一次，请删掉重复的那一个。",
        "'{value}' appears twice ({field}). Each name may be registered once; remove the repeat.",
    ),
    "E-config-import-column": (
        "[import.columns] 里的“{value}”既不是条目的项，也不是登记的数据项。{did_you_mean}可以写：{choices}。",
        "'{value}' in [import.columns] is neither an entry field nor a registered metric. {did_you_mean}Allowed: {choices}.",
    ),
    "E-config-secret": Message(
        zh="bulletin.toml 里不能写凭据（{field}）：这个文件会进入 git 仓库，谁都能看到。",
        en="bulletin.toml must not hold credentials ({field}): the file goes into the git repository, where anyone can read it.",
        hint_zh='请删掉这一行，并尽快在公众号后台重置 AppSecret。凭据请放在环境变量 WECHAT_APPID、WECHAT_APPSECRET 里，或放在仓库以外的文件里，再在 [wechat] 里写 credentials_file = "~/.config/bulletin/wechat.toml"。',
        hint_en="Delete the line and reset the AppSecret in the account's settings soon. Put the credentials in the WECHAT_APPID and WECHAT_APPSECRET environment variables, or in a file outside the repository named by credentials_file in [wechat].",
    ),
    "E-config-key-quotes": Message(
        zh="等号左边的“{field}”要加上引号：不加引号时，TOML 只认英文字母、数字、- 和 _。",
        en="'{field}' to the left of the equals sign needs quotes: without them TOML takes only ASCII letters, digits, - and _.",
        hint_zh='请写成 "{field}" = …',
        hint_en='Write it as "{field}" = …',
    ),
    "E-former-name-current": Message(
        zh="[former_names] 里的旧名称“{value}”也是现在登记的社工站名称：条目写这个名称时，就分不清是哪个站了。",
        en="The former name '{value}' in [former_names] is also a station's registered name now, so an entry that writes it could mean either station.",
        hint_zh="如果这个站已改名为“{current}”，请把 [[districts]] 的 stations 里的“{value}”改成“{current}”；如果它没有改名，请删掉 [former_names] 里的这一行。",
        hint_en="If the station is now called '{current}', change '{value}' to '{current}' in the stations of its [[districts]]; if it was not renamed, delete this line of [former_names].",
    ),
    "E-former-name-unknown": Message(
        zh="[former_names] 里“{former}”等号右边的“{value}”不是登记的社工站。",
        en="'{value}', to the right of '{former}' in [former_names], is not a registered station.",
        hint_zh="{did_you_mean}等号右边请写这个站现在的名称，和 [[districts]] 的 stations 里写的一字不差。",
        hint_en="{did_you_mean}Write the station's name now to the right of the equals sign, exactly as the stations of its [[districts]] have it.",
    ),
    # Files
    "W-not-entry": (
        "这个文件不是条目（扩展名 {suffix}），不会进入周报。条目文件的扩展名必须是 .yaml 或 .yml。",
        "This file is not an entry (extension {suffix}) and is left out. Entry files must end in .yaml or .yml.",
    ),
    "W-image-unused": (
        "没有哪个条目用到这张图片，所以它没有检查，也不会进入周报。",
        "No entry names this image, so it was not checked and is not published.",
    ),
    "W-file-name-encoding": Message(
        zh="这个文件（或文件夹）的名字不是 UTF-8 编码，在别的电脑和 CI 里会显示成乱码{reads_as}。文件里的条目照常检查。",
        en="This file's (or folder's) name is not UTF-8, so other computers and CI show it garbled{reads_as}. Its entries are checked as usual.",
        hint_zh="请给它改名：重新输入名字。这种名字多半来自 Windows 上打的压缩包或 QQ 传来的文件。",
        hint_en="Rename it, typing the name anew. Such names usually come from a zip made on Windows or a file sent through QQ.",
    ),
    "E-no-week-folder": (
        "这个条目文件直接放在了条目文件夹里，没有放进以周次命名的文件夹。请把它移到 2022-W47 这样的文件夹里。",
        "This entry file lies straight in the entries folder, not in a folder named after its week. Move it into a folder such as 2022-W47.",
    ),
    "W-unfiled": (
        "{files} 个条目文件不在以周次命名的文件夹里，没有编入任何一周的周报。请把它们移到 2022-W47 这样的文件夹里（bulletin check 会逐个列出）。",
        "{files} entry {files:file lies|files lie} in no week's folder and are in no week's bulletin. Move them into a folder such as 2022-W47 (bulletin check lists each one).",
    ),
    "E-week-folder": (
        "条目文件必须放在以周次命名的文件夹里，例如 entries/2022-W47/…；“{folder}”不是有效的周次。",
        "Entry files belong in a folder named after the week, such as entries/2022-W47/…; '{folder}' is not a valid week.",
    ),
    "E-bad-bytes": (
        "这里有不是文字的乱码字节（多半是从别的文件或网页粘贴来的），文件无法读取。请删掉这一处的乱码，重新输入这几个字，再保存（编码选 UTF-8）。",
        "There are bytes here that are no text (most likely pasted from another file or page), so the file cannot be read. Delete the garbled characters here, type them again and save as UTF-8.",
    ),
    "E-encoding": Message(
        zh="文件不是 UTF-8 编码（看起来是 {encoding}），无法读取。",
        en="The file is not UTF-8 (it looks like {encoding}) and cannot be read.",
        hint_zh="请用记事本打开它，点“文件→另存为”，把“编码”选成“UTF-8”后保存；WPS 里是“另存为→工具→编码选项→UTF-8”。",
        hint_en="Open it in Notepad, choose File → Save As, set Encoding to UTF-8 and save.",
    ),
    "E-yaml-continued": (
        "这一行既不是“键: 值”，也不属于上一项。如果它接着上一行的正文，请把正文改成分行的写法：单独一行写 body: |，下面正文的每一行都缩进两个空格。",
        "This line is neither a 'key: value' nor part of the one above. If it continues the body, write the body as a block: 'body: |' on a line of its own, then every line of the text indented by two spaces.",
    ),
    "E-yaml-quote-inside": (
        "引号里的文字又用了英文引号 {quote}，YAML 以为文字在这里就结束了。请把文字里的引号改成中文引号“”，或者去掉两头的引号。",
        "Text in quotes uses the quote {quote} again, so YAML takes the text to end here. Use Chinese quotes “” inside the text, or drop the quotes around it.",
    ),
    "E-yaml-quote": (
        "这里的引号开了头却没有结束，后面的内容都被当成了这一段文字。请在这段文字末尾补上同样的引号。",
        "This quote is opened but never closed, so everything after it reads as one text. Close it with the same quote mark at the end of the text.",
    ),
    "E-yaml-indicator": Message(
        zh="这段文字以“{value}”开头，YAML 把开头的这个符号当成了格式符号，文件读不下去了。",
        en="This text starts with '{value}', a symbol YAML treats specially, so the file cannot be read.",
        hint_zh="请把整段文字放进引号里（文字里有英文双引号 \" 时用单引号 '…'），或写成 body: | 后换行、每行缩进两个空格再写正文。",
        hint_en="Put the whole text in quotes (single quotes '…' if it holds a double quote), or write 'body: |' and the text on the next lines, indented by two spaces.",
    ),
    "E-yaml-backslash": Message(
        zh="双引号里的反斜杠 \\ 是转义符号（\\n 表示换行、\\U 要跟编号……），这里的文字或路径被读错了。",
        en="Inside double quotes a backslash \\ starts an escape (\\n is a line break, \\U a character number…), so this text or path is misread.",
        hint_zh="请去掉两边的双引号，或把路径里的 \\ 改成 /（如 photos/微信图片.png）。",
        hint_en="Remove the double quotes, or write / instead of \\ in the path (photos/picture.png).",
    ),
    "E-yaml": (
        "这里的格式不对，文件读不下去了。请检查缩进（用空格对齐）、冒号后面的空格和引号是否成对。（解析器原文：{reason}）",
        "YAML syntax error: {reason}. Check the indentation (spaces), the space after each colon, and paired quotes.",
    ),
    "E-tab": (
        "这一行用了 Tab 键缩进，YAML 只认空格。请把行首的 Tab 换成空格。",
        "This line is indented with a tab; YAML accepts only spaces. Replace the leading tab with spaces.",
    ),
    "E-duplicate-key": (
        "“{field}”在同一处写了两次，后一个会覆盖前一个。请删掉一个，或把内容合并。",
        "'{field}' is written twice here; the second would silently replace the first. Remove or merge one.",
    ),
    "E-empty-file": (
        "文件是空的。请写入条目，或删除这个文件。",
        "The file is empty. Write an entry into it or delete it.",
    ),
    "E-not-mapping": (
        "这里应是一条条目（category:、body: 等“键: 值”），而不是单独的文字或列表。",
        "An entry (category:, body: … as key: value pairs) is expected here, not plain text or a list.",
    ),
    "E-entries-list": (
        "entries: 下面应是条目列表，每条以“- ”开头。",
        "entries: must hold a list of entries, each starting with '- '.",
    ),
    # Fields
    "E-missing-field": (
        "缺少 {field}。请补上这一项。",
        "'{field}' is missing. Add it.",
    ),
    "E-unknown-field": (
        "不认识的项 {field}。{did_you_mean}可以写的项：{choices}。",
        "Unknown field '{field}'. {did_you_mean}Allowed fields: {choices}.",
    ),
    "E-empty": (
        "{field} 是空的。请填写内容。",
        "'{field}' is empty. Fill it in.",
    ),
    "E-config-type": (
        "{field} 应是{toml_expected}，这里写的是 {value}。",
        "'{field}' should be {toml_expected}, but it is {value}.",
    ),
    "E-type": (
        "{field} 应是{expected}，这里写的是“{value}”。如果它本来就是文字，请给它加上引号。",
        "'{field}' should be {expected}, but it is '{value}'. If it is meant as text, put it in quotes.",
    ),
    "E-type-text": Message(
        zh="{field} 只写一段文字，这里写的是“{value}”。",
        en="'{field}' is one text, but it is '{value}'.",
        hint_zh="请去掉方括号、花括号和“- ”，写成一段文字；几项之间用“、”隔开，如 上午、下午。",
        hint_en="Remove the brackets, braces and '- ' and write one text; part several items with 、, as in 上午、下午.",
    ),
    "E-type-shape": Message(
        zh="{field} 应是{expected}，这里写的是“{value}”。",
        en="'{field}' should be {expected}, but it is '{value}'.",
        hint_zh="请照填写说明里这一项的样子改写。",
        hint_en="Rewrite it as the guide shows this field.",
    ),
    "E-list-for-mapping": Message(
        zh="{field} 下面应是“键: 值”的组合，这里写成了列表“{value}”（行首的“- ”或方括号 [ ] 表示列表）。",
        en="'{field}' holds key: value pairs, but it is written as a list '{value}' ('- ' at the start of a line, or brackets [ ], make a list).",
        hint_zh="请去掉行首的“- ”或方括号，每行只写“键: 值”，如 served: 50。",
        hint_en="Remove the '- ' at the start of the lines, or the brackets, and write only 'key: value' on each line, as in served: 50.",
    ),
    "E-by-group-metric": Message(
        zh="by_group 里的“{field}: {value}”少了一层：by_group 先写数据项，再在它下面写各服务对象的数字。",
        en="'{field}: {value}' in by_group lacks a level: by_group names the metric first, then the figure of each target group under it.",
        hint_zh="请写成 by_group: {{served: {{低保: 20, 残疾人: 10}}}}（served 换成 stats 里对应的数据项，总数写在 stats 里）。",
        hint_en="Write by_group: {{served: {{低保: 20, 残疾人: 10}}}} (with the metric of stats instead of served, whose total stays in stats).",
    ),
    "E-range": (
        "{field} 应{bound} {limit}，这里写的是 {value}。请改成这个范围里的数。",
        "'{field}' should be {bound} {limit}, but it is {value}. Use a number in that range.",
    ),
    "E-invalid": (
        "{field} 的值不对：{detail}",
        "'{field}' is not valid: {detail}",
    ),
    "E-name": (
        "{field} 里应是名称（文字），这里是“{value}”。",
        "'{field}' should hold names (text), but holds {value}.",
    ),
    "E-date": (
        "看不懂日期“{value}”。请写成 2022-11-18、2022年11月18日，或在周文件夹里只写 11月18日。",
        "Cannot read the date '{value}'. Write it as 2022-11-18 or 2022年11月18日 (or 11月18日 in a week folder).",
    ),
    "E-impossible-date": (
        "日期“{value}”不存在（没有这个月，或者这个月没有这一天）。请核对日期。",
        "The date '{value}' does not exist (no such month, or the month has no such day). Check it.",
    ),
    "E-date-year": (
        "日期“{value}”的年份不对：周报的日期在 2000 年到 2099 年之间。请写四位的公历年份，例如 2022-11-18。",
        "The year of the date '{value}' is wrong: report dates lie between 2000 and 2099. Write the four-digit year, as in 2022-11-18.",
    ),
    "E-period-and-end": (
        "date 里已经写了一段时间，又写了 end: {value}。请只留一种写法：要么 date: 11月22日-23日，要么 date: 11月22日 加上 end: 11月23日。",
        "date already holds a period, and end: {value} is written too. Keep one way: date: 11月22日-23日, or date: 11月22日 with end: 11月23日.",
    ),
    "E-date-no-month": Message(
        zh="日期“{value}”是一段时间，但没有写月份。",
        en="The date '{value}' is a period without its month.",
        hint_zh="请写上月份，如 {example}。",
        hint_en="Write the month, as in {example}.",
    ),
    "E-date-time-of-day": Message(
        zh="日期“{value}”里带了时间“{time}”，日期里只写日期。",
        en="The date '{value}' includes the time '{time}'; a date holds the date alone.",
        hint_zh="请把时间移到 time: 里：写成 date: {date} 和 time: {time} 两行。",
        hint_en="Move the time to time:, on two lines: date: {date} and time: {time}.",
    ),
    "E-date-weekday": Message(
        zh="日期“{value}”里的“{written}”不对：{day} 是{weekday}。",
        en="'{written}' in the date '{value}' is wrong: {day} is a {weekday}.",
        hint_zh=_WEEKDAY_HINT_ZH,
        hint_en=_WEEKDAY_HINT_EN,
    ),
    "W-text-weekday": Message(
        zh="“{value}”里的“{written}”不对：{day} 是{weekday}。",
        en="'{written}' in '{value}' is wrong: {day} is a {weekday}.",
        hint_zh=_WEEKDAY_HINT_ZH,
        hint_en=_WEEKDAY_HINT_EN,
    ),
    "W-lead-repeated": Message(
        zh="正文开头的“{value}”重复了周报印在这一条前面的{repeated}（日期 · 县区 · 社工站），读者会看到两遍。{unprinted_time}",
        en="The body opens with '{value}', which repeats the {repeated} the bulletin prints before the entry (date · district · station): readers would see it twice.{unprinted_time}",
        hint_zh="请删去正文开头的{repeated}，从做了什么写起，周报会自动加上。",
        hint_en="Delete the {repeated} at the start of the body and begin with what was done: the bulletin adds it.",
    ),
    "E-date-with-time": (
        "日期“{value}”里带了时刻。日期只写年月日，时刻请写在 time: 里。",
        "The date '{value}' includes a time of day. Keep the date alone and put the time in time:.",
    ),
    "E-end-before-date": (
        "结束日期 {value} 早于开始日期 {start}。请核对这两个日期。",
        "The end date {value} is before the start date {start}. Check both dates.",
    ),
    "E-end-with-dates": (
        "写了多个日期时不能再写 end:。时间段请只写一个开始日期 date: 和结束日期 end:。",
        "end: cannot be used with several dates. For a range give one date: and one end:.",
    ),
    "E-end-without-date": (
        "写了结束日期 end:，却没有写开始日期 date:。请加上 date:（这段时间的第一天），或者删掉 end:。",
        "end: is written without a date:. Add date: (the first day of the period), or remove end:.",
    ),
    "E-figure": (
        "数据只写不小于 0 的数字，不带单位，如 45、462.5，或“150余”“6万余”；这里是“{value}”。",
        "A figure is a non-negative number without a unit, such as 45 or 462.5, or text like '150余'; got '{value}'.",
    ),
    # The project's registries
    "E-unknown-category": (
        "没有“{value}”这个类别。{did_you_mean}可用的类别：{choices}。",
        "There is no category '{value}'. {did_you_mean}Categories: {choices}.",
    ),
    "E-unknown-district": (
        "bulletin.toml 里没有登记县区“{value}”。{did_you_mean}请改正名称，或请协调人登记这个县区。",
        "The district '{value}' is not registered in bulletin.toml. {did_you_mean}Fix the name or ask the coordinator to register it.",
    ),
    "E-unknown-station": (
        "bulletin.toml 里没有登记社工站“{value}”。{did_you_mean}请写登记的全名，或请协调人登记这个站。",
        "The station '{value}' is not registered in bulletin.toml. {did_you_mean}Use its registered name or ask the coordinator to register it.",
    ),
    "E-station-is-district": (
        "“{value}”是县区“{district}”，不是社工站。写全县区的动态，请把 station: {value} 改成 district: {district}；写某个站的，请写它登记的站名：{stations}。",
        "'{value}' is the district {district}, not a station. For a district-wide entry, write district: {district} instead of station: {value}; for one station, write its registered name: {stations}.",
    ),
    "E-station-is-bare-district": (
        "“{value}”是县区“{district}”，不是社工站。写全县区的动态，请把 station: {value} 改成 district: {district}（bulletin.toml 没有登记这个县区的社工站）。",
        "'{value}' is the district {district}, not a station. For a district-wide entry, write district: {district} instead of station: {value} (bulletin.toml registers no stations in it).",
    ),
    "E-station-district": (
        "社工站“{value}”登记在 {homes}，不在 {district}。请核对 station: 和 district:。",
        "The station '{value}' is registered under {homes}, not {district}. Check station: and district:.",
    ),
    "E-ambiguous-station": (
        "有多个县区都有“{value}”（{homes}）。请加一行 district: 写明是哪个县区的。",
        "Several districts have a station named '{value}' ({homes}). Add district: to say which one.",
    ),
    "E-unknown-metric": (
        "bulletin.toml 没有登记数据项“{value}”。{did_you_mean}可用的数据项：{choices}。",
        "The metric '{value}' is not registered in bulletin.toml. {did_you_mean}Metrics: {choices}.",
    ),
    "E-metric-label-shared": (
        "“{value}”是几个数据项共用的名称：{choices}。请写数据项的键，说清是哪一个。",
        "'{value}' is the label of several metrics: {choices}. Write the metric's key to say which.",
    ),
    "E-metric-repeated": (
        "“{value}”和“{first}”是同一个数据项，写了两次。请只留一个（数据项可以写它的键，也可以写它的名称）。",
        "'{value}' and '{first}' are the same metric, written twice. Keep one (a metric may be written by its key or by its label).",
    ),
    "E-image-missing": (
        "找不到图片“{value}”。{did_you_mean}路径是相对于这个条目文件所在的文件夹的，请检查文件名和文件夹。",
        "Image '{value}' not found. {did_you_mean}Paths are relative to this entry file's folder; check the name and folder.",
    ),
    "E-image-outside": (
        "图片“{value}”在项目文件夹以外，不会读取。请把图片复制到项目文件夹里（比如条目旁边），再写相对路径。",
        "Image '{value}' lies outside the project folder and is not read. Copy it into the project (next to the entry, say) and use a relative path.",
    ),
    # Warnings and CI formats (checks added on top of the core)
    "E-fullwidth-colon": Message(
        zh="这里用了中文冒号“：”，YAML 只认英文冒号。",
        en="This is a Chinese colon '：'; YAML only understands the ASCII colon.",
        hint_zh="请切换到英文输入，改成“:”并在后面空一格，如 category: visits。",
        hint_en="Replace it with ':' followed by a space, as in category: visits.",
    ),
    "E-colon-space": Message(
        zh="冒号后面少了一个空格。",
        en="A space is missing after the colon.",
        hint_zh="请在冒号后空一格，写成 category: visits 这样。",
        hint_en="Put one space after the colon, as in category: visits.",
    ),
    "E-fullwidth-space": Message(
        zh="这一行开头有全角空格（中文输入法的空格），YAML 只认半角空格。",
        en="This line starts with a full-width space (from a Chinese input method); YAML only accepts ASCII spaces.",
        hint_zh="请删掉它，切换到英文输入后用空格键缩进。",
        hint_en="Delete it and indent with ordinary spaces.",
    ),
    "E-colon-in-text": Message(
        zh="文字里的“: ”（英文冒号加空格）让 YAML 以为这里开始了新的一项。",
        en="The ': ' (colon and space) in this text makes YAML read a new field here.",
        hint_zh="请改用中文冒号“：”，或把整段文字放进引号里，或写成“body: |”后换行再写正文。",
        hint_en="Use the Chinese colon '：', put the whole text in quotes, or write 'body: |' and the text on the next lines.",
    ),
    "E-invisible-space": Message(
        zh="这里有一个看不见的{character}，YAML 不把它当作空格（它常随从 Word、微信复制的文字一起带进来）。",
        en="There is {character} here, which YAML does not take for a space (it comes with text copied from Word or WeChat).",
        hint_zh="请把这里的空白删掉（可能有好几个，看起来和空格一样），再在需要空格的地方切换到英文输入，用空格键打空格。",
        hint_en="Delete the blank here (there may be several, looking like spaces) and type ordinary spaces where they are needed.",
    ),
    "E-indent": Message(
        zh="这一行的缩进和上面的项对不齐：上面的项从第 {column} 列开始。",
        en="This line's indentation does not line up with the fields above, which start at column {column}.",
        hint_zh="同一层的项要左边对齐：请用空格把这一行调整到第 {column} 列开始。如果它是上一项文字的一部分，请改用 body: | 的分行写法。",
        hint_en="Fields of one level line up on the left: indent this line with spaces so that it starts at column {column}. If it continues the text above, write that text as a 'body: |' block.",
    ),
    "E-dash-space": Message(
        zh="列表的短横线“-”后面少了一个空格。",
        en="A space is missing after the list dash '-'.",
        hint_zh="请在“-”后空一格，写成 - category: visits 这样。",
        hint_en="Put one space after the dash, as in - category: visits.",
    ),
    "E-list-bullet": Message(
        zh="这一行开头的“{value}”不是 YAML 列表的短横线（常见于从 Word 复制来的项目符号）。",
        en="The '{value}' at the start of this line is not YAML's list dash (it often comes from a Word bullet).",
        hint_zh="请把它换成英文输入的减号“-”，后面空一格，写成 - category: visits 这样。",
        hint_en="Replace it with an ASCII hyphen-minus '-' and a space, as in - category: visits.",
    ),
    "E-fullwidth-comma": Message(
        zh="花括号 {{…}} 或方括号 […] 里用了中文逗号“，”，YAML 只认英文逗号。",
        en="A Chinese comma '，' is used inside {{…}} or […]; YAML only understands the ASCII comma.",
        hint_zh="请切换到英文输入，改成“,”并在后面空一格，如 stats: {{visited: 12, served: 5}}。",
        hint_en="Replace it with ',' followed by a space, as in stats: {{visited: 12, served: 5}}.",
    ),
    "E-thousands-separator": Message(
        zh="数字里不要用千位分隔符：在 {{…}} 里逗号会把数字分成两项。",
        en="Do not group digits with commas: inside {{…}} a comma splits the number in two.",
        hint_zh="请写 {value}。",
        hint_en="Write {value}.",
    ),
    "E-ignore-code": Message(
        zh="“{value}”不是可以忽略的警告代码。{did_you_mean}",
        en="'{value}' is not a warning code that can be ignored. {did_you_mean}",
        hint_zh="只有警告（W-…）可以忽略，错误（E-…）必须改正。可以忽略的代码：{choices}。",
        hint_en="Only warnings (W-…) can be ignored; errors (E-…) must be fixed. Warning codes: {choices}.",
    ),
    "W-outside-week": Message(
        zh=_OUTSIDE_WEEK_ZH,
        en=_OUTSIDE_WEEK_EN,
        hint_zh="请核对日期；如果活动确实在别的周，请把条目放进那一周的文件夹 {folder}/。",
        hint_en="Check the date; if the activity belongs to another week, move the entry into that week's folder {folder}/.",
    ),
    "W-period-outside-week": Message(
        zh=_OUTSIDE_WEEK_ZH,
        en=_OUTSIDE_WEEK_EN,
        hint_zh="这个时间段有一部分在本周：请核对日期。周报只写本周做了的部分，可以把时间段改到本周之内。",
        hint_en="Part of the period lies in the week: check the dates. The bulletin reports what was done this week; the period may be cut to the week's days.",
    ),
    "E-date-far": (
        "日期 {value} 离 {week}（{range}）{side}了 {days} 天，年份或月份是不是写错了？请核对日期。",
        "The date {value} lies {days} {days:day|days} {side} {week} ({range}): is its year or month mistyped? Check the date.",
    ),
    "E-future-date": Message(
        zh="日期 {value} 还没到（今天是 {today}）。",
        en="The date {value} is in the future (today is {today}).",
        hint_zh="请核对年份和月份：周报只写已经做过的活动。",
        hint_en="Check the year and month: the bulletin reports what has already happened.",
    ),
    "W-duplicate": Message(
        zh="这一条与 {other} 那一条重复（正文相似度 {percent}%）。",
        en="This entry repeats the one at {other} (bodies {percent}% alike).",
        hint_zh="同一件事只报一次：请删掉其中一条，或把两条合并成一条。",
        hint_en="Report each activity once: delete one of the two, or merge them into one.",
    ),
    "W-private-name": Message(
        zh="{field}里写了保密名单中的一个名字（为免泄露，这里不显示名字）。",
        en="{field} contains a name from the private names list (not shown here, to keep it private).",
        hint_zh="发布前请把它换成化名（如 张某、小张），或只写“服务对象”。",
        hint_en="Before publishing, replace it with a pseudonym (张某, 小张) or just 服务对象 (the client).",
    ),
    "W-id-number": Message(
        zh="这里写了一个身份证号（{value}，为保护隐私只显示首尾）。",
        en="This is a resident ID number ({value}: only its ends are shown, for privacy).",
        hint_zh="公开发布的周报不能出现身份证号（公众号的规则也禁止）：请删掉它，需要时写“已核实身份”即可。",
        hint_en="A published bulletin must not show ID numbers (WeChat's rules forbid it too): delete it; write 已核实身份 (identity checked) if that matters.",
    ),
    "W-phone-number": Message(
        zh="这里写了一个手机号（{value}，为保护隐私只显示首尾）。",
        en="This is a mobile phone number ({value}: only its ends are shown, for privacy).",
        hint_zh="服务对象的电话不能公开：请删掉它。如果是社工站对外的咨询电话，可以保留，并在这一条或 bulletin.toml 里用 ignore 忽略这个提醒。",
        hint_en="A client's phone number must not be published: delete it. If it is the station's public helpline, keep it and silence this warning with ignore, in the entry or in bulletin.toml.",
    ),
    "W-full-name": Message(
        zh="这里有疑似服务对象真实姓名的文字（{value}，为保护隐私只显示姓）。",
        en="The text here ({value}: only the surname is shown, for privacy) looks like a client's real full name.",
        hint_zh="服务对象的隐私要保护（涉及未成年人的尤其如此）：请改用化名，如“{pseudonyms}”；如果它已经是化名，请在后面注明“（化名）”。",
        hint_en="Protect clients' privacy (children's above all): use a pseudonym such as {pseudonyms}; if it already is one, write （化名） after it.",
    ),
    "W-image-size": Message(
        zh="图片“{value}”有 {size} MB，超过了 {limit} MB 的上限。",
        en="The image '{value}' is {size} MB, over the limit of {limit} MB.",
        hint_zh="请把图片缩小后再放进来，例如通过微信发给自己后保存，或用“画图”调整大小后另存。",
        hint_en="Make it smaller first, e.g. send it to yourself on WeChat and save that copy, or resize it in Paint.",
    ),
    "W-image-gps": Message(
        zh="照片“{value}”里带有拍摄地点（GPS 定位），发布后可能暴露服务对象的住址。",
        en="The photo '{value}' carries the place it was taken (GPS), which can reveal where a client lives.",
        hint_zh="请删掉位置信息再提交：Windows 里右键图片→属性→详细信息→“删除属性和个人信息”；以后拍照前可在相机设置里关掉“位置/地理位置标记”。",
        hint_en="Remove the location before submitting: on Windows right-click → Properties → Details → Remove Properties and Personal Information; turn off location tags in the camera settings.",
    ),
    "W-image-twice": Message(
        zh="图片“{value}”在这一条里已经列过（第 {first} 张），周报里会出现两次。",
        en="The image '{value}' is already listed in this entry (image {first}): the bulletin would show it twice.",
        hint_zh="请删掉重复的这一行；如果想放另一张照片，请改成那张照片的文件名。",
        hint_en="Delete this repeated line; if another photo was meant, give that photo's file name.",
    ),
    "W-time": Message(
        zh="“{token}”不是有效的钟点。",
        en="'{token}' is not a valid time of day.",
        hint_zh="钟点写成 15:30，时间段写成 15:30-17:00（要加引号）。",
        hint_en="Write a time as 15:30 and a span as 15:30-17:00 (in quotes).",
    ),
    "W-time-text": Message(
        zh="“{token}”不是有效的钟点。",
        en="'{token}' is not a valid time of day.",
        hint_zh="钟点写成 15:30，时间段写成 15:30-17:00。如果它不是钟点（比分、比例），请在这一条里写 ignore: [W-time-text]。",
        hint_en="Write a time as 15:30 and a span as 15:30-17:00. If it is no time (a score, a ratio), write ignore: [W-time-text] in the entry.",
    ),
    "W-comment-dropped": (
        "“ #”和它后面的文字（{value}）被 YAML 当成了注释，不会出现在周报里。如果它是正文的一部分（如话题 #社工在行动#），请给整段文字加上引号，或改用 body: | 的分行写法；真是注释的话，请写到单独的一行。",
        "' #' and what follows ({value}) is a YAML comment and will not appear in the bulletin. If it belongs to the text (a topic such as #社工在行动#), put the whole text in quotes or write it as a 'body: |' block; a comment meant as one goes on a line of its own.",
    ),
    "W-short-body": Message(
        zh="正文太短（只有 {count} 个字）。",
        en="The body is too short ({count} letters or digits).",
        hint_zh="请写清楚时间、地点、做了什么、服务了多少人（至少 {minimum} 个字）。",
        hint_en="Say when, where, what was done and for how many people (at least {minimum} characters).",
    ),
    "W-figure-fraction": Message(
        zh="“{key}: {value}”不是整数，但{label}的单位是“{unit}”：人数、户数、次数应是整数。",
        en="'{key}: {value}' is not a whole number, but {label} is counted in {unit}: people, households and times are whole numbers.",
        hint_zh="请核对这个数字，改成整数（是不是多打了小数点？）。",
        hint_en="Check the figure and make it a whole number (a stray decimal point?).",
    ),
    # WeChat post, images and themes
    "E-config-theme": (
        "没有“{value}”这个主题。可用的主题：{choices}。",
        "There is no theme '{value}'. Themes: {choices}.",
    ),
    "E-theme": (
        "--theme 后面写的“{value}”不是内置主题。可用的主题：{choices}。",
        "--theme '{value}' is not a built-in theme. Themes: {choices}.",
    ),
    "E-config-color": (
        "颜色“{value}”看不懂。请写成 # 加 6 位十六进制数字，例如 #c0392b。",
        "Cannot read the colour '{value}'. Write # and six hex digits, such as #c0392b.",
    ),
    "E-config-black": (
        "颜色“{value}”是纯黑色，公众号编辑器会把纯黑的文字颜色去掉。请改用深灰色 #333333 或 #3f3f3f。",
        "'{value}' is pure black, which the WeChat editor strips from text. Use dark grey #333333 or #3f3f3f.",
    ),
    "E-config-font": (
        "字体“{value}”写法不对。请写字体名称，用英文逗号隔开，不加引号，例如 PingFang SC, Microsoft YaHei, sans-serif。",
        "The font list '{value}' is not valid. Give font names separated by commas, without quotes, such as PingFang SC, Microsoft YaHei, sans-serif.",
    ),
    "E-config-range": (
        "{field} 的值 {value} 超出范围，请写 {low} 到 {high} 之间的数。",
        "'{field}' is {value}, outside the range {low} to {high}.",
    ),
    "E-image-unreadable": (
        "图片“{value}”打不开，文件可能已损坏或不是照片。请重新导出为 JPG 或 PNG。（技术信息：{reason}）",
        "The image '{value}' cannot be read ({reason}). It may be damaged or not a photo; export it again as JPG or PNG.",
    ),
    "E-image-truncated": (
        "图片“{value}”不完整：文件只有前面一部分，多半是从手机传到电脑时中断了。请把原图重新传一次（或重新导出为 JPG 或 PNG）。",
        "The image '{value}' is incomplete: only the start of the file is there, most likely from a copy that stopped halfway. Copy the original again (or export it again as JPG or PNG).",
    ),
    "E-wechat-text-length": (
        "本周公众号正文有 {count} 个字，超过公众号单篇 {limit} 字的上限。请精简条目正文，或分两篇发布。",
        "This week's WeChat article has {count} characters of text, over WeChat's limit of {limit}. Shorten entry bodies or split the week into two articles.",
    ),
    "E-wechat-html-size": (
        "本周公众号正文的 HTML 有 {count} 字节，达到公众号 {limit} 字节（1 MB）的上限。请精简条目正文，或分两篇发布。",
        "This week's WeChat article is {count} bytes of HTML, at WeChat's limit of {limit} bytes (1 MB). Shorten entry bodies or split the week.",
    ),
    "W-wechat-html-length": (
        "公众号正文连同排版代码共 {count} 个字符，超过 {limit}。接口可能把排版代码也算进字数而拒收；若上传失败，请精简正文、分两篇，或在 bulletin.toml 的 [wechat] 里写 overview = false，只从公众号文章里去掉本周概况（周报的 Markdown 和网页仍保留）。",
        "The WeChat article is {count} characters including markup, over {limit}. The API may count markup and refuse it; if the upload fails, shorten or split the week, or set overview = false under [wechat] in bulletin.toml to leave 本周概况 out of the article only (the Markdown and the page keep it).",
    ),
    "W-wechat-title-length": (
        "标题有 {count} 个字，公众号标题最多 {limit} 个字。请在 bulletin.toml 里把 title 改短。",
        "The title has {count} characters; WeChat allows {limit}. Shorten title in bulletin.toml.",
    ),
    "W-wechat-digest-length": (
        "摘要有 {count} 个字，公众号摘要最多 {limit} 个字。请在 bulletin.toml 里把 digest 改短。",
        "The digest has {count} characters; WeChat allows {limit}. Shorten digest in bulletin.toml.",
    ),
    # The article fragment breaks a rule of the WeChat editor. Entries cannot cause these (bodies
    # are rewritten into allowed tags): the project's own overview.html.j2 can, or a bug.
    "E-wechat-tag": (
        "公众号正文里出现了编辑器不接受的标签 <{value}>（{count} 处）。若项目的 templates/overview.html.j2 改过，请检查它；否则这是 bulletin 的问题，请把这条消息发给维护者。",
        "The WeChat article holds the tag <{value}> ({count}×), which the editor refuses. Check the project's templates/overview.html.j2 if it has one; otherwise this is a bulletin bug, please report it.",
    ),
    "E-wechat-attribute": (
        "公众号正文里出现了编辑器会删掉的属性（{value}，{count} 处）。若项目的 templates/overview.html.j2 改过，请检查它；否则这是 bulletin 的问题，请把这条消息发给维护者。",
        "The WeChat article holds an attribute the editor drops ({value}, {count}×). Check the project's templates/overview.html.j2 if it has one; otherwise this is a bulletin bug, please report it.",
    ),
    "E-wechat-style": (
        "公众号正文的样式里有编辑器不支持的写法（{value}，{count} 处）。请检查 bulletin.toml 的 [theme] 和项目的 templates/overview.html.j2；都没改过的话，请把这条消息发给维护者。",
        "The WeChat article's styles hold something the editor drops ({value}, {count}×). Check [theme] in bulletin.toml and the project's templates/overview.html.j2; if neither is changed, please report this.",
    ),
    "E-wechat-link": (
        "公众号正文里有指向 mp.weixin.qq.com 以外的链接（{value}），编辑器会拒收。若项目的 templates/overview.html.j2 改过，请检查它；否则请把这条消息发给维护者。",
        "The WeChat article links outside mp.weixin.qq.com ({value}), which the editor refuses. Check the project's templates/overview.html.j2 if it has one; otherwise please report this.",
    ),
    "E-wechat-image-source": (
        "公众号正文里的图片地址“{value}”不可用：只能是本次生成的 images/ 里的图片或 https 地址。",
        "The image address '{value}' in the WeChat article cannot be used: only images/ of this build or https addresses work.",
    ),
    "E-wechat-image-not-uploaded": (
        "公众号正文里的图片“{value}”不是上传到公众号的图片，公众号会把它从草稿里去掉。若项目的 templates/overview.html.j2 里有图片，请删掉它；否则请把这条消息发给维护者。",
        "The image '{value}' in the WeChat article was not uploaded to WeChat, which would drop it from the draft. Remove images from the project's templates/overview.html.j2 if it has any; otherwise please report this.",
    ),
    "E-wechat-whitespace": (
        "公众号正文的标签之间有空白文字（{count} 处），粘贴后会变成多余的空行。若项目的 templates/overview.html.j2 改过，请检查它；否则请把这条消息发给维护者。",
        "The WeChat article has blank text between tags ({count}×), which pastes as stray blank lines. Check the project's templates/overview.html.j2 if it has one; otherwise please report this.",
    ),
    "E-wechat-wrapper": (
        "公众号正文应是一个完整的 <section>，这里最外层是：{value}。这是 bulletin 的问题，请把这条消息发给维护者。",
        "The WeChat article must be one <section>; its outer level is: {value}. This is a bulletin bug; please report it.",
    ),
    # Publishing to the WeChat Official Account
    "E-publish-api-base": (
        "--api-base “{value}” 不是 https 地址。AppSecret 只能通过 https 发送（本机测试可用 http://127.0.0.1）。",
        "--api-base '{value}' is not an https address. The AppSecret is only sent over https (http://127.0.0.1 for local tests).",
    ),
    "E-publish-credentials-missing": Message(
        zh="找不到公众号的凭据（AppID 和 AppSecret），无法发布。",
        en="The Official Account's credentials (AppID and AppSecret) are not set up, so nothing can be published.",
        hint_zh='在 mp.weixin.qq.com →“设置与开发 → 基本配置”里找到 AppID 和 AppSecret，设成环境变量 WECHAT_APPID 和 WECHAT_APPSECRET；或写进仓库以外的文件（appid = "…" 和 appsecret = "…" 两行），再在 bulletin.toml 的 [wechat] 里写 credentials_file = "~/.config/bulletin/wechat.toml"。',
        hint_en='Find the AppID and AppSecret at mp.weixin.qq.com → Settings and development → Basic configuration, and set WECHAT_APPID and WECHAT_APPSECRET; or write them in a file outside the repository (lines appid = "…" and appsecret = "…") and name it in bulletin.toml: [wechat] credentials_file = "~/.config/bulletin/wechat.toml".',
    ),
    "E-publish-credentials-partial": (
        "只设了一半凭据：还缺环境变量 {value}。WECHAT_APPID 和 WECHAT_APPSECRET 要一起设。",
        "Only half of the credentials are set: the environment variable {value} is missing. Set WECHAT_APPID and WECHAT_APPSECRET together.",
    ),
    "E-publish-credentials-in-repository": (
        "凭据文件 {value} 在项目的 git 仓库里面，会被提交出去。请把它移到仓库以外（例如 ~/.config/bulletin/wechat.toml），改好 credentials_file，并在公众号后台重置 AppSecret。",
        "The credentials file {value} is inside the project's git repository, where it would be committed. Move it outside (e.g. ~/.config/bulletin/wechat.toml), update credentials_file, and reset the AppSecret.",
    ),
    "E-publish-credentials-file": (
        '读不出凭据文件 {value}（{reason}）。它应是一个 TOML 文件，写有 appid = "…" 和 appsecret = "…" 两行。',
        'Cannot read the credentials file {value} ({reason}). It should be a TOML file with the lines appid = "…" and appsecret = "…".',
    ),
    "E-publish-credentials-keys": (
        '凭据文件 {value} 里缺少 {keys}。请写成 appid = "…" 和 appsecret = "…" 两行。',
        'The credentials file {value} lacks {keys}. Write the lines appid = "…" and appsecret = "…".',
    ),
    "E-publish-state": (
        "读不出这一周的发布记录（{reason}）。删掉这个文件就能重新发布，但会重新上传所有图片并新建一篇草稿：请先在公众号草稿箱里删掉这一周的旧草稿。",
        "This week's publish record cannot be read ({reason}). Deleting the file lets you publish again, but every photo is uploaded again and a new draft is made: delete the week's old draft in the account first.",
    ),
    "E-publish-too-long": (
        "{field} 有 {count} 个字，公众号最多收 {limit} 个字，发布会被拒绝。请在 bulletin.toml 里把它改短。",
        "'{field}' has {count} characters; WeChat takes at most {limit} and would refuse the draft. Shorten it in bulletin.toml.",
    ),
    "E-publish-source-url": (
        "content_source_url（阅读原文）必须是 http:// 或 https:// 开头的完整网址，且不超过 {limit} 字节。",
        "content_source_url (阅读原文) must be a whole address starting with http:// or https://, at most {limit} bytes.",
    ),
    "E-publish-cover-missing": (
        "找不到封面图片“{value}”（路径相对于项目文件夹）。请改正 [wechat] 的 cover，或删掉这一行，用本周第一张照片作封面。",
        "The cover image '{value}' does not exist (the path is relative to the project folder). Fix cover in [wechat], or remove the line to use the week's first photo.",
    ),
    "E-publish-no-cover": (
        '{week} 没有一张照片，而公众号文章必须有封面。请在 bulletin.toml 的 [wechat] 里写 cover = "封面.jpg"（相对于项目文件夹的路径）。',
        '{week} has no photo, and a WeChat article needs a cover. Set cover = "cover.jpg" in [wechat] in bulletin.toml (a path relative to the project folder).',
    ),
    # WeChat's answers (errcode in each message, so that it can be looked up)
    "E-publish-token": (
        "公众号不认这次的 access_token（错误码 {errcode}），换了新的也不行。可能有别的程序在用强制刷新不断更换它：请稍后再运行；一直出错时，请检查还有哪些程序在用这个公众号的接口。",
        "WeChat refused the access token (errcode {errcode}), a fresh one too. Another program may keep force-refreshing it: run again later, and if it persists, check which other programs use this account's API.",
    ),
    "E-publish-appid": (
        "AppID 不对（错误码 {errcode}）。请核对 WECHAT_APPID 或凭据文件里的 appid，它在 mp.weixin.qq.com →“设置与开发 → 基本配置”里。",
        "The AppID is wrong (errcode {errcode}). Check WECHAT_APPID or appid in the credentials file against mp.weixin.qq.com → Settings and development → Basic configuration.",
    ),
    "E-publish-appsecret": (
        "AppSecret 不对或已被重置（错误码 {errcode}）。请在 mp.weixin.qq.com →“设置与开发 → 基本配置”里重置 AppSecret，更新 WECHAT_APPSECRET 或凭据文件后再运行。",
        "The AppSecret is wrong or was reset (errcode {errcode}). Reset it at mp.weixin.qq.com → Settings and development → Basic configuration, update WECHAT_APPSECRET or the credentials file, and run again.",
    ),
    "E-publish-ip-whitelist": Message(
        zh="公众号拒绝了来自 {ip} 的调用：它不在接口 IP 白名单里（错误码 {errcode}）。",
        en="WeChat refused the call from {ip}: it is not on the API IP whitelist (errcode {errcode}).",
        hint_zh="请登录 mp.weixin.qq.com，在“设置与开发 → 基本配置 → IP白名单”里加上 {ip}，几分钟后再运行。",
        hint_en="Sign in at mp.weixin.qq.com and add {ip} under Settings and development → Basic configuration → IP whitelist, then run again in a few minutes.",
    ),
    "E-publish-file-type": (
        "公众号不接受这个图片的格式（错误码 {errcode}）。bulletin 上传的照片和封面都已转成 JPG 或 PNG，本不该如此：请重新运行 bulletin publish，仍然出错时请把这条消息发给维护者。",
        "WeChat refused the image's format (errcode {errcode}). bulletin turns every photo and the cover into JPG or PNG, so this should not happen: run bulletin publish again, and report this if it persists.",
    ),
    "E-publish-file-size": (
        "图片太大，公众号不收（错误码 {errcode}）。正文图片要小于 1 MB，封面小于 10 MB；bulletin 处理过的照片都在 1 MB 以下，请重新运行 bulletin publish，仍然出错时请把这条消息发给维护者。",
        "The image is too large for WeChat (errcode {errcode}): body images must be under 1 MB, covers under 10 MB. bulletin's photos are under 1 MB; run bulletin publish again, and report this if it persists.",
    ),
    "E-publish-media-id": (
        "封面素材无效（错误码 {errcode}），可能在公众号素材库里被删除了。已把它从发布记录里去掉：再运行一次 bulletin publish 会重新上传封面。",
        "The cover material is not valid (errcode {errcode}); it may have been deleted from the account's library. It is dropped from the publish record: run bulletin publish again to upload the cover anew.",
    ),
    "E-publish-draft-missing": (
        "公众号里找不到这一周上次的草稿或它的封面（错误码 {errcode}）：可能已删除，或草稿已经发表。如果这一周已经发表，就不必再发；否则再运行一次 bulletin publish，会重新上传封面并新建一篇草稿。",
        "WeChat no longer has this week's draft or its cover (errcode {errcode}): deleted, or the draft was published. If the week is published, stop here; otherwise run bulletin publish again to upload the cover and make a new draft.",
    ),
    "E-publish-content-size": (
        "公众号嫌正文太长，没有收（错误码 {errcode}）。公众号说正文要少于 2 万字符、小于 1 MB，看来把排版代码也算进去了。请在 bulletin.toml 的 [wechat] 里写 overview = false，只从公众号文章里去掉本周概况，或精简正文、分两篇发布；图片已上传的不会重复上传。",
        "WeChat refused the article as too long (errcode {errcode}). Its limit is under 20,000 characters and 1 MB, and it seems to count the markup. Set overview = false under [wechat] in bulletin.toml to leave 本周概况 out of the article only, or shorten or split the week; photos already uploaded are not sent again.",
    ),
    "E-publish-title-size": (
        "公众号嫌标题太长（错误码 {errcode}）。请在 bulletin.toml 里把 title 改短（最多 32 个字）。",
        "WeChat refused the title as too long (errcode {errcode}). Shorten title in bulletin.toml (at most 32 characters).",
    ),
    "E-publish-digest-size": (
        "公众号嫌摘要太长（错误码 {errcode}）。请在 bulletin.toml 里把 digest 改短（最多 128 个字）。",
        "WeChat refused the digest as too long (errcode {errcode}). Shorten digest in bulletin.toml (at most 128 characters).",
    ),
    "E-publish-rate-limit": (
        "这个公众号今天调用接口的次数已经用完（错误码 {errcode}）。请明天再运行；已完成的步骤不会重复。急用时可在 mp.weixin.qq.com →“设置与开发 → 接口权限”里查看和清零调用次数。",
        "The account has used up today's API calls (errcode {errcode}). Run again tomorrow; finished steps are not repeated. If it is urgent, the quota can be checked and reset at mp.weixin.qq.com → Settings and development → API permissions.",
    ),
    "E-publish-permission": (
        "这个公众号没有调用这个接口的权限（错误码 {errcode}），常见于未认证的个人号。请在 mp.weixin.qq.com →“设置与开发 → 接口权限”里查看；没有权限时，请用 bulletin build --format wechat 生成的 wechat.html 复制粘贴到公众号编辑器。",
        "This account may not use this API (errcode {errcode}), as is common for unverified personal accounts. Check Settings and development → API permissions at mp.weixin.qq.com; without it, copy the article from wechat.html (bulletin build --format wechat) into the editor.",
    ),
    "E-publish-api": (
        "公众号拒绝了这一步：错误码 {errcode}（{errmsg}）。请在 https://developers.weixin.qq.com/doc/oplatform/Return_codes/Return_code_descriptions_new.html 查这个错误码；改正后再运行，已完成的步骤不会重复。",
        "WeChat refused this step: errcode {errcode} ({errmsg}). Look the code up at https://developers.weixin.qq.com/doc/oplatform/Return_codes/Return_code_descriptions_new.html; run again once fixed, finished steps are not repeated.",
    ),
    "E-publish-network": (
        "连不上公众号接口（{reason}，试了 {count} 次）。请检查网络后再运行；已完成的步骤不会重复。",
        "Could not reach the WeChat API ({reason}, {count} attempts). Check the network and run again; finished steps are not repeated.",
    ),
    "E-publish-answer": (
        "公众号接口的回答看不懂（{reason}）。可能是 --api-base 写错了，或接口临时出错：请稍后再运行。",
        "The WeChat API's answer cannot be read ({reason}). --api-base may be wrong, or the API failed for a moment: run again later.",
    ),
    "E-publish-draft-unconfirmed": (
        "新建草稿时没有收到公众号的回应（{reason}），草稿可能已经建好了。再运行一次 bulletin publish 会再新建一篇：之后请到草稿箱看一看，有两篇的话删掉较早的一篇。",
        "No answer came back while making the draft ({reason}); WeChat may have made it anyway. Running bulletin publish again makes a new one: then look in the drafts and delete the older one if there are two.",
    ),
    # Figures, statistics and the archive
    "E-unknown-group": (
        "bulletin.toml 没有登记服务对象“{value}”。{did_you_mean}可用的服务对象：{choices}。请改正名称，或请协调人登记（也可登记为别名）。",
        "The target group '{value}' is not registered in bulletin.toml. {did_you_mean}Groups: {choices}. Fix the name or ask the coordinator to register it (an alias works too).",
    ),
    "E-build-what": (
        "周次和 --all 只能写一个：bulletin build week-47 生成一周，bulletin build --all 生成所有周。",
        "Give a week or --all, not both: bulletin build week-47 builds one week, bulletin build --all every week.",
    ),
    "E-date-all": (
        "--date 是某一周周报的编制日期，不能和 --all 一起用。请逐周生成：bulletin build week-47 --date 2022-12-01。",
        "--date is one week's publication date and cannot go with --all. Build that week alone: bulletin build week-47 --date 2022-12-01.",
    ),
    "E-publication-date": (
        "看不懂 --date 后面的日期“{value}”。请写周报的编制日期，如 --date 2022-12-01、--date 2022年12月1日 或 --date 12月1日。",
        "Cannot read the date '{value}' after --date. Write the bulletin's publication date, as in --date 2022-12-01, --date 2022年12月1日 or --date 12月1日.",
    ),
    "E-publication-early": (
        "编制日期 {value} 在 {week}（{range}）开始之前。周报在这一周开始以后才能编制：请核对 --date。",
        "The publication date {value} is before {week} ({range}) begins; a week's bulletin is written after it starts. Check --date.",
    ),
    "E-no-entries-folder": (
        "条目文件夹 {folder}/ 不存在，什么也没检查。请核对 bulletin.toml 里的 entries_dir，或新建这个文件夹。",
        "The entries folder {folder}/ does not exist, so nothing was checked. Check entries_dir in bulletin.toml, or make the folder.",
    ),
    "E-schema-out": (
        "{path} 已经存在，而且不是 JSON Schema 文件，没有覆盖。请换一个文件名（惯例是 bulletin.schema.json）。",
        "{path} exists and is not a JSON Schema file, so it was not overwritten. Choose another name (bulletin.schema.json by convention).",
    ),
    "E-no-weeks": (
        "还没有任何一周的条目。条目应放在 {folder}/<周次>/ 文件夹里，例如 {folder}/2022-W47/。",
        "There are no weeks of entries yet. Entries belong in {folder}/<week>/ folders such as {folder}/2022-W47/.",
    ),
    "E-stats-span": (
        "--last 后面要写 1 到 520 之间的周数，而且不能和 --from 一起用。例如 --last 8，或 --from 2022-W40 --to 2022-W47。",
        "--last takes a number of weeks from 1 to 520 and cannot be combined with --from. Use --last 8, or --from 2022-W40 --to 2022-W47.",
    ),
    "E-stats-order": (
        "起始周 {first} 在结束周 {last} 之后。请把 --from 和 --to 对调。",
        "The first week {first} comes after the last week {last}. Swap --from and --to.",
    ),
    "E-stats-out": (
        "--out 的文件名要以 .csv 或 .json 结尾（写成哪种格式由它决定），这里是“{path}”。例如 --out figures.csv。",
        "The file named by --out must end in .csv or .json (which decides what is written); it is '{path}'. For example --out figures.csv.",
    ),
    "E-stats-out-format": (
        "--format {value} 和 --out {path} 不一致：写入文件时，格式由文件名的结尾决定。请去掉 --format，或把文件名改成以 .{value} 结尾。",
        "--format {value} does not agree with --out {path}: a file is written in the format its name ends in. Leave out --format, or name a file ending in .{value}.",
    ),
    "W-archive-unreadable": (
        "这一周的 figures.json 读不出来（{reason}），往期目录里暂不列出这一周。请重新生成这一周的周报。",
        "This week's figures.json cannot be read ({reason}), so the archive index leaves the week out. Build that week again.",
    ),
    "E-group-no-total": (
        "by_group 里按服务对象分了“{value}”，但 stats 里没有它的总数。请在 stats 里写上 {value} 的总数（各服务对象的数字加起来不一定等于总数）。",
        "by_group splits '{value}' by target group, but stats has no total for it. Add the total of {value} to stats (the groups need not add up to it).",
    ),
    "E-group-repeated": (
        "“{value}”就是服务对象“{group}”，它在这里写了两次。请把两个数字合并成一项。",
        "'{value}' is the target group '{group}', which is written twice here. Merge the two figures into one.",
    ),
    "E-group-over-total": (
        "服务对象“{group}”的 {value} 比 {metric} 的总数 {total} 还大。分项不能超过总数，请核对这两个数字。",
        "The figure {value} for '{group}' is larger than the total {total} of {metric}. A part cannot exceed the total; check both figures.",
    ),
    # Authoring: init, new, import, serve
    "E-init-exists": (
        "这里已经有 bulletin.toml，已经是一个周报项目，init 不会覆盖它。要新建项目，请换一个文件夹。",
        "There is a bulletin.toml here already: this is a bulletin project, and init does not overwrite it. Choose another folder for a new project.",
    ),
    "E-init-not-folder": (
        "“{path}”是一个文件，不是文件夹。请给 init 一个文件夹的路径。",
        "'{path}' is a file, not a folder. Give init the path of a folder.",
    ),
    "E-new-missing": (
        "缺少 {field}。请用 {flag} 写上；在终端里直接运行 bulletin new 会逐项询问。",
        "'{field}' is missing. Give it with {flag}; run bulletin new at a terminal to be asked for each field.",
    ),
    "E-new-unknown-station": (
        "没有找到社工站“{value}”。{did_you_mean}写站名的一部分就可以（例如“{example}”）；新设的站请协调人在 bulletin.toml 里登记。",
        "No station '{value}' was found. {did_you_mean}Part of its name is enough (such as {example}); a new station must be registered in bulletin.toml by the coordinator.",
    ),
    "E-new-ambiguous": (
        "“{value}”可以指好几个地方：{choices}。请把名称写完整一些。",
        "'{value}' could mean several places: {choices}. Write more of the name.",
    ),
    "E-new-stat": (
        "--stat 应写成“数据项=数字”，例如 --stat visited=45；这里写的是“{value}”。",
        "--stat takes metric=number, such as --stat visited=45; got '{value}'.",
    ),
    "E-import-format": (
        "不能导入扩展名为“{suffix}”的文件。请在 Excel 或 WPS 里把表格另存为 .xlsx 或 .csv 再导入。",
        "Cannot import a '{suffix}' file. Save the sheet as .xlsx or .csv in Excel or WPS, then import it.",
    ),
    "E-import-missing-file": (
        "找不到这个表格文件。请检查文件名和所在的文件夹。",
        "This spreadsheet file does not exist. Check its name and folder.",
    ),
    "E-import-encoding": (
        "读不懂这个 CSV 文件的编码（既不是 UTF-8 也不是 GBK）。请在 Excel 里另存为“CSV UTF-8”或 .xlsx。",
        "Cannot read this CSV file's encoding (neither UTF-8 nor GBK). Save it again as 'CSV UTF-8' or .xlsx.",
    ),
    "E-import-unreadable": (
        "打不开这个 Excel 文件（{reason}）。请确认它没有加密、没有损坏，是 .xlsx 格式（老的 .xls 请先另存为 .xlsx）。",
        "Cannot open this Excel file ({reason}). Make sure it is an unencrypted, undamaged .xlsx (save old .xls files as .xlsx).",
    ),
    "E-import-too-large": (
        "这个 Excel 文件解压后有 {size} MB，超过 {limit} MB 的上限，没有读取。台账一般只有几十 KB：请删掉表里粘贴的照片（照片可以另放在文件夹里，在表格里写文件名）或无关的工作表，另存后再导入。",
        "This Excel file unpacks to {size} MB, over the limit of {limit} MB, and was not read. A weekly sheet is usually tens of KB: remove pasted photos (keep them in a folder and write their file names in the sheet) or unrelated sheets, save, and import again.",
    ),
    "E-import-merged-size": (
        "这个文件里的合并单元格一共覆盖 {cells} 个格子，太大了，没有读取。请取消整行、整列或大片区域的合并（只合并需要的几格），另存后再导入。",
        "The merged cells of this file cover {cells} cells in all, too many to read. Unmerge whole rows, columns or large areas (merge only the few cells needed), save, and import again.",
    ),
    "E-import-sheet-size": (
        "这张工作表的范围有 {rows} 行 × {columns} 列，太大了，没有读取。请删掉内容下方和右侧的空行、空列（或把有内容的部分复制到新工作表），另存后再导入。",
        "This sheet's used range is {rows} rows × {columns} columns, too large to read. Delete the empty rows and columns below and to the right of the content (or copy the content to a new sheet), save, and import again.",
    ),
    "E-import-sheets-size": (
        "要读的 {count} 张工作表一共有 {cells} 个格子，太多了，没有读取。请用 --sheet 指定要导入的那张工作表，或删掉不用的工作表，另存后再导入。",
        "The {count} sheets to read hold {cells} cells together, too many to read. Name the sheet to import with --sheet, or delete the sheets not needed, save, and import again.",
    ),
    "E-import-sheet": (
        "表格里没有名为“{value}”的工作表。有这些：{choices}。",
        "The workbook has no sheet named '{value}'. It has: {choices}.",
    ),
    "E-import-no-header": (
        "前 10 行里找不到表头（日期、社工站、类别、标题、内容等列名）。请在数据上方加一行列名，或在 bulletin.toml 的 [import.columns] 里写明各列的名称。",
        "No header row in the first 10 rows (column names such as 日期/date, 社工站/station, 类别/category, 内容/body). Add a row of column names above the data, or name the columns in [import.columns] in bulletin.toml.",
    ),
    "E-import-no-column": (
        '表格里没有这一列：{field}。找到的列：{found}。请加上这一列，或在 bulletin.toml 的 [import.columns] 里写明它叫什么，例如 body = "活动简介"。',
        "The sheet has no '{field}' column (columns found: {found}). Add it, or name its header in [import.columns] in bulletin.toml, e.g. body = \"summary\".",
    ),
    "E-import-image-missing": (
        "在表格所在的文件夹里找不到图片“{value}”。{did_you_mean}表格里写的图片路径是相对于表格所在的文件夹的：请把图片放在表格旁边（或写上它相对于表格的路径），再导入一次。",
        "Image '{value}' not found in the sheet's folder. {did_you_mean}Image paths in a sheet are relative to the sheet's folder: put the photo next to the sheet (or write its path from there) and import again.",
    ),
    "E-import-image-outside": (
        "图片“{value}”在项目文件夹以外，不会读取。请把表格和它的图片一起放进项目文件夹（比如 incoming/ 文件夹），再从那里导入。",
        "Image '{value}' lies outside the project folder and is not read. Move the sheet together with its photos into the project (an incoming/ folder, say) and import it from there.",
    ),
    "W-import-column": (
        "不认识“{header}”这一列，它不会导入。如果它是某一项（如正文、某个数据项），请在 bulletin.toml 的 [import.columns] 里写明。",
        "The column '{header}' is not recognised and is not imported. If it holds a field or a metric, name it in [import.columns] in bulletin.toml.",
    ),
    "W-import-column-twice": (
        "“{header}”这一列和前面的一列是同一项，只导入前面那一列。",
        "The column '{header}' holds the same field as an earlier column; only the earlier one is imported.",
    ),
    "E-serve-port": (
        "无法在这个端口上提供预览（{reason}）。请用 --port 换一个端口，例如 --port 8001。",
        "Cannot serve the preview on this port ({reason}). Choose another with --port, e.g. --port 8001.",
    ),
    "W-import-total": (
        "这是合计行，不导入。",
        "This is a totals row; it is not imported.",
    ),
    # Hardening against hostile input
    "E-outside-project": (
        "这个文件在项目文件夹以外（或是指向项目以外的链接），为了安全没有读取。请把文件本身（而不是链接）放进项目的条目文件夹。",
        "This file lies outside the project folder (or is a link to somewhere outside it) and was not read, for safety. Put the file itself (not a link) in the project's entries folder.",
    ),
    "E-file-unreadable": (
        "无法读取这个文件：{reason}。请检查文件的读取权限。",
        "This file cannot be read: {reason}. Check its permissions.",
    ),
    "E-file-too-large": Message(
        zh="文件太大（{size} MB，上限 {limit} MB），没有读取。",
        en="The file is too large ({size} MB, the limit is {limit} MB) and was not read.",
        hint_zh="条目文件通常只有几 KB，请检查是不是放错了文件；确实需要时，可在 bulletin.toml 的 [check] 里调大 max_entry_mb。",
        hint_en="Entry files are usually a few KB: check that this is the right file. If it is, raise max_entry_mb under [check] in bulletin.toml.",
    ),
    "E-binary-file": Message(
        zh="这个文件不是文字（看起来是{kind}），不能当作条目读取。",
        en="This file is not text (it looks like {kind}) and cannot be read as an entry.",
        hint_zh="条目要用记事本等编辑器写成文字，保存为 .yaml；图片请用图片自己的扩展名（.jpg、.png）。",
        hint_en="Write entries as text in an editor such as Notepad and save them as .yaml; give pictures their own extension (.jpg, .png).",
    ),
    "E-yaml-alias": Message(
        zh="这里用了 YAML 的别名（以 * 开头）。条目里不能用别名和锚点（&），它们能让几行字展开成巨大的内容。",
        en="A YAML alias (starting with *) is used here. Entries may not use aliases or anchors (&): they can expand a few lines into an enormous document.",
        hint_zh="请把内容直接写出来；如果这里本来是文字（比如 Markdown 的 *强调*），请给整段文字加上引号。",
        hint_en="Write the content out in full; if this is meant as text (such as Markdown *emphasis*), put the whole text in quotes.",
    ),
    "E-control-character": (
        "这里有一个看不见的控制字符（{value}），YAML 不接受。请删掉它（常见于从 Word 或网页复制来的文字）。",
        "An invisible control character ({value}) is here, which YAML does not accept. Delete it (it often comes with text copied from Word or a web page).",
    ),
    "E-yaml-depth": (
        "这个文件嵌套了太多层（超过 {limit} 层），不像条目文件。请对照填写说明检查缩进和括号。",
        "This file nests more than {limit} levels deep, which no entry does. Check the indentation and brackets against the guide.",
    ),
    "E-yaml-tag": (
        "这里用了 YAML 标签“{value}”，条目里不能用。请删掉以 ! 开头的标签。",
        "The YAML tag '{value}' is used here; entries may not use tags. Remove the tag starting with !.",
    ),
    "E-yaml-documents": (
        "这个文件用 --- 分成了几份，条目文件只能有一份。要写多条，请都放进 entries: 列表里。",
        "This file is split into several documents by ---; an entry file holds one. Put several entries in the entries: list.",
    ),
    "E-image-format": (
        "图片“{value}”不是 {formats} 格式的图片（也许只是改了扩展名），或者已经损坏，没有读取。请用手机或电脑重新导出为 JPG 或 PNG。",
        "The image '{value}' is not a {formats} picture (perhaps only its extension was changed) or is damaged, and was not read. Export it again as JPG or PNG.",
    ),
    "E-image-heic": (
        "图片“{value}”是苹果手机的 HEIC 格式，网页和公众号都显示不了。请把它转成 JPG：用微信把照片发给自己再保存，或在电脑上另存为 JPG，再改好 images: 里的文件名。以后可以在 iPhone 的“设置→相机→格式”里选“兼容性最佳”。",
        "The image '{value}' is an iPhone HEIC photo, which neither web pages nor WeChat show. Convert it to JPG (send it to yourself on WeChat and save it, or save it as JPG on a computer) and change its name under images:. On the iPhone, Settings → Camera → Formats → Most Compatible avoids it.",
    ),
    "E-image-too-large": (
        "图片“{value}”有 {size} MB，超过上限 {limit} MB（[check] max_image_mb 的 10 倍），没有读取。请压缩后再用。",
        "The image '{value}' is {size} MB, over the limit of {limit} MB (ten times [check] max_image_mb), and was not read. Compress it first.",
    ),
    "E-image-pixels": (
        "图片“{value}”有 {width}×{height} 像素，超过 {limit_wan} 万像素的上限，没有处理。请在手机或电脑上把它缩小后再用。",
        "The image '{value}' has {width}×{height} pixels, over the limit of {limit_mp} megapixels, and was not processed. Scale it down first.",
    ),
    "E-write": (
        "无法写入：{reason}。之前生成的文件保持不变。请检查磁盘空间和文件夹的写入权限后再试。",
        "Cannot write: {reason}. What was there before is unchanged. Check the free disk space and the folder's permissions, then try again.",
    ),
    "E-write-protected": Message(
        zh="这个文件夹是只读的（也许是为了保护已经发布的周报），周报不会替换它，所以什么也没有写。",
        en="This folder is read-only (perhaps to keep a published bulletin as it is), and a build will not replace it, so nothing was written.",
        hint_zh="确实要重新生成这一周的，先去掉只读（chmod -R u+w {folder}），再生成。",
        hint_en="To build this week again anyway, make it writable first (chmod -R u+w {folder}), then build.",
    ),
    "E-usage-command": (
        "没有“{value}”这个命令。{did_you_mean}可用的命令：{choices}。",
        "There is no command '{value}'. {did_you_mean}Commands: {choices}.",
    ),
    "E-usage-option": (
        "没有 {value} 这个选项。{did_you_mean}运行 {command} --help 可以看到所有选项。",
        "There is no option {value}. {did_you_mean}Run {command} --help to see them all.",
    ),
    "E-usage-missing": (
        "缺少 {argument}。运行 {command} --help 可以看到怎么写。",
        "Missing {argument}. Run {command} --help to see how to call it.",
    ),
    "E-usage-value": (
        "{argument} 的值不对（{detail}）。运行 {command} --help 可以看到能写什么。",
        "Invalid value for {argument}: {detail} Run {command} --help to see what it takes.",
    ),
    "E-usage-no-value": (
        "{value} 后面要写上它的值。运行 {command} --help 可以看到能写什么。",
        "{value} needs a value after it. Run {command} --help to see what it takes.",
    ),
    "E-usage-choice": (
        "{argument} 只能写 {choices}，这里写的是“{value}”。",
        "{argument} takes one of {choices}, not '{value}'.",
    ),
    "E-usage-integer": (
        "{argument} 要写一个整数，这里写的是“{value}”。",
        "{argument} takes a whole number, not '{value}'.",
    ),
    "E-usage-range": (
        "{argument} 应{bound} {limit}，这里写的是 {value}。",
        "{argument} should be {bound} {limit}, not {value}.",
    ),
    "E-usage": (
        "命令写得不对（{detail}）。运行 {command} --help 可以看到怎么写。",
        "The command is not right: {detail} Run {command} --help to see how to call it.",
    ),
    "E-no-such-path": (
        "没有这个文件或文件夹，什么也没检查。请核对路径（相对于当前文件夹）。",
        "No such file or folder, so nothing was checked. Check the path (relative to the current folder).",
    ),
    "E-path-outside": (
        "这个路径不在周报项目里，不会检查。请给出项目 entries/ 里的文件或文件夹。",
        "This path lies outside the bulletin project and is not checked. Give a file or folder inside the project's entries/.",
    ),
    "E-out-file": (
        "“{value}”是一个文件，不是文件夹：周报要写进一个文件夹。请换一个文件夹（默认是 build/）。",
        "'{value}' is a file, not a folder: a bulletin is written into a folder. Choose a folder (the default is build/).",
    ),
    "E-out-folder": (
        "输出文件夹“{value}”在 {kept}/ 里面，生成周报会覆盖那里的文件。请换一个文件夹（默认是 build/）。",
        "The output folder '{value}' lies inside {kept}/, which a build would overwrite. Choose another folder (the default is build/).",
    ),
    "E-out-project": (
        "输出文件夹“{value}”包含了整个周报项目，周报会和项目的文件混在一起。请换一个文件夹（默认是 build/）。",
        "The output folder '{value}' holds the whole project: the bulletin would be mixed in with the project's files. Choose another folder (the default is build/).",
    ),
    "E-out-foreign": Message(
        zh="这个文件（或文件夹）不是 bulletin 生成的，生成周报会替换或删掉它，所以什么也没有写。",
        en="This file (or folder) was not made by bulletin, and a build would replace or delete it, so nothing was written.",
        hint_zh="请把它移到生成周报的文件夹以外，再生成；用 --out 指定了文件夹的，也可以换一个空文件夹。",
        hint_en="Move it out of the folder the bulletin is built in, then build again; with --out, an empty folder will also do.",
    ),
    # Templates ({page}: the page being made, when it is said)
    "E-template": (
        "{page}模板出错：{reason}。请检查项目 templates/ 文件夹里的这个模板。",
        "{page}Template error: {reason}. Check this template in the project's templates/ folder.",
    ),
    "W-page-no-entries": Message(
        zh="这一周有 {entries} 条动态，生成的 {page} 里却一条也没有：它的模板没有用到 bulletin.sections（动态都在里面）。",
        en="The week has {entries} {entries:entry|entries}, yet the {page} made shows none of them: its template never uses bulletin.sections (where the entries are).",
        hint_zh="项目 templates/ 文件夹里的模板删掉了 {{% block sections %}}（多半在 base.html.j2 里）或 {{% for section in bulletin.sections %}}：请从内置模板里把它抄回来。",
        hint_en="A template in the project's templates/ folder lost {{% block sections %}} (most likely in base.html.j2) or {{% for section in bulletin.sections %}}: copy it back from the built-in template.",
    ),
    "E-template-undefined": Message(
        zh="{page}模板里的“{name}”没有定义。",
        en="{page}'{name}' is not defined in the template.",
        hint_zh="{did_you_mean}这一页的模板能用的：{choices}。{shared}",
        hint_en="{did_you_mean}This page's template has: {choices}. {shared}",
    ),
    "E-template-attribute": Message(
        zh="{page}模板里的 {owner} 没有“{name}”这一项。",
        en="{page}{owner} has no '{name}' in the template.",
        hint_zh="{did_you_mean}{owner} 可以用的：{choices}。",
        hint_en="{did_you_mean}{owner} has: {choices}.",
    ),
    "E-template-missing": Message(
        zh="{page}找不到模板“{name}”。",
        en="{page}There is no template '{name}'.",
        hint_zh="{did_you_mean}项目的 templates/ 文件夹和内置的模板有：{choices}。",
        hint_en="{did_you_mean}The project's templates/ folder and the built-in ones have: {choices}.",
    ),
    "E-template-filter": Message(
        zh="{page}模板里用到的过滤器“{name}”不存在（过滤器是 | 后面的名称）。",
        en="{page}There is no filter '{name}' (the name after a |).",
        hint_zh="{did_you_mean}请改正名称，或去掉这个过滤器。",
        hint_en="{did_you_mean}Fix the name or remove the filter.",
    ),
    "E-template-test": Message(
        zh="{page}模板里用到的测试“{name}”不存在（测试是 is 后面的名称）。",
        en="{page}There is no test '{name}' (the name after is).",
        hint_zh="{did_you_mean}请改正名称。",
        hint_en="{did_you_mean}Fix the name.",
    ),
    "E-template-unclosed": Message(
        zh="{page}模板里的 {{% {opened} %}} 没有结束：缺少 {{% {value} %}}。",
        en="{page}The template's {{% {opened} %}} is not closed: {{% {value} %}} is missing.",
        hint_zh="请在它该结束的地方写上 {{% {value} %}}（这里是 Jinja 发现缺少它的地方）。",
        hint_en="Write {{% {value} %}} where it should end (this is where Jinja found it missing).",
    ),
    "E-template-tag": Message(
        zh="{page}模板里的标签 {{% {name} %}} 不认识，或者它前面没有对应的开头。",
        en="{page}The tag {{% {name} %}} is unknown here, or nothing before it opens it.",
        hint_zh="{did_you_mean}请检查拼写，以及它和前面的 {{% if %}}、{{% for %}}、{{% block %}} 是否成对。",
        hint_en="{did_you_mean}Check its spelling, and that it pairs with an {{% if %}}, {{% for %}} or {{% block %}} before it.",
    ),
    "E-template-unexpected": Message(
        zh="{page}模板的这一行在“{name}”处看不懂。",
        en="{page}The template cannot be read at '{name}' on this line.",
        hint_zh="请检查这一行的括号和引号是否成对：输出写 {{{{ … }}}}，标签写 {{% … %}}。",
        hint_en="Check that this line's brackets and quotes pair: {{{{ … }}}} for output, {{% … %}} for tags.",
    ),
    "W-template-block": Message(
        zh="{{% block {name} %}} 不会显示：它继承的 {parent} 里没有叫“{name}”的块，模板里也没有用 {{{{ self.{name}() }}}} 显示它，这个块的内容会被丢掉。",
        en="{{% block {name} %}} is never shown: {parent}, which this template extends, has no block '{name}', and no template shows it with {{{{ self.{name}() }}}}, so its content is dropped.",
        hint_zh="{did_you_mean}{parent} 里的块：{choices}。",
        hint_en="{did_you_mean}The blocks of {parent}: {choices}.",
    ),
}

TEXTS: Mapping[str, tuple[str, str]] = {
    "did_you_mean": ("你是不是想写“{suggestion}”？", "Did you mean '{suggestion}'? "),
    "reads_as": ("（按 GBK 读是“{guess}”）", " (read as GBK: '{guess}')"),
    "unprinted_time": (
        "其中的“{time}”周报不会印出，请写进 time:。",
        " The bulletin does not print its '{time}': put that in time:.",
    ),
    "summary": (
        "{errors} 个错误，{warnings} 个警告。",
        "{errors} {errors:error|errors}, {warnings} {warnings:warning|warnings}.",
    ),
    "check_ok": (
        "检查通过：{files} 个文件，{entries} 条条目。",
        "All good: {files} {files:file|files}, {entries} {entries:entry|entries}.",
    ),
    "built": (
        "已生成 {week}（{range}）周报：{sections} 个栏目，{entries} 条条目。",
        "Built {week} ({range}): {sections} {sections:section|sections}, {entries} {entries:entry|entries}.",
    ),
    "wrote": ("写入 {path}", "wrote {path}"),
    "building": ("生成周报", "Building"),
    "reading": ("统计", "Reading"),
    "stats_total": ("合计", "Totals"),
    "stats_district": ("各县区", "By district"),
    "stats_category": ("各类别", "By category"),
    "stats_group": ("服务对象", "By target group"),
    "stats_entries": ("条目", "entries"),
    "stats_stations": ("活跃社工站", "active stations"),
    "stats_failed": ("有错误", "errors"),
    "stats_weeks_failed": (
        "这些周的条目有错误，没有统计（数字会不准）：{weeks}。请先用 bulletin check 改正。",
        "These weeks' entries have errors and were left out (their figures would be wrong): {weeks}. Fix them first (bulletin check).",
    ),
    "archive_built": (
        "已生成 {built} 周的周报；{failed} 周有错误。",
        "Built {built} {built:week|weeks}; {failed} {failed:week has|weeks have} errors.",
    ),
    "weeks_failed": (
        "这些周有错误，没有重新生成（之前生成的文件保持不变）：{weeks}",
        "These weeks have errors and were not rebuilt (their previous output is unchanged): {weeks}",
    ),
    "nothing_written": ("有错误，未生成任何文件。", "There are errors; nothing was written."),
    "partly_written": (
        "只写入了 {weeks} 的周报，往期目录（index.html、index.json）没有全部更新。解决上面的问题后，再运行一次 bulletin build 即可。",
        "Only {weeks} was written; the archive index (index.html, index.json) may not be up to date. Fix the problem above and run bulletin build again.",
    ),
    "interrupted": (
        "已中断。正在写的文件没有写完就放弃了，原有的文件保持原样。",
        "Interrupted. Files being written were abandoned; what was there before is unchanged.",
    ),
    "interrupted_written": (
        "已中断。中断前已经写入了 {weeks} 的周报，往期目录（index.html、index.json）没有全部更新。再运行一次同样的 bulletin build 命令即可。",
        "Interrupted after {weeks} was written; the archive index (index.html, index.json) may not be up to date. Run the same bulletin build command again.",
    ),
    "interrupted_read_only": (
        "已中断。这个命令不改动你的文件，什么也没有改变。",
        "Interrupted. This command changes none of your files: nothing was changed.",
    ),
    "ask_station": (
        "社工站（可以只写名称的一部分，如“惠安”；直接回车列出全部）",
        "Station (any part of its name; press Enter to list them all)",
    ),
    "ask_station_free": ("社工站名称", "Station name"),
    "ask_number": ("请输入编号", "Number"),
    "chosen": ("→ {choice}", "→ {choice}"),
    "ask_category": ("类别（写编号或名称）", "Category (number or name)"),
    "ask_date": ("日期", "Date"),
    "ask_title": ("标题（可以不填，直接回车跳过）", "Title (optional, press Enter to skip)"),
    "ask_body": (
        "正文（写一段话；直接回车则打开编辑器写多段）",
        "Body (one paragraph; press Enter to open an editor for more)",
    ),
    "body_needed": (
        "正文不能是空的，请写上活动内容。",
        "The body cannot be empty; describe the activity.",
    ),
    "new_wrote": (
        "已写入 {path}。运行 bulletin check 检查，或运行 bulletin build {week} 生成这一周的周报。",
        "Wrote {path}. Run bulletin check, or bulletin build {week} for that week's bulletin.",
    ),
    "import_new": ("写入 {path}（{sheet} 第 {row} 行）", "wrote {path} ({sheet} row {row})"),
    "import_would": (
        "将写入 {path}（{sheet} 第 {row} 行）：",
        "would write {path} ({sheet} row {row}):",
    ),
    "import_replaced": (
        "重新写入 {path}（{sheet} 第 {row} 行，--force）",
        "rewrote {path} ({sheet} row {row}, --force)",
    ),
    "import_known": (
        "{sheet} 第 {row} 行以前导入过，跳过：{path}",
        "{sheet} row {row} was imported before, skipped: {path}",
    ),
    "import_summary": (
        "新导入 {new} 条，{known} 行以前导入过，{rejected} 行有问题没有导入。",
        "{new} new {new:entry|entries}, {known} {known:row|rows} imported before, {rejected} {rejected:row|rows} not imported because of problems.",
    ),
    "dry_run": ("（试运行：没有写入任何文件）", "(dry run: nothing was written)"),
    "publish_token": ("获取 access_token", "getting an access token"),
    "publish_image": ("上传图片 {done}/{total}：{name}", "uploading photo {done}/{total}: {name}"),
    "publish_images_known": (
        "{done} 张图片以前已上传，不再上传（共 {total} 张）",
        "{done} of {total} {total:photo was|photos were} uploaded before and are not sent again",
    ),
    "publish_cover": ("上传封面：{name}", "uploading the cover: {name}"),
    "publish_cover_known": ("封面以前已上传：{name}", "the cover was uploaded before: {name}"),
    "publish_draft_add": ("新建草稿", "making a new draft"),
    "publish_draft_update": ("更新草稿 {name}", "updating the draft {name}"),
    "publish_created": (
        "已在公众号草稿箱新建草稿《{title}》（media_id {media_id}）。请登录 mp.weixin.qq.com，在“内容与互动 → 草稿箱”里检查后再发表。",
        "Made the draft 《{title}》 (media_id {media_id}). Sign in at mp.weixin.qq.com and check it under Content → Drafts before publishing it.",
    ),
    "publish_updated": (
        "已更新公众号草稿箱里的草稿《{title}》（media_id {media_id}）。请登录 mp.weixin.qq.com，在“内容与互动 → 草稿箱”里检查后再发表。",
        "Updated the draft 《{title}》 (media_id {media_id}). Sign in at mp.weixin.qq.com and check it under Content → Drafts before publishing it.",
    ),
    "publish_counts": (
        "本次上传 {uploaded} 张图片，{reused} 张以前已上传。",
        "{uploaded} {uploaded:photo|photos} uploaded in this run, {reused} uploaded before.",
    ),
    "publish_maybe_duplicate": (
        "上次新建草稿时没有收到回应：草稿箱里可能有两篇这一周的草稿，请删掉较早的一篇。",
        "An earlier attempt to make the draft got no answer: the drafts may hold this week twice; delete the older one.",
    ),
    "publish_dry_run": (
        "试运行：什么也没有发送。要发送的请求（不含密钥）写在 {path}",
        "Dry run: nothing was sent. The requests (without secrets) are in {path}",
    ),
    "publish_resume": (
        "已完成的步骤记在 {path}，改正后再运行 bulletin publish 会接着做，不会重复上传。",
        "What was done is recorded in {path}; once fixed, run bulletin publish again to carry on without uploading anything twice.",
    ),
    "serve_ready": (
        "预览 {week}：{url}\n修改条目、图片、模板或 bulletin.toml 后页面会自动刷新。按 Ctrl+C 停止。",
        "Previewing {week} at {url}\nThe page reloads when an entry, image, template or bulletin.toml changes. Press Ctrl+C to stop.",
    ),
    "serve_not_found": ("没有这个页面。", "There is no such page."),
    "serve_back": ("回到本周周报", "Back to the bulletin"),
    "serve_problems": (
        "有问题需要修改，周报暂时无法生成",
        "Problems to fix before the bulletin can be built",
    ),
    "serve_errors": (
        "错误（{count} 个）：改正后周报才能生成",
        "{count} {count:error|errors}: fix them to build the bulletin",
    ),
    "serve_warnings": (
        "警告（{count} 个）：请核对，不影响生成",
        "{count} {count:warning|warnings}: worth checking, they do not stop the build",
    ),
    "serve_article_box": (
        "预览提示：公众号文章有 {errors} 个错误，没有生成 wechat.html（网页版照常预览）；本周有 {count} 个警告",
        "Preview note: the WeChat article has {errors} {errors:error|errors} and was not made (the page is previewed as usual); {count} {count:warning|warnings} this week",
    ),
    "serve_warnings_box": (
        "预览提示：本周有 {count} 个警告（只在预览里显示，生成的周报里没有）",
        "Preview note: {count} {count:warning|warnings} this week (shown here only, never in the built bulletin)",
    ),
    "serve_updated": ("{time} 已更新。", "{time} Updated."),
    "serve_updated_warnings": (
        "{time} 已更新，{warnings} 个警告（页面顶部也列出了）：",
        "{time} Updated, {warnings} {warnings:warning|warnings} (also listed at the top of the page):",
    ),
    "serve_updated_article": (
        "{time} 已更新网页版；公众号文章有 {errors} 个错误，没有生成；{warnings} 个警告（页面顶部也列出了）：",
        "{time} Updated the page; the WeChat article has {errors} {errors:error|errors} and was not made; {warnings} {warnings:warning|warnings} (also listed at the top of the page):",
    ),
    "serve_failed": (
        "{time} 未能更新：{errors} 个错误，{warnings} 个警告（页面上列出了这些问题）：",
        "{time} Not updated: {errors} {errors:error|errors}, {warnings} {warnings:warning|warnings} (the page lists them):",
    ),
    "init_created": ("新建 {path}", "created {path}"),
    "init_updated": ("补充 {path}", "updated {path}"),
    "init_kept": ("保留原有的 {path}", "kept the existing {path}"),
    "init_done": (
        "周报项目已建好。下一步：进入 {folder} 文件夹，运行 bulletin new 写第一条条目，再运行 bulletin build {week} 生成本周周报。",
        "The bulletin project is ready. Next: go into {folder}, run bulletin new to write the first entry, then bulletin build {week}.",
    ),
    "status_header": ("{week}（{range}）各社工站提交情况：", "{week} ({range}): who has filed"),
    "status_district": (
        "{district}：{stations} 个站中 {filed} 个已提交",
        "{district}: {filed} of {stations} {stations:station|stations} filed",
    ),
    "status_no_stations": (
        "{district}：bulletin.toml 没有登记这个县区的社工站",
        "{district}: no stations registered in bulletin.toml",
    ),
    "status_station": ("{station}（{entries} 条）", "{station} ({entries})"),
    "status_filed": ("  已提交：{stations}", "  filed: {stations}"),
    "status_missing": ("  未提交：{stations}", "  not filed: {stations}"),
    "status_district_wide": (
        "  县区整体条目：{entries} 条",
        "  district-wide entries: {entries}",
    ),
    "status_unregistered": (
        "bulletin.toml 未登记的社工站名称：{stations}",
        "Station names not registered in bulletin.toml: {stations}",
    ),
    "status_ambiguous": (
        "几个县区都有这个名字的站、条目没写县区，没有计入：{stations}（请在条目里加 district:，bulletin check 会指出位置）",
        "Station names that several districts have, with no district written, not counted: {stations} (add district: to the entries; bulletin check shows where)",
    ),
    "status_unreadable": (
        "读不出是谁提交的文件（格式有误，请运行 bulletin check）：{files}",
        "Files that cannot be read to tell who filed them (run bulletin check): {files}",
    ),
    "status_unfiled": (
        "不在周次文件夹里、没有计入的条目文件：{folders}。请把它们移到 2022-W47 这样的文件夹里（bulletin check 会逐个列出）。",
        "Entry files in no week's folder, not counted: {folders}. Move them into a folder such as 2022-W47 (bulletin check lists each one).",
    ),
    "status_unfiled_folder": ("{path}（{files} 个）", "{path} ({files})"),
    "status_total": (
        "合计：{filed} 个站已提交，{missing} 个站未提交。",
        "Total: {filed} {filed:station|stations} filed, {missing} not.",
    ),
}


WARNING_CODES = tuple(code for code in CATALOG if code.startswith("W-"))


def cannot_ignore(code: str) -> dict[str, MessageArg] | None:
    """The facts of ``E-ignore-code`` when ``code`` is not a warning that may be silenced."""
    if code in WARNING_CODES:
        return None
    return {
        "value": code,
        "suggestion": did_you_mean(code, WARNING_CODES) or "",
        "choices": WARNING_CODES,
    }


def _lang_index(lang: Lang) -> int:
    return LANGS.index(lang)


def _format_arg(name: str, value: MessageArg, lang: Lang) -> str:
    if isinstance(value, tuple):
        return ("、" if lang == "zh" else ", ").join(map(visible, value))
    if name == "range":
        from bulletin.dates import span_in  # its patterns are compiled on import: not for --help

        return span_in(str(value), english=lang == "en")
    words = WORDS.get(name, {})
    if value in words:
        return words[str(value)][_lang_index(lang)]
    if name == "field" and lang == "zh" and value in FIELD_GLOSS:
        return f"{value}（{FIELD_GLOSS[str(value)]}）"
    return visible(str(value))


def visible(value: str) -> str:
    """Facts come from files: control and format characters (a terminal's escape sequences,
    a right-to-left override, a line break) are shown as ``\\u001b``, never sent to the
    terminal or the CI log. A byte of a file name that is not UTF-8 (Python holds it as a
    lone surrogate) is shown as ``\\xbb``: the output stays UTF-8 that any reader takes."""
    if value.isprintable():  # most facts: no character to look at
        return value
    return "".join(_shown_character(ch) for ch in value)


def _shown_character(ch: str) -> str:
    kind = unicodedata.category(ch)
    if kind == "Cs":
        code = ord(ch)
        return f"\\x{code - 0xDC00:02x}" if 0xDC80 <= code <= 0xDCFF else f"\\u{code:04x}"
    return f"\\u{ord(ch):04x}" if kind in _INVISIBLE else ch


_INVISIBLE = frozenset({"Cc", "Cf", "Zl", "Zp"})


def text(key: str, lang: Lang, **args: MessageArg) -> str:
    """A sentence of the CLI's own (not a problem)."""
    return _FORMATTER.vformat(
        TEXTS[key][_lang_index(lang)],
        (),
        {name: _format_arg(name, value, lang) for name, value in args.items()},
    )


def message_and_hint(problem: Problem, lang: Lang) -> tuple[str, str]:
    """What is wrong, and how to fix it (empty when the message says both in one)."""
    entry = CATALOG[problem.code]
    if isinstance(entry, Message):
        message, hint = (entry.zh, entry.hint_zh) if lang == "zh" else (entry.en, entry.hint_en)
    else:
        message, hint = entry[_lang_index(lang)], ""
    args = {name: _format_arg(name, value, lang) for name, value in problem.args.items()}
    suggestion = args.get("suggestion", "")
    args["did_you_mean"] = text("did_you_mean", lang, suggestion=suggestion) if suggestion else ""
    guess = args.get("guess", "")
    args["reads_as"] = text("reads_as", lang, guess=guess) if guess else ""
    unprinted = args.get("unprinted", "")
    args["unprinted_time"] = text("unprinted_time", lang, time=unprinted) if unprinted else ""
    blank = _Blank(args)
    return _FORMATTER.vformat(message, (), blank).strip(), _FORMATTER.vformat(hint, (), blank)


def render_message(problem: Problem, lang: Lang) -> str:
    message, hint = message_and_hint(problem, lang)
    separator = "" if lang == "zh" or not hint else " "
    return f"{message}{separator}{hint}"


class _Words(string.Formatter):
    """``{days:day|days}`` is the word for the count ``days``: English says 1 day, 2 days."""

    def format_field(self, value: Any, format_spec: str) -> str:
        if "|" in format_spec:
            one, many = format_spec.split("|")
            return one if str(value) == "1" else many
        return str(super().format_field(value, format_spec))


_FORMATTER = _Words()


class _Blank(dict[str, str]):
    """Missing facts print as nothing rather than raising: a message must never crash."""

    def __missing__(self, key: str) -> str:
        return ""


def format_problem(problem: Problem, lang: Lang) -> str:
    """``PATH:LINE:COL: error: message [E-code]``: the form editors and CI can jump to."""
    where = f"{visible(str(problem.location))}: " if str(problem.location) else ""
    return f"{where}{problem.severity.value}: {render_message(problem, lang)} [{problem.code}]"
