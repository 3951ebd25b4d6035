"""``bulletin publish``: against a local fake of the WeChat API, never the network."""

from __future__ import annotations

import hashlib
import json
import re
import stat
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PIL import Image

from bulletin.config import load_project
from bulletin.diagnostics import BulletinError, EntryErrors, Location, PublishFailed, UsageError
from bulletin.messages import format_problem
from bulletin.publish import PublishOptions, PublishResult, prepare, send
from bulletin.publish_state import PublishState
from bulletin.wechat_api import RetryPolicy
from bulletin.wechat_check import check_fragment
from helpers import MINIMAL_TOML, write_project
from wechat_fake import APPID, SECRET, FakeWeChat, ip_fault_message
from wechat_rules import rule_breaks

ENV = {"WECHAT_APPID": APPID, "WECHAT_APPSECRET": SECRET}
STATE = ".bulletin-publish/2022-W47.json"
PHOTOS = 11  # distinct photos of the example week
FIRST_RUN = ["stable_token", *["media/uploadimg"] * PHOTOS, "material/add_material", "draft/add"]


@pytest.fixture
def wechat() -> Iterator[FakeWeChat]:
    """The fake API on 127.0.0.1 (a free port), for one test."""
    fake = FakeWeChat().start()
    yield fake
    fake.stop()


class Publisher:
    """Runs publish as the CLI does (prepare, then send) against the fake, keeping every text
    a user or a log could see, so that tests can search them for secrets."""

    def __init__(self, project: Path, fake: FakeWeChat) -> None:
        self.project = project
        self.fake = fake
        self.seen: list[str] = []
        self.sleeps: list[float] = []

    def __call__(self, week: str = "week-47", **options: Any) -> PublishResult:
        project = load_project(self.project)
        publication = prepare(project, week)
        environ = options.pop("environ", ENV)
        settings = PublishOptions(
            api_base=options.pop("api_base", self.fake.url),
            timeout=options.pop("timeout", 5.0),
            retry=RetryPolicy(attempts=3),
            **options,
        )
        try:
            return send(
                project,
                publication,
                settings,
                progress=lambda event: self.seen.append(repr(event)),
                environ=environ,
                sleep=self.sleeps.append,
                clock=self.fake.now,
            )
        except BulletinError as exc:
            self.seen += [repr(exc), str(exc)]
            self.seen += [format_problem(p, lang) for p in exc.problems for lang in ("zh", "en")]
            raise

    def fails(self, **options: Any) -> BulletinError:
        with pytest.raises(BulletinError) as caught:
            self(**options)
        return caught.value

    def state(self) -> PublishState:
        return PublishState.model_validate_json((self.project / STATE).read_bytes())

    def assert_no_secret_seen(self) -> None:
        texts = [*self.seen]
        for path in (self.project / "build").glob("*.jsonl"):
            texts.append(path.read_text(encoding="utf-8"))
        for secret in self.fake.secrets():
            assert not [text for text in texts if secret in text]
        state = self.project / STATE
        if state.exists():
            assert SECRET not in state.read_text(encoding="utf-8")


@pytest.fixture
def publisher(kaifeng: Path, wechat: FakeWeChat) -> Iterator[Publisher]:
    publisher = Publisher(kaifeng, wechat)
    yield publisher
    publisher.assert_no_secret_seen()
    assert wechat.violations == []


def draft_images(fake: FakeWeChat) -> list[str]:
    [article] = fake.drafts.values()
    return re.findall(r'<img [^>]*src="([^"]*)"', article["content"])


def test_a_first_publish_uploads_each_photo_once_and_makes_one_draft(
    publisher: Publisher, wechat: FakeWeChat, kaifeng: Path
) -> None:
    result = publisher()
    assert wechat.endpoints() == FIRST_RUN
    assert result.created and result.uploaded == PHOTOS and result.reused == 0
    [(media_id, article)] = wechat.drafts.items()
    assert result.draft_media_id == media_id
    assert article["title"] == "开封市社工站十一月第四周工作动态"
    # Every image of the draft is a URL uploadimg gave, and the article passes the validator.
    images = draft_images(wechat)
    assert len(images) == PHOTOS and set(images) == set(wechat.image_urls)
    content = article["content"]
    assert rule_breaks(content) == []
    problems = check_fragment(content, Location("x"), set(wechat.image_urls))
    assert [p for p in problems if p.is_error] == []
    # What was uploaded is the build's photos (stripped of metadata), each exactly once.
    # Publish writes no week folder, and never its token into the (publishable) build output.
    assert not (kaifeng / "build").exists()
    assert (kaifeng / STATE).is_file()
    uploaded = [call.data for call in wechat.calls if call.endpoint == "media/uploadimg"]
    assert len({hashlib.sha256(data).digest() for data in uploaded}) == PHOTOS
    # The cover is a permanent material made of the first photo.
    assert wechat.materials[article["thumb_media_id"]] == uploaded[0]


