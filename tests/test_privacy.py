"""Clients' names and photos' locations that must not reach the published bulletin."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from bulletin.check import check
from bulletin.config import load_project
from bulletin.diagnostics import Problem
from bulletin.messages import render_message
from helpers import EXAMPLE, MINIMAL_TOML, write_project

WEEK = "entries/2022-W47"
TODAY = date(2022, 12, 1)
# Invented names: the real clients of the seed bulletin are never written anywhere here.
CASE = "category: casework\nbody: {body}\n"


def checked(tmp_path: Path, files: dict[str, str], toml: str = MINIMAL_TOML) -> list[Problem]:
    project = write_project(tmp_path / "p", toml, {f"{WEEK}/{k}": v for k, v in files.items()})
    return check(load_project(project), today=TODAY).problems


# Categories that are no casework, as real projects name them.
CARE_TOML = MINIMAL_TOML + (
    '[[categories]]\nkey = "care"\ntitle = "关心关爱特殊困难群体"\n'
    '[[categories]]\nkey = "volunteering"\ntitle = "志愿服务"\n'
)


def full_names(tmp_path: Path, body: str, category: str = "casework") -> list[tuple[str, int, int]]:
    text = f"category: {category}\nbody: {body}\n"
    return [
        (str(p.args["value"]), p.location.line, p.location.column)
        for p in checked(tmp_path, {"a.yaml": text}, CARE_TOML)
        if p.code == "W-full-name"
    ]


# ------------------------------------------------------------------ W-full-name


@pytest.mark.parametrize(
    ("body", "names"),
    [
        ("驻站社工对服务对象赵德明、钱秀芝进行个案回访。", [("赵**", 2, 16), ("钱**", 2, 20)]),
        ("驻站社工探访困难残疾服务对象钱秀芝家，为其链接长护险评估。", [("钱**", 2, 21)]),
        ("社工继续跟进案主孙强，协助他申请临时救助。", [("孙*", 2, 15)]),
        ("个案：周小红的母亲联系不上，社工协助办理事实无人抚养儿童认定。", [("周**", 2, 10)]),
    ],
)
def test_a_full_name_after_a_client_word_is_flagged_at_the_name(
    tmp_path: Path, body: str, names: list[tuple[str, int, int]]
) -> None:
    assert full_names(tmp_path, body) == names


def test_the_message_suggests_pseudonyms(tmp_path: Path) -> None:
    [problem] = checked(tmp_path, {"a.yaml": CASE.format(body="社工对服务对象赵德明进行回访。")})
    assert problem.args["pseudonyms"] == ("赵某", "小赵")
    assert "赵某、小赵" in render_message(problem, "zh")
    assert "赵某, 小赵" in render_message(problem, "en")
    # The suspected name itself never reaches the (public) CI log: only its surname does.
    assert "赵德明" not in render_message(problem, "zh") + render_message(problem, "en")


@pytest.mark.parametrize(
    "body",
    [
        "三里堡街道社工站驻站社工对两位个案服务对象张某、李某分别进行了回访。",
        "社工走访胡集社区的小张。小张的父亲已去世，母亲联系不上。",
        "正心社工继续跟进智力残疾个案“小霞”姐妹，送去链接来的棉鞋。",
        "社工为服务对象王大爷送去米面油，陪他拉家常。",
        "社工回访服务对象张静（化名），她的情绪已经稳定。",
        "社工为服务对象高龄老人申请高龄津贴，并为对象家中安装扶手。",
        "社工为服务对象进行心理疏导，个案管理、个案工作按计划推进。",
    ],
)
def test_pseudonyms_and_ordinary_words_pass(tmp_path: Path, body: str) -> None:
    assert full_names(tmp_path, body) == []


@pytest.mark.parametrize("category", ["casework", "visits"])
def test_a_name_after_a_client_word_is_flagged_in_every_category(
    tmp_path: Path, category: str
) -> None:
    """The seed leaked its casework clients' names again in 关心关爱特殊困难群体, and each
    time the name was written: every place is reported, not only the one after 服务对象."""
    body = "驻站社工探访服务对象赵德明家，因赵德明前段时间住院，社工常去探望。"
    assert full_names(tmp_path, body, category) == [("赵**", 2, 17), ("赵**", 2, 23)]


# Ordinary words after a client word that begin with a surname: a station worker told that
# 尤其 is a client's name stops trusting the check.
ORDINARY_AFTER_A_CLIENT_WORD = [
    "社工关爱服务对象尤其是独居老人，尤其是高龄老人的生活状况。",
    "社工缓解服务对象严重的焦虑情绪，效果明显。",
    "社工给服务对象温暖和关怀，深受好评。",
    "服务对象左腿、右腿均有旧伤，社工协助就医。",
    "社工为帮扶对象余下的生活费做了预算，教他记账。",
    "社工为服务对象余下的疗程联系了康复机构。",
    "入户时服务对象焦虑的情绪有所缓解，社工继续耐心倾听。",
    "社工发现服务对象焦虑、失眠，及时链接心理咨询师。",
    "社工发现服务对象焦虑，便陪他聊了一个下午。",
    "社工为服务对象舒适的居住环境添置了防滑垫和扶手。",
    "社工的陪伴让服务对象舒心、安心，老人连声道谢。",
    "社工的陪伴让服务对象温暖、舒心，老人连声道谢。",
    "社工时刻关心服务对象冷暖，寒潮前逐户送去棉被。",
    "社工注意到服务对象冷漠的态度背后是长期的孤独。",
    "服务对象严重、持续的失眠问题有所改善。",
    "社工发现关爱对象易怒、情绪低落，约定下周再来。",
    "社工发现服务对象尤其喜欢下象棋，便约了邻居陪他下棋。",
    "社工陪同服务对象左手受伤的老人去医院换药。",
    "服务对象左眼、左耳都有残疾，社工为他申请了残疾人两项补贴。",
    "走访对象许多是空巢老人，社工逐户登记联系方式。",
    "社工了解到慰问对象许多年没有回过老家。",
    "服务对象周边的邻居也来帮忙，社工组织了邻里互助小组。",
    "关爱对象马上就要出院，社工提前联系了家庭医生。",
    "救助对象范围包括低保、特困和低收入家庭。",
    "服务对象温饱问题已经解决，社工转向精神关爱。",
    "社工为服务对象严重失能的老人申请护理补贴。",
    "社工为服务对象温馨的小家贴上了窗花。",
    "社工送来的棉被让慰问对象温暖。",
    "社工为探访对象甘甜的橘子拍了照，老人笑得很开心。",
    "服务对象余生的心愿是回老家看看，社工正在联系。",
    "帮扶对象孙女的学费已经落实，社工继续跟进。",
    "社工为服务对象严格保密，个案记录锁在档案柜里。",
]


@pytest.mark.parametrize("category", ["visits", "casework"])
@pytest.mark.parametrize("body", ORDINARY_AFTER_A_CLIENT_WORD)
def test_ordinary_words_after_a_client_word_are_no_names(
    tmp_path: Path, body: str, category: str
) -> None:
    assert full_names(tmp_path, body, category) == []


# Names that show themselves as names, followed by 家 or written twice: found in every category.
NAMES_THAT_SHOW_THEMSELVES = [
    (
        "驻站社工探访服务对象赵德明家。因赵德明前段时间去世，社工安抚家属。",
        [("赵**", 2, 17), ("赵**", 2, 23)],
    ),
    ("社工对服务对象孙强进行回访，孙强情绪稳定。", [("孙*", 2, 14), ("孙*", 2, 21)]),
    ("社工探访服务对象孙强家，送去米面油。", [("孙*", 2, 15)]),
]
# Names written once, with no 家 after them: found in casework only.
NAMES_IN_CASEWORK = [
    # Three characters: a name before 、, 家, 的 or 是 alike.
    ("社工为服务对象赵德明、钱秀芝夫妇送去米面油。", [("赵**", 2, 14), ("钱**", 2, 18)]),
    ("社工了解到服务对象赵德明是一名退伍军人。", [("赵**", 2, 16)]),
    # Two: where a name stands and no word would.
    ("社工继续跟进案主孙强，协助他申请临时救助。", [("孙*", 2, 15)]),
    ("社工回访服务对象孙强、钱芳夫妇，了解近况。", [("孙*", 2, 15), ("钱*", 2, 18)]),
    ("社工了解到服务对象孙强的母亲已经卧床。", [("孙*", 2, 16)]),
    ("服务对象钱芳（女，72岁）独居，社工每周探访。", [("钱*", 2, 11)]),
]


@pytest.mark.parametrize(("body", "names"), NAMES_THAT_SHOW_THEMSELVES + NAMES_IN_CASEWORK)
def test_names_after_a_client_word_are_found_in_casework(
    tmp_path: Path, body: str, names: list[tuple[str, int, int]]
) -> None:
    assert full_names(tmp_path, body, "casework") == names


@pytest.mark.parametrize(("body", "names"), NAMES_THAT_SHOW_THEMSELVES)
@pytest.mark.parametrize("category", ["visits", "care", "volunteering"])
def test_names_that_show_themselves_are_found_in_every_category(
    tmp_path: Path, body: str, names: list[tuple[str, int, int]], category: str
) -> None:
    assert full_names(tmp_path, body, category) == names


@pytest.mark.parametrize(("body", "names"), NAMES_IN_CASEWORK)
def test_outside_casework_a_name_written_once_without_home_passes(
    tmp_path: Path, body: str, names: list[tuple[str, int, int]]
) -> None:
    """Outside casework such a place is far more often a word (冷漠, 祝寿, 曾表示, 包饺子)."""
    assert full_names(tmp_path, body, "care") == []


def test_the_seeds_leaks_are_still_found(tmp_path: Path) -> None:
    """The seed bulletin's leaks, with invented names: in 关心关爱 and in 个案服务."""
    body = "驻站社工探访服务对象赵德明家，因赵德明前段时间去世，社工慰问家属。"
    assert full_names(tmp_path, body, "care") == [("赵**", 2, 17), ("赵**", 2, 23)]
    body = "驻站社工探访困难残疾服务对象钱秀芝家，为其链接长护险评估。"
    assert full_names(tmp_path, body, "care") == [("钱**", 2, 21)]
    body = "驻站社工对服务对象赵德明、钱秀芝进行个案回访。"
    assert full_names(tmp_path, body, "casework") == [("赵**", 2, 16), ("钱**", 2, 20)]


