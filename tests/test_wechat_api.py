"""The API client on its own: what goes over the wire, retries, and errors that keep secrets."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from bulletin.wechat_api import (
    Credentials,
    RetryPolicy,
    Token,
    TransportError,
    Upload,
    UrllibTransport,
    WeChatApiError,
    WeChatClient,
)
from wechat_fake import APPID, SECRET, FakeWeChat


@pytest.fixture
def wechat() -> Iterator[FakeWeChat]:
    fake = FakeWeChat().start()
    yield fake
    fake.stop()


def client(fake: FakeWeChat, sleeps: list[float] | None = None) -> WeChatClient:
    sleep = (sleeps if sleeps is not None else []).append
    return WeChatClient(UrllibTransport(fake.url, timeout=2), RetryPolicy(attempts=3), sleep)


def test_the_backoff_doubles_and_stops_at_its_bound() -> None:
    assert RetryPolicy(attempts=6, first_delay=1, max_delay=8).delays() == [1, 2, 4, 8, 8]


def test_json_goes_out_as_utf8_characters_and_uploads_as_the_media_field(
    wechat: FakeWeChat,
) -> None:
    api = client(wechat)
    token = api.stable_token(Credentials(APPID, SECRET))
    png = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4
    url = api.upload_image(token, Upload("照片.png", png))
    [upload] = [call for call in wechat.calls if call.endpoint == "media/uploadimg"]
    assert upload.filename == "照片.png" and upload.data == png
    assert wechat.image_urls[url] == png  # answered as text/plain, read as JSON all the same
    media_id = api.add_image_material(token, Upload("封面.png", png))
    api.add_draft(token, {"title": "周报", "content": "<p>社工站</p>", "thumb_media_id": media_id})
    assert wechat.violations == []  # no \\u escapes
    assert wechat.calls[-1].body["articles"][0]["title"] == "周报"


def test_errors_carry_the_errcode_and_never_a_secret(wechat: FakeWeChat) -> None:
    api = client(wechat)
    token = api.stable_token(Credentials(APPID, SECRET))
    wechat.fail("draft/add", errcode=45009, errmsg="reach max api daily quota limit")
    with pytest.raises(WeChatApiError) as refused:
        api.add_draft(token, {"title": "周报"})
    assert refused.value.errcode == 45009
    wechat.fail("media/uploadimg", status=503, times=3)
    sleeps: list[float] = []
    with pytest.raises(TransportError) as failed:
        client(wechat, sleeps).upload_image(token, Upload("a.png", b"\x89PNG"))
    assert failed.value.attempts == 3 and sleeps == [1.0, 2.0]
    with pytest.raises(WeChatApiError) as wrong:
        api.stable_token(Credentials(APPID, "not-the-secret"))
    assert wrong.value.errcode == 40125
    shown = [repr(refused.value), str(failed.value), repr(failed.value), repr(wrong.value)]
    shown += [repr(token), repr(Credentials(APPID, SECRET))]
    for secret in [*wechat.secrets(), "not-the-secret"]:
        assert not [text for text in shown if secret in text]


def test_a_token_is_valid_for_what_wechat_says(wechat: FakeWeChat) -> None:
    api = WeChatClient(UrllibTransport(wechat.url), clock=lambda: 1000.0)
    token = api.stable_token(Credentials(APPID, SECRET))
    assert isinstance(token, Token) and 1000 + 7190 <= token.expires_at <= 1000 + 7200