def test_a_second_publish_uploads_nothing_and_updates_the_same_draft(
    publisher: Publisher, wechat: FakeWeChat
) -> None:
    first = publisher()
    wechat.calls.clear()
    second = publisher()
    assert wechat.endpoints() == ["draft/update"]  # the token is remembered too
    assert not second.created and second.uploaded == 0 and second.reused == PHOTOS
    assert second.draft_media_id == first.draft_media_id and len(wechat.drafts) == 1
    assert set(draft_images(wechat)) == set(wechat.image_urls)


def test_new_makes_another_draft_which_later_runs_update(
    publisher: Publisher, wechat: FakeWeChat
) -> None:
    first = publisher()
    second = publisher(new_draft=True)
    assert second.created and second.draft_media_id != first.draft_media_id
    assert second.uploaded == 0 and len(wechat.drafts) == 2
    wechat.calls.clear()
    third = publisher()
    assert wechat.endpoints() == ["draft/update"]
    assert third.draft_media_id == second.draft_media_id


def test_a_changed_photo_is_the_only_one_uploaded_again(
    publisher: Publisher, wechat: FakeWeChat, kaifeng: Path
) -> None:
    publisher()
    photo = next((kaifeng / "entries").rglob("*.png"))
    Image.new("RGB", (40, 30), (200, 30, 30)).save(photo)
    wechat.calls.clear()
    result = publisher()
    assert wechat.endpoints() == ["media/uploadimg", "draft/update"]
    assert result.uploaded == 1 and result.reused == PHOTOS - 1


def test_the_state_is_private_and_survives_a_build(
    publisher: Publisher, wechat: FakeWeChat, kaifeng: Path, run
) -> None:  # type: ignore[no-untyped-def]
    publisher()
    state_file = kaifeng / STATE
    assert stat.S_IMODE(state_file.stat().st_mode) == 0o600
    state = publisher.state()
    assert state.draft_media_id in wechat.drafts and len(state.images) == PHOTOS
    assert state.token in wechat.tokens and len(state.covers) == 1
    code, out, err = run(kaifeng, "build", "week-47", "-f", "wechat")
    assert code == 0, out + err
    wechat.calls.clear()
    publisher()
    assert wechat.endpoints() == ["draft/update"]


def test_an_expired_token_is_renewed_before_a_call(
    publisher: Publisher, wechat: FakeWeChat
) -> None:
    publisher()
    wechat.advance(7200)
    wechat.calls.clear()
    publisher()
    assert wechat.endpoints() == ["stable_token", "draft/update"]


def test_a_token_wechat_no_longer_takes_is_renewed_and_the_call_made_again(
    publisher: Publisher, wechat: FakeWeChat
) -> None:
    publisher()
    wechat.expire_tokens()  # on WeChat's side only: the state still believes in it
    wechat.calls.clear()
    publisher()
    assert wechat.endpoints() == ["draft/update", "stable_token", "draft/update"]
    assert wechat.calls[0].errcode == 42001 and wechat.calls[-1].errcode == 0