# The hunt's realistic bodies (findings-fp.md, W-full-name 1–26), each in its category: all
# were taken for names.
REALISTIC_BODIES = [
    (
        "care",
        "社工来到李寨村，入户探访服务对象王婶家，帮助老人打扫卫生、整理物品，并叮嘱其按时服药。",
    ),
    ("care", "社工看望帮扶对象刘婶，帮她把过冬的白菜搬进屋里。"),
    (
        "care",
        "社工前往张楼村探访服务对象张姥姥，老人独自居住，社工帮她更换了灯泡，检查了用电安全。",
    ),
    ("care", "社工探访服务对象王妈妈，她的儿子因车祸致残，社工为其链接了残疾人两项补贴。"),
    ("care", "社工到帮扶对象黄舅舅家中走访，了解其冬季取暖和用药情况。"),
    ("care", "起初服务对象冷漠，不愿与社工交流。社工多次上门，老人终于打开了心扉。"),
    ("care", "社工对辖区内12户低保对象开展冬季走访，切实保障救助对象温饱。"),
    ("care", "社工走访留守老人，消除服务对象顾虑。随后为老人讲解了防诈骗知识。"),
    ("casework", "据求助者陈述，其丈夫常年在外务工，家中老人无人照料。"),
    ("casework", "案主陈述：“孩子不愿意上学，整天在家玩手机。”社工与案主共同制定了服务计划。"),
    ("casework", "当事人许诺，今后不再酒后与家人发生争执。社工将持续跟进。"),
    ("care", "社工与志愿者为高龄服务对象祝寿，送上蛋糕和长寿面，老人笑得合不拢嘴。"),
    ("care", "社工和志愿者为慰问对象祝寿，送去生日蛋糕和祝福。"),
    ("casework", "服务对象易怒，与家人关系紧张，社工通过家庭会谈改善家庭沟通模式。"),
    ("casework", "服务对象焦躁、易怒，与家人沟通困难。社工为其链接了心理咨询师。"),
    ("care", "社工与村干部一起前往服务对象岳母家，协助办理高龄津贴认证。"),
    ("casework", "社工前往服务对象岳父家中，了解案主近期的康复情况。"),
    ("casework", "案主曾表示，希望能找到一份离家近的工作。社工为其链接了就业信息。"),
    ("casework", "服务对象曾表示，希望有人陪他说说话。社工链接志愿者孙强每周二上门陪伴。"),
    ("casework", "案主毕业后，一直待业在家，与父母关系紧张。社工开展了家庭会谈。"),
    ("care", "社工和志愿者陪服务对象包饺子、拉家常，让老人感受到节日般的温暖。"),
    ("volunteering", "志愿者为慰问对象包饺子，并为他们表演了豫剧选段《朝阳沟》。"),
    ("care", "社工联系村委会，动员服务对象周围的邻居多加关照，定期上门看望。"),
    ("casework", "案主严厉的父亲起初不理解社工的工作，经过多次沟通后开始配合。"),
    ("visits", "服务对象：李寨、张楼两村的留守老人，共计36人。"),
    (
        "visits",
        "服务对象：王庄、李寨两村的留守老人。王庄镇社工站将持续跟进，王庄村委会全力配合。",
    ),
]


