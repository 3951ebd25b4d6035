"""Synthetic projects for the benchmark: N entries of one reporting week, and the same bodies
as towncrier news fragments.

The shape follows the example (examples/kaifeng): one file per station for the week with five
entries, the station's district and service organisation as file-level defaults, a registry of
districts (about 15 stations each) and of metrics in ``bulletin.toml``, a few tiny photos shared
by many entries. So N entries make N/5 files and N/5 registered stations: 1,000 entries is a
city, 10,000 a province's roll-up (Henan had 1,047 stations), 100,000 half the country.
Station names repeat across districts (城关镇 exists in many counties), as they do in life.

Everything is drawn from one ``random.Random(seed)``: the same N and seed give the same bytes.
Only the standard library is used, so the harness runs before any environment exists.
"""

from __future__ import annotations

import hashlib
import itertools
import random
import shutil
import struct
import zlib
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path

WEEK = "2022-W47"
WEEK_START = date(2022, 11, 21)  # Monday: the week starts on Monday by default
ENTRIES_PER_FILE = 5
STATIONS_PER_DISTRICT = 15
BODY_LENGTH = (150, 300)
PHOTO_COUNT = 5
WORK = Path(__file__).resolve().parent / ".work"

CATEGORIES = (
    ("visits", "走访调研"),
    ("training", "督导培训"),
    ("convenience", "便民服务"),
    ("casework", "个案服务"),
    ("groupwork", "小组工作"),
    ("community", "社区活动"),
    ("volunteering", "志愿服务"),
    ("care", "关心关爱特殊困难群体"),
)
METRICS = (
    ("visited", "走访", "人次"),
    ("households", "入户", "户"),
    ("served", "社工服务", "人次"),
    ("activities", "开展社区活动", "次"),
    ("consultations", "接待咨询", "人次"),
    ("volunteers", "招募志愿者", "名"),
    ("participants", "参与", "人"),
    ("trainees", "参训社工", "人"),
)

# ------------------------------------------------------------------------------ name pools
DISTRICT_HEADS = "东西南北新安宁平永长临清宜丰兴阳武泰和嘉济通灵商汝鹿柘扶淮襄郸滑封"
DISTRICT_TAILS = "城川山源水乡陵丘州河原江峰林坪口沟阳安平宁"
DISTRICT_SUFFIXES = ("县", "区", "市")
TOWN_HEADS = "王李张刘陈杨赵黄周吴孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蔡蒋余杜叶程魏苏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶"
TOWN_TAILS = "庄集店寨营楼湾桥河岗坡屯堡铺口寺岭沟坝埠园"
TOWN_SUFFIXES = ("镇", "乡", "街道")
COMMON_TOWNS = ("城关镇", "城郊乡", "新华街道", "解放街道", "人民路街道")
VILLAGE_HEADS = "桂李柳杨槐枣杏桃梨榆松柏苇荷菊兰竹梅麦稻"
VILLAGE_TAILS = ("寨村", "庄村", "营村", "楼村", "湾村", "社区", "新村", "家园社区")
ORGS = (
    "正心社工",
    "彩虹社工",
    "阳光社工",
    "同心社工",
    "益众社工",
    "和润社工",
    "启航社工",
    "善源社工",
    "博爱社工",
    "惠民社工",
    "春晖社工",
    "向日葵社工",
)
SURNAMES = "王李张刘陈杨赵黄周吴孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓"
ELDERS = ("奶奶", "大爷", "阿姨", "叔叔", "大娘", "婆婆")
CHILD_NAMES = "霞宇婷浩欣然雨航琪涵"