# Each fault: (where, how it fails, the problem said, what the next run sends).
FAULTS = [
    pytest.param(
        "stable_token",
        {"errcode": 40164, "errmsg": ip_fault_message("203.0.113.7")},
        "E-publish-ip-whitelist",
        FIRST_RUN,
        id="ip-whitelist",
    ),
    pytest.param("stable_token", {"errcode": 40125}, "E-publish-appsecret", FIRST_RUN, id="secret"),
    pytest.param("stable_token", {"errcode": 40013}, "E-publish-appid", FIRST_RUN, id="appid"),
    pytest.param(
        "media/uploadimg",
        {"errcode": 45009, "skip": 4},
        "E-publish-rate-limit",
        FIRST_RUN[5:],  # the token and the four photos before are kept
        id="rate-limit-midway",
    ),
    pytest.param(
        "media/uploadimg",
        {"errcode": 40005},
        "E-publish-file-type",
        FIRST_RUN[1:],
        id="file-type",
    ),
    pytest.param(
        "media/uploadimg",
        {"errcode": 40009, "skip": 10},
        "E-publish-file-size",
        FIRST_RUN[11:],
        id="file-size-last-photo",
    ),
    pytest.param(
        "material/add_material",
        {"errcode": 48001},
        "E-publish-permission",
        ["material/add_material", "draft/add"],
        id="no-permission",
    ),
    pytest.param(
        "draft/add",
        {"errcode": 40007},
        "E-publish-media-id",
        ["material/add_material", "draft/add"],  # the cover is sent again
        id="cover-gone",
    ),
    pytest.param(
        "draft/add", {"errcode": 45002}, "E-publish-content-size", ["draft/add"], id="too-long"
    ),
    pytest.param(
        "draft/add",
        {"errcode": 40001, "times": 2},
        "E-publish-token",
        ["draft/add"],  # the renewed token is kept
        id="token-refused-twice",
    ),
    pytest.param("draft/add", {"errcode": 61451}, "E-publish-api", ["draft/add"], id="unknown"),
    pytest.param(
        "media/uploadimg",
        {"status": 503, "times": 3, "skip": 2},
        "E-publish-network",
        FIRST_RUN[3:],
        id="5xx-beyond-retries",
    ),
    pytest.param(
        "draft/add",
        {"late": 2.0},
        "E-publish-draft-unconfirmed",
        ["draft/add"],
        id="draft-add-timeout",
    ),
]


@pytest.mark.parametrize(("endpoint", "fault", "code", "next_run"), FAULTS)
def test_each_fault_ends_in_a_clear_message_and_the_next_run_completes(
    publisher: Publisher,
    wechat: FakeWeChat,
    endpoint: str,
    fault: dict[str, Any],
    code: str,
    next_run: list[str],
) -> None:
    wechat.fail(endpoint, **fault)
    # A 1 s client timeout against a 2 s late answer: wide margins, so that a loaded CI
    # runner neither times out an ordinary call nor answers a late one in time.
    failure = publisher.fails(timeout=1.0)
    assert isinstance(failure, PublishFailed)
    assert failure.state_file == ("" if endpoint == "stable_token" else STATE)
    [problem] = failure.problems
    assert problem.code == code
    message = format_problem(problem, "zh")
    if "errcode" in fault:
        assert str(fault["errcode"]) in message
    if code == "E-publish-ip-whitelist":  # says which address to add, and where
        assert "203.0.113.7" in message and "IP白名单" in message
    wechat.calls.clear()
    result = publisher(timeout=1.0)
    assert wechat.endpoints() == next_run
    assert set(draft_images(wechat) if len(wechat.drafts) == 1 else []) <= set(wechat.image_urls)
    state = publisher.state()
    assert state.draft_media_id == result.draft_media_id and not state.draft_unconfirmed


def test_if_wechat_counts_markup_the_example_week_is_refused_with_what_to_do(
    publisher: Publisher, wechat: FakeWeChat
) -> None:
    wechat.count_markup = True  # one reading of "content under 20,000 characters"
    failure = publisher.fails()
    [problem] = failure.problems
    assert problem.code == "E-publish-content-size"
    assert "overview = false" in format_problem(problem, "zh")
    assert len(publisher.state().images) == PHOTOS and wechat.drafts == {}


def test_an_unanswered_draft_add_is_not_sent_twice_in_a_run_and_the_next_run_warns(
    publisher: Publisher, wechat: FakeWeChat
) -> None:
    wechat.fail("draft/add", late=2.0)
    publisher.fails(timeout=1.0)
    assert wechat.endpoints().count("draft/add") == 1
    assert publisher.state().draft_unconfirmed
    result = publisher(timeout=1.0)
    # WeChat did make the first one: the user is told to delete the older draft.
    assert result.maybe_duplicate and len(wechat.drafts) == 2


def test_a_draft_gone_from_wechat_is_made_again_on_the_next_run(
    publisher: Publisher, wechat: FakeWeChat
) -> None:
    publisher()
    wechat.drafts.clear()  # deleted, or published, in the 公众号
    failure = publisher.fails()
    assert [p.code for p in failure.problems] == ["E-publish-draft-missing"]
    wechat.calls.clear()
    publisher()
    assert wechat.endpoints() == ["material/add_material", "draft/add"]
    assert len(wechat.drafts) == 1