@pytest.mark.parametrize(("category", "body"), REALISTIC_BODIES)
def test_realistic_bodies_with_no_client_name_pass(
    tmp_path: Path, category: str, body: str
) -> None:
    assert full_names(tmp_path, body, category) == []


@pytest.mark.parametrize(
    "body",
    [
        "个案：周小红的母亲联系不上，社工协助办理事实无人抚养儿童认定。",
        "社工对象赵德明进行回访。",
        "志愿者王建国、社工李红为服务对象送去米面油，服务对象包括：低保户、特困老人。",
    ],
)
def test_outside_casework_only_words_that_name_a_client_are_read(tmp_path: Path, body: str) -> None:
    assert full_names(tmp_path, body, category="visits") == []


def test_the_message_names_no_category(tmp_path: Path) -> None:
    text = "category: visits\nbody: 社工探访服务对象赵德明家，送去米面油。\n"
    [problem] = checked(tmp_path, {"a.yaml": text})
    assert render_message(problem, "zh").startswith("这里有疑似服务对象真实姓名的文字（赵**")
    assert "casework" not in render_message(problem, "en")


def test_a_name_marked_as_a_pseudonym_once_passes_everywhere(tmp_path: Path) -> None:
    body = "社工回访服务对象张静（化名），张静的情绪已经稳定。"
    assert full_names(tmp_path, body, category="visits") == []