# ------------------------------------------------------------------------------ body pools
# {actor} the workers, {client} a pseudonymous person, {village} a village or community,
# {n}/{m} small counts. Sentences are joined until the body reaches its drawn length.
OPENINGS = (
    "在县民政局的指导下，在做好疫情防控的前提下，",
    "为进一步了解辖区困难群众的生活状况，",
    "为落实“五社联动”工作要求，",
    "天气渐冷，为让服务对象温暖过冬，",
    "根据本月服务计划，",
    "为提升社区居民的参与意识，",
    "细雨蒙蒙中，",
    "为做好冬季困难群众兜底保障工作，",
    "应{village}居民的邀请，",
    "",
    "",
    "",
)
ACTIVITIES = {
    "visits": (
        "{actor}来到{village}，对低保、特困等民政服务对象开展入户走访，了解他们的家庭情况、身体状况和收入情况。",
        "{actor}对辖区内的高龄老人进行电话回访，宣传冬季防疫常识，叮嘱他们保重身体。",
        "{actor}走进{village}{client}家中，陪老人拉家常、忆往事，记录其生活和心理上的需要。",
        "{actor}对{village}的残疾人家庭进行探访，评估服务对象的自理能力和照护需求。",
    ),
    "training": (
        "{actor}参加了全县社工站月度督导会，围绕个案记录的规范写法进行了交流。",
        "督导老师为{actor}讲解了需求评估的方法，并结合{village}的案例逐一点评。",
        "{actor}开展了“社会工作伦理”专题学习，大家分享了入户服务中遇到的难题。",
    ),
    "convenience": (
        "{actor}在{village}开展便民服务，为居民免费理发、测量血压{n}人次。",
        "{actor}协助{client}办理高龄津贴申请，帮助其核对材料、填写表格。",
        "{actor}在{village}党群服务中心设立咨询台，解答群众关于低保政策的疑问。",
    ),
    "casework": (
        "{actor}继续跟进个案“{client}”，送去链接来的棉衣棉鞋，并与其家人一起制定生活技能学习计划。",
        "{actor}从优势视角出发，帮助{client}梳理家庭支持网络，鼓励其重新参与社区生活。",
        "{actor}为{client}链接医疗救助资源，陪同其到乡镇卫生院完成复查。",
    ),
    "groupwork": (
        "{actor}在{village}开展“七彩童心”手工小组第{m}节，引导孩子们动手动脑、合作完成作品。",
        "{actor}组织{village}的长者开展怀旧小组活动，组员们分享了年轻时的故事。",
        "{actor}开展亲子沟通小组，{n}个家庭参加，家长们学习了倾听与表达的技巧。",
    ),
    "community": (
        "{actor}联合{village}两委开展冬季消防安全宣传，发放宣传资料{n}份。",
        "{actor}在{village}广场举办“邻里一家亲”社区活动，居民们一起包饺子、唱戏曲。",
        "{actor}组织居民开展环境卫生整治，清理楼道杂物，美化社区环境。",
    ),
    "volunteering": (
        "{actor}招募志愿者{n}名，协助{village}开展核酸检测秩序维护工作。",
        "{actor}带领志愿者为{village}的独居老人送去米面油等生活物资。",
        "{actor}组织青年志愿者开展“敬老助老”活动，为老人打扫卫生、整理房间。",
    ),
    "care": (
        "{actor}为前期走访中有需要的服务对象链接衣物，并按每个人的身材挑选合身的衣服。",
        "{actor}看望困境儿童{client}，送去学习用品，并与其监护人沟通孩子的学习情况。",
        "{actor}为{village}的特困供养人员送去御寒物资，详细了解他们的冬季取暖情况。",
    ),
}
DETAILS = (
    "社工耐心倾听，认真记录，并对需要帮助的事项进行了登记。",
    "活动中，社工按防疫要求为参与者测量体温、提醒戴好口罩。",
    "{client}说：“有你们常来看看，心里踏实多了。”",
    "本次服务共覆盖{n}人次，建立服务档案{m}份。",
    "社工还针对服务对象的不同需求，提供了相应的政策咨询。",
    "大家在轻松的氛围中增进了了解，也拉近了彼此的距离。",
    "社工将持续关注服务对象的情况，及时提供跟进服务。",
    "活动结束后，社工对本次服务进行了总结和反思。",
    "{client}的老伴前年去世，子女在外务工，平时很少有人说话。",
    "社工发现{client}家中取暖设施老化，已向村委会反映。",
    "村干部和网格员一同参与，共走访{n}户。",
    "针对走访中发现的问题，社工逐一建立了需求清单。",
    "孩子们在社工的鼓励下，大胆地展示了自己的作品。",
    "社工运用“优势视角”，引导服务对象发现自身的能力。",
    "现场气氛热烈，{n}名居民参与其中。",
    "社工向{client}讲解了临时救助的申请条件和办理流程。",
    "{village}的{m}位志愿者全程协助，保障了活动顺利进行。",
    "活动前，社工通过微信群发布通知，提前了解了居民的需求。",
    "社工还为行动不便的{client}送去了轮椅和防滑垫。",
    "督导老师肯定了本周的工作，也提出了改进建议。",
    "{client}表示，以后也要参加志愿服务，帮助更多的人。",
    "社工与{client}的家人约定，下周再来回访。",
)
CLOSINGS = (
    "下一步，社工站将继续发挥专业优势，把服务送到群众身边。",
    "此次活动得到了居民的一致好评。",
    "让服务对象切实感受到了社会的温暖与关爱。",
    "为下一步开展精准服务打下了基础。",
)
EMPHASES = ("需求评估", "精准服务", "五社联动", "兜底保障", "优势视角", "社会支持网络")
TIMES = ("上午", "下午", "上午9点", "下午3点", "全天", '"15:30-17:00"', '"9:00-11:30"')
TITLES = (
    "与长者谈心谈话",
    "七彩童心，创意无限",
    "冬日送温暖",
    "邻里一家亲",
    "政策宣传进万家",
    "守护“一老一小”",
    "关爱困境儿童",
    "情暖夕阳红",
)
CAPTIONS = ("入户走访", "活动现场", "送温暖", "小组活动", "")