def test_a_wechat_message_quoting_a_secret_is_shown_without_it(
    publisher: Publisher, wechat: FakeWeChat
) -> None:
    publisher()
    token = publisher.state().token
    wechat.fail("draft/update", errcode=61451, errmsg=f"bad {token} for {SECRET}")
    failure = publisher.fails()
    assert "bad *** for ***" in format_problem(failure.problems[0], "en")


def test_timeouts_dropped_connections_and_5xx_are_retried_with_growing_delays(
    publisher: Publisher, wechat: FakeWeChat
) -> None:
    wechat.fail("media/uploadimg", status=502, times=2)
    wechat.fail("material/add_material", late=2.0)
    wechat.fail("draft/add", status=503)  # refused before it was made: safe to send again
    publisher(timeout=1.0)
    assert publisher.sleeps == [1.0, 2.0, 1.0, 1.0]
    assert len(wechat.drafts) == 1 and len(publisher.state().images) == PHOTOS


def test_a_dropped_connection_on_draft_update_is_retried(
    publisher: Publisher, wechat: FakeWeChat
) -> None:
    publisher()
    wechat.fail("draft/update", drop=True)
    wechat.calls.clear()
    publisher()
    assert wechat.endpoints() == ["draft/update", "draft/update"]


def test_no_server_at_the_address_is_a_network_problem(
    publisher: Publisher, wechat: FakeWeChat
) -> None:
    address = wechat.url
    wechat.stop()
    failure = publisher.fails(api_base=address)
    [problem] = failure.problems
    assert problem.code == "E-publish-network" and problem.args["count"] == 3


def test_a_dry_run_writes_the_requests_and_sends_nothing(
    publisher: Publisher, wechat: FakeWeChat, kaifeng: Path
) -> None:
    result = publisher(dry_run=True)
    assert wechat.calls == [] and not (kaifeng / STATE).exists()
    assert result.dry_run_file == kaifeng / "build" / "2022-W47.publish-dry-run.jsonl"
    requests = [json.loads(line) for line in result.dry_run_file.read_text("utf-8").splitlines()]
    assert [r["url"].split("/cgi-bin/")[1].split("?")[0] for r in requests] == FIRST_RUN
    assert requests[0]["json"] == {
        "grant_type": "client_credential",
        "appid": APPID,
        "secret": "WECHAT_APPSECRET",
    }
    assert all("access_token=ACCESS_TOKEN" in r["url"] for r in requests[1:])
    uploads = [r["multipart"] for r in requests if "multipart" in r]
    assert {u["name"] for u in uploads} == {"media"} and len(uploads) == PHOTOS + 1
    [article] = requests[-1]["json"]["articles"]
    assert "DRY-RUN" in article["thumb_media_id"]
    # The same request twice is the same file, byte for byte.
    first = result.dry_run_file.read_bytes()
    publisher(dry_run=True)
    assert result.dry_run_file.read_bytes() == first


def test_date_prints_the_publication_date_in_the_published_article(
    kaifeng: Path, run, credentials: None
) -> None:  # type: ignore[no-untyped-def]
    code, out, err = run(kaifeng, "publish", "week-47", "--dry-run", "--date", "2022年12月1日")
    assert code == 0, out + err
    requests = (kaifeng / "build/2022-W47.publish-dry-run.jsonl").read_text("utf-8").splitlines()
    [article] = json.loads(requests[-1])["json"]["articles"]
    assert "（2022-W47）<br>编制日期：2022年12月1日</p>" in article["content"]


def test_after_a_publish_the_dry_run_shows_only_the_update(
    publisher: Publisher, wechat: FakeWeChat
) -> None:
    publisher()
    sent = len(wechat.calls)
    result = publisher(dry_run=True)
    assert len(wechat.calls) == sent and result.dry_run_file is not None
    [request] = [json.loads(line) for line in result.dry_run_file.read_text("utf-8").splitlines()]
    assert request["url"].endswith("/cgi-bin/draft/update?access_token=ACCESS_TOKEN")
    assert request["json"]["media_id"] == publisher.state().draft_media_id