def test_casework_categories_are_configurable(tmp_path: Path) -> None:
    toml = MINIMAL_TOML + '[privacy]\ncasework_categories = ["走访调研"]\n'
    text = "category: visits\nbody: 个案：赵德明的母亲联系不上。\n"
    assert [p.code for p in checked(tmp_path, {"a.yaml": text}, toml)] == ["W-full-name"]
    assert (
        checked(tmp_path, {"a.yaml": CASE.format(body="个案：赵德明的母亲联系不上。")}, toml) == []
    )


def test_an_unknown_casework_category_is_a_config_error(tmp_path: Path, run) -> None:  # type: ignore[no-untyped-def]
    toml = MINIMAL_TOML + '[privacy]\ncasework_categories = ["casewrok"]\n'
    project = write_project(tmp_path / "p", toml, {})
    code, _, err = run(project, "check")
    assert code == 2 and "bulletin.toml:9:23" in err and "casework" in err


def test_no_body_of_the_example_project_is_taken_for_a_full_name(kaifeng: Path) -> None:
    problems = check(load_project(kaifeng), today=TODAY).problems
    assert [p for p in problems if p.code == "W-full-name"] == []


# ------------------------------------------------------------------ W-private-name

PRIVACY_TOML = MINIMAL_TOML + '[privacy]\nnames_file = "private/names.txt"\n'