@dataclass
class Station:
    district: str
    name: str


@dataclass
class Corpus:
    """The generated registry and files; ``bodies`` in entry order, for the towncrier twin."""

    districts: dict[str, list[str]] = field(default_factory=dict)
    files: dict[str, str] = field(default_factory=dict)  # path below the week folder → YAML
    bodies: list[str] = field(default_factory=list)


def registry(rng: random.Random, station_count: int) -> list[Station]:
    """``station_count`` stations in districts of about 15, unique within each district."""
    district_names = [
        f"{head}{tail}{suffix}"
        for head, tail, suffix in itertools.product(
            DISTRICT_HEADS, DISTRICT_TAILS, DISTRICT_SUFFIXES
        )
        if head != tail
    ]
    district_count = -(-station_count // STATIONS_PER_DISTRICT)
    if district_count > len(district_names):
        raise ValueError(f"at most {len(district_names) * STATIONS_PER_DISTRICT} stations")
    chosen = rng.sample(district_names, district_count)
    town_names = [
        f"{head}{tail}{suffix}"
        for head, tail, suffix in itertools.product(TOWN_HEADS, TOWN_TAILS, TOWN_SUFFIXES)
    ]
    stations: list[Station] = []
    for index, district in enumerate(chosen):
        size = min(STATIONS_PER_DISTRICT, station_count - index * STATIONS_PER_DISTRICT)
        towns = [rng.choice(COMMON_TOWNS), *rng.sample(town_names, size - 1)]
        stations.extend(Station(district, f"{town}社工站") for town in towns)
    return stations


def body(rng: random.Random, category: str, actor: str) -> str:
    """A Chinese activity report of 150–300 characters, sometimes with a little Markdown."""
    shortest, longest = BODY_LENGTH
    longest -= len("**") * 2 + len("\n\n- ")  # room for the Markdown added at the end
    target = rng.randint(shortest, longest)

    def fill(template: str) -> str:
        return template.format(
            actor=actor,
            client=client(rng),
            village=f"{rng.choice(VILLAGE_HEADS)}{rng.choice(SURNAMES)}{rng.choice(VILLAGE_TAILS)}",
            n=rng.randint(3, 120),
            m=rng.randint(1, 8),
        )

    text = fill(rng.choice(OPENINGS)) + fill(rng.choice(ACTIVITIES[category]))
    for sentence in [*rng.sample(DETAILS, len(DETAILS)), *CLOSINGS]:
        if len(text) >= target:
            break
        sentence = fill(sentence)
        if len(text) + len(sentence) <= longest:
            text += sentence
    if rng.random() < 0.2:
        word = rng.choice(EMPHASES)
        text = text.replace(word, f"**{word}**", 1)
    if rng.random() < 0.15:
        cut = text.find("。") + 1
        if 0 < cut < len(text):
            text = f"{text[:cut]}\n\n- {text[cut:]}"
    return text


def client(rng: random.Random) -> str:
    """A pseudonym, never a real name: 张奶奶, 小霞."""
    if rng.random() < 0.6:
        return f"{rng.choice(SURNAMES)}{rng.choice(ELDERS)}"
    return f"小{rng.choice(CHILD_NAMES)}"


def entry(rng: random.Random, station: Station, org: str, photos: list[str]) -> tuple[str, str]:
    """One entry of a station's file as YAML lines, and its body."""
    key, title = rng.choice(CATEGORIES)
    day = WEEK_START + timedelta(days=rng.randint(0, 6))
    lines = [f"  - category: {key if rng.random() < 0.8 else title}"]
    shape = rng.random()
    if shape < 0.1:
        lines.append(f"    date: {day.year}年{day.month}月{day.day}日")
    elif shape < 0.2 and day.weekday() < 5:
        lines.append(f"    date: {day.isoformat()}")
        lines.append(f"    end: {(day + timedelta(days=2)).isoformat()}")
    elif shape < 0.3 and day.weekday() < 6:
        lines.append(f"    date: [{day.isoformat()}, {(day + timedelta(days=1)).isoformat()}]")
    else:
        lines.append(f"    date: {day.isoformat()}")
    if rng.random() < 0.6:
        lines.append(f"    time: {rng.choice(TIMES)}")
    if rng.random() < 0.4:
        lines.append(f"    title: {rng.choice(TITLES)}")
    actor = rng.choice((f"{station.name}社工", "驻站社工", org, f"{org}的驻站社工"))
    text = body(rng, key, actor)
    lines.append("    body: |")
    lines.extend(f"      {line}" if line else "" for line in text.split("\n"))
    if rng.random() < 0.3:
        lines.append("    images:")
        for photo in rng.sample(photos, rng.randint(1, 2)):
            source = f"../photos/{photo}"
            caption = rng.choice(CAPTIONS)
            lines.append(
                f"      - {{src: {source}, caption: {caption}}}" if caption else f"      - {source}"
            )
    if rng.random() < 0.3:
        figures = [
            f"{metric}: {rng.randint(5, 200)}"
            if rng.random() < 0.8
            else f'{metric}: "{rng.randint(2, 20) * 10}余"'
            for metric, _, _ in rng.sample(METRICS, rng.randint(1, 2))
        ]
        lines.append(f"    stats: {{{', '.join(figures)}}}")
    return "\n".join(lines), text


def corpus(n: int, seed: int) -> Corpus:
    rng = random.Random(seed)
    result = Corpus()
    photos = [photo_name(index) for index in range(PHOTO_COUNT)]
    stations = registry(rng, -(-n // ENTRIES_PER_FILE))
    for station in stations:
        result.districts.setdefault(station.district, []).append(station.name)
    for index, station in enumerate(stations):
        org = rng.choice(ORGS)
        lines = [
            f"station: {station.name}",
            f"district: {station.district}",
            f"org: {org}",
            "entries:",
        ]
        for _ in range(min(ENTRIES_PER_FILE, n - index * ENTRIES_PER_FILE)):
            text, body_text = entry(rng, station, org, photos)
            lines.append(text)
            result.bodies.append(body_text)
        result.files[f"{station.district}/{station.name}.yaml"] = "\n".join(lines) + "\n"
    return result


def config_toml(districts: dict[str, list[str]]) -> str:
    parts = ['title = "全省社工站{month_week}工作动态（基准测试）"', ""]
    for key, title in CATEGORIES:
        parts += ["[[categories]]", f'key = "{key}"', f'title = "{title}"', ""]
    for name, stations in districts.items():
        listed = ", ".join(f'"{station}"' for station in stations)
        parts += ["[[districts]]", f'name = "{name}"', f"stations = [{listed}]", ""]
    for key, label, unit in METRICS:
        parts += ["[[metrics]]", f'key = "{key}"', f'label = "{label}"', f'unit = "{unit}"', ""]
    return "\n".join(parts)


def photo_name(index: int) -> str:
    return f"微信图片_2022112{index}1406{index:02d}.png"


def tiny_png(index: int) -> bytes:
    """An 8×8 single-colour PNG, a different colour for each index."""
    rgb = bytes(((index * 53) % 256, (index * 97 + 80) % 256, (index * 151 + 160) % 256))
    raw = b"".join(b"\x00" + rgb * 8 for _ in range(8))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    header = struct.pack(">IIBBBBB", 8, 8, 8, 2, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


TOWNCRIER_CONFIG = """\
[tool.towncrier]
name = "benchmark"
version = "1.0"
directory = "newsfragments"
filename = "NEWS.md"
"""


def write(folder: Path, n: int, seed: int) -> None:
    """A bulletin project in ``folder/project`` and its towncrier twin in ``folder/towncrier``."""
    generated = corpus(n, seed)
    project = folder / "project"
    week = project / "entries" / WEEK
    (week / "photos").mkdir(parents=True)
    (project / "bulletin.toml").write_text(config_toml(generated.districts), encoding="utf-8")
    for index in range(PHOTO_COUNT):
        (week / "photos" / photo_name(index)).write_bytes(tiny_png(index))
    for district in generated.districts:
        (week / district).mkdir()
    for relative, text in generated.files.items():
        (week / relative).write_text(text, encoding="utf-8")
    towncrier = folder / "towncrier"
    (towncrier / "newsfragments").mkdir(parents=True)
    (towncrier / "towncrier.toml").write_text(TOWNCRIER_CONFIG, encoding="utf-8")
    for number, text in enumerate(generated.bodies, start=1):
        (towncrier / "newsfragments" / f"{number}.feature.md").write_text(
            text + "\n", encoding="utf-8"
        )


def generator_version() -> str:
    """Changes whenever this file does, so a cached project never outlives its generator."""
    return hashlib.sha256(Path(__file__).read_bytes()).hexdigest()[:10]


def cached(n: int, seed: int, work: Path = WORK) -> Path:
    """The generated folder for ``n`` and ``seed``, made once and reused by later runs."""
    folder = work / "projects" / f"n{n}-seed{seed}-{generator_version()}"
    if folder.is_dir():
        return folder
    staging = folder.with_name(folder.name + ".tmp")
    shutil.rmtree(staging, ignore_errors=True)
    staging.mkdir(parents=True)
    write(staging, n, seed)
    staging.rename(folder)
    return folder