def test_refused_fields_stop_publish_before_anything_is_sent(
    wechat: FakeWeChat, kaifeng: Path
) -> None:
    config = kaifeng / "bulletin.toml"
    text = config.read_text(encoding="utf-8")
    text = text.replace('title = "开封市社工站{month_week}工作动态"', 'title = "' + "长" * 33 + '"')
    config.write_text(
        text + '\n[wechat]\nauthor = "开封市民政局社会工作科社工站建设指导中心办公室"\n'
    )
    with pytest.raises(EntryErrors) as caught:
        prepare(load_project(kaifeng), "week-47")
    assert sorted(p.args["field"] for p in caught.value.problems) == ["author", "title"]
    assert wechat.calls == []


def test_a_configured_cover_is_uploaded_without_its_metadata(
    publisher: Publisher, wechat: FakeWeChat, kaifeng: Path
) -> None:
    cover = Image.new("RGB", (900, 383), (20, 90, 160))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"  # Make
    cover.save(kaifeng / "封面.jpg", exif=exif)
    with (kaifeng / "bulletin.toml").open("a", encoding="utf-8") as config:
        config.write('\n[wechat]\ncover = "封面.jpg"\nneed_open_comment = true\n')
    publisher()
    [article] = wechat.drafts.values()
    material = wechat.materials[article["thumb_media_id"]]
    assert material not in wechat.image_urls.values()
    assert b"PhoneMaker" not in material and article["need_open_comment"] == 1


def test_a_cover_outside_the_project_is_never_read(kaifeng: Path, tmp_path: Path) -> None:
    Image.new("RGB", (90, 38), (20, 90, 160)).save(tmp_path / "outside.jpg")
    with (kaifeng / "bulletin.toml").open("a", encoding="utf-8") as config:
        config.write('\n[wechat]\ncover = "../outside.jpg"\n')
    with pytest.raises(EntryErrors) as caught:
        prepare(load_project(kaifeng), "2022-W47")
    assert [p.code for p in caught.value.problems] == ["E-image-outside"]


def test_a_week_without_photos_needs_a_cover(tmp_path: Path) -> None:
    project = write_project(
        tmp_path / "p",
        MINIMAL_TOML,
        {
            "entries/2022-W47/a.yaml": "category: visits\ndate: 2022-11-21\nbody: 入户走访独居老人三户。\n"
        },
    )
    with pytest.raises(EntryErrors) as caught:
        prepare(load_project(project), "2022-W47")
    assert [p.code for p in caught.value.problems] == ["E-publish-no-cover"]


def test_the_final_check_takes_only_images_uploaded_to_wechat() -> None:
    image = '<img style="display:block;max-width:100%" src="https://example.org/a.png">'
    fragment = f'<section style="color:#333">{image}</section>'
    where = Location("entries/2022-W47")
    assert check_fragment(fragment, where) == []  # fine to paste by hand
    [problem] = check_fragment(fragment, where, {"http://mmbiz.qpic.cn/mmbiz_png/a/0"})
    assert problem.code == "E-wechat-image-not-uploaded"  # WeChat would drop it from a draft


# The command line --------------------------------------------------------------------------


@pytest.fixture
def credentials(monkeypatch: pytest.MonkeyPatch) -> None:
    for name, value in ENV.items():
        monkeypatch.setenv(name, value)


def test_the_command_publishes_then_updates(
    kaifeng: Path, wechat: FakeWeChat, run, credentials: None
) -> None:  # type: ignore[no-untyped-def]
    code, out, err = run(kaifeng, "publish", "week-47", "--api-base", wechat.url)
    assert code == 0, out + err
    assert "已在公众号草稿箱新建草稿《开封市社工站十一月第四周工作动态》" in out
    assert "上传图片 11/11" in err and "W-wechat-html-length" in err
    code, out2, err2 = run(kaifeng, "--lang", "en", "publish", "week-47", "--api-base", wechat.url)
    assert code == 0 and "Updated the draft" in out2
    assert "11 of 11 photos were uploaded before" in err2
    for text in (out, err, out2, err2):
        assert not [secret for secret in wechat.secrets() if secret in text]


def test_the_command_reports_refusals_and_where_the_progress_is_kept(
    kaifeng: Path, wechat: FakeWeChat, run, credentials: None
) -> None:  # type: ignore[no-untyped-def]
    wechat.fail("stable_token", errcode=40164, errmsg=ip_fault_message("198.51.100.23"))
    code, out, err = run(kaifeng, "publish", "week-47", "--api-base", wechat.url, "-q")
    assert code == 3
    assert "198.51.100.23" in err and "[E-publish-ip-whitelist]" in err
    assert "cgi-bin/stable_token: error:" in err and "已完成的步骤" not in err  # nothing done
    wechat.fail("draft/add", errcode=45009)
    code, out2, err2 = run(kaifeng, "publish", "week-47", "--api-base", wechat.url, "-q")
    assert code == 3 and "[E-publish-rate-limit]" in err2
    assert f"已完成的步骤记在 {STATE}" in err2
    assert not [s for s in wechat.secrets() if s in out + err + out2 + err2]