def with_names(tmp_path: Path, names: str) -> None:
    (tmp_path / "p" / "private").mkdir(parents=True)
    (tmp_path / "p" / "private" / "names.txt").write_text(names, encoding="utf-8")


def test_a_private_name_is_located_but_never_repeated(tmp_path: Path) -> None:
    with_names(tmp_path, "# 服务对象\n王小明\n\n吴桂兰\n")
    text = (
        "category: visits\ntitle: 看望吴桂兰老人\nbody: |\n"
        "  社工入户看望独居老人，\n  为王小明送去过冬的棉衣。\n"
    )
    problems = checked(tmp_path, {"a.yaml": text}, PRIVACY_TOML)
    assert [(p.code, p.location.line, p.location.column) for p in problems] == [
        ("W-private-name", 2, 10),
        ("W-private-name", 5, 4),
    ]
    for problem in problems:
        for lang in ("zh", "en"):
            message = render_message(problem, lang)
            assert "王小明" not in message and "吴桂兰" not in message


def test_each_place_a_private_name_is_written_is_reported(tmp_path: Path) -> None:
    """A worker fixes the place check points at: the name written again must be found too."""
    with_names(tmp_path, "王小明\n")
    text = "category: visits\nbody: 社工看望王小明，王小明的奶奶很感动，王小明也笑了。\n"
    problems = checked(tmp_path, {"a.yaml": text}, PRIVACY_TOML)
    assert [(p.code, p.location.line, p.location.column) for p in problems] == [
        ("W-private-name", 2, 11),
        ("W-private-name", 2, 15),
        ("W-private-name", 2, 25),
    ]


def test_captions_are_searched_too(tmp_path: Path) -> None:
    with_names(tmp_path, "王小明\n")
    (tmp_path / "p" / WEEK / "photos").mkdir(parents=True)
    (tmp_path / "p" / WEEK / "photos" / "a.png").write_bytes(
        (EXAMPLE / "entries/2022-W47/杞县/photos/微信图片_20221201140702.png").read_bytes()
    )
    text = (
        "category: visits\nbody: 社工入户看望独居老人，送去过冬的棉衣。\n"
        "images:\n  - {src: photos/a.png, caption: 给王小明送棉衣}\n"
    )
    [problem] = checked(tmp_path, {"a.yaml": text}, PRIVACY_TOML)
    assert (problem.code, problem.location.line, problem.location.column) == (
        "W-private-name",
        4,
        35,
    )
    assert problem.args["field"] == "caption"


def test_without_the_names_file_the_check_is_skipped(tmp_path: Path) -> None:
    """The file stays out of git, so CI runs without it."""
    assert (
        checked(
            tmp_path, {"a.yaml": "category: visits\nbody: 为王小明送去过冬的棉衣。\n"}, PRIVACY_TOML
        )
        == []
    )


def test_a_names_file_in_gbk_is_refused_without_showing_it(tmp_path: Path, run) -> None:  # type: ignore[no-untyped-def]
    project = write_project(
        tmp_path / "p",
        PRIVACY_TOML,
        {f"{WEEK}/a.yaml": CASE.format(body="社工入户看望独居老人，送去过冬的棉衣。")},
    )
    (project / "private").mkdir()
    (project / "private" / "names.txt").write_bytes("王小明\n".encode("gbk"))
    code, _, err = run(project, "check")
    assert code == 2
    assert "private/names.txt:1:1" in err and "GBK/GB18030" in err and "[E-encoding]" in err


