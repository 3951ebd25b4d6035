"""What workers call an entry's fields: the headers of their spreadsheets (``bulletin import``)
and the Chinese keys they type in YAML (正文: for body:, which the check then suggests)."""

from __future__ import annotations

import unicodedata

# Compared without spaces, case or a trailing "*" (normal_name); the field's own key is one.
FIELD_NAMES: dict[str, tuple[str, ...]] = {
    "date": ("日期", "date", "活动日期", "服务日期", "开展日期"),
    "end": ("结束日期", "end", "end date"),
    "time": ("时间", "time", "活动时间", "时段"),
    "station": (
        "社工站",
        "station",
        "站点",
        "站名",
        "社工站名称",
        "所属社工站",
        "乡镇社工站",
        "乡镇（街道）社工站",
        "乡镇（街道）",
        "乡镇街道",
    ),
    "district": ("县区", "district", "县（区）", "区县", "县市区", "所属县区"),
    "org": ("服务机构", "org", "机构", "运营机构", "承接机构"),
    "category": ("类别", "category", "栏目", "服务类别", "活动类别", "类型", "服务类型"),
    "title": ("标题", "title", "活动名称", "活动主题", "主题"),
    "body": (
        "内容",
        "body",
        "正文",
        "活动内容",
        "工作内容",
        "服务内容",
        "主要内容",
        "具体内容",
        "活动简介",
        "活动情况",
        "工作情况",
    ),
    "images": ("图片", "images", "image", "照片", "图片文件"),
}


def normal_name(name: str) -> str:
    return "".join(unicodedata.normalize("NFKC", name).split()).lower().rstrip("*")


# Normalised name → field (reversed: a name listed under two fields belongs to the first).
FIELD_BY_NAME = {
    normal_name(name): field for field, names in reversed(FIELD_NAMES.items()) for name in names
}


def field_named(name: str) -> str | None:
    """The field a worker's name for it stands for (内容 → body), or None."""
    return FIELD_BY_NAME.get(normal_name(name))