def test_without_credentials_the_command_says_how_to_set_them(
    kaifeng: Path, wechat: FakeWeChat, run
) -> None:  # type: ignore[no-untyped-def]
    code, _, err = run(kaifeng, "publish", "week-47", "--api-base", wechat.url)
    assert code == 2 and "[E-publish-credentials-missing]" in err and "WECHAT_APPSECRET" in err
    assert wechat.calls == []


def test_the_secret_is_never_sent_over_plain_http_to_another_host(
    kaifeng: Path, run, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("WECHAT_APPID", "wx0123456789abcdef")
    monkeypatch.setenv("WECHAT_APPSECRET", "s3cr3t-never-shown")
    code, out, err = run(kaifeng, "publish", "week-47", "--api-base", "http://api.example.org")
    assert code == 2 and "[E-publish-api-base]" in err
    assert "s3cr3t-never-shown" not in out + err


def test_a_dry_run_needs_no_credentials(kaifeng: Path, wechat: FakeWeChat, run) -> None:  # type: ignore[no-untyped-def]
    code, out, _ = run(kaifeng, "publish", "week-47", "--dry-run")
    assert code == 0 and "build/2022-W47.publish-dry-run.jsonl" in out
    assert wechat.calls == []


def test_credentials_from_a_file_outside_the_repository(
    kaifeng: Path, wechat: FakeWeChat, tmp_path: Path
) -> None:
    secrets_file = tmp_path / "home" / ".config" / "bulletin" / "wechat.toml"
    secrets_file.parent.mkdir(parents=True)
    secrets_file.write_text(f'appid = "{APPID}"\nappsecret = "{SECRET}"\n', encoding="utf-8")
    with (kaifeng / "bulletin.toml").open("a", encoding="utf-8") as config:
        config.write(f'\n[wechat]\ncredentials_file = "{secrets_file.as_posix()}"\n')
    publisher = Publisher(kaifeng, wechat)
    publisher(environ={})
    assert len(wechat.drafts) == 1
    publisher.assert_no_secret_seen()


def test_a_credentials_file_inside_the_repository_is_refused(
    kaifeng: Path, wechat: FakeWeChat
) -> None:
    (kaifeng / "wechat.toml").write_text(f'appid = "{APPID}"\nappsecret = "{SECRET}"\n')
    with (kaifeng / "bulletin.toml").open("a", encoding="utf-8") as config:
        config.write('\n[wechat]\ncredentials_file = "wechat.toml"\n')
    publisher = Publisher(kaifeng, wechat)
    failure = publisher.fails(environ={})
    assert isinstance(failure, UsageError)
    assert [p.code for p in failure.problems] == ["E-publish-credentials-in-repository"]
    assert wechat.calls == []
    publisher.assert_no_secret_seen()


def test_a_secret_in_bulletin_toml_is_a_config_error_that_never_repeats_it(
    kaifeng: Path, run
) -> None:  # type: ignore[no-untyped-def]
    with (kaifeng / "bulletin.toml").open("a", encoding="utf-8") as config:
        config.write(f'\n[wechat]\nappid = "{APPID}"\nappsecret = "{SECRET}"\n')
    code, out, err = run(kaifeng, "check")
    assert code == 2
    assert err.count("[E-config-secret]") == 2 and "bulletin.toml:" in err
    assert SECRET not in out + err


def test_the_overview_can_be_left_out_of_the_article_alone(
    publisher: Publisher, wechat: FakeWeChat, kaifeng: Path, run
) -> None:  # type: ignore[no-untyped-def]
    config = kaifeng / "bulletin.toml"
    config.write_text(config.read_text("utf-8") + "\n[wechat]\noverview = false\n", "utf-8")
    publisher()
    [article] = wechat.drafts.values()
    assert "本周概况" not in article["content"] and rule_breaks(article["content"]) == []
    assert len(article["content"]) < 21_000  # with it, over 40,000
    assert run(kaifeng, "build", "47")[0] == 0
    assert "本周概况" in (kaifeng / "build/2022-W47/bulletin.md").read_text("utf-8")