# ------------------------------------------------------------------ images


def jpeg(path: Path, gps: bool) -> None:
    from PIL import Image

    picture = Image.new("RGB", (8, 8), "white")
    exif = Image.Exif()
    exif[0x010F] = "Phone"  # Make
    if gps:
        exif[0x8825] = {1: "N", 2: (34.0, 48.0, 0.0), 3: "E", 4: (114.0, 21.0, 0.0)}
    path.parent.mkdir(parents=True, exist_ok=True)
    picture.save(path, "JPEG", exif=exif)


def test_a_photo_with_gps_coordinates_is_flagged_at_its_item(tmp_path: Path) -> None:
    jpeg(tmp_path / "p" / WEEK / "photos" / "at-home.jpg", gps=True)
    jpeg(tmp_path / "p" / WEEK / "photos" / "no-place.jpg", gps=False)
    text = (
        "category: visits\nbody: 社工入户看望独居老人，送去过冬的棉衣。\n"
        "images:\n  - photos/no-place.jpg\n  - photos/at-home.jpg\n"
    )
    [problem] = checked(tmp_path, {"a.yaml": text})
    assert (problem.code, problem.location.line, problem.location.column) == ("W-image-gps", 5, 5)
    assert problem.args["value"] == f"{WEEK}/photos/at-home.jpg"


def test_a_photo_listed_twice_in_an_entry_is_flagged_at_the_second(tmp_path: Path) -> None:
    jpeg(tmp_path / "p" / WEEK / "photos" / "a.jpg", gps=False)
    jpeg(tmp_path / "p" / WEEK / "photos" / "b.jpg", gps=False)
    text = (
        "category: visits\nbody: 社工入户看望独居老人，送去过冬的棉衣。\n"
        "images: [photos/a.jpg, photos/b.jpg, photos\\a.jpg]\n"
    )
    [problem] = checked(tmp_path, {"a.yaml": text})
    assert (problem.code, problem.location.line, problem.location.column) == (
        "W-image-twice",
        3,
        38,
    )
    # Quoted as written on that line, which the worker looks for, not as the project names it.
    assert render_message(problem, "zh").startswith(
        "图片“photos\\a.jpg”在这一条里已经列过（第 1 张），周报里会出现两次。"
    )
    assert checked(tmp_path, {"a.yaml": text + "ignore: [W-image-twice]\n"}) == []


def test_a_photo_listed_twice_with_a_caption_is_quoted_as_its_src(tmp_path: Path) -> None:
    jpeg(tmp_path / "p" / WEEK / "photos" / "a.jpg", gps=False)
    text = (
        "category: visits\nbody: 社工入户看望独居老人，送去过冬的棉衣。\n"
        "images:\n  - photos/a.jpg\n  - src: ./photos/a.jpg\n    caption: 送棉衣\n"
    )
    [problem] = checked(tmp_path, {"a.yaml": text})
    assert (problem.location.line, problem.args["value"]) == (5, "./photos/a.jpg")


def test_an_image_over_the_size_limit_is_flagged(tmp_path: Path) -> None:
    jpeg(tmp_path / "p" / WEEK / "photos" / "big.jpg", gps=False)
    toml = MINIMAL_TOML + "[check]\nmax_image_mb = 0.0001\n"
    text = (
        "category: visits\nbody: 社工入户看望独居老人，送去过冬的棉衣。\nimages: [photos/big.jpg]\n"
    )
    [problem] = checked(tmp_path, {"a.yaml": text}, toml)
    assert (problem.code, problem.location.line, problem.location.column) == ("W-image-size", 3, 10)
    assert problem.args["limit"] == "0.0001"
    jpeg(tmp_path / "default" / "p" / WEEK / "photos" / "big.jpg", gps=False)
    assert checked(tmp_path / "default", {"a.yaml": text}) == []


# ------------------------------------------------------ W-id-number, W-phone-number
# 11010519491231002X is the standard's own example of a valid number, not a person's.
VALID_ID = "11010519491231002X"


def numbers(tmp_path: Path, text: str) -> list[tuple[str, str, int, int]]:
    return [
        (p.code, str(p.args["value"]), p.location.line, p.location.column)
        for p in checked(tmp_path, {"a.yaml": text})
    ]


def test_an_id_number_is_flagged_where_it_is_and_never_repeated_whole(tmp_path: Path) -> None:
    text = f"category: visits\nbody: 社工为王大爷核对身份证（{VALID_ID}）并办理了高龄津贴。\n"
    [problem] = checked(tmp_path, {"a.yaml": text})
    assert (problem.code, problem.location.line, problem.location.column) == ("W-id-number", 2, 19)
    for lang in ("zh", "en"):
        shown = render_message(problem, lang)  # type: ignore[arg-type]
        assert "1101**********002X" in shown and VALID_ID not in shown


@pytest.mark.parametrize(
    "figure",
    [
        "110105194912310021",  # the check digit is wrong
        "110105194913310028",  # no 13th month
        "1101051949123100211",  # one digit more: part of a longer number
    ],
)
def test_an_eighteen_digit_number_that_is_no_id_number_passes(tmp_path: Path, figure: str) -> None:
    text = f"category: visits\nbody: 社工登记了编号为{figure}的慰问物资，并送到老人家中。\n"
    assert numbers(tmp_path, text) == []


def test_a_mobile_number_is_flagged_in_a_caption_too_unless_masked_or_ignored(
    tmp_path: Path,
) -> None:
    jpeg(tmp_path / "p" / WEEK / "photos" / "a.jpg", gps=False)
    text = (
        "category: visits\nbody: 社工回访了小明（化名）一家，家长电话138****5678。\n"
        "images:\n  - {src: photos/a.jpg, caption: 小明妈妈（13812345678）在领取物资}\n"
    )
    assert numbers(tmp_path, text) == [("W-phone-number", "138****5678", 4, 39)]
    assert numbers(tmp_path, text + "ignore: [W-phone-number]\n") == []


@pytest.mark.parametrize(
    ("written", "found"),
    [
        ("家长电话１３８１２３４５６７８。", [("W-phone-number", "138****5678", 2, 24)]),
        ("家长电话138-1234-5678。", [("W-phone-number", "138****5678", 2, 24)]),
        ("家长电话 +86 138 1234 5678。", [("W-phone-number", "138****5678", 2, 29)]),
        ("身份证号110105 19491231 002X。", [("W-id-number", "1101**********002X", 2, 24)]),
        (
            "物资编号2013812345678999，家长电话13812345678。",
            [("W-phone-number", "138****5678", 2, 45)],
        ),
        # pasted from Word or WeChat: no-break spaces, zero-width characters
        ("家长电话138\xa01234\xa05678。", [("W-phone-number", "138****5678", 2, 24)]),
        ("家长电话138\u200b1234\u200b5678。", [("W-phone-number", "138****5678", 2, 24)]),
        ("家长电话\u2060138\ufeff1234\u200b5678。", [("W-phone-number", "138****5678", 2, 25)]),
        ("身份证号11010519491231002\u200bX。", [("W-id-number", "1101**********002X", 2, 24)]),
        ("编号13812345678\u200b9。", []),  # a longer number
        ("共发放救助资金13000000000元。", []),  # a figure with its unit
        ("活动于2022-11-21 10:00开始，共20221121号。", []),
    ],
)
def test_numbers_are_found_as_workers_write_them_and_where_they_are(
    tmp_path: Path, written: str, found: list[tuple[str, str, int, int]]
) -> None:
    assert (
        numbers(tmp_path, f"category: visits\nbody: 社工回访小明（化名）一家。{written}\n") == found
    )
